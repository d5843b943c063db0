"""On-disk cache of the Hub fetcher, keyed by what makes an answer immutable.

Why an application-level cache rather than an HTTP cache (hishel) under huggingface_hub:

* a file read at a commit sha never changes, so each document is stored, already decoded,
  under ``(kind, repo, sha, path)`` and reused without any request, not even a conditional
  one; a warm run costs the info request (which says the current sha) and, when the refs are
  read, the refs request, both conditional on the ETags stored with the facts (a 304 each, no
  body, while nothing changed);
* a read the Hub refused for good (401/403 gated or forbidden, 404) is remembered the same way, per
  revision and per credential (a digest of the token, never the token: a new token may open it),
  so a warm run does not ask again; server errors and rate limits are never remembered;
* hishel stores request headers, ``Authorization`` included, in its SQLite file, and hooking
  it in means re-attaching a private huggingface_hub request hook; here only values we
  chose are written, so no token can reach the cache;
* ``--offline`` needs the last repository facts for (repo, revision): they are kept as
  ``HubRepo`` JSON, not as an HTTP exchange.

Storage is the shared ``http.DerivedCache`` (user cache dir or ``$OPENNESS_CACHE_DIR``,
files 0600), with its rules: ``--no-cache`` neither reads nor writes, ``--offline`` only reads.
"""

from __future__ import annotations

import hashlib

from huggingface_hub import get_token
from pydantic import ValidationError

from ..evidence import Document, Gap
from .http import DerivedCache
from .hub_client import HubKind, HubRepo


def _key(*parts: str) -> str:
    """A cache key for arbitrary ids and paths: a readable prefix and a collision-free digest."""
    digest = hashlib.sha256("\0".join(parts).encode()).hexdigest()[:32]
    return f"{parts[1][:60]}-{digest}"


class HubCache:
    """Repository facts by (repo, revision asked) and documents by (repo, sha, path)."""

    def __init__(self, *, use_cache: bool, offline: bool) -> None:
        self._facts = DerivedCache("hub-facts", use_cache=use_cache, offline=offline)
        self._documents = DerivedCache("hub-documents", use_cache=use_cache, offline=offline)
        self._refused = DerivedCache("hub-refused", use_cache=use_cache, offline=offline)

    def load_facts(self, kind: HubKind, repo_id: str, revision: str | None) -> HubRepo | None:
        value = self._facts.get(_key(kind, repo_id, revision or ""))
        try:
            return HubRepo.model_validate(value) if value is not None else None
        except ValidationError:
            return None  # written by another version: a miss

    def store_facts(self, requested_id: str, revision: str | None, facts: HubRepo) -> None:
        """Stored under the id as asked and, after a rename, under the canonical id too."""
        for repo_id in {requested_id, facts.id}:
            self._facts.put(_key(facts.kind, repo_id, revision or ""), facts.model_dump(mode="json"))

    def load_document(self, kind: HubKind, repo_id: str, sha: str, path: str) -> Document | Gap | None:
        """The document read at ``sha``, or the gap it gave (binary content); None on a miss."""
        value = self._documents.get(_key(kind, repo_id, sha, path))
        try:
            if isinstance(value, dict) and "document" in value:
                return Document.model_validate(value["document"])
            if isinstance(value, dict) and "gap" in value:
                return Gap.model_validate(value["gap"])
        except ValidationError:
            pass
        return None

    def store_document(self, kind: HubKind, repo_id: str, sha: str, path: str, result: Document | Gap) -> None:
        value = {"document" if isinstance(result, Document) else "gap": result.model_dump(mode="json")}
        self._documents.put(_key(kind, repo_id, sha, path), value)

    def load_refusal(self, kind: HubKind, repo_id: str, sha: str, path: str) -> Gap | None:
        """The gap a read of ``path`` at ``sha`` gave with the current credential, if it was refused for good."""
        value = self._refused.get(_key(kind, repo_id, sha, path, _credential()))
        try:
            return Gap.model_validate(value) if isinstance(value, dict) else None
        except ValidationError:
            return None

    def store_refusal(self, kind: HubKind, repo_id: str, sha: str, path: str, gap: Gap) -> None:
        self._refused.put(_key(kind, repo_id, sha, path, _credential()), gap.model_dump(mode="json"))


def _credential() -> str:
    """Which credential huggingface_hub sends, as a digest (hashed again into the key): "" for none."""
    token = get_token()
    return hashlib.sha256(token.encode()).hexdigest() if token else ""
