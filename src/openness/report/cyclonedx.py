"""CycloneDX ML-BOM (JSON, spec 1.6 or 1.7) of an Assessment, built with ``cyclonedx-python-lib``.

Everything comes from the Assessment: the inventory's components and resolved licences, its
facts (weights and their host-given hashes, the base model, the model description) and the
framework lenses. Nothing is detected again here.

The library (11.x) models components, licences, pedigree, hashes and ``definitions.standards``
but neither ``modelCard`` nor ``declarations``: the BOM is serialised by the library, those two
objects are added to its JSON, and the tests validate the whole document against the official
schema of its spec version with the library's ``JsonStrictValidator``.

Judgment calls, stated here and in the BOM's properties:
* a licence the tool could not resolve is no licence entry (an ``unknown`` id would make the BOM
  invalid) but an ``openness:licence-unknown`` property with the reason;
* catalogue licences without an SPDX id (``llama3``) become a licence ``name``, never an ``id``;
* the resolved licence is ``concluded``; what the release itself states is ``declared``;
* what the SPDX 3 document states and CycloneDX has no field for is an ``openness:`` property where the
  object has ``properties``, so the two BOMs say the same: the config's hyperparameters on the model
  card, the energy the card states by phase on its environmental considerations (an
  ``energyConsumptions`` entry needs the energy provider, which no card states), and a dataset's
  intended use, known bias, data types and size on its data component. The card's training sections
  have no place in CycloneDX's model card and are left to the SPDX document.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from cyclonedx.model import ExternalReference, ExternalReferenceType, HashAlgorithm, HashType, Property, XsUri
from cyclonedx.model.bom import Bom, BomMetaData
from cyclonedx.model.component import Component, ComponentType, Pedigree
from cyclonedx.model.contact import OrganizationalEntity
from cyclonedx.model.definition import Definitions, Level, Requirement, Standard
from cyclonedx.model.license import DisjunctiveLicense, LicenseAcknowledgement, LicenseExpression
from cyclonedx.output.json import BY_SCHEMA_VERSION
from cyclonedx.schema import SchemaVersion
from cyclonedx.spdx import is_expression, is_supported_id
from packageurl import PackageURL

from ..assessment import Assessment, MemberInfo
from ..fetch import registry
from ..frameworks.interface import LensResult, LensRow
from ..inventory import Component as InventoryComponent
from ..inventory import EvidenceRef, ResolvedLicense
from ..inventory.facts import DatasetDescription, EnergyUse, ModelDescription, WeightFile
from .links import evidence_link

SPEC_VERSIONS = {"1.6": SchemaVersion.V1_6, "1.7": SchemaVersion.V1_7}
DEFAULT_SPEC = "1.6"
ASSESSOR = "assessor:openness"
ROOT = "release"
_KIND_TYPES = {"model": ComponentType.MACHINE_LEARNING_MODEL, "dataset": ComponentType.DATA,
               "software": ComponentType.APPLICATION}
_CONTENT_TYPES = {"code": ComponentType.APPLICATION, "data": ComponentType.DATA, "document": ComponentType.FILE}
_MODEL_COMPONENTS = {"final_parameters", "intermediate_parameters"}
"""MOF components that are themselves models (checkpoints), not code, data or documents."""
_ROLE_TYPES = {"code": ComponentType.APPLICATION, "dataset": ComponentType.DATA,
               "base_model": ComponentType.MACHINE_LEARNING_MODEL, "related": ComponentType.APPLICATION}
_CONFORMANCE = {"pass": 1.0, "partial": 0.5, "fail": 0.0}
"""A lens row's common status as a conformance score; ``unknown`` has none (its confidence is 0)."""


def render_cyclonedx(assessment: Assessment, spec: str = DEFAULT_SPEC) -> str:
    """The ML-BOM as JSON text."""
    return json.dumps(cyclonedx_document(assessment, spec), indent=2, ensure_ascii=False) + "\n"


