"""The history store: every recorded report of every target, in one database.

SQLite under the user data directory by default, PostgreSQL when a ``postgresql://`` URL is given
(``--db`` or ``OPENNESS_DB``). One data-access layer (SQLAlchemy Core) for both; the schema is
versioned with the Alembic migrations shipped in ``migrations/``, applied when a store is opened,
so a newer tool upgrades an older database in place and never loses what it holds.
"""

from __future__ import annotations

from .rows import HistoryEntry, criteria_digest
from .store import DB_VARIABLE, HistoryStore, StoreError, default_url, open_store

__all__ = ["DB_VARIABLE", "HistoryEntry", "HistoryStore", "StoreError", "criteria_digest", "default_url",
           "open_store"]
