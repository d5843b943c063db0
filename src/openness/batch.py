"""Score several targets at once, concurrently, within each service's limits.

Each target is fetched and scored in a worker process with a deadline (see ``score_many``); each
service (GitHub, the Hugging Face Hub, the local disk …: what each registered source declares) has
at most as many workers at once as it should see fetches. A target that fails or times out keeps
its place with the reason: one bad target never sinks the others.
"""

from __future__ import annotations

import multiprocessing
import time
from collections import deque
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess

from . import progress
from .assessment import Assessment, Scored
from .errors import OpennessError
from .fetch import registry
from .targets import Target

LOCAL_SERVICE = "local"


class _ServiceLimits(Mapping[str, int]):
    """Concurrent fetches per service, as the registered sources declare them.

    Hosts throttle per token, not per thread, so the limit is the source's, not the machine's.
    """

    def _limits(self) -> dict[str, int]:
        limits: dict[str, int] = {}
        for source in registry.sources():
            limits[source.service] = min(limits.get(source.service, source.concurrency), source.concurrency)
        return limits

    def __getitem__(self, service: str) -> int:
        return self._limits()[service]

    def __iter__(self) -> Iterator[str]:
        return iter(self._limits())

    def __len__(self) -> int:
        return len(self._limits())


SERVICE_LIMITS: Mapping[str, int] = _ServiceLimits()


def service_of(target: Target) -> str:
    """The service a target's fetch mostly talks to (a saved evidence file is local)."""
    source = registry.get(target.kind)
    return source.service if source is not None else LOCAL_SERVICE


DEFAULT_TARGET_TIMEOUT = 300.0
"""Seconds one target of a comparison may take (fetch and score) before its column is given up."""


@dataclass
class _Running:
    index: int
    process: BaseProcess
    deadline: float | None


def score_many(
    targets: Sequence[Target],
    score: Callable[[Target], Assessment],
    *,
    on_done: Callable[[Scored], None] | None = None,
    timeout: float | None = DEFAULT_TARGET_TIMEOUT,
) -> list[Scored]:
    """``score`` every target; results keep the order of ``targets``.

    **Each target runs in a worker process of its own, with a deadline.** A target over ``timeout``
    seconds (None: no limit) has its process killed and becomes a failed column ("timed out after
    N s") while the others complete. A process, not a thread, because what can hang is our own
    code on hostile input (a backtracking pattern, a huge card) or a stalled socket, and a Python
    thread cannot be stopped: it would keep its CPU and memory, and keep the process from exiting,
    for as long as the hang lasts. Workers are forked (cheap: the modules are already imported,
    and the caller's settings, environment and registered sources are inherited, nothing is
    pickled on the way in); the result comes back pickled over a pipe, and the worker's progress
    events are forwarded to the caller's listener. At most as many workers per service run at once
    as its sources declare (``SERVICE_LIMITS``), so comparing ten Hub models does not hammer the
    Hub, and does not make a GitHub fetch wait behind them. On a platform without ``fork`` the
    targets are scored one after another in this process, without a time limit.

    ``on_done`` is called (in the calling thread) as each target finishes, for progress.
    """
    if "fork" not in multiprocessing.get_all_start_methods():
        return [_finish(target, _score_one(target, score), on_done) for target in targets]
    return _Workers(targets, score, timeout, on_done).run()


def _finish(target: Target, result: Scored, on_done: Callable[[Scored], None] | None) -> Scored:
    with progress.within(str(target)):
        if result.ok:
            progress.emit("done", f"scored {target}")
        else:
            progress.emit("failed", f"could not score {target}: {result.error}")
    if on_done is not None:
        on_done(result)
    return result


