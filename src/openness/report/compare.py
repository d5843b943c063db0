"""Side-by-side comparison of several scored targets: HTML, Markdown, CSV and JSON.

One column per target, one row per question a reader compares on: overall score,
dimensions, coverage, framework verdicts, the licence questions a buyer asks, and the
maintainers' waivers (a waived finding is shown as waived with its reason and owner, never
as a pass, so a column whose score rests on a waiver says so beside the others). The
best value of each comparable row is marked (★ and a highlight, never colour alone). A
target that could not be scored keeps its column with the reason. Renders results and
nothing else: fetching happens in ``openness.batch``.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ..assessment import WAIVER_WORDS, Assessment, Finding, Scored
from ..frameworks.interface import LensRow
from ..licenses import display_name
from .charts import BarChart, bar_chart
from .html import ANSWER_LABELS, STATUS_LABELS, buyer_summary, common_view
from .markup import html_environment
from .templating import LENS_MARKS, NOT_RELEASED, dimension_label, grouped_rows, markdown_cell, percent, stated

MISSING = "–"
GRID_MARKS = {status: STATUS_LABELS[status].split(" ", 1)[0] for status in ("pass", "partial", "fail", "unknown")}
"""The HTML grid's marks (text beside the colour, never colour alone; no emoji, which not every font has)."""
ANSWER_RANK = {"yes": 3, "conditional": 2, "unknown": 1, "no": 0}
COVERAGE_NOTE = ("Coverage is the share of applicable criteria that could be evaluated; it describes the evidence, "
                 "not the target, so it is not ranked.")


@dataclass(frozen=True)
class Row:
    """One compared question: a value per target, and which columns hold the best one."""

    section: str
    label: str
    values: list[str]
    best: frozenset[int] = field(default_factory=frozenset)
    licences: bool = False
    """Values are licence names or ids, which can be long and unbroken: HTML lets them wrap anywhere."""


def _best(ranks: Sequence[float | None]) -> frozenset[int]:
    """Columns with the highest rank, when at least two columns could be ranked and they differ."""
    known = [r for r in ranks if r is not None]
    if len(known) < 2 or len(set(known)) < 2:
        return frozenset()
    top = max(known)
    return frozenset(i for i, r in enumerate(ranks) if r == top)


def _row(section: str, label: str, columns: Sequence[Scored],
         value: Callable[[Assessment], tuple[str, float | None]], *, licences: bool = False) -> Row:
    shown, ranks = [], []
    for col in columns:
        text, rank = value(col.assessment) if col.assessment else (MISSING, None)
        shown.append(text)
        ranks.append(rank)
    return Row(section, label, shown, _best(ranks), licences)


def _number(value: float | None) -> tuple[str, float | None]:
    """Ranked as shown (one decimal), so two equal-looking values are never told apart."""
    return (MISSING, None) if value is None else (f"{value:.1f}", round(value, 1))


def _percent(value: float | None) -> tuple[str, float | None]:
    return (MISSING, None) if value is None else (percent(value), round(value * 100))


def _dimension(name: str) -> Callable[[Assessment], tuple[str, float | None]]:
    return lambda a: _number(a.dimensions[name].score)


def _lens(lens_id: str) -> Callable[[Assessment], tuple[str, float | None]]:
    """A lens's verdict as it words it, ranked by the lens's own rank."""
    def value(a: Assessment) -> tuple[str, float | None]:
        lens = a.frameworks.get(lens_id)
        return (lens.verdict, lens.rank) if lens else (MISSING, None)
    return value


def _lens_names(scored: Sequence[Assessment]) -> dict[str, str]:
    """Every lens any target was judged by, in report order: id → name."""
    return {lens.id: lens.name for a in scored for lens in a.frameworks.values()}


def _slot(slot: str) -> Callable[[Assessment], tuple[str, float | None]]:
    """The licence of one kind of component; none for a kind the release does not include."""
    def value(a: Assessment) -> tuple[str, float | None]:
        terms = next((c for c in a.licenses.components if c.slot == slot), None) if a.licenses else None
        if terms is not None and not terms.released:
            return NOT_RELEASED, None
        lic = a.inventory.licenses.get(slot)  # type: ignore[call-overload]
        if lic is None or not lic.license_id:
            return "none found", None
        return display_name(lic.license_id, lic.modified), None
    return value


