"""One Jinja2 environment for every text reporter: strict undefined, shared filters."""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from ..buyer import Stated
from ..frameworks.interface import LensResult, LensRow
from ..licenses import display_name

STATUS_LABELS = {
    "pass": "✅ pass",
    "partial": "🟡 partial",
    "fail": "❌ fail",
    "unknown": "❔ unknown",
    "not_applicable": "➖ n/a",
}
WAIVER_LABELS = {"waived": "🔕 **waived**", "expired": "⏰ waiver expired", "ignored": "waiver not applied",
                 "moot": "waiver not needed"}
"""How a finding's waiver is named, by what it did (``WaiverInfo.state``)."""
LENS_MARKS = {"pass": "✅", "partial": "🟡", "fail": "❌", "unknown": "❔"}
"""The mark beside a lens row's result, from its common status (the words are the framework's own)."""
COMPONENT_LABELS = {"present": "✅ present", "partial": "🟡 partial", "absent": "❌ absent", "unknown": "❔ unknown"}
DIMENSION_LABELS = {"transparency": "Transparency", "reproducibility": "Reproducibility",
                    "accessibility": "Accessibility", "licensing": "Licensing & governance"}
"""How every report names the built-in dimensions (the keys stay as the criteria spell them)."""
NOT_RELEASED = "– (not released)"
"""The licence shown for a kind of component the release does not include: no terms to judge."""


def markdown_cell(value: object) -> str:
    """Make untrusted text safe anywhere in Markdown, a table cell included (GitHub renders inline HTML).

    Every string the scored project, its host or a user's profile controls goes through this (or
    ``markdown_code``): newlines folded (a row or a heading cannot be broken out of), ``|`` escaped (a
    cell cannot be split), emphasis, code and link syntax escaped (``![x](http://tracker)`` is text,
    not a tracking image), and ``<`` ``>`` written as entities (no raw HTML).
    """
    text = " ".join(str(value).split())
    # Only an ``&`` that starts an entity needs escaping; a plain "R&D" stays readable in the raw file.
    text = re.sub(r"&(?=#?\w+;)", "&amp;", text).replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"([|\\`*_\[\]])", r"\\\1", text)


def markdown_code(value: object) -> str:
    """Untrusted text as a Markdown code span, safe in a table cell: a backslash does not escape inside
    a code span, so the fence is one backtick longer than the longest run in the text, and ``|`` is
    written ``\\|`` (which GitHub's tables read as a literal pipe, even in code)."""
    text = " ".join(str(value).split()).replace("|", "\\|")
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def sentence(text: str) -> str:
    """Capital first letter, the rest untouched (``capitalize`` would lowercase "MOF" and "OSAID")."""
    return text[:1].upper() + text[1:]


def dimension_label(name: str) -> str:
    """A dimension as readers see it: "Licensing & governance" for ``licensing``."""
    return DIMENSION_LABELS.get(name) or sentence(name.replace("_", " "))


def percent(value: float | None) -> str:
    """A share (0–1) as whole percents: "33 %"."""
    return "–" if value is None else whole_percent(value * 100)


def whole_percent(value: float | None) -> str:
    """A value already in percent (0–100), rounded to a whole percent: "33 %"."""
    return "–" if value is None else f"{round(value)} %"


def lens_aside(lens: LensResult) -> str:
    """What follows a lens's verdict (in parentheses): its progress per level, its qualifier, its coverage."""
    parts = []
    if lens.progress:
        parts.append("progress " + ", ".join(f"{level} {whole_percent(value)}" for level, value in lens.progress.items()))
    if lens.qualifier:
        parts.append(lens.qualifier)
    if lens.coverage is not None:
        parts.append(f"{percent(lens.coverage)} of {len(lens.requirements)} {lens.requirement_label}s judged")
    return "; ".join(parts)


def grouped_rows(lens: LensResult) -> list[tuple[str | None, list[LensRow]]]:
    """A lens's rows by the group the framework files them in (a MOF class, an OSAI category), groups in
    the order they first appear, ungrouped rows last; rows keep their order within a group."""
    groups: dict[str | None, list[LensRow]] = {}
    for row in lens.requirements:
        groups.setdefault(row.group, []).append(row)
    ungrouped = groups.pop(None, [])
    return list(groups.items()) + ([(None, ungrouped)] if ungrouped else [])


def stated(item: Stated | Mapping[str, Any]) -> str:
    """A restriction or duty of the buyer's summary (the model, or its JSON data) as one line, naming
    the component types it applies to once: "code, weights: no commercial use"."""
    return (item if isinstance(item, Stated) else Stated.model_validate(item)).line()


def lens_result(row: LensRow) -> str:
    """A lens row's result as Markdown shows it: the status mark, then the framework's words unless
    they are a mark themselves ("✓")."""
    mark = LENS_MARKS.get(row.status, "")
    return mark if not any(ch.isalnum() for ch in row.value) else f"{mark} {markdown_cell(row.value)}"


def points(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("openness", "report/templates"),
        autoescape=select_autoescape(["html", "htm", "xml", "svg"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(md=markdown_cell, code=markdown_code, percent=percent, whole_percent=whole_percent, points=points,
                       sentence=sentence, dimension=dimension_label, license=display_name,
                       stated=stated)
    env.globals.update(STATUS_LABELS=STATUS_LABELS, WAIVER_LABELS=WAIVER_LABELS, LENS_MARKS=LENS_MARKS, COMPONENT_LABELS=COMPONENT_LABELS, NOT_RELEASED=NOT_RELEASED,
                       lens_aside=lens_aside, grouped_rows=grouped_rows, lens_result=lens_result)
    return env
