"""Identify the licence of a LICENSE/COPYING file or of a README licence section.

Layers, most certain first:

1. an empty or binary file is reported as such;
2. an ``SPDX-License-Identifier`` tag that is the whole file;
3. the AI model licences of ``licenses.yaml`` by their distinctive phrases (no SPDX
   matcher knows them);
4. the SPDX template matcher (licenseclassifier) finds licence regions, which also
   separates several licences in one file; each licence is then read against its SPDX
   reference text (``reference.py``), word by word;
5. a file that only names its licence ("MIT", "Licensed under the MIT License.");
6. the reference texts measure how far a text that no template matched is from its
   closest licence.

Reading a licence against its reference follows the licence's own structure: its terms
(between "TERMS AND CONDITIONS" and "END OF TERMS AND CONDITIONS", or before its
exhibits) decide; its preamble, "How to Apply" appendix and end matter may be an older
revision, missing, or rendered in Markdown or HTML. A few words for a few are fill-ins
(names, "holder"/"holders"). Text beside a licence (a preface, notes between bundled
licences) changes nothing unless it words an obligation or a restriction. A standard
licence with terms added or removed is never reported under the stock id: it is
``modified``, with its ``base_id``, a ``similarity`` and the changed text quoted in ``note``.
Several licences in one file all apply (``AND``), each to its own code, unless the text
beside them offers a choice ("dual-licensed", "at your option", "either … or").
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Literal

from licenseclassifier import identify_license

from . import reference, spdx, textnorm
from .catalog import detection_phrases, display_name, lookup, normalise_expression
from .names import governed_folder, is_license_file

Kind = Literal["license", "modified", "empty", "binary", "unknown"]
Method = Literal["spdx-tag", "ai-phrase", "matcher", "statement", "reference-text", "readme-prose", "none"]

# Below this share of words in the same order, a text no template matched is "unknown", not a
# modified licence: a text that shares half its words with MIT is another licence, not MIT.
MODIFIED_FLOOR = 0.75
_MAX_ADDED_WORDS = 3
"""A change of at most this many words for at most as many is a fill-in."""
_TAG_ONLY_MAX_WORDS = 40


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
    subject: str = ""
    """For a sentence in prose: what it says is under the licence, as written ("The model weights")."""

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
    digest = hashlib.sha256(decoded.encode("utf-8", "surrogatepass")).digest()
    found = _DETECTED.get(digest)
    if found is None:
        if len(_DETECTED) >= _MAX_DETECTED:
            _DETECTED.clear()
        found = _DETECTED[digest] = _detect_text(decoded)
    return _at_path(found, path)


_DETECTED: dict[bytes, Detection] = {}
"""Detections by the SHA-256 of the text: a vendored tree holds the same licence file tens of times
(each detection costs 10–900 ms), and the layers read the text only, never its path."""
_MAX_DETECTED = 1024
"""Texts remembered per process; the memo is emptied when full (a batch run sees many texts)."""


def _detect_text(text: str) -> Detection:
    """The detection of a non-empty text, with an empty path (``_at_path`` sets it)."""
    return (
        _tag_only("", text)
        or _ai_licence("", text)
        or _matcher("", text)
        or _statement("", text)
        or _reference("", text)
    )


def _at_path(detection: Detection, path: str) -> Detection:
    return replace(detection, path=path, parts=tuple(_at_path(part, path) for part in detection.parts))


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


# --- a short statement instead of a licence text ---------------------------------------

_STATEMENT_MAX_WORDS = 60


def _statement(path: str, text: str) -> Detection | None:
    """A licence file that only names its licence ("MIT", "This project is licensed under the MIT
    License.", "Apache License 2.0"): the licence it names, said to be a statement, not a text."""
    if len(textnorm.words("\n\n" + text)) > _STATEMENT_MAX_WORDS:
        return None
    lines = [line.strip(" #*\t") for line in text.strip().splitlines() if line.strip(" #*\t")]
    named = lookup(lines[0]) if len(lines) == 1 and len(lines[0].split()) <= 8 else None
    if named is not None and not named.id.startswith("LicenseRef-openness-hf-"):
        return Detection(path, named.id, 0.8, method="statement", note=f"the file names {named.id}, with no licence text")
    found = _prose(path, text, text, 0, speaker="the file")
    if found is None or not found.license_id:
        return None
    rest = [line for line in _sentences(text) if line and line not in found.note and not _is_boilerplate(line)]
    if any(w in _TERM_WORDS for line in rest for w in textnorm.words("\n\n" + line)):
        return None  # more than a pointer to the licence: read as a text below
    return Detection(path, found.license_id, 0.8, method="statement", line=found.line,
                     note=f"a statement naming {found.license_id}, with no licence text; {found.note}")


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+|\n", text)]


# --- layer 3: AI licences by distinctive phrases ---------------------------------------


@lru_cache(maxsize=1)
def _phrases() -> tuple[tuple[str, tuple[re.Pattern[str], ...]], ...]:
    # Whole words only: a phrase inside a longer word ("llama 2" in "llama 20") is not the phrase.
    return tuple(
        (key, tuple(re.compile(rf"(?<![a-z0-9]){re.escape(textnorm.flat(p))}(?![a-z0-9])") for p in group))
        for key, groups in detection_phrases().items()
        for group in groups
    )


def ai_licences_in(text: str) -> list[tuple[int, str]]:
    """(position, id) of every catalogue AI licence whose phrases all occur in ``text``."""
    flat = textnorm.flat(text)
    found: dict[str, int] = {}
    for key, group in _phrases():
        hits = [pattern.search(flat) for pattern in group]
        if all(hits):
            found[key] = min(found.get(key, len(flat)), hits[0].start())  # type: ignore[union-attr]
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


# --- layer 4: SPDX template matcher, then the reference text of each licence found -----

# Explicit dual-licensing language, read only outside the licence texts themselves (GPL's own
# "either version 3 … or (at your option)" and BSD's "Neither the name" are not a choice of
# licence). Word boundaries throughout: "Neither" never reads as "either"; and "either … or"
# only about licences ("either research or teaching" is no choice of licence).
_DUAL = re.compile(
    r"\bdual[- ]?licen[cs](?:ed|ing)\b|\bat\s+(?:your|the\s+user'?s?)\s+(?:option|choice|election)\b|"
    r"\beither\b(?=[^.\n]{0,200}licen[cs])[^.\n]{0,160}?\bor\b|\b(?:choose|chosen|select)\b[^.\n]{0,60}\blicen[cs]es?\b|"
    r"\bmulti[- ]licen[cs]ed\b",
    re.I,
)

# Words that turn a permissive text into a restricted one. A template match leaves room
# for names and fill-ins (licensecheck's wildcards); an added sentence with one of these
# words is a change of terms, not a fill-in.
_RESTRICTIVE = frozenset(
    "commercial noncommercial research military prohibited prohibit forbidden restrict restricted "
    "restriction restrictions only not except exclusively evaluation academic educational personal "
    "fee fees royalty payment pay harm weapons surveillance revoke terminate".split()
)
# Text beside a licence that only names bundled code, authors or the licences themselves ("This
# project includes code from X", "Original AVOD: …", "Third-party notices follow") changes nothing.
_TERM_WORDS = _RESTRICTIVE | frozenset(
    "must shall required require requires agree agrees obliged obligated waive warrant".split())
"""Words of an obligation or a restriction: a note beside a licence that uses one adds terms ("please
cite our paper" asks; "you must cite" obliges)."""
_GRANT_WORDS = frozenset(
    "use copy modify merge publish distribute sublicense sell commercial free charge irrevocable perpetual "
    "worldwide royalty patent patents grant grants granted permission permitted rights redistribute "
    "redistribution reproduce derivative without".split())
"""Words of what a licence grants: removing one ("and/or sell") takes a right away, never a fill-in."""
_STRONG = frozenset("only not except exclusively prohibited prohibit forbidden must shall required".split())
"""Words that make even a polite sentence a condition ("please use it for research only")."""
_PREFACE_MAX_WORDS = 60
"""A preface or between-licences note longer than this (two or three sentences) is added text."""
_TERM_TOLERANCE = 0.01
"""Changed words in a licence's terms tolerated as fill-ins and typos, as a share of its terms."""
_MAX_RUN = 12
"""An added run of more words than this inside the terms is a new sentence: a change of terms."""
_NOTICE_SHARE = 0.3
"""A matched text with fewer words than this share of its licence's text is a notice applying it."""
_NOTICE_MIN_LICENCE = 400
"""Only long licences have notices that apply them; a short one (MIT, BSD) cut this much is changed."""
_APPENDIX_MAX_WORDS = 150
"""Text after a licence's appendix up to this long is read as more of its appendix (older revisions)."""
_WINDOW_MAX_WORDS = 40000
"""Longer stretches of text skip the word diff (quadratic) and keep the template coverage."""


@dataclass(frozen=True)
class _Group:
    """Matcher regions that are one licence text (its notice, its appendix, a text SPDX bundles in it)."""

    key: str
    start: int
    end: int
    spans: tuple[tuple[int, int], ...] = ()
    """The matched regions (the licence text, its notices)."""

    def in_notice(self, span: tuple[int, int]) -> bool:
        """Most of ``span`` lies in a region other than the licence text itself (a notice of it)."""
        size = max(span[1] - span[0], 1)
        main = max(self.spans, key=lambda r: r[1] - r[0])
        return any(min(e, span[1]) - max(s, span[0]) > size / 2 for s, e in self.spans if (s, e) != main)


def _matcher(path: str, text: str) -> Detection | None:
    regions = identify_license(text, coverage_threshold=0.0)
    if not regions:
        return None
    tokens = textnorm.tokens(text)
    same_text = reference.exact([t.word for t in tokens])
    if same_text:
        key = _current_id(regions[0].id)
        key = key if key in same_text else same_text[0]
        return Detection(path, key, 1.0, similarity=1.0, method="matcher", note="exact SPDX text",
                         line=_line_of(text, regions[0].start))
    groups = _groups(text, [(_current_id(r.id), r.start, r.end) for r in regions])
    # Each licence is read against its reference over the text up to the next licence.
    bounds = [0] + [_line_start(text, g.start) for g in groups[1:]] + [len(text)]
    parts: list[Detection] = []
    extra: list[str] = []
    added: list[str] = []
    for group, lo, hi in zip(groups, bounds, bounds[1:], strict=False):
        part, outside = _read_part(path, text, tokens, group, lo, hi)
        parts.append(part)
        extra.extend(outside)
        added.extend(_quote(snippet) for snippet in outside if not _harmless(snippet, group.key))
    if len(parts) == 1:
        return _with_extra(parts[0], added)
    keys = list(dict.fromkeys(p.license_id or p.base_id or "" for p in parts))
    operator = " OR " if any(_DUAL.search(q) for q in extra) else " AND "
    expression = normalise_expression(operator.join(keys)) or operator.join(keys)
    how = "alternatives (dual licensing)" if operator == " OR " else "all apply, each to its own code"
    note = f"{len(keys)} licences in one file: {how}"
    changed = [p for p in parts if p.modified]
    modified = bool(changed or added)
    if changed:
        note += "; " + "; ".join(f"{p.base_id}: {p.note}" for p in changed)
    if added:
        note += "; added text: " + " | ".join(f"\u201c{q}\u201d" for q in added[:3])
    return Detection(path, None if modified else expression, 0.85, modified=modified,
                     kind="modified" if modified else "license", method="matcher", note=note,
                     parts=tuple(parts), base_id=expression if modified else None, line=parts[0].line)


def _family(key: str) -> str:
    return re.sub(r"-(?:only|or-later)$|\+$", "", key)


def _groups(text: str, regions: list[tuple[str, int, int]]) -> list[_Group]:
    """Regions in text order, merged when they are one licence: the same licence family (Apache's
    notice before its text, GPL's "how to apply" notice), or a region whose words are part of the
    previous licence's reference text (the GPL-3.0 that SPDX's LGPL-3.0 text carries)."""
    groups: list[_Group] = []
    for key, start, end in sorted(regions, key=lambda r: r[1]):
        last = groups[-1] if groups else None
        if last is not None and _family(key) == _family(last.key):
            # The licence text is the "-only" one: "or later" is what its notices say.
            chosen = min((last.key, key), key=lambda k: (k.endswith(("-or-later", "+")), k != last.key))
            groups[-1] = _Group(chosen, last.start, max(last.end, end), (*last.spans, (start, end)))
        elif last is not None and _inside_reference(text[start:end], last.key):
            groups[-1] = _Group(last.key, last.start, max(last.end, end), (*last.spans, (start, end)))
        else:
            groups.append(_Group(key, start, end, ((start, end),)))
    return groups


def _inside_reference(region_text: str, key: str) -> bool:
    ref = reference.reference(key)
    words = textnorm.words("\n\n" + region_text)
    if ref is None or len(words) < 40:
        return False
    joined = " " + " ".join(ref.words) + " "
    probes = [words[i:i + 12] for i in (8, len(words) // 2, len(words) - 20)]
    return all(f" {' '.join(p)} " in joined for p in probes)


def _line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def _read_part(path: str, text: str, tokens: list[textnorm.Token], group: _Group, lo: int, hi: int
               ) -> tuple[Detection, list[str]]:
    """One licence of the file, read against its reference text over ``text[lo:hi]``; and the text
    beside it (before or after the licence text, as written), for the caller to judge."""
    window = [t for t in tokens if lo <= t.start < hi]
    line = _line_of(text, group.start)
    matched = sum(e - s for s, e in group.spans)
    if group.key.endswith("-or-later") and matched < (hi - lo) / 2:
        # Only the licence's "or (at your option) any later version" notice matched, inside a
        # text that is the licence itself (changed too much for its template): read it as the text.
        group = _Group(group.key.removesuffix("-or-later") + "-only", group.start, group.end, group.spans)
    ref = reference.reference(group.key)
    if ref is not None and len(ref.words) >= _NOTICE_MIN_LICENCE and len(window) < _NOTICE_SHARE * len(ref.words):
        # A notice that applies the licence ("Licensed under the Apache License, Version 2.0 …",
        # GPL's "either version 3 … or any later version"), not a copy of its text.
        return Detection(path, group.key, 0.85, method="matcher", line=line,
                         note=f"a notice applying {group.key} (the licence text itself is not in the file)"
                         ), _outside(text, window, group.spans)
    found = reference.diff(window, text, group.key) if window and len(window) <= _WINDOW_MAX_WORDS else None
    if found is None:
        return Detection(path, group.key, 0.85, method="matcher", note="SPDX licence template matched",
                         line=line), []
    terms_size = (ref.terms[1] - ref.terms[0]) if ref else len(window)
    vocabulary = ref.word_set if ref else frozenset()
    # Text after a licence that has end matter is an appendix too (an older or longer revision of
    # it), unless it is long or restricts with words the licence never uses.
    appendix = [c for c in found.changes if c.where == "after" and ref is not None and ref.has_end_matter
                and len(c.added_words) <= _APPENDIX_MAX_WORDS and not _restrictive(set(c.added_words) - vocabulary)]
    beside = [textnorm.sentence(text, *c.span) for c in found.changes if c.where != "inside" and c.added
              and c not in appendix and not group.in_notice(c.span)]
    # Outside the terms (preamble, appendices) only a restriction is a change: words the licence
    # never uses, or a new sentence with a restrictive word.
    inside = [c for c in found.changes if c.where == "inside"
              and (c.in_terms or _restrictive(set(c.added_words) - vocabulary) or _new_restriction(c))]
    term_changes = inside
    # A few words for a few (a name for "THE AUTHOR", "holders" for "holder") are fill-ins.
    fill_ins = [c for c in term_changes if not _restrictive(c.added_words)
                and len(c.added_words) <= _MAX_ADDED_WORDS and len(c.removed_words) <= _MAX_ADDED_WORDS
                and not (set(c.removed_words) - set(c.added_words)) & _GRANT_WORDS]
    real = [c for c in term_changes if c not in fill_ins]
    changed_words = sum(max(len(c.added_words), len(c.removed_words)) for c in real)
    stock = (changed_words <= _TERM_TOLERANCE * terms_size and len(fill_ins) <= max(6, 2 * _TERM_TOLERANCE * terms_size)
             and not any(len(c.added_words) > _MAX_RUN or _restrictive(c.added_words) for c in real))
    if stock:
        return Detection(path, group.key, 0.95, similarity=found.similarity, method="matcher",
                         note="the stock licence text (differences only in fill-ins, preamble or appendices)", line=line), beside
    return Detection(path, None, 0.9, modified=True, similarity=found.similarity, kind="modified",
                     method="matcher", base_id=group.key, line=line,
                     note=f"{group.key} text with changed terms: " + _describe(real or fill_ins)), beside


def _outside(text: str, window: list[textnorm.Token], spans: tuple[tuple[int, int], ...]) -> list[str]:
    """The runs of ``window`` outside the matched regions, as written."""
    runs: list[list[textnorm.Token]] = [[]]
    for token in window:
        if any(s <= token.start < e for s, e in spans):
            runs.append([])
        else:
            runs[-1].append(token)
    return [textnorm.sentence(text, run[0].start, run[-1].end) for run in runs if run]


def _quote(snippet: str) -> str:
    return textnorm.quote(snippet, 0, len(snippet))


def _restrictive(words: Iterable[str]) -> bool:
    return any(w in _RESTRICTIVE for w in words)


def _new_restriction(change: reference.Change) -> bool:
    """Words added (not swapped for as many) with a restrictive word the removed words lacked."""
    grown = len(change.added_words) - len(change.removed_words) > _MAX_ADDED_WORDS
    return grown and _restrictive(set(change.added_words) - set(change.removed_words))


def _describe(changes: list[reference.Change]) -> str:
    """The biggest changes, quoted: added "…"; removed "…"."""
    biggest = sorted(changes, key=lambda c: -max(len(c.added_words), len(c.removed_words)))[:2]
    said = []
    for c in biggest:
        if c.added:
            said.append(f"added \u201c{c.added}\u201d")
        if c.removed:
            said.append(f"removed \u201c{c.removed}\u201d")
    return "; ".join(said)


def _harmless(snippet: str, key: str) -> bool:
    """Text beside licence ``key`` that changes nothing: titles and headings (the licence's own words),
    rules, URLs, copyright lines, and a short note about the licences or the bundled code with no
    word of an obligation or a restriction."""
    ref = reference.reference(key)
    own = ref.word_set if ref else frozenset()
    lines = [line for line in snippet.splitlines() if not _is_boilerplate(line) and not _is_heading(line, own)]
    sentences = [textnorm.words("\n\n" + s) for s in re.split(r"(?<=[.:;!?])\s+", " ".join(lines))]
    if sum(map(len, sentences)) > _PREFACE_MAX_WORDS:
        return False
    return all(_asks(words) or not any(w in _TERM_WORDS for w in words) for words in sentences)


def _asks(words: list[str]) -> bool:
    """A request ("please cite our paper if you use this code in your research"), not a condition."""
    return "please" in words and not any(w in _STRONG for w in words)


def _is_heading(line: str, own: frozenset[str]) -> bool:
    """A short line with no sentence end, in the licence's own words ("Academic Free License v. 3.0")."""
    words = textnorm.words("\n\n" + line)
    return 0 < len(words) <= 10 and not line.rstrip().endswith((".", ";", "!", "?")) and set(words) <= own


def _with_extra(part: Detection, added: list[str]) -> Detection:
    """A single licence, modified when text beside it adds terms (quoted)."""
    if not added:
        return part
    note = ("; ".join([part.note] if part.modified else [])
            + ("; " if part.modified else f"{part.license_id} text with ")
            + "added text: " + " | ".join(f"\u201c{q}\u201d" for q in added[:3]))
    return Detection(part.path, None, 0.9, modified=True, similarity=part.similarity, kind="modified",
                     method=part.method, base_id=part.base_id or part.license_id, line=part.line, note=note)


_BOILERPLATE = re.compile(r"^\W*(?:the\s+)?[\w .\-+]{0,60}\blicen[cs]e\b[\w .,\-+():]{0,40}$", re.I)
_BIBTEX = re.compile(r"^\s*(?:@\w+\s*\{[^,\s]*,?|\w+\s*=\s*[{\"].*|\}\s*,?)\s*$")
"""A line of a BibTeX entry (the paper a licence file asks users to cite): a reference, not a term."""


def _is_boilerplate(line: str) -> bool:
    """Titles ("MIT License", "Apache License Version 2.0"), rules, URLs, copyright lines, BibTeX, blank lines."""
    stripped = line.strip()
    if not stripped or not re.search(r"[A-Za-z0-9]", stripped) or _BIBTEX.match(stripped):
        return True
    if re.fullmatch(r"<?https?://\S+>?", stripped) or textnorm.is_copyright_line(stripped):
        return True
    return bool(_BOILERPLATE.match(stripped)) and len(stripped.split()) <= 8


def _current_id(key: str) -> str:
    """licenseclassifier reports some deprecated ids (``GPL-2.0``): give the current one."""
    lic = spdx.licenses().get(key)
    if lic and lic.deprecated_id:
        return spdx.normalise(key) or key
    return key


# --- layer 5: reference texts ----------------------------------------------------------


def _reference(path: str, text: str) -> Detection:
    tokens = textnorm.tokens(text)
    words = [t.word for t in tokens]
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
    part, beside = _read_part(path, text, tokens, _Group(best.id, 0, len(text), ((0, len(text)),)), 0, len(text))
    found = _with_extra(part, [_quote(q) for q in beside if not _harmless(q, best.id)])
    return Detection(**{**found.__dict__, "method": "reference-text", "confidence": best.similarity})


# --- README --------------------------------------------------------------------------

_HEADING = re.compile(r"^(#{1,6})\s*(?:\W*\s*)?(licen[cs]e|licen[cs]ing|copyright and licen[cs]e)\b.*$",
                      re.I | re.M)
_SETEXT = re.compile(r"^(licen[cs]e|licen[cs]ing)\s*\n[=-]{3,}\s*$", re.I | re.M)
_FRONT_MATTER = re.compile(r"\A---\s*\n.*?\n---\s*\n", re.S)
_PROSE = re.compile(
    r"(?:licen[cs]ed\s+under|released\s+under|distributed\s+under|available\s+under|"
    r"licen[cs]e\s*[:=]|covered\s+by|subject\s+to)\s+(?:the\s+(?:terms\s+of\s+(?:the\s+)?)?)?"
    r"\[?([A-Za-z](?:[\w+\-/]|[ ,](?!\s)|\.(?![\s)\]]|$)){1,80})",  # the name, not past its sentence
    re.I,
)


def detect_readme_license(path: str, text: str) -> Detection | None:
    """The first licence statement of a README (see ``detect_readme_licenses``); None when it names none."""
    found = detect_readme_licenses(path, text)
    return found[0] if found else None


def detect_readme_licenses(path: str, text: str) -> list[Detection]:
    """Every licence statement of a README, in order; [] when it names none.

    Looks at a "License" section (a whole licence text pasted there is matched like a
    LICENSE file), then at prose such as "released under the Apache 2.0 license" — each
    sentence separately, with its ``subject`` ("The code", "The model weights"), so a
    section that licenses code and weights differently states both. A card's YAML front
    matter is card metadata, not README text: it is read once, from the parsed card
    (``Member.card_data``), never here.
    """
    decoded = textnorm.decode(text)
    if not decoded or not decoded.strip():
        return []
    decoded = _blank_front_matter(decoded)
    section, offset = _licence_section(decoded)
    if section is not None:
        if len(textnorm.words(section)) > 80:
            found = detect_license_file(path, section)
            if found.license_id or found.modified:
                return [_at_line(found, _line_of(decoded, offset))]
        prose = _prose_all(path, section, decoded, offset)
        if prose:
            return prose
        ai = ai_licences_in(section)
        if ai:
            return [Detection(path, ai[0][1], 0.7, method="readme-prose",
                              note="licence named in the README's licence section",
                              line=_line_of(decoded, offset))]
        return [Detection(path, None, 0.0, kind="unknown", method="readme-prose",
                          note="a licence section that names no known licence",
                          line=_line_of(decoded, offset))]
    return _prose_all(path, decoded, decoded, 0)[:1]


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


def _prose(path: str, segment: str, whole: str, offset: int, speaker: str = "README") -> Detection | None:
    found = _prose_all(path, segment, whole, offset, speaker)
    return found[0] if found else None


def _prose_all(path: str, segment: str, whole: str, offset: int, speaker: str = "README") -> list[Detection]:
    """Each sentence of ``segment`` that puts something under a known licence, once per sentence."""
    found: list[Detection] = []
    seen: set[str] = set()
    for match in _PROSE.finditer(segment):
        sentence = _sentence_at(segment, match.start())
        if sentence in seen:
            continue
        dual = _dual_licences(sentence)
        terms = _longest_known_prefix(match.group(1))
        if dual or terms:
            seen.add(sentence)
            subject = sentence[: max(sentence.find(match.group(0)), 0)].strip()
            licence = dual or (terms.id if terms else "")
            found.append(Detection(path, licence, 0.75, method="readme-prose",
                                   note=f"{speaker} says: {_quoted(sentence)}",
                                   line=_line_of(whole, offset + match.start()), subject=subject))
    return found


def _quoted(sentence: str, limit: int = 160) -> str:
    """A sentence quoted on one line, as people read it: its line breaks folded (not a Python ``repr``'s
    ``\\n``), cut with an ellipsis past ``limit`` characters."""
    folded = " ".join(sentence.split())
    return f"'{folded if len(folded) <= limit else folded[: limit - 1].rstrip() + '…'}'"


def _sentence_at(text: str, index: int) -> str:
    """The sentence around ``text[index]``."""
    before = [m.end() for m in re.finditer(r"\.\s|\n\s*\n", text[:index])]
    start = before[-1] if before else 0
    end = re.search(r"\.(?:\s|$)|\n\s*\n", text[index:])
    return text[start: index + end.start() + 1] if end else text[start:]


def _dual_licences(sentence: str) -> str | None:
    """``A OR B`` for a sentence that offers a choice of licences ("under either of Apache License,
    Version 2.0 or MIT license at your option", "dual-licensed under MIT and Apache-2.0")."""
    if not _DUAL.search(sentence):
        return None
    words = re.split(r"\s+", sentence.strip())
    found: list[str] = []
    i = 0
    while i < len(words):
        terms = _longest_known_prefix(" ".join(words[i:i + 8])) if re.match(r"[A-Za-z]", words[i]) else None
        if terms is None or words[i].casefold() in {"the", "a", "an", "of", "either", "or", "and", "under"}:
            i += 1
            continue
        found.append(terms.id)
        i += 1
        while i < len(words) and _longest_known_prefix(" ".join(words[i:i + 8])) is terms:
            i += 1  # the rest of the same name ("License, Version 2.0")
    ids = list(dict.fromkeys(found))
    return (normalise_expression(" OR ".join(ids)) or " OR ".join(ids)) if len(ids) > 1 else None


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
