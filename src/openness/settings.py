"""The settings of a run, resolved once: flags over the project's ``[tool.openness]`` over defaults.

``score`` calls :func:`resolve_settings`, ``compare`` :func:`resolve_comparison` (and later
batch runs and the server will call one of them), so a setting means the same everywhere.
Every resolved value keeps its **origin**, so a report can say which configuration it was made
with:

- ``"flag"``: given on the command line (or as an argument of ``openness.api``);
- a path ending in ``pyproject.toml``: the ``[tool.openness]`` table of that file;
- ``"profile"``: the chosen profile's own value (the gate's score threshold and minimum coverage);
- ``"default"``: nothing set it.

**The target does not grade itself.** A ``[tool.openness]`` table is honoured only when it belongs to
the current project: the pyproject.toml of a scored directory that *is* the working directory (a
project scoring itself in CI), or a file named with ``--project-config`` (the user's own choice, for
any target). Another checkout's table (``openness score ./vendor-checkout``) is never read: the
vendor would otherwise choose its own profile, criteria and threshold. A profile that says
``project_config: false`` (the built-in procurement profile) also refuses the working directory's
table when the profile is chosen by flag. Every Settings records which file was used
(``configuration``) and, when a scored checkout's table was left out, why (``configuration_note``).

**The statement is the checkout's own.** Waivers and a maintained status (``openness.statement``:
``.openness.yaml``, or ``status``/``successor``/``waivers`` in ``[tool.openness]``) are the
maintainers' word about the scored checkout, so they are read from it whether or not its settings
are honoured; reports show them as the maintainers' and a profile may ignore them
(``waivers: ignore``, as procurement does). A ``--project-config`` file's statement keys belong to
its own project and are not applied to another target.

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

from .criteria import AppliesTo, CriteriaSet, is_profile_path, load_criteria_set, load_profile
from .errors import CriteriaError, OpennessError, UsageError
from .safe_read import MiB, read_regular_text, shown
from .statement import STATEMENT_KEYS, Statement, load_statement
from .targets import Target

T = TypeVar("T")

FLAG = "flag"
DEFAULT = "default"
PROFILE = "profile"
_NAMED_ORIGINS = frozenset({FLAG, DEFAULT, PROFILE})
DEFAULT_PROFILE = "default"
KINDS: tuple[AppliesTo, ...] = get_args(AppliesTo)

_KEYS = {"profile": "profile", "criteria": "criteria", "fail-under": "fail_under", "fail_under": "fail_under",
         "min-coverage": "min_coverage", "min_coverage": "min_coverage", "kind": "kind", "record": "record"}
"""``[tool.openness]`` key → setting (``fail_under`` is accepted for ``fail-under``, likewise ``min_coverage``)."""
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
    The gates are ``fail_under`` (the score) with ``min_coverage`` (the share of the applicable weight
    that could be evaluated, in percent), ``require``, ``fail_on_unknown`` and the profile's
    ``thresholds``; ``openness.gates`` judges them all.
    """

    profile: Resolved[str]
    criteria_file: Resolved[Path | None]
    fail_under: Resolved[float | None]
    min_coverage: Resolved[float]
    kind: Resolved[AppliesTo | None]
    criteria: CriteriaSet
    require: tuple[str, ...] = ()
    """Criteria that must pass (``--require``), each validated against ``criteria``."""
    fail_on_unknown: bool = False
    statement: Statement | None = None
    """The scored checkout's waivers and maintained status (``openness.statement``); None: none stated."""
    configuration: Path | None = None
    """The file whose ``[tool.openness]`` was honoured, if any."""
    configuration_note: str | None = None
    """Why a scored checkout's own ``[tool.openness]`` was not used, when it has one."""
    record: Resolved[bool] = Resolved(False, DEFAULT)
    """Whether the report goes into the history store (``--record``, ``record = true``). Not in
    ``origins``: it changes where a report is kept, not what it says."""

    def origins(self) -> dict[str, str]:
        """Setting name → origin, as the assessment records it."""
        origins = {"profile": self.profile.origin, "criteria": self.criteria_file.origin,
                   "fail_under": self.fail_under.origin, "min_coverage": self.min_coverage.origin,
                   "kind": self.kind.origin}
        return {name: origin if origin in _NAMED_ORIGINS else reported_path(origin) for name, origin in origins.items()}


