"""The buyer's licence summary: can I use it commercially, can I fine-tune and redistribute,
what restrictions apply, and what must I do — per component, with the evidence.

Computed from the Inventory's per-component licences and the licence catalogue; every
answer is ``yes``, ``no``, ``conditional`` (allowed with a threshold or a use policy) or
``unknown`` (no licence found, or a licence the catalogue does not cover).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from . import licenses
from .inventory.coverage import license_of, quoted_changes, released
from .inventory.model import Component, EvidenceRef, Inventory, LicenseSlot, ResolvedLicense

Answer = Literal["yes", "no", "conditional", "unknown"]



class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ComponentTerms(_Model):
    """What one kind of component's licence allows."""

    slot: LicenseSlot
    released: bool = Field(description="At least one component of this kind is in the release.")
    license_id: str | None
    name: str | None = None
    category: str = "unknown"
    modified: bool = False
    url: str | None = None
    commercial_use: Answer = "unknown"
    fine_tune: Answer = Field(default="unknown", description="Derivatives (fine-tuning, modification) allowed.")
    redistribute: Answer = "unknown"
    restrictions: list[str] = Field(default_factory=list)
    obligations: list[str] = Field(default_factory=list)
    declared_by: EvidenceRef | None = None
    decided_by: str = Field(description="component | type | distribution | none: how the licence was resolved.")


class LicenseSummary(_Model):
    """The answers a procurement team asks first, for the release as a whole."""

    commercial_use: Answer
    fine_tune_and_redistribute: Answer
    gated: bool = Field(description="Weights or data need an access request.")
    restrictions: list[str]
    obligations: list[str]
    components: list[ComponentTerms]


def _answer(value: bool | None, conditional: bool = False) -> Answer:
    if value is None:
        return "unknown"
    if not value:
        return "no"
    return "conditional" if conditional else "yes"


def _combine(answers: list[Answer]) -> Answer:
    """The release allows something only as far as its most restrictive released part does."""
    worst: Answer
    for worst in ("no", "unknown", "conditional"):
        if worst in answers:
            return worst
    return "yes" if answers else "unknown"


def _component_terms(slot: LicenseSlot, resolved: ResolvedLicense, released: bool,
                     elsewhere: list[Component], all_elsewhere: bool) -> ComponentTerms:
    base = {"slot": slot, "released": released, "license_id": resolved.license_id, "modified": resolved.modified,
            "declared_by": resolved.declared_by, "decided_by": resolved.source}
    # Components only linked to or loaded (a paper, another host's weights, a library): the licence
    # above is not theirs, and theirs was not read.
    unread = [f"{c.name.lower()} {license_of(c).reason}" for c in elsewhere]
    if all_elsewhere:
        return ComponentTerms(**{**base, "license_id": None, "decided_by": "none"}, restrictions=unread)
    terms = _terms(resolved, base)
    return terms.model_copy(update={"restrictions": terms.restrictions + unread}) if unread else terms


def _terms(resolved: ResolvedLicense, base: dict) -> ComponentTerms:
    if resolved.license_id is None:
        return ComponentTerms(**base, restrictions=["no licence found: all rights reserved by default"])
    terms = licenses.terms_for_expression(resolved.license_id) or \
        [t for t in [licenses.lookup(resolved.license_id)] if t is not None]
    if not terms:
        return ComponentTerms(**base, name=resolved.license_id,
                              restrictions=[f"{resolved.license_id} is not in the licence catalogue: read it"])
    # For ``A OR B`` a user may pick the more permissive choice; show the first, judge by the best.
    best = max(terms, key=lambda t: (t.commercial_use is True, t.derivatives is True, not t.use_restrictions))
    limited = bool(best.user_threshold or best.use_restrictions)
    restrictions = []
    if best.user_threshold:
        restrictions.append(f"user or revenue threshold: {best.user_threshold}")
    if best.commercial_use is False:
        restrictions.append("no commercial use")
    elif best.use_restrictions:
        restrictions.append("field-of-use restrictions or an acceptable-use policy apply")
    if best.share_alike:
        restrictions.append("share-alike: derivatives must use the same licence")
    if resolved.modified:
        restrictions.append(f"modified {best.id}: read the added terms, they may change what {best.id} allows"
                            f"{quoted_changes(resolved)}")
    obligations = [best.obligations.rstrip(".")] if best.obligations else (["keep the copyright and licence notices"]
                                                              if best.attribution else [])
    return ComponentTerms(
        **base, name=best.name, category=best.category, url=best.url,
        commercial_use="unknown" if resolved.modified else _answer(best.commercial_use, limited),
        fine_tune="unknown" if resolved.modified else _answer(best.derivatives, limited),
        redistribute="unknown" if resolved.modified else _answer(best.redistribution, limited),
        restrictions=restrictions, obligations=obligations,
    )


def _gated(components: list[Component]) -> bool:
    return any(c.access == "gated" for c in components)


def _elsewhere(inventory: Inventory, slot: LicenseSlot) -> list[Component]:
    """The released components of ``slot`` that the repository's licence does not cover."""
    return [c for c in inventory.slot_components(slot)
            if c.status in {"present", "partial"} and license_of(c).published_elsewhere]


def summarise(inventory: Inventory) -> LicenseSummary:
    """The buyer's summary of ``inventory``."""
    elsewhere = {slot: _elsewhere(inventory, slot) for slot in inventory.licenses}
    parts = [_component_terms(slot, resolved, released(inventory, slot), elsewhere[slot],
                              inventory.published_elsewhere(slot))
             for slot, resolved in inventory.licenses.items()]
    # What a buyer deploys is the code and the weights: they decide the headline answers. Data and
    # documents keep their own rows, and their restrictions are listed below the answers, as are
    # the components the release only links to or loads.
    judged = [p for p in parts if p.released and p.slot in {"code", "weights"}] or [p for p in parts if p.released]
    listed = [p for p in parts if p.released or elsewhere[p.slot]]
    fine_tune = _combine([p.fine_tune for p in judged])
    redistribute = _combine([p.redistribute for p in judged])
    return LicenseSummary(
        commercial_use=_combine([p.commercial_use for p in judged]),
        fine_tune_and_redistribute=_combine([fine_tune, redistribute]) if judged else "unknown",
        gated=_gated(inventory.components),
        restrictions=sorted({f"{p.slot}: {r}" for p in listed for r in p.restrictions}),
        obligations=sorted({f"{p.slot}: {o}" for p in listed if p.slot != "documents" for o in p.obligations}),
        components=parts,
    )