def cyclonedx_document(assessment: Assessment, spec: str = DEFAULT_SPEC) -> dict[str, Any]:
    """The ML-BOM as a JSON object: the library's serialisation, with ``modelCard`` and ``declarations``."""
    version = SPEC_VERSIONS[spec]
    document: dict[str, Any] = json.loads(BY_SCHEMA_VERSION[version](_bom(assessment)).output_as_string())
    card = _model_card(assessment)
    if card:
        document["metadata"]["component"]["modelCard"] = card
    if assessment.frameworks:
        document["declarations"] = _declarations(assessment)
    return document


def _bom(assessment: Assessment) -> Bom:
    inventory = assessment.inventory
    facts = inventory.facts
    primary = assessment.members[0]
    components = [_component(c, assessment) for c in inventory.components if c.status in {"present", "partial"}]
    components += [_member_component(m, assessment) for m in assessment.members[1:] if m.role != "base_model"]
    root = Component(
        bom_ref=ROOT, type=_KIND_TYPES[inventory.kind], name=assessment.target.id,
        version=assessment.target.revision or primary.revision, supplier=_supplier(primary),
        purl=member_purl(primary), description=assessment.about.description,
        licenses=licence_entries(inventory.distribution_license, _declared(primary.id, assessment)),
        external_references=_root_references(assessment),
        properties=_unknown_licence(inventory.distribution_license),
        pedigree=_pedigree(assessment),
    )
    if facts is not None and facts.weights.value and inventory.kind == "model":
        root.components.update(_weight_file(w) for w in facts.weights.value if w.member == primary.id)
    metadata = BomMetaData(
        component=root, timestamp=datetime.fromisoformat(assessment.generated_at.replace("Z", "+00:00")),
        properties=[Property(name="openness:score", value=_score(assessment)),
                    Property(name="openness:profile", value=assessment.profile.name)],
    )
    metadata.tools.components.add(Component(type=ComponentType.APPLICATION, name=assessment.tool.name,
                                             version=assessment.tool.version))
    bom = Bom(serial_number=_serial(assessment), metadata=metadata, components=components,
              definitions=Definitions(standards=[_standard(lens) for lens in assessment.frameworks.values()]))
    bom.register_dependency(root, components)
    return bom


def _serial(assessment: Assessment) -> uuid.UUID:
    """The same run gives the same serial number (reports are reproducible)."""
    name = f"{assessment.target.id}@{assessment.target.revision}/{assessment.generated_at}"
    return uuid.uuid5(uuid.NAMESPACE_URL, f"openness:{name}")


def _score(assessment: Assessment) -> str:
    s = assessment.score
    return "unscored" if s.overall is None else f"{s.overall:.1f}/100 grade {s.grade}"


def _supplier(member: MemberInfo) -> OrganizationalEntity | None:
    """The owner a hosted repository id names (``acme`` of ``acme/tiny-llm``); none for a checkout."""
    if member.web_url is None or "/" not in member.id:
        return None
    return OrganizationalEntity(name=member.id.split("/", 1)[0], urls=[XsUri(member.web_url.rsplit("/", 1)[0])])


def member_purl(member: MemberInfo) -> PackageURL | None:
    """The member's Package URL at the scored revision, when its source has a purl type."""
    source = registry.get(member.kind)
    purl_type = source.purl_type if source is not None else None
    if purl_type is None or "/" not in member.id:
        return None
    namespace, name = member.id.rsplit("/", 1)
    return PackageURL(type=purl_type, namespace=namespace, name=name, version=member.revision)


def licence_entries(resolved: ResolvedLicense | None, declared: Iterable[str] = ()) -> list[Any]:
    """The concluded licence and the declared ones, each valid CycloneDX (an SPDX id, an expression, or a name)."""
    entries: list[Any] = []
    if resolved is not None and resolved.license_id:
        entries.append(_licence(resolved.license_id, LicenseAcknowledgement.CONCLUDED))
    for license_id in dict.fromkeys(declared):
        if resolved is None or license_id != resolved.license_id:
            entries.append(_licence(license_id, LicenseAcknowledgement.DECLARED))
    # CycloneDX allows one expression alone, or any number of single licences.
    expressions = [e for e in entries if isinstance(e, LicenseExpression)]
    return expressions[:1] if expressions else entries


def _licence(license_id: str, acknowledgement: LicenseAcknowledgement) -> Any:
    if is_supported_id(license_id):
        return DisjunctiveLicense(id=license_id, acknowledgement=acknowledgement)
    if " " in license_id and is_expression(license_id):
        return LicenseExpression(license_id, acknowledgement=acknowledgement)
    return DisjunctiveLicense(name=license_id, acknowledgement=acknowledgement)


