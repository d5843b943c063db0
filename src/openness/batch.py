"""Score several targets at once, concurrently, within each service's limits.

A thread pool runs the fetches; a semaphore per service (GitHub, the Hugging Face Hub,
the local disk) bounds how many run against it at the same time, so comparing ten Hub
models does not hammer the Hub while a GitHub fetch waits. A target that fails keeps its
place with the reason: one bad target never sinks the others.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from .assessment import Assessment
from .errors import OpennessError
from .targets import Target

SERVICE_LIMITS = {"github": 4, "huggingface": 4, "local": 2}
"""Concurrent fetches per service. The Hub and GitHub throttle per token, not per thread."""


@dataclass(frozen=True)
class Scored:
    """One target of a batch: its assessment, or the reason it could not be scored."""

    target: str
    assessment: Assessment | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.assessment is not None


def service_of(target: Target) -> str:
    """The service a target's fetch mostly talks to (a saved evidence file is local)."""
    if target.kind == "github":
        return "github"
    if target.kind in {"hf_model", "hf_dataset"}:
        return "huggingface"
    return "local"


def score_many(
    targets: Sequence[Target],
    score: Callable[[Target], Assessment],
    *,
    on_done: Callable[[Scored], None] | None = None,
) -> list[Scored]:
    """``score`` every target; results keep the order of ``targets``.

    ``on_done`` is called (from a worker thread) as each target finishes, for progress.
    """
    services = {service_of(t) for t in targets}
    limits = {s: threading.BoundedSemaphore(SERVICE_LIMITS[s]) for s in services}
    workers = max(1, min(len(targets), sum(SERVICE_LIMITS[s] for s in services)))

    def run(target: Target) -> Scored:
        with limits[service_of(target)]:
            result = _score_one(target, score)
        if on_done is not None:
            on_done(result)
        return result

    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="openness-fetch") as pool:
        return list(pool.map(run, targets))


def _score_one(target: Target, score: Callable[[Target], Assessment]) -> Scored:
    try:
        return Scored(str(target), assessment=score(target))
    except OpennessError as error:
        return Scored(str(target), error=str(error))
    except Exception as error:  # a bug in one target's path must not lose the other columns
        return Scored(str(target), error=f"internal error: {type(error).__name__}: {error}")
