"""The framework lenses of an Assessment: what each public framework would say, and why.

Each lens keeps the JSON shape its issue promised (``mof{class, progress, missing,
not_open}``, ``osaid{verdict, failing, license_only}``, ``osai{dims, score}``,
``pwc{ticks, items}``) and adds the explanation: which component or requirement decided
the verdict, with evidence references into the Inventory.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from ..inventory.model import EvidenceRef

MofLicenseStatus = Literal["open", "open_not_type_appropriate", "not_open", "unlicensed"]
OsaiRating = Literal["open", "partial", "closed", "unknown"]
OsaidVerdict = Literal["pass", "fail", "unknown"]
OsaidRequirement = Literal["data information", "code", "parameters"]

CLASS_LABELS = {0: "Unclassified", 1: "Class I - Open Science", 2: "Class II - Open Tooling", 3: "Class III - Open Model"}


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", validate_by_name=True, validate_by_alias=True,
                              serialize_by_alias=True)


class MofComponent(_Model):
    """One component as the Model Openness Tool sees it: included? under which licence?"""

    name: str
    mof_id: int
    content_type: Literal["code", "data", "document"]
    required_for: Literal["I", "II", "III"] | None = Field(description="Weakest class that requires it; None = optional.")
    included: bool
    license: str | None = None
    license_source: str = Field(description="'component', 'global:<type>' when inherited, or 'none'.")
    status: MofLicenseStatus | None = Field(default=None, description="None when the component is not included.")
    evidence: list[EvidenceRef] = Field(default_factory=list)
    note: str | None = None


class MofProgress(_Model):
    """Progress toward each class in percent (one decimal), as the Model Openness Tool shows it."""

    I: float  # noqa: E741  (the class names are the framework's own)
    II: float
    III: float


class MofLens(_Model):
    """Model Openness Framework class by the Model Openness Tool's rules."""

    class_: int = Field(alias="class", description="0 Unclassified, 3 Open Model, 2 Open Tooling, 1 Open Science.")
    label: str
    progress: MofProgress
    missing: list[str] = Field(description="Required components (up to Class I) that the release does not include.")
    not_open: list[str] = Field(description="Included required components whose licence is not open (or absent).")
    warnings: list[str] = Field(default_factory=list, description="Type-appropriateness and substitution notes.")
    reason: str = Field(description="What decided the class.")
    components: list[MofComponent] = Field(default_factory=list)


class RequirementResult(_Model):
    """One OSAID requirement (or one OSAI dimension, or one checklist item) and why."""

    status: Literal["pass", "fail", "unknown"]
    reason: str
    license_only: bool = Field(default=False, description="Fails only because of licence terms.")
    evidence: list[EvidenceRef] = Field(default_factory=list)


class OsaidLens(_Model):
    """OSI Open Source AI Definition 1.0: pass, fail, or unknown where evidence is missing."""

    verdict: OsaidVerdict
    failing: list[OsaidRequirement]
    license_only: bool = Field(description="Would pass but for licence terms (like BLOOM, StarCoder2, Falcon).")
    requirements: dict[str, RequirementResult]
    reason: str


class OsaiDimension(_Model):
    rating: OsaiRating
    reason: str
    evidence: list[EvidenceRef] = Field(default_factory=list)


class OsaiLens(_Model):
    """The 12 dimensions of the European Open Source AI Index (open 1, partial 0.5, closed 0; mean)."""

    dims: dict[str, OsaiRating]
    score: float | None = Field(description="0–1 mean over the dimensions that could be judged; None if none could.")
    coverage: float = Field(description="Share of the 12 dimensions judged (not unknown).")
    details: dict[str, OsaiDimension]


class PwcItem(_Model):
    tick: bool
    reason: str
    evidence: list[EvidenceRef] = Field(default_factory=list)


class PwcLens(_Model):
    """Papers with Code ML code-completeness checklist: five ticks for a code repository."""

    ticks: int = Field(ge=0, le=5)
    items: dict[str, PwcItem]


class Frameworks(_Model):
    """The four lenses, each computed from the Inventory by that framework's own rules."""

    mof: MofLens | None = Field(description="None when the release is scored as software, not a model or dataset.")
    osaid: OsaidLens | None = Field(description="None when the release is scored as software.")
    osai: OsaiLens | None = Field(description="None when the release is scored as software.")
    pwc: PwcLens
    note: str | None = Field(default=None, description="Why some lenses were not applied.")
