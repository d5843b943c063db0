"""Collect every licence statement and resolve the licence of each kind of component.

Resolution follows the Model Openness Framework's inheritance: a licence that covers the
component itself (a licence file in its folder), then the licence stated for its type
(``LICENSE-MODEL``, a data licence, a dataset's card, the code repository's licence),
then the release's distribution licence.
"""

from __future__ import annotations

import posixpath
import re
from urllib.parse import unquote

from .. import licenses
from ..evidence import Member
from .model import EvidenceRef, LicenseDeclaration, LicenseSlot, ResolvedLicense
from .signals import Signals

LICENSE_FILE_NAME = r"[a-z0-9_-]*licen[cs]e[a-z0-9_.-]*|copying[a-z0-9_.-]*"
MAX_LICENSE_FILES = 200
"""Licence files considered per member; a vendored tree can hold thousands."""
SLOTS: tuple[LicenseSlot, ...] = ("code", "weights", "data", "documents")
_NONE = ResolvedLicense(license_id=None, source="none")


def _slot_of(path: str) -> LicenseSlot | None:
    name = posixpath.basename(path).lower()
    if re.search(r"model|weight|checkpoint|param", name):
        return "weights"
    if "data" in name:
        return "data"
    if re.search(r"doc|content", name):
        return "documents"
    return None


def _canonical(raw: str | None) -> str | None:
    """The catalogue id (or normalised expression) of a licence name; the name as written when unknown."""
    if not raw:
        return None
    for candidate in (raw, raw.replace(" ", "-")):
        normalised = licenses.normalise_expression(candidate)
        if normalised:
            return normalised
        terms = licenses.lookup(candidate)
        if terms:
            return terms.id
    return raw


_BADGE = re.compile(r"img\.shields\.io/badge/([^-)\s]*licen[cs]e[^-)\s]*)-([^)\s]+?)-[a-z0-9]+(?:\.svg)?(?:\?[^)\s]*)?\)", re.I)


def _badge_declarations(member: Member, path: str, text: str) -> list[LicenseDeclaration]:
    """Licence badges (``Data License: CC BY NC 4.0``): a README's per-component statements."""
    found = []
    for match in _BADGE.finditer(text):
        label = unquote(match.group(1)).replace("_", " ")
        value = unquote(match.group(2)).replace("_", " ").replace("--", "-")
        line = text.count("\n", 0, match.start()) + 1
        found.append(LicenseDeclaration(
            source="readme", ref=EvidenceRef(member=member.id, path=path, line=line, note=f"badge: {label}: {value}"),
            license_id=_canonical(value) or _canonical(value.replace(" ", "-")), raw=value,
            confidence=0.8, slot=_slot_of(label)))
    return found


def collect_declarations(signals: Signals) -> list[LicenseDeclaration]:
    """Every licence statement in every member, in a stable order."""
    found: list[LicenseDeclaration] = []
    for member in signals.members:
        found.extend(_file_declarations(signals, member))
        readme = signals.readme(member)
        if readme is not None:
            found.extend(_badge_declarations(member, readme.path, readme.text))
            detection = licenses.detect_readme_license(readme.path, readme.text)
            if detection is not None and detection.license_id:
                found.append(LicenseDeclaration(
                    source="readme", ref=EvidenceRef(member=member.id, path=readme.path, note=detection.note or None),
                    license_id=detection.license_id, confidence=detection.confidence))
        card_license = _card_license(member)
        if card_license is not None:
            found.append(card_license)
        if member.host.license_detected:
            found.append(LicenseDeclaration(
                source="host", ref=EvidenceRef(member=member.id, note="licence detected by the host"),
                license_id=_canonical(member.host.license_detected), raw=member.host.license_detected))
    return found


