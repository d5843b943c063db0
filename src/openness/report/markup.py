"""The Jinja2 environment for HTML and SVG output: everything autoescaped, strict undefined.

It overlays the text reporters' environment (same loader, filters and globals) and turns
autoescaping on for every template, whatever its file name: ``*.html.j2`` names do not
match ``select_autoescape``'s extension list, and an HTML template that forgot to
escape would be a hole. Only the output of ``untrusted_markdown`` (nh3-cleaned) is
marked safe.
"""

from __future__ import annotations

from functools import cache

from jinja2 import Environment

from .sanitize import render_untrusted_markdown, safe_href
from .templating import environment


def _number(value: float | None, digits: int = 1) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


@cache
def html_environment() -> Environment:
    env = environment().overlay(autoescape=True)
    env.filters.update(href=safe_href, untrusted_markdown=render_untrusted_markdown, number=_number)
    return env
