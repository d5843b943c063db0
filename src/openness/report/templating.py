"""One Jinja2 environment for every text reporter: strict undefined, shared filters."""

from __future__ import annotations

import re
from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

STATUS_LABELS = {
    "pass": "✅ pass",
    "partial": "🟡 partial",
    "fail": "❌ fail",
    "unknown": "❔ unknown",
    "not_applicable": "➖ n/a",
}
COMPONENT_LABELS = {"present": "✅ present", "partial": "🟡 partial", "absent": "❌ absent", "unknown": "❔ unknown"}


def markdown_cell(value: object) -> str:
    """Make untrusted text safe inside a Markdown table cell (GitHub renders inline HTML)."""
    text = " ".join(str(value).split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"([|\\`*_\[\]])", r"\\\1", text)


def percent(value: float | None) -> str:
    return "–" if value is None else f"{round(value * 100)} %"


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
    env.filters.update(md=markdown_cell, percent=percent, points=points)
    env.globals.update(STATUS_LABELS=STATUS_LABELS, COMPONENT_LABELS=COMPONENT_LABELS)
    return env
