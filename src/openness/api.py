"""The library API: what the CLI calls, and what other programs can call.

    >>> from openness.api import score
    >>> assessment = score(".")
    >>> assessment.score.overall, assessment.score.grade
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Any

from . import __version__, clock
from .assess import assess
from .assessment import Assessment
from .batch import Scored, score_many
from .criteria import CriteriaSet, load_criteria_set
from .errors import CriteriaError, UsageError
from .evidence import Evidence
from .fetch import FetchOptions, fetch
from .frameworks import mot_record
from .frameworks.mot_record import RecordResult
from .inventory import build_inventory
from .targets import Target, parse_target


@dataclass(frozen=True)
class ProjectConfig:
    """``[tool.openness]`` of the scored project's pyproject.toml; flags override it."""

    profile: str | None = None
    fail_under: float | None = None
    criteria: Path | None = None


def fetch_evidence(target: str | Target, *, offline: bool = False, use_cache: bool = True,
                   follow_links: bool = True) -> Evidence:
    """Fetch the evidence for a target given as text (``github:o/r``, ``hf:org/m``, a path …)."""
    parsed = parse_target(target) if isinstance(target, str) else target
    options = FetchOptions(now=clock.now(), offline=offline, use_cache=use_cache, follow_links=follow_links)
    return fetch(parsed, options)


def score_evidence(evidence: Evidence, *, profile: str = "default", criteria_file: Path | None = None,
                   fail_under: float | None = None) -> Assessment:
    """Assess already fetched evidence; pure apart from the report timestamp."""
    criteria = load_criteria_set(profile, criteria_file)
    if fail_under is not None:
        criteria = replace(criteria, profile=criteria.profile.model_copy(update={"fail_under": fail_under}))
    return assess(evidence, criteria, clock.now().isoformat(timespec="seconds"), __version__)


def score(target: str | Target, *, profile: str = "default", criteria_file: Path | None = None,
          fail_under: float | None = None, offline: bool = False, use_cache: bool = True,
          follow_links: bool = True) -> Assessment:
    """Fetch and assess a target in one call."""
    evidence = fetch_evidence(target, offline=offline, use_cache=use_cache, follow_links=follow_links)
    return score_evidence(evidence, profile=profile, criteria_file=criteria_file, fail_under=fail_under)


def compare(targets: Sequence[str | Target], *, profile: str = "default", criteria_file: Path | None = None,
            offline: bool = False, use_cache: bool = True, follow_links: bool = True,
            on_done: Callable[[Scored], None] | None = None) -> list[Scored]:
    """Score several targets concurrently (bounded per service), in the order given.

    Malformed targets and bad criteria raise before anything is fetched; a target that
    cannot be fetched or scored keeps its place as a ``Scored`` with ``error`` set.
    """
    parsed = [parse_target(t) if isinstance(t, str) else t for t in targets]
    load_criteria_set(profile, criteria_file)
    scorer = partial(score, profile=profile, criteria_file=criteria_file, offline=offline,
                     use_cache=use_cache, follow_links=follow_links)
    return score_many(parsed, scorer, on_done=on_done)


def load_project_config(target: Target) -> ProjectConfig:
    """Read ``[tool.openness]`` from a local target's pyproject.toml, if there is one."""
    if target.kind != "local":
        return ProjectConfig()
    path = Path(target.id) / "pyproject.toml"
    if not path.is_file():
        return ProjectConfig()
    try:
        data: dict[str, Any] = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError) as error:
        raise CriteriaError(f"{path}: cannot read [tool.openness]: {error}") from None
    tool = data.get("tool", {})
    section = tool.get("openness", {}) if isinstance(tool, dict) else {}
    if not isinstance(section, dict):
        raise CriteriaError(f"{path}: [tool.openness] must be a table")
    allowed = {"profile", "fail-under", "fail_under", "criteria"}
    unknown = sorted(set(section) - allowed)
    if unknown:
        raise CriteriaError(f"{path}: [tool.openness]: unknown key '{unknown[0]}' (known: profile, fail-under, criteria)")
    fail_under = section.get("fail-under", section.get("fail_under"))
    if fail_under is not None and (isinstance(fail_under, bool) or not isinstance(fail_under, (int, float))
                                   or not 0 <= fail_under <= 100):
        raise CriteriaError(f"{path}: [tool.openness] fail-under must be a number from 0 to 100")
    criteria = section.get("criteria")
    return ProjectConfig(
        profile=str(section["profile"]) if "profile" in section else None,
        fail_under=float(fail_under) if fail_under is not None else None,
        criteria=(path.parent / str(criteria)) if criteria else None,
    )


def criteria_for(profile: str = "default", criteria_file: Path | None = None) -> CriteriaSet:
    """The validated criteria set a run would use."""
    return load_criteria_set(profile, criteria_file)


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
