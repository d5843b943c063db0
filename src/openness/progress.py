"""Progress events: what a run is doing, named, for whoever listens (the CLI prints them on stderr).

Library code calls ``emit(kind, message)`` at each step ("fetching hf:org/m", "following dataset
org/d", "scoring"); nothing is printed unless a caller installed a sink with ``listening``. The
sink is context-local (a ``ContextVar``), so two runs in one process (tests, a server) never see
each other's events; ``within(target)`` names the target the events of a block belong to, and
``openness.batch`` forwards the events of its worker processes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Literal

EventKind = Literal["fetch", "follow", "skip", "unreachable", "score", "write", "done", "failed"]
"""fetch: a source is being read; follow: a linked member is fetched; skip: something was left out
(budget, --no-follow); unreachable: a source could not be read; score: analysis runs; write: a report
is written; done / failed: one target of several finished."""


@dataclass(frozen=True)
class Event:
    kind: EventKind
    message: str
    """One line, lower case, no trailing full stop: "following dataset EleutherAI/pile"."""
    target: str | None = None
    """The target the event belongs to, when a run scores several."""


Sink = Callable[[Event], None]

_SINK: ContextVar[Sink | None] = ContextVar("openness_progress_sink", default=None)
_TARGET: ContextVar[str | None] = ContextVar("openness_progress_target", default=None)


def emit(kind: EventKind, message: str) -> None:
    """Tell the listener, if any, what is happening now. Cheap when nobody listens."""
    sink = _SINK.get()
    if sink is not None:
        sink(Event(kind, message, _TARGET.get()))


def forward(event: Event) -> None:
    """Pass on an event made elsewhere (a worker process of ``openness.batch``) as it is."""
    sink = _SINK.get()
    if sink is not None:
        sink(event)


@contextmanager
def listening(sink: Sink | None) -> Iterator[None]:
    """Send the events of this block (and of the workers ``openness.batch`` starts in it) to ``sink``."""
    token = _SINK.set(sink)
    try:
        yield
    finally:
        _SINK.reset(token)


@contextmanager
def within(target: str) -> Iterator[None]:
    """Events of this block belong to ``target``."""
    token = _TARGET.set(target)
    try:
        yield
    finally:
        _TARGET.reset(token)
