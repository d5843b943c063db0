"""The HTML scorecard: one self-contained file, readable without script, loading nothing.

Everything is autoescaped; the README excerpt is the only rendered Markdown and goes
through the nh3 allow-list (``sanitize.py``). A Content-Security-Policy meta tag
forbids scripts and every outside request, in case anything ever slipped through.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from pydantic import BaseModel

from ..assessment import WAIVER_WORDS, Assessment, Finding
from ..inventory import EvidenceRef
from .charts import BarChart, bar_chart
from .links import ShownRef, shown_refs
from .markup import html_environment
from .sanitize import render_untrusted_markdown, safe_href
from .templating import dimension_label, percent

STATUS_LABELS = {"pass": "✓ pass", "partial": "◐ partial", "fail": "✗ fail", "unknown": "? unknown",
                 "not_applicable": "– n/a"}
COMPONENT_LABELS = {"present": "✓ present", "partial": "◐ partial", "absent": "✗ absent", "unknown": "? unknown"}
SOURCE_LABELS = {"component": "its own licence", "type": "licence for this type",
                 "distribution": "distribution licence", "none": "nothing declared"}
CATEGORY_LABELS = {"osi": "OSI open source", "open_data": "open data or content",
                   "open_restricted": "open with use restrictions", "non_commercial": "non-commercial",
                   "research_only": "research only", "proprietary": "proprietary or custom"}
ANSWER_LABELS = {"yes": "✓ yes", "no": "✗ no", "conditional": "◐ conditional", "unknown": "? unknown"}
ANSWER_CLASSES = {"yes": "s-yes", "no": "s-no", "conditional": "s-partial", "unknown": "s-unknown"}


def evidence_refs(assessment: Assessment) -> Callable[[list[Any]], list[ShownRef]]:
    """References as shown, linked only to safe web URLs: a relative path would point nowhere, the report
    may sit anywhere."""
    def render(refs: list[Any]) -> list[ShownRef]:
        shown = shown_refs((r if isinstance(r, EvidenceRef) else EvidenceRef.model_validate(r) for r in refs),
                           assessment)
        return [replace(ref, link=_web_link(ref.link)) for ref in shown]
    return render


def _web_link(link: str | None) -> str | None:
    safe = safe_href(link)
    return safe if safe and safe.lower().startswith(("http://", "https://")) else None


def plain_data(value: Any) -> Any:
    """Pydantic models → JSON-like data (by alias, so ``class_`` reads ``class``)."""
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json", by_alias=True)
    return value


def buyer_summary(assessment: Assessment) -> dict[str, Any] | None:
    """The buyer's licence summary (``Assessment.licenses``) as plain data, when it was computed."""
    data = plain_data(getattr(assessment, "licenses", None))
    return data if isinstance(data, dict) and data else None


def grade_class(assessment: Assessment) -> str:
    s = assessment.score
    if s.overall is None:
        return "grade-none"
    if s.grade in {"A", "B"}:
        return "grade-good"
    return "grade-mid" if s.grade in {"C", "D"} else "grade-bad"


def dimension_chart(assessment: Assessment) -> BarChart:
    items = [(dimension_label(name), d.score, f"coverage {percent(d.coverage)}")
             for name, d in assessment.dimensions.items()]
    return bar_chart("Dimension scores", items)


def subject_label(assessment: Assessment) -> str:
    """What the scored target is, in the source's own words ("GitHub repository"), from its primary member."""
    primary = assessment.members[0] if assessment.members else None
    return (primary.source_label if primary else None) or assessment.target.kind


def _findings_by_dimension(assessment: Assessment) -> list[tuple[str, list[Finding], list[Finding]]]:
    """Per dimension: the applicable findings, and the not-applicable ones (shown folded)."""
    grouped = []
    for dimension in assessment.dimensions:
        findings = [f for f in assessment.findings if f.dimension == dimension]
        grouped.append((dimension, [f for f in findings if f.status != "not_applicable"],
                        [f for f in findings if f.status == "not_applicable"]))
    return grouped


def _counts(assessment: Assessment) -> str:
    order = ["pass", "partial", "fail", "unknown", "not_applicable"]
    counts = {s: sum(f.status == s for f in assessment.findings) for s in order}
    return " · ".join(f"{counts[s]} {STATUS_LABELS[s].split(' ', 1)[1]}" for s in order if counts[s])


def _grade_words(assessment: Assessment) -> str:
    s = assessment.score
    return "not scored: nothing could be evaluated" if s.overall is None else f"grade {s.grade}"


WAIVER_PHRASES = {state: words.capitalize() for state, words in WAIVER_WORDS.items()}


def common_view() -> dict[str, Any]:
    """Labels shared by every HTML report."""
    return {"status_labels": STATUS_LABELS, "waiver_labels": WAIVER_PHRASES, "component_labels": COMPONENT_LABELS,
            "source_labels": SOURCE_LABELS,
            "answer_labels": ANSWER_LABELS, "answer_classes": ANSWER_CLASSES, "category_labels": CATEGORY_LABELS}


def render_html(assessment: Assessment) -> str:
    view = common_view() | {
        "refs": evidence_refs(assessment),
        "chart": dimension_chart(assessment),
        "buyer": buyer_summary(assessment),
        "grade_class": grade_class(assessment),
        "grade_words": _grade_words(assessment),
        "passed": assessment.score.passed,
        "counts": _counts(assessment),
        "fixes": assessment.fixes()[:10],
        "findings": _findings_by_dimension(assessment),
        "kind_label": subject_label(assessment),
        "excerpt": render_untrusted_markdown(assessment.about.excerpt) if assessment.about.excerpt else None,
    }
    template = html_environment().get_template("scorecard.html.j2")
    return template.render(a=assessment, v=view, tool_version=assessment.tool.version)
