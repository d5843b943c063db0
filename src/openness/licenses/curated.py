"""Load and validate ``criteria/licenses.yaml``, the curated licence catalogue.

A bad file fails loudly, naming the file, the entry and the field, because a silent
mistake here would misstate what a buyer may do with a model.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ..yaml_loading import safe_load

CategoryName = Literal[
    "osi", "open_data", "open_restricted", "non_commercial", "research_only", "proprietary", "unknown"
]


class CatalogError(ValueError):
    """The curated licence catalogue is malformed."""


class CuratedEntry(BaseModel):
    """One licence of the curated catalogue, as written in the YAML file."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    name: str | None = None
    url: str | None = None
    hub_keys: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    category: CategoryName
    commercial_use: bool | None = None
    derivatives: bool | None = None
    redistribution: bool | None = None
    use_restrictions: bool | None = None
    user_threshold: str | None = None
    attribution: bool | None = None
    share_alike: bool | None = None
    osaid_ok: bool | None = None
    obligations: str | None = None
    detect: tuple[tuple[str, ...], ...] = ()
    sources: tuple[str, ...] = Field(min_length=1)

    @field_validator("detect")
    @classmethod
    def _phrases_not_empty(cls, value: tuple[tuple[str, ...], ...]) -> tuple[tuple[str, ...], ...]:
        if any(not group or any(not p.strip() for p in group) for group in value):
            raise ValueError("every detect list needs at least one non-empty phrase")
        return value


class CuratedCatalog(BaseModel):
    """The whole YAML file."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    sources: dict[str, str]
    hub_picker: tuple[str, ...]
    mof_open_data: tuple[str, ...]
    licenses: tuple[CuratedEntry, ...]


def default_path() -> Path:
    """Where the shipped catalogue lives inside the package."""
    return Path(str(resources.files("openness") / "criteria" / "licenses.yaml"))


def _entry_label(raw: object, index: int) -> str:
    if isinstance(raw, dict) and isinstance(raw.get("id"), str):
        return f"licenses[{index}] ({raw['id']})"
    return f"licenses[{index}]"


def _describe(exc: ValidationError, data: dict) -> str:
    lines = []
    for err in exc.errors():
        loc = list(err["loc"])
        where = ".".join(str(part) for part in loc)
        if len(loc) >= 2 and loc[0] == "licenses" and isinstance(loc[1], int):
            entries = data.get("licenses") or []
            label = _entry_label(entries[loc[1]] if loc[1] < len(entries) else None, loc[1])
            where = ".".join([label, *(str(p) for p in loc[2:])])
        lines.append(f"{where}: {err['msg']}")
    return "; ".join(lines)


def parse_catalog(text: str, source: str, spdx_ids: frozenset[str]) -> CuratedCatalog:
    """Parse and validate catalogue text; ``source`` names the file in errors."""
    try:
        data = safe_load(text)
    except yaml.YAMLError as exc:
        raise CatalogError(f"{source}: not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise CatalogError(f"{source}: expected a mapping at the top level")
    try:
        catalog = CuratedCatalog.model_validate(data)
    except ValidationError as exc:
        raise CatalogError(f"{source}: {_describe(exc, data)}") from exc
    _check_consistency(catalog, source, spdx_ids)
    return catalog


def _check_consistency(catalog: CuratedCatalog, source: str, spdx_ids: frozenset[str]) -> None:
    seen_ids: set[str] = set()
    seen_keys: dict[str, str] = {}
    for index, entry in enumerate(catalog.licenses):
        where = f"{source}: licenses[{index}] ({entry.id})"
        if entry.id in seen_ids:
            raise CatalogError(f"{where}.id: duplicate id")
        seen_ids.add(entry.id)
        if entry.id.startswith("LicenseRef-"):
            if not entry.name or not entry.url:
                raise CatalogError(f"{where}: a LicenseRef entry needs name and url")
        elif entry.id not in spdx_ids:
            raise CatalogError(f"{where}.id: not an SPDX licence id (use LicenseRef-openness-...)")
        for key in (*entry.hub_keys, *entry.aliases):
            folded = key.casefold()
            if folded in seen_keys and seen_keys[folded] != entry.id:
                raise CatalogError(
                    f"{where}: key or alias {key!r} already belongs to {seen_keys[folded]}"
                )
            seen_keys[folded] = entry.id


@lru_cache(maxsize=4)
def load_catalog(path: Path | None, spdx_ids: frozenset[str]) -> CuratedCatalog:
    """Load the catalogue at ``path`` (the shipped one when None)."""
    target = path or default_path()
    try:
        text = target.read_text(encoding="utf-8")
    except OSError as exc:
        raise CatalogError(f"{target}: cannot read: {exc}") from exc
    return parse_catalog(text, str(target), spdx_ids)
