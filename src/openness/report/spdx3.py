"""SPDX 3.0.1 JSON-LD with the AI and Dataset profiles, built with the official bindings (``spdx-python-model``).

An ``ai_AIPackage`` for the model (its task as domain, its config's architecture as type of model and
its architecture settings as hyperparameters, the card's intended use, limitations and training
sections quoted, the energy the card states by phase, its ``model-index`` metrics, and every framework
verdict as ``standardCompliance``), a ``dataset_DatasetPackage`` per dataset of the bundle
(``trainedOn``; with the intended use, known bias, data types and size its card, Croissant metadata and
host state) and per dataset its results name (``testedOn``), the base model (``descendantOf``),
and licences: what the release states (``hasDeclaredLicense``) and what the tool concluded
(``hasConcludedLicense``; ``NoAssertionElement`` when it could not conclude). The bindings check
every property's type and cardinality against the SPDX 3.0.1 model when the document is written.
Everything comes from the Assessment; nothing is detected again here. Autonomy type and safety risk
assessment are left out: no card field states them, and SPDX's defaults would be a claim.
"""

from __future__ import annotations

import io
import re
import uuid
from datetime import datetime
from typing import TypeVar

from cyclonedx.spdx import is_expression, is_supported_id
from spdx_python_model import v3_0_1 as spdx

from ..assessment import Assessment, MemberInfo
from ..inventory.facts import DatasetDescription, ModelDescription
from .cyclonedx import member_purl

_PROFILES = ("core", "software", "ai", "dataset", "simpleLicensing")
_AVAILABILITY = {"open": spdx.dataset_DatasetAvailabilityType.directDownload,
                 "gated": spdx.dataset_DatasetAvailabilityType.clickthrough,
                 "private": spdx.dataset_DatasetAvailabilityType.registration}
"""A dataset's access, as the inventory judged it, in SPDX's words: a gated Hub dataset asks the user to
accept its terms (click-through); a private one needs an account the owner grants (registration)."""
_ENERGY_UNITS = {"kWh": spdx.ai_EnergyUnitType.kilowattHour, "MJ": spdx.ai_EnergyUnitType.megajoule}
_TRAINING_SECTIONS = ("training_procedure", "training_data")
"""The card sections quoted as information about training, in this order."""
_E = TypeVar("_E", bound=spdx.Element)
_UNSAFE_REF = re.compile(r"[^A-Za-z0-9.\-]+")


def render_spdx3(assessment: Assessment) -> str:
    """The SPDX 3.0.1 document as JSON-LD text."""
    out = io.BytesIO()
    spdx.JSONLDSerializer().write(spdx.SHACLObjectSet(_elements(assessment)), out, indent=2)
    return out.getvalue().decode("utf-8") + "\n"


def _elements(assessment: Assessment) -> list[spdx.Element]:
    base = f"urn:openness:{uuid.uuid5(uuid.NAMESPACE_URL, f'{assessment.target.id}@{assessment.target.revision}')}"
    created = datetime.fromisoformat(assessment.generated_at.replace("Z", "+00:00"))
    agent = spdx.SoftwareAgent(_id=f"{base}/agent", name=f"{assessment.tool.name} {assessment.tool.version}")
    info = spdx.CreationInfo(_id="_:creation", specVersion="3.0.1", created=created, createdBy=[agent])
    agent.creationInfo = info
    builder = _Builder(base, info)
    model = builder.package(assessment)
    inventory = assessment.inventory
    for member in assessment.members[1:]:
        if member.role == "dataset":
            builder.relate(model, spdx.RelationshipType.trainedOn, builder.dataset(member, assessment))
        elif member.role == "base_model":
            builder.relate(model, spdx.RelationshipType.descendantOf, builder.member_package(member))
    facts = inventory.facts
    described = facts.model_description.value if facts is not None else None
    for name in dict.fromkeys(m.dataset for m in (described.metrics if described else []) if m.dataset):
        builder.relate(model, spdx.RelationshipType.testedOn, builder.named_dataset(name))
    primary = assessment.members[0].id
    declared = [d.license_id for d in inventory.declarations if d.license_id and d.ref.member == primary]
    for license_id in dict.fromkeys(declared):
        builder.relate(model, spdx.RelationshipType.hasDeclaredLicense, builder.licence(license_id))
    concluded = inventory.distribution_license.license_id
    builder.relate(model, spdx.RelationshipType.hasConcludedLicense,
                   builder.licence(concluded) if concluded else spdx.IndividualElement.NoAssertionElement)
    document = spdx.SpdxDocument(_id=f"{base}/document", name=f"openness assessment of {assessment.target.id}",
                                 creationInfo=info, profileConformance=[
                                     getattr(spdx.ProfileIdentifierType, p) for p in _PROFILES],
                                 rootElement=[model], element=list(builder.elements))
    return [document, agent, *builder.elements]


