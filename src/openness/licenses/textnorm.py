"""Licence text normalisation shared by the matchers: bytes to text, and text to words.

Copyright lines, a leading title and quote/spelling variants are ignored, as licensee
and the SPDX matching guidelines do, so a filled-in copyright line never counts as a
modification of the licence.
"""

from __future__ import annotations

import html
import re
from typing import NamedTuple

_WORD = re.compile(r"[a-z0-9]+")
_COPYRIGHT_LINE = re.compile(
    r"^\W*(?:(?:software|portions)\s+)?(?:copyright\s*(?:\(c\)|©|\d|\[|<|\{|by\b|(?:holder|owner|year)s?\s*:)"
    r"|\(c\)\s*\d|©|all rights reserved)",
    re.I,
)
"""A copyright statement, not a wrapped line that happens to start with the word ("copyright
notice that is included in ..." in Apache-2.0, "copyright holder as a result of ..." in GPL-3.0)."""
_MIDLINE_COPYRIGHT = re.compile(r"(?:\bportions\s+)?\bcopyright\s*(?:\(c\)|©)[^.;\n]*[.;]?", re.I)
"""A copyright statement inside a line (re-wrapped, or in a sentence): up to its sentence end."""
_SPELLING = (("licence", "license"), ("licenced", "licensed"), ("authorised", "authorized"),
             ("organisation", "organization"), ("recognise", "recognize"))
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# Markup of a Markdown or HTML rendering of a licence (gnu.org's .html/.md, "markdown-licenses"):
# tags, character entities and link targets carry no licence words.
_TAG = re.compile(
    r"</?(?:p|br|hr|h[1-6]|a|b|i|em|strong|code|pre|tt|ul|ol|li|dl|dt|dd|div|span|blockquote|html|head|body|title|"
    r"meta|link|table|tr|td|th|thead|tbody|center|font|small|big|sup|sub|u|address|section|article|header|footer|"
    r"nav|main|style|script|!doctype|!--)\b[^<>]*>", re.I)
_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-f]+|[a-z]+\d*);", re.I)
_MD_LINK_TARGET = re.compile(r"(?<=\])\((?:https?://|mailto:|#|/)[^)\s]*\)")
_URL_SCHEME = {"https": "http"}
"""``https://`` and ``http://`` name one address: newer revisions changed the FSF's URLs."""


class Token(NamedTuple):
    """One licence word and where it is in the text (for quoting what was added)."""

    word: str
    start: int
    end: int


def decode(content: str | bytes) -> str | None:
    """Text of a file's content, or None when it is binary."""
    if isinstance(content, bytes):
        if b"\x00" in content[:8192]:
            return None
        try:
            text = content.decode("utf-8")
        except UnicodeDecodeError:
            text = content.decode("latin-1")
    else:
        text = content
    return None if looks_binary(text) else text


def looks_binary(text: str) -> bool:
    """NUL bytes, or more than 10 % control or replacement characters in the first 8 KiB."""
    sample = text[:8192]
    if not sample:
        return False
    if "\x00" in sample:
        return True
    odd = len(_CONTROL.findall(sample)) + sample.count("\ufffd")
    return odd / len(sample) > 0.10


def _is_title(line: str) -> bool:
    words = _WORD.findall(line.lower())
    return 0 < len(words) <= 8 and not line.rstrip().endswith((".", ",", ";", ":"))


def strip_markup(text: str) -> str:
    """``text`` with HTML tags, entities and Markdown link targets blanked out, offsets unchanged."""
    def blank(match: re.Match[str]) -> str:
        return " " * len(match.group(0))

    def entity(match: re.Match[str]) -> str:
        char = html.unescape(match.group(0))
        char = char if len(char) == 1 and char.isalnum() else " "
        return char.ljust(len(match.group(0)))

    text = _TAG.sub(blank, text)
    text = _ENTITY.sub(entity, text)
    return _MD_LINK_TARGET.sub(blank, text)


def tokens(text: str) -> list[Token]:
    """The licence words of ``text`` (see ``words``) with their offsets in ``text``."""
    found: list[Token] = []
    plain = strip_markup(text)
    kept = _content_line_spans(plain)
    for start, end in kept:
        line = _MIDLINE_COPYRIGHT.sub(lambda m: " " * len(m.group(0)), plain[start:end]).lower()
        for british, american in _SPELLING:  # same lengths: offsets stay right
            line = line.replace(british, american)
        for match in _WORD.finditer(line):
            word = match.group(0)
            found.append(Token(_URL_SCHEME.get(word, word), start + match.start(), start + match.end()))
    return found


def _content_line_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the lines that carry licence terms: no copyright lines, no leading title line."""
    spans, offset = [], 0
    for line in text.splitlines(keepends=True):
        spans.append((offset, offset + len(line.rstrip("\r\n"))))
        offset += len(line)
    kept = [(a, b) for a, b in spans if not _COPYRIGHT_LINE.match(text[a:b])]
    while kept and not text[kept[0][0]:kept[0][1]].strip():
        kept.pop(0)
    if kept and _is_title(text[kept[0][0]:kept[0][1]]):
        kept.pop(0)
    return kept


def words(text: str) -> list[str]:
    """Lower-case words of the licence terms, spelling variants and markup unified."""
    return [token.word for token in tokens(text)]


def sentence(text: str, start: int, end: int) -> str:
    """``text[start:end]`` with the punctuation that ends it (words end before "." and ")")."""
    while end < len(text) and text[end] in ".,;:!?)\"'\u201d":
        end += 1
    return text[start:end]


def quote(text: str, start: int, end: int, limit: int = 200) -> str:
    """``text[start:end]`` on one line, cut at ``limit`` characters."""
    snippet = re.sub(r"\s+", " ", strip_markup(sentence(text, start, end))).strip()
    return snippet if len(snippet) <= limit else snippet[: limit - 1].rstrip() + "…"


def flat(text: str) -> str:
    """Lower-case text with runs of white space collapsed (for phrase search)."""
    lowered = text.lower().replace("licence", "license")
    lowered = re.sub(r"[\u2018\u2019\u201c\u201d`]", "'", lowered)
    return re.sub(r"\s+", " ", lowered)


def is_copyright_line(line: str) -> bool:
    """A copyright statement ("Copyright (c) 2024 …", "© …", "All rights reserved.")."""
    return bool(_COPYRIGHT_LINE.match(line))
