"""Licensing and governance: clear terms per component, and a community that can take part."""

from __future__ import annotations

from .. import licenses
from ..inventory import EvidenceRef, ResolvedLicense
from ..inventory.coverage import license_of, quoted_changes, released
from ..inventory.declarations import UNREAD_NOTE, describe, distinct_statements
from ..inventory.model import LicenseSlot
from .base import CheckContext, Outcome, failed, not_applicable, partial, passed, unknown
from .registry import check


def _refs(resolved: ResolvedLicense) -> list[EvidenceRef]:
    return [resolved.declared_by] if resolved.declared_by else []


@check("license_declared")
def license_declared(ctx: CheckContext) -> Outcome:
    """The release states its licence in a file a tool can identify."""
    root_files = [d for d in ctx.inventory.declarations
                  if d.source == "license_file" and d.scope == "" and d.ref.member == ctx.facts.primary]
    identified = [d for d in root_files if d.license_id]
    if identified:
        names = ", ".join(sorted({f"modified {d.license_id}" if d.modified else d.license_id for d in identified}))  # type: ignore[misc]
        changes = "; ".join(d.ref.note for d in identified if d.modified and d.ref.note)
        return passed(f"licence file identifies {names}" + (f" ({changes})" if changes else ""),
                      [d.ref for d in identified])
    others = [d for d in ctx.inventory.declarations if d.source in {"card", "readme", "host"} and d.license_id]
    unread = [d for d in root_files if (d.ref.note or "").startswith(UNREAD_NOTE)]
    if unread:  # a file nobody read may identify its licence: unknown, not unidentified
        stated = f"; {others[0].source} metadata states {others[0].license_id}" if others else ""
        return unknown(f"licence file {unread[0].ref.path}: {unread[0].ref.note}{stated}")
    if root_files:
        return partial(f"licence file {root_files[0].ref.path} present but its licence was not identified",
                       0.5, [d.ref for d in root_files + others])
    if others:
        return partial(f"licence declared only in {others[0].source} metadata ({others[0].license_id}), no licence file",
                       0.5, [d.ref for d in others])
    return failed("no licence: without one, nobody may legally use, modify or share it")


@check("license_open")
def license_open(ctx: CheckContext, slot: str, standard: str = "open") -> Outcome:
    """The licence covering ``slot`` components is open (``osi``: OSI-approved; ``open``: any open licence)."""
    components = ctx.inventory.slot_components(slot)  # type: ignore[arg-type]
    if all(c.status == "absent" for c in components):
        return not_applicable(f"no {slot} components in the release")
    resolved = ctx.inventory.licenses[slot]  # type: ignore[index]
    if resolved.license_id is None:
        if all(c.status == "unknown" for c in components):
            return unknown(f"{slot}: the licence could not be read")
        return failed(f"no licence covers the {slot}", _refs(resolved))
    inherited = "" if resolved.source in {"component", "type"} else " (inherited from the distribution licence)"
    if ctx.inventory.published_elsewhere(slot):  # type: ignore[arg-type]
        present = [c for c in components if c.status in {"present", "partial"}]
        said = "; ".join(f"{c.name.lower()} {license_of(c).reason}" for c in present[:3])
        return unknown(f"the {slot} are not in this repository: {said}", [ref for c in present for ref in c.evidence][:3])
    if resolved.modified:
        return partial(f"{slot} licence is a modified {resolved.license_id}{inherited}: read the added terms"
                       f"{quoted_changes(resolved)}", 0.5, _refs(resolved))
    if licenses.is_open(resolved.license_id, standard):
        kind = "OSI-approved" if standard == "osi" else "open"
        return passed(f"{slot} licence {resolved.license_id} is {kind}{inherited}", _refs(resolved))
    terms = next((licenses.lookup(p) for alt in licenses.alternatives(resolved.license_id) for p in alt), None)
    category = f" ({terms.category.replace('_', ' ')})" if terms else " (not a recognised open licence)"
    return failed(f"{slot} licence {resolved.license_id}{category} is not open{inherited}", _refs(resolved))


