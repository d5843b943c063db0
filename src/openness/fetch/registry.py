"""The registry of sources: which kind, prefix or URL host belongs to which ``Source``.

Built-in sources are listed in ``BUILTIN`` by module (each module's ``SOURCES``), loaded on
first use so importing openness never imports a forge's client library. A program can add its
own with ``register``.

Adding a source: a module with a class that satisfies ``interface.Source`` (its kind, label,
prefixes, forms, hosts, parsing, and a ``fetch`` that imports the client library on use and
builds ``Member``s stating their ``offers``), ``SOURCES = [TheSource()]``, and one line in
``BUILTIN``. HTTP sources use ``http`` (counter, cache, retries) and ``failures`` (errors, gaps).
"""

from __future__ import annotations

import importlib
import threading

from .interface import Source

BUILTIN = (
    "openness.fetch.local",
    "openness.fetch.saved",
    "openness.fetch.github_source",
    "openness.fetch.hub_source",
    "openness.fetch.gitlab_source",
)
"""Modules whose ``SOURCES`` are registered on first use: one line per source module."""

_sources: dict[str, Source] = {}
_loaded = False
_lock = threading.Lock()


def register(source: Source) -> None:
    """Add ``source``; its kind and prefixes must not be taken by another source."""
    with _lock:
        _register(source)


def _register(source: Source) -> None:
    if source.kind in _sources and _sources[source.kind] is not source:
        raise ValueError(f"a source of kind {source.kind!r} is already registered")
    taken = {p.lower() for s in _sources.values() if s is not source for p in s.prefixes}
    clash = taken & {p.lower() for p in source.prefixes}
    if clash:
        raise ValueError(f"target prefix {sorted(clash)[0]!r} is already registered")
    _sources[source.kind] = source


def sources() -> list[Source]:
    """Every registered source, built-in ones first."""
    global _loaded
    if not _loaded:
        with _lock:
            if not _loaded:
                for name in BUILTIN:
                    for source in importlib.import_module(name).SOURCES:
                        _register(source)
                _loaded = True
    return list(_sources.values())


def get(kind: str) -> Source | None:
    """The source of ``kind`` (``github``, ``hf_model`` …), or None when none is registered."""
    return next((s for s in sources() if s.kind == kind), None)


def kinds() -> list[str]:
    return [s.kind for s in sources()]


def by_prefix(text: str) -> tuple[Source, str] | None:
    """The source whose prefix ``text`` starts with (case-insensitive), and the text after it."""
    lowered = text.lower()
    for source in sources():
        for prefix in sorted(source.prefixes, key=len, reverse=True):
            if lowered.startswith(prefix.lower()):
                return source, text[len(prefix):]
    return None


def by_host(host: str) -> Source | None:
    """The source that accepts URLs on ``host`` (``www.`` is ignored)."""
    host = host.lower().removeprefix("www.")
    return next((s for s in sources() if host in s.hosts()), None)
