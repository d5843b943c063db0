"""Typed facts: every answer the evidence gives, computed once, with where it was seen.

A ``Fact`` is ``known`` (its ``value`` and the ``evidence`` for it) or ``unknown`` (the
``reason``, and the evidence ``gap`` that hid it when there was one). Checks and lenses
read facts; only the inventory's builders look at paths and text.

``value`` is None for a known fact when there is nothing to report ("no README"); an
unknown fact never has a value.
"""

from __future__ import annotations

from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from ..evidence import Gap
from .model import EvidenceRef, ProjectKind

V = TypeVar("V")

FactStatus = Literal["known", "unknown"]

ClaimName = Literal[
    "changelog", "automated_tests", "ci_configuration", "contribution_guide", "code_of_conduct",
    "security_policy", "governance_docs", "dependency_manifest", "lock_file", "documentation_pages",
    "usage_instructions", "compute_disclosed", "hardware_disclosed", "reproduction_commands",
    "install_section", "usage_sections", "training_data_described", "ml_framework_dependency",
    "research_code", "architecture_described", "architecture_code", "weights_delta",
]
"""Yes/no claims the tree or a document makes; ``fact_present`` criteria name one of these."""

ClaimState = Literal["stated", "empty", "absent", "no_document"]
"""``stated``: found; ``empty``: only files below the claim's minimum size; ``absent``: looked,
not there; ``no_document``: the README that would state it does not exist."""


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Fact(_Model, Generic[V]):
    """One answer about the evidence."""

    name: str
    about: str | None = Field(default=None, description="What the fact is about, in words: 'changelog'.")
    status: FactStatus
    value: V | None = None
    evidence: list[EvidenceRef] = Field(default_factory=list)
    reason: str | None = Field(default=None, description="Why it is unknown, or a one-line gloss of the value.")
    gap: Gap | None = Field(default=None, description="The evidence gap that made it unknown, if one did.")

    @property
    def known(self) -> bool:
        return self.status == "known"


def known(name: str, value: V | None, evidence: list[EvidenceRef] | None = None,
          reason: str | None = None, about: str | None = None) -> Fact[V]:
    return Fact[V](name=name, about=about, status="known", value=value, evidence=evidence or [], reason=reason)


def unknown(name: str, reason: str, gap: Gap | None = None, about: str | None = None) -> Fact[V]:
    return Fact[V](name=name, about=about, status="unknown", reason=reason, gap=gap)


class WeightFile(_Model):
    """One file of model parameters in the release."""

    member: str
    path: str
    format: str = Field(description="A ``weight_formats`` name of patterns.yaml: safetensors, gguf, pickle …")
    runs_code: bool = Field(description="Loading the format can execute code (pickle-based).")
    size: int | None = None
    lfs: bool = False
    sha256: str | None = Field(default=None, description="Content digest, when the host gave it (Git LFS).")

    def ref(self, note: str | None = None) -> EvidenceRef:
        return EvidenceRef(member=self.member, path=self.path, note=note)


class Claim(_Model):
    """What a claim fact found, and how the criteria name it."""

    state: ClaimState
    what: str = Field(description="What is claimed, in words: 'changelog', 'installation or usage'.")
    source: Literal["files", "documents"]


class ReadmeShape(_Model):
    """Length and structure of the root README."""

    path: str
    words: int
    headings: int


class CardCoverage(_Model):
    """Which model-card sections have real content, each with where it starts."""

    path: str
    sections: dict[str, EvidenceRef]


class Pinning(_Model):
    """How exactly dependency versions are fixed."""

    lock_file: bool
    pinned: int = 0
    total: int = 0

    @property
    def share(self) -> float:
        return 1.0 if self.lock_file else (self.pinned / self.total if self.total else 0.0)


class Activity(_Model):
    """Whether someone maintains the primary repository."""

    archived: bool
    commits_90d: int | None = None
    last_modified: str | None = None
    modified_within_90d: bool | None = None