def _declared(member_id: str, assessment: Assessment) -> list[str]:
    """What a member's own files and metadata state. Evidence names members by id, and a model and its
    code may share one (``acme/x`` on two hosts): then a statement cannot be told apart, and none is listed."""
    if sum(m.id == member_id for m in assessment.members) > 1:
        return []
    return [d.license_id for d in assessment.inventory.declarations if d.license_id and d.ref.member == member_id]


def _unknown_licence(resolved: ResolvedLicense | None) -> list[Property]:
    if resolved is None or resolved.license_id:
        return []
    return [Property(name="openness:licence-unknown", value=resolved.reason or "no licence was found")]


def _root_references(assessment: Assessment) -> list[ExternalReference]:
    primary = assessment.members[0]
    refs: list[tuple[ExternalReferenceType, str | None]] = []
    if primary.web_url:
        refs += [(ExternalReferenceType.VCS, primary.web_url), (ExternalReferenceType.DISTRIBUTION, primary.web_url)]
    by_key = {c.key: c for c in assessment.inventory.components if c.status in {"present", "partial"}}
    for key, kind in (("model_card", ExternalReferenceType.MODEL_CARD), ("research_paper", ExternalReferenceType.CITATION),
                      ("technical_report", ExternalReferenceType.DOCUMENTATION)):
        if key in by_key:
            refs += [(kind, evidence_link(ref, assessment)) for ref in by_key[key].evidence[:3]]
    declared_by = assessment.inventory.distribution_license.declared_by
    if declared_by is not None:
        refs.append((ExternalReferenceType.LICENSE, evidence_link(declared_by, assessment)))
    return _references(refs)


def _references(refs: Iterable[tuple[ExternalReferenceType, str | None]]) -> list[ExternalReference]:
    return [ExternalReference(type=kind, url=XsUri(url)) for kind, url in dict.fromkeys(refs) if url]


def _pedigree(assessment: Assessment) -> Pedigree | None:
    facts = assessment.inventory.facts
    base = facts.base_model.value if facts is not None else None
    if base is None:
        return None
    member = next((m for m in assessment.members if m.id == base.member), None)
    ancestor = (_member_component(member, assessment) if member is not None else
                Component(type=ComponentType.MACHINE_LEARNING_MODEL, name=base.id, bom_ref=f"member:{base.id}"))
    notes = f"derived from {base.id}" + (f" ({base.relation})" if base.relation else "")
    if base.unreached:
        notes += f"; its repository was not read: {base.unreached}"
    return Pedigree(ancestors=[ancestor], notes=notes)


def _member_component(member: MemberInfo, assessment: Assessment) -> Component:
    """A linked repository of the bundle (code, dataset, base model) with its own licence, as resolved."""
    facts = assessment.inventory.facts
    described = facts.dataset_description(member.id) if facts is not None and member.role == "dataset" else None
    return Component(
        bom_ref=f"member:{member.id}", type=_ROLE_TYPES.get(member.role, ComponentType.APPLICATION),
        name=member.id, version=member.revision, supplier=_supplier(member), purl=member_purl(member),
        licenses=licence_entries(None, _declared(member.id, assessment)),
        external_references=_references([(ExternalReferenceType.VCS, member.web_url)]),
        properties=[Property(name="openness:role", value=member.role), *_dataset_properties(described)],
    )


def _dataset_properties(described: DatasetDescription | None) -> list[Property]:
    """What a dataset states of itself, as the SPDX document's Dataset profile has it."""
    if described is None:
        return []
    properties = [Property(name="openness:dataset:type", value=t) for t in described.types]
    if described.intended_use is not None:
        properties.append(Property(name="openness:dataset:intended-use", value=described.intended_use.text))
    properties += [Property(name="openness:dataset:known-bias", value=q.text) for q in described.known_bias]
    if described.size is not None:
        properties.append(Property(name="openness:dataset:size-bytes", value=str(described.size)))
    return properties