def _answer(key: str) -> Callable[[Assessment], tuple[str, float | None]]:
    """A yes / conditional / no answer of the buyer's licence summary, ranked in that order."""
    def value(a: Assessment) -> tuple[str, float | None]:
        answer = str((buyer_summary(a) or {}).get(key, "unknown"))
        return ANSWER_LABELS.get(answer, answer), ANSWER_RANK.get(answer)
    return value


def _restrictions(threshold: bool) -> Callable[[Assessment], tuple[str, float | None]]:
    """Use restrictions (or only the user and revenue thresholds among them); fewer is better."""
    def value(a: Assessment) -> tuple[str, float | None]:
        summary = buyer_summary(a)
        if summary is None:
            return "not known", None
        found = [r for r in summary.get("restrictions") or [] if ("threshold" in r["text"].lower()) == threshold]
        # Ranked by restricted component types, as each restriction binds each type it names.
        return ("; ".join(stated(r) for r in found) or "none"), -float(sum(len(r["components"]) for r in found))
    return value


def _gating(a: Assessment) -> tuple[str, float | None]:
    summary = buyer_summary(a)
    gated = [c.name for c in a.inventory.components if c.access == "gated"]
    if (summary or {}).get("gated") or gated:
        return "gated" + (f": {', '.join(gated)}" if gated else ""), 0.0
    if summary is not None or any(c.access == "open" for c in a.inventory.components):
        return "no access request", 1.0
    return "not known", None


def comparison_rows(columns: Sequence[Scored]) -> list[Row]:
    """Every compared row, in display order; framework rows only when some target has lenses."""
    scored = [c.assessment for c in columns if c.assessment]
    rows = [
        _row("Overview", "Profile", columns, lambda a: (a.profile.name, None)),
        Row("Overview", "Status", ["scored" if c.ok else f"could not score: {c.error}" for c in columns]),
        _row("Overview", "Overall score", columns, lambda a: _number(a.score.overall)),
        _row("Overview", "Grade", columns, lambda a: (a.score.grade, None)),
        # not ranked: coverage measures the evidence we could read, not a merit of the target
        _row("Overview", "Coverage", columns, lambda a: (percent(a.score.coverage), None)),
        _row("Overview", "Kind", columns, lambda a: (a.inventory.kind, None)),
    ]
    dimensions = list(scored[0].dimensions) if scored else []
    rows += [_row("Dimensions", dimension_label(d), columns, _dimension(d)) for d in dimensions]
    rows += [_row("Frameworks", name, columns, _lens(lens_id)) for lens_id, name in _lens_names(scored).items()]
    rows += [
        _row("Licences", "Code licence", columns, _slot("code"), licences=True),
        _row("Licences", "Weights licence", columns, _slot("weights"), licences=True),
        _row("Licences", "Data licence", columns, _slot("data"), licences=True),
        _row("Licences", "Commercial use", columns, _answer("commercial_use")),
        _row("Licences", "Fine-tune and redistribute", columns, _answer("fine_tune_and_redistribute")),
        _row("Licences", "Use restrictions", columns, _restrictions(threshold=False)),
        _row("Licences", "User or revenue thresholds", columns, _restrictions(threshold=True)),
        _row("Licences", "Gated access", columns, _gating),
    ]
    return rows + _waiver_rows(columns, scored)


def _waiver_rows(columns: Sequence[Scored], scored: Sequence[Assessment]) -> list[Row]:
    """One row per criterion any target states a waiver for, in report order; none when no target does."""
    waived = {f.criterion: f.title for a in scored for f in a.findings if f.waiver is not None}
    return [_row("Waivers", f"{title} ({criterion})", columns, _waiver(criterion)) for criterion, title in waived.items()]


def _waiver(criterion: str) -> Callable[[Assessment], tuple[str, float | None]]:
    def value(a: Assessment) -> tuple[str, float | None]:
        finding = next((f for f in a.findings if f.criterion == criterion), None)
        if finding is None:
            return MISSING, None
        return (waiver_text(finding) if finding.waiver else f"not waived ({finding.status})"), None
    return value


def waiver_text(finding: Finding) -> str:
    """What a finding's waiver did, with the status the check found, who waived it, why and until when."""
    waiver = finding.waiver
    assert waiver is not None  # only asked of findings with a waiver
    until = f"; until {waiver.expires}" if waiver.expires else ""
    return (f"{WAIVER_WORDS[waiver.state]} ({finding.status}) by {waiver.owner or 'the maintainers'}: "
            f"{waiver.reason}{until}")


