"""OSI Open Source AI Definition 1.0, by its three required elements (``frameworks.md`` §4).

- **Code**: the complete source to train and run the system (data processing, training,
  validation and testing, inference, supporting libraries, model architecture), all
  under OSI-approved licences.
- **Parameters**: the weights, downloadable without an access request, under terms that
  conform to the Open Source Definition.
- **Data information**: enough about the training data for a skilled person to rebuild
  a substantially equivalent system. As the OSI's validation met it: a paper or technical
  report of the release's own, or the datasets named with their provenance (a training-data
  section of the card, dataset links, the Hub's ``datasets:`` metadata). A separate data
  card is one way among these, not a requirement; the raw data is not required.

Like the OSI's own validation, a release that fails only on licence terms is marked
``license_only`` (BLOOM, StarCoder2 and Falcon "would pass if the licence changed").
Missing evidence (a gated repository, an unread file, the terms of weights published
elsewhere with no licence stated for them) gives ``unknown``, never ``fail``. A modified
licence is not the OSI-approved licence it is based on, so it fails like any other
unapproved terms: the added terms have not been reviewed against the OSD.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from .. import licenses
from ..components_table import component_table
from ..inventory.gaps import looked_in
from ..inventory.model import Component, EvidenceRef, Inventory
from .interface import LensDetails, LensResult, LensRow, LensSpec, LensStatus, facts_of, register
from .mof import choices, terms_unread

CODE_COMPONENTS = component_table().keys(osaid="code")
"""The components of the code element, from ``criteria/components.yaml``."""


class RequirementResult(BaseModel):
    """One OSAID requirement and why; the ``osaid_requirement`` criterion reads the same result."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    status: Literal["pass", "fail", "unknown"]
    reason: str
    license_only: bool = Field(default=False, description="Fails only because of licence terms.")
    evidence: list[EvidenceRef] = Field(default_factory=list)


class OsaidDetails(LensDetails):
    model_config = ConfigDict(frozen=True, extra="forbid")

    license_only: bool = Field(description="Would pass but for licence terms (like BLOOM, StarCoder2, Falcon).")


def _osi(license_id: str) -> bool:
    """Some way to comply uses OSI-approved licences only."""
    for choice in choices(license_id):
        terms = [licenses.lookup(part) for part in choice]
        if terms and all(t is not None and t.osi_approved for t in terms):
            return True
    return False


def _osd_conformant(license_id: str) -> bool:
    """Terms that conform to the Open Source Definition: the catalogue's OSAID verdict where it has
    one, else an OSI-approved licence or an open licence by the Model Openness Framework's list."""
    for choice in choices(license_id):
        verdicts = []
        for part in choice:
            terms = licenses.lookup(part)
            if terms is not None and terms.osaid_ok is not None:
                verdicts.append(terms.osaid_ok)
            else:
                verdicts.append(bool(terms and terms.osi_approved) or licenses.is_open_for_mof(part))
        if verdicts and all(verdicts):
            return True
    return False


def code_requirement(inventory: Inventory) -> RequirementResult:
    """All code to train and run the system, under OSI-approved licences."""
    parts = [inventory.component(key) for key in CODE_COMPONENTS]
    return _requirement(parts, _osi, "OSI-approved")


def parameters_requirement(inventory: Inventory) -> RequirementResult:
    """The final weights, freely downloadable, under OSD-conformant terms."""
    weights = inventory.component("final_parameters")
    result = _requirement([weights], _osd_conformant, "OSD-conformant")
    if result.status == "pass" and weights.access in {"gated", "private"}:
        return RequirementResult(status="fail", reason=f"weights are {weights.access}: using them needs permission",
                                 evidence=weights.evidence)
    return result


def data_information_requirement(inventory: Inventory) -> RequirementResult:
    """A description of the training data, as the OSI's validation accepted it: a paper or technical
    report of the release's own, or the datasets named with their provenance (a training-data section,
    dataset links, card ``datasets:`` metadata); a separate data card is not required (the
    ``data_information`` fact)."""
    fact = facts_of(inventory).data_information
    if fact.value is None:
        return RequirementResult(status="unknown", reason=fact.reason or "the data documentation could not be checked")
    described = fact.value.described_by
    if described:
        return RequirementResult(status="pass", reason="training data described by " + ", ".join(described),
                                 evidence=fact.evidence)
    return RequirementResult(status="fail", reason="nothing describes the training data (looked for "
                             + "; ".join(fact.value.looked) + ")")


