"""Identify the licence of a LICENSE/COPYING file or of a README licence section.

Layers, most certain first:

1. an empty or binary file is reported as such;
2. an ``SPDX-License-Identifier`` tag that is the whole file;
3. the AI model licences of ``licenses.yaml`` by their distinctive phrases (no SPDX
   matcher knows them);
4. the SPDX template matcher (licenseclassifier) finds licence regions, which also
   separates several licences in one file;
5. the SPDX reference texts (``reference.py``) pick the exact variant, and measure how
   far a text that no template matched is from its closest licence.

A standard licence with terms added or changed is never reported under the stock id:
it is ``modified`` with its ``base_id`` and a ``similarity``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from licenseclassifier import identify_license

from . import reference, spdx, textnorm
from .catalog import detection_phrases, display_name, lookup, normalise_expression
from .names import governed_folder, is_license_file

Kind = Literal["license", "modified", "empty", "binary", "unknown"]
Method = Literal["spdx-tag", "ai-phrase", "matcher", "reference-text", "readme-prose", "none"]

# Below this share of words in the same order, a text is "unknown", not a modified licence.
MODIFIED_FLOOR = 0.5
# At or above this ordered-word similarity, with at most _MAX_ADDED_WORDS added words,
# a text is the reference licence (word wrapping, punctuation, a filled-in field).
EXACT_SIMILARITY = 0.98
_MAX_ADDED_WORDS = 3
_TAG_ONLY_MAX_WORDS = 40
# Texts longer than this skip the ordered word diff (it grows with length squared) and
# rely on the template coverage alone.
_DIFF_MAX_WORDS = 4000


@dataclass(frozen=True)
class Detection:
    """Which licence a text is. ``license_id`` None means present but not identified."""

    path: str
    license_id: str | None
    """SPDX id, ``LicenseRef-openness-*`` id, or an expression (``MIT OR Apache-2.0``)."""
    confidence: float
    modified: bool = False
    similarity: float | None = None
    """0–1 similarity to ``base_id`` (or to ``license_id``) when measured."""
    note: str = ""
    kind: Kind = "license"
    method: Method = "none"
    base_id: str | None = None
    """For a modified or unknown text: the closest standard licence."""
    parts: tuple["Detection", ...] = field(default_factory=tuple)
    """For a file holding several licences: one detection per licence region."""
    line: int | None = None
    """1-based line where the licence statement starts (README sections, regions)."""

    @property
    def label(self) -> str:
        """Human wording: "MIT", "modified MIT (84 % similar)", "no licence text"."""
        if self.modified and self.base_id:
            pct = f" ({self.similarity:.0%} similar)" if self.similarity is not None else ""
            return f"{display_name(self.base_id, modified=True)}{pct}"
        if self.license_id:
            return display_name(self.license_id)
        return {"empty": "empty licence file", "binary": "binary file, not a licence text"}.get(
            self.kind, "unidentified licence text"
        )

    @property
    def folder(self) -> str:
        """The folder this licence file governs ("" for the repository root)."""
        return governed_folder(self.path)


def detect_license_file(path: str, text: str | bytes) -> Detection:
    """Detect the licence of a licence file's content (text, or raw bytes)."""
    decoded = textnorm.decode(text)
    if decoded is None:
        return Detection(path, None, 1.0, kind="binary", note="binary content, not a licence text")
    if not decoded.strip():
        return Detection(path, None, 1.0, kind="empty", note="the licence file is empty")
    return (
        _tag_only(path, decoded)
        or _ai_licence(path, decoded)
        or _matcher(path, decoded)
        or _reference(path, decoded)
    )


# --- layer 2: SPDX tag ---------------------------------------------------------------

_SPDX_TAG = re.compile(r"SPDX-License-Identifier:\s*(.+?)\s*(?:\*/|-->|$)", re.M)


def _tag_only(path: str, text: str) -> Detection | None:
    tag = _SPDX_TAG.search(text)
    if not tag or len(textnorm.words(text)) > _TAG_ONLY_MAX_WORDS:
        return None
    expression = normalise_expression(tag.group(1))
    if expression is None:
        return Detection(path, None, 0.5, kind="unknown", method="spdx-tag",
                         note=f"SPDX tag with an unknown expression: {tag.group(1)!r}")
    return Detection(path, expression, 0.95, method="spdx-tag", note="SPDX-License-Identifier tag",
                     line=_line_of(text, tag.start()))


