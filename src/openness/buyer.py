"""The buyer's licence summary: can I use it commercially, can I fine-tune and redistribute,
what restrictions apply, and what must I do — per component, with the evidence.

Computed from the Inventory's per-component licences and the licence catalogue; every
answer is ``yes``, ``no``, ``conditional`` (allowed with a threshold or a use policy) or
``unknown`` (no licence found, or a licence the catalogue does not cover).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from . import licenses
from .grouping import stated_once
from .inventory.coverage import license_of, quoted_changes, released
from .inventory.model import Component, EvidenceRef, Inventory, LicenseSlot, ResolvedLicense

Answer = Literal["yes", "no", "conditional", "unknown"]



class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ComponentTerms(_Model):
    """What one kind of component's licence allows. Its restrictions and duties are the summary's
    (``LicenseSummary.restrictions``, each naming the component types it applies to), stated once."""

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
    declared_by: EvidenceRef | None = None
    decided_by: str = Field(description="component | type | distribution | none: how the licence was resolved.")

    @model_validator(mode="before")
    @classmethod
    def _without_own_lists(cls, data: Any) -> Any:
        """Reports before schema 1.2 repeated each restriction and duty here, per component type; the
        summary states them (merged when read), so these copies are left out."""
        if isinstance(data, dict) and ("restrictions" in data or "obligations" in data):
            return {k: v for k, v in data.items() if k not in {"restrictions", "obligations"}}
        return data


@dataclass(frozen=True)
class _Part:
    """One component type's terms, with the restrictions and duties its licence brings (summarised once)."""

    terms: ComponentTerms
    restrictions: list[str] = field(default_factory=list)
    obligations: list[str] = field(default_factory=list)


class Stated(_Model):
    """A restriction or a duty, stated once, with every kind of component it applies to."""

    text: str
    components: list[LicenseSlot] = Field(description="The component types whose licence says it, in table order.")

    def line(self) -> str:
        """"code, weights: no commercial use"."""
        return f"{', '.join(self.components)}: {self.text}"


class LicenseSummary(_Model):
    """The answers a procurement team asks first, for the release as a whole."""

    commercial_use: Answer
    fine_tune_and_redistribute: Answer
    gated: bool = Field(description="Weights or data need an access request.")
    restrictions: list[Stated] = Field(description="Each restriction once, with the component types it applies to.")
    obligations: list[Stated] = Field(description="Each duty once, with the component types it applies to.")
    components: list[ComponentTerms]

    @field_validator("restrictions", "obligations", mode="before")
    @classmethod
    def _from_lines(cls, value: Any) -> Any:
        """Reports before schema 1.2 said each ``slot: text`` once per component type: read as 1.2 states them."""
        if isinstance(value, list) and value and all(isinstance(item, str) for item in value):
            pairs = [(slot, text) if said else (None, slot) for slot, said, text in (item.partition(": ") for item in value)]
            return [{"text": text, "components": [s for s in slots if s is not None]} for slots, text in stated_once(pairs)]
        return value


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
                     elsewhere: list[Component], all_elsewhere: bool) -> _Part:
    base = {"slot": slot, "released": released, "license_id": resolved.license_id, "modified": resolved.modified,
            "declared_by": resolved.declared_by, "decided_by": resolved.source}
    # Components only linked to or loaded (a paper, another host's weights, a library): the licence
    # above is not theirs, and theirs was not read.
    unread = [f"{c.name.lower()} {license_of(c).reason}" for c in elsewhere]
    if all_elsewhere:
        return _Part(ComponentTerms(**{**base, "license_id": None, "decided_by": "none"}), unread)
    part = _terms(resolved, base)
    return _Part(part.terms, part.restrictions + unread, part.obligations)


def _terms(resolved: ResolvedLicense, base: dict) -> _Part:
    if resolved.license_id is None:
        return _Part(ComponentTerms(**base), ["no licence found: all rights reserved by default"])
    terms = licenses.terms_for_expression(resolved.license_id) or \
        [t for t in [licenses.lookup(resolved.license_id)] if t is not None]
    if not terms:
        return _Part(ComponentTerms(**base, name=resolved.license_id),
                     [f"{resolved.license_id} is not in the licence catalogue: read it"])
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
    return _Part(ComponentTerms(
        **base, name=best.name, category=best.category, url=best.url,
        commercial_use="unknown" if resolved.modified else _answer(best.commercial_use, limited),
        fine_tune="unknown" if resolved.modified else _answer(best.derivatives, limited),
        redistribute="unknown" if resolved.modified else _answer(best.redistribution, limited),
    ), restrictions, obligations)


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
    rows = [p.terms for p in parts]
    judged = [t for t in rows if t.released and t.slot in {"code", "weights"}] or [t for t in rows if t.released]
    listed = [p for p in parts if p.terms.released or elsewhere[p.terms.slot]]
    fine_tune = _combine([t.fine_tune for t in judged])
    redistribute = _combine([t.redistribute for t in judged])
    return LicenseSummary(
        commercial_use=_combine([t.commercial_use for t in judged]),
        fine_tune_and_redistribute=_combine([fine_tune, redistribute]) if judged else "unknown",
        gated=_gated(inventory.components),
        restrictions=_stated((p.terms.slot, r) for p in listed for r in p.restrictions),
        obligations=_stated((p.terms.slot, o) for p in listed if p.terms.slot != "documents" for o in p.obligations),
        components=rows,
    )


def _stated(pairs: Iterable[tuple[LicenseSlot, str]]) -> list[Stated]:
    """Each text once with its component types: a Llama-style threshold binds code, weights and documents
    alike, and a buyer should read it once, not three times."""
    return [Stated(text=text, components=slots) for slots, text in stated_once(pairs)]