class _Workers:
    """The forked workers of one ``score_many`` call, started per service within its limit."""

    def __init__(self, targets: Sequence[Target], score: Callable[[Target], Assessment], timeout: float | None,
                 on_done: Callable[[Scored], None] | None) -> None:
        self.targets, self.score, self.timeout, self.on_done = targets, score, timeout, on_done
        self.results: list[Scored | None] = [None] * len(targets)
        self.waiting: dict[str, deque[int]] = {}
        for index, target in enumerate(targets):
            self.waiting.setdefault(service_of(target), deque()).append(index)
        self.running: dict[Connection, _Running] = {}
        self.context = multiprocessing.get_context("fork")

    def run(self) -> list[Scored]:
        try:
            while self._start_ready() or self.running:
                self._wait()
        finally:
            for job in self.running.values():  # interrupted: leave no worker behind
                job.process.kill()
                job.process.join()
        return [result for result in self.results if result is not None]

    def _start_ready(self) -> bool:
        """Start every waiting target its service has room for; whether any target is still waiting."""
        busy: dict[str, int] = {}
        for job in self.running.values():
            service = service_of(self.targets[job.index])
            busy[service] = busy.get(service, 0) + 1
        for service, queue in self.waiting.items():
            while queue and busy.get(service, 0) < SERVICE_LIMITS.get(service, 1):
                self._start(queue.popleft())
                busy[service] = busy.get(service, 0) + 1
        return any(self.waiting.values())

    def _start(self, index: int) -> None:
        receiver, sender = self.context.Pipe(duplex=False)
        process = self.context.Process(target=_work, args=(sender, self.targets[index], self.score),
                                       name=f"openness-{service_of(self.targets[index])}", daemon=True)
        process.start()
        sender.close()
        deadline = None if self.timeout is None else time.monotonic() + self.timeout
        self.running[receiver] = _Running(index, process, deadline)

    def _wait(self) -> None:
        deadlines = [job.deadline for job in self.running.values() if job.deadline is not None]
        left = max(0.0, min(deadlines) - time.monotonic()) if deadlines else None
        for receiver in wait(list(self.running), timeout=left):
            assert isinstance(receiver, Connection)
            self._receive(receiver)
        now = time.monotonic()
        for receiver, job in list(self.running.items()):
            if job.deadline is not None and now >= job.deadline:
                self._done(receiver, Scored(str(self.targets[job.index]),
                                            error=f"timed out after {self.timeout:g} s"), kill=True)

    def _receive(self, receiver: Connection) -> None:
        job = self.running[receiver]
        target = self.targets[job.index]
        try:
            kind, payload = receiver.recv()
        except (EOFError, OSError):  # the worker died without a word (killed, out of memory)
            job.process.join()
            self._done(receiver, Scored(str(target), error=f"internal error: the worker stopped "
                                                          f"(exit code {job.process.exitcode})"))
            return
        if kind == "event":
            progress.forward(payload)
            return
        name, error, document = payload
        try:
            assessment = None if document is None else Assessment.model_validate_json(document)
        except ValueError as problem:  # a bug: the assessment did not survive its own JSON
            error, assessment = f"internal error: the assessment does not read back: {problem}", None
        self._done(receiver, Scored(name, assessment=assessment, error=error))

    def _done(self, receiver: Connection, result: Scored, *, kill: bool = False) -> None:
        job = self.running.pop(receiver)
        if kill:
            job.process.kill()
        job.process.join()
        receiver.close()
        self.results[job.index] = _finish(self.targets[job.index], result, self.on_done)


def _work(sender: Connection, target: Target, score: Callable[[Target], Assessment]) -> None:
    """In the worker: score one target, sending progress events and then the result to the parent."""
    def sink(event: progress.Event) -> None:
        sender.send(("event", event))

    with progress.listening(sink), progress.within(str(target)):
        result = _score_one(target, score)
    # The assessment travels as its JSON (its generic fact models do not pickle), the contract it keeps anyway.
    sender.send(("result", (result.target, result.error,
                            None if result.assessment is None else result.assessment.model_dump_json())))
    sender.close()


def _score_one(target: Target, score: Callable[[Target], Assessment]) -> Scored:
    try:
        return Scored(str(target), assessment=score(target))
    except OpennessError as error:
        return Scored(str(target), error=str(error))
    except Exception as error:  # a bug in one target's path must not lose the other columns
        return Scored(str(target), error=f"internal error: {type(error).__name__}: {error}")