def reported_path(path: Path | str) -> str:
    """A configuration file's path as reports show it: relative to the working directory when it is
    inside it, else with the home directory written ``~``. A report is shared (a CI artefact, a
    procurement file): the absolute path would tell its readers the user's name and folder layout."""
    absolute = Path(os.path.abspath(path))
    for base, prefix in ((os.getcwd, ""), (Path.home, "~/")):
        try:
            return shown(prefix + absolute.relative_to(base()).as_posix())
        except (ValueError, OSError, RuntimeError):  # outside it; no working directory or home
            continue
    return shown(absolute)


@dataclass(frozen=True)
class ProjectConfig:
    """The validated ``[tool.openness]`` table of one pyproject.toml; paths are already absolute
    to the file's folder. ``values`` holds only the keys the file sets."""

    path: Path
    values: Mapping[str, Any]


def resolve_settings(target: Target | None = None, *, profile: str | None = None,
                     criteria_file: Path | None = None, fail_under: float | None = None,
                     min_coverage: float | None = None, kind: str | None = None,
                     project_config: Path | None = None, record: bool | None = None,
                     require: Sequence[str] = (), fail_on_unknown: bool = False) -> Settings:
    """Resolve one run's settings: each keyword argument is a flag (``None``: not given);
    ``project_config`` is ``--project-config``. Without it, the project config is the
    ``[tool.openness]`` of a local target that is the working directory (see the module docstring).
    The statement (waivers, status) is always the scored checkout's own."""
    flags = _flags(profile, criteria_file, fail_under, min_coverage, kind, record)
    settings = _resolve([target], flags, project_config)[0]
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
                       min_coverage: float | None = None, kind: str | None = None,
                       project_config: Path | None = None, record: bool | None = None) -> list[Settings]:
    """Settings for each target of a comparison, in order.

    What the scores rest on, the profile and the criteria, is one choice for every column: a flag,
    else the project config (``--project-config``, or the working directory's when it is one of the
    targets), else the default. A target's gate and kind stay its own: the working directory's
    table sets them only for the working directory's column; ``--project-config`` for every column.
    """
    flags = _flags(profile, criteria_file, fail_under, min_coverage, kind, record)
    return _resolve(targets, flags, project_config)


def _flags(profile: str | None, criteria_file: Path | None, fail_under: float | None,
           min_coverage: float | None, kind: str | None, record: bool | None = None) -> dict[str, Any]:
    """The flags by setting name, validated (a flag's bad value is a usage error)."""
    return {"profile": profile, "criteria": criteria_file,
            "fail_under": _checked_percent(fail_under, "--fail-under", UsageError),
            "min_coverage": _checked_percent(min_coverage, "--min-coverage", UsageError),
            "kind": _checked_kind(kind, "--kind", UsageError), "record": record}


