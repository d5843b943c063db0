"""The documents of a repository at one commit, read once and cached for good.

A commit never changes, so what its documents say is cached by commit; a run whose reads
failed (a gap of the run, not of the documents) is not cached, so the next run tries again.
Shared by the forges (GitHub, GitLab); the Hub caches by revision in ``hub_cache``.
"""

from __future__ import annotations

from collections.abc import Callable

from ..evidence import Document, Gap
from .documents import documents_from_cache, documents_to_cache
from .http import DerivedCache
from .interface import FetchOptions

Read = Callable[[], tuple[list[Document], list[Gap]] | None]
"""Reads the documents; None when the read failed as a whole (the reader recorded the gap)."""


def documents_at_commit(namespace: str, key: str, label: str, options: FetchOptions, read: Read,
                        run_gaps: list[Gap]) -> list[Document]:
    """The documents of ``label`` (``owner/repo@sha``) from the cache under ``key``, else from ``read``.

    Offline and not cached, they are one ``offline`` gap. What the documents say about themselves
    (binary, truncated) joins ``run_gaps`` either way."""
    cache = DerivedCache(namespace, use_cache=options.use_cache, offline=options.offline)
    cached = cache.get(key)
    if cached is not None:
        documents, gaps = documents_from_cache(cached)
    elif options.offline:
        run_gaps.append(Gap(what="files", kind="offline", reason=(
            f"the documents of {label} are not in the cache; run once without --offline")))
        return []
    else:
        failed_before = len(run_gaps)
        result = read()
        if result is None:
            return []
        documents, gaps = result
        if len(run_gaps) == failed_before:  # every read answered: this is the commit's result for good
            cache.put(key, documents_to_cache(documents, gaps))
    run_gaps.extend(gaps)
    return sorted(documents, key=lambda d: d.path)