def _component(component: InventoryComponent, assessment: Assessment) -> Component:
    """One MOF component that the release has: where it is and under which licence."""
    kind = ComponentType.MACHINE_LEARNING_MODEL if component.key in _MODEL_COMPONENTS else \
        _CONTENT_TYPES[component.content_type]
    reference_type = {"code": ExternalReferenceType.VCS, "data": ExternalReferenceType.DISTRIBUTION}.get(
        component.content_type, ExternalReferenceType.DOCUMENTATION)
    properties = [Property(name="openness:mof-component", value=str(component.mof_id)),
                  Property(name="openness:status", value=component.status)]
    if component.access:
        properties.append(Property(name="openness:access", value=component.access))
    if component.license is not None:
        properties += _unknown_licence(component.license)
    for ref in component.evidence[:5]:
        properties.append(Property(name="openness:evidence", value=_ref_text(ref)))
    return Component(
        bom_ref=f"component:{component.key}", type=kind, name=component.name, description=component.note,
        licenses=licence_entries(component.license),
        external_references=_references((reference_type, evidence_link(r, assessment)) for r in component.evidence[:5]),
        properties=properties,
    )


def _weight_file(weight: WeightFile) -> Component:
    hashes = [HashType(alg=HashAlgorithm.SHA_256, content=weight.sha256)] if weight.sha256 else []
    return Component(bom_ref=f"file:{weight.member}/{weight.path}", type=ComponentType.FILE, name=weight.path,
                     hashes=hashes, properties=[Property(name="openness:weight-format", value=weight.format)])


def _ref_text(ref: EvidenceRef) -> str:
    where = ref.url or (f"{ref.path}:{ref.line}" if ref.path and ref.line else ref.path) or ""
    return " ".join(p for p in (ref.member, where, f"({ref.note})" if ref.note else "") if p)


def _standard(lens: LensResult) -> Standard:
    """A framework as a CycloneDX standard: its rows as requirements, its groups (MOF classes) as levels."""
    requirements = [Requirement(bom_ref=_requirement_ref(lens, row), identifier=row.id, title=row.name)
                    for row in lens.requirements]
    groups: dict[str, list[str]] = {}
    for row in lens.requirements:
        if row.group:
            groups.setdefault(row.group, []).append(_requirement_ref(lens, row))
    levels = [Level(bom_ref=f"level:{lens.id}:{group}", identifier=group, title=group, requirements=refs)
              for group, refs in groups.items()]
    return Standard(bom_ref=f"standard:{lens.id}", name=lens.name, version=lens.framework_version,
                    description=f"{lens.short_name}: {lens.requirement_label} by {lens.requirement_label}",
                    requirements=requirements, levels=levels,
                    external_references=[ExternalReference(type=ExternalReferenceType.DOCUMENTATION,
                                                           url=XsUri(lens.source_url))])


def _requirement_ref(lens: LensResult, row: LensRow) -> str:
    return f"requirement:{lens.id}:{row.id}"


def _declarations(assessment: Assessment) -> dict[str, Any]:
    """The tool as assessor, one attestation per framework, one claim (and its evidence) per requirement."""
    claims: list[dict[str, Any]] = []
    evidence: list[dict[str, Any]] = []
    attestations = []
    for lens in assessment.frameworks.values():
        entries = []
        for row in lens.requirements:
            claim_ref = f"claim:{lens.id}:{row.id}"
            claim: dict[str, Any] = {"bom-ref": claim_ref, "target": ROOT, "predicate": f"{row.name}: {row.value}",
                                     "reasoning": row.reason}
            data = [_evidence_data(ref, assessment) for ref in row.evidence]
            if data:
                evidence_ref = f"evidence:{lens.id}:{row.id}"
                evidence.append({"bom-ref": evidence_ref, "propertyName": "openness:evidence", "data": data,
                                 "created": _timestamp(assessment)})
                claim["evidence"] = [evidence_ref]
            claims.append(claim)
            entries.append(_map_entry(lens, row, claim_ref))
        summary = f"{lens.titled}: {lens.verdict} ({lens.status}). {lens.summary}"
        if lens.blockers:
            summary += " To change the verdict: " + "; ".join(lens.blockers)
        attestations.append({"summary": summary, "assessor": ASSESSOR, "map": entries})
    return {
        "assessors": [{"bom-ref": ASSESSOR, "thirdParty": True,
                       "organization": {"name": f"{assessment.tool.name} {assessment.tool.version}"}}],
        "attestations": attestations, "claims": claims, "evidence": evidence,
    }