@check("license_consistent")
def license_consistent(ctx: CheckContext) -> Outcome:
    """The distinct statements of the distribution licence (licence file, card metadata, README, the
    host's detection, a root CycloneDX or SPDX file) agree. One statement read twice is one statement,
    and one statement has nothing to agree with. A BOM that disagrees with the licence file is this
    finding; it never changes the resolved licence (``coverage`` does not read BOM statements)."""
    statements = distinct_statements(ctx.inventory.declarations, ctx.facts.primary)
    compared = ", ".join(describe(d) for d in statements)
    if len(statements) < 2:
        where = f" ({compared})" if statements else ""
        return not_applicable(f"the licence is stated in fewer than two distinct places{where}: nothing to compare")
    ids = {(_same_expression(d.license_id or ""), d.modified) for d in statements}
    if len(ids) == 1:
        shown = licenses.display_name(statements[0].license_id, statements[0].modified)
        return passed(f"{len(statements)} distinct licence statements agree ({shown}): {compared}",
                      [d.ref for d in statements])
    said = "; ".join(f"{describe(d)} says {licenses.display_name(d.license_id, d.modified)}" for d in statements)
    return failed(f"licence statements disagree: {said}", [d.ref for d in statements])


def _same_expression(expression: str) -> frozenset[frozenset[str]]:
    """An expression up to order: "MIT OR Apache-2.0" and "Apache-2.0 OR MIT" are one statement."""
    return frozenset(frozenset(p.casefold() for p in alt) for alt in licenses.alternatives(expression))


@check("use_unrestricted")
def use_unrestricted(ctx: CheckContext, commercial: bool = False) -> Outcome:
    """No field-of-use restriction (or, with ``commercial``, commercial use allowed) in any component's licence."""
    seen: list[tuple[LicenseSlot, ResolvedLicense]] = [(slot, r) for slot, r in ctx.inventory.licenses.items()
                                                       if r.license_id and released(ctx.inventory, slot)]
    if not seen:
        return unknown("no identified licence to read the terms of")
    blocked: list[tuple[LicenseSlot, ResolvedLicense]] = []
    unread: list[tuple[LicenseSlot, ResolvedLicense]] = []
    modified: list[tuple[LicenseSlot, ResolvedLicense]] = []
    for slot, resolved in seen:
        if resolved.modified:  # the added terms decide, and the catalogue cannot read them
            modified.append((slot, resolved))
            continue
        if ctx.inventory.published_elsewhere(slot):  # their own terms were not read
            unread.append((slot, resolved))
            continue
        verdict = licenses.allows(resolved.license_id or "", commercial)
        if verdict is not True:
            (unread if verdict is None else blocked).append((slot, resolved))
    what = "commercial use" if commercial else "use without field-of-use restrictions"
    if blocked:
        slot, resolved = blocked[0]
        return failed(f"{slot} licence {resolved.license_id} does not allow {what}",
                      [r.declared_by for _, r in blocked if r.declared_by])
    if modified:
        slot, resolved = modified[0]
        return unknown(f"{slot} licence is a modified {licenses.display_name(resolved.license_id)}: read its added terms"
                       f"{quoted_changes(resolved)}", _refs(resolved))
    if unread:
        slot, resolved = unread[0]
        if ctx.inventory.published_elsewhere(slot):
            return unknown(f"the {slot} are published elsewhere and their own licence was not read")
        return unknown(f"the terms of {licenses.display_name(resolved.license_id)} ({slot}) are not in the licence catalogue")
    return passed(f"every component's licence allows {what}", [r.declared_by for _, r in seen if r.declared_by])


@check("active_maintainers")
def active_maintainers(ctx: CheckContext, min_authors: int = 2) -> Outcome:
    """More than one person can carry the project (bus factor)."""
    fact = ctx.facts.contributors
    if not fact.known:
        return unknown(fact.reason or "contributors could not be read")
    count = fact.value
    if count is None:
        return not_applicable(fact.reason or "the host does not report contributors for this kind of repository")
    if count >= min_authors:
        return passed(f"{count} people have contributed", fact.evidence)
    return partial(f"only {count} contributor", 0.3, fact.evidence) if count else failed("no contributors recorded", fact.evidence)
