"""Read a Model Openness Tool record (``models/*.yml``) and check it against the evidence.

A record is a producer's self-assessment: which of the 17 components a release includes
and under which licence (``release.components[].{name, license}``, release-wide licences
in ``release.license.{distribution, code, data, document}.name``). ``classify_record``
scores it with the Tool's rules; ``compare`` lists, component by component, where the
record and an Inventory built from the fetched evidence disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from .. import licenses
from ..errors import UsageError
from ..inventory.model import Inventory
from ..safe_read import KiB, shown
from ..yaml_loading import load_file
from .model import MofClassification
from .mof import BY_NAME, UNLICENSED, MofEntry, classify

_TYPES = ("code", "data", "document")


@dataclass(frozen=True)
class RecordComponent:
    """A listed component. ``license`` None means "not set here" (inherit); ``unlicensed`` blocks inheritance."""

    name: str
    license: str | None


@dataclass(frozen=True)
class MotRecord:
    name: str
    repository: str | None
    huggingface: str | None
    global_licenses: dict[str, str]
    components: list[RecordComponent]
    problems: list[str]


class Disagreement(BaseModel):
    """One component where the self-reported record and the evidence differ."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    component: str
    kind: Literal["not_found", "not_listed", "license_differs", "unknown"]
    record: str = Field(description="What the record says.")
    evidence: str = Field(description="What the evidence shows.")


class RecordResult(BaseModel):
    """What ``openness mof FILE.yml`` prints: the record's class and, with ``--verify``, the disagreements."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    file: str
    repository: str | None = None
    huggingface: str | None = None
    mof: MofClassification
    problems: list[str] = Field(default_factory=list, description="Record entries the Tool would ignore.")
    verification: list[Disagreement] | None = Field(default=None, description="None unless --verify was given.")
    verified_against: str | None = None


RECORD_LIMIT = 256 * KiB


def load_record(path: Path) -> MotRecord:
    """Parse a record file; a malformed one raises ``UsageError`` naming the file and the field."""
    data = load_file(path, limit=RECORD_LIMIT, what="MOT record", error=UsageError)
    return parse_record(data, shown(path))


def parse_record(data: Any, where: str = "record") -> MotRecord:
    """A record from its parsed YAML (``{framework, release}``)."""
    release = data.get("release") if isinstance(data, dict) else None
    if not isinstance(release, dict):
        raise UsageError(f"{where}: not a Model Openness Tool record (no 'release' mapping)")
    listed = release.get("components") or []
    if not isinstance(listed, list):
        raise UsageError(f"{where}: release.components must be a list")
    components, problems = [], []
    for index, item in enumerate(listed):
        listed_name = item.get("name") if isinstance(item, dict) else None
        name = _text(listed_name, f"release.components[{index}].name", where) or ""
        if name.lower() not in BY_NAME:
            problems.append(f"release.components[{index}]: '{shown(name)}' is not one of the 17 MOF components; "
                            "ignored")
            continue
        raw = item.get("license", item.get("license_name"))
        license = None if raw is None else _scalar(raw, f"release.components[{index}].license", where)
        components.append(RecordComponent(BY_NAME[name.lower()].name, license))
    return MotRecord(
        name=_text(release.get("name"), "release.name", where) or Path(where).stem,
        repository=_text(release.get("repository"), "release.repository", where),
        huggingface=_text(release.get("huggingface"), "release.huggingface", where),
        global_licenses=_global_licenses(release.get("license"), where),
        components=components,
        problems=problems,
    )


def _scalar(value: Any, field: str, where: str) -> str:
    """A record's text field: a string, or a number or date YAML read as one; never a list, a mapping or bytes."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float, date)):
        raise UsageError(f"{where}: {field} must be text, not {type(value).__name__}")
    return str(value)


def _text(value: Any, field: str, where: str) -> str | None:
    return None if value is None else _scalar(value, field, where).strip() or None


def _global_licenses(value: Any, where: str) -> dict[str, str]:
    if value in (None, ""):
        return {}
    if not isinstance(value, dict):
        raise UsageError(f"{where}: release.license must be a mapping of distribution/code/data/document")
    found = {}
    for kind in ("distribution", *_TYPES):
        entry = value.get(kind)
        name = entry.get("name") if isinstance(entry, dict) else entry
        if name not in (None, ""):
            found[kind] = _scalar(name, f"release.license.{kind}", where)
    return found


def entries(record: MotRecord) -> list[MofEntry]:
    """The record's components with their licences resolved by the Tool's inheritance."""
    result = []
    for component in record.components:
        spec = BY_NAME[component.name.lower()]
        if component.license is not None:
            blocked = component.license.strip() == "" or component.license.strip().lower() == UNLICENSED
            result.append(MofEntry(spec.mof_id, True, None if blocked else component.license, "component"))
        elif spec.content_type in record.global_licenses:
            result.append(MofEntry(spec.mof_id, True, record.global_licenses[spec.content_type],
                                   f"global:{spec.content_type}"))
        elif "distribution" in record.global_licenses:
            result.append(MofEntry(spec.mof_id, True, record.global_licenses["distribution"], "global:distribution"))
        else:
            result.append(MofEntry(spec.mof_id, True, None, "none"))
    return result


def classify_record(record: MotRecord, file: str) -> RecordResult:
    """The record scored exactly as the Tool scores it (exact SPDX ids, no expressions)."""
    return RecordResult(name=record.name, file=file, repository=record.repository, huggingface=record.huggingface,
                        mof=classify(entries(record), exact=True), problems=record.problems)


def compare(record: MotRecord, inventory: Inventory) -> list[Disagreement]:
    """Where the record's claims and the evidence differ, component by component."""
    claimed = {e.mof_id: e for e in entries(record)}
    found = {c.mof_id: c for c in inventory.components}
    result = []
    for spec in BY_NAME.values():
        claim, seen = claimed.get(spec.mof_id), found.get(spec.mof_id)
        if seen is None:
            continue
        if claim is not None and seen.status == "unknown":
            result.append(Disagreement(component=spec.name, kind="unknown", record="included",
                                       evidence=f"could not be checked ({seen.note or 'evidence missing'})"))
        elif claim is not None and seen.status in {"absent", "partial"}:
            what = "not found" if seen.status == "absent" else f"only described ({seen.note or 'not located'})"
            result.append(Disagreement(component=spec.name, kind="not_found", record="included", evidence=what))
        elif claim is None and seen.status == "present":
            where = seen.evidence[0].path or seen.evidence[0].url or seen.evidence[0].note if seen.evidence else None
            result.append(Disagreement(component=spec.name, kind="not_listed", record="not listed",
                                       evidence=f"found{f' at {where}' if where else ''}"))
        elif claim is not None and seen.status == "present":
            ours = seen.license.license_id if seen.license else None
            modified = bool(seen.license and seen.license.modified)
            if modified or (claim.license or "").strip().lower() != (ours or "").strip().lower():
                result.append(Disagreement(component=spec.name, kind="license_differs",
                                           record=claim.license or "no licence",
                                           evidence=licenses.display_name(ours, modified)))
    return result



def verify_target(record: MotRecord) -> str | None:
    """The repository to check the record against: its Hugging Face model, else its GitHub repository.

    Only remote forms are accepted: a record is third-party data and must not point the tool at
    a directory of this machine.
    """
    for candidate in (record.huggingface, record.repository):
        if candidate and candidate.lower().startswith(("https://huggingface.co/", "https://hf.co/", "https://github.com/",
                                                       "http://huggingface.co/", "http://github.com/", "hf:", "github:")):
            return candidate
    return None
