"""Bills of materials a release ships (CycloneDX, SPDX 2.x and SPDX 3 JSON), read as declarations.

A BOM says what a release is made of and under which licences: the release itself (the
component the BOM describes), its components, the models and datasets among them. It is read
as a statement, like a README's licence section, never as a fact about the files: the licence
it declares for the release is one more licence declaration (``declarations``), compared with
the licence file by the ``license_consistent`` check and never used to resolve a licence.

Judgment call: only BOMs at the repository root describe the release (``documents.py`` reads
only those). A BOM in a subfolder (``reports/``, ``examples/``, test fixtures) usually describes
something else: this repository's own ``reports/model.cdx.json`` is the BOM of an example model.

Parsing is bounded: the text is a document prefix of at most ``MAX_DOCUMENT_BYTES`` (a cut-off
BOM is not parsed: half a JSON document says nothing reliable), nesting beyond what ``json``
can hold is a problem, and at most ``MAX_ITEMS`` entries are read per BOM.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from ..evidence import Document, Member
from ..release_files import is_bom_file
from .facts import BomEntry, BomFormat, BomRole
from .model import EvidenceRef
from .signals import Signals

MAX_ITEMS = 200
"""Entries read per BOM; a BOM of a container image can list thousands of packages."""
MAX_TEXT = 200
"""Characters kept of a name or licence as written."""


_NO_LICENCE = {"NOASSERTION", "NONE", ""}
_CDX_ROLES: dict[str, BomRole] = {"data": "dataset", "machine-learning-model": "model"}
_SPDX3_ROLES: dict[str, BomRole] = {"dataset_DatasetPackage": "dataset", "ai_AIPackage": "model"}
_SPDX3_PACKAGES = {"software_Package", *_SPDX3_ROLES}


@dataclass(frozen=True)
class BomReading:
    """What the BOMs of the evidence declare, and the BOMs that could not be read (with why)."""

    entries: list[BomEntry] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def read_boms(signals: Signals) -> BomReading:
    """Every root BOM of every member, read once per run."""
    return signals.memo("boms", lambda: _read_all(signals.members))


def _read_all(members: list[Member]) -> BomReading:
    entries: list[BomEntry] = []
    problems: list[str] = []
    for member in members:
        read = {d.path: d for d in member.documents if is_bom_file(d.path)}
        for path in sorted({f.path for f in member.files if is_bom_file(f.path)} | set(read)):
            document = read.get(path)
            found, problem = _read(member, document) if document is not None else ([], "listed, but its text was not read")
            entries += found
            if problem:
                problems.append(f"{path}: {problem}")
    return BomReading(entries, problems)


def _read(member: Member, document: Document) -> tuple[list[BomEntry], str | None]:
    if document.truncated:
        return [], "only a prefix was read, and a cut-off BOM is not parsed"
    try:
        data = json.loads(document.text)
    except RecursionError:
        return [], "nested too deeply to parse"
    except ValueError as error:
        return [], f"not valid JSON ({error.msg if isinstance(error, json.JSONDecodeError) else error})"
    if not isinstance(data, dict):
        return [], "not a JSON object"
    reader = _Reader(member.id, document.path)
    if data.get("bomFormat") == "CycloneDX":
        reader.cyclonedx(data)
    elif isinstance(data.get("spdxVersion"), str) and data["spdxVersion"].startswith("SPDX-2"):
        reader.spdx2(data)
    elif isinstance(data.get("@graph"), list) and "spdx.org/rdf/3" in json.dumps(data.get("@context"))[:MAX_TEXT * 5]:
        reader.spdx3(data["@graph"])
    else:
        return [], "neither a CycloneDX nor an SPDX 2 or 3 JSON document"
    return reader.entries[:MAX_ITEMS], None


def _text(value: Any) -> str | None:
    return value.strip()[:MAX_TEXT] or None if isinstance(value, str) else None


def _dicts(value: Any) -> list[tuple[int, dict[str, Any]]]:
    return [(i, v) for i, v in enumerate(value[:MAX_ITEMS]) if isinstance(v, dict)] if isinstance(value, list) else []


class _Reader:
    """Collects the entries of one BOM, each with the JSON pointer it was read at."""

    def __init__(self, member: str, path: str) -> None:
        self.member, self.path = member, path
        self.entries: list[BomEntry] = []

    def add(self, fmt: BomFormat, role: BomRole, name: str | None, licence: str | None, pointer: str,
            version: str | None = None) -> None:
        if name is None or len(self.entries) >= MAX_ITEMS:
            return
        ref = EvidenceRef(member=self.member, path=self.path, note=f"JSON pointer {pointer}")
        self.entries.append(BomEntry(bom=self.path, format=fmt, role=role, name=name, version=version,
                                     license=licence, ref=ref))

    # ------------------------------------------------------------------ CycloneDX

    def cyclonedx(self, data: dict[str, Any]) -> None:
        metadata = data.get("metadata")
        root = metadata.get("component") if isinstance(metadata, dict) else None
        if isinstance(root, dict):
            self._cdx_component(root, "/metadata/component", "release")
        for index, component in _dicts(data.get("components")):
            role = _CDX_ROLES.get(str(component.get("type")), "component")
            self._cdx_component(component, f"/components/{index}", role)

    def _cdx_component(self, component: dict[str, Any], pointer: str, role: BomRole) -> None:
        licence, where = _cdx_licence(component.get("licenses"))
        self.add("CycloneDX", role, _text(component.get("name")), licence,
                 f"{pointer}/licenses{where}" if licence else pointer, _text(component.get("version")))

    # ------------------------------------------------------------------ SPDX 2

    def spdx2(self, data: dict[str, Any]) -> None:
        described = _spdx2_described(data)
        for index, package in _dicts(data.get("packages")):
            declared, key = _text(package.get("licenseDeclared")), "licenseDeclared"
            if declared is None or declared.upper() in _NO_LICENCE:
                declared, key = _text(package.get("licenseConcluded")), "licenseConcluded"
            licence = declared if declared and declared.upper() not in _NO_LICENCE else None
            role: BomRole = "release" if package.get("SPDXID") in described else "component"
            self.add("SPDX 2", role, _text(package.get("name")), licence,
                     f"/packages/{index}/{key}" if licence else f"/packages/{index}", _text(package.get("versionInfo")))

    # ------------------------------------------------------------------ SPDX 3

    def spdx3(self, graph: list[Any]) -> None:
        elements = dict(_dicts(graph))
        by_id = {e.get("spdxId"): (i, e) for i, e in elements.items() if isinstance(e.get("spdxId"), str)}
        roots = {r for e in elements.values() if e.get("type") in {"SpdxDocument", "software_Sbom", "Bom"}
                 for r in e.get("rootElement") or [] if isinstance(r, str)}
        licences = _spdx3_licences(elements, by_id)
        for index, element in elements.items():
            kind = element.get("type")
            if kind not in _SPDX3_PACKAGES:
                continue
            role: BomRole = "release" if element.get("spdxId") in roots else _SPDX3_ROLES.get(str(kind), "component")
            licence, relationship = licences.get(str(element.get("spdxId")), (None, None))
            self.add("SPDX 3", role, _text(element.get("name")), licence,
                     f"/@graph/{relationship}" if relationship is not None else f"/@graph/{index}",
                     _text(element.get("software_packageVersion")))


def _cdx_licence(licenses: Any) -> tuple[str | None, str]:
    """The licences a CycloneDX ``licenses`` array states: the declared ones when it tells them apart,
    combined with AND (all apply), and the pointer suffix of the first one used."""
    found: list[tuple[int, str, str | None]] = []
    for index, entry in _dicts(licenses):
        if _text(entry.get("expression")):
            found.append((index, str(_text(entry.get("expression"))), entry.get("acknowledgement")))
        elif isinstance(entry.get("license"), dict):
            licence = entry["license"]
            value = _text(licence.get("id")) or _text(licence.get("name"))
            if value:
                found.append((index, value, licence.get("acknowledgement")))
    declared = [f for f in found if f[2] == "declared"] or found
    if not declared:
        return None, ""
    ids = list(dict.fromkeys(value for _, value, _ in declared))
    combined = ids[0] if len(ids) == 1 else " AND ".join(f"({i})" if " " in i else i for i in ids)
    return combined, f"/{declared[0][0]}"


def _spdx2_described(data: dict[str, Any]) -> set[str]:
    """The packages an SPDX 2 document describes (``documentDescribes`` or DESCRIBES relationships)."""
    described = {d for d in data.get("documentDescribes") or [] if isinstance(d, str)}
    for _, relation in _dicts(data.get("relationships")):
        if relation.get("relationshipType") == "DESCRIBES" and relation.get("spdxElementId") == "SPDXRef-DOCUMENT":
            described.add(str(relation.get("relatedSpdxElement")))
    packages = _dicts(data.get("packages"))
    if not described and len(packages) == 1:
        described.add(str(packages[0][1].get("SPDXID")))  # a one-package document is about that package
    return described


def _spdx3_licences(elements: dict[int, dict[str, Any]], by_id: dict[Any, tuple[int, dict[str, Any]]]
                    ) -> dict[str, tuple[str | None, int | None]]:
    """Element id → (its licence expression, the index of the relationship stating it): the declared
    licence (``hasDeclaredLicense``) over the concluded one."""
    found: dict[str, tuple[str | None, int | None]] = {}
    for wanted in ("hasConcludedLicense", "hasDeclaredLicense"):  # declared last: it wins
        for index, element in elements.items():
            if element.get("type") != "Relationship" or element.get("relationshipType") != wanted:
                continue
            targets = [by_id.get(t) for t in element.get("to") or [] if isinstance(t, str)]
            read = [_text(t[1].get("simplelicensing_licenseExpression") or t[1].get("name")) for t in targets if t]
            texts = [t for t in read if t and t.upper() not in _NO_LICENCE]
            origin = element.get("from")
            if texts and isinstance(origin, str):
                found[origin] = (" AND ".join(texts), index)
    return found
