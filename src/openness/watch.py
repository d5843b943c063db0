"""``openness watch``: rescore a list of targets, record what changed, and say what it was.

Made to run from cron or a scheduled CI job. Fetches go through the HTTP cache, so a target that did
not change is answered by conditional requests (304s, which GitHub does not count against the rate
limit); a target whose revision and report are the same as its latest record is reported as
unchanged and not recorded again, so the history keeps one record per change rather than per run.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from . import api
from .diff import ReportDiff, diff_reports
from .errors import UsageError
from .history import open_store
from .safe_read import MiB, read_regular_text, shown
from .targets import parse_target

WatchStatus = Literal["new", "changed", "unchanged", "failed"]
LIST_LIMIT = 1 * MiB


@dataclass(frozen=True)
class Watched:
    """One target of a watch run: what happened, the diff against its latest record, or why it failed."""

    target: str
    status: WatchStatus
    diff: ReportDiff | None = None
    error: str | None = None
    record: int | None = None


def read_watch_list(path: Path) -> list[str]:
    """One target per line; blank lines and ``#`` comments are skipped. Every target is checked first."""
    text = read_regular_text(path, LIST_LIMIT, "watch list", UsageError)
    targets = [line.split("#", 1)[0].strip() for line in text.splitlines()]
    targets = [t for t in targets if t]
    if not targets:
        raise UsageError(f"{shown(path)}: no targets (one per line)")
    for target in targets:
        parse_target(target)
    return targets


def watch(targets: Sequence[str], *, db: str | None = None, profile: str | None = None,
          criteria_file: Path | None = None, offline: bool = False, use_cache: bool = True,
          follow_links: bool = True) -> list[Watched]:
    """Score every target (concurrently), diff each against its latest record, record the changed ones."""
    columns = api.compare(targets, profile=profile, criteria_file=criteria_file, offline=offline,
                          use_cache=use_cache, follow_links=follow_links)
    store = open_store(db)
    results = []
    try:
        for column in columns:
            if column.assessment is None:
                results.append(Watched(column.target, "failed", error=column.error))
                continue
            new = column.assessment
            entries = store.timeline(*api.history_key(parse_target(column.target)))
            if not entries:
                results.append(Watched(column.target, "new", record=store.record(new)))
                continue
            old = store.report(entries[-1].id)
            diff = diff_reports(old, new)
            if diff.empty and old.target.revision == new.target.revision:
                results.append(Watched(column.target, "unchanged", diff=diff))
            else:
                results.append(Watched(column.target, "changed", diff=diff, record=store.record(new)))
    finally:
        store.close()
    return results
