"""The maintainers' statement about their project: waivers and a maintained status.

Read from the scored checkout, from ``.openness.yaml`` or the ``[tool.openness]`` table of its
pyproject.toml (not both: two places for one statement would have to be reconciled)::

    # .openness.yaml
    status: finished            # finished | deprecated | maintained
    successor: org/new-model    # optional, with status: deprecated
    waivers:
      governance:
        reason: One maintainer; decisions are made in the issue tracker.
        owner: "@alice"
        expires: 2027-06-30

    # pyproject.toml
    [tool.openness]
    status = "finished"
    [tool.openness.waivers.governance]
    reason = "One maintainer; decisions are made in the issue tracker."
    owner = "@alice"
    expires = 2027-06-30

Validated strictly: one line naming the file and the field, exit code 2. It is the maintainers'
word, not evidence: reports show who waived what and why, and a profile may ignore it
(``waivers: ignore``, as the procurement profile does).
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .errors import CriteriaError, first_problem
from .safe_read import KiB, shown
from .yaml_loading import load_file

STATEMENT_FILE = ".openness.yaml"
STATEMENT_LIMIT = 256 * KiB
MaintainedStatus = Literal["finished", "deprecated", "maintained"]
STATEMENT_KEYS = frozenset({"status", "successor", "waivers"})
"""Keys of ``[tool.openness]`` that belong to the statement, not to the run's settings."""


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)


def _one_line(value: str) -> str:
    if not value.strip() or not value.isprintable():
        raise ValueError("must be one line of printable text")
    return value.strip()


class Waiver(_Model):
    """Why one criterion does not apply to this project, in the maintainers' words."""

    criterion: str
    reason: str = Field(min_length=3, max_length=300)
    owner: str | None = Field(default=None, max_length=100)
    expires: date | None = Field(default=None, strict=False, description="A date; 'YYYY-MM-DD' text is read as one.")

    @field_validator("criterion", "reason", "owner")
    @classmethod
    def _printable(cls, value: str | None) -> str | None:
        return None if value is None else _one_line(value)


class Statement(_Model):
    """The validated statement, and the file it was read from."""

    source: str
    status: MaintainedStatus | None = None
    successor: str | None = Field(default=None, max_length=200)
    waivers: tuple[Waiver, ...] = ()

    @field_validator("successor")
    @classmethod
    def _printable(cls, value: str | None) -> str | None:
        return None if value is None else _one_line(value)


def load_statement(root: Path, pyproject: dict[str, Any] | None = None) -> Statement | None:
    """The statement of the checkout at ``root``; ``pyproject`` is its parsed ``[tool.openness]``
    table, when it has one. None: the project states nothing."""
    from_toml = {k: v for k, v in (pyproject or {}).items() if k in STATEMENT_KEYS}
    path = root / STATEMENT_FILE
    if os.path.lexists(path):
        if from_toml:
            raise CriteriaError(f"{shown(path)}: the project also states {', '.join(sorted(from_toml))} in "
                                "[tool.openness] of pyproject.toml; keep one of the two")
        data = load_file(path, limit=STATEMENT_LIMIT, what="project statement", error=CriteriaError)
        return parse_statement(data if data is not None else {}, shown(path), STATEMENT_FILE)
    if from_toml:
        return parse_statement(from_toml, f"{shown(root / 'pyproject.toml')}: [tool.openness]",
                               "pyproject.toml [tool.openness]")
    return None


def parse_statement(data: object, where: str, source: str) -> Statement:
    """Validate a statement mapping; every error is one line naming ``where`` and the field;
    ``source`` is how reports name the file (relative to the project)."""
    if not isinstance(data, dict):
        raise CriteriaError(f"{where}: expected a mapping")
    unknown = sorted(set(map(str, data)) - STATEMENT_KEYS)
    if unknown:
        raise CriteriaError(f"{where}: unknown key '{shown(unknown[0])}' (known: {', '.join(sorted(STATEMENT_KEYS))})")
    raw_waivers = data.get("waivers", {})
    if not isinstance(raw_waivers, dict):
        raise CriteriaError(f"{where}: field 'waivers': a mapping of criterion id to reason, owner and expires")
    waivers = []
    for criterion, body in raw_waivers.items():
        if not isinstance(body, dict):
            raise CriteriaError(f"{where}: waiver '{shown(str(criterion))}': expected a mapping with a reason")
        waivers.append(_validated(Waiver, {"criterion": str(criterion), **body}, f"{where}: waiver '{shown(str(criterion))}'"))
    fields = {k: v for k, v in data.items() if k != "waivers"}
    statement = _validated(Statement, {"source": source, **fields, "waivers": tuple(waivers)}, where)
    if statement.successor and statement.status != "deprecated":
        raise CriteriaError(f"{where}: field 'successor': only a deprecated project names a successor")
    return statement


def _validated(model: type[_Model], data: dict[str, Any], where: str) -> Any:
    try:
        return model.model_validate(data)
    except ValidationError as error:
        name, message = first_problem(error)
        raise CriteriaError(f"{where}: field '{shown(name)}': {shown(message)}") from None

