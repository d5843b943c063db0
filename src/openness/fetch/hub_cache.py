"""On-disk cache of the Hub fetcher, keyed by what makes an answer immutable.

Why an application-level cache rather than an HTTP cache (hishel) under huggingface_hub:

* a file read at a commit sha never changes, so document bytes are stored under
  ``(kind, repo, sha, path)`` and reused without any request, not even a conditional one;
  a warm run costs the info request (which says the current sha) and the refs request;
* hishel stores request headers, ``Authorization`` included, in its SQLite file, and hooking
  it in means re-attaching a private huggingface_hub request hook; here only response
  bodies we chose are written, so no token can reach the cache;
* ``--offline`` needs the last repository facts for (repo, revision): they are kept as
  the ``HubRepo`` JSON, not as an HTTP exchange.

Files live in the user cache dir (platformdirs), or ``$OPENNESS_CACHE_DIR``; they are
written atomically with mode 0600.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from platformdirs import user_cache_dir
from pydantic import ValidationError

from .hub_client import HubKind, HubRepo

CACHE_ENV = "OPENNESS_CACHE_DIR"


def default_cache_root() -> Path:
    """Where openness keeps its caches: ``$OPENNESS_CACHE_DIR`` or the platform's user cache dir."""
    return Path(os.environ.get(CACHE_ENV) or user_cache_dir("openness", appauthor=False))


def _key(*parts: str) -> str:
    """A file name for arbitrary ids and paths: readable prefix, collision-free digest."""
    digest = hashlib.sha256("\0".join(parts).encode()).hexdigest()[:32]
    readable = "".join(c if c.isalnum() or c in "-_." else "_" for c in parts[1])[:60]
    return f"{readable}-{digest}"


class HubCache:
    """Reads and writes cache entries; ``enabled=False`` (``--no-cache``) makes it a no-op."""

    def __init__(self, root: Path | None = None, *, enabled: bool = True) -> None:
        self.root = (root or default_cache_root()) / "hub"
        self.enabled = enabled

    # repository facts, for --offline ------------------------------------------------
    def _facts_path(self, kind: HubKind, repo_id: str, revision: str | None) -> Path:
        return self.root / "facts" / f"{_key(kind, repo_id, revision or '')}.json"

    def load_facts(self, kind: HubKind, repo_id: str, revision: str | None) -> HubRepo | None:
        if not self.enabled:
            return None
        data = self._read(self._facts_path(kind, repo_id, revision))
        if data is None:
            return None
        try:
            return HubRepo.model_validate_json(data)
        except ValidationError:
            return None  # written by another version: treat as a miss

    def store_facts(self, requested_id: str, revision: str | None, facts: HubRepo) -> None:
        """Stored under the id as asked and, after a rename, under the canonical id too."""
        for repo_id in {requested_id, facts.id}:
            self._write(self._facts_path(facts.kind, repo_id, revision), facts.model_dump_json().encode())

    # document bytes at a commit --------------------------------------------------------
    def _document_path(self, kind: HubKind, repo_id: str, sha: str, path: str) -> Path:
        return self.root / "documents" / f"{_key(kind, repo_id, sha, path)}.bin"

    def load_document(self, kind: HubKind, repo_id: str, sha: str, path: str) -> bytes | None:
        return self._read(self._document_path(kind, repo_id, sha, path)) if self.enabled else None

    def store_document(self, kind: HubKind, repo_id: str, sha: str, path: str, data: bytes) -> None:
        self._write(self._document_path(kind, repo_id, sha, path), data)

    # ---------------------------------------------------------------------------------
    def _read(self, path: Path) -> bytes | None:
        try:
            return path.read_bytes()
        except OSError:
            return None

    def _write(self, path: Path, data: bytes) -> None:
        if not self.enabled:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
            with os.fdopen(fd, "wb") as handle:  # mkstemp creates the file with mode 0600
                handle.write(data)
            os.replace(tmp, path)
        except OSError:
            pass  # a cache that cannot be written only costs requests next time
