"""The terminal view of a scorecard: the headline, then one row per criterion, as OpenSSF Scorecard's table.

Shown by ``openness score`` when stdout is a terminal and no format or output file is given; piped
output stays Markdown. Rows are grouped by dimension with its score and coverage; each row has its
status, score, a one-line reason and the criterion's documentation link. ``details`` adds evidence
and remediation lines. Every string from the scored project or its host goes through ``plain``: rich
markup is never parsed from it, and control characters (a terminal escape in a file name) are dropped.
"""

from __future__ import annotations

import re

from rich.console import Console, Group, RenderableType
from rich.style import Style
from rich.table import Table
from rich.text import Text

from ..assessment import CRITERIA_DOCS_URL, Assessment, Finding
from .links import shown_refs
from .templating import dimension_label, percent, points

STATUS_STYLES = {"pass": ("✓ pass", "green"), "partial": ("◐ partial", "yellow"), "fail": ("✗ fail", "red"),
                 "unknown": ("? unknown", "bright_black"), "not_applicable": ("– n/a", "bright_black")}
PART_STYLES = {"pass": "green", "partial": "yellow", "fail": "red", "unknown": "bright_black"}
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
FIXES_SHOWN = 3


def plain(value: object) -> str:
    """Untrusted text made inert for a terminal: control and bidi characters removed, whitespace folded."""
    return " ".join(_CONTROL.sub("", str(value).replace("\t", " ")).split())


def text(value: object, style: str | Style = "") -> Text:
    """A ``Text`` never parsed as markup (``Text`` takes its string literally)."""
    return Text(plain(value), style=style)


def line(value: object, style: str = "") -> Text:
    """Untrusted text on one line, cut with an ellipsis where the column ends."""
    return Text(plain(value), style=style, no_wrap=True, overflow="ellipsis")


def render_terminal(assessment: Assessment, console: Console, *, details: bool = False) -> None:
    """Print the terminal view of ``assessment`` on ``console``."""
    console.print(terminal_view(assessment, details=details))


def terminal_view(assessment: Assessment, *, details: bool = False) -> RenderableType:
    """The whole view as one renderable (tests print it on a recording console)."""
    parts: list[RenderableType] = [_title(assessment), _headline(assessment), Text(), _table(assessment, details)]
    fixes = assessment.fixes()[:FIXES_SHOWN]
    if fixes:
        parts.append(Text("\nFix first:", style="bold"))
        for number, finding in enumerate(fixes, 1):
            parts.append(Text.assemble(f"  {number}. ", text(finding.remediation),
                                       (f"  +{points(finding.gain)} points", "bold")))
    hint = "" if details else "--details adds evidence; "
    parts.append(Text(f"\nDocs: {CRITERIA_DOCS_URL}#criterion-ID\n{hint}-f md, -f html or -f json writes the "
                      "full report.", style="dim"))
    return Group(*parts)


def _title(a: Assessment) -> Text:
    s = a.score
    score = "unscored" if s.overall is None else f"{s.overall:.1f}/100 grade {s.grade}"
    return Text.assemble(("openness ", "dim"), text(a.target.id, "bold"), "  ", (score, "bold"),
                         f" · coverage {percent(s.coverage)} · profile ", text(a.profile.name))


def _headline(a: Assessment) -> Text:
    if a.headline is None:
        return Text()
    line = Text()
    for index, part in enumerate(a.headline.parts):
        if index:
            line.append(" · ", style="dim")
        line.append_text(text(part.text, PART_STYLES.get(part.status or "", "")))
    return line


def _table(a: Assessment, details: bool) -> Table:
    table = Table(box=None, pad_edge=False, show_edge=False, expand=False, header_style="bold dim")
    table.add_column("Status", no_wrap=True, min_width=9)
    table.add_column("Score", justify="right", no_wrap=True, min_width=5)
    # Cells are single-line ``Text``s (``line``): a no_wrap column would make rich drop columns instead.
    table.add_column("Criterion", min_width=16, max_width=28)
    table.add_column("Reason", min_width=20)
    table.add_column("Docs", no_wrap=True, overflow="ellipsis", min_width=8, max_width=24)
    for dimension, d in a.dimensions.items():
        findings = [f for f in a.findings if f.dimension == dimension and f.status != "not_applicable"]
        if not findings:
            continue
        if table.row_count:
            table.add_section()
        table.add_row("", Text(points(d.score), style="bold"), Text(dimension_label(dimension), style="bold"),
                      Text(f"dimension score · coverage {percent(d.coverage)}", style="dim"), "")
        for finding in findings:
            _add_finding(table, finding, a, details)
    return table


def _add_finding(table: Table, f: Finding, a: Assessment, details: bool) -> None:
    label, style = STATUS_STYLES[f.status]
    if f.waived:
        label, style = f"⊘ waived ({label.split(' ', 1)[1]})", "magenta"
    score = "–" if f.score is None else f"{f.score * 10:.0f}/10"
    docs = f.documentation.url if f.documentation else ""
    anchor = Text("#" + docs.rsplit("#", 1)[-1].removeprefix("criterion-"), style=Style(link=docs, color="blue"))
    reason = f.reason if f.waiver is None else f"{f.reason} · {f.waiver.note}: {f.waiver.reason}"
    table.add_row(Text(label, style=style), score, line(f.title), line(reason) if not details else text(reason),
                  anchor)
    if not details:
        return
    for ref in shown_refs(f.evidence, a)[:5]:
        table.add_row("", "", "", Text.assemble(("↳ ", "dim"), text(ref.label),
                                                 *((" ", text(ref.link, "dim")) if _web(ref.link) else ())), "")
    if f.status in {"fail", "partial"}:
        table.add_row("", "", "", Text.assemble(("fix: ", "bold"), text(f.remediation)), "")
    table.add_row("", "", "", Text(docs, style=Style(dim=True, link=docs), overflow="fold"), "")


def _web(link: str | None) -> bool:
    """Worth printing: a web address (a checkout's relative path adds nothing to the path shown)."""
    return bool(link) and str(link).startswith(("https://", "http://"))