class Versioning(_Model):
    """How the primary repository is versioned."""

    tags: list[str] = Field(default_factory=list, description="Releases, or git tags when there are none.")
    revision: str | None = Field(default=None, description="Commit a host versions by when it has no tags.")
    has_history: bool = Field(default=True, description="False for a checkout without git.")


class Maintenance(_Model):
    """The maintained status: declared by the maintainers, or noticed (a deprecation notice, an archived repository)."""

    status: Literal["finished", "deprecated", "maintained"]
    by: str = Field(description="Who says so: 'declared in .openness.yaml', 'a deprecation notice in README.md line 3', "
                                "'the repository is archived'.")
    successor: str | None = None


class BaseModelRef(_Model):
    """The model this release was derived from, as the card declares it, and what its own member says."""

    id: str
    member: str | None = Field(default=None, description="Its bundle member's id; None when it was not fetched.")
    gated: bool = False
    datasets: list[str] = Field(default_factory=list, description="Datasets the base model links.")
    weight_files: int = 0
    relation: str | None = Field(default=None, description="How this release derives from it, as the host says "
                                                           "(finetune, adapter, quantized, merge).")
    unreached: str | None = Field(default=None, description="Why its own repository was not read, when it was not.")
    stated_in: str = Field(default="card metadata", description=(
        "Where the release names it: the card's metadata (or the host's), or a line of its README."))


class Gating(_Model):
    """What a user must do to get the primary member's files, as the host says."""

    gated: bool | Literal["auto", "manual"]
    terms: dict[str, Any] = Field(default_factory=dict, description="The host's access terms (``extra_gated_*``).")


class OwnPaper(_Model):
    """Where the release's own paper (the ``research_paper`` component) is published."""

    preprints: list[EvidenceRef] = Field(default_factory=list, description="Its links to an arXiv preprint.")
    peer_reviewed: list[EvidenceRef] = Field(
        default_factory=list, description="Its links to a peer-reviewed venue (a DOI, proceedings, OpenReview …).")


DataSourceKind = Literal["own paper", "technical report", "named datasets", "training-data section", "data card",
                         "Croissant metadata"]


class DataInformation(_Model):
    """What describes the release's training data, by kind of description (OSAID's "data information").

    Empty ``described_by`` means the places in ``looked`` were read and none describes the data."""

    described_by: dict[DataSourceKind, list[EvidenceRef]] = Field(default_factory=dict)
    looked: list[str] = Field(description="Where the description was looked for, in words.")


DatasheetGroup = Literal["motivation", "composition", "collection", "preprocessing", "uses", "distribution",
                         "maintenance"]
DATASHEET_GROUPS: tuple[DatasheetGroup, ...] = (
    "motivation", "composition", "collection", "preprocessing", "uses", "distribution", "maintenance")
"""The seven question groups of a datasheet for datasets (Gebru et al.), in their order."""


class DatasheetCoverage(_Model):
    """Which of the datasheet's question groups the data card's headings answer."""

    groups: list[DatasheetGroup]
    documents: list[EvidenceRef] = Field(description="The data card documents read.")


def hosted_on_hub(dataset_id: str) -> bool:
    """A dataset a publisher hosts on the Hub (``org/name``), not a canonical id without an organisation
    (``wikipedia``, ``bookcorpus``: loaders of corpora published elsewhere); ``_data_release`` says why."""
    return "/" in dataset_id


class DataRelease(_Model):
    """The training datasets that can be had, apart from those only named."""

    released: list[EvidenceRef] = Field(default_factory=list, description=(
        "Data files in its tree, dataset repositories of the bundle, datasets a publisher hosts on the Hub."))
    named: list[EvidenceRef] = Field(default_factory=list, description=(
        "Datasets only named: canonical Hub ids and other corpora published elsewhere."))

    @property
    def linked_only(self) -> bool:
        """Every released dataset is a Hub dataset only linked, not followed (its reference is a URL, not
        a file or a member of the bundle): that it can be had is known, its licence was not read."""
        return bool(self.released) and all(ref.url for ref in self.released)


