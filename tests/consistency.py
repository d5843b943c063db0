"""One function that reads every place a report states a component's presence or licence, and says
where two of them contradict each other (issue 11: no report that contradicts itself).

The places: the Inventory's components and per-slot licences; the criteria findings of the
``component_present`` check; the lens rows (MOF components, OSAID code and parameters, the
index's weights and training-code dimensions, the code-completeness items); and the buyer's
licence summary.
"""

from __future__ import annotations

from openness import licenses
from openness.assessment import Assessment
from openness.criteria import load_criteria_set
from openness.frameworks.mof import terms_unread
from openness.frameworks.osaid import CODE_COMPONENTS
from openness.inventory.coverage import released
from openness.inventory.model import Component

_FINDING = {"present": {"pass"}, "partial": {"partial"}, "unknown": {"unknown"}, "absent": {"fail"}}
"""The finding a ``component_present`` criterion gives for each component status (or not_applicable)."""
_PWC = {"training": "training_code", "evaluation": "evaluation_code", "pretrained": "final_parameters"}


def _component_criteria() -> dict[str, str]:
    """Criterion id → the component its ``component_present`` check reads."""
    return {c.id: c.params["component"] for c in load_criteria_set().criteria if c.check == "component_present"}


def contradictions(assessment: Assessment) -> list[str]:
    """Every pair of statements in ``assessment`` that disagree on a component's presence or licence."""
    inventory, found = assessment.inventory, []
    by_key = {c.key: c for c in inventory.components}
    by_name = {c.name: c for c in inventory.components}
    for criterion, key in _component_criteria().items():
        finding = next((f for f in assessment.findings if f.criterion == criterion), None)
        if finding is not None and finding.status != "not_applicable" \
                and finding.status not in _FINDING[by_key[key].status]:
            found.append(f"criterion {criterion} is {finding.status}, component {key} is {by_key[key].status}")
    mof = assessment.frameworks.get("mof")
    if mof is not None:
        for row in mof.details.components:  # type: ignore[attr-defined]
            component = by_name[row.name]
            if row.included != (component.status == "present"):
                found.append(f"MOF says {row.name} included={row.included}, the inventory {component.status}")
            if row.included and not terms_unread(component):
                found += _licence_disagrees(f"MOF {row.name}", row.license, component)
    osaid = assessment.frameworks.get("osaid")
    if osaid is not None:
        for requirement, keys in (("code", CODE_COMPONENTS), ("parameters", ("final_parameters",))):
            row, parts = osaid.row(requirement), [by_key[k] for k in keys]
            missing = [c for c in parts if c.status in {"absent", "partial"}]
            if row.status == "pass" and any(c.status != "present" for c in parts):
                found.append(f"OSAID {requirement} passes, but not every part is present")
            for c in missing:
                if row.status != "fail" or c.name.lower() not in row.reason:
                    found.append(f"OSAID {requirement} does not name {c.name}, which is {c.status}")
    osai = assessment.frameworks.get("osai")
    if osai is not None:
        weights = by_key["final_parameters"]
        expected = {"absent": "closed", "unknown": "unknown"}.get(weights.status)
        if expected and osai.row("weights_endmodel").value != expected:
            found.append(f"OSAI end-model weights {osai.row('weights_endmodel').value}, weights {weights.status}")
        training = by_key["training_code"], by_key["preprocessing_code"]
        if (osai.row("trainingcode").value == "open") != all(c.status == "present" for c in training):
            found.append(f"OSAI training code {osai.row('trainingcode').value}, components "
                         f"{[c.status for c in training]}")
    pwc = assessment.frameworks.get("pwc")
    if pwc is not None:
        for item, key in _PWC.items():
            if (pwc.row(item).status == "pass") != (by_key[key].status == "present"):
                found.append(f"PwC {item} is {pwc.row(item).status}, component {key} is {by_key[key].status}")
    if assessment.licenses is not None:
        for terms in assessment.licenses.components:
            if terms.released != released(inventory, terms.slot):
                found.append(f"buyer summary: {terms.slot} released={terms.released}, the inventory disagrees")
            resolved = inventory.licenses[terms.slot]
            if terms.license_id is not None and terms.license_id != resolved.license_id:
                found.append(f"buyer summary: {terms.slot} under {terms.license_id}, inventory {resolved.license_id}")
    return found


def _licence_disagrees(where: str, shown: str | None, component: Component) -> list[str]:
    resolved = component.license
    if resolved is None or resolved.license_id is None:
        return [] if shown is None else [f"{where} shows {shown}, the inventory has no licence for it"]
    expected = licenses.display_name(resolved.license_id, True) if resolved.modified else resolved.license_id
    return [] if shown == expected else [f"{where} shows {shown}, the inventory {expected}"]
