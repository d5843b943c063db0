"""Open-washing: a release's own claims of openness against what its licences and access say.

Judgment calls, each shown in the reason: "open source" (or an OSI badge) holds when every released
component's licence is OSI-approved and unrestricted and nothing is gated ("open-source code": the
code's licence only); "open weights" / "open
model" when weights are released, not gated, under an open licence; "open data" the same for data;
"fully open" all of these and the training code released. Weights and data claims are judged only
for model and dataset releases. A licence that cannot be identified makes the claim unknown.
"""

from __future__ import annotations

from .. import licenses
from ..inventory import Inventory
from ..inventory.coverage import released
from ..inventory.facts import ClaimedOpenness
from ..inventory.model import LicenseSlot
from .base import CheckContext, Outcome, failed, not_applicable, passed, unknown
from .registry import check


def contradictions(inventory: Inventory, claim: ClaimedOpenness) -> tuple[list[str], list[str]]:
    """What contradicts ``claim``, and what could not be told, each as a clause."""
    against: list[str] = []
    unsure: list[str] = []
    ml = inventory.kind != "software"
    if claim == "open_source_code" and released(inventory, "code"):
        _licence(inventory, "code", "osi", against, unsure)
    if claim in {"open_source", "fully_open"}:
        slots: list[LicenseSlot] = [s for s in ("code", "weights", "data") if released(inventory, s)]
        for slot in slots:
            _licence(inventory, slot, "osi", against, unsure)
    if ml and claim in {"open_weights", "fully_open"}:
        _released(inventory, "final_parameters", "weights", "open", against, unsure)
    if ml and claim in {"open_data", "fully_open"}:
        _released(inventory, "datasets", "data", "open", against, unsure)
    if ml and claim == "fully_open" and inventory.component("training_code").status == "absent":
        against.append("no training code is released")
    if claim == "open_source" and ml:
        for key in ("final_parameters", "datasets"):
            if inventory.component(key).access == "gated":
                against.append(f"{inventory.component(key).name.lower()} are gated: access must be requested")
    return against, unsure


def _released(inventory: Inventory, key: str, slot: LicenseSlot, standard: str,
              against: list[str], unsure: list[str]) -> None:
    component = inventory.component(key)
    if component.status == "unknown":
        unsure.append(f"whether {slot} are released could not be told")
    elif component.status == "absent":
        against.append(f"no {slot} are released")
    elif component.access == "gated":
        against.append(f"the {slot} are gated: access must be requested")
    else:
        _licence(inventory, slot, standard, against, unsure)


def _licence(inventory: Inventory, slot: LicenseSlot, standard: str, against: list[str], unsure: list[str]) -> None:
    license_id = inventory.licenses[slot].license_id
    if not license_id or inventory.licenses[slot].modified:
        unsure.append(f"the {slot} licence is {'modified' if license_id else 'unknown'}")
        return
    name = licenses.display_name(license_id)
    if not licenses.is_open(license_id, standard):
        against.append(f"the {slot} licence {name} is not {'OSI-approved' if standard == 'osi' else 'an open licence'}")
    elif licenses.allows(license_id, False) is False:
        against.append(f"the {slot} licence {name} restricts how it may be used")


@check("open_washing")
def open_washing(ctx: CheckContext) -> Outcome:
    """A claim of openness the release makes ("open source", "open weights", an OSI badge …) agrees
    with what it is: OSI-approved, unrestricted licences, weights and data released and not gated."""
    fact = ctx.facts.openness_claims
    if not fact.known:
        return unknown(fact.reason or "the README and card could not be read")
    claims = fact.value or []
    if not claims:
        return not_applicable("the release makes no claim of openness")
    unknowns: list[str] = []
    for claim in claims:
        against, unsure = contradictions(ctx.inventory, claim.claim)
        where = f"{claim.ref.path}:{claim.ref.line}"
        if against:
            return failed(f"{where} claims \"{claim.phrase}\", but {against[0]} (the line: \"{claim.quote}\")",
                          [claim.ref])
        unknowns += unsure
    if unknowns:
        return unknown(f"cannot tell whether the claim \"{claims[0].quote}\" holds: {unknowns[0]}", [c.ref for c in claims])
    return passed(f"the claim \"{claims[0].quote}\" agrees with the licences and access", [c.ref for c in claims])