BomFormat = Literal["CycloneDX", "SPDX 2", "SPDX 3"]
BomRole = Literal["release", "component", "model", "dataset"]


class BomEntry(_Model):
    """One thing a bill of materials the release ships declares, as the BOM states it (never checked
    against the files here: the ``license_consistent`` check compares the release's licence)."""

    bom: str = Field(description="The BOM file (at the repository root).")
    format: BomFormat
    role: BomRole = Field(description="The release the BOM describes, or one of its components, models or datasets.")
    name: str
    version: str | None = None
    license: str | None = Field(default=None, description="The licence it declares, as written.")
    ref: EvidenceRef = Field(description="The file and the JSON pointer it was read at.")


class Quote(_Model):
    """A card section's text, as written (trimmed to ``model_description.MAX_QUOTE``), and where it starts."""

    text: str
    truncated: bool = False
    ref: EvidenceRef
    heading: str | None = Field(default=None, description="The card's heading of the section, as written.")


EnergyPhase = Literal["training", "finetuning", "inference"]
EnergyUnit = Literal["kWh", "MJ"]


class EnergyUse(_Model):
    """An amount of energy the card states, in a unit SPDX 3 knows (kilowatt-hours or megajoules)."""

    phase: EnergyPhase = Field(description="What used it, as the card's line or section heading says.")
    quantity: float = Field(description="The amount in ``unit`` (a stated MWh or GJ converted exactly).")
    unit: EnergyUnit
    stated: str = Field(description="The amount as written: '1.2 MWh'.")
    ref: EvidenceRef = Field(description="The card line it was read at.")


class Metric(_Model):
    """One result of the card's ``model-index``."""

    type: str
    value: str
    name: str | None = None
    task: str | None = None
    dataset: str | None = None
    split: str | None = None
    ref: EvidenceRef | None = Field(default=None, description=(
        "Where it was read when that is not the card's ``model-index`` (a ``.eval_results/`` file of the Hub)."))


class ModelDescription(_Model):
    """What the host metadata and the model card say about the model; every field may be empty."""

    task: str | None = Field(default=None, description="The host's pipeline tag (text-generation …).")
    library: str | None = None
    architectures: list[str] = Field(default_factory=list, description="Model classes of the config.")
    model_type: str | None = Field(default=None, description="The config's model_type (the architecture family).")
    datasets: list[str] = Field(default_factory=list, description="Dataset ids the card metadata names.")
    metrics: list[Metric] = Field(default_factory=list)
    metrics_ref: EvidenceRef | None = None
    quotes: dict[str, Quote] = Field(default_factory=dict, description="Section name → its quoted text.")
    emissions: dict[str, str] = Field(default_factory=dict, description=(
        "The card's ``co2_eq_emissions`` as written (a number of grams, or its keys as strings)."))
    energy: list[EnergyUse] = Field(default_factory=list, description=(
        "Energy the card's environmental-impact section states, by phase (see ``inventory.model_description``)."))
    hyperparameters: dict[str, str] = Field(default_factory=dict, description=(
        "Architecture settings ``config.json`` states (``model_description.HYPERPARAMETERS``), values as JSON text."))
    hyperparameters_ref: EvidenceRef | None = None


DatasetType = Literal["audio", "graph", "image", "structured", "text", "timeseries", "video"]
"""SPDX 3's ``dataset_DatasetType`` names a Hub dataset's modality or task can be mapped to."""


class DatasetDescription(_Model):
    """What a dataset's own card, Croissant metadata and host say about it; every field may be empty."""

    member: str = Field(description="The dataset member's id.")
    intended_use: Quote | None = Field(default=None, description=(
        "The card's intended-use section, else the Croissant ``rai:dataUseCases``."))
    known_bias: list[Quote] = Field(default_factory=list, description=(
        "The card's section on bias, and the Croissant ``rai:dataBiases``."))
    types: list[DatasetType] = Field(default_factory=list, description=(
        "Its kinds of data, from the host's modality tags, else the card's task categories."))
    types_ref: EvidenceRef | None = None
    size: int | None = Field(default=None, description=(
        "Bytes of its files, when the host listed every file with its size."))


