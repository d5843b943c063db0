"""Read a GitHub repository's documents in a bounded number of requests, without a token.

(With a token, each document is one blob of the GraphQL query instead: ``github_graphql``.)
The documents are the ones ``select_documents`` picks from the tree, exactly as for a local
checkout. They come from the repository's tarball at the scored commit: one API request (the
``/tarball/{sha}`` redirect) and one download from the archive host, read as a stream that stops
as soon as every wanted document has been seen. A repository too large to download has only its
few most important documents read through the contents API, the rest recorded as gaps.

Documents at a commit never change, so they are kept in the derived cache keyed by
``owner/repo@sha``: a second run reads no document over the network at all.
"""

from __future__ import annotations

import tarfile
import zlib
from collections.abc import Callable
from typing import IO

from ..evidence import Document, FileEntry, Gap
from .documents import MAX_DOCUMENT_BYTES, make_document, select_documents
from .failures import MalformedAnswer
from .http import RequestCounter

MAX_ARCHIVE_BYTES = 200 * 1024 * 1024
"""Download the tarball only when the files it holds add up to less than this."""

MAX_CONTENTS_REQUESTS = 4
"""Above ``MAX_ARCHIVE_BYTES``, read at most this many documents one request each."""


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


def archive_fits(files: list[FileEntry]) -> bool:
    return sum(f.size or 0 for f in files) <= MAX_ARCHIVE_BYTES


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
    with tarfile.open(fileobj=stream, mode="r|gz") as archive:
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


def documents_one_by_one(wanted: dict[str, int], read: Callable[[str], bytes]) -> tuple[list[Document], list[Gap]]:
    """The most important documents through the contents API (``read(path)`` → its bytes), the rest as gaps."""
    documents: list[Document] = []
    gaps: list[Gap] = []
    for index, (path, size) in enumerate(wanted.items()):
        if index >= MAX_CONTENTS_REQUESTS:
            gaps.append(Gap(what=path, kind="too_large", reason=(
                f"the repository is over {MAX_ARCHIVE_BYTES // 2**20} MiB, too large to download; only the "
                f"{MAX_CONTENTS_REQUESTS} most important documents were read")))
            continue
        data = read(path)[: MAX_DOCUMENT_BYTES + 1]
        if not data and size:
            gaps.append(Gap(what=path, kind="too_large", reason="GitHub gives no content for files over 1 MB"))
            continue
        document, document_gaps = make_document(path, data, size)
        gaps.extend(document_gaps)
        if document:
            documents.append(document)
    return documents, gaps
