"""Which licence declaration covers which component.

Resolution follows the Model Openness Framework's inheritance: a licence file in the
component's own folder, then the licence stated for its type (``LICENSE-MODEL``, a data
licence, a dataset's card, the code repository's licence), then the release's
distribution licence.

A component published elsewhere (only links: a paper on arXiv, another host's weights, a
third-party dataset) is not covered by the repository's licence: its licence is unknown,
with that reason, unless a declaration names it (a licence for its type, or its folder).
That one rule is ``covering``; ``Inventory.published_elsewhere`` and every check, lens and
summary read it through ``license_of``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .. import licenses
from ..evidence import Member
from .declarations import combine_ids
from .model import Component, EvidenceRef, Inventory, LicenseDeclaration, LicenseSlot, LicenseSource, ResolvedLicense
from .signals import Signals

SLOTS: tuple[LicenseSlot, ...] = ("code", "weights", "data", "documents")
NO_LICENSE = ResolvedLicense(license_id=None, source="none")
_ROOT_ORDER = ("card", "license_file", "host", "readme")
"""Which statement of a member states its distribution licence, first found wins."""


def released(inventory: Inventory, slot: LicenseSlot) -> bool:
    """Whether the release contains components of ``slot``, so their licence is judged. A software
    repository is its code and its documents: weights and data its README only mentions are not its
    own. Otherwise: some component of the slot was seen (or could not be checked) that is not only a
    library the release loads with (a dependency, with its own licence: see ``is_dependency``)."""
    if inventory.kind == "software":
        return slot in {"code", "documents"}
    return any(c.status != "absent" and not is_dependency(c.evidence) for c in inventory.slot_components(slot))


def resolve(signals: Signals, declarations: list[LicenseDeclaration]
            ) -> tuple[ResolvedLicense, dict[LicenseSlot, ResolvedLicense]]:
    """The distribution licence and the licence of each component type."""
    distribution = _member_root_license(signals.primary, declarations) or NO_LICENSE
    slots: dict[LicenseSlot, ResolvedLicense] = {}
    for slot in SLOTS:
        if slot == "code":
            for member in (m for m in signals.members if m.role == "code"):
                resolved = _member_root_license(member, declarations)
                if resolved is not None:
                    slots[slot] = resolved.model_copy(update={"source": "type"})
                    break
        typed = [d for d in declarations if d.slot == slot and d.scope == ""]
        if slot not in slots and typed:
            slots[slot] = _combined(typed, "type")
        slots.setdefault(slot, distribution)
    return distribution, slots


def component_license(evidence: Sequence[EvidenceRef], slot: LicenseSlot, declarations: list[LicenseDeclaration],
                      slots: dict[LicenseSlot, ResolvedLicense]) -> ResolvedLicense:
    """The licence of one component seen at ``evidence``: a licence file of the folder holding one
    of its files (the deepest wins), else the licence of its type; published elsewhere, see ``covering``."""
    scoped = sorted((d for d in declarations if d.scope and d.source == "license_file"), key=lambda d: -len(d.scope))
    for ref in evidence:
        if ref.path and not ref.url:
            for declaration in scoped:
                if declaration.ref.member == ref.member and ref.path.startswith(declaration.scope + "/"):
                    return _combined([declaration], "component")
    return covering(evidence, slots[slot])


def license_of(component: Component) -> ResolvedLicense:
    """The licence that covers ``component``, published elsewhere or not (the one rule)."""
    return covering(component.evidence, component.license or NO_LICENSE)


_LIBRARY = re.compile(r"^loads with the (\S+) library$")
"""The inference code of a Hub model that its card or the host names as a library (``transformers``,
``diffusers``): that library's code, published on its own with its own licence."""


def _elsewhere(ref: EvidenceRef) -> str | None:
    """Where the thing seen at ``ref`` is published, when that is not in a fetched member: its URL, or the
    library it loads with. None for a file or metadata of the release itself."""
    if ref.url:
        return ref.url
    library = _LIBRARY.match(ref.note or "") if not ref.path else None
    return f"the {library.group(1)} library" if library else None


def is_dependency(evidence: Sequence[EvidenceRef]) -> bool:
    """Seen only as a library the release loads with ("loads with the transformers library")."""
    return bool(evidence) and all(not ref.url and not ref.path and _LIBRARY.match(ref.note or "") for ref in evidence)


def is_published_elsewhere(evidence: Sequence[EvidenceRef]) -> bool:
    """Seen only as things published elsewhere: every reference is a URL (found in a README or a card,
    but the thing itself is on another host) or a library it loads with, none a file of a fetched member."""
    return bool(evidence) and all(_elsewhere(ref) for ref in evidence)


def covering(evidence: Sequence[EvidenceRef], resolved: ResolvedLicense) -> ResolvedLicense:
    """``resolved``, unless the component is published elsewhere and no declaration names it."""
    if resolved.published_elsewhere or not is_published_elsewhere(evidence):
        return resolved
    if resolved.license_id is not None and resolved.source in {"component", "type"}:
        return resolved  # a licence stated for its type covers it wherever it is published
    where = next(filter(None, map(_elsewhere, evidence)), "")
    repo = (f"this repository's {licenses.display_name(resolved.license_id, resolved.modified)}"
            if resolved.license_id else "no licence of this repository")
    return ResolvedLicense(
        license_id=None, source="none", published_elsewhere=True,
        reason=f"published elsewhere ({where}): {repo} does not cover it, and its own licence was not read")


def quoted_changes(resolved: ResolvedLicense) -> str:
    """For a modified licence, its declaration's quote of the added or removed text (`` (…)``), else ''."""
    note = resolved.declared_by.note if resolved.modified and resolved.declared_by else None
    return f" ({note})" if note and "\u201c" in note else ""


def _member_root_license(member: Member, declarations: list[LicenseDeclaration]) -> ResolvedLicense | None:
    own = [d for d in declarations if d.ref.member == member.id]
    for source in _ROOT_ORDER:
        chosen = [d for d in own if d.source == source and (source == "card" or d.scope == "" and d.slot is None)]
        if source == "license_file":
            # REUSE texts (LICENSES/) state the distribution licence only when no licence file does,
            # and then all of them apply, each to its own files.
            files = [d for d in chosen if d.origin != "LICENSES folder"]
            if not files and chosen:
                return _combined(chosen, "distribution", operator="AND")
            chosen = files
        if chosen:
            return _combined(chosen, "distribution")
    return None


def _combined(declarations: list[LicenseDeclaration], source: LicenseSource, operator: str = "OR") -> ResolvedLicense:
    """One licence from several declarations of the same place: their ids combined by ``operator``."""
    ids = sorted({d.license_id for d in declarations if d.license_id})
    unread = [d for d in declarations if not d.license_id]
    if operator == "AND" and unread:
        # All apply: one unidentified text leaves the whole unknown, never the licences we could read.
        said = "; ".join(f"{d.ref.path}: {d.ref.note or 'not identified'}" for d in unread[:3])
        return ResolvedLicense(license_id=None, source=source, declared_by=unread[0].ref,
                               reason=f"{len(unread)} of {len(declarations)} licence texts that all apply "
                                      f"were not identified ({said})")
    if not ids:
        first = declarations[0]
        reason = first.ref.note or "the licence statement was not identified"
        return ResolvedLicense(license_id=None, source=source, declared_by=first.ref, reason=reason)
    expression = combine_ids(ids, operator)
    decl = next(d for d in declarations if d.license_id)
    return ResolvedLicense(license_id=expression, source=source, declared_by=decl.ref,
                           modified=any(d.modified for d in declarations))
