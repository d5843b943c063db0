"""The library API: what the CLI calls, and what other programs can call.

    >>> from openness.api import score
    >>> assessment = score(".")
    >>> assessment.score.overall, assessment.score.grade, assessment.score.passed

Settings are resolved once, the same way for every entry point (``resolve_settings``: flags,
i.e. the keyword arguments, over the target's ``[tool.openness]`` over defaults); the gate's
verdict is ``assessment.score.passed``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from . import __version__, clock, progress
from .assess import assess
from .assessment import Assessment, Scored
from .batch import score_many
from .criteria import CriteriaSet, load_criteria_set
from .errors import UsageError
from .evidence import Evidence
from .fetch import FetchOptions, fetch
from .frameworks import mot_record
from .frameworks.mot_record import RecordResult
from .inventory import build_inventory
from .settings import Resolved, Settings, resolve_comparison, resolve_settings
from .targets import Target, parse_target

__all__ = ["Resolved", "Settings", "classify_mot_record", "compare", "criteria_for", "fetch_evidence",
           "resolve_comparison", "resolve_settings", "score", "score_evidence"]


def fetch_evidence(target: str | Target, *, offline: bool = False, use_cache: bool = True,
                   follow_links: bool = True) -> Evidence:
    """Fetch the evidence for a target given as text (``github:o/r``, ``hf:org/m``, a path …)."""
    options = FetchOptions(now=clock.now(), offline=offline, use_cache=use_cache, follow_links=follow_links)
    parsed = _parsed(target)
    progress.emit("fetch", f"fetching {parsed}")
    return fetch(parsed, options)


def score_evidence(evidence: Evidence, settings: Settings | None = None) -> Assessment:
    """Assess already fetched evidence under ``settings`` (default: the defaults, as a saved
    evidence file has no project config); pure apart from the report timestamp."""
    progress.emit("score", f"scoring {evidence.members[0].id}" if evidence.members else "scoring")
    return assess(evidence, settings or resolve_settings(), clock.now().isoformat(timespec="seconds"), __version__)


def score(target: str | Target, *, profile: str | None = None, criteria_file: Path | None = None,
          fail_under: float | None = None, kind: str | None = None, require: Sequence[str] = (),
          fail_on_unknown: bool = False, offline: bool = False,
          use_cache: bool = True, follow_links: bool = True) -> Assessment:
    """Fetch and assess a target in one call.

    ``profile``, ``criteria_file``, ``fail_under`` and ``kind`` act as flags: given, they override
    the target's ``[tool.openness]``; ``None`` leaves the choice to it, then to the defaults.
    """
    parsed = _parsed(target)
    settings = resolve_settings(parsed, profile=profile, criteria_file=criteria_file, fail_under=fail_under,
                                kind=kind, require=require, fail_on_unknown=fail_on_unknown)
    evidence = fetch_evidence(parsed, offline=offline, use_cache=use_cache, follow_links=follow_links)
    return score_evidence(evidence, settings)


def compare(targets: Sequence[str | Target], *, profile: str | None = None, criteria_file: Path | None = None,
            fail_under: float | None = None, kind: str | None = None, offline: bool = False,
            use_cache: bool = True, follow_links: bool = True,
            on_done: Callable[[Scored], None] | None = None) -> list[Scored]:
    """Score several targets concurrently (bounded per service), in the order given, on one
    profile and criteria (see ``resolve_comparison``: flags, else the local targets' ``[tool.openness]``).

    Malformed targets and bad settings raise before anything is fetched; a target that
    cannot be fetched or scored keeps its place as a ``Scored`` with ``error`` set.
    """
    parsed = [_parsed(t) for t in targets]
    settings = dict(zip(parsed, resolve_comparison(parsed, profile=profile, criteria_file=criteria_file,
                                                   fail_under=fail_under, kind=kind), strict=True))

    def scorer(target: Target) -> Assessment:
        evidence = fetch_evidence(target, offline=offline, use_cache=use_cache, follow_links=follow_links)
        return score_evidence(evidence, settings[target])

    return score_many(parsed, scorer, on_done=on_done)


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
