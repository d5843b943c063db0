"""The timeline of one target from the history store: Markdown, CSV, JSON, and an HTML page with a
trend chart (overall and each dimension; verdict changes marked), self-contained like the scorecard."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Sequence
from dataclasses import asdict

from .. import __version__
from ..history import HistoryEntry
from .charts import TrendChart, trend_chart
from .compare import csv_safe
from .markup import html_environment
from .templating import dimension_label, markdown_cell


def verdict_changes(entries: Sequence[HistoryEntry]) -> list[tuple[int, str]]:
    """(index, "MOF: Class III → Class II; …") where a framework verdict differs from the entry before."""
    marks = []
    for i in range(1, len(entries)):
        before, after = entries[i - 1].verdicts, entries[i].verdicts
        moved = [f"{lens}: {before.get(lens, '–')} → {after.get(lens, '–')}"
                 for lens in sorted(before.keys() | after.keys()) if before.get(lens) != after.get(lens)]
        if moved:
            marks.append((i, "; ".join(moved)))
    return marks


def _dimensions(entries: Sequence[HistoryEntry]) -> list[str]:
    seen: dict[str, None] = {}
    for entry in entries:
        seen.update(dict.fromkeys(entry.dimensions))
    return list(seen)


def _score(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


def _rules_changed(entries: Sequence[HistoryEntry]) -> set[int]:
    return {i for i in range(1, len(entries)) if entries[i].criteria_digest != entries[i - 1].criteria_digest}


def render_history_markdown(target: str, entries: Sequence[HistoryEntry]) -> str:
    dims = _dimensions(entries)
    marks = dict(verdict_changes(entries))
    rules = _rules_changed(entries)
    header = ["#", "recorded", "revision", "overall", "grade", *(dimension_label(d) for d in dims), "verdict changes"]
    lines = [f"# Openness history: {markdown_cell(target)}", "", f"{len(entries)} recorded report(s).", "",
             "| " + " | ".join(markdown_cell(h) for h in header) + " |", "|" + "---|" * len(header)]
    for i, e in enumerate(entries):
        changes = marks.get(i, "")
        if i in rules:
            changes = "; ".join(filter(None, [changes, "criteria or profile changed"]))
        cells = [str(e.id), markdown_cell(e.recorded_at), markdown_cell((e.revision or "–")[:12]), _score(e.overall),
                 markdown_cell(e.grade), *(_score(e.dimensions.get(d)) for d in dims), markdown_cell(changes) or "–"]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def render_history_csv(target: str, entries: Sequence[HistoryEntry]) -> str:
    dims = _dimensions(entries)
    lenses = sorted({lens for e in entries for lens in e.verdicts})
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["record", "target", "recorded_at", "revision", "tool_version", "profile", "criteria_digest",
                     "overall", "grade", "coverage", *dims, *lenses])
    for e in entries:
        writer.writerow([e.id, csv_safe(target), e.recorded_at, csv_safe(e.revision or ""), e.tool_version,
                         csv_safe(e.profile), e.criteria_digest, "" if e.overall is None else e.overall,
                         e.grade, e.coverage,
                         *["" if e.dimensions.get(d) is None else e.dimensions[d] for d in dims],
                         *[csv_safe(e.verdicts.get(lens, "")) for lens in lenses]])
    return out.getvalue()


def render_history_json(target: str, entries: Sequence[HistoryEntry]) -> str:
    return json.dumps({"target": target, "records": [asdict(e) for e in entries],
                       "verdict_changes": [{"record": entries[i].id, "changes": text}
                                           for i, text in verdict_changes(entries)]}, indent=2) + "\n"


def history_chart(entries: Sequence[HistoryEntry]) -> TrendChart:
    dims = _dimensions(entries)
    series = [("Overall", [e.overall for e in entries])]
    series += [(dimension_label(d), [e.dimensions.get(d) for e in entries]) for d in dims]
    return trend_chart("Scores over time", [e.recorded_at for e in entries], series, verdict_changes(entries))


def render_history_html(target: str, entries: Sequence[HistoryEntry]) -> str:
    template = html_environment().get_template("history.html.j2")
    return template.render(target=target, entries=entries, dims=_dimensions(entries),
                           chart=history_chart(entries) if entries else None,
                           marks=dict(verdict_changes(entries)), rules=_rules_changed(entries),
                           tool_version=__version__)


HISTORY_RENDERERS: dict[str, Callable[[str, Sequence[HistoryEntry]], str]] = {
    "md": render_history_markdown, "csv": render_history_csv, "json": render_history_json,
    "html": render_history_html,
}
