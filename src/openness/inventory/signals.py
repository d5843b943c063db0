"""Fast look-ups over the evidence of every member: file paths, documents and card metadata.

A tree can hold 100,000 files, so path patterns run once over one newline-joined string
per member (``re.MULTILINE``) rather than once per path.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from ..evidence import Document, Evidence, Member
from .model import EvidenceRef

MAX_REFS = 5
"""Evidence references kept per signal; a report needs examples, not all 10,000 matches."""


@dataclass(frozen=True)
class Hit:
    member: Member
    path: str

    def ref(self, note: str | None = None) -> EvidenceRef:
        return EvidenceRef(member=self.member.id, path=self.path, note=note)


class Signals:
    """Read-only queries over an ``Evidence``, shared by inventory, checks and lenses."""

    def __init__(self, evidence: Evidence) -> None:
        self.evidence = evidence
        self._blobs = {m.id: "\n".join(f.path for f in m.files) for m in evidence.members}

    @property
    def members(self) -> list[Member]:
        return self.evidence.members

    @property
    def primary(self) -> Member:
        return self.evidence.primary

    def files(self, pattern: str, limit: int = MAX_REFS, members: list[Member] | None = None) -> list[Hit]:
        """Files whose whole path matches ``pattern`` (case-insensitive), at most ``limit``."""
        regex = re.compile(rf"^(?:{pattern})$", re.IGNORECASE | re.MULTILINE)
        hits: list[Hit] = []
        for member in members or self.members:
            for match in regex.finditer(self._blobs[member.id]):
                hits.append(Hit(member, match.group(0)))
                if len(hits) >= limit:
                    return hits
        return hits

    def documents(self, pattern: str) -> Iterator[tuple[Member, Document]]:
        """Documents whose path matches ``pattern`` (case-insensitive), across members."""
        regex = re.compile(rf"^(?:{pattern})$", re.IGNORECASE)
        for member in self.members:
            for doc in member.documents:
                if regex.match(doc.path):
                    yield member, doc

    def readme(self, member: Member | None = None) -> Document | None:
        """The root README of a member (the primary one by default)."""
        member = member or self.primary
        candidates = [d for d in member.documents if re.fullmatch(r"readme(\.[a-z]+)?", d.path, re.I)]
        candidates.sort(key=lambda d: (not d.path.lower().endswith(".md"), d.path))
        return candidates[0] if candidates else None

    @cached_property
    def text_corpus(self) -> list[tuple[Member, Document]]:
        """README-like documents of every member, where prose claims are made."""
        return [(m, d) for m in self.members for d in m.documents
                if re.search(r"(^|/)(readme|model[_-]?card|modelcard|datasheet|data[_-]?card)[^/]*$", d.path, re.I)]

    def search_text(self, pattern: str, flags: int = re.IGNORECASE | re.MULTILINE) -> list[EvidenceRef]:
        """Places in README-like documents matching ``pattern``, with line numbers."""
        regex = re.compile(pattern, flags)
        refs: list[EvidenceRef] = []
        for member, doc in self.text_corpus:
            match = regex.search(doc.text)
            if match:
                line = doc.text.count("\n", 0, match.start()) + 1
                refs.append(EvidenceRef(member=member.id, path=doc.path, line=line,
                                        note=_excerpt(match.group(0))))
                if len(refs) >= MAX_REFS:
                    break
        return refs

    def card(self, member: Member | None = None) -> dict:
        """Card metadata of a member (the primary one by default), or an empty dict."""
        return (member or self.primary).card_data or {}

    def links(self, kind: str) -> list[tuple[Member, str, str]]:
        """(member, target, found_in) of every link of ``kind`` across members."""
        return [(m, link.target, link.found_in) for m in self.members for link in m.links if link.kind == kind]


def _excerpt(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
