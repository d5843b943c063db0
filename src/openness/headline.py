"""The headline: the answer a reader came for, computed once from an assessment's parts.

For a model or dataset: the kind it was judged as and why, the OSAID verdict with its first
failing requirement, the MOF class with its first blocker, whether commercial use is allowed
(and on which condition), whether access is gated, and the open-washing flag. For software:
its licence, whether the OSI approved it, and the score. Every reporter renders ``Headline.text``
or its fields; none assembles the answer itself. Pure: no network, no evidence.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from . import licenses
from .buyer import Answer, LicenseSummary
from .frameworks.interface import LensResult, LensStatus
from .frameworks.mof import choices
from .inventory.facts import Maintenance
from .inventory.model import Inventory, ProjectKind

OSAID_LENS = "osaid"
MOF_LENS = "mof"
CLAUSE_CHARS = 90
"""Longest clause (a failing requirement, a blocker, a condition) the one-line text keeps."""
class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class HeadlinePart(_Model):
    """One clause of the headline, and how good it is for openness (None: neutral, e.g. the kind)."""

    text: str
    status: LensStatus | None = None


class Headline(_Model):
    """The one-line answer, and each of its parts as a field."""

    kind: ProjectKind = Field(description="What the release was judged as.")
    kind_reason: str = Field(description="What it was judged as and why, in one clause (the inventory's kind fact).")
    score: float | None = Field(description="The overall score, 0–100; None when unscored.")
    grade: str
    coverage: float
    passed: bool | None = Field(default=None, description="The gate's verdict; None: no gate.")
    license: str | None = Field(default=None, description="Software: the code licence as reports name it.")
    osi_approved: bool | None = Field(default=None, description="Software: whether the OSI approved that licence; "
                                                                "None when no licence was found or it is unknown.")
    osaid: LensStatus | None = Field(
        default=None, description="Models: the OSAID verdict; None when the lens was not applied.")
    osaid_failing: str | None = Field(default=None, description="The first requirement that decided it, with why.")
    mof_class: str | None = Field(default=None, description="Models: the MOF class in the framework's words.")
    mof_blocker: str | None = Field(default=None, description="The first thing that blocks the next class.")
    commercial_use: Answer | None = Field(default=None, description="yes, conditional, no or unknown.")
    commercial_condition: str | None = Field(default=None, description="The condition of a conditional answer.")
    gated: bool | None = Field(default=None, description="Weights or data need an access request.")
    open_washing: str | None = Field(default=None, description="A claim of openness the facts contradict; None "
                                                               "when none was found (or the check did not run).")
    deprecated: str | None = Field(default=None, description=(
        "The release is deprecated: who says so and its successor when named; shown first."))
    parts: list[HeadlinePart] = Field(description="The answer's clauses, in the order a reader asks.")
    text: str = Field(description="The clauses in one line, as every report shows it first.")


def build_headline(kind: ProjectKind, kind_reason: str, inventory: Inventory, frameworks: Mapping[str, LensResult],
                   summary: LicenseSummary | None, score: float | None, grade: str, coverage: float,
                   passed: bool | None, open_washing: str | None = None,
                   maintenance: Maintenance | None = None) -> Headline:
    """The headline of an assessment, from its parts (the Assessment calls this once, when it is built)."""
    deprecated = None
    if maintenance is not None and maintenance.status == "deprecated":
        deprecated = f"DEPRECATED: {maintenance.by}" + (f"; use {maintenance.successor}" if maintenance.successor else "")
    common = {"kind": kind, "kind_reason": kind_reason, "score": score, "grade": grade, "coverage": coverage,
              "passed": passed, "open_washing": open_washing, "deprecated": deprecated}
    if kind == "software":
        license_id = inventory.licenses["code"].license_id
        fields = common | {"license": licenses.display_name(license_id) if license_id else None,
                           "osi_approved": osi_approved(license_id)}
    else:
        osaid, mof = frameworks.get(OSAID_LENS), frameworks.get(MOF_LENS)
        fields = common | {
            "osaid": osaid.status if osaid else None,
            "osaid_failing": deciding_requirement(osaid) if osaid else None,
            "mof_class": mof.verdict if mof else None,
            "mof_blocker": _first(mof.blockers) if mof else None,
            "commercial_use": summary.commercial_use if summary else None,
            "commercial_condition": condition(summary) if summary and summary.commercial_use == "conditional" else None,
            "gated": summary.gated if summary else None,
        }
    parts = _parts(fields, frameworks[MOF_LENS].status if kind != "software" and MOF_LENS in frameworks else None)
    return Headline(**fields, parts=parts, text=" · ".join(p.text for p in parts))


def osi_approved(license_id: str | None) -> bool | None:
    """Whether one may comply with ``license_id`` using OSI-approved licences only; None when unknown."""
    if not license_id:
        return None
    known = [[licenses.lookup(part) for part in choice] for choice in choices(license_id)]
    if not known or any(term is None for choice in known for term in choice):
        return None
    return any(all(term is not None and term.osi_approved for term in choice) for choice in known)


def condition(summary: LicenseSummary) -> str | None:
    """The condition of a conditional commercial answer: a user or revenue threshold first, then any
    use restriction of the code or weights."""
    thresholds = [r.text.split("threshold: ", 1)[1] for r in summary.restrictions if "threshold: " in r.text]
    if thresholds:
        return thresholds[0]
    judged = [r.text for r in summary.restrictions if {"weights", "code"} & set(r.components)]
    return judged[0] if judged else None


def deciding_requirement(lens: LensResult) -> str | None:
    """The first requirement row that keeps the verdict from passing (a failing one, else an unknown one)."""
    for status in ("fail", "unknown"):
        row = next((r for r in lens.requirements if r.status == status), None)
        if row is not None:
            name = row.name.lower()
            return _clause(row.reason if row.reason.lower().startswith(name) else f"{name}: {row.reason}")
    return None


def _first(items: list[str]) -> str | None:
    return _clause(items[0]) if items else None


def _clause(text: str) -> str:
    """One short clause: asides in parentheses dropped, the rest cut at ``CLAUSE_CHARS``."""
    short = re.sub(r"\s*\([^()]*\)", "", text).strip() or text
    return short if len(short) <= CLAUSE_CHARS else short[: CLAUSE_CHARS - 1].rstrip() + "…"


_ANSWERS: dict[str, tuple[str, LensStatus]] = {
    "yes": ("commercial use allowed", "pass"), "no": ("no commercial use", "fail"),
    "unknown": ("commercial use unknown", "unknown")}
_OSI: dict[bool | None, tuple[str, LensStatus]] = {
    True: ("OSI-approved", "pass"), False: ("not OSI-approved", "fail"), None: ("OSI approval unknown", "unknown")}


def _parts(f: dict[str, Any], mof_status: LensStatus | None) -> list[HeadlinePart]:
    """The fields as clauses, in the order a reader asks."""
    parts = [HeadlinePart(text=f["deprecated"], status="fail")] if f["deprecated"] else []
    parts.append(HeadlinePart(text=f["kind_reason"]))
    if f["kind"] == "software":
        if f["license"] is None:
            parts.append(HeadlinePart(text="no licence found", status="fail"))
        else:
            words, status = _OSI[f["osi_approved"]]
            parts.append(HeadlinePart(text=f"licence {f['license']} ({words})", status=status))
    else:
        if f["osaid"] is not None:
            parts.append(HeadlinePart(text=f"OSAID {f['osaid']}" + (f" ({f['osaid_failing']})" if f["osaid_failing"]
                                                                     else ""), status=f["osaid"]))
        if f["mof_class"] is not None:
            parts.append(HeadlinePart(text=f"MOF {f['mof_class']}" + (f" (blocked by {f['mof_blocker']})"
                                                                       if f["mof_blocker"] else ""), status=mof_status))
        if f["commercial_use"] == "conditional":
            condition_ = f["commercial_condition"]
            parts.append(HeadlinePart(text="commercial use conditional" + (f": {_clause(condition_)}" if condition_
                                                                           else ""), status="partial"))
        elif f["commercial_use"] is not None:
            words, status = _ANSWERS[f["commercial_use"]]
            parts.append(HeadlinePart(text=words, status=status))
        if f["gated"] is not None:
            parts.append(HeadlinePart(text="gated: access must be requested", status="partial") if f["gated"]
                         else HeadlinePart(text="not gated", status="pass"))
    if f["open_washing"]:
        parts.append(HeadlinePart(text=f"open-washing: {_clause(f['open_washing'])}", status="fail"))
    score = "unscored" if f["score"] is None else f"{f['score']:.1f}/100 (grade {f['grade']})"
    parts.append(HeadlinePart(text=f"score {score}, coverage {round(f['coverage'] * 100)} %"))
    if f["passed"] is not None:
        parts.append(HeadlinePart(text="gate passed", status="pass") if f["passed"]
                     else HeadlinePart(text="gate FAILED", status="fail"))
    return parts
