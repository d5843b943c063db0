"""Model and dataset cards: YAML front matter and the sections a reviewer looks for.

Pure text processing, shared by fetchers (to record ``card_data``) and analysis (to judge
completeness). Front matter is read the way huggingface_hub reads it, so a card that the
Hub accepts is accepted here and a card the Hub rejects is reported as broken.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

# The Hub's rule: a ``---`` block at the very start, leading whitespace allowed.
_FRONT_MATTER = re.compile(r"^(\s*---[\r\n]+)([\S\s]*?)([\r\n]+---(\r\n|\n|$))")

SECTION_NAMES = (
    "intended_use",
    "limitations_bias",
    "training_data",
    "training_procedure",
    "evaluation_results",
    "environmental_impact",
    "citation",
)

_SECTION_PATTERNS: dict[str, re.Pattern[str]] = {
    "intended_use": re.compile(
        r"intended[ _-]?use|\buses?\b|out[- ]of[- ]scope|direct use|downstream use|use cases?|how to use|"
        r"primary (intended )?users|applications?", re.I),
    "limitations_bias": re.compile(r"limitation|bias|risk|ethic|safety|harm|fairness|caveat", re.I),
    "training_data": re.compile(r"training data|\bdata(set)?s?\b|pre-?training data|corpus|fine-?tuning data", re.I),
    "training_procedure": re.compile(
        r"training (procedure|details|setup|hyper-?parameters|regime)|hyper-?parameters|\btraining\b|"
        r"preprocessing|fine-?tuning|compute infrastructure", re.I),
    "evaluation_results": re.compile(r"evaluation|results|benchmarks?|performance|metrics|accuracy", re.I),
    "environmental_impact": re.compile(r"environmental|carbon|co2|emissions|energy|compute", re.I),
    "citation": re.compile(r"citation|cite|bibtex|reference", re.I),
}
_PLACEHOLDER = re.compile(
    r"^\s*(\[?more information needed\]?|\[?needs more information\]?|tba|tbd|todo|coming soon|n/?a|"
    r"<!--.*?-->|\[more information needed\]\(.*?\))\s*$",
    re.I | re.S,
)
_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$|^\*\*([^*\n]{2,80})\*\*:?\s*$", re.M)


class CardMetadataError(ValueError):
    """The front matter exists but is not valid YAML mapping."""


@dataclass(frozen=True)
class CardSection:
    """One section of a card: its heading, where it starts, and its body text."""

    heading: str
    line: int
    body: str


def split_front_matter(text: str) -> tuple[dict[str, Any] | None, str]:
    """Return (metadata, body). Metadata is None when the card has no front matter.

    Raises ``CardMetadataError`` when the block exists but is not a YAML mapping.
    """
    match = _FRONT_MATTER.search(text)
    if not match:
        return None, text
    try:
        data = yaml.safe_load(match.group(2))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark is not None else ""
        raise CardMetadataError(f"invalid YAML front matter{where}") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise CardMetadataError("front matter is not a YAML mapping")
    return data, text[match.end():]


def sections(text: str) -> list[CardSection]:
    """Split a card body into sections at Markdown headings and bold labels."""
    found: list[CardSection] = []
    matches = list(_HEADING.finditer(text))
    for index, match in enumerate(matches):
        heading = (match.group(2) or match.group(3) or "").strip()
        end = matches[index + 1].start() if index + 1 < len(matches) else len(text)
        body = text[match.end():end].strip()
        found.append(CardSection(heading, text.count("\n", 0, match.start()) + 1, body))
    return found


def _has_content(body: str) -> bool:
    stripped = re.sub(r"<!--.*?-->", "", body, flags=re.S).strip()
    return len(stripped) >= 20 and not _PLACEHOLDER.match(stripped)


def section_coverage(text: str) -> dict[str, CardSection | None]:
    """For each of ``SECTION_NAMES``, the first section with real content about it, or None."""
    coverage: dict[str, CardSection | None] = {name: None for name in SECTION_NAMES}
    for section in sections(text):
        for name, pattern in _SECTION_PATTERNS.items():
            if coverage[name] is None and pattern.search(section.heading) and _has_content(section.body):
                coverage[name] = section
    return coverage
