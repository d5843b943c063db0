"""When GitLab says no: the same one-line errors and gaps as every source, through the shared mapping."""

from __future__ import annotations

import socket
import sys

import pytest

from openness import api
from openness.cli import main
from openness.fetch.failures import AuthRefused, NotFound, PrivateOrMissing, RateLimited, Unavailable

from .conftest import COLD_REQUESTS, TOKEN, project
from .fake import FakeGitLab, Reply

PROJECT = "/api/v4/projects/acme%2Fml%2Ftiny-llm"
LIMITED = b"Retry later\n"


def _limited(retry_after: int) -> Reply:
    """GitLab.com's 429: plain text, ``Retry-After`` and the ``RateLimit-*`` headers."""
    return Reply(429, LIMITED, {"Retry-After": str(retry_after), "RateLimit-Limit": "2000",
                                "RateLimit-Observed": "2001", "RateLimit-Remaining": "0",
                                "RateLimit-Reset": "9999999999", "RateLimit-ResetTime": "Sat, 20 Nov 2286 17:46:39 GMT"})


def test_not_found_is_one_line_and_exit_code_3(fake: FakeGitLab, monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "argv", ["openness", "score", "gitlab:acme/nope"])
    with pytest.raises(SystemExit) as exit_:
        main()
    assert exit_.value.code == 3
    lines = [line for line in capsys.readouterr().err.splitlines() if "error" in line]
    assert len(lines) == 1 and "gitlab:acme/nope: not found on GitLab" in lines[0] and "GITLAB_TOKEN" in lines[0]
    assert "Traceback" not in lines[0]
    assert len(fake.log) == 1


def test_a_private_project_needs_the_token(fake: FakeGitLab, monkeypatch: pytest.MonkeyPatch) -> None:
    fake.add(project(visibility="private"))
    with pytest.raises(PrivateOrMissing, match="private and you need a token with access to it in GITLAB_TOKEN"):
        api.fetch_evidence("gitlab:acme/ml/tiny-llm")
    monkeypatch.setenv("GITLAB_TOKEN", TOKEN)
    assert api.fetch_evidence("gitlab:acme/ml/tiny-llm").primary.host.visibility == "private"


def test_a_refused_token_names_the_variable_not_the_token(fake: FakeGitLab, monkeypatch: pytest.MonkeyPatch) -> None:
    wrong = "glpat-" + "WrongWrongWrong00000"
    monkeypatch.setenv("GITLAB_TOKEN", wrong)
    fake.add(project())
    with pytest.raises(AuthRefused) as caught:
        api.fetch_evidence("gitlab:acme/ml/tiny-llm")
    message = str(caught.value)
    assert "refused the token from GITLAB_TOKEN (401" in message and "WrongWrong" not in message
    assert caught.value.exit_code == 3


def test_an_unknown_revision(fake: FakeGitLab) -> None:
    fake.add(project())
    with pytest.raises(NotFound, match=r"revision 'v9' not found"):
        api.fetch_evidence("gitlab:acme/ml/tiny-llm@v9")


def test_a_rate_limit_far_away_stops_at_once(fake: FakeGitLab) -> None:
    fake.add(project())
    fake.script(PROJECT, [_limited(3600)])
    with pytest.raises(RateLimited, match=r"GitLab rate limit exceeded; the limit resets at .*GITLAB_TOKEN"):
        api.fetch_evidence("gitlab:acme/ml/tiny-llm")
    assert len(fake.log) == 1


def test_a_short_retry_after_is_honoured(fake: FakeGitLab) -> None:
    fake.add(project())
    fake.script(PROJECT, [_limited(0)])
    evidence = api.fetch_evidence("gitlab:acme/ml/tiny-llm")
    assert evidence.requests == COLD_REQUESTS + 1 == len(fake.log)


def test_a_rate_limit_midway_keeps_what_was_fetched(fake: FakeGitLab, capsys: pytest.CaptureFixture[str]) -> None:
    fake.add(project())
    fake.script("/repository/contributors", [_limited(3600)])
    member = api.fetch_evidence("gitlab:acme/ml/tiny-llm").primary
    assert member.files and member.documents
    kinds = {g.what: g.kind for g in member.gaps}
    assert kinds["contributors"] == kinds["releases"] == kinds["tags"] == "rate_limited"
    assert member.host.contributors is None and member.releases == []
    assert not fake.requests("/releases") and not fake.requests("/repository/tags")  # nothing asked after the limit
    assert "unknown" in capsys.readouterr().err


def test_server_errors_are_retried_then_explained(fake: FakeGitLab) -> None:
    fake.add(project())
    fake.script(PROJECT, [Reply(502, {"message": "502 Bad Gateway"})] * 4)
    with pytest.raises(Unavailable, match="GitLab kept failing"):
        api.fetch_evidence("gitlab:acme/ml/tiny-llm")
    assert len(fake.log) == 4  # the first attempt and 3 retries


def test_a_passing_server_error_costs_one_request(fake: FakeGitLab) -> None:
    fake.add(project())
    fake.script(PROJECT, [Reply(503, {"message": "503 Service Unavailable"})])
    assert api.fetch_evidence("gitlab:acme/ml/tiny-llm").requests == COLD_REQUESTS + 1


def test_a_lost_document_is_a_gap_of_the_same_kind_as_elsewhere(fake: FakeGitLab) -> None:
    fake.add(project())
    fake.script("/repository/files/LICENSE/raw", [Reply(404, {"message": "404 File Not Found"})])
    member = api.fetch_evidence("gitlab:acme/ml/tiny-llm").primary
    gap = next(g for g in member.gaps if g.what == "LICENSE")
    assert gap.kind == "not_found" and member.document("LICENSE") is None
    again = api.fetch_evidence("gitlab:acme/ml/tiny-llm").primary  # a failed read is not cached
    assert again.document("LICENSE") is not None


def test_an_answer_of_the_wrong_shape_is_one_clear_error(fake: FakeGitLab) -> None:
    fake.script(PROJECT, [Reply(200, {"id": "not a number", "path_with_namespace": "acme/ml/tiny-llm"})])
    with pytest.raises(Exception, match="not in the expected shape") as error:
        api.fetch_evidence("gitlab:acme/ml/tiny-llm")
    assert getattr(error.value, "exit_code", None) == 3 and "\n" not in str(error.value)


def test_connection_refused(fake: FakeGitLab, monkeypatch: pytest.MonkeyPatch) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv("GITLAB_URL", f"http://127.0.0.1:{port}")
    with pytest.raises(Unavailable, match="cannot connect to GitLab .*GITLAB_URL"):
        api.fetch_evidence("gitlab:acme/ml/tiny-llm")
