"""Licence text normalisation shared by the matchers: bytes to text, and text to words.

Copyright lines, a leading title and quote/spelling variants are ignored, as licensee
and the SPDX matching guidelines do, so a filled-in copyright line never counts as a
modification of the licence.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[a-z0-9]+")
# A copyright statement, not a wrapped line that happens to start with the word
# ("copyright notice that is included in ..." in Apache-2.0).
_COPYRIGHT_LINE = re.compile(
    r"^\W*(?:(?:software|portions)\s+)?(?:copyright\s*(?:\(c\)|©|\d|\[|<|\{|by\b|holder|owner|year)"
    r"|\(c\)\s*\d|©|all rights reserved)",
    re.I,
)
_SPELLING = (("licence", "license"), ("licenced", "licensed"), ("authorised", "authorized"),
             ("organisation", "organization"), ("recognise", "recognize"))
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


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


def content_lines(text: str) -> list[str]:
    """Lines that carry licence terms: no copyright lines, no leading title line."""
    lines = [line for line in text.splitlines() if not _COPYRIGHT_LINE.match(line)]
    while lines and not lines[0].strip():
        lines.pop(0)
    if lines and _is_title(lines[0]):
        lines.pop(0)
    return lines


def _is_title(line: str) -> bool:
    words = _WORD.findall(line.lower())
    return 0 < len(words) <= 8 and not line.rstrip().endswith((".", ",", ";", ":"))


def words(text: str) -> list[str]:
    """Lower-case words of the licence terms, spelling variants unified."""
    lowered = "\n".join(content_lines(text)).lower()
    for british, american in _SPELLING:
        lowered = lowered.replace(british, american)
    return _WORD.findall(lowered)


def flat(text: str) -> str:
    """Lower-case text with runs of white space collapsed (for phrase search)."""
    lowered = text.lower().replace("licence", "license")
    lowered = re.sub(r"[\u2018\u2019\u201c\u201d`]", "'", lowered)
    return re.sub(r"\s+", " ", lowered)
