"""Stores for the history tests: a SQLite file per test, and a PostgreSQL database per test on a
throwaway cluster started once per session (skipped, with the reason, when none can be started)."""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from ..huggingface.conftest import gh, hub
from .postgres import Cluster, Unavailable, create_database

__all__ = ["gh", "hub"]


@pytest.fixture
def sqlite_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite:///{tmp_path / 'history.sqlite3'}"
    monkeypatch.setenv("OPENNESS_DB", url)
    return url


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    external = os.environ.get("OPENNESS_TEST_POSTGRES", "").strip()
    if external:
        yield external
        return
    # Not under pytest's tmp folder: it is private to root, and the server may run as 'postgres'.
    root = Path(tempfile.mkdtemp(prefix="openness-pg-"))
    try:
        cluster = Cluster(root)
    except Unavailable as why:
        shutil.rmtree(root, ignore_errors=True)
        pytest.skip(f"PostgreSQL tests skipped: {why}")
    try:
        yield cluster.url
    finally:
        cluster.stop()
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def postgres_url(postgres_server: str, monkeypatch: pytest.MonkeyPatch) -> str:
    url = create_database(postgres_server, f"openness_{uuid.uuid4().hex[:12]}")
    monkeypatch.setenv("OPENNESS_DB", url)
    return url


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest) -> str:
    """Each test that takes it runs on both backends."""
    return str(request.getfixturevalue("sqlite_url" if request.param == "sqlite" else "postgres_url"))
