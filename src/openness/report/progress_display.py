"""How the CLI shows progress events (``openness.progress``) on stderr.

Not a terminal (CI logs, a pipe): one plain line per event. A terminal: a live rich display
naming the target and its current step (a bar when several targets are scored), cleared at the
end; events worth keeping (something skipped or unreachable) are printed above it as lines.
Messages carry target names and host errors, so they are never parsed as rich markup.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.text import Text

from ..progress import Event, Sink
from .terminal import plain

KEPT = frozenset({"skip", "unreachable", "failed"})
"""Events a live display also prints as lines: they explain the result, so they must stay visible."""


def event_line(event: Event) -> str:
    """``openness: hf:org/m: following dataset org/d``: one line, control characters removed."""
    where = f"{event.target}: " if event.target and event.target not in event.message else ""
    return plain(f"openness: {where}{event.message}")


def line_sink(console: Console) -> Sink:
    """One line per event (the listener may be called from several worker threads)."""
    lock = threading.Lock()

    def sink(event: Event) -> None:
        with lock:
            console.print(Text(event_line(event)), style="dim", soft_wrap=True, highlight=False)
    return sink


@contextmanager
def live_sink(console: Console, total: int = 1) -> Iterator[Sink]:
    """A live display of the current step; with ``total`` > 1, a bar of finished targets too."""
    columns = [SpinnerColumn(), TextColumn("{task.description}", markup=False)]
    if total > 1:
        columns += [BarColumn(), MofNCompleteColumn()]
    lock = threading.Lock()
    with Progress(*columns, TimeElapsedColumn(), console=console, transient=True) as shown:
        task = shown.add_task("openness: starting", total=total)

        def sink(event: Event) -> None:
            with lock:
                shown.update(task, description=event_line(event))
                if event.kind in KEPT:
                    shown.console.print(Text(event_line(event)), style="dim", soft_wrap=True, highlight=False)
                if event.kind in {"done", "failed"}:
                    shown.advance(task)
        yield sink


@contextmanager
def progress_sink(console: Console, *, quiet: bool, total: int = 1) -> Iterator[Sink | None]:
    """The sink a command listens with: none when quiet, live on a terminal, lines otherwise."""
    if quiet:
        yield None
    elif console.is_terminal:
        with live_sink(console, total) as sink:
            yield sink
    else:
        yield line_sink(console)
