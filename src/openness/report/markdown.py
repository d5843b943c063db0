"""The Markdown scorecard: reads well on GitHub and as a CI job summary."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import quote

from ..assessment import Assessment
from ..inventory import EvidenceRef
from .links import shown_refs
from .templating import environment, markdown_cell

_URL_SAFE = ":/?#&=%@+,;~!$*'"
"""Kept as is in link targets; everything else (spaces, brackets, parentheses, < >) is percent-encoded."""


def _evidence_md(assessment: Assessment) -> Callable[..., str]:
    def render(refs: list[EvidenceRef], limit: int = 3) -> str:
        shown = shown_refs(refs, assessment)
        items = []
        for ref in shown[:limit]:
            label = markdown_cell(ref.label)
            items.append(f"[{label}]({quote(ref.link, safe=_URL_SAFE)})" if ref.link else label)
        more = f" +{len(shown) - limit}" if len(shown) > limit else ""
        return ", ".join(items) + more if items else "–"
    return render


def render_markdown(assessment: Assessment) -> str:
    template = environment().get_template("scorecard.md.j2")
    return template.render(a=assessment, evidence=_evidence_md(assessment))
