"""Score several targets at once, concurrently, within each service's limits.

Each service (GitHub, the Hugging Face Hub, the local disk …: what each registered source
declares) gets its own thread pool, sized by how many fetches it should see at the same time, so comparing ten Hub models
does not hammer the Hub, and does not make a GitHub fetch wait behind them. A target that fails keeps its
place with the reason: one bad target never sinks the others.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextvars import copy_context

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


def score_many(
    targets: Sequence[Target],
    score: Callable[[Target], Assessment],
    *,
    on_done: Callable[[Scored], None] | None = None,
) -> list[Scored]:
    """``score`` every target; results keep the order of ``targets``.

    One thread pool per service, sized by its limit, so a queue of Hub models never holds
    the threads a GitHub fetch needs. ``on_done`` is called (from a worker thread) as each
    target finishes, for progress. Progress events (``openness.progress``) of each target are sent to
    the caller's listener, named by their target.
    """
    def run(target: Target) -> Scored:
        with progress.within(str(target)):
            result = _score_one(target, score)
            if result.ok:
                progress.emit("done", f"scored {target}")
            else:
                progress.emit("failed", f"could not score {target}: {result.error}")
        if on_done is not None:
            on_done(result)
        return result

    services = sorted({service_of(t) for t in targets})
    pools = {s: ThreadPoolExecutor(max_workers=SERVICE_LIMITS.get(s, 1), thread_name_prefix=f"openness-{s}")
             for s in services}
    try:
        # Each worker runs in a copy of the caller's context, so it reports to the caller's progress listener.
        futures = [pools[service_of(t)].submit(copy_context().run, run, t) for t in targets]
        return [future.result() for future in futures]
    finally:
        for pool in pools.values():
            pool.shutdown(wait=True)


def _score_one(target: Target, score: Callable[[Target], Assessment]) -> Scored:
    try:
        return Scored(str(target), assessment=score(target))
    except OpennessError as error:
        return Scored(str(target), error=str(error))
    except Exception as error:  # a bug in one target's path must not lose the other columns
        return Scored(str(target), error=f"internal error: {type(error).__name__}: {error}")
