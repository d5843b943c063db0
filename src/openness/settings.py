"""The settings of a run, resolved once: flags over the project's ``[tool.openness]`` over defaults.

``score``, ``compare`` (and later batch runs and the server) all call :func:`resolve_settings`,
so a setting means the same everywhere. Every resolved value keeps its **origin**, so a report
can say which configuration it was made with:

- ``"flag"``: given on the command line (or as an argument of ``openness.api``);
- a path ending in ``pyproject.toml``: the ``[tool.openness]`` table of that file;
- ``"profile"``: the chosen profile's own value (only the gate threshold has one);
- ``"default"``: nothing set it.

A bad value is one line naming the file (or flag) and the field, exit code 2.
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Generic, TypeVar, get_args

from .criteria import AppliesTo, CriteriaSet, load_criteria_set
from .errors import CriteriaError, OpennessError, UsageError
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
    """

    profile: Resolved[str]
    criteria_file: Resolved[Path | None]
    fail_under: Resolved[float | None]
    kind: Resolved[AppliesTo | None]
    criteria: CriteriaSet

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


def resolve_settings(targets: Target | Sequence[Target] = (), *, profile: str | None = None,
                     criteria_file: Path | None = None, fail_under: float | None = None,
                     kind: str | None = None) -> Settings:
    """Resolve a run's settings: each keyword argument is a flag (``None``: not given).

    The project configs consulted are the ``[tool.openness]`` tables of the local targets'
    pyproject.toml files (remote targets have none). A comparison uses one set of settings
    for every column, so when two targets' configs set the same key to different values,
    that is an error unless a flag decides it.
    """
    chosen = [targets] if isinstance(targets, Target) else list(targets)
    configs = [c for c in (load_project_config(t) for t in chosen) if c is not None]
    flags: dict[str, Any] = {"profile": profile, "criteria": criteria_file,
                             "fail_under": _checked_fail_under(fail_under, "--fail-under", UsageError),
                             "kind": _checked_kind(kind, "--kind", UsageError)}

    def pick(name: str, default: Any) -> Resolved[Any]:
        if flags[name] is not None:
            return Resolved(flags[name], FLAG)
        setting = [(c.path, c.values[name]) for c in configs if name in c.values]
        for path, value in setting[1:]:
            if value != setting[0][1]:
                raise CriteriaError(f"{path}: [tool.openness] {_key(name)} = {value!r} disagrees with "
                                    f"{setting[0][0]} ({setting[0][1]!r}); pass --{_key(name)} to choose one")
        return Resolved(setting[0][1], str(setting[0][0])) if setting else Resolved(default, DEFAULT)

    chosen_profile: Resolved[str] = pick("profile", DEFAULT_PROFILE)
    chosen_criteria: Resolved[Path | None] = pick("criteria", None)
    criteria = load_criteria_set(chosen_profile.value, chosen_criteria.value)
    threshold: Resolved[float | None] = pick("fail_under", None)
    if threshold.value is None and criteria.profile.fail_under is not None:
        threshold = Resolved(criteria.profile.fail_under, PROFILE)
    if threshold.value != criteria.profile.fail_under:
        criteria = replace(criteria, profile=criteria.profile.model_copy(update={"fail_under": threshold.value}))
    return Settings(profile=chosen_profile, criteria_file=chosen_criteria, fail_under=threshold,
                    kind=pick("kind", None), criteria=criteria)


def load_project_config(target: Target) -> ProjectConfig | None:
    """The validated ``[tool.openness]`` of a local target's pyproject.toml; None when there is none."""
    if target.kind != "local":
        return None
    path = Path(target.id) / "pyproject.toml"
    if not path.is_file():
        return None
    try:
        data: dict[str, Any] = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError) as error:
        raise CriteriaError(f"{path}: cannot read [tool.openness]: {error}") from None
    tool = data.get("tool", {})
    section = tool.get("openness", {}) if isinstance(tool, dict) else {}
    if not isinstance(section, dict):
        raise CriteriaError(f"{path}: [tool.openness] must be a table")
    unknown = sorted(set(section) - set(_KEYS))
    if unknown:
        raise CriteriaError(f"{path}: [tool.openness]: unknown key '{unknown[0]}' "
                            "(known: profile, criteria, fail-under, kind)")
    values: dict[str, Any] = {}
    for key, raw in section.items():
        values[_KEYS[key]] = _config_value(_KEYS[key], raw, path, f"{path}: [tool.openness] {key}")
    return ProjectConfig(path=path, values=values)


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
    return str(path.parent / raw) if Path(raw).suffix else raw  # a profile file, or a built-in profile's name


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


def _key(name: str) -> str:
    return name.replace("_", "-")
