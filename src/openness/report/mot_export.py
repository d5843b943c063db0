"""A Model Openness Tool record (``models/NAME.yml``) drafted from an Assessment's MOF lens.

The record lists every component the lens counted as included, each with its own licence
written out (``unlicensed`` when it has none, as the Tool's files say), its ``component_path``
and ``license_path`` (the evidence, at the scored revision) and a description saying where the
value came from. What the evidence did not show is left out, never guessed. ``openness mof`` on
the record gives the class the assessment computed, as long as every licence is a single SPDX id:
the Tool reads ids exactly, while the lens also accepts an expression one may comply with.
"""

from __future__ import annotations

from typing import Any

import yaml

from ..assessment import Assessment
from ..errors import UsageError
from ..frameworks.model import MofClassification
from ..frameworks.mof import UNLICENSED
from .links import evidence_link

FRAMEWORK = {"name": "Model Openness Framework", "version": "1.0", "date": "2024-12-15"}


def render_mot_record(assessment: Assessment) -> str:
    """The record as YAML text; ``UsageError`` when the MOF lens did not judge the target."""
    lens = assessment.frameworks.get("mof")
    if lens is None or not isinstance(lens.details, MofClassification):
        raise UsageError(f"{assessment.target.id} was judged as {assessment.inventory.kind}: the Model Openness "
                         "Framework judges model and dataset releases, so there is no record to export")
    header = (f"# Drafted by {assessment.tool.name} {assessment.tool.version} from the evidence of "
              f"{assessment.target.id}@{assessment.target.revision or 'working tree'} on {assessment.generated_at}.\n"
              f"# The assessment computed: {lens.verdict}. Review before submitting.\n")
    return header + yaml.safe_dump(mot_record(assessment, lens.details), sort_keys=False, allow_unicode=True)


def mot_record(assessment: Assessment, mof: MofClassification) -> dict[str, Any]:
    primary = assessment.members[0]
    by_id = {c.mof_id: c for c in assessment.inventory.components}
    components = []
    for component in mof.components:
        if not component.included:
            continue
        entry: dict[str, Any] = {"name": component.name,
                                 "description": component.note or _source(component.license_source),
                                 "license": component.license or UNLICENSED}
        paths = [link for ref in component.evidence if (link := evidence_link(ref, assessment))]
        if paths:
            entry["component_path"] = paths[0]
        licence_ref = by_id[component.mof_id].license if component.mof_id in by_id else None
        if licence_ref is not None and licence_ref.declared_by is not None:
            link = evidence_link(licence_ref.declared_by, assessment)
            if link:
                entry["license_path"] = link
        components.append(entry)
    release: dict[str, Any] = {"name": assessment.target.id, "version": assessment.target.revision or ""}
    if primary.web_url:
        release["repository"] = primary.web_url
    release["components"] = components
    return {"framework": dict(FRAMEWORK), "release": release}


def _source(license_source: str) -> str:
    return {"component": "licence stated for this component",
            "none": "no licence found for it"}.get(license_source, f"licence inherited ({license_source})")
