"""Read a GitHub repository's documents without a token: few bytes, few requests.

(With a token, each document is one blob of the GraphQL query instead: ``github_graphql``.)
The documents are the ones ``select_documents`` picks from the tree, exactly as for a local
checkout. Without a token GitHub offers two ways to read them, and ``plan_reads`` mixes the two:

* the repository's tarball at the scored commit: two requests (the ``/tarball/{sha}`` redirect
  and the archive host) for any number of documents, read as a stream that stops after the last
  one wanted, but every file stored before that one in the archive is downloaded too;
* one raw download per document (``raw.githubusercontent.com``, addressed by commit): exactly the
  document's bytes, one request each, not counted against the API's hourly limit.

The archive lists files in the tree's order (git's sorted paths), so the tree's sizes say what
streaming up to each document costs. The plan reads a prefix of the documents from the archive
and the rest one by one, choosing the fewest requests among the plans that download at most
twice the documents' bytes (the archive prefix is estimated uncompressed, so the estimate is an
upper bound for text). A repository whose first document comes after a large folder of weights
or images is therefore read one file at a time, a small repository in one archive request. Only
when the documents are many (more than ``MAX_SINGLE_READS`` after the cheap prefix) does the
archive carry them past that bound: the fetch's ``document_bytes_downloaded`` then says so.

Documents at a commit never change, so they are kept in the derived cache keyed by
``owner/repo@sha``: a second run reads no document over the network at all.
"""

from __future__ import annotations

import tarfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO

from ..evidence import Document, FileEntry, Gap
from .documents import MAX_DOCUMENT_BYTES, document_priority, make_document, select_documents
from .failures import MalformedAnswer
from .http import RequestCounter

MAX_ARCHIVE_BYTES = 200 * 1024 * 1024
"""Never stream more than this much of an archive (estimated from the tree's sizes)."""

MAX_SINGLE_READS = 16
"""At most this many documents are downloaded one by one per repository; the documents beyond
are read from the archive when it can reach them, else recorded as gaps."""

ENTRY_COST = 64
"""Bytes one archive entry's header (a file's or a folder's) costs in the gzip'd tar, at most:
512 bytes of mostly zeros that compress to 6–36 bytes (measured on GitHub-shaped tarballs)."""

READ_CHUNK = 512
"""The archive stream is read this many bytes at a time, so reading stops close to the last document."""

BYTES_BOUND = 2
"""A plan is lean when it downloads at most this many times the documents' own bytes."""


@dataclass(frozen=True)
class ReadPlan:
    """Which documents come from the archive, which one by one, which are not read (path → size)."""

    archive: dict[str, int]
    single: dict[str, int]
    skipped: dict[str, int]
    estimate: int
    """Bytes the plan should download at most (the archive prefix uncompressed, plus the single reads)."""


class CountingStream:
    """A binary stream that adds what is read from it to a counter's bytes (streamed downloads)."""

    def __init__(self, stream: IO[bytes], counter: RequestCounter) -> None:
        self.stream = stream
        self.counter = counter
        self.count = 0
        """Bytes read through this stream."""

    def read(self, size: int = -1) -> bytes:
        data = self.stream.read(size)
        self.count += len(data)
        self.counter.add_bytes(len(data))
        return data


def wanted_documents(files: list[FileEntry]) -> dict[str, int]:
    """The document paths to read, most important first, with their sizes."""
    sizes = {f.path: f.size or 0 for f in files}
    return {path: sizes[path] for path in select_documents(sizes)}


def _archive_costs(files: list[FileEntry], wanted: dict[str, int]) -> list[tuple[str, int]]:
    """The wanted documents in archive order, each with the bytes streamed up to its end."""
    costs: list[tuple[str, int]] = []
    folders: set[str] = set()
    streamed = 0
    for entry in sorted(files, key=lambda f: f.path):  # git's order, which the archive keeps
        parts = entry.path.split("/")[:-1]
        for depth in range(1, len(parts) + 1):
            folder = "/".join(parts[:depth])
            if folder not in folders:
                folders.add(folder)
                streamed += ENTRY_COST
        streamed += ENTRY_COST + (entry.size or 0)
        if entry.path in wanted:
            costs.append((entry.path, streamed))
            if len(costs) == len(wanted):
                break
    return costs