ClaimedOpenness = Literal["open_source", "open_source_code", "fully_open", "open_weights", "open_data"]


class OpennessClaim(_Model):
    """A release's own claim of openness, quoted where it is made."""

    claim: ClaimedOpenness
    phrase: str = Field(description="The words that make the claim, as written.")
    quote: str = Field(description="The line that makes it.")
    ref: EvidenceRef


class Facts(_Model):
    """Every fact of one Inventory."""

    primary: str = Field(description="Id of the primary member (the subject of repository facts).")
    kind: Fact[ProjectKind]
    """The kind the run judges by: the judged one, or the one the user declared (its reason says which)."""
    kind_judged: Fact[ProjectKind]
    """The kind judged from the evidence, whatever the user declared."""
    weights: Fact[list[WeightFile]]
    readme: Fact[ReadmeShape]
    card_sections: Fact[CardCoverage]
    citation: Fact[Literal["file", "bibtex"]]
    pinning: Fact[Pinning]
    activity: Fact[Activity]
    issue_tracker: Fact[bool]
    versioning: Fact[Versioning]
    base_model: Fact[BaseModelRef]
    own_paper: Fact[OwnPaper]
    """Known with None: the release names no paper of its own (papers it only credits do not count)."""
    parameter_count: Fact[int]
    """Known with None: the host did not count the parameters."""
    gating: Fact[Gating]
    contributors: Fact[int]
    """Known with None: the host does not report contributors for this kind of repository."""
    data_release: Fact[DataRelease]
    """Known with None: no training datasets were found."""
    data_information: Fact[DataInformation]
    """Unknown when nothing describes the data and a source that might was not read."""
    datasheet: Fact[DatasheetCoverage] = Field(default_factory=lambda: known("datasheet", None))
    """How much of a datasheet the data card is; known with None: no data card, or none of its text was read."""
    claims: dict[str, Fact[Claim]]
    openness_claims: Fact[list[OpennessClaim]]
    """Claims of openness in the README and card (known with [] when none is made)."""
    maintenance: Fact[Maintenance]
    """Whether the release is finished, deprecated or maintained, as declared or noticed; known with None: not said."""
    model_description: Fact[ModelDescription] = Field(
        default_factory=lambda: known("model_description", None))
    """Task, architecture, datasets, results and the card's considerations (``inventory.model_description``)."""
    dataset_descriptions: Fact[list[DatasetDescription]] = Field(
        default_factory=lambda: known("dataset_descriptions", list[DatasetDescription]()))
    """Intended use, known bias, data types and size of each dataset of the bundle (``inventory.dataset_description``)."""
    bill_of_materials: Fact[list[BomEntry]] = Field(default_factory=lambda: known("bill_of_materials", list[BomEntry]()))
    """What the release's own CycloneDX and SPDX files declare (known with []: it ships none)."""

    def claim(self, name: ClaimName) -> Fact[Claim]:
        return self.claims[name]

    def dataset_description(self, member: str) -> DatasetDescription | None:
        """What the dataset member ``member`` states of itself; None when it states nothing."""
        return next((d for d in self.dataset_descriptions.value or [] if d.member == member), None)

    def stated(self, name: ClaimName) -> list[EvidenceRef]:
        """Where the claim ``name`` is stated; empty when it is not, or could not be read."""
        claim = self.claims[name]
        return claim.evidence if claim.value is not None and claim.value.state == "stated" else []


def _complete_inventory() -> None:
    """``Inventory.facts`` names ``Facts``, which needs the inventory model first: finish it here."""
    from .model import Inventory

    Inventory.model_rebuild(_types_namespace={"Facts": Facts})


_complete_inventory()
