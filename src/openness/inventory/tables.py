"""Tables of a README and which of them report results, recognised by their shape.

A results table is a table of numbers (most data cells numeric: scores, percentages,
mean ± deviation) under a results, evaluation or benchmark heading, or whose header
names the metrics. A table of hyper-parameters, file sizes or data statistics is numbers
too, and is not results. Markdown and HTML tables are both read.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from .. import patterns
from ..evidence import Document, Member
from .model import EvidenceRef
from .prose import Line
from .signals import Signals

MIN_NUMERIC_SHARE = 0.5
"""Share of non-empty data cells that must be numbers for a table to be a table of numbers."""
MIN_NUMERIC_CELLS = 1


@dataclass(frozen=True)
class Table:
    member: Member
    document: Document
    line: int
    heading: str
    header: list[str]
    rows: list[list[str]]
    caption: str
    """The header line as written (its Markdown), shown as the evidence."""

    @property
    def numeric_share(self) -> float:
        cells = [c for row in self.rows for c in row if c and c not in {"-", "–", "—", "N/A", "n/a"}]
        numeric = sum(1 for c in cells if patterns.text("numeric_cell").search(c))
        return numeric / len(cells) if cells and numeric >= MIN_NUMERIC_CELLS else 0.0

    def ref(self, note: str) -> EvidenceRef:
        return EvidenceRef(member=self.member.id, path=self.document.path, line=self.line, note=note)


def results_tables(signals: Signals) -> list[EvidenceRef]:
    """The README tables that report results, at most five."""
    return signals.memo("results_tables", lambda: [t.ref(t.caption) for t in _tables(signals) if is_results(t)][:5])


def results_figures(signals: Signals) -> list[EvidenceRef]:
    """Pictures under a results heading (plots or tables rendered as images), at most five.

    The code-completeness checklist asks for "a table (or plot) of the main results"; its labellers
    tick the item for results shown as figures under a Results or Performance heading, or captioned so."""
    image, results = patterns.text("markdown_image"), patterns.text("results_figure_heading")
    settings, badge = patterns.text("not_results_table"), patterns.text("badge_image")

    def find() -> list[EvidenceRef]:
        found = [line for line in signals.prose
                 if not line.in_code and image.search(line.text) and not badge.search(line.text)
                 and not settings.search(line.heading) and (results.search(line.heading) or results.search(line.text))]
        return [line.ref("results figure") for line in found
                if line.number not in _commented_lines(signals, line.document)][:5]

    return signals.memo("results_figures", find)


def _commented_lines(signals: Signals, document: Document) -> frozenset[int]:
    """Numbers of the lines inside HTML comments (``<!-- … -->``): text the reader does not see."""
    def scan() -> frozenset[int]:
        inside, hidden = False, set()
        for number, text in enumerate(document.text.splitlines(), start=1):
            opens, closes = text.rfind("<!--"), text.rfind("-->")
            if inside or opens >= 0:
                hidden.add(number)
            inside = opens > closes if opens >= 0 or closes >= 0 else inside
        return frozenset(hidden)

    return signals.memo(f"commented_lines:{id(document)}", scan)


def is_results(table: Table) -> bool:
    header = " | ".join(table.header)
    if table.numeric_share < MIN_NUMERIC_SHARE or patterns.text("not_results_table").search(table.heading):
        return False
    if patterns.text("results_metric_header").search(header):
        return True
    return bool(patterns.text("results_heading").search(table.heading)) \
        and not patterns.text("not_results_table").search(header)


def _tables(signals: Signals) -> Iterator[Table]:
    by_document: dict[int, list[Line]] = {}
    for line in signals.prose:
        by_document.setdefault(id(line.document), []).append(line)
    for lines in by_document.values():
        yield from _markdown_tables(lines)
        yield from _html_tables(lines)


def _markdown_tables(lines: list[Line]) -> Iterator[Table]:
    separator = patterns.text("markdown_table_separator")
    index = 1
    while index < len(lines):
        line, head = lines[index], lines[index - 1]
        if line.in_code or head.in_code or "|" not in head.text or not separator.search(line.text):
            index += 1
            continue
        end = index + 1
        while end < len(lines) and not lines[end].in_code and "|" in lines[end].text:
            end += 1
        yield Table(head.member, head.document, head.number, head.heading, _cells(head.text),
                    [_cells(r.text) for r in lines[index + 1:end]], _excerpt(head.text))
        index = end


def _cells(row: str) -> list[str]:
    row = row.strip()
    row = row[1:] if row.startswith("|") else row
    row = row[:-1] if row.endswith("|") else row
    return [_clean(c) for c in row.split("|")]


def _clean(cell: str) -> str:
    markup = patterns.text("markup").regex
    return " ".join(markup.sub(lambda m: m.group(1) or " ", cell).split())


def _html_tables(lines: list[Line]) -> Iterator[Table]:
    document = lines[0].document
    rows, cells = patterns.text("html_row").regex, patterns.text("html_cell").regex
    for match in patterns.text("html_table").regex.finditer(document.text):
        number = document.text.count("\n", 0, match.start()) + 1
        line = lines[min(number, len(lines)) - 1]
        if line.in_code:
            continue
        parsed = [[_clean(c) for c in cells.findall(row)] for row in rows.findall(match.group(0))]
        parsed = [r for r in parsed if r]
        if len(parsed) >= 2:
            yield Table(line.member, document, number, line.heading, parsed[0], parsed[1:],
                        _excerpt("HTML table: " + " | ".join(parsed[0])))


def _excerpt(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
