"""Fast look-ups over the evidence of every member: file paths, documents and card metadata.

A tree can hold 100,000 files, so path patterns run once over one newline-joined string
per member (``re.MULTILINE``) rather than once per path.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import TypeVar

from .. import patterns
from ..cards import CardSection, section_coverage
from ..evidence import Document, Evidence, Gap, Member
from .line_index import LineIndex
from .model import EvidenceRef
from .prose import Line, read_lines

T = TypeVar("T")

MAX_REFS = 5
"""Evidence references kept per signal; a report needs examples, not all 10,000 matches."""


@dataclass(frozen=True)
class Hit:
    member: Member
    path: str

    def ref(self, note: str | None = None) -> EvidenceRef:
        return EvidenceRef(member=self.member.id, path=self.path, note=note)


class _TreeIndex:
    """A member's paths indexed by file name and by folder.

    Regular expressions run over the distinct names and folders (``LineIndex``: newline-joined,
    one ``re.MULTILINE`` pass each), not over every path: on a 100,000-file tree that is
    tens of times faster than matching each full path.
    """

    def __init__(self, member: Member) -> None:
        by_name: dict[str, list[str]] = {}
        by_dir: dict[str, list[str]] = {}
        # A line break in a file name would split it in two in the joined lists: such files
        # (legal on disk, never meaningful in a release) are left out of path queries.
        files = [entry for entry in member.files if "\n" not in entry.path and "\r" not in entry.path]
        self.sizes = {entry.path: entry.size for entry in files}
        self.lfs = {entry.path for entry in files if entry.lfs}
        self.sha256 = {entry.path: entry.sha256 for entry in files if entry.sha256}
        for entry in files:
            folder, _, name = entry.path.rpartition("/")
            by_name.setdefault(name, []).append(entry.path)
            by_dir.setdefault(folder, []).append(entry.path)
        self.by_name = by_name
        self.by_dir = by_dir
        self.names = LineIndex(list(by_name))
        self.dirs = LineIndex(list(by_dir))
        self._paths = [f.path for f in files]

    @cached_property
    def paths(self) -> LineIndex:
        """Whole paths, indexed on the first query that needs them (most assessments ask none)."""
        return LineIndex(self._paths)


class Signals:
    """Read-only queries over an ``Evidence``, shared by inventory, checks and lenses."""

    def __init__(self, evidence: Evidence) -> None:
        self.evidence = evidence
        # Keyed by identity: a Hub model and its GitHub code repository can share a name.
        self._index = {id(m): _TreeIndex(m) for m in evidence.members}
        self._coverage: dict[int, dict[str, CardSection | None]] = {}
        self._memo: dict[str, object] = {}

    @property
    def members(self) -> list[Member]:
        return self.evidence.members

    @property
    def primary(self) -> Member:
        return self.evidence.primary

    def files(self, name: str | None = None, *, under: str | None = None, path: str | None = None,
              limit: int = MAX_REFS, members: list[Member] | None = None) -> list[Hit]:
        """Files matching every given regex (whole match, case-insensitive), sorted, at most ``limit``.

        ``name`` matches the file name, ``under`` the folder it sits in ('' is the root;
        write ``(?:.*/)?tests(?:/.*)?`` for "anywhere under a tests folder"), ``path`` the
        whole path (slowest: use it only when the other two cannot say it).
        """
        hits: list[Hit] = []
        for member in members or self.members:
            index = self._index[id(member)]
            found = self._match(index, name, under, path)
            hits.extend(Hit(member, p) for p in sorted(found)[: limit - len(hits)])
            if len(hits) >= limit:
                break
        return hits

    @staticmethod
    def _match(index: _TreeIndex, name: str | None, under: str | None, path: str | None) -> set[str]:
        if path is not None:
            found = set(index.paths.matching(path))
            if name is None and under is None:
                return found
        else:
            found = None
        if under is not None:
            name_regex = re.compile(name, re.IGNORECASE) if name else None
            by_folder = set()
            folders = index.dirs.matching(under)
            if under == "" or re.fullmatch(under, "", re.IGNORECASE):
                folders.append("")
            for folder in set(folders):
                for candidate in index.by_dir.get(folder, ()):
                    if name_regex is None or name_regex.fullmatch(candidate.rpartition("/")[2]):
                        by_folder.add(candidate)
            found = by_folder if found is None else found & by_folder
        elif name is not None:
            by_name = {p for found_name in index.names.matching(name) for p in index.by_name[found_name]}
            found = by_name if found is None else found & by_name
        return found or set()

    def find(self, query: str, *, limit: int = MAX_REFS, members: list[Member] | None = None) -> list[Hit]:
        """Files found by the file query named ``query`` in ``patterns.yaml``."""
        found = patterns.file_query(query)
        return self.files(found.name, under=found.under, path=found.path, limit=limit, members=members)

    def size(self, hit: Hit) -> int | None:
        """Size in bytes of a file found by ``files`` (None when the host did not say)."""
        return self._index[id(hit.member)].sizes.get(hit.path)

    def lfs(self, hit: Hit) -> bool:
        """Whether a file found by ``files`` is stored through Git LFS."""
        return hit.path in self._index[id(hit.member)].lfs

    def sha256(self, hit: Hit) -> str | None:
        """The SHA-256 the host gave for a file found by ``files``, if it gave one."""
        return self._index[id(hit.member)].sha256.get(hit.path)

    def memo(self, key: str, compute: Callable[[], T]) -> T:
        """``compute()`` once per run: a fact several rules read is derived once."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]  # type: ignore[return-value]

    def gap(self, *what: str, member: Member | None = None) -> Gap | None:
        """The first gap of ``member`` (the primary one by default) about any of ``what``."""
        for gap in (member or self.primary).gaps:
            if gap.what in what:
                return gap
        return None

    def documents(self, pattern: str) -> Iterator[tuple[Member, Document]]:
        """Documents whose path matches ``pattern`` (case-insensitive), across members."""
        regex = re.compile(rf"^(?:{pattern})$", re.IGNORECASE)
        for member in self.members:
            for doc in member.documents:
                if regex.match(doc.path):
                    yield member, doc

    def documents_of(self, query: str, members: list[Member] | None = None) -> Iterator[tuple[Member, Document]]:
        """Documents found by the file query named ``query`` in ``patterns.yaml``, across members."""
        found = patterns.file_query(query)
        for member in members or self.members:
            for doc in member.documents:
                if found.match(doc.path):
                    yield member, doc

    def readme(self, member: Member | None = None) -> Document | None:
        """The root README of a member (the primary one by default)."""
        member = member or self.primary
        candidates = [d for _, d in self.documents_of("readme", [member])]
        candidates.sort(key=lambda d: (not d.path.lower().endswith(".md"), d.path))
        return candidates[0] if candidates else None

    @cached_property
    def text_corpus(self) -> list[tuple[Member, Document]]:
        """README-like documents of every member, where prose claims are made."""
        return list(self.documents_of("readme_like"))

    def sections_of(self, document: Document) -> dict[str, CardSection | None]:
        """Which card sections ``document`` covers, parsed once per run however many rules ask."""
        key = id(document)
        if key not in self._coverage:
            self._coverage[key] = section_coverage(document.text)
        return self._coverage[key]

    def card_section(self, name: str) -> EvidenceRef | None:
        """The first README or card section with real content about ``name`` (one of ``cards.SECTION_NAMES``)."""
        for member, doc in self.text_corpus:
            section = self.sections_of(doc).get(name)
            if section is not None:
                return EvidenceRef(member=member.id, path=doc.path, line=section.line,
                                   note=f"section '{section.heading}'")
        return None

    @cached_property
    def prose(self) -> list[Line]:
        """Every line of the README-like documents, with its section and whether it is code."""
        return read_lines(self.text_corpus)

    def search_text(self, pattern: str, flags: int = re.IGNORECASE | re.MULTILINE) -> list[EvidenceRef]:
        """Places in README-like documents matching ``pattern``, with line numbers."""
        return self._search(re.compile(pattern, flags))

    def search(self, pattern: str) -> list[EvidenceRef]:
        """Places in README-like documents where the text pattern named ``pattern`` fires."""
        return self._search(patterns.text(pattern).regex)

    def _search(self, regex: re.Pattern[str]) -> list[EvidenceRef]:
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
