"""The settings of a run, resolved once: flags over the project's ``[tool.openness]`` over defaults.

``score`` calls :func:`resolve_settings`, ``compare`` :func:`resolve_comparison` (and later
batch runs and the server will call one of them), so a setting means the same everywhere.
Every resolved value keeps its **origin**, so a report can say which configuration it was made
with:

- ``"flag"``: given on the command line (or as an argument of ``openness.api``);
- a path ending in ``pyproject.toml``: the ``[tool.openness]`` table of that file;
- ``"profile"``: the chosen profile's own value (only the gate threshold has one);
- ``"default"``: nothing set it.

A bad value is one line naming the file (or flag) and the field, exit code 2.
"""

from __future__ import annotations

import math
import os
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Generic, TypeVar, get_args

from .criteria import AppliesTo, CriteriaSet, is_profile_path, load_criteria_set
from .errors import CriteriaError, OpennessError, UsageError
from .safe_read import MiB, read_regular_text, shown
from .statement import STATEMENT_KEYS, Statement, load_statement
from .targets import Target

T = TypeVar("T")

FLAG = "flag"
DEFAULT = "default"
PROFILE = "profile"
DEFAULT_PROFILE = "default"
KINDS: tuple[AppliesTo, ...] = get_args(AppliesTo)

_KEYS = {"profile": "profile", "criteria": "criteria", "fail-under": "fail_under", "fail_under": "fail_under",
         "kind": "kind"}
"""``[tool.openness]`` key → setting (``fail_under`` is accepted for ``fail-under``)."""
PYPROJECT_LIMIT = 1 * MiB


@dataclass(frozen=True)
class Resolved(Generic[T]):
    """One setting's value and where it came from (see the module docstring)."""

    value: T
    origin: str


@dataclass(frozen=True)
class Settings:
    """Everything a run is configured by, each value with its origin.

    ``criteria`` is the validated criteria set with the profile and the gate threshold applied:
    resolving loads it, so a bad criteria or profile file fails before anything is fetched.
    The gates are ``fail_under``, the profile's ``thresholds``, ``require`` and ``fail_on_unknown``;
    ``openness.gates`` judges them all.
    """

    profile: Resolved[str]
    criteria_file: Resolved[Path | None]
    fail_under: Resolved[float | None]
    kind: Resolved[AppliesTo | None]
    criteria: CriteriaSet
    require: tuple[str, ...] = ()
    """Criteria that must pass (``--require``), each validated against ``criteria``."""
    fail_on_unknown: bool = False
    statement: Statement | None = None
    """The scored checkout's waivers and maintained status (``openness.statement``); None: none stated."""

    def origins(self) -> dict[str, str]:
        """Setting name → origin, as the assessment records it."""
        return {"profile": self.profile.origin, "criteria": self.criteria_file.origin,
                "fail_under": self.fail_under.origin, "kind": self.kind.origin}


@dataclass(frozen=True)
class ProjectConfig:
    """The validated ``[tool.openness]`` table of one pyproject.toml; paths are already absolute
    to the file's folder. ``values`` holds only the keys the file sets."""

    path: Path
    values: Mapping[str, Any]
    statement: Statement | None = None


def resolve_settings(target: Target | None = None, *, profile: str | None = None,
                     criteria_file: Path | None = None, fail_under: float | None = None,
                     kind: str | None = None, require: Sequence[str] = (),
                     fail_on_unknown: bool = False) -> Settings:
    """Resolve one run's settings: each keyword argument is a flag (``None``: not given); the
    project config is the ``[tool.openness]`` of a local target's pyproject.toml, the statement
    (waivers, status) its ``.openness.yaml`` or that table."""
    flags = _flags(profile, criteria_file, fail_under, kind)
    settings = _resolve([None if target is None else load_project_config(target)], flags)[0]
    return replace(settings, require=checked_require(require, settings.criteria), fail_on_unknown=fail_on_unknown)


