"""What every framework lens returns, and the registry that lists the lenses.

A lens is one module: it declares a ``LensSpec`` (id, names, framework version and source,
which kinds of release it judges), registers its ``evaluate`` function with ``@register``,
and returns a ``LensResult``. ``evaluate`` takes the Inventory alone: a lens reads its
components, licences and facts (``facts_of``), never the evidence. Reporters and exporters render any ``LensResult`` without
knowing which framework produced it; a lens that needs more than the common fields puts
it in ``details`` (a ``LensDetails`` of its own).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, SerializeAsAny

from ..inventory.facts import ClaimName, Facts
from ..inventory.model import EvidenceRef, Inventory, ProjectKind

LensStatus = Literal["pass", "partial", "fail", "unknown"]
"""The common vocabulary every lens maps its own verdicts and ratings onto."""


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class LensRow(_Model):
    """One requirement of a framework (a MOF component, an OSAID element, an OSAI dimension, a checklist item)."""

    id: str = Field(description="The framework's own key for it.")
    name: str = Field(description="How readers see it.")
    group: str | None = Field(default=None, description="Where the framework files it: a MOF class, an OSAI category.")
    status: LensStatus = Field(description="The result in the common vocabulary.")
    value: str = Field(description="The result in the framework's own words: 'open', 'not included', '✓'.")
    reason: str = Field(description="Why, in one line.")
    evidence: list[EvidenceRef] = Field(default_factory=list)
    to_change: str | None = Field(default=None, description="What would change this result; None when it passes.")


class LensDetails(BaseModel):
    """A lens's own extra payload; each lens that needs one subclasses it."""

    model_config = ConfigDict(frozen=True, extra="allow")


class LensResult(_Model):
    """What one public framework would say about a release, and why."""

    id: str = Field(description="The lens's registry id ('mof', 'osaid', 'osai', 'pwc').")
    name: str = Field(description="The framework's display name.")
    short_name: str = Field(description="Its short name, for notes and headings.")
    framework_version: str
    source_url: str = Field(description="Where the framework's rules are published.")
    requirement_label: str = Field(description="What the framework calls one row: 'component', 'dimension'.")
    verdict: str = Field(description="The verdict or level in the framework's own words: 'Class II - Open Tooling', "
                                     "'fail', '58 %', '3 of 5'.")
    status: LensStatus = Field(description="The verdict in the common vocabulary.")
    rank: float | None = Field(description="0–1, higher is more open, rounded as shown: how comparisons rank it.")
    summary: str = Field(description="One line: what decided the verdict.")
    qualifier: str | None = Field(default=None, description="A short aside to the verdict ('would pass but for its "
                                                            "licence terms').")
    progress: dict[str, float] = Field(default_factory=dict,
                                       description="Percent progress toward each level, strongest first (MOF classes).")
    coverage: float | None = Field(default=None, description="0–1: share of the requirements that could be judged.")
    requirements: list[LensRow] = Field(default_factory=list)
    blockers: list[str] = Field(default_factory=list, description="What would change the verdict.")
    notes: list[str] = Field(default_factory=list, description="Warnings that do not change the verdict.")
    details: SerializeAsAny[LensDetails] | None = Field(default=None, description="The lens's own extra payload.")

    @property
    def titled(self) -> str:
        """The framework's name with its version, once ("OSI Open Source AI Definition 1.0", not "… 1.0 1.0")."""
        return self.name if self.name.endswith(self.framework_version) else f"{self.name} {self.framework_version}"

    def row(self, row_id: str) -> LensRow:
        """The requirement row ``row_id``."""
        for row in self.requirements:
            if row.id == row_id:
                return row
        raise KeyError(row_id)


@dataclass(frozen=True)
class LensSpec:
    """A framework lens: who it is, which releases it judges, and how."""

    id: str
    name: str
    short_name: str
    version: str
    source_url: str
    requirement_label: str
    applies_to: frozenset[ProjectKind]
    order: int
    """Position in reports, lowest first (independent of import order)."""
    software_needs: ClaimName | None = None
    """A software release is judged only when this claim is stated (the ML checklist needs ML code)."""

    def applies(self, inventory: Inventory) -> bool:
        """Whether this lens judges ``inventory``'s release."""
        if inventory.kind not in self.applies_to:
            return False
        if inventory.kind != "software" or self.software_needs is None:
            return True
        return bool(facts_of(inventory).stated(self.software_needs))

    def result(self, **fields: Any) -> LensResult:
        """A ``LensResult`` carrying this lens's identity."""
        return LensResult(id=self.id, name=self.name, short_name=self.short_name, framework_version=self.version,
                          source_url=self.source_url, requirement_label=self.requirement_label, **fields)


Evaluate = Callable[[Inventory], LensResult]
"""A lens: the Inventory (components, licences, facts) in, its judgment out."""


def facts_of(inventory: Inventory) -> Facts:
    """The inventory's facts (an inventory read back from a report has none, and cannot be judged again)."""
    if inventory.facts is None:
        raise ValueError("this inventory carries no facts: build it with build_inventory")
    return inventory.facts


@dataclass(frozen=True)
class Lens:
    spec: LensSpec
    evaluate: Evaluate


_REGISTRY: dict[str, Lens] = {}


def registered() -> tuple[Lens, ...]:
    """Every registered lens, in display order."""
    return tuple(sorted(_REGISTRY.values(), key=lambda lens: (lens.spec.order, lens.spec.id)))


def register(spec: LensSpec) -> Callable[[Evaluate], Evaluate]:
    """Register ``evaluate`` as the lens ``spec``; an id registered twice is a programming error."""
    def decorate(evaluate: Evaluate) -> Evaluate:
        if spec.id in _REGISTRY:
            raise ValueError(f"lens {spec.id!r} is registered twice")
        _REGISTRY[spec.id] = Lens(spec, evaluate)
        return evaluate
    return decorate
