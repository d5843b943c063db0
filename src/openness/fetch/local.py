"""Fetch evidence from a directory on disk, fully offline.

Walks the tree once with ``os.scandir`` (no symlink is ever followed out of the root or
into a loop), reads a bounded prefix of the documents that matter, and asks ``git`` for
the facts a checkout can give offline. Everything that cannot be read becomes a ``Gap``.
"""

from __future__ import annotations

import os
import stat
from datetime import datetime, timedelta
from pathlib import Path

from ..evidence import Document, Evidence, FileEntry, Gap, Member, TargetRef
from ..targets import LOCAL, Target, TargetError
from . import links
from .documents import MAX_DOCUMENT_BYTES, make_document, readme_card_data, select_documents
from .git import github_web_url, ignored_paths, read_git_facts
from .interface import FetchOptions

SKIPPED_DIRECTORIES = frozenset({
    ".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv", ".tox", ".nox",
    ".mypy_cache", ".pytest_cache", ".ruff_cache", ".eggs", ".ipynb_checkpoints",
})
"""Version-control internals and tool caches: never part of what a project releases."""

MAX_ENTRIES = 1_000_000
"""List at most this many directory entries (about 12 s and 700 MiB here); the rest is one
``truncated`` tree gap, so a mistaken target such as a home directory ends with a report."""


class LocalSource:
    """A directory on disk; parsed by ``targets`` itself (a path has no prefix)."""

    kind = LOCAL
    label = "local checkout"
    purl_type = None
    prefixes: tuple[str, ...] = ()
    forms = ("a local directory",)
    service = "local"
    concurrency = 2

    def hosts(self) -> frozenset[str]:
        return frozenset()

    def parse(self, body: str, original: str) -> Target:
        raise TargetError(f"{original!r}: a local directory is written as a path")

    def parse_url(self, parts: list[str], original: str) -> Target:
        raise TargetError(f"{original!r}: a local directory is written as a path")

    def fetch(self, target: Target, options: FetchOptions) -> Evidence:
        return fetch_local(target, options.now)


SOURCES = [LocalSource()]


def fetch_local(target: Target, now: datetime) -> Evidence:
    """Evidence for the directory ``target.id``."""
    root = Path(target.id)
    files, gaps = _walk(root, ignored_paths(root))
    documents, doc_gaps = _read_documents(root, files)
    gaps.extend(doc_gaps)
    card_data, card_gap = readme_card_data(documents)
    if card_gap:
        gaps.append(card_gap)
    git, git_gap = read_git_facts(root, now - timedelta(days=90))
    if git_gap:
        gaps.append(git_gap)
    name = root.name or str(root)  # a display name: absolute paths would leak the user's home into reports
    member = Member(
        role="primary",
        kind=LOCAL,
        source_label=LocalSource.label,
        offers=["git_history", "tags"],
        id=name,
        revision=git.head if git else None,
        web_url=github_web_url(git.remote_url) if git and git.head else None,
        files=files,
        documents=documents,
        card_data=card_data,
        git=git,
        links=links.extract(documents, card_data),
        gaps=gaps,
    )
    return Evidence(
        target=TargetRef(kind=LOCAL, id=name),
        fetched_at=now.isoformat(timespec="seconds"),
        members=[member],
    )


def _walk(root: Path, ignored: frozenset[str]) -> tuple[list[FileEntry], list[Gap]]:
    """List every regular file under ``root`` with its size, sorted by path.

    Files git ignores (build output, virtual environments) are not part of the release.
    """
    files: list[FileEntry] = []
    gaps: list[Gap] = []
    root_real = os.path.realpath(root)
    stack: list[tuple[str, str]] = [(str(root), "")]
    seen = 0
    while stack:
        directory, prefix = stack.pop()
        if seen >= MAX_ENTRIES:
            gaps.append(Gap(what="tree", kind="truncated", reason=(
                f"listing stopped after {MAX_ENTRIES:,} entries; {len(stack) + 1} folders were not listed")))
            break
        try:
            entries = list(os.scandir(directory))
        except OSError as error:
            folder = prefix.rstrip("/") or "."
            gaps.append(Gap(what="tree", kind="unreadable", paths=[folder],
                            reason=f"cannot list directory {folder}: {error.strerror}"))
            continue
        seen += len(entries)
        for entry in entries:
            relative = prefix + _printable(entry.name)
            if ignored and (relative in ignored or relative + "/" in ignored):
                continue
            try:
                if entry.is_symlink():
                    _symlink(entry.path, relative, root_real, files, gaps)
                elif entry.is_dir(follow_symlinks=False):
                    if entry.name in SKIPPED_DIRECTORIES or _is_virtualenv(entry.path):
                        continue
                    stack.append((entry.path, relative + "/"))
                elif entry.is_file(follow_symlinks=False):
                    files.append(FileEntry(path=relative, size=entry.stat(follow_symlinks=False).st_size))
            except OSError as error:
                gaps.append(Gap(what=relative, kind="unreadable", reason=f"cannot stat: {error.strerror}"))
    files.sort(key=lambda f: f.path)
    return files, gaps


def _symlink(path: str, relative: str, root_real: str, files: list[FileEntry], gaps: list[Gap]) -> None:
    """Record a symlinked file that stays inside the root; gap the ones that leave it or loop."""
    try:
        resolved = os.path.realpath(path, strict=True)
    except OSError as error:
        if "loop" in str(error).lower() or getattr(error, "errno", None) == 40:
            gaps.append(Gap(what=relative, kind="symlink_loop", reason="symbolic link loop, not followed"))
        else:
            gaps.append(Gap(what=relative, kind="unreadable", reason="dangling symbolic link"))
        return
    if os.path.commonpath([resolved, root_real]) != root_real:
        gaps.append(Gap(what=relative, kind="symlink_outside", reason="symbolic link points outside the project, not followed"))
        return
    mode = os.stat(resolved)
    if stat.S_ISREG(mode.st_mode):
        files.append(FileEntry(path=relative, size=mode.st_size))
    # A directory link inside the root adds nothing: its files are listed where they live.


def _printable(name: str) -> str:
    """A file name as text: bytes that are not UTF-8 (kept by Python as surrogates) become U+FFFD."""
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _is_virtualenv(path: str) -> bool:
    return os.path.exists(os.path.join(path, "pyvenv.cfg"))


def _read_documents(root: Path, files: list[FileEntry]) -> tuple[list[Document], list[Gap]]:
    documents: list[Document] = []
    gaps: list[Gap] = []
    sizes = {f.path: f.size or 0 for f in files}
    for path in select_documents(sizes):
        try:
            with open(root / path, "rb") as handle:
                data = handle.read(MAX_DOCUMENT_BYTES + 1)
        except OSError as error:
            gaps.append(Gap(what=path, kind="unreadable", reason=f"cannot read: {error.strerror}"))
            continue
        document, document_gaps = make_document(path, data, sizes[path])
        gaps.extend(document_gaps)
        if document is not None:
            documents.append(document)
    documents.sort(key=lambda d: d.path)
    return documents, gaps