def _resolve(targets: Sequence[Target | None], flags: Mapping[str, Any],
             project_config: Path | None) -> list[Settings]:
    """One Settings per target; profile and criteria are chosen from all the honoured configs
    together, the gate and the kind from each target's own."""
    explicit = None if project_config is None else load_config_file(project_config)
    own = [explicit or _working_directory_config(t) for t in targets]
    if flags["profile"] is not None and not load_profile(flags["profile"]).project_config:
        own = [explicit for _ in own]  # a buyer's profile: the working directory does not configure it
    shared = [c for c in own if c is not None]
    chosen_profile: Resolved[str] = _pick("profile", flags, shared, DEFAULT_PROFILE)
    chosen_criteria: Resolved[Path | None] = _pick("criteria", flags, shared, None)
    criteria = load_criteria_set(chosen_profile.value, chosen_criteria.value)
    from_shared = {chosen_profile.origin, chosen_criteria.origin} - {FLAG, DEFAULT}
    shared_path = next((c.path for c in shared if str(c.path) in from_shared), None)
    resolved = []
    for target, config in zip(targets, own, strict=True):
        mine = [] if config is None else [config]
        threshold: Resolved[float | None] = _pick("fail_under", flags, mine, None)
        if threshold.value is None and criteria.profile.fail_under is not None:
            threshold = Resolved(criteria.profile.fail_under, PROFILE)
        coverage: Resolved[float] = _pick("min_coverage", flags, mine, None)
        if coverage.value is None:
            coverage = Resolved(criteria.profile.min_coverage, PROFILE)
        gated = criteria
        if (threshold.value, coverage.value) != (criteria.profile.fail_under, criteria.profile.min_coverage):
            gated = replace(criteria, profile=criteria.profile.model_copy(
                update={"fail_under": threshold.value, "min_coverage": coverage.value}))
        statement = load_target_statement(target, config is not None and target is not None
                                          and config.path == Path(target.id) / "pyproject.toml")
        if statement is not None:
            _check_waived_ids(statement, criteria)
        resolved.append(Settings(profile=chosen_profile, criteria_file=chosen_criteria, fail_under=threshold,
                                 min_coverage=coverage, kind=_pick("kind", flags, mine, None), criteria=gated,
                                 statement=statement,
                                 configuration=shared_path if config is None else config.path,
                                 configuration_note=_ignored_note(target, config, explicit is not None),
                                 record=_pick("record", flags, mine, False)))
    return resolved


def _check_waived_ids(statement: Statement, criteria: CriteriaSet) -> None:
    """Every waiver names a criterion of the criteria file (one the profile turns off counts: it is known)."""
    ids = [c.id for c in criteria.criteria] + [k for k in criteria.weights if k not in {c.id for c in criteria.criteria}]
    for waiver in statement.waivers:
        if waiver.criterion not in ids:
            raise CriteriaError(f"{statement.source}: waiver '{shown(waiver.criterion)}': unknown criterion "
                                f"(known: {', '.join(ids)})")


def _pick(name: str, flags: Mapping[str, Any], configs: Sequence[ProjectConfig], default: Any) -> Resolved[Any]:
    """The flag, else the honoured config's value (every target that has one shares the same file), else the default."""
    if flags[name] is not None:
        return Resolved(flags[name], FLAG)
    found = next((c for c in configs if name in c.values), None)
    if found is None:
        return Resolved(default, DEFAULT)
    return Resolved(found.values[name], str(found.path))


def _working_directory_config(target: Target | None) -> ProjectConfig | None:
    """The ``[tool.openness]`` of a local target that is the working directory; None for any other target."""
    if target is None or not _is_working_directory(target):
        return None
    path = Path(target.id) / "pyproject.toml"
    return load_config_file(path) if os.path.lexists(path) else None


def _is_working_directory(target: Target) -> bool:
    if target.kind != "local":
        return False
    try:
        return Path(target.id).resolve() == Path.cwd().resolve()
    except OSError:  # the working directory was removed
        return False


def _ignored_note(target: Target | None, used: ProjectConfig | None, explicit: bool) -> str | None:
    """Why a scored checkout's own ``[tool.openness]`` was not used, when it seems to have one.

    Only a cheap, bounded look for the table's name: its settings are not used, so they are not
    validated (its statement keys are, by ``load_target_statement``).
    """
    if target is None or target.kind != "local":
        return None
    path = Path(target.id) / "pyproject.toml"
    if used is not None and used.path == path:
        return None
    try:
        if not os.path.lexists(path) or "[tool.openness" not in read_regular_text(
                path, PYPROJECT_LIMIT, "project configuration", CriteriaError):
            return None
    except OpennessError:
        return None
    if explicit and used is not None:
        return f"{reported_path(path)}: [tool.openness] not used: --project-config chose {reported_path(used.path)}"
    why = ("the profile does not take a project's own configuration" if _is_working_directory(target)
           else "the scored directory is not the current project")
    return f"{reported_path(path)}: [tool.openness] not used: {why} (pass --project-config to use it)"