def _requirement(parts: list[Component], license_ok: Callable[[str], bool], standard: str) -> RequirementResult:
    missing = [c for c in parts if c.status in {"absent", "partial"}]
    unknown = [c for c in parts if c.status == "unknown"]
    present = [c for c in parts if c.status == "present"]
    evidence = [ref for c in present for ref in c.evidence[:1]]
    if missing:
        names = ", ".join(c.name.lower() for c in missing)
        return RequirementResult(status="fail", evidence=evidence,
                                 reason=f"not released: {names} (looked in {looked_in(*(c.key for c in missing))})")
    if unknown:
        return RequirementResult(status="unknown", reason=f"could not check: {', '.join(c.name.lower() for c in unknown)}",
                                 evidence=evidence)
    elsewhere = [c for c in present if terms_unread(c)]
    bad = [c for c in present if c not in elsewhere
           and not (c.license and c.license.license_id and not c.license.modified and license_ok(c.license.license_id))]
    if bad:
        shown = "; ".join(f"{c.name.lower()}: {_shown(c)}" for c in bad)
        refs = evidence + [c.license.declared_by for c in bad if c.license and c.license.declared_by]
        return RequirementResult(status="fail", reason=f"not under {standard} terms ({shown})", license_only=True,
                                 evidence=refs)
    if elsewhere:
        return RequirementResult(status="unknown", evidence=evidence,
                                 reason=f"published elsewhere, terms not read: {', '.join(c.name.lower() for c in elsewhere)}")
    return RequirementResult(status="pass", reason=f"all released under {standard} terms", evidence=evidence)


def _shown(component: Component) -> str:
    resolved = component.license
    if resolved is None or resolved.license_id is None:
        return "no licence"
    return licenses.display_name(resolved.license_id, resolved.modified)


SPEC = LensSpec(id="osaid", name="OSI Open Source AI Definition 1.0", short_name="OSAID", version="1.0",
                source_url="https://opensource.org/ai/open-source-ai-definition", requirement_label="requirement",
                applies_to=frozenset({"model", "dataset"}), order=20)
REQUIREMENTS: dict[str, Callable[[Inventory], RequirementResult]] = {
    "data information": data_information_requirement,
    "code": code_requirement,
    "parameters": parameters_requirement,
}
"""The three required elements (``criteria/components.yaml`` names them in its ``osaid`` field)."""
_TO_CHANGE = {"fail": "release what is missing under open terms", "unknown": "make the evidence readable"}


@register(SPEC)
def evaluate(inventory: Inventory) -> LensResult:
    """The OSAID verdict with the requirement that decided it."""
    results = {name: rule(inventory) for name, rule in REQUIREMENTS.items()}
    failing = [name for name, r in results.items() if r.status == "fail"]
    unknown = [name for name, r in results.items() if r.status == "unknown"]
    license_only = bool(failing) and all(results[name].license_only for name in failing)
    verdict: LensStatus
    if failing:
        verdict, decided = "fail", failing
        reason = "; ".join(f"{name}: {results[name].reason}" for name in failing)
        if license_only:
            reason = "would pass but for its licence terms: " + reason
    elif unknown:
        verdict, decided = "unknown", unknown
        reason = "; ".join(f"{name}: {results[name].reason}" for name in unknown)
    else:
        verdict, decided = "pass", []
        reason = "code, parameters and data information are all available under open terms"
    rows = [LensRow(id=name, name=name[:1].upper() + name[1:], status=r.status, value=r.status, reason=r.reason,
                    evidence=r.evidence,
                    to_change="change the licence terms" if r.license_only else _TO_CHANGE.get(r.status))
            for name, r in results.items()]
    return SPEC.result(
        verdict=verdict, status=verdict, rank={"pass": 1.0, "unknown": 0.5, "fail": 0.0}[verdict], summary=reason,
        qualifier="would pass but for its licence terms" if license_only else None,
        requirements=rows, blockers=[f"{name}: {results[name].reason}" for name in decided],
        details=OsaidDetails(license_only=license_only),
    )
