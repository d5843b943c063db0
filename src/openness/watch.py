"""``openness watch``: rescore a list of targets, record what changed, and say what it was.

Made to run from cron or a scheduled CI job, so a quiet week must cost almost no rate limit. Before
rescoring a target, watch asks where each member of its latest record stands now, with the cheapest
request its source has (``fetch.revision_check``: one per member, a 304 on GitHub while nothing moved).
When every member is at its recorded commit (and a Hub repository's gating is as recorded), and the
record was scored by the same rules (report schema, tool version, profile and criteria), the target is
``unchanged`` without a fetch. Otherwise it is rescored, diffed against its latest record and recorded
when something changed, so the history keeps one record per change rather than per run.

What a revision does not tell, and only ``full`` (``--full``) or the next commit refreshes: host facts
that change without a commit (GitHub's archived flag, stars, contributors), criteria that read the
clock (recent activity), and check parameters of a user's criteria file (a report records each
criterion's weight and text, not its parameters). A record whose fetch had a transient gap (a rate
limit, a server error) is always rescored.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from . import __version__, api
from .assessment import REPORT_SCHEMA_VERSION, Assessment
from .diff import ReportDiff, diff_reports
from .errors import UsageError
from .fetch.http import RequestCounter
from .history import opened_store
from .safe_read import MiB, read_regular_text, shown
from .settings import Settings
from .targets import Target, parse_target

if TYPE_CHECKING:
    from .history import HistoryStore

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
    requests: int | None = None
    """HTTP requests the target cost this run (its revision check and, when rescored, its fetch)."""
    note: str | None = None
    """Why it was or was not rescored, when the revision check decided."""


@dataclass(frozen=True)
class Check:
    """What the revision check of one target found, and what it cost."""

    unchanged: bool
    requests: int
    why: str


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
          follow_links: bool = True, full: bool = False) -> list[Watched]:
    """Check every target's revision, rescore (concurrently) those that may have changed, diff each against
    its latest record and record the changed ones. ``full``: rescore every target, whatever its revision."""
    parsed = [parse_target(t) for t in targets]
    settings = api.resolve_comparison(parsed, profile=profile, criteria_file=criteria_file)
    with opened_store(db) as store:
        latest = [_latest(store, target) for target in parsed]
        checks = [None if offline or full or old is None else check_target(old, target, rules, use_cache=use_cache)
                  for target, old, rules in zip(parsed, latest, settings, strict=True)]
        rescore = [text for text, check in zip(targets, checks, strict=True) if check is None or not check.unchanged]
        columns = iter(api.compare(rescore, profile=profile, criteria_file=criteria_file, offline=offline,
                                   use_cache=use_cache, follow_links=follow_links) if rescore else [])
        results = []
        for text, old, check in zip(targets, latest, checks, strict=True):
            if check is not None and check.unchanged:
                results.append(Watched(text, "unchanged", requests=check.requests, note=check.why))
                continue
            column = next(columns)
            spent = check.requests if check else 0
            note = check.why if check else None
            new = column.assessment
            if new is None:
                results.append(Watched(text, "failed", error=column.error, requests=spent or None, note=note))
            elif old is None:
                results.append(Watched(text, "new", record=store.record(new), requests=spent + new.fetch.requests))
            else:
                diff = diff_reports(old, new)
                if diff.empty and old.target.revision == new.target.revision:
                    results.append(Watched(text, "unchanged", diff=diff, requests=spent + new.fetch.requests,
                                           note=note))
                else:
                    results.append(Watched(text, "changed", diff=diff, record=store.record(new),
                                           requests=spent + new.fetch.requests, note=note))
    return results


def _latest(store: HistoryStore, target: Target) -> Assessment | None:
    entries = store.timeline(*api.history_key(target))
    return store.report(entries[-1].id) if entries else None


def check_target(old: Assessment, target: Target, settings: Settings, *, use_cache: bool = True) -> Check:
    """Whether ``target`` still stands where its latest record ``old`` saw it, under the same rules."""
    from .fetch.github import TRANSIENT_GAPS  # on use: the clients are slow to import
    from .fetch.revision_check import current_head

    if not same_rules(old, settings):
        return Check(False, 0, "rescored: its latest record was scored by other rules or another openness")
    transient = next((g for g in old.fetch.gaps if g.kind in TRANSIENT_GAPS), None)
    if transient is not None:
        return Check(False, 0, f"rescored: its latest record missed {transient.what} ({transient.kind})")
    if not old.members:
        return Check(False, 0, "rescored: its latest record names no repository to check")
    counter = RequestCounter()
    for member in old.members:
        asked = target.revision if member.role == "primary" else None
        head = current_head(member.kind, member.id, asked, counter, use_cache=use_cache)
        if head is None:
            return Check(False, counter.total, f"rescored: where {member.id} stands could not be checked cheaply")
        if head.revision != member.revision:
            return Check(False, counter.total, f"rescored: {member.id} moved to {head.revision[:12]}")
        if head.gated is not None and head.gated != member.gated:
            return Check(False, counter.total, f"rescored: the gating of {member.id} changed")
    at = old.target.revision[:12] if old.target.revision else "its recorded revision"
    return Check(True, counter.total, f"not rescored: still at {at}")


def same_rules(report: Assessment, settings: Settings) -> bool:
    """Whether ``report`` was scored as a run with ``settings`` would score it now: the same report schema
    and openness, profile, gate and declared kind, dimension weights and criteria (id, dimension, weight, text)."""
    criteria = settings.criteria
    profile = report.profile
    if (report.schema_version, report.tool.version) != (REPORT_SCHEMA_VERSION, __version__):
        return False
    if (profile.name, profile.criteria_source, profile.fail_under, profile.kind) != (
            criteria.profile.name, criteria.source, criteria.profile.fail_under, settings.kind.value):
        return False
    rules = sorted((c.id, c.dimension, criteria.weight(c), c.title, c.description) for c in criteria.criteria)
    found = sorted((f.criterion, f.dimension, f.weight, f.title, f.description) for f in report.findings)
    weights: dict[str, float] = {str(name): weight for name, weight in criteria.profile.dimension_weights.items()}
    return rules == found and all(weights.get(name, 0.0) == d.weight for name, d in report.dimensions.items())