def load_target_statement(target: Target | None, honoured: bool) -> Statement | None:
    """The scored checkout's statement (``.openness.yaml`` or the statement keys of its
    ``[tool.openness]``), read whether or not its settings are honoured: waivers and a maintained
    status are the maintainers' word about *this* checkout, shown as theirs, and a profile may
    ignore them (``waivers: ignore``). Its settings are never read here. None: not a local
    checkout, or it states nothing.

    When the checkout's table is not ``honoured``, a pyproject.toml that cannot be read or parsed
    states nothing rather than failing the run: that file is not the run's to judge (the trust
    rule), while a statement that does parse is validated as strictly as ``.openness.yaml``.
    """
    if target is None or target.kind != "local":
        return None
    root = Path(target.id)
    path = root / "pyproject.toml"
    table: dict[str, Any] = {}
    if os.path.lexists(path):
        try:
            text = read_regular_text(path, PYPROJECT_LIMIT, "project configuration", CriteriaError)
            if honoured or "openness" in text:
                table = _openness_table(path, text)
        except CriteriaError:
            if honoured:
                raise
    return load_statement(root, table)


def load_config_file(path: Path) -> ProjectConfig:
    """The validated ``[tool.openness]`` of a pyproject.toml (an empty table when it has none)."""
    if not os.path.lexists(path):
        raise CriteriaError(f"cannot read {shown(path)}: no such project configuration file")
    text = read_regular_text(path, PYPROJECT_LIMIT, "project configuration", CriteriaError)
    table = _openness_table(path, text)
    section = {k: v for k, v in table.items() if k not in STATEMENT_KEYS}  # the statement: load_target_statement
    unknown = sorted(set(section) - set(_KEYS))
    if unknown:
        raise CriteriaError(f"{shown(path)}: [tool.openness]: unknown key '{shown(unknown[0])}' "
                            f"(known: profile, criteria, fail-under, min-coverage, kind, record, "
                            f"{', '.join(sorted(STATEMENT_KEYS))})")
    values: dict[str, Any] = {}
    for key, raw in section.items():
        if _KEYS[key] in values:
            raise CriteriaError(f"{shown(path)}: [tool.openness] {key}: set twice ({key.replace('_', '-')} and "
                                f"{key.replace('-', '_')})")
        values[_KEYS[key]] = _config_value(_KEYS[key], raw, path, f"{shown(path)}: [tool.openness] {key}")
    return ProjectConfig(path=path, values=values)


def _config_value(name: str, raw: Any, path: Path, where: str) -> Any:
    """One ``[tool.openness]`` value, validated; file names are relative to the pyproject.toml."""
    if name in {"fail_under", "min_coverage"}:
        return _checked_percent(raw, where, CriteriaError)
    if name == "kind":
        return _checked_kind(raw, where, CriteriaError)
    if name == "record":
        if not isinstance(raw, bool):
            raise CriteriaError(f"{where} must be true or false")
        return raw
    if not isinstance(raw, str) or not raw:
        raise CriteriaError(f"{where} must be a non-empty string")
    if name == "criteria":
        return path.parent / raw
    return str(path.parent / raw) if is_profile_path(raw) else raw  # a profile file, or a built-in profile's name


# A flag's bad value is a UsageError, a config file's a CriteriaError: both one line, exit code 2.

def _checked_percent(value: object, where: str, error: type[OpennessError]) -> float | None:
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
