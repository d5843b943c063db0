"""The shape of a diff: one ``Change`` per thing that changed, in a ``ReportDiff`` of two report sides."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

ChangeKind = Literal["licence", "gating", "component", "section", "verdict", "requirement", "overall", "dimension",
                     "criterion"]
KIND_ORDER: tuple[ChangeKind, ...] = ("licence", "gating", "verdict", "component", "section", "overall", "dimension",
                                      "requirement", "criterion")
"""Most important first: what a user of the model may do (licence, access) before what the release holds
(components, then its card's sections) before how it scores."""
FAIL_ON_KINDS: dict[str, ChangeKind] = {"licence": "licence", "license": "licence", "gating": "gating",
                                         "verdict": "verdict"}
"""The change kinds ``--fail-on`` names directly (``score-drop=N`` is the fourth condition)."""


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Change(_Model):
    kind: ChangeKind
    subject: str = Field(description="What changed: a component, an access term, a card section, a framework, "
                                     "a dimension or a criterion id.")
    before: str | None = Field(description="Its value in the older report; None when it was not there.")
    after: str | None = Field(description="Its value in the newer report; None when it is gone.")
    reason: str = Field(default="", description="Why, in one line: the newer report's reason where it gives one.")
    points: float | None = Field(default=None, description=(
        "How far the score moved: points of 100 for the overall and dimension scores; the criterion's score "
        "change times its weight for a criterion (what orders them)."))


class Side(_Model):
    target: str
    revision: str | None
    generated_at: str
    overall: float | None
    grade: str


class ReportDiff(_Model):
    old: Side
    new: Side
    changes: list[Change]
    notes: list[str] = Field(default_factory=list, description=(
        "What to keep in mind reading the changes, such as an aspect that could not be compared."))

    @property
    def empty(self) -> bool:
        return not self.changes

    def of(self, kind: ChangeKind) -> list[Change]:
        return [c for c in self.changes if c.kind == kind]

    @property
    def overall_delta(self) -> float | None:
        if self.old.overall is None or self.new.overall is None:
            return None
        return round(self.new.overall - self.old.overall, 1)


class FailOn(_Model):
    """The conditions of ``--fail-on``: change kinds, and a drop of the overall score by at least N points."""

    kinds: tuple[ChangeKind, ...] = ()
    score_drop: float | None = None
