"""Make untrusted text (model cards, READMEs, file names, URLs from cards) inert in HTML.

Markdown is rendered with markdown-it-py with raw HTML enabled (Hub cards rely on
``<div align=center>``, ``<details>``, ``<img>``), then cleaned by one nh3 allow-list:
no scripts, event handlers, styles, frames, forms or non-http(s) URLs survive. Images
are rewritten to links: the report loads nothing from outside (its CSP forbids it
anyway), and an external image would be a tracking hit. Relative links are dropped
because they point into the scored repository, not next to the report.
"""

from __future__ import annotations

import re
from functools import cache
from urllib.parse import urlsplit

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "details", "div", "dl", "dt", "em",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "kbd", "li", "ol", "p", "pre", "s", "span",
    "strong", "sub", "summary", "sup", "table", "tbody", "td", "th", "thead", "tr", "ul",
}
_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}, "td": {"align"}, "th": {"align"}}
_URL_SCHEMES = {"http", "https", "mailto"}
_IMG = re.compile(r"<img\b([^>]*)>")
_ATTR = re.compile(r'([a-z]+)="([^"]*)"')
_HEADING = re.compile(r"<(/?)h([1-6])>")


@cache
def _cleaner() -> nh3.Cleaner:
    return nh3.Cleaner(
        tags=_TAGS,
        clean_content_tags={"script", "style", "iframe", "object", "embed", "template", "noscript", "svg", "math"},
        attributes=_ATTRIBUTES,
        url_schemes=_URL_SCHEMES,
        url_relative="deny",
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


@cache
def _markdown() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": True}).enable("table").enable("strikethrough")


def _image_to_link(match: re.Match[str]) -> str:
    """``<img src=… alt=…>`` (already cleaned, so attribute values are escaped) → a plain link."""
    attrs = dict(_ATTR.findall(match.group(1)))
    label = f"[image: {attrs['alt']}]" if attrs.get("alt") else "[image]"
    if "src" not in attrs:
        return label
    return f'<a href="{attrs["src"]}" rel="noopener noreferrer nofollow">{label}</a>'


def _demote_heading(match: re.Match[str], shift: int) -> str:
    return f"<{match.group(1)}h{min(int(match.group(2)) + shift, 6)}>"


def render_untrusted_markdown(text: str, *, heading_shift: int = 3) -> Markup:
    """Markdown from an untrusted source → sanitised HTML safe to embed in a report.

    Headings are demoted by ``heading_shift`` levels so a card's ``# Title`` sits below
    the report's own headings.
    """
    html = _cleaner().clean(_markdown().render(text))
    html = _IMG.sub(_image_to_link, html)
    html = _HEADING.sub(lambda m: _demote_heading(m, heading_shift), html)
    return Markup(html)  # noqa: S704 - cleaned by the nh3 allow-list above


def safe_href(url: str | None) -> str | None:
    """``url`` if following it is harmless (http, https, or a relative path), else None.

    Evidence links can come from model cards, so ``javascript:``, ``data:`` and
    protocol-relative (``//host``) URLs are refused. Jinja autoescaping still escapes
    the value when it is written into an attribute.
    """
    if not url:
        return None
    stripped = url.strip()
    # Browsers ignore tabs and newlines inside a scheme ("java\tscript:"), so judge without them.
    compact = re.sub(r"[\x00-\x20]", "", stripped)
    if compact.startswith(("//", "\\\\", "/\\", "\\/")):
        return None
    scheme = urlsplit(compact).scheme.lower()
    if scheme in {"http", "https"}:
        return stripped
    if scheme or ":" in compact.split("/", 1)[0]:
        return None
    return stripped
