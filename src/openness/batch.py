"""Score several targets at once, concurrently, within each service's limits.

Each target is fetched and scored in a worker process with a deadline (see ``score_many``); each
service (GitHub, the Hugging Face Hub, the local disk …: what each registered source declares) has
at most as many workers at once as it should see fetches. A target that fails or times out keeps
its place with the reason: one bad target never sinks the others.
"""

from __future__ import annotations

import multiprocessing
import signal
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
class _Worker:
    """One forked worker process: it scores the targets it is sent, one at a time, until told to stop."""

    service: str
    process: BaseProcess
    connection: Connection
    job: int | None = None
    deadline: float | None = None


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
    and the caller's settings, environment and registered sources are inherited; only a target's
    index is sent) and each serves one target after another, so what a process builds once (the
    licence library, tokenised reference texts) is built once per worker, not once per target;
    a worker that timed out is killed and replaced. The result comes back as the assessment's
    JSON over a pipe, and the worker's progress events are forwarded to the caller's listener.
    Each service has at most as many workers as its sources declare (``SERVICE_LIMITS``), so
    comparing ten Hub models does not hammer the Hub, and does not make a GitHub fetch wait behind
    them; workers of different services run on different cores. On a platform without ``fork``
    the targets are scored one after another in this process, without a time limit.

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
    """The forked workers of one ``score_many`` call: per service, up to its limit, reused across targets."""

    def __init__(self, targets: Sequence[Target], score: Callable[[Target], Assessment], timeout: float | None,
                 on_done: Callable[[Scored], None] | None) -> None:
        self.targets, self.score, self.timeout, self.on_done = targets, score, timeout, on_done
        self.results: list[Scored | None] = [None] * len(targets)
        self.waiting: dict[str, deque[int]] = {}
        for index, target in enumerate(targets):
            self.waiting.setdefault(service_of(target), deque()).append(index)
        self.workers: list[_Worker] = []
        self.context = multiprocessing.get_context("fork")

    def run(self) -> list[Scored]:
        try:
            while self._assign() or any(w.job is not None for w in self.workers):
                self._wait()
            for worker in self.workers:
                worker.connection.send(None)  # done: the worker exits
                worker.process.join()
        finally:
            for worker in self.workers:  # interrupted: leave no worker behind
                if worker.process.is_alive():
                    worker.process.kill()
                    worker.process.join()
                worker.connection.close()
        return [result for result in self.results if result is not None]

    def _assign(self) -> bool:
        """Send every waiting target its service has a free worker (or room for one) for; whether any still waits."""
        for service, queue in self.waiting.items():
            while queue:
                worker = next((w for w in self.workers if w.service == service and w.job is None), None)
                if worker is None:
                    if sum(w.service == service for w in self.workers) >= SERVICE_LIMITS.get(service, 1):
                        break
                    worker = self._spawn(service)
                worker.job = queue.popleft()
                worker.deadline = None if self.timeout is None else time.monotonic() + self.timeout
                worker.connection.send(worker.job)
        return any(self.waiting.values())

    def _spawn(self, service: str) -> _Worker:
        mine, theirs = self.context.Pipe()
        process = self.context.Process(target=_serve, args=(theirs, self.targets, self.score),
                                       name=f"openness-{service}", daemon=True)
        process.start()
        theirs.close()
        worker = _Worker(service, process, mine)
        self.workers.append(worker)
        return worker

    def _wait(self) -> None:
        busy = [w for w in self.workers if w.job is not None]
        deadlines = [w.deadline for w in busy if w.deadline is not None]
        left = max(0.0, min(deadlines) - time.monotonic()) if deadlines else None
        ready = wait([w.connection for w in busy], timeout=left)
        for worker in busy:
            if worker.connection in ready:
                self._receive(worker)
        now = time.monotonic()
        for worker in busy:
            if worker.job is not None and worker.deadline is not None and now >= worker.deadline:
                self._retire(worker, f"timed out after {self.timeout:g} s")

    def _receive(self, worker: _Worker) -> None:
        assert worker.job is not None
        try:
            kind, payload = worker.connection.recv()
        except (EOFError, OSError):  # the worker died without a word (killed, out of memory)
            worker.process.join()
            self._retire(worker, f"internal error: the worker stopped (exit code {worker.process.exitcode})")
            return
        if kind == "event":
            progress.forward(payload)
            return
        name, error, document = payload
        try:
            assessment = None if document is None else Assessment.model_validate_json(document)
        except ValueError as problem:  # a bug: the assessment did not survive its own JSON
            error, assessment = f"internal error: the assessment does not read back: {problem}", None
        self._finish(worker, Scored(name, assessment=assessment, error=error))

    def _retire(self, worker: _Worker, reason: str) -> None:
        """Stop a worker that hangs or died; its target fails with ``reason``, and a new worker takes its place."""
        assert worker.job is not None
        index, worker.job = worker.job, None
        worker.process.kill()
        worker.process.join()
        worker.connection.close()
        self.workers.remove(worker)
        self.results[index] = _finish(self.targets[index], Scored(str(self.targets[index]), error=reason),
                                      self.on_done)

    def _finish(self, worker: _Worker, result: Scored) -> None:
        assert worker.job is not None
        index, worker.job, worker.deadline = worker.job, None, None
        self.results[index] = _finish(self.targets[index], result, self.on_done)


def _serve(connection: Connection, targets: Sequence[Target], score: Callable[[Target], Assessment]) -> None:
    """In a worker: score each target whose index arrives, sending its progress events and then its
    result; stop at ``None`` or when the parent has gone."""
    def sink(event: progress.Event) -> None:
        connection.send(("event", event))

    # Ctrl-C reaches the whole process group: the parent handles it (and kills its workers), so a
    # worker does not die with a traceback of its own.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    while True:
        try:
            index = connection.recv()
        except EOFError:
            return
        if index is None:
            return
        target = targets[index]
        with progress.listening(sink), progress.within(str(target)):
            result = _score_one(target, score)
        # The assessment travels as its JSON (its generic fact models do not pickle), the contract it keeps anyway.
        connection.send(("result", (result.target, result.error,
                                    None if result.assessment is None else result.assessment.model_dump_json())))


def _score_one(target: Target, score: Callable[[Target], Assessment]) -> Scored:
    try:
        return Scored(str(target), assessment=score(target))
    except OpennessError as error:
        return Scored(str(target), error=str(error))
    except Exception as error:  # a bug in one target's path must not lose the other columns
        return Scored(str(target), error=f"internal error: {type(error).__name__}: {error}")
