"""The library API: what the CLI calls, and what other programs can call.

    >>> from openness.api import score
    >>> assessment = score(".")
    >>> assessment.score.overall, assessment.score.grade, assessment.score.passed

Settings are resolved once, the same way for every entry point (``resolve_settings``: flags,
i.e. the keyword arguments, over the project's ``[tool.openness]`` over defaults; a scored
checkout's own table counts only when it is the working directory, or named as ``project_config``);
the gates' verdict is ``assessment.score.passed``, ``assessment.score.gates`` lists each gate
with its reason, and ``assessment.score.gate`` is the reason of the first that failed.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from pathlib import Path

from . import __version__, clock, progress
from .assess import assess
from .assessment import Assessment, Scored
from .batch import DEFAULT_TARGET_TIMEOUT, score_many
from .criteria import CriteriaSet, load_criteria_set
from .diff import ReportDiff, diff_reports
from .errors import UsageError
from .evidence import Evidence
from .fetch import FetchOptions, fetch
from .frameworks import mot_record
from .frameworks.mot_record import RecordResult
from .history import HistoryEntry, opened_store
from .inventory import build_inventory
from .safe_read import MiB, read_regular_text, shown
from .settings import Resolved, Settings, resolve_comparison, resolve_settings
from .targets import Target, parse_target
from .warm_up import warm_up

__all__ = ["Resolved", "Settings", "classify_mot_record", "compare", "criteria_for", "diff", "fetch_evidence",
           "history", "history_key", "load_report", "record", "resolve_comparison", "resolve_settings", "score", "score_evidence"]

REPORT_LIMIT = 256 * MiB
"""The largest saved JSON report ``diff`` reads (a report of a 1,000,000-file tree is well below)."""


def fetch_evidence(target: str | Target, *, offline: bool = False, use_cache: bool = True,
                   follow_links: bool = True, read_config: bool = False) -> Evidence:
    """Fetch the evidence for a target given as text (``github:o/r``, ``hf:org/m``, a path …);
    ``read_config`` also reads what only the bills of materials use (``FetchOptions.read_config``)."""
    options = FetchOptions(now=clock.now(), offline=offline, use_cache=use_cache, follow_links=follow_links,
                           read_config=read_config)
    parsed = _parsed(target)
    progress.emit("fetch", f"fetching {parsed}")
    return fetch(parsed, options)


def score_evidence(evidence: Evidence, settings: Settings | None = None) -> Assessment:
    """Assess already fetched evidence under ``settings`` (default: the defaults, as a saved
    evidence file has no project config); pure apart from the report timestamp."""
    progress.emit("score", f"scoring {evidence.members[0].id}" if evidence.members else "scoring")
    return assess(evidence, settings or resolve_settings(), clock.now().isoformat(timespec="seconds"), __version__)


def score(target: str | Target, *, profile: str | None = None, criteria_file: Path | None = None,
          fail_under: float | None = None, min_coverage: float | None = None, kind: str | None = None,
          project_config: Path | None = None, require: Sequence[str] = (), fail_on_unknown: bool = False,
          offline: bool = False, use_cache: bool = True, follow_links: bool = True,
          read_config: bool = False) -> Assessment:
    """Fetch and assess a target in one call (``read_config``: also what only the bills of materials use).

    ``profile``, ``criteria_file``, ``fail_under``, ``min_coverage`` and ``kind`` act as flags: given,
    they override the project's ``[tool.openness]`` (``project_config``, else the target's own only
    when it is the working directory); ``None`` leaves the choice to it, then to the defaults.
    ``require`` and ``fail_on_unknown`` are the ``--require`` and ``--fail-on-unknown`` gates.
    """
    parsed = _parsed(target)
    settings = resolve_settings(parsed, profile=profile, criteria_file=criteria_file, fail_under=fail_under,
                                min_coverage=min_coverage, kind=kind, project_config=project_config,
                                require=require, fail_on_unknown=fail_on_unknown)
    evidence = fetch_evidence(parsed, offline=offline, use_cache=use_cache, follow_links=follow_links,
                              read_config=read_config)
    return score_evidence(evidence, settings)


def compare(targets: Sequence[str | Target], *, profile: str | None = None, criteria_file: Path | None = None,
            fail_under: float | None = None, min_coverage: float | None = None, kind: str | None = None,
            project_config: Path | None = None, offline: bool = False, use_cache: bool = True,
            follow_links: bool = True, timeout: float | None = DEFAULT_TARGET_TIMEOUT,
            on_done: Callable[[Scored], None] | None = None) -> list[Scored]:
    """Score several targets concurrently (bounded per service), in the order given, on one
    profile and criteria (see ``resolve_comparison``: flags, else the project's ``[tool.openness]``).

    Malformed targets and bad settings raise before anything is fetched; a target that cannot be
    fetched or scored, or takes more than ``timeout`` seconds (None: no limit), keeps its place as
    a ``Scored`` with ``error`` set.
    """
    parsed = [_parsed(t) for t in targets]
    settings = dict(zip(parsed, resolve_comparison(parsed, profile=profile, criteria_file=criteria_file,
                                                   fail_under=fail_under, min_coverage=min_coverage, kind=kind,
                                                   project_config=project_config), strict=True))

    def scorer(target: Target) -> Assessment:
        evidence = fetch_evidence(target, offline=offline, use_cache=use_cache, follow_links=follow_links)
        return score_evidence(evidence, settings[target])

    if parsed:
        warm_up((t.kind for t in parsed), settings[parsed[0]])  # the forked workers inherit it
    return score_many(parsed, scorer, on_done=on_done, timeout=timeout)


def criteria_for(profile: str = "default", criteria_file: Path | None = None) -> CriteriaSet:
    """The validated criteria set a run would use."""
    return load_criteria_set(profile, criteria_file)


def _parsed(target: str | Target) -> Target:
    return parse_target(target) if isinstance(target, str) else target


def classify_mot_record(path: Path, *, verify: bool = False, offline: bool = False,
                        use_cache: bool = True) -> RecordResult:
    """A Model Openness Tool record's class and progress by the Tool's rules; with ``verify``, where
    the self-reported record and the fetched evidence disagree, component by component."""
    record = mot_record.load_record(path)
    result = mot_record.classify_record(record, str(path))
    if not verify:
        return result
    target = mot_record.verify_target(record)
    if target is None:
        raise UsageError(f"{path}: --verify needs release.huggingface or release.repository in the record")
    evidence = fetch_evidence(target, offline=offline, use_cache=use_cache)
    return result.model_copy(update={"verification": mot_record.compare(record, build_inventory(evidence)),
                                     "verified_against": target})


def record(assessments: Sequence[Assessment], db: str | None = None) -> list[int]:
    """Put reports into the history store at ``db`` (default: ``OPENNESS_DB``, else the user data
    directory); the new records' ids."""
    with opened_store(db) as store:
        return [store.record(a) for a in assessments]


def history(target: str | Target, db: str | None = None) -> list[HistoryEntry]:
    """A target's recorded reports, oldest first (its revision, if given, is ignored: all are shown)."""
    with opened_store(db) as store:
        return store.timeline(*history_key(_parsed(target)))


def history_key(target: Target) -> tuple[str, str]:
    """How the store knows a target: as its reports name it. A local checkout's report names only its
    folder (a report never shows the path it was made on), so two checkouts of one name share a timeline."""
    return target.kind, (Path(target.id).name if target.kind == "local" else target.id)


def load_report(path: Path) -> Assessment:
    """A saved JSON report (``openness score -f json``), validated."""
    text = read_regular_text(path, REPORT_LIMIT, "report", UsageError)
    try:
        return Assessment.model_validate(json.loads(text))
    except ValueError as error:  # JSONDecodeError and ValidationError both are
        raise UsageError(f"{shown(path)}: not a JSON report of openness "
                         f"({str(error).splitlines()[0]})") from None


def _is_report(text: str) -> bool:
    """Whether a diff argument names a saved report rather than a target (an evidence file is a target)."""
    path = Path(text)
    if path.suffix.lower() != ".json" or not path.is_file():
        return False
    with path.open("rb") as handle:
        head = handle.read(4096)
    return b'"generated_at"' in head and b'"fetched_at"' not in head  # a report's field, an evidence file's


def diff(a: str, b: str | None = None, *, since: date | None = None, db: str | None = None,
         profile: str | None = None, criteria_file: Path | None = None, offline: bool = False,
         use_cache: bool = True, follow_links: bool = True) -> ReportDiff:
    """What changed from ``a`` to ``b``: each a saved JSON report or a target to score now; or, with
    ``since`` and no ``b``, from ``a``'s last recorded report before that date to its latest one."""
    if since is not None:
        if b is not None:
            raise UsageError("diff: give one target with --since, or two reports or targets without it")
        return diff_reports(*_since(a, since, db))
    if b is None:
        raise UsageError("diff needs two reports or targets, or one target and --since DATE")
    sides = []
    for text in (a, b):
        if _is_report(text):
            sides.append(load_report(Path(text)))
        else:
            sides.append(score(text, profile=profile, criteria_file=criteria_file, offline=offline,
                               use_cache=use_cache, follow_links=follow_links))
    return diff_reports(sides[0], sides[1])


def _since(target: str, since: date, db: str | None) -> tuple[Assessment, Assessment]:
    """The record that stood at the start of ``since`` (UTC; else the first one after it) and the latest."""
    parsed = _parsed(target)
    with opened_store(db) as store:
        entries = store.timeline(*history_key(parsed))
        if not entries:
            raise UsageError(f"diff: nothing recorded for {parsed}; score it with --record first")
        start = datetime(since.year, since.month, since.day, tzinfo=UTC)
        before = [e for e in entries if datetime.fromisoformat(e.recorded_at) < start]
        baseline = before[-1] if before else entries[0]
        return store.report(baseline.id), store.report(entries[-1].id)
