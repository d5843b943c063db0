"""The Markdown scorecard: reads well on GitHub and as a CI job summary."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import quote

from ..assessment import Assessment
from ..inventory import EvidenceRef
from .links import shown_refs
from .sanitize import safe_href
from .templating import environment, markdown_cell

_URL_SAFE = ":/?#&=%@+,;~!$*'"
"""Kept as is in link targets; everything else (spaces, brackets, parentheses, < >) is percent-encoded."""


def _evidence_md(assessment: Assessment) -> Callable[..., str]:
    def render(refs: list[EvidenceRef], limit: int = 3) -> str:
        shown = shown_refs(refs, assessment)
        items = []
        for ref in shown[:limit]:
            label = markdown_cell(ref.label)
            link = markdown_href(ref.link)
            items.append(f"[{label}]({link})" if link else label)
        more = f" +{len(shown) - limit}" if len(shown) > limit else ""
        return ", ".join(items) + more if items else "–"
    return render


def markdown_href(url: str | None) -> str | None:
    """A link target for Markdown under the HTML reports' policy (``safe_href``: http, https or a
    relative path; ``javascript:`` and the like give no link), percent-encoded so it cannot end early."""
    safe = safe_href(url)
    return None if safe is None else quote(safe, safe=_URL_SAFE)


def render_markdown(assessment: Assessment) -> str:
    template = environment().get_template("scorecard.md.j2")
    return template.render(a=assessment, evidence=_evidence_md(assessment), href=markdown_href)
