"""When GitHub says no: one clear line per failure, bounded waits, request counts, partial evidence."""

from __future__ import annotations

import json
import socket
import sys
import time
from collections.abc import Callable

import pytest

from openness import api
from openness.cli import main
from openness.errors import FetchError
from openness.fetch import github as github_fetcher
from openness.fetch import http as fetch_http
from openness.fetch.failures import AuthRefused, NotFound, PrivateOrMissing, RateLimited, Unavailable
from openness.fetch.github_client import GithubTuning

from ..conftest import CliRun
from .fake import FakeGitHub, Reply
from .repos import COLD_REQUESTS, RepoSpec, commit_json, serve_repo

RATE_LIMITED = {"message": "API rate limit exceeded for 127.0.0.1. (But here's the good news: "
                "Authenticated requests get a higher rate limit.)",
                "documentation_url": "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api"}


def _limited(reset_in: int) -> Reply:
    return Reply(403, RATE_LIMITED, {"X-RateLimit-Limit": "60", "X-RateLimit-Remaining": "0",
                                     "X-RateLimit-Reset": str(int(time.time()) + reset_in)})


def test_not_found_says_it_may_be_private(fake: FakeGitHub) -> None:
    with pytest.raises(PrivateOrMissing, match=r"github:octo-org/nope: not found.*private.*GH_TOKEN or GITHUB_TOKEN"):
        api.fetch_evidence("github:octo-org/nope")
    assert len(fake.log) == 1


def test_unknown_revision(fake: FakeGitHub) -> None:
    serve_repo(fake)
    with pytest.raises(NotFound, match=r"revision 'v9' not found"):
        api.fetch_evidence("github:octo-org/llm-kit@v9")