def checked_require(require: Sequence[str], criteria: CriteriaSet) -> tuple[str, ...]:
    """``--require`` ids, each a criterion of the run (an unknown one is a usage error listing them all)."""
    ids = [c.id for c in criteria.criteria]
    wanted = tuple(dict.fromkeys(r.strip() for item in require for r in item.split(",") if r.strip()))
    unknown = [r for r in wanted if r not in ids]
    if unknown:
        raise UsageError(f"--require: unknown criterion '{shown(unknown[0])}' (criteria of profile "
                         f"'{criteria.profile.name}': {', '.join(ids)})")
    return wanted


def resolve_comparison(targets: Sequence[Target], *, profile: str | None = None,
                       criteria_file: Path | None = None, fail_under: float | None = None,
                       kind: str | None = None) -> list[Settings]:
    """Settings for each target of a comparison, in order.

    What the scores rest on, the profile and the criteria, is one choice for every column: a flag,
    else the ``[tool.openness]`` of the local targets that set it (remote targets have none; two
    that disagree are an error), else the default. A target's gate and kind stay its own.
    """
    flags = _flags(profile, criteria_file, fail_under, kind)
    return _resolve([load_project_config(t) for t in targets], flags)


def _flags(profile: str | None, criteria_file: Path | None, fail_under: float | None,
           kind: str | None) -> dict[str, Any]:
    """The flags by setting name, validated (a flag's bad value is a usage error)."""
    return {"profile": profile, "criteria": criteria_file,
            "fail_under": _checked_fail_under(fail_under, "--fail-under", UsageError),
            "kind": _checked_kind(kind, "--kind", UsageError)}


def _resolve(own: Sequence[ProjectConfig | None], flags: Mapping[str, Any]) -> list[Settings]:
    """One Settings per entry of ``own`` (each target's config, or None); profile and criteria
    are chosen from all of them together, the gate and the kind from each one's own."""
    shared = [c for c in own if c is not None]
    chosen_profile: Resolved[str] = _pick("profile", flags, shared, DEFAULT_PROFILE)
    chosen_criteria: Resolved[Path | None] = _pick("criteria", flags, shared, None)
    criteria = load_criteria_set(chosen_profile.value, chosen_criteria.value)
    resolved = []
    for config in own:
        mine = [] if config is None else [config]
        threshold: Resolved[float | None] = _pick("fail_under", flags, mine, None)
        if threshold.value is None and criteria.profile.fail_under is not None:
            threshold = Resolved(criteria.profile.fail_under, PROFILE)
        gated = criteria
        if threshold.value != criteria.profile.fail_under:
            gated = replace(criteria, profile=criteria.profile.model_copy(update={"fail_under": threshold.value}))
        if config is not None and config.statement is not None:
            _check_waived_ids(config.statement, criteria)
        resolved.append(Settings(profile=chosen_profile, criteria_file=chosen_criteria, fail_under=threshold,
                                 kind=_pick("kind", flags, mine, None), criteria=gated,
                                 statement=None if config is None else config.statement))
    return resolved


def _check_waived_ids(statement: Statement, criteria: CriteriaSet) -> None:
    """Every waiver names a criterion of the criteria file (one the profile turns off counts: it is known)."""
    ids = [c.id for c in criteria.criteria] + [k for k in criteria.weights if k not in {c.id for c in criteria.criteria}]
    for waiver in statement.waivers:
        if waiver.criterion not in ids:
            raise CriteriaError(f"{statement.source}: waiver '{shown(waiver.criterion)}': unknown criterion "
                                f"(known: {', '.join(ids)})")


