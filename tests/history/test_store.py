"""The history store: recording, timelines, the schema migrations, tokens, parallel writers."""

from __future__ import annotations

import multiprocessing
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from openness import api
from openness.assessment import Assessment
from openness.history import open_store
from openness.history.tables import metadata

from .models import REV1, revision_one

WRITERS = 4
EACH = 15


@pytest.fixture
def report(hub) -> Assessment:
    hub.add(revision_one())
    return api.score("hf:acme/tiny-llm", follow_links=False)


def test_a_record_keeps_the_report_and_its_indexed_columns(store_url, report):
    store = open_store(store_url)
    try:
        record_id = store.record(report)
        [entry] = store.timeline("hf_model", "acme/tiny-llm")
        assert entry.id == record_id and entry.revision == REV1 and entry.overall == report.score.overall
        assert entry.dimensions == {name: d.score for name, d in report.dimensions.items()}
        assert entry.verdicts == {lens_id: lens.verdict for lens_id, lens in report.frameworks.items()}
        assert entry.licences["final_parameters"] == "Apache-2.0"
        assert len(entry.criteria_digest) == 64 and entry.tool_version == report.tool.version
        assert store.report(record_id).model_dump_json() == report.model_dump_json()
    finally:
        store.close()


def test_the_newest_schema_is_what_the_queries_expect(store_url):
    store = open_store(store_url)
    try:
        found = inspect(store.engine)
        for table in metadata.sorted_tables:
            assert {c["name"] for c in found.get_columns(table.name)} == {c.name for c in table.columns}
    finally:
        store.close()


def test_a_database_of_the_previous_schema_is_upgraded_without_losing_records(store_url, report):
    store = open_store(store_url, migrate=False)
    try:
        store.migrate("0001")
        with store.engine.begin() as connection:
            assert "report_digest" not in {c["name"] for c in inspect(connection).get_columns("records")}
            connection.execute(text(
                "INSERT INTO records (target_kind, target_id, revision, recorded_at, tool_version, profile, "
                "criteria_digest, overall, grade, coverage, report) VALUES ('hf_model', 'acme/tiny-llm', :rev, "
                ":at, '0.0.9', 'default', :digest, :overall, 'B', 0.9, :report)"),
                {"rev": REV1, "at": "2025-01-01T00:00:00+00:00", "digest": "0" * 64,
                 "overall": report.score.overall, "report": report.model_dump_json()})
    finally:
        store.close()
    upgraded = open_store(store_url)
    try:
        with upgraded.engine.connect() as connection:
            assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == "0002"
        upgraded.record(report)
        old, new = upgraded.timeline("hf_model", "acme/tiny-llm")
        assert (old.tool_version, old.overall) == ("0.0.9", report.score.overall)
        assert upgraded.report(old.id).model_dump_json() == report.model_dump_json() and new.id != old.id
    finally:
        upgraded.close()


def test_the_store_never_holds_a_token(store_url, report, monkeypatch, tmp_path):
    secret = "hf_" + "Q" * 34
    monkeypatch.setenv("HF_TOKEN", secret)
    leaky = report.model_copy(update={"about": report.about.model_copy(update={"description": f"token {secret}"})})
    store = open_store(store_url)
    try:
        record_id = store.record(leaky)
        with store.engine.connect() as connection:
            stored = connection.execute(text("SELECT report FROM records")).scalar_one()
        assert secret not in stored and "***" in stored
        assert secret not in (store.report(record_id).about.description or "")
    finally:
        store.close()
    if store_url.startswith("sqlite"):
        for path in tmp_path.glob("history.sqlite3*"):
            assert secret.encode() not in path.read_bytes()


def _write_many(url: str, report_json: str, count: int) -> None:
    store = open_store(url)
    try:
        report = Assessment.model_validate_json(report_json)
        for _ in range(count):
            store.record(report)
    finally:
        store.close()


def test_parallel_writers_lose_nothing(store_url, report):
    """Several processes open (and migrate) a new store and record at once: every record arrives."""
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_write_many, args=(store_url, report.model_dump_json(), EACH))
               for _ in range(WRITERS)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(120)
    assert [w.exitcode for w in workers] == [0] * WRITERS
    store = open_store(store_url)
    try:
        entries = store.timeline("hf_model", "acme/tiny-llm")
        assert len(entries) == WRITERS * EACH == len({e.id for e in entries})
        with store.engine.connect() as connection:
            assert connection.execute(text("SELECT count(*) FROM dimension_scores")).scalar_one() == \
                WRITERS * EACH * len(report.dimensions)
    finally:
        store.close()


def test_sqlite_runs_in_wal_mode(sqlite_url, report):
    open_store(sqlite_url).close()
    path = Path(sqlite_url.removeprefix("sqlite:///"))
    assert sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0] == "wal"
