"""Each test gets its own fake GitHub, its own openness cache, no token of the developer's, and no waits."""

from __future__ import annotations

from pathlib import Path

import github.Consts
import pytest
from pytest_httpserver import HTTPServer

from openness.fetch import github as github_fetcher
from openness.fetch import http
from openness.fetch.github_client import GithubTuning

from .fake import FakeGitHub

NO_WAITS = GithubTuning(retries=3, backoff_factor=0, timeout=5, seconds_between_requests=None,
                        stats_attempts=3, stats_wait=0)


@pytest.fixture
def fake(httpserver: HTTPServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> FakeGitHub:
    server = FakeGitHub(httpserver)
    monkeypatch.setenv("GITHUB_API_URL", server.url)
    monkeypatch.setenv("OPENNESS_CACHE_DIR", str(tmp_path / "cache"))
    for name in ("GH_TOKEN", "GITHUB_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(github_fetcher, "DEFAULT_TUNING", NO_WAITS)
    monkeypatch.setattr(github.Consts, "PROCESSING_202_WAIT_TIME", 0)
    monkeypatch.setattr(http, "_shown_notices", set())
    return server