def _pick(name: str, flags: Mapping[str, Any], configs: Sequence[ProjectConfig], default: Any) -> Resolved[Any]:
    """The flag, else the value the configs agree on, else the default."""
    if flags[name] is not None:
        return Resolved(flags[name], FLAG)
    found = [(c.path, c.values[name]) for c in configs if name in c.values]
    if not found:
        return Resolved(default, DEFAULT)
    (first_path, first), key = found[0], name.replace("_", "-")
    for path, value in found[1:]:
        if value != first:
            raise CriteriaError(f"{shown(path)}: [tool.openness] {key} = {shown(repr(value))} disagrees with "
                                f"{shown(first_path)} ({shown(repr(first))}); pass --{key} to choose one")
    return Resolved(first, str(first_path))


def load_project_config(target: Target) -> ProjectConfig | None:
    """The validated ``[tool.openness]`` of a local target's pyproject.toml, with the project's
    statement (``.openness.yaml`` or the statement keys of that table); None when there is neither."""
    if target.kind != "local":
        return None
    root = Path(target.id)
    path = root / "pyproject.toml"
    if not os.path.lexists(path):
        statement = load_statement(root)
        return None if statement is None else ProjectConfig(path=path, values={}, statement=statement)
    text = read_regular_text(path, PYPROJECT_LIMIT, "project configuration", CriteriaError)
    table = _openness_table(path, text)
    statement = load_statement(root, table)
    section = {k: v for k, v in table.items() if k not in STATEMENT_KEYS}
    unknown = sorted(set(section) - set(_KEYS))
    if unknown:
        raise CriteriaError(f"{shown(path)}: [tool.openness]: unknown key '{shown(unknown[0])}' "
                            f"(known: profile, criteria, fail-under, kind, {', '.join(sorted(STATEMENT_KEYS))})")
    values: dict[str, Any] = {}
    for key, raw in section.items():
        if _KEYS[key] in values:
            raise CriteriaError(f"{shown(path)}: [tool.openness] {key}: set twice (fail-under and fail_under)")
        values[_KEYS[key]] = _config_value(_KEYS[key], raw, path, f"{shown(path)}: [tool.openness] {key}")
    return ProjectConfig(path=path, values=values, statement=statement)


def _config_value(name: str, raw: Any, path: Path, where: str) -> Any:
    """One ``[tool.openness]`` value, validated; file names are relative to the pyproject.toml."""
    if name == "fail_under":
        return _checked_fail_under(raw, where, CriteriaError)
    if name == "kind":
        return _checked_kind(raw, where, CriteriaError)
    if not isinstance(raw, str) or not raw:
        raise CriteriaError(f"{where} must be a non-empty string")
    if name == "criteria":
        return path.parent / raw
    return str(path.parent / raw) if is_profile_path(raw) else raw  # a profile file, or a built-in profile's name


# A flag's bad value is a UsageError, a config file's a CriteriaError: both one line, exit code 2.

def _checked_fail_under(value: object, where: str, error: type[OpennessError]) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or math.isnan(value) or not 0 <= value <= 100:
        raise error(f"{where} must be a number from 0 to 100")
    return float(value)


def _checked_kind(value: object, where: str, error: type[OpennessError]) -> AppliesTo | None:
    if value is None:
        return None
    for kind in KINDS:
        if value == kind:
            return kind
    raise error(f"{where} must be one of {', '.join(KINDS)}")


def _openness_table(path: Path, text: str) -> dict[str, Any]:
    """The ``[tool.openness]`` table of a pyproject.toml's text (empty when it has none)."""
    try:
        data: dict[str, Any] = tomllib.loads(text)
    except RecursionError:
        raise CriteriaError(f"{shown(path)}: cannot read [tool.openness]: nested too deeply") from None
    except ValueError as error:  # TOMLDecodeError, or an integer too long to convert
        raise CriteriaError(f"{shown(path)}: cannot read [tool.openness]: {error}") from None
    tool = data.get("tool", {})
    section = tool.get("openness", {}) if isinstance(tool, dict) else {}
    if not isinstance(section, dict):
        raise CriteriaError(f"{shown(path)}: [tool.openness] must be a table")
    return section