@dataclass(frozen=True)
class Cell:
    """One target's result on one requirement of a framework: its words, its status, and why."""

    value: str
    status: str
    """pass | partial | fail | unknown, or "missing" when the target was not judged by this framework."""
    reason: str

    @property
    def word(self) -> str:
        """The value as words beside the mark; empty when the framework's value is a mark itself ("✓")."""
        return self.value if any(ch.isalnum() for ch in self.value) else ""


@dataclass(frozen=True)
class GridColumn:
    id: str
    name: str
    group: str | None


@dataclass(frozen=True)
class Grid:
    """Targets × a framework's requirements (the OSAI index's colour grid; the MOF components)."""

    lens: str
    title: str
    requirement_label: str
    columns: list[GridColumn]
    rows: list[tuple[str, list[Cell]]]
    """(target title, one cell per column), in the order of the comparison."""

    def groups(self) -> list[tuple[str | None, int]]:
        """Runs of columns of the same group, for a header row: (group, how many columns)."""
        runs: list[tuple[str | None, int]] = []
        for column in self.columns:
            if runs and runs[-1][0] == column.group:
                runs[-1] = (column.group, runs[-1][1] + 1)
            else:
                runs.append((column.group, 1))
        return runs


def _cell(row: LensRow | None) -> Cell:
    if row is None:
        return Cell(MISSING, "missing", "not judged by this framework")
    return Cell(row.value, row.status, row.reason)


def comparison_grids(columns: Sequence[Scored]) -> list[Grid]:
    """One grid per framework any target was judged by, requirements as columns, targets as rows."""
    scored = [(column_title(c), c.assessment) for c in columns if c.assessment]
    grids = []
    for lens_id in _lens_names([a for _, a in scored]):
        first = next(a.frameworks[lens_id] for _, a in scored if lens_id in a.frameworks)
        if not first.requirements:
            continue
        grid_columns = [GridColumn(r.id, r.name, r.group) for _, rows in grouped_rows(first) for r in rows]
        rows = []
        for title, a in scored:
            lens = a.frameworks.get(lens_id)
            found = {r.id: r for r in lens.requirements} if lens else {}
            rows.append((title, [_cell(found.get(c.id)) for c in grid_columns]))
        grids.append(Grid(lens_id, first.name, first.requirement_label, grid_columns, rows))
    return grids


def kinds_note(columns: Sequence[Scored]) -> str | None:
    """A warning when the targets are of different kinds: their scores rest on different criteria."""
    kinds = {column_title(c): c.assessment.inventory.kind for c in columns if c.assessment}
    if len(set(kinds.values())) < 2:
        return None
    listed = "; ".join(f"{title}: {kind}" for title, kind in kinds.items())
    return (f"These targets are of different kinds ({listed}). Each is judged only on the criteria that apply "
            f"to its kind, so their scores are not directly comparable.")


def column_title(column: Scored) -> str:
    """The target as the assessment names it, or as typed when it could not be scored."""
    return column.assessment.target.id if column.assessment else column.target


def sort_columns(columns: Sequence[Scored], by: str) -> list[Scored]:
    """Targets by overall score, best first (unscored last), or by name; ties keep the order given."""
    if by == "name":
        return sorted(columns, key=lambda c: column_title(c).lower())
    if by == "score":
        return sorted(columns, key=lambda c: -(c.assessment.score.overall or -1.0) if c.assessment else 1.0)
    raise ValueError(f"unknown order {by!r}")


def render_compare_markdown(columns: Sequence[Scored]) -> str:
    titles = [markdown_cell(column_title(c)) for c in columns]
    lines = ["# Openness comparison", "", "| | " + " | ".join(titles) + " |",
             "|---|" + "---|" * len(columns)]
    section = None
    for row in comparison_rows(columns):
        if row.section != section:
            section = row.section
            lines.append(f"| **{section}** |" + " |" * len(columns))
        cells = [f"**{markdown_cell(v)}** ★" if i in row.best else markdown_cell(v) for i, v in enumerate(row.values)]
        lines.append(f"| {markdown_cell(row.label)} | " + " | ".join(cells) + " |")
    note = kinds_note(columns)
    lines += ["", *([note, ""] if note else []), f"★ best value in the row. {COVERAGE_NOTE}", ""]
    for grid in comparison_grids(columns):
        lines += _grid_markdown(grid)
    return "\n".join(lines)


