"""Load and validate criteria and profiles from YAML.

Criteria are data: each names its dimension, the principle it serves, what it applies
to, its weight, the check function that evaluates it with that function's parameters,
its mapping to public frameworks and its remediation. A bad file gets one line naming the
file, the line, the criterion and the field. Files are read as regular files of a bounded size
(``safe_read``) and parsed with bounded aliases and nesting (``yaml_loading``); values are
strictly typed (``weight: true`` is not a number) and a check's parameters are set, not null
or empty.
"""

from __future__ import annotations

import functools
import inspect
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Literal, get_type_hints

import yaml
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError, field_validator

from .errors import CriteriaError, first_problem
from .safe_read import KiB, MiB, shown
from .yaml_loading import BoundedLoader, load_file

Dimension = Literal["transparency", "reproducibility", "accessibility", "licensing"]
DIMENSIONS: tuple[Dimension, ...] = ("transparency", "reproducibility", "accessibility", "licensing")
AppliesTo = Literal["model", "dataset", "software"]
WaiverPolicy = Literal["exclude", "count", "ignore"]


class Criterion(BaseModel):
    """One criterion, exactly as written in the YAML file (strict types: ``weight: true`` is not a number)."""

    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)

    id: str = Field(pattern=r"^[a-z][a-z0-9-]{2,48}$")
    title: str = Field(min_length=3, max_length=100)
    dimension: Dimension
    principle: str = Field(min_length=10, description="The article principle this criterion serves.")
    description: str = Field(min_length=10)
    applies_to: list[AppliesTo] = Field(min_length=1)
    weight: float = Field(gt=0, le=10)
    check: str
    params: dict[str, Any] = Field(default_factory=dict)
    frameworks: dict[str, list[str]] = Field(default_factory=dict)
    remediation: str = Field(min_length=10)

    @field_validator("id", "title", "dimension", "check")
    @classmethod
    def _one_line(cls, value: str) -> str:
        return _printable(value)


class Profile(BaseModel):
    """Weights and thresholds for one kind of user (strict types, as for criteria)."""

    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)

    name: str = Field(min_length=1, max_length=100)
    description: str
    dimension_weights: dict[Dimension, float] = Field(default_factory=lambda: {d: 1.0 for d in DIMENSIONS})
    weights: dict[str, float] = Field(default_factory=dict, description="Criterion id → weight; 0 disables.")
    fail_under: float | None = Field(default=None, ge=0, le=100, allow_inf_nan=False)
    min_coverage: float = Field(
        default=80.0, ge=0, le=100, allow_inf_nan=False,
        description="The gate also needs this much coverage (percent), so a degraded fetch, whose unknowns "
                    "leave the score, cannot pass it.")
    project_config: bool = Field(
        default=True, description="Whether the working directory's [tool.openness] may configure a run chosen "
                                  "with this profile; false for a buyer's profile, where the target must not "
                                  "grade itself.")
    thresholds: dict[Dimension, float] = Field(
        default_factory=dict, description="Dimension → the least score (0–100) it must reach: a gate of its own.")
    waivers: WaiverPolicy = Field(default="exclude", description=(
        "What the project's waivers do: 'exclude' leaves a waived criterion out of the score, as if it did not "
        "apply; 'count' shows it as waived but scores it as found; 'ignore' applies neither them nor "
        "the declared maintained status (the report shows them, marked not applied)."))
    grades: dict[str, float] = Field(default_factory=lambda: {"A": 85.0, "B": 70.0, "C": 55.0, "D": 40.0})

    @field_validator("name")
    @classmethod
    def _one_line(cls, value: str) -> str:
        return _printable(value)

    @field_validator("dimension_weights")
    @classmethod
    def _positive(cls, value: dict[str, float]) -> dict[str, float]:
        if any(not 0 <= w < float("inf") for w in value.values()) or not any(w > 0 for w in value.values()):
            raise ValueError("dimension weights must be finite, ≥ 0, and at least one > 0")
        return value

    @field_validator("thresholds")
    @classmethod
    def _percent(cls, value: dict[str, float]) -> dict[str, float]:
        if any(not 0 <= t <= 100 for t in value.values()):
            raise ValueError("thresholds must be numbers from 0 to 100")
        return value

    @field_validator("weights", "grades")
    @classmethod
    def _finite(cls, value: dict[str, float]) -> dict[str, float]:
        if any(not 0 <= w < float("inf") for w in value.values()):
            raise ValueError("values must be finite numbers ≥ 0")
        for key in value:
            _printable(key)
        return value