def _file_declarations(signals: Signals, member: Member) -> list[LicenseDeclaration]:
    declarations = []
    read = {doc.path: doc for doc in member.documents}
    hits = signals.files(LICENSE_FILE_NAME, members=[member], limit=len(member.files))
    for hit in sorted(hits, key=lambda h: (h.path.count("/"), h.path))[:MAX_LICENSE_FILES]:  # root first
        if hit.path.lower().endswith((".py", ".js", ".ts")):
            continue
        scope = posixpath.dirname(hit.path)
        ref = EvidenceRef(member=member.id, path=hit.path)
        doc = read.get(hit.path)
        if doc is None:
            declarations.append(LicenseDeclaration(
                source="license_file", ref=ref.model_copy(update={"note": "licence file listed but its text was not read"}),
                license_id=None, confidence=0.0, scope=scope, slot=_slot_of(hit.path)))
            continue
        detection = licenses.detect_license_file(doc.path, doc.text)
        declarations.append(LicenseDeclaration(
            source="license_file", ref=ref.model_copy(update={"note": detection.label or detection.note or None}),
            # A modified licence keeps the id it was based on, flagged: never the stock licence.
            license_id=detection.license_id or detection.base_id, modified=detection.modified,
            similarity=detection.similarity,
            confidence=detection.confidence, scope=scope, slot=_slot_of(hit.path)))
    return declarations


def _card_license(member: Member) -> LicenseDeclaration | None:
    """The card's ``license`` (with ``license_name``/``license_link`` for ``other``)."""
    card = member.card_data or {}
    raw = card.get("license")
    if isinstance(raw, list):
        raw = " OR ".join(str(r) for r in raw)
    if not raw:
        return None
    raw = str(raw)
    name, link = card.get("license_name"), card.get("license_link")
    note = f"license_name: {name}" if raw.lower() == "other" and name else None
    if raw.lower() == "other":
        terms = licenses.terms_for_hub_key(raw, str(name) if name else None, str(link) if link else None)
        license_id = terms.id if terms and terms.category != "unknown" else (str(name) if name else None)
    else:
        license_id = _canonical(raw)
    slot: LicenseSlot | None = {"hf_model": "weights", "hf_dataset": "data"}.get(member.kind)  # type: ignore[assignment]
    return LicenseDeclaration(source="card", ref=EvidenceRef(member=member.id, path="README.md", note=note),
                              license_id=license_id, raw=raw, slot=slot)


def _resolved(declarations: list[LicenseDeclaration], source: str) -> ResolvedLicense:
    ids = sorted({d.license_id for d in declarations if d.license_id})
    if not ids:
        first = declarations[0]
        return ResolvedLicense(license_id=None, source=source, declared_by=first.ref)  # type: ignore[arg-type]
    expression = ids[0] if len(ids) == 1 else " OR ".join(f"({i})" if " " in i else i for i in ids)
    decl = next(d for d in declarations if d.license_id)
    return ResolvedLicense(license_id=expression, source=source, declared_by=decl.ref,  # type: ignore[arg-type]
                           modified=any(d.modified for d in declarations))


def _member_root_license(member: Member, declarations: list[LicenseDeclaration]) -> ResolvedLicense | None:
    own = [d for d in declarations if d.ref.member == member.id]
    for source in ("card", "license_file", "host", "readme"):
        chosen = [d for d in own if d.source == source and d.scope == "" and d.slot is None
                  or d.source == source == "card"]
        if chosen:
            return _resolved(chosen, "distribution")
    return None


def resolve(signals: Signals, declarations: list[LicenseDeclaration]) -> tuple[ResolvedLicense, dict[LicenseSlot, ResolvedLicense]]:
    """The distribution licence and the licence of each component type."""
    distribution = _member_root_license(signals.primary, declarations) or _NONE
    slots: dict[LicenseSlot, ResolvedLicense] = {}
    for slot in SLOTS:
        typed = [d for d in declarations if d.slot == slot and d.scope == ""]
        if slot == "code":
            code_members = [m for m in signals.members if m.role == "code"]
            for member in code_members:
                resolved = _member_root_license(member, declarations)
                if resolved is not None:
                    slots[slot] = resolved.model_copy(update={"source": "type"})
                    break
        if slot not in slots and typed:
            slots[slot] = _resolved(typed, "type")
        if slot not in slots:
            slots[slot] = distribution
    return distribution, slots


def component_license(paths: list[str], member_id: str, slot: LicenseSlot,
                      declarations: list[LicenseDeclaration], slots: dict[LicenseSlot, ResolvedLicense]) -> ResolvedLicense:
    """A licence file in the component's own folder wins; otherwise the licence of its type."""
    scoped = [d for d in declarations if d.scope and d.ref.member == member_id and d.source == "license_file"]
    for path in paths:
        for declaration in sorted(scoped, key=lambda d: -len(d.scope)):
            if path.startswith(declaration.scope + "/"):
                return _resolved([declaration], "component")
    return slots[slot]