class _Builder:
    """Elements of one document, each with the document's creation info and an id under its base IRI."""

    def __init__(self, base: str, info: spdx.CreationInfo) -> None:
        self.base, self.info = base, info
        self.elements: list[spdx.Element] = []
        self._licences: dict[str, spdx.Element] = {}

    def add(self, element: _E) -> _E:
        element.creationInfo = self.info
        self.elements.append(element)
        return element

    def iri(self, kind: str, name: str) -> str:
        return f"{self.base}/{kind}/{_UNSAFE_REF.sub('-', name)}-{len(self.elements)}"

    def package(self, assessment: Assessment) -> spdx.software_Package:
        primary = assessment.members[0]
        kind = assessment.inventory.kind
        iri = self.iri("package", primary.id)
        package = (self.model(iri, assessment) if kind == "model" else
                   _describe_dataset(spdx.dataset_DatasetPackage(_id=iri), _description(assessment, primary.id))
                   if kind == "dataset" else spdx.software_Package(_id=iri))
        package.name = assessment.target.id
        self._identify(package, primary)
        package.software_primaryPurpose = (spdx.software_SoftwarePurpose.model if kind == "model" else
                                           spdx.software_SoftwarePurpose.data if kind == "dataset" else
                                           spdx.software_SoftwarePurpose.source)
        if assessment.about.description:
            package.summary = assessment.about.description
        return self.add(package)

    @staticmethod
    def model(iri: str, assessment: Assessment) -> spdx.ai_AIPackage:
        """The AI profile's fields, from the model-description fact and the lenses."""
        package = spdx.ai_AIPackage(_id=iri)
        package.ai_standardCompliance = [f"{lens.titled}: {lens.verdict}"
                                         for lens in assessment.frameworks.values()]
        facts = assessment.inventory.facts
        described = facts.model_description.value if facts is not None else None
        if described is None:
            return package
        if described.task:
            package.ai_domain = [described.task]
        package.ai_typeOfModel = [t for t in [described.model_type, *described.architectures] if t]
        if "intended_use" in described.quotes:
            package.ai_informationAboutApplication = described.quotes["intended_use"].text
        if "limitations_bias" in described.quotes:
            package.ai_limitation = described.quotes["limitations_bias"].text
        package.ai_metric = [spdx.DictionaryEntry(key=" ".join(p for p in (m.name or m.type, m.dataset) if p),
                                                  value=m.value) for m in described.metrics]
        package.ai_hyperparameter = [spdx.DictionaryEntry(key=key, value=value)
                                     for key, value in described.hyperparameters.items()]
        training = [described.quotes[name] for name in _TRAINING_SECTIONS if name in described.quotes]
        if training:
            package.ai_informationAboutTraining = "\n\n".join(
                f"{q.heading}\n\n{q.text}" if q.heading else q.text for q in training)
        energy = _energy(described)
        if energy is not None:
            package.ai_energyConsumption = energy
        return package

    def _identify(self, package: spdx.software_Package, member: MemberInfo) -> None:
        if member.revision:
            package.software_packageVersion = member.revision
        if member.web_url:
            package.software_downloadLocation = member.web_url
        purl = member_purl(member)
        if purl is not None:
            package.software_packageUrl = purl.to_string()

    def member_package(self, member: MemberInfo) -> spdx.ai_AIPackage:
        package = spdx.ai_AIPackage(_id=self.iri("package", member.id), name=member.id)
        self._identify(package, member)
        return self.add(package)

    def dataset(self, member: MemberInfo, assessment: Assessment) -> spdx.dataset_DatasetPackage:
        dataset = _describe_dataset(spdx.dataset_DatasetPackage(_id=self.iri("dataset", member.id), name=member.id),
                                    _description(assessment, member.id))
        self._identify(dataset, member)
        access = next((c.access for c in assessment.inventory.components if c.key == "datasets" and c.access), None)
        if access in _AVAILABILITY:
            dataset.dataset_datasetAvailability = _AVAILABILITY[access]
        return self.add(dataset)

    def named_dataset(self, name: str) -> spdx.dataset_DatasetPackage:
        """A dataset the model's results name, known by that name only."""
        return self.add(spdx.dataset_DatasetPackage(_id=self.iri("dataset", name), name=name,
                                                    dataset_datasetType=[spdx.dataset_DatasetType.noAssertion]))

    def licence(self, license_id: str) -> spdx.Element:
        """A licence as an SPDX expression; a catalogue licence without an SPDX id as a ``LicenseRef-``."""
        if license_id not in self._licences:
            expression = license_id if is_supported_id(license_id) or is_expression(license_id) and " " in license_id \
                else f"LicenseRef-{_UNSAFE_REF.sub('-', license_id)}"
            self._licences[license_id] = self.add(spdx.simplelicensing_LicenseExpression(
                _id=self.iri("licence", license_id), simplelicensing_licenseExpression=expression))
        return self._licences[license_id]

    def relate(self, source: spdx.Element, kind: str, target: spdx.Element | str) -> None:
        self.add(spdx.Relationship(_id=self.iri("relationship", kind.rsplit("/", 1)[-1]), from_=source,
                                   relationshipType=kind, to=[target]))


