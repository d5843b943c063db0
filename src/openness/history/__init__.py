"""The history store: every recorded report of every target, in one database.

SQLite under the user data directory by default, PostgreSQL when a ``postgresql://`` URL is given
(``--db`` or ``OPENNESS_DB``). One data-access layer (SQLAlchemy Core) for both; the schema is
versioned with the Alembic migrations shipped in ``migrations/``, applied when a store is opened,
so a newer tool upgrades an older database in place and never loses what it holds.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from .rows import HistoryEntry, criteria_digest

if TYPE_CHECKING:
    from .store import DB_VARIABLE, HistoryStore, StoreError, default_url, open_store

_STORE_NAMES = frozenset({"DB_VARIABLE", "HistoryStore", "StoreError", "default_url", "open_store"})


@contextmanager
def opened_store(db: str | None = None) -> Iterator[HistoryStore]:
    """The store at ``db`` (see ``open_store``), closed when the block ends; the database layer is
    imported only here, on first use."""
    from .store import open_store

    store = open_store(db)
    try:
        yield store
    finally:
        store.close()


def __getattr__(name: str) -> Any:
    """The store's names, imported on first use: SQLAlchemy and Alembic cost about 0.4 s of start-up,
    which every command that records nothing would pay."""
    if name in _STORE_NAMES:
        from . import store

        return getattr(store, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__all__ = ["DB_VARIABLE", "HistoryEntry", "HistoryStore", "StoreError", "criteria_digest", "default_url",
           "open_store", "opened_store"]