def _grid_markdown(grid: Grid) -> list[str]:
    """The grid as a table of marks, each result not passing with a footnote of why (shared when the
    same reason recurs)."""
    notes: dict[str, int] = {}
    lines = [f"## {markdown_cell(grid.title)}: {markdown_cell(grid.requirement_label)}s", "",
             "| | " + " | ".join(markdown_cell(c.name) for c in grid.columns) + " |",
             "|---|" + ":---:|" * len(grid.columns)]
    for title, cells in grid.rows:
        shown = []
        for cell in cells:
            mark = LENS_MARKS.get(cell.status, MISSING)
            if cell.status in {"pass", "missing"}:
                shown.append(mark)
                continue
            number = notes.setdefault(cell.reason, len(notes) + 1)
            shown.append(f"{mark} {markdown_cell(cell.value)}[^{grid.lens}-{number}]")
        lines.append(f"| {markdown_cell(title)} | " + " | ".join(shown) + " |")
    groups = [f"{markdown_cell(g)}: {n}" for g, n in grid.groups() if g]
    legend = " · ".join(f"{mark} {status}" for status, mark in LENS_MARKS.items())
    lines += ["", f"{legend}." + (f" Columns by group ({', '.join(groups)})." if groups else ""), ""]
    lines += [f"[^{grid.lens}-{number}]: {markdown_cell(reason)}" for reason, number in notes.items()]
    return lines + ([""] if notes else [])


def render_compare_csv(columns: Sequence[Scored]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["section", "question", *[csv_safe(column_title(c)) for c in columns]])
    for row in comparison_rows(columns):
        writer.writerow([row.section, row.label, *[csv_safe(v) for v in row.values]])
    titles = [column_title(c) for c in columns]
    for grid in comparison_grids(columns):
        by_target = dict(grid.rows)
        for index, column in enumerate(grid.columns):
            writer.writerow([csv_safe(grid.title), csv_safe(column.name),
                             *[csv_safe(by_target[t][index].value) if t in by_target else "" for t in titles]])
    return out.getvalue()


def csv_safe(value: str) -> str:
    """Empty for missing values; spreadsheet formulas defused (target names and reasons are untrusted)."""
    if value == MISSING:
        return ""
    return "'" + value if value[:1] in {"=", "+", "-", "@", "\t", "\r"} else value


def render_compare_json(columns: Sequence[Scored]) -> str:
    document = {
        "targets": [
            {"target": c.target, "ok": c.ok, "error": c.error,
             "assessment": c.assessment.model_dump(mode="json") if c.assessment else None}
            for c in columns
        ],
        "rows": [{"section": r.section, "question": r.label, "values": r.values, "best": sorted(r.best)}
                 for r in comparison_rows(columns)],
        "grids": [{"lens": g.lens, "title": g.title, "requirement_label": g.requirement_label,
                   "columns": [{"id": c.id, "name": c.name, "group": c.group} for c in g.columns],
                   "rows": [{"target": title, "cells": [{"value": c.value, "status": c.status, "reason": c.reason}
                                                         for c in cells]} for title, cells in g.rows]}
                  for g in comparison_grids(columns)],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _charts(columns: Sequence[Scored]) -> list[BarChart]:
    """Small multiples: overall, then each dimension, one bar per scored target."""
    scored = [(column_title(c), c.assessment) for c in columns if c.assessment]
    if not scored:
        return []
    charts = [bar_chart("Overall score", [(t, a.score.overall, f"grade {a.score.grade}") for t, a in scored],
                        compact=True)]
    for d in scored[0][1].dimensions:
        charts.append(bar_chart(f"{dimension_label(d)} score", [
            (t, a.dimensions[d].score, f"coverage {percent(a.dimensions[d].coverage)}") for t, a in scored],
            compact=True))
    return charts


def render_compare_html(columns: Sequence[Scored]) -> str:
    scored = [c.assessment for c in columns if c.assessment]
    version = scored[0].tool.version if scored else ""
    view = common_view()
    template = html_environment().get_template("compare.html.j2")
    return template.render(columns=columns, titles=[column_title(c) for c in columns], rows=comparison_rows(columns),
                           grids=comparison_grids(columns), marks=GRID_MARKS,
                           charts=_charts(columns), scored=scored, v=view, tool_version=version,
                           kinds_note=kinds_note(columns), coverage_note=COVERAGE_NOTE)


COMPARE_RENDERERS: dict[str, Callable[[Sequence[Scored]], str]] = {
    "html": render_compare_html,
    "md": render_compare_markdown,
    "csv": render_compare_csv,
    "json": render_compare_json,
}
"""``openness compare --format`` → renderer."""
