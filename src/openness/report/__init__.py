"""Reporters: render an Assessment and nothing else (no fetching, no scoring)."""

from __future__ import annotations

from collections.abc import Callable

from ..assessment import Assessment
from .json import render_json
from .markdown import render_markdown

Renderer = Callable[[Assessment], str]

RENDERERS: dict[str, Renderer] = {
    "json": render_json,
    "md": render_markdown,
}
"""Output format name (``--format``) → renderer."""

__all__ = ["RENDERERS", "Renderer", "render_json", "render_markdown"]
