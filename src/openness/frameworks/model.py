"""The Model Openness Tool's view of a release: which of the 17 components are included, under
which licence, and the class and progress that follow (``frameworks.md`` §1).

``MofClassification`` is what ``openness mof`` prints for a Tool record and the ``details`` of
the MOF lens of an Assessment: the same engine, the same shape as the Tool's own output.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from ..components_table import ContentType, MofClass
from ..inventory.model import EvidenceRef
from .interface import LensDetails

MofLicenseStatus = Literal["open", "open_not_type_appropriate", "not_open", "unlicensed"]

CLASS_LABELS = {0: "Unclassified", 1: "Class I - Open Science", 2: "Class II - Open Tooling", 3: "Class III - Open Model"}

class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", validate_by_name=True, validate_by_alias=True,
                              serialize_by_alias=True)


class MofComponent(_Model):
    """One component as the Model Openness Tool sees it: included? under which licence?"""

    name: str
    mof_id: int
    content_type: ContentType
    required_for: MofClass | None = Field(description="Weakest class that requires it; None = optional.")
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


class MofClassification(LensDetails):
    """Model Openness Framework class by the Model Openness Tool's rules."""

    model_config = ConfigDict(frozen=True, extra="forbid", validate_by_name=True, validate_by_alias=True,
                              serialize_by_alias=True)

    class_: int = Field(alias="class", description="0 Unclassified, 3 Open Model, 2 Open Tooling, 1 Open Science.")
    label: str
    progress: MofProgress
    missing: list[str] = Field(description="Required components (up to Class I) that the release does not include.")
    not_open: list[str] = Field(description="Included required components whose licence is not open (or absent).")
    warnings: list[str] = Field(default_factory=list, description="Type-appropriateness and substitution notes.")
    reason: str = Field(description="What decided the class.")
    components: list[MofComponent] = Field(default_factory=list)
