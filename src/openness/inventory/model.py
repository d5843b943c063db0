"""The Inventory data model: the components of a release, where they were found, under which licence."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, Field
from pydantic.json_schema import SkipJsonSchema

from ..evidence import Gap

if TYPE_CHECKING:
    from .facts import Facts

from ..components_table import slot_components

ComponentStatus = Literal["present", "partial", "absent", "unknown"]
ContentType = Literal["code", "data", "document"]
LicenseSlot = Literal["code", "weights", "data", "documents"]
LicenseSource = Literal["component", "type", "distribution", "none"]
ProjectKind = Literal["model", "dataset", "software"]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class EvidenceRef(_Model):
    """Where a fact was seen: a member's file (and line), a URL, or a metadata key."""

    member: str = Field(description="Id of the bundle member that supplied the fact.")
    path: str | None = None
    line: int | None = None
    url: str | None = None
    note: str | None = None


DeclarationOrigin = Literal["licence file", "LICENSES folder", "card metadata", "host API", "README",
                            "README badge", "bill of materials"]


class LicenseDeclaration(_Model):
    """One statement of a licence: a licence file, a README section or badge, card metadata or the host."""

    source: Literal["license_file", "readme", "card", "host", "bom"] = Field(description=(
        "Where the statement is; a ``bom`` statement (a CycloneDX or SPDX file) is compared with the others, "
        "never used to resolve a licence."))
    ref: EvidenceRef
    license_id: str | None = Field(description="Canonical id or expression, or None when present but unidentified.")
    raw: str | None = Field(default=None, description="The declaration as written (card key, host key, badge).")
    modified: bool = False
    similarity: float | None = None
    confidence: float = 1.0
    scope: str = Field(default="", description="Folder the licence file governs; '' is the whole repository.")
    slot: LicenseSlot | None = Field(default=None, description="Component type it is named for, if any.")
    origin: DeclarationOrigin = Field(default="licence file", description="The kind of statement, in words.")
    statement: str = Field(default="", description=(
        "Identity of the underlying statement within its member: two declarations with the same "
        "statement are one statement read twice (the Hub's licence tag is the card's ``license`` key)."))


class ResolvedLicense(_Model):
    """The licence that covers one kind of component (or one component), and how it was decided."""

    license_id: str | None
    source: LicenseSource
    declared_by: EvidenceRef | None = None
    modified: bool = False
    published_elsewhere: bool = Field(default=False, description=(
        "The component is only a link to another host (a paper, another organisation's weights, a "
        "third-party dataset): the repository's licence does not cover it, and no declaration names it."))
    reason: str | None = Field(default=None, description="Why the licence is unknown, when it is.")


class Component(_Model):
    """One component of the Model Openness Framework's list."""

    key: str
    mof_id: int
    name: str
    content_type: ContentType
    license_slot: LicenseSlot
    status: ComponentStatus
    evidence: list[EvidenceRef] = Field(default_factory=list)
    access: Literal["open", "gated", "private"] | None = None
    license: ResolvedLicense | None = None
    note: str | None = None
    gap: SkipJsonSchema[Gap | None] = Field(default=None, exclude=True, repr=False)
    """The evidence gap that made the component unknown (a fact read by checks; not in the report yet)."""


SLOT_COMPONENTS: dict[LicenseSlot, tuple[str, ...]] = slot_components()
"""Which components each licence slot covers (from ``criteria/components.yaml``)."""


class Inventory(_Model):
    """Everything downstream reads instead of raw evidence."""

    kind: ProjectKind
    components: list[Component]
    licenses: dict[LicenseSlot, ResolvedLicense]
    distribution_license: ResolvedLicense
    declarations: list[LicenseDeclaration]
    facts: SkipJsonSchema[Facts | None] = Field(default=None, exclude=True, repr=False)
    """Every other answer about the evidence (``inventory.facts``); not part of the report (yet)."""

    def component(self, key: str) -> Component:
        for component in self.components:
            if component.key == key:
                return component
        raise KeyError(key)

    def slot_components(self, slot: LicenseSlot) -> list[Component]:
        return [self.component(key) for key in SLOT_COMPONENTS[slot]]

    def published_elsewhere(self, slot: LicenseSlot) -> bool:
        """Every released component of ``slot`` is published elsewhere with no licence stated for it:
        the repository's own licence does not cover them, and their own terms were not read."""
        from .coverage import license_of  # the one rule; coverage imports this module

        present = [c for c in self.slot_components(slot) if c.status in {"present", "partial"}]
        return bool(present) and all(license_of(c).published_elsewhere for c in present)
