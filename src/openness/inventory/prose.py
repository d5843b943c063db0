"""Where something is said in a README or card: its line, its section, prose or code.

Context decides meaning: an arXiv link in a "Citation" section or a BibTeX block is the
project's own paper, the same link in "Acknowledgements" is someone else's; a weights URL
inside a shell command is an output path, not a download.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .. import patterns
from ..evidence import Document, Member
from .model import EvidenceRef

TITLE_AREA_LINES = 40
"""Lines at the top of a document (before its second heading) that introduce the release itself."""


@dataclass(frozen=True)
class Line:
    """One line of a README-like document, with where it stands."""

    member: Member
    document: Document
    number: int
    text: str
    heading: str
    in_code: bool
    in_title_area: bool

    def ref(self, note: str | None = None) -> EvidenceRef:
        return EvidenceRef(member=self.member.id, path=self.document.path, line=self.number, note=note)


def read_lines(documents: Iterable[tuple[Member, Document]]) -> list[Line]:
    """Every line of the documents with its section heading and whether it is code.

    Headings are ATX (``## Usage``) or setext (a line underlined with ``===`` or ``---``,
    as older READMEs write them); a YAML front matter block is not a heading.
    """
    found: list[Line] = []
    fence, heading_line = patterns.text("markdown_fence"), patterns.text("markdown_heading")
    underline = patterns.text("markdown_setext_underline")
    for member, document in documents:
        heading, in_code, headings_seen = "", False, 0
        texts = document.text.splitlines()
        front_matter_end = _front_matter_end(texts)
        for index, text in enumerate(texts):
            number = index + 1
            if fence.search(text):
                in_code = not in_code
                found.append(Line(member, document, number, text, heading, True, headings_seen < 2))
                continue
            match = None if in_code else heading_line.search(text)
            if match:
                heading, headings_seen = match.group(2), headings_seen + 1
            elif not in_code and index >= front_matter_end and text.strip() and index + 1 < len(texts) \
                    and underline.search(texts[index + 1]) and not underline.search(text):
                heading, headings_seen = text.strip(), headings_seen + 1
            found.append(Line(member, document, number, text, heading, in_code,
                              headings_seen < 2 and number <= TITLE_AREA_LINES))
    return found


def _front_matter_end(texts: list[str]) -> int:
    """Index of the first line after a leading ``---`` YAML block (0 when there is none)."""
    if not texts or texts[0].strip() != "---":
        return 0
    closing = next((i for i, t in enumerate(texts[1:], start=1) if t.strip() in {"---", "..."}), None)
    return 0 if closing is None else closing + 1


def prose_of(text: str) -> str:
    """The words of a line without its URLs (so "arxiv.org" in a link is not a word of the line)."""
    return patterns.text("url").regex.sub(" ", text)


BIBTEX_ENTRY_LINES = 20
"""Lines of one BibTeX entry read at most (the longest real ones have about fifteen fields)."""


def bibtex_entry(document: Document, line: int) -> str:
    """The text of the BibTeX entry that starts on ``line`` (1-based) of ``document``: to its closing
    brace or the end of its code block, at most ``BIBTEX_ENTRY_LINES`` lines."""
    fence = patterns.text("markdown_fence")
    entry: list[str] = []
    for text in document.text.splitlines()[line - 1:line - 1 + BIBTEX_ENTRY_LINES]:
        if entry and fence.search(text):
            break
        entry.append(text)
        if text.strip() == "}":
            break
    return "\n".join(entry)