def plan_reads(files: list[FileEntry], wanted: dict[str, int]) -> ReadPlan:
    """The cheapest way to read ``wanted`` (path → size): see the module's docstring.

    For each cut (the first k documents in archive order from the archive, the rest one by one,
    at most ``MAX_SINGLE_READS`` of them, the most important first), the plan is ranked by: the
    documents it leaves unread, whether it stays within ``BYTES_BOUND`` times the documents' bytes,
    its requests (2 for the archive, 1 per single read), then its bytes.
    """
    ordered = _archive_costs(files, wanted)
    best: tuple[tuple[int, bool, int, int], ReadPlan] | None = None
    for cut in range(len(ordered) + 1):
        streamed = ordered[cut - 1][1] + READ_CHUNK if cut else 0
        if streamed > MAX_ARCHIVE_BYTES:
            break
        archive = {path: wanted[path] for path, _ in ordered[:cut]}
        rest = sorted((path for path, _ in ordered[cut:]), key=document_priority)
        single = {path: wanted[path] for path in rest[:MAX_SINGLE_READS]}
        skipped = {path: wanted[path] for path in rest[MAX_SINGLE_READS:]}
        estimate = streamed + sum(single.values())
        used = sum(archive.values()) + sum(single.values())
        rank = (len(skipped), estimate > BYTES_BOUND * used, (2 if archive else 0) + len(single), estimate)
        if best is None or rank < best[0]:
            best = (rank, ReadPlan(archive, single, skipped, estimate))
    assert best is not None  # the cut that reads nothing from the archive is always a candidate
    return best[1]


def documents_from_tarball(stream: IO[bytes], wanted: dict[str, int], what: str) -> tuple[list[Document], list[Gap]]:
    """Read the wanted documents from a GitHub tarball stream (one top-level ``owner-repo-sha/`` folder).

    A cut-off or damaged archive is a ``MalformedAnswer`` about ``what``: reading it is a parse boundary.
    """
    try:
        return _read_tarball(stream, wanted)
    except (tarfile.TarError, EOFError, zlib.error) as error:
        raise MalformedAnswer(f"{what}: the archive GitHub sent was damaged ({type(error).__name__})") from None


def _read_tarball(stream: IO[bytes], wanted: dict[str, int]) -> tuple[list[Document], list[Gap]]:
    documents: list[Document] = []
    gaps: list[Gap] = []
    remaining = dict(wanted)
    with tarfile.open(fileobj=stream, mode="r|gz", bufsize=READ_CHUNK) as archive:
        for entry in archive:
            path = entry.name.split("/", 1)[1] if "/" in entry.name else ""
            if path not in remaining or not entry.isfile():
                continue
            handle = archive.extractfile(entry)
            data = handle.read(MAX_DOCUMENT_BYTES + 1) if handle else b""
            document, document_gaps = make_document(path, data, remaining.pop(path) or entry.size)
            gaps.extend(document_gaps)
            if document:
                documents.append(document)
            if not remaining:
                break  # stop downloading: everything wanted has been read
    gaps.extend(Gap(what=path, kind="unreadable", reason="listed in the tree but not a regular file in the archive")
                for path in remaining)
    return documents, gaps


def documents_one_by_one(wanted: dict[str, int],
                         read: Callable[[str], bytes | None]) -> tuple[list[Document], list[Gap]]:
    """Documents read one request each (``read(path)`` → its first bytes, None when the read failed
    and the reader recorded the gap)."""
    documents: list[Document] = []
    gaps: list[Gap] = []
    for path, size in wanted.items():
        data = read(path)
        if data is None:
            continue
        document, document_gaps = make_document(path, data[: MAX_DOCUMENT_BYTES + 1], size)
        gaps.extend(document_gaps)
        if document:
            documents.append(document)
    return documents, gaps


def skipped_gaps(skipped: dict[str, int]) -> list[Gap]:
    """The documents a plan leaves unread: many documents behind an archive too large to stream."""
    if not skipped:
        return []
    paths = sorted(skipped, key=document_priority)
    return [Gap(what="documents", kind="too_large", paths=paths, reason=(
        f"{len(paths)} documents not read: they come after over {MAX_ARCHIVE_BYTES // 2**20} MiB of the "
        f"repository's archive and beyond the {MAX_SINGLE_READS} read one by one: {', '.join(paths[:5])}"))]