def _printable(value: str) -> str:
    """Names and titles are printed in reports and on terminals: one line, no control characters."""
    if not value or not value.isprintable():
        raise ValueError("must be one line of printable text")
    return value


@dataclass(frozen=True)
class CriteriaSet:
    """Validated criteria with a profile applied: what ``assess`` runs."""

    criteria: tuple[Criterion, ...]
    profile: Profile
    source: str
    weights: dict[str, float] = field(default_factory=dict)

    def weight(self, criterion: Criterion) -> float:
        return self.weights.get(criterion.id, criterion.weight)


def _package_file(*parts: str) -> Path:
    return Path(str(resources.files("openness").joinpath("criteria", *parts)))


def default_criteria_path() -> Path:
    return _package_file("openness.yaml")


def profile_path(name: str) -> Path:
    return _package_file("profiles", f"{name}.yaml")


def available_profiles() -> list[str]:
    return sorted(p.stem for p in _package_file("profiles").glob("*.yaml"))


CRITERIA_LIMIT = 1 * MiB
PROFILE_LIMIT = 256 * KiB


class _LineLoader(BoundedLoader):
    """The bounded loader, remembering the line of every mapping as ``__line__``."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        mapping = super().construct_mapping(node, deep=deep)
        mapping["__line__"] = node.start_mark.line + 1
        return mapping


def _load_yaml(path: Path, limit: int, what: str) -> Any:
    return load_file(path, limit=limit, what=what, error=CriteriaError, loader=_LineLoader)


def _strip_lines(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip_lines(v) for k, v in value.items() if k != "__line__"}
    if isinstance(value, list):
        return [_strip_lines(v) for v in value]
    return value


def _first_error(error: ValidationError) -> str:
    field_name, message = first_problem(error)
    return f"field '{shown(field_name)}': {shown(message)}"


def load_criteria(path: Path) -> tuple[Criterion, ...]:
    """Parse and validate a criteria file; the built-in one once per process (it is package data)."""
    return _builtin_criteria() if path == default_criteria_path() else _load_criteria(path)


@functools.cache
def _builtin_criteria() -> tuple[Criterion, ...]:
    return _load_criteria(default_criteria_path())


def _load_criteria(path: Path) -> tuple[Criterion, ...]:
    from .checks import CHECKS  # the registry fills itself on import

    data = _load_yaml(path, CRITERIA_LIMIT, "criteria file")
    if not isinstance(data, dict) or not isinstance(data.get("criteria"), list):
        raise CriteriaError(f"{shown(path)}: expected a mapping with a 'criteria' list")
    criteria: list[Criterion] = []
    seen: set[str] = set()
    for index, raw in enumerate(data["criteria"]):
        line = raw.get("__line__", "?") if isinstance(raw, dict) else "?"
        name = raw.get("id", f"#{index + 1}") if isinstance(raw, dict) else f"#{index + 1}"
        where = f"{shown(path)}: line {line}: criterion '{shown(str(name))}'"
        if not isinstance(raw, dict):
            raise CriteriaError(f"{where}: expected a mapping")
        try:
            criterion = Criterion.model_validate(_strip_lines(raw))
        except ValidationError as error:
            raise CriteriaError(f"{where}: {_first_error(error)}") from None
        if criterion.id in seen:
            raise CriteriaError(f"{where}: field 'id': duplicate id")
        seen.add(criterion.id)
        check = CHECKS.get(criterion.check)
        if check is None:
            raise CriteriaError(f"{where}: field 'check': unknown check '{shown(criterion.check)}'")
        _check_params(criterion, check, where)
        criteria.append(criterion)
    if not criteria:
        raise CriteriaError(f"{shown(path)}: the 'criteria' list is empty")
    return tuple(criteria)


def _check_params(criterion: Criterion, check: Callable[..., Any], where: str) -> None:
    """The criterion's params must be parameters of its check, set (not null or empty), of the declared types."""
    signature = inspect.signature(check)
    accepted = set(signature.parameters) - {"ctx"}
    unknown = set(criterion.params) - accepted
    if unknown:
        first = shown(sorted(map(str, unknown))[0])
        raise CriteriaError(f"{where}: field 'params': check '{criterion.check}' takes no parameter '{first}' "
                            f"(accepted: {', '.join(sorted(accepted)) or 'none'})")
    missing = [name for name, p in signature.parameters.items()
               if name != "ctx" and p.default is inspect.Parameter.empty and name not in criterion.params]
    if missing:
        raise CriteriaError(f"{where}: field 'params': check '{criterion.check}' needs parameter '{missing[0]}'")
    hints = get_type_hints(check, include_extras=True)
    for name, value in criterion.params.items():
        if value is None:
            raise CriteriaError(f"{where}: field 'params.{name}': null; leave the parameter out to use its default")
        if value in ("", [], {}):
            raise CriteriaError(f"{where}: field 'params.{name}': empty")
        try:
            TypeAdapter(hints.get(name, Any)).validate_python(value, strict=True)
        except ValidationError as error:
            raise CriteriaError(f"{where}: field 'params.{name}': {shown(error.errors()[0]['msg'])}") from None


