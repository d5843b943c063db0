"""What a check receives and returns. Checks are pure functions of the evidence."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from ..inventory import EvidenceRef, Facts, Inventory

Status = Literal["pass", "partial", "fail", "unknown", "not_applicable"]


@dataclass(frozen=True)
class CheckContext:
    """What a check may read: the inventory's components and facts, never raw evidence
    (``tests/test_check_purity.py`` keeps it so)."""

    inventory: Inventory

    @property
    def facts(self) -> Facts:
        """The inventory's facts (an inventory read back from a report has none, and cannot be checked)."""
        if self.inventory.facts is None:
            raise ValueError("this inventory carries no facts: build it with build_inventory")
        return self.inventory.facts


@dataclass(frozen=True)
class Outcome:
    """A check's verdict. ``score`` is None exactly when the status is unknown or not applicable."""

    status: Status
    reason: str
    score: float | None = None
    evidence: list[EvidenceRef] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.score is None and self.status in {"pass", "fail"}:
            object.__setattr__(self, "score", 1.0 if self.status == "pass" else 0.0)
        if self.status in {"unknown", "not_applicable"}:
            object.__setattr__(self, "score", None)


def passed(reason: str, evidence: list[EvidenceRef] | None = None) -> Outcome:
    return Outcome("pass", reason, 1.0, evidence or [])


def failed(reason: str, evidence: list[EvidenceRef] | None = None) -> Outcome:
    return Outcome("fail", reason, 0.0, evidence or [])


def partial(reason: str, score: float, evidence: list[EvidenceRef] | None = None) -> Outcome:
    return Outcome("partial", reason, round(min(max(score, 0.01), 0.99), 2), evidence or [])


def unknown(reason: str, evidence: list[EvidenceRef] | None = None) -> Outcome:
    return Outcome("unknown", reason, None, evidence or [])


def not_applicable(reason: str) -> Outcome:
    return Outcome("not_applicable", reason)


CheckFunction = Callable[..., Outcome]
