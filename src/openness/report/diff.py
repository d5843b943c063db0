"""A diff of two reports (``openness.diff.ReportDiff``) as Markdown, JSON or a self-contained HTML page."""

from __future__ import annotations

import json
from collections.abc import Callable

from .. import __version__
from ..diff import ChangeKind, ReportDiff
from .markup import html_environment
from .templating import dimension_label, markdown_cell

KIND_LABELS: dict[ChangeKind, str] = {
    "licence": "Licence", "gating": "Gating", "verdict": "Framework verdict", "component": "Component",
    "section": "Card section", "overall": "Overall score", "dimension": "Dimension score",
    "requirement": "Framework requirement",
    "criterion": "Criterion",
}


def _side(diff: ReportDiff, new: bool) -> str:
    side = diff.new if new else diff.old
    return f"{side.target}" + (f"@{side.revision[:12]}" if side.revision else "") + f" ({side.generated_at})"


def _subject(kind: ChangeKind, subject: str) -> str:
    return dimension_label(subject) if kind == "dimension" else subject


def _points(value: float | None, kind: ChangeKind) -> str:
    if value is None or kind not in {"overall", "dimension"}:
        return ""
    return f" ({value:+.1f} points)"


def render_diff_markdown(diff: ReportDiff) -> str:
    lines = [f"# Openness diff: {markdown_cell(_side(diff, False))} → {markdown_cell(_side(diff, True))}", ""]
    lines += [f"> {markdown_cell(note)}" for note in diff.notes] + ([""] if diff.notes else [])
    if diff.empty:
        return "\n".join(lines + ["No changes.", ""])
    lines += [f"{len(diff.changes)} change(s), most important first.", "",
              "| change | what | before | after | why |", "|---|---|---|---|---|"]
    for c in diff.changes:
        lines.append(f"| {KIND_LABELS[c.kind]} | {markdown_cell(_subject(c.kind, c.subject))} | "
                     f"{markdown_cell(c.before or '–')} | {markdown_cell((c.after or '–') + _points(c.points, c.kind))} | "
                     f"{markdown_cell(c.reason) or '–'} |")
    return "\n".join(lines) + "\n"


def render_diff_json(diff: ReportDiff) -> str:
    return json.dumps(diff.model_dump(mode="json") | {"empty": diff.empty}, indent=2) + "\n"


def render_diff_html(diff: ReportDiff) -> str:
    template = html_environment().get_template("diff.html.j2")
    return template.render(d=diff, old=_side(diff, False), new=_side(diff, True), labels=KIND_LABELS,
                           subject=_subject, points=_points, tool_version=__version__)


DIFF_RENDERERS: dict[str, Callable[[ReportDiff], str]] = {
    "md": render_diff_markdown, "json": render_diff_json, "html": render_diff_html,
}