def _map_entry(lens: LensResult, row: LensRow, claim_ref: str) -> dict[str, Any]:
    rationale = row.reason + (f" Remediation: {row.to_change}" if row.to_change else "")
    conformance: dict[str, Any] = {"rationale": rationale}
    if row.status in _CONFORMANCE:
        conformance["score"] = _CONFORMANCE[row.status]
    known = row.status != "unknown"
    return {"requirement": _requirement_ref(lens, row), "claims": [claim_ref], "conformance": conformance,
            "confidence": {"score": 1.0 if known else 0.0,
                           "rationale": "judged from the evidence" if known else "the evidence could not be read"}}


def _evidence_data(ref: EvidenceRef, assessment: Assessment) -> dict[str, Any]:
    data: dict[str, Any] = {"name": _ref_text(ref) or ref.member}
    link = evidence_link(ref, assessment)
    if link:
        data["contents"] = {"url": link}
    return data


def _timestamp(assessment: Assessment) -> str:
    return datetime.fromisoformat(assessment.generated_at.replace("Z", "+00:00")).isoformat()


def _model_card(assessment: Assessment) -> dict[str, Any]:
    """``modelCard`` of the release from the model-description fact; empty for anything but a model."""
    facts = assessment.inventory.facts
    described = facts.model_description.value if facts is not None else None
    if described is None or assessment.inventory.kind != "model":
        return {}
    card: dict[str, Any] = {}
    parameters = _model_parameters(described, assessment)
    if parameters:
        card["modelParameters"] = parameters
    if described.metrics:
        card["quantitativeAnalysis"] = {"performanceMetrics": [
            {"type": m.name or m.type, "value": m.value,
             **({"slice": " ".join(p for p in (m.dataset, m.split) if p)} if m.dataset else {})}
            for m in described.metrics]}
    considerations = _considerations(described)
    if considerations:
        card["considerations"] = considerations
    if described.hyperparameters:
        card["properties"] = [{"name": f"openness:hyperparameter:{key}", "value": value}
                              for key, value in described.hyperparameters.items()]
    return card


def _model_parameters(described: ModelDescription, assessment: Assessment) -> dict[str, Any]:
    parameters: dict[str, Any] = {}
    if described.task:
        parameters["task"] = described.task
    if described.model_type:
        parameters["architectureFamily"] = described.model_type
    if described.architectures:
        parameters["modelArchitecture"] = ", ".join(described.architectures)
    datasets = [f"member:{m.id}" for m in assessment.members if m.role == "dataset"]
    datasets += [f"component:{c.key}" for c in assessment.inventory.components
                 if c.content_type == "data" and c.key not in _MODEL_COMPONENTS and c.status in {"present", "partial"}]
    if datasets:
        parameters["datasets"] = [{"ref": ref} for ref in datasets]
    return parameters


def _considerations(described: ModelDescription) -> dict[str, Any]:
    """The card's own words, quoted; nothing the card does not state."""
    quotes = described.quotes
    considerations: dict[str, Any] = {}
    if "intended_use" in quotes:
        considerations["useCases"] = [quotes["intended_use"].text]
    if "limitations_bias" in quotes:
        considerations["technicalLimitations"] = [quotes["limitations_bias"].text]
    environmental = [{"name": f"openness:co2_eq_emissions:{key}", "value": value}
                     for key, value in described.emissions.items()]
    environmental += [{"name": f"openness:energy:{use.phase}", "value": _energy_text(use)} for use in described.energy]
    if "environmental_impact" in quotes:
        environmental.append({"name": "openness:card-section", "value": quotes["environmental_impact"].text})
    if environmental:
        considerations["environmentalConsiderations"] = {"properties": environmental}
    return considerations


def _energy_text(use: EnergyUse) -> str:
    """An amount of energy in the SPDX unit it is filed in: '1200 kWh' (for a stated '1.2 MWh')."""
    quantity = int(use.quantity) if use.quantity.is_integer() else use.quantity
    return f"{quantity} {use.unit}"