def _energy(described: ModelDescription) -> spdx.ai_EnergyConsumption | None:
    """The energy the card states, by phase; None when it states none in a unit SPDX knows."""
    if not described.energy:
        return None
    consumption = spdx.ai_EnergyConsumption()
    phases = {"training": consumption.ai_trainingEnergyConsumption,
              "finetuning": consumption.ai_finetuningEnergyConsumption,
              "inference": consumption.ai_inferenceEnergyConsumption}
    for use in described.energy:
        phases[use.phase].append(spdx.ai_EnergyConsumptionDescription(ai_energyQuantity=use.quantity,
                                                                      ai_energyUnit=_ENERGY_UNITS[use.unit]))
    return consumption


def _description(assessment: Assessment, member_id: str) -> DatasetDescription | None:
    facts = assessment.inventory.facts
    return facts.dataset_description(member_id) if facts is not None else None


def _describe_dataset(dataset: spdx.dataset_DatasetPackage,
                      described: DatasetDescription | None) -> spdx.dataset_DatasetPackage:
    """The Dataset profile's fields the dataset-description fact gives; the type is noAssertion when none is stated."""
    types = described.types if described is not None else []
    dataset.dataset_datasetType = [getattr(spdx.dataset_DatasetType, t) for t in types] or [
        spdx.dataset_DatasetType.noAssertion]
    if described is None:
        return dataset
    if described.intended_use is not None:
        dataset.dataset_intendedUse = described.intended_use.text
    dataset.dataset_knownBias = [q.text for q in described.known_bias]
    if described.size is not None:
        dataset.dataset_datasetSize = described.size
    return dataset