def is_profile_path(text: str) -> bool:
    """A profile given as a file (a separator or a suffix in it) rather than a built-in profile's name."""
    return "/" in text or os.sep in text or bool(os.altsep and os.altsep in text) or "." in text or text.startswith("~")


def load_profile(name_or_path: str) -> Profile:
    """A built-in profile by name, or a profile file by path (see :func:`is_profile_path`)."""
    if is_profile_path(name_or_path):
        path = Path(name_or_path)
        if not os.path.lexists(path):
            raise CriteriaError(f"cannot read {shown(path)}: no such profile file (built-in profiles are named "
                                f"without a path or a suffix: {', '.join(available_profiles())})")
    elif name_or_path in available_profiles():
        path = profile_path(name_or_path)
    else:
        raise CriteriaError(f"unknown profile '{shown(name_or_path)}'; available: {', '.join(available_profiles())} "
                            "or a profile .yaml file")
    data = _load_yaml(path, PROFILE_LIMIT, "profile")
    if not isinstance(data, dict):
        raise CriteriaError(f"{shown(path)}: expected a mapping")
    try:
        return Profile.model_validate(_strip_lines(data))
    except ValidationError as error:
        raise CriteriaError(f"{shown(path)}: line {data.get('__line__', 1)}: profile: {_first_error(error)}") from None


def load_criteria_set(profile: str = "default", criteria_file: Path | None = None) -> CriteriaSet:
    """Criteria (built-in or a user file) with a profile applied and cross-checked."""
    path = criteria_file or default_criteria_path()
    criteria = load_criteria(path)
    chosen = load_profile(profile)
    ids = {c.id for c in criteria}
    unknown = sorted(set(chosen.weights) - ids)
    if unknown:
        raise CriteriaError(f"profile '{shown(chosen.name)}': field 'weights': unknown criterion '{shown(unknown[0])}'")
    kept = tuple(c for c in criteria if chosen.weights.get(c.id, c.weight) > 0)
    source = "built-in" if criteria_file is None else str(criteria_file)
    return CriteriaSet(criteria=kept, profile=chosen, source=source, weights=dict(chosen.weights))