# --- layer 3: AI licences by distinctive phrases ---------------------------------------


@lru_cache(maxsize=1)
def _phrases() -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple(
        (key, tuple(textnorm.flat(p) for p in group))
        for key, groups in detection_phrases().items()
        for group in groups
    )


def ai_licences_in(text: str) -> list[tuple[int, str]]:
    """(position, id) of every catalogue AI licence whose phrases all occur in ``text``."""
    flat = textnorm.flat(text)
    found: dict[str, int] = {}
    for key, group in _phrases():
        positions = [flat.find(p) for p in group]
        if all(pos >= 0 for pos in positions):
            found[key] = min(found.get(key, len(flat)), positions[0])
    return sorted((pos, key) for key, pos in found.items())


def _ai_licence(path: str, text: str) -> Detection | None:
    hits = ai_licences_in(text)
    if not hits:
        return None
    first = hits[0][1]
    note = "identified by the licence's distinctive text"
    if len(hits) > 1:
        note += "; also names " + ", ".join(key for _pos, key in hits[1:])
    return Detection(path, first, 0.9, method="ai-phrase", note=note)


# --- layer 4: SPDX template matcher ------------------------------------------------------

_DUAL = re.compile(
    r"dual[- ]licen[cs]ed|at your (?:option|choice)|either (?:of )?the|choose (?:either|one)|"
    r"\bor\b[^.\n]{0,40}\blicen[cs]e\b[^.\n]{0,20}\bat your",
    re.I,
)


def _matcher(path: str, text: str) -> Detection | None:
    regions = identify_license(text, coverage_threshold=0.0)
    if not regions:
        return None
    words = textnorm.words(text)
    same_text = reference.exact(words)
    ids = [_current_id(r.id) for r in regions]
    if same_text:
        # The whole file is one SPDX text; extra regions are notices quoted inside it
        # (GPL-3.0's "how to apply" appendix reads as GPL-3.0-or-later).
        key = ids[0] if ids[0] in same_text else same_text[0]
        return Detection(path, key, 1.0, similarity=1.0, method="matcher", note="exact SPDX text",
                         line=_line_of(text, regions[0].start))
    spans = [(r.start, r.end) for r in regions]
    if len(set(ids)) == 1:
        return _single(path, text, words, ids[0], _uncovered_words(text, spans), regions[0].start)
    # Between several licences, sentences that state the choice ("dual-licensed, at your
    # option") are expected; any other text still counts as a change.
    uncovered = _uncovered_words(text, spans, allow_statements=True)
    parts = tuple(
        Detection(path, key, 0.9, method="matcher", line=_line_of(text, r.start))
        for key, r in zip(ids, regions, strict=True)
    )
    unique = list(dict.fromkeys(ids))
    operator = " OR " if _DUAL.search(text) else " AND "
    expression = normalise_expression(operator.join(unique)) or operator.join(unique)
    modified = len(uncovered) > _MAX_ADDED_WORDS
    how = "alternatives (dual licensing)" if operator == " OR " else "all apply"
    note = f"{len(unique)} licences in one file: {how}"
    if modified:
        note += f"; {len(uncovered)} words outside the licence texts: " + " ".join(uncovered[:20])
    return Detection(path, None if modified else expression, 0.85, modified=modified,
                     kind="modified" if modified else "license", method="matcher", note=note,
                     parts=parts, base_id=expression if modified else None)


# Words that turn a permissive text into a restricted one. A template match leaves room
# for names and fill-ins (licensecheck's wildcards); an added sentence with one of these
# words is a change of terms, not a fill-in.
_RESTRICTIVE = frozenset(
    "commercial noncommercial research military prohibited prohibit forbidden restrict restricted "
    "restriction restrictions only not except exclusively evaluation academic educational personal "
    "fee fees royalty payment pay harm weapons surveillance revoke terminate".split()
)