def test_bad_credentials_name_the_variable_not_the_token(fake: FakeGitHub, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_TOKEN", "ghp_notavalidtokennotavalidtoken1234")
    fake.add("/repos/octo-org/llm-kit/commits/HEAD", {"message": "Bad credentials"}, status=401)  # a token's first request
    with pytest.raises(AuthRefused) as caught:
        api.fetch_evidence("github:octo-org/llm-kit")
    assert "GITHUB_TOKEN" in str(caught.value) and "notavalid" not in str(caught.value)


def test_rate_limit_far_away_stops_at_once(fake: FakeGitHub) -> None:
    spec = serve_repo(fake)
    fake.script(spec.api, [_limited(3600)])
    with pytest.raises(RateLimited, match=r"rate limit exceeded; the limit resets at \d\d:\d\d:\d\d.*GH_TOKEN"):
        api.fetch_evidence("github:octo-org/llm-kit")
    assert len(fake.log) == 1


def test_rate_limit_already_reset_is_retried(fake: FakeGitHub) -> None:
    spec = serve_repo(fake)
    fake.script(spec.api, [_limited(-10)])
    evidence = api.fetch_evidence("github:octo-org/llm-kit")
    assert evidence.requests == COLD_REQUESTS + 1 == len(fake.log)


def test_retry_after_within_the_bound_is_honoured(fake: FakeGitHub) -> None:
    spec = serve_repo(fake)
    fake.script(spec.api, [Reply(429, {"message": "Too many requests"}, {"Retry-After": "0"})])
    assert api.fetch_evidence("github:octo-org/llm-kit").requests == COLD_REQUESTS + 1


def test_retry_after_beyond_the_bound_is_not_waited_for(fake: FakeGitHub) -> None:
    spec = serve_repo(fake)
    fake.script(spec.api, [Reply(429, {"message": "Too many requests"}, {"Retry-After": "3600"})])
    with pytest.raises(RateLimited, match="resets at"):
        api.fetch_evidence("github:octo-org/llm-kit")
    assert len(fake.log) == 1


def test_rate_limit_midway_keeps_what_was_fetched(fake: FakeGitHub, capsys: pytest.CaptureFixture[str]) -> None:
    spec = serve_repo(fake)
    fake.script(f"{spec.api}/contributors", [_limited(3600)], query={"per_page": "1", "anon": "true"})
    evidence = api.fetch_evidence("github:octo-org/llm-kit")
    member = evidence.primary
    assert member.documents and member.files  # fetched before the limit
    kinds = {g.what: g.kind for g in member.gaps}
    assert kinds["contributors"] == kinds["releases"] == kinds["tags"] == "rate_limited"
    reasons = {g.what: g.reason for g in member.gaps}
    assert "resets at" in reasons["contributors"] and "while fetching contributors" in reasons["releases"]
    assert member.host.contributors is None and member.releases == []
    assert len(fake.log) == 6  # nothing asked after the limit was hit
    assert "unknown" in capsys.readouterr().err


def test_server_errors_are_retried_then_explained(fake: FakeGitHub) -> None:
    spec = serve_repo(fake)
    fake.script(spec.api, [Reply(502, {"message": "Server Error"})] * 4)
    with pytest.raises(Unavailable, match="kept failing"):
        api.fetch_evidence("github:octo-org/llm-kit")
    assert len(fake.log) == 4  # the first attempt and 3 retries


def test_a_passing_server_error_costs_one_request(fake: FakeGitHub) -> None:
    spec = serve_repo(fake)
    fake.script(spec.api, [Reply(503, "<html>unavailable</html>")])
    assert api.fetch_evidence("github:octo-org/llm-kit").requests == COLD_REQUESTS + 1


def test_connection_refused(fake: FakeGitHub, monkeypatch: pytest.MonkeyPatch) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv("GITHUB_API_URL", f"http://127.0.0.1:{port}")
    with pytest.raises(Unavailable, match="cannot connect to GitHub"):
        api.fetch_evidence("github:octo-org/llm-kit")


def test_renamed_repository_is_followed(fake: FakeGitHub, capsys: pytest.CaptureFixture[str]) -> None:
    spec = serve_repo(fake, RepoSpec(owner="octo-org", name="llm-kit"))
    fake.add("/repos/octo-org/old-name", {"message": "Moved Permanently", "url": f"https://api.github.com/repositories/{spec.repo_id}"},
             status=301, headers={"Location": f"https://api.github.com/repositories/{spec.repo_id}"})
    fake.add(f"/repositories/{spec.repo_id}", fake.routes[(spec.api, frozenset())].body)
    evidence = api.fetch_evidence("github:octo-org/old-name")
    assert evidence.target.id == "octo-org/old-name"
    assert evidence.primary.id == "octo-org/llm-kit"
    assert evidence.primary.host.extra["renamed_from"] == "octo-org/old-name"
    assert "moved to github:octo-org/llm-kit" in capsys.readouterr().err


def test_empty_repository_is_reported_empty(fake: FakeGitHub) -> None:
    spec = serve_repo(fake)
    fake.add(f"{spec.api}/commits", {"message": "Git Repository is empty."}, status=409,
             query={"sha": "main", "per_page": "100"})
    member = api.fetch_evidence("github:octo-org/llm-kit").primary
    assert member.files == [] and member.revision is None
    assert [(g.what, g.kind) for g in member.gaps] == [("repository", "empty_repository")]
    assert api.score_evidence(api.fetch_evidence("github:octo-org/llm-kit")).target.id == "octo-org/llm-kit"


def _busy(fake: FakeGitHub) -> RepoSpec:
    spec = serve_repo(fake)
    fake.add(f"{spec.api}/commits", [commit_json(spec, i, 1 + i % 80) for i in range(100)],
             query={"sha": "main", "per_page": "100"})
    return spec


def test_busy_repository_asks_participation_statistics(fake: FakeGitHub) -> None:
    spec = _busy(fake)
    fake.script(f"{spec.api}/stats/participation", [Reply(202, {})])
    fake.add(f"{spec.api}/stats/participation", {"all": [0] * 39 + [20] * 13, "owner": [0] * 52})
    evidence = api.fetch_evidence("github:octo-org/llm-kit")
    assert evidence.primary.host.commits_90d == 260
    assert evidence.requests == COLD_REQUESTS + 2


def test_statistics_still_computing_become_unknown(fake: FakeGitHub) -> None:
    spec = _busy(fake)
    fake.script(f"{spec.api}/stats/participation", [Reply(202, {})] * 5)
    evidence = api.fetch_evidence("github:octo-org/llm-kit")
    assert evidence.primary.host.commits_90d is None
    assert any(g.what == "commit activity" and g.kind == "pending" for g in evidence.primary.gaps)
    assert evidence.requests == COLD_REQUESTS + 3  # bounded: three attempts


def test_archive_failure_marks_documents_unknown(fake: FakeGitHub) -> None:
    spec = serve_repo(fake)
    fake.script(f"/_codeload/{spec.full_name}/legacy.tar.gz/{spec.sha}", [Reply(500, {"message": "boom"})] * 4)
    member = api.fetch_evidence("github:octo-org/llm-kit").primary
    assert member.documents == [] and member.files
    assert any(g.what == "files" and g.kind == "server_error" for g in member.gaps)


def test_server_messages_never_carry_the_token(fake: FakeGitHub, monkeypatch: pytest.MonkeyPatch) -> None:
    secret = "ghp_" + "Leaky0" * 6
    monkeypatch.setenv("GH_TOKEN", secret)
    fake.add("/repos/octo-org/llm-kit/commits/HEAD", {"message": f"token {secret} is suspended"}, status=403)
    with pytest.raises(Exception) as caught:
        api.fetch_evidence("github:octo-org/llm-kit")
    assert "suspended" in str(caught.value) and secret not in str(caught.value)


def test_a_damaged_archive_is_a_gap_not_a_crash(fake: FakeGitHub) -> None:
    spec = serve_repo(fake)
    archive = f"/_codeload/{spec.full_name}/legacy.tar.gz/{spec.sha}"
    fake.add(archive, raw=b"\x1f\x8b\x08\x00 cut off here", headers={"Content-Type": "application/x-gzip"})
    evidence = api.fetch_evidence("github:octo-org/llm-kit")
    gaps = {g.what: g for g in evidence.primary.gaps}
    assert gaps["files"].kind == "server_error" and "damaged" in gaps["files"].reason
    assert evidence.primary.files and not evidence.primary.documents


def test_an_answer_of_the_wrong_shape_is_one_clear_error(fake: FakeGitHub) -> None:
    spec = serve_repo(fake)
    fake.add(spec.api, {"full_name": "octo-org/llm-kit", "stargazers_count": "lots", "default_branch": "main"})
    with pytest.raises(FetchError, match="not in the expected shape") as error:
        api.fetch_evidence("github:octo-org/llm-kit")
    assert error.value.exit_code == 3 and "\n" not in str(error.value)


def test_a_bug_in_the_tool_is_not_blamed_on_the_server(fake: FakeGitHub, monkeypatch: pytest.MonkeyPatch,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    serve_repo(fake)

    def broken(raw: object) -> None:
        raise KeyError("stars")  # what the old catch-all reported as "the server's answer was not in the expected shape"

    monkeypatch.setattr(github_fetcher, "_host_facts", broken)
    with pytest.raises(KeyError):
        api.fetch_evidence("github:octo-org/llm-kit")
    monkeypatch.setattr(sys, "argv", ["openness", "score", "github:octo-org/llm-kit"])
    with pytest.raises(SystemExit) as exit_:
        main()
    last = capsys.readouterr().err.strip().splitlines()[-1]
    assert exit_.value.code == 4  # an internal error, not a failed fetch (3)
    assert "internal error: KeyError" in last and "expected shape" not in last


SECONDARY = {"message": "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
             "documentation_url": "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api"}


def test_a_secondary_rate_limit_stops_optional_requests_within_the_budget(
        fake: FakeGitHub, run_cli: Callable[..., CliRun], monkeypatch: pytest.MonkeyPatch) -> None:
    spec = serve_repo(fake)
    waits: list[float] = []
    monkeypatch.setattr(fetch_http.time, "sleep", waits.append)
    limited = Reply(403, SECONDARY, {"Retry-After": "40"})
    for path, query in [("/contributors", {"per_page": "1", "anon": "true"}),
                        ("/releases", {"per_page": "10"}), ("/tags", {"per_page": "10"})]:
        fake.script(f"{spec.api}{path}", [limited] * 4, query=query)
    done = run_cli("score", "github:octo-org/llm-kit", "--format", "json")
    assert done.code == 0, done.stderr
    assert sum(waits) <= 60  # the run's wait budget, not 40 s per retry of each endpoint
    gaps = {g["what"]: g for g in json.loads(done.stdout)["fetch"]["gaps"]}
    optional = ("contributors", "releases", "tags")
    assert {gaps[what]["kind"] for what in optional} == {"rate_limited"}
    assert "server error" not in gaps["contributors"]["reason"] and "rate limit" in gaps["contributors"]["reason"]
    assert len({gaps[what]["reason"] for what in optional}) == len(optional)  # each its own reason
    assert "while fetching contributors" in gaps["tags"]["reason"]
    assert not any(s.path.endswith(("/releases", "/tags")) for s in fake.log)
    assert all(line.startswith("openness:") for line in done.stderr.splitlines())  # no library log lines


def test_a_secondary_rate_limit_without_retry_after_is_a_rate_limit(fake: FakeGitHub,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    spec = serve_repo(fake)
    monkeypatch.setattr(fetch_http.time, "sleep", lambda _: None)
    fake.script(f"{spec.api}/releases", [Reply(403, SECONDARY)] * 4, query={"per_page": "10"})
    gaps = {g.what: g for g in api.fetch_evidence("github:octo-org/llm-kit").primary.gaps}
    assert gaps["releases"].kind == "rate_limited" and "server error" not in gaps["releases"].reason
    assert gaps["tags"].kind == "rate_limited" and "while fetching releases" in gaps["tags"].reason


def test_server_errors_beyond_the_wait_budget_stop_the_retries(fake: FakeGitHub,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    spec = serve_repo(fake)
    waits: list[float] = []
    monkeypatch.setattr(fetch_http.time, "sleep", waits.append)
    monkeypatch.setattr(github_fetcher, "DEFAULT_TUNING", GithubTuning(retries=10, backoff_factor=8, timeout=5))
    fake.script(spec.api, [Reply(502, {"message": "Server Error"})] * 11)
    with pytest.raises(Unavailable, match="60 s wait budget"):
        api.fetch_evidence("github:octo-org/llm-kit")
    assert sum(waits) <= 60 and len(fake.log) < 11


def test_pygithub_log_lines_never_reach_stderr() -> None:
    """Importing PyGithub adds a stderr handler at INFO to the ``github`` logger; the fetcher removes it."""
    import logging

    import openness.fetch.github  # noqa: F401 - the import that configures the logger

    pygithub = logging.getLogger("github")
    assert not pygithub.propagate
    assert not any(type(handler) is logging.StreamHandler for handler in pygithub.handlers), pygithub.handlers
