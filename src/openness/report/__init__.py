"""Reporters: render an Assessment and nothing else (no fetching, no scoring)."""

from __future__ import annotations

from collections.abc import Callable

from ..assessment import Assessment
from .cyclonedx import render_cyclonedx
from .html import render_html
from .json import render_json
from .markdown import render_markdown
from .sarif import render_sarif
from .spdx3 import render_spdx3

Renderer = Callable[[Assessment], str]

RENDERERS: dict[str, Renderer] = {
    "json": render_json,
    "md": render_markdown,
    "html": render_html,
    "sarif": render_sarif,
    "cyclonedx": render_cyclonedx,
    "spdx3": render_spdx3,
}
"""Output format name (``--format``) → renderer."""

__all__ = ["RENDERERS", "Renderer", "render_json", "render_markdown"]
