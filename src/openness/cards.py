"""Model and dataset cards: YAML front matter and the sections a reviewer looks for.

Pure text processing, shared by fetchers (to record ``card_data``) and analysis (to judge
completeness). Front matter is read the way huggingface_hub reads it, so a card that the
Hub accepts is accepted here and a card the Hub rejects is reported as broken.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from . import patterns
from .yaml_loading import safe_load

SECTION_NAMES = (
    "intended_use",
    "limitations_bias",
    "training_data",
    "training_procedure",
    "evaluation_results",
    "environmental_impact",
    "citation",
)
SECTION_LABELS = {"intended_use": "Intended use", "limitations_bias": "Limitations and bias",
                  "training_data": "Training data", "training_procedure": "Training procedure",
                  "evaluation_results": "Evaluation results", "environmental_impact": "Environmental impact",
                  "citation": "Citation"}
"""How reports name each of ``SECTION_NAMES``."""

_FRONT_MATTER = patterns.text("card_front_matter").regex
"""The Hub's rule: a ``---`` block at the very start, leading whitespace allowed."""
_TOPICS = {name: patterns.text(f"card_topic_{name}").regex for name in SECTION_NAMES}
"""Which topic a heading or label is about (matched on the heading text only)."""
_BODY_HINTS = {name: patterns.text(f"card_body_{name}").regex
               for name in ("intended_use", "limitations_bias", "training_data", "evaluation_results")}
"""When a heading names several topics ("Intended uses & limitations"), the body must speak of each."""
_RESULTS = patterns.text("card_results").regex
_CITATION = patterns.text("card_citation").regex
_TRAINER_RESULTS = patterns.text("card_trainer_results").regex
_PLACEHOLDER = patterns.text("card_placeholder").regex
_ATX = patterns.text("card_atx_heading").regex
_BOLD_LINE = patterns.text("card_bold_label").regex
_KEY_BULLET = patterns.text("card_key_bullet").regex
_BARE_LABEL = patterns.text("card_bare_label").regex
_FENCE = patterns.text("card_fence").regex
_ABOUT_DATA, _ABOUT_TRAINING, _ABOUT_EVALUATION = (patterns.text(f"card_heading_about_{what}").regex
                                                   for what in ("data", "training", "evaluation"))


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
        data = safe_load(match.group(2))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark is not None else ""
        raise CardMetadataError(f"invalid YAML front matter{where}") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise CardMetadataError("front matter is not a YAML mapping")
    return _plain(data, [MAX_METADATA_NODES], 0), text[match.end():]


MAX_METADATA_NODES = 20_000
"""More values than this in a card's front matter is an attack (YAML alias bombs), not metadata."""


def _plain(value: Any, budget: list[int], depth: int) -> Any:
    """JSON-ready copy of YAML data: string keys, dates as text, bytes decoded, bounded in size.

    YAML anchors let a few lines describe billions of values or a value that contains itself;
    both are refused here, before anything tries to serialise them.
    """
    budget[0] -= 1
    if budget[0] < 0 or depth > 40:
        raise CardMetadataError("front matter is too large or refers to itself")
    if isinstance(value, dict):
        return {str(key): _plain(item, budget, depth + 1) for key, item in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [_plain(item, budget, depth + 1) for item in value]
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)  # dates and timestamps


def _strip_front_matter(text: str) -> str:
    match = _FRONT_MATTER.search(text)
    return text[match.end():] if match else text


def sections(text: str) -> list[CardSection]:
    """Split a card into sections at Markdown headings, bold labels and ``key:`` bullets.

    Front matter and fenced code are skipped when looking for headings (a ``# comment`` in
    a Python snippet is not a heading). A heading's body runs to the next heading of the
    same or a higher level, so it includes its subsections; a bold label's body runs to the
    next heading or label; a ``**Label:** text`` line or a ``- key: value`` bullet is a
    section whose body is the rest of the line.
    """
    lines = _strip_front_matter(text).splitlines()
    offset = text.count("\n") - len(lines) + 1 if lines else 0
    marks: list[tuple[int, int, str, str | None]] = []  # (line index, level, heading, inline body)
    fence: str | None = None
    for index, line in enumerate(lines):
        opening = _FENCE.match(line)
        if fence is not None:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = None
            continue
        if opening:
            fence = opening.group(1)
            continue
        if match := _ATX.match(line):
            marks.append((index, len(match.group(1)), match.group(2).strip(), None))
        elif match := _BOLD_LINE.match(line):
            inline = match.group(2).strip()
            marks.append((index, 7 if not inline else 8, match.group(1).strip().rstrip(":"), inline or None))
        elif match := _KEY_BULLET.match(line):
            marks.append((index, 8, match.group(1).strip(), match.group(2).strip()))
    found: list[CardSection] = []
    for position, (index, level, heading, inline) in enumerate(marks):
        if inline is not None:
            body = inline
        else:
            end = next((i for i, lvl, _, _ in marks[position + 1:] if lvl <= level), len(lines))
            body = "\n".join(lines[index + 1:end]).strip()
        found.append(CardSection(heading, index + 1 + max(offset, 0), body))
    return found


def _has_content(body: str, minimum: int = 20) -> bool:
    """Real text once placeholders, HTML comments and bare heading lines are removed."""
    stripped = _PLACEHOLDER.sub("", body)
    stripped = "\n".join(line for line in stripped.splitlines() if not (_ATX.match(line) or _BARE_LABEL.match(line)))
    return len(" ".join(stripped.split()).strip(" -*_:|")) >= minimum


def _reports_results(section: CardSection) -> bool:
    """Numbers, tables or plots about evaluation; not data descriptions, not training curves."""
    heading = section.heading
    if _ABOUT_DATA.search(heading) or (_ABOUT_TRAINING.search(heading) and not _ABOUT_EVALUATION.search(heading)):
        return False
    return bool(_RESULTS.search(section.body))


def _about(section: CardSection) -> list[str]:
    """The topics a section covers with real content."""
    topics = [name for name, pattern in _TOPICS.items() if pattern.search(section.heading)]
    inline = section.line and "\n" not in section.body and len(section.body) < 200
    if not topics or not _has_content(section.body, 3 if inline else 20):
        return []
    if len(topics) > 1:
        topics = [t for t in topics if t not in _BODY_HINTS or _BODY_HINTS[t].search(_PLACEHOLDER.sub("", section.body))]
    if "evaluation_results" in topics and not _reports_results(section):
        topics.remove("evaluation_results")
    if "citation" in topics and not _CITATION.search(section.body):
        topics.remove("citation")
    return topics


def section_coverage(text: str) -> dict[str, CardSection | None]:
    """For each of ``SECTION_NAMES``, the first section with real content about it, or None.

    ``text`` is the whole card (front matter is skipped) or its body.
    """
    coverage: dict[str, CardSection | None] = {name: None for name in SECTION_NAMES}
    for section in sections(text):
        for name in _about(section):
            if coverage[name] is None:
                coverage[name] = section
    if coverage["evaluation_results"] is None:
        body = _strip_front_matter(text)
        if match := _TRAINER_RESULTS.search(body):
            line = text.count("\n", 0, len(text) - len(body) + match.start()) + 1
            coverage["evaluation_results"] = CardSection("results on the evaluation set", line, match.group(0))
    return coverage
