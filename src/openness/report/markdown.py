"""The Markdown scorecard: reads well on GitHub and as a CI job summary."""

from __future__ import annotations

from urllib.parse import quote

from ..assessment import Assessment
from ..inventory import EvidenceRef
from .links import evidence_label, evidence_link
from .templating import environment, markdown_cell


_URL_SAFE = ":/?#&=%@+,;~!$*'"
"""Kept as is in link targets; everything else (spaces, brackets, parentheses, < >) is percent-encoded."""


def _evidence_md(assessment: Assessment):
    def render(refs: list[EvidenceRef], limit: int = 3) -> str:
        items = []
        for ref in refs[:limit]:
            label = markdown_cell(evidence_label(ref, assessment))
            link = evidence_link(ref, assessment)
            items.append(f"[{label}]({quote(link, safe=_URL_SAFE)})" if link else label)
        more = f" +{len(refs) - limit}" if len(refs) > limit else ""
        return ", ".join(items) + more if items else "–"
    return render


def render_markdown(assessment: Assessment) -> str:
    template = environment().get_template("scorecard.md.j2")
    return template.render(a=assessment, evidence=_evidence_md(assessment))