def _single(path: str, text: str, words: list[str], key: str, uncovered: list[str],
            start: int) -> Detection:
    line = _line_of(text, start)
    diff = reference.compare(words, key) if len(words) <= _DIFF_MAX_WORDS else None
    if diff is not None:
        restrictive = [w for w in diff.added if w in _RESTRICTIVE]
        if not restrictive and (diff.similarity >= EXACT_SIMILARITY or len(uncovered) <= _MAX_ADDED_WORDS):
            return Detection(path, key, 0.95, similarity=diff.similarity, method="matcher",
                             note="SPDX licence template matched", line=line)
        if restrictive or diff.similarity < EXACT_SIMILARITY:
            return Detection(
                path, None, 0.9, modified=True, similarity=diff.similarity, kind="modified",
                method="matcher", base_id=key, line=line,
                note=f"{key} text with changes; added or changed words: " + " ".join(diff.added[:30]),
            )
    if len(uncovered) <= _MAX_ADDED_WORDS:
        return Detection(path, key, 0.95, similarity=1.0, method="matcher",
                         note="SPDX licence template matched", line=line)
    covered = max(0.0, 1 - len(uncovered) / max(len(words), 1))
    return Detection(
        path, None, 0.9, modified=True, similarity=round(covered, 4), kind="modified",
        method="matcher", base_id=key, line=line,
        note=f"{key} text with {len(uncovered)} added words: " + " ".join(uncovered[:30]),
    )


def _uncovered_words(
    text: str, spans: list[tuple[int, int]], allow_statements: bool = False
) -> list[str]:
    """Words of ``text`` outside the matched regions, ignoring copyright lines and titles.

    With ``allow_statements``, short sentences about licensing itself are ignored too.
    """
    pieces, last = [], 0
    for start, end in sorted(spans):
        pieces.append(text[last:start])
        last = max(last, end)
    pieces.append(text[last:])
    outside = "\n".join(pieces)
    lines = [
        line for line in outside.splitlines()
        if not _is_boilerplate(line) and not (allow_statements and _is_statement(line))
    ]
    return textnorm.words("\n\n" + "\n".join(lines)) if lines else []


_BOILERPLATE = re.compile(r"^\W*(?:the\s+)?[\w .\-+]{0,60}\blicen[cs]e\b[\w .,\-+()]{0,40}$", re.I)


def _is_boilerplate(line: str) -> bool:
    """Titles ("MIT License", "Apache License Version 2.0"), rules, URLs, blank lines."""
    stripped = line.strip()
    if not stripped or not re.search(r"[A-Za-z0-9]", stripped):
        return True
    if re.fullmatch(r"<?https?://\S+>?", stripped):
        return True
    return bool(_BOILERPLATE.match(stripped)) and len(stripped.split()) <= 8


def _is_statement(line: str) -> bool:
    return bool(re.search(r"licen[cs]", line, re.I)) and len(line.split()) <= 40


def _current_id(key: str) -> str:
    """licenseclassifier reports some deprecated ids (``GPL-2.0``): give the current one."""
    lic = spdx.licenses().get(key)
    if lic and lic.deprecated_id:
        return spdx.normalise(key) or key
    return key


# --- layer 5: reference texts ----------------------------------------------------------


def _reference(path: str, text: str) -> Detection:
    words = textnorm.words(text)
    same_text = reference.exact(words)
    if same_text:
        return Detection(path, same_text[0], 1.0, similarity=1.0, method="reference-text",
                         note="exact SPDX text")
    nearest = reference.closest(words)
    if not nearest or nearest[0].similarity < MODIFIED_FLOOR:
        base = nearest[0] if nearest else None
        return Detection(
            path, None, 0.0, kind="unknown", similarity=base.similarity if base else None,
            base_id=base.id if base else None,
            note="text not recognised as a known licence; human review needed",
        )
    best = nearest[0]
    if best.similarity >= EXACT_SIMILARITY and len(best.added) <= _MAX_ADDED_WORDS:
        return Detection(path, best.id, best.similarity, similarity=best.similarity,
                         method="reference-text", note="SPDX text with minor differences")
    return Detection(
        path, None, best.similarity, modified=True, similarity=best.similarity, kind="modified",
        method="reference-text", base_id=best.id,
        note=f"{best.id} text with changes; added or changed words: " + " ".join(best.added[:30]),
    )


# --- README --------------------------------------------------------------------------

_HEADING = re.compile(r"^(#{1,6})\s*(?:\W*\s*)?(licen[cs]e|licen[cs]ing|copyright and licen[cs]e)\b.*$",
                      re.I | re.M)
