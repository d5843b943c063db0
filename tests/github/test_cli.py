"""``openness score github:…`` end to end against the fake GitHub: Markdown, JSON, exit codes."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from typer.testing import CliRunner

from openness.cli import app

from ..conftest import CliRun
from .fake import FakeGitHub
from .repos import COLD_REQUESTS, TOKEN_COLD_REQUESTS, RepoSpec, serve_repo


def test_score_json_reports_the_request_count(fake: FakeGitHub) -> None:
    spec = serve_repo(fake)
    result = CliRunner().invoke(app, ["score", "github:octo-org/llm-kit", "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["target"]["id"] == "octo-org/llm-kit"
    assert report["fetch"]["requests"] == COLD_REQUESTS
    assert report["score"]["overall"] is not None
    assert any(g["what"] == "branch protection" for g in report["fetch"]["gaps"])
    assert spec.sha in result.stdout


def test_score_markdown_links_to_github_at_the_commit(fake: FakeGitHub) -> None:
    spec = serve_repo(fake)
    result = CliRunner().invoke(app, ["score", "https://github.com/octo-org/llm-kit", "--format", "md"])
    assert result.exit_code == 0, result.output
    assert "octo-org/llm-kit" in result.stdout
    assert f"https://github.com/octo-org/llm-kit/blob/{spec.sha}/" in result.stdout


def test_not_found_is_one_line_and_exit_code_3(fake: FakeGitHub, run_cli: Callable[..., CliRun],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GH_TOKEN", "ghp_doesnotleakdoesnotleak0000")
    done = run_cli("score", "github:octo-org/nope")
    assert done.code == 3
    lines = [line for line in done.stderr.splitlines() if "error" in line]
    assert len(lines) == 1 and "not found" in lines[0] and "GH_TOKEN" in lines[0]
    assert "Traceback" not in done.stderr and "doesnotleak" not in done.stderr + done.stdout


def test_with_a_token_the_report_counts_three_requests(fake: FakeGitHub, run_cli: Callable[..., CliRun],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GH_TOKEN", "ghp_" + "cli0token" * 4)
    serve_repo(fake)
    cold = run_cli("score", "github:octo-org/llm-kit", "--format", "json")
    warm = run_cli("score", "github:octo-org/llm-kit", "--format", "json")
    assert cold.code == warm.code == 0, cold.stderr
    assert json.loads(cold.stdout)["fetch"]["requests"] == TOKEN_COLD_REQUESTS
    assert json.loads(warm.stdout)["fetch"]["requests"] == 1 and fake.log[-1].status == 304
    assert json.loads(cold.stdout)["score"] == json.loads(warm.stdout)["score"]


def test_an_archived_repository_is_reported_deprecated_at_the_top(fake: FakeGitHub) -> None:
    serve_repo(fake, RepoSpec(archived=True))
    result = CliRunner().invoke(app, ["score", "github:octo-org/llm-kit", "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["headline"]["parts"][0] == {"text": "DEPRECATED: the repository is archived", "status": "fail"}
    activity = next(f for f in report["findings"] if f["criterion"] == "recent-activity")
    assert activity["status"] == "fail" and "archived" in activity["reason"]
