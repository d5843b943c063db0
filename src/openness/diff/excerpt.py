"""The part of a long text that changed, with a few words around it, so a diff shows the new words."""

from __future__ import annotations

from difflib import SequenceMatcher

LIMIT = 300
"""Texts up to this many characters are shown whole; longer ones by the span that changed."""
CONTEXT = 6
"""Words kept on each side of the changed span."""


def changed_span(before: str, after: str) -> tuple[str, str]:
    """``before`` and ``after`` whole when both are short, else each cut to the words from the first
    to the last difference, with ``CONTEXT`` words either side and ``…`` where text was left out."""
    if len(before) <= LIMIT and len(after) <= LIMIT:
        return before, after
    a, b = before.split(), after.split()
    edits = [op for op in SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes() if op[0] != "equal"]
    if not edits:
        return before, after
    return (_window(a, edits[0][1], edits[-1][2]), _window(b, edits[0][3], edits[-1][4]))


def _window(words: list[str], start: int, end: int) -> str:
    low, high = max(0, start - CONTEXT), min(len(words), end + CONTEXT)
    text = " ".join(words[low:high])
    if len(text) > LIMIT:
        text = text[:LIMIT - 1].rstrip() + "…"
    return ("…" if low > 0 else "") + text + ("…" if high < len(words) and not text.endswith("…") else "")
