"""One Jinja2 environment for every text reporter: strict undefined, shared filters."""

from __future__ import annotations

import re
from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from ..licenses import display_name

STATUS_LABELS = {
    "pass": "✅ pass",
    "partial": "🟡 partial",
    "fail": "❌ fail",
    "unknown": "❔ unknown",
    "not_applicable": "➖ n/a",
}
COMPONENT_LABELS = {"present": "✅ present", "partial": "🟡 partial", "absent": "❌ absent", "unknown": "❔ unknown"}
DIMENSION_LABELS = {"transparency": "Transparency", "reproducibility": "Reproducibility",
                    "accessibility": "Accessibility", "licensing": "Licensing & governance"}
"""How every report names the built-in dimensions (the keys stay as the criteria spell them)."""
OSAI_LABELS = {
    "datasources_basemodel": "Base model data", "datasources_endmodel": "End model data",
    "weights_basemodel": "Base model weights", "weights_endmodel": "End model weights",
    "trainingcode": "Training code", "code": "Code documentation", "hardware_architecture": "Hardware and architecture",
    "preprint": "Preprint", "paper": "Peer-reviewed paper", "modelcard": "Model card", "datasheet": "Datasheet",
    "licenses": "Licences",
}
"""The European Open Source AI Index's names for its 12 dimensions."""
CHECKLIST_ITEMS = 5
"""Items of the ML code-completeness checklist."""
NOT_RELEASED = "– (not released)"
"""The licence shown for a kind of component the release does not include: no terms to judge."""


def markdown_cell(value: object) -> str:
    """Make untrusted text safe inside a Markdown table cell (GitHub renders inline HTML)."""
    text = " ".join(str(value).split())
    # Only an ``&`` that starts an entity needs escaping; a plain "R&D" stays readable in the raw file.
    text = re.sub(r"&(?=#?\w+;)", "&amp;", text).replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"([|\\`*_\[\]])", r"\\\1", text)


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


def checklist(ticks: int) -> str:
    """Ticks of the ML code-completeness checklist: "3 of 5"."""
    return f"{ticks} of {CHECKLIST_ITEMS}"


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
    env.filters.update(md=markdown_cell, percent=percent, whole_percent=whole_percent, points=points,
                       checklist=checklist, sentence=sentence, dimension=dimension_label, license=display_name)
    env.globals.update(STATUS_LABELS=STATUS_LABELS, COMPONENT_LABELS=COMPONENT_LABELS, OSAI_LABELS=OSAI_LABELS,
                       NOT_RELEASED=NOT_RELEASED)
    return env
