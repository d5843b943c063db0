"""The store itself: open (and migrate) a database, record reports, read timelines back.

Concurrency: on SQLite the database runs in WAL mode with a busy timeout, and every transaction
starts with ``BEGIN IMMEDIATE``, so parallel writers queue for the write lock instead of failing;
on PostgreSQL each record is one transaction, and migrations take an advisory lock, so two
machines upgrading one database at once do not both run a migration.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any

import platformdirs
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event, insert, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError, SQLAlchemyError

from ..assessment import Assessment
from ..errors import OpennessError, UsageError
from .rows import HistoryEntry, dimension_rows, licence_rows, record_row, report_text, verdict_rows
from .tables import component_licences, dimension_scores, records, verdicts

DB_VARIABLE = "OPENNESS_DB"
BUSY_TIMEOUT_MS = 60_000
"""How long a SQLite writer waits for another's write lock before giving up: far longer than one
record takes, so only a stuck process makes a writer fail."""
_MIGRATION_LOCK = 0x6F70656E  # "open": the PostgreSQL advisory lock key migrations hold


class StoreError(OpennessError):
    """The history store cannot be opened or read: a bad URL, a server that does not answer."""

    exit_code = 3


def default_url() -> str:
    """``OPENNESS_DB``, else ``history.sqlite3`` in the user data directory."""
    configured = os.environ.get(DB_VARIABLE, "").strip()
    if configured:
        return configured
    folder = Path(platformdirs.user_data_dir("openness", appauthor=False))
    return f"sqlite:///{folder / 'history.sqlite3'}"


def _engine(url_text: str) -> Engine:
    try:
        url = make_url(url_text)
    except ArgumentError:
        raise UsageError("the history database URL is not a database URL (sqlite:///PATH or postgresql://…)") from None
    if url.get_backend_name() == "postgresql":
        url = url.set(drivername="postgresql+psycopg")
    elif url.get_backend_name() != "sqlite":
        raise UsageError(f"history database: unsupported backend '{url.get_backend_name()}' (sqlite or postgresql)")
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        try:
            Path(url.database).parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError(f"cannot create the history folder: {error.strerror}") from None
    try:
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000}
                               if url.get_backend_name() == "sqlite" else {})
    except (NoSuchModuleError, ImportError):
        raise StoreError("PostgreSQL needs psycopg: pip install 'openness[postgres]'") from None
    if url.get_backend_name() == "sqlite":
        _sqlite_pragmas(engine)
    return engine


def _sqlite_pragmas(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # let the "begin" hook below issue BEGIN itself
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def alembic_config(connection: Connection | None = None) -> Config:
    """The Alembic configuration of the shipped migrations (``connection``: the one to migrate)."""
    config = Config()
    config.set_main_option("script_location", str(resources.files("openness.history").joinpath("migrations")))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


class HistoryStore:
    """One open history database. Use :func:`open_store`, which migrates it first."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def close(self) -> None:
        self.engine.dispose()

    def migrate(self, revision: str = "head") -> None:
        """Upgrade the schema to ``revision`` (default: the newest); a no-op when it is there."""
        with self._connection() as connection:
            if revision == "head" and MigrationContext.configure(connection).get_current_revision() == head_revision():
                return
        with self._transaction() as connection:
            if connection.dialect.name == "postgresql":
                connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_MIGRATION_LOCK})")
            command.upgrade(alembic_config(connection), revision)

    def record(self, assessment: Assessment) -> int:
        """Store one report and its indexed columns in one transaction; the new record's id."""
        text = report_text(assessment)
        with self._transaction() as connection:
            record_id = int(connection.execute(insert(records).values(record_row(assessment, text))
                                               .returning(records.c.id)).scalar_one())
            for table, rows in ((dimension_scores, dimension_rows(assessment)), (verdicts, verdict_rows(assessment)),
                                (component_licences, licence_rows(assessment))):
                if rows:
                    connection.execute(insert(table), [row | {"record_id": record_id} for row in rows])
        return record_id

    def timeline(self, target_kind: str, target_id: str) -> list[HistoryEntry]:
        """Every record of one target, oldest first (ties: in the order recorded)."""
        with self._connection() as connection:
            rows = connection.execute(
                select(records.c.id, records.c.revision, records.c.recorded_at, records.c.tool_version,
                       records.c.profile, records.c.criteria_digest, records.c.overall, records.c.grade,
                       records.c.coverage)
                .where(records.c.target_kind == target_kind, records.c.target_id == target_id)
                .order_by(records.c.recorded_at, records.c.id)).all()
            ids = [row.id for row in rows]
            dims = _grouped(connection, dimension_scores, "dimension", "score", ids)
            lens = _grouped(connection, verdicts, "lens", "verdict", ids)
            lics = _grouped(connection, component_licences, "component", "license_id", ids)
        return [HistoryEntry(id=row.id, target=target_id, revision=row.revision, recorded_at=row.recorded_at,
                             tool_version=row.tool_version, profile=row.profile, criteria_digest=row.criteria_digest,
                             overall=row.overall, grade=row.grade, coverage=row.coverage,
                             dimensions=dims.get(row.id, {}), verdicts=lens.get(row.id, {}),
                             licences=lics.get(row.id, {}))
                for row in rows]

    def report(self, record_id: int) -> Assessment:
        """The whole report of one record."""
        with self._connection() as connection:
            text = connection.execute(select(records.c.report).where(records.c.id == record_id)).scalar_one_or_none()
        if text is None:
            raise StoreError(f"history: no record {record_id}")
        return Assessment.model_validate(json.loads(text))

    @contextmanager
    def _connection(self) -> Iterator[Connection]:
        try:
            with self.engine.connect() as connection:
                yield connection
        except OperationalError as error:
            raise StoreError(f"history database: {_short(error)}") from None

    @contextmanager
    def _transaction(self) -> Iterator[Connection]:
        try:
            with self.engine.begin() as connection:
                yield connection
        except OperationalError as error:
            raise StoreError(f"history database: {_short(error)}") from None


def _grouped(connection: Connection, table: Any, key: str, value: str, ids: list[int]) -> dict[int, dict[str, Any]]:
    """``record id → {key: value}`` of a child table, for the records ``ids`` (in chunks: SQLite
    caps the parameters of one statement)."""
    grouped: dict[int, dict[str, Any]] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        for row in connection.execute(select(table.c.record_id, table.c[key], table.c[value])
                                      .where(table.c.record_id.in_(chunk))):
            grouped.setdefault(row[0], {})[row[1]] = row[2]
    return grouped


def _short(error: SQLAlchemyError) -> str:
    """The driver's own first line, never the statement or its parameters (they hold the report)."""
    original = getattr(error, "orig", None) or error
    return str(original).strip().splitlines()[0] if str(original).strip() else type(original).__name__


def open_store(url: str | None = None, *, migrate: bool = True) -> HistoryStore:
    """Open the store at ``url`` (default: :func:`default_url`), upgrading its schema to the newest."""
    store = HistoryStore(_engine(url or default_url()))
    if migrate:
        try:
            store.migrate()
        except SQLAlchemyError as error:
            store.close()
            raise StoreError(f"history database: {_short(error)}") from None
    return store