_SETEXT = re.compile(r"^(licen[cs]e|licen[cs]ing)\s*\n[=-]{3,}\s*$", re.I | re.M)
_FRONT_MATTER = re.compile(r"\A---\s*\n.*?\n---\s*\n", re.S)
_PROSE = re.compile(
    r"(?:licen[cs]ed\s+under|released\s+under|distributed\s+under|available\s+under|"
    r"licen[cs]e\s*[:=]|covered\s+by|subject\s+to)\s+(?:the\s+(?:terms\s+of\s+(?:the\s+)?)?)?"
    r"\[?([A-Za-z][\w .+\-/]{1,80})",
    re.I,
)


def detect_readme_license(path: str, text: str) -> Detection | None:
    """Detect a licence named in a README's text; None when it names none.

    Looks at a "License" section (a whole licence text pasted there is matched like a
    LICENSE file), then at prose such as "released under the Apache 2.0 license". A card's
    YAML front matter is card metadata, not README text: it is read once, from the parsed
    card (``Member.card_data``), never here.
    """
    decoded = textnorm.decode(text)
    if not decoded or not decoded.strip():
        return None
    decoded = _blank_front_matter(decoded)
    section, offset = _licence_section(decoded)
    if section is not None:
        if len(textnorm.words(section)) > 80:
            found = detect_license_file(path, section)
            if found.license_id or found.modified:
                return _at_line(found, _line_of(decoded, offset))
        prose = _prose(path, section, decoded, offset)
        if prose:
            return prose
        ai = ai_licences_in(section)
        if ai:
            return Detection(path, ai[0][1], 0.7, method="readme-prose",
                             note="licence named in the README's licence section",
                             line=_line_of(decoded, offset))
        return Detection(path, None, 0.0, kind="unknown", method="readme-prose",
                         note="a licence section that names no known licence",
                         line=_line_of(decoded, offset))
    return _prose(path, decoded, decoded, 0)


def _blank_front_matter(text: str) -> str:
    """``text`` with its front matter replaced by as many empty lines (line numbers stay right)."""
    front = _FRONT_MATTER.match(text)
    return "\n" * front.group(0).count("\n") + text[front.end():] if front else text


def _licence_section(text: str) -> tuple[str | None, int]:
    heading = _HEADING.search(text)
    if heading:
        level = len(heading.group(1))
        rest = text[heading.end():]
        stop = re.search(rf"^#{{1,{level}}}\s", rest, re.M)
        return rest[: stop.start()] if stop else rest, heading.end()
    setext = _SETEXT.search(text)
    if setext:
        rest = text[setext.end():]
        stop = re.search(r"^.+\n[=-]{3,}\s*$", rest, re.M)
        return rest[: stop.start()] if stop else rest, setext.end()
    return None, 0


def _prose(path: str, segment: str, whole: str, offset: int) -> Detection | None:
    for match in _PROSE.finditer(segment):
        terms = _longest_known_prefix(match.group(1))
        if terms:
            return Detection(path, terms.id, 0.75, method="readme-prose",
                             note=f"README says: {match.group(0).strip()[:120]!r}",
                             line=_line_of(whole, offset + match.start()))
    return None


def _longest_known_prefix(phrase: str):
    words = re.split(r"\s+", phrase.strip().rstrip(".,;:)]"))
    for size in range(min(len(words), 8), 0, -1):
        candidate = " ".join(words[:size]).rstrip(".,;:)]")
        terms = lookup(candidate)
        if terms and not terms.id.startswith("LicenseRef-openness-hf-"):
            return terms
        if candidate.casefold().endswith((" license", " licence")):
            continue
    return None


def _at_line(found: Detection, line: int) -> Detection:
    return Detection(**{**found.__dict__, "line": line})


def _line_of(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1


# --- several files ---------------------------------------------------------------------

def detect_all(files: Mapping[str, str | bytes] | Iterable[tuple[str, str | bytes]]) -> list[Detection]:
    """Detect every licence file among ``files`` (path → content), sorted by path.

    Files that are not licence files by name are ignored, so the whole document map of
    an Evidence can be passed. Each Detection keeps its path; ``Detection.folder`` tells
    which folder it governs (per-folder licences, e.g. ``weights/LICENSE``).
    """
    items = files.items() if isinstance(files, Mapping) else files
    return [detect_license_file(path, content)
            for path, content in sorted(items, key=lambda kv: kv[0]) if is_license_file(path)]
