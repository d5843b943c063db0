"""With a token: the commit, the tree and one GraphQL query; documents as blobs, parts as gaps."""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from pathlib import Path

import pytest

from openness import api
from openness.fetch import FetchOptions
from openness.fetch import github_graphql as graphql
from openness.fetch import http as fetch_http
from openness.fetch.failures import NotFound, PrivateOrMissing, RateLimited
from openness.fetch.github import fetch_github_member
from openness.fetch.github_client import graphql_url
from openness.fetch.http import RequestCounter

from ..conftest import CliRun
from .fake import FakeGitHub, Reply
from .repos import COLD_REQUESTS, FILES, TOKEN_COLD_REQUESTS, RepoSpec, facts, graphql_data, serve_repo

TOKEN = "ghp_" + "Gr4phQLt0ken" * 4


@pytest.fixture
def token(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("GH_TOKEN", TOKEN)
    return TOKEN


@pytest.fixture
def no_sleep(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Every wait the retry policy asks for, recorded instead of slept."""
    waits: list[float] = []
    monkeypatch.setattr(fetch_http.time, "sleep", waits.append)
    return waits


def test_the_same_facts_as_the_rest_path(fake: FakeGitHub, token: str, monkeypatch: pytest.MonkeyPatch) -> None:
    spec = serve_repo(fake)
    member = api.fetch_evidence("github:octo-org/llm-kit").primary
    monkeypatch.delenv("GH_TOKEN")
    rest = api.fetch_evidence("github:octo-org/llm-kit", use_cache=False).primary
    assert member.revision == rest.revision == spec.sha
    assert member.files == rest.files and member.documents == rest.documents
    assert member.releases == rest.releases and member.links == rest.links
    same = ("description", "homepage", "topics", "license_detected", "stars", "default_branch", "has_issues",
            "commits_90d", "last_modified", "fork", "archived")
    assert {f: getattr(member.host, f) for f in same} == {f: getattr(rest.host, f) for f in same}
    assert member.host.contributors == len(spec.commit_days_ago)  # distinct authors of the 6 commits
    assert member.host.community["files"]["contributing"].endswith("/CONTRIBUTING.md")
    assert member.host.community["files"]["code_of_conduct"] is False
    assert {g.what for g in member.gaps} == {g.what for g in rest.gaps} == {"branch protection"}


def test_documents_are_blobs_not_an_archive(fake: FakeGitHub, token: str) -> None:
    serve_repo(fake)
    evidence = api.fetch_evidence("github:octo-org/llm-kit")
    assert evidence.requests == TOKEN_COLD_REQUESTS == len(fake.log)
    assert not any("tarball" in s.path or "codeload" in s.path or "/contents/" in s.path for s in fake.log)
    query = next(s for s in fake.log if s.path == "/graphql")
    asked = sorted(v.split(":", 1)[1] for k, v in query.variables.items() if k.startswith("e"))
    assert asked == sorted(d.path for d in evidence.primary.documents)  # sub-folder ones too (.github/workflows)
    cost = evidence.primary.host.extra["fetch"]
    assert cost["requests"] == TOKEN_COLD_REQUESTS
    assert cost["bytes"] == sum(s.size for s in fake.log)  # every body counted
    assert 0 < cost["document_bytes_downloaded"] <= 2 * cost["document_bytes"]


def test_both_paths_download_about_the_documents_bytes(fake: FakeGitHub, monkeypatch: pytest.MonkeyPatch) -> None:
    weights = random.Random(0).randbytes(300_000)  # incompressible, not a document, and before requirements.txt in the archive
    serve_repo(fake, RepoSpec(files={**FILES, "assets/weights.bin": weights}))
    rest = api.fetch_evidence("github:octo-org/llm-kit", use_cache=False).primary.host.extra["fetch"]
    assert rest["requests"] == COLD_REQUESTS + 1  # the archive up to README.md, requirements.txt on its own
    streamed = ("codeload", "/raw/")
    assert rest["bytes"] == (sum(s.size for s in fake.log if not any(m in s.path for m in streamed))
                             + rest["document_bytes_downloaded"])
    assert rest["document_bytes_downloaded"] <= 2 * rest["document_bytes"]  # not the weights
    assert [s.path.rsplit("/", 1)[-1] for s in fake.log if s.path.startswith("/raw/")] == ["requirements.txt"]
    monkeypatch.setenv("GH_TOKEN", TOKEN)
    blobs = api.fetch_evidence("github:octo-org/llm-kit", use_cache=False).primary.host.extra["fetch"]
    assert blobs["requests"] == TOKEN_COLD_REQUESTS
    assert blobs["document_bytes_downloaded"] <= 2 * blobs["document_bytes"] == 2 * rest["document_bytes"]


def test_offline_after_a_token_run_reads_the_member_cache(fake: FakeGitHub, token: str) -> None:
    serve_repo(fake)
    online = api.fetch_evidence("github:octo-org/llm-kit")
    before = len(fake.log)
    offline = api.fetch_evidence("github:octo-org/llm-kit", offline=True)
    assert len(fake.log) == before and offline.requests == 0
    assert facts(offline.primary) == facts(online.primary)


def test_a_new_commit_is_fetched_again(fake: FakeGitHub, token: str) -> None:
    spec = serve_repo(fake)
    api.fetch_evidence("github:octo-org/llm-kit")
    moved = RepoSpec(files={**FILES, "NOTICE": b"Copyright Octo\n"})
    moved_sha = "f" * 40
    fake.add(f"{spec.api}/commits/HEAD", raw=moved_sha.encode())
    tree = fake.routes[(f"{spec.api}/git/trees/{spec.sha}", frozenset({("recursive", "1")}))]
    fake.add(f"{spec.api}/git/trees/{moved_sha}", tree.body, query={"recursive": "1"})
    fake.graphql(spec.owner, spec.name, lambda v: graphql_data(moved, {**v, "sha": moved.sha}))
    evidence = api.fetch_evidence("github:octo-org/llm-kit")
    assert evidence.primary.revision == moved_sha and evidence.requests == TOKEN_COLD_REQUESTS


def test_a_revision_resolves_through_the_commit(fake: FakeGitHub, token: str) -> None:
    spec = serve_repo(fake)
    fake.add(f"{spec.api}/commits/v1.0.0", raw=spec.sha.encode())
    evidence = api.fetch_evidence("github:octo-org/llm-kit@v1.0.0")
    assert evidence.primary.revision == spec.sha and evidence.target.revision == "v1.0.0"
    fake.add(f"{spec.api}/commits/v9", {"message": "No commit found for SHA: v9"}, status=422)
    with pytest.raises(NotFound, match="revision 'v9' not found"):
        api.fetch_evidence("github:octo-org/llm-kit@v9")


def test_a_missing_repository_is_private_or_missing(fake: FakeGitHub, token: str) -> None:
    with pytest.raises(PrivateOrMissing, match="token from GH_TOKEN has no access"):
        api.fetch_evidence("github:octo-org/nope")


def test_an_empty_repository(fake: FakeGitHub, token: str) -> None:
    spec = serve_repo(fake)
    fake.add(f"{spec.api}/commits/HEAD", {"message": "Git Repository is empty."}, status=409)
    evidence = api.fetch_evidence("github:octo-org/llm-kit")
    assert [(g.what, g.kind) for g in evidence.primary.gaps] == [("repository", "empty_repository")]
    assert evidence.primary.host.stars == 1234 and evidence.requests == 2


def test_a_renamed_repository_is_followed(fake: FakeGitHub, token: str, capsys: pytest.CaptureFixture[str]) -> None:
    spec = serve_repo(fake)
    fake.add("/repos/octo-org/old-name/commits/HEAD", raw=spec.sha.encode())
    fake.add(f"/repos/octo-org/old-name/git/trees/{spec.sha}",
             fake.routes[(f"{spec.api}/git/trees/{spec.sha}", frozenset({("recursive", "1")}))].body,
             query={"recursive": "1"})
    fake.graphql("octo-org", "old-name", lambda v: graphql_data(spec, v))  # GraphQL follows renames
    member = api.fetch_evidence("github:octo-org/old-name").primary
    assert member.id == "octo-org/llm-kit" and member.host.extra["renamed_from"] == "octo-org/old-name"
    assert "moved to github:octo-org/llm-kit" in capsys.readouterr().err


def test_a_lost_part_is_a_gap_with_its_own_reason(fake: FakeGitHub, token: str) -> None:
    spec = serve_repo(fake)

    def partial(variables: dict) -> dict:
        answer = graphql_data(spec, variables)
        answer["data"]["repository"]["releases"] = None
        answer["data"]["repository"]["d1"] = None
        answer["errors"] = [
            {"type": "SERVICE_UNAVAILABLE", "path": ["repository", "releases"], "message": "Releases are unavailable"},
            {"type": "FORBIDDEN", "path": ["repository", "d1"], "message": "Resource not accessible"}]
        return answer

    fake.graphql(spec.owner, spec.name, partial)
    member = api.fetch_evidence("github:octo-org/llm-kit").primary
    gaps = {g.what: g for g in member.gaps}
    query = next(s for s in fake.log if s.path == "/graphql")
    second = query.variables["e1"].split(":", 1)[1]
    assert gaps["releases"].kind == "server_error" and "Releases are unavailable" in gaps["releases"].reason
    assert gaps[second].kind == "forbidden" and "not accessible" in gaps[second].reason
    assert member.document(second) is None and member.documents and member.files
    assert [r.tag for r in member.releases] == spec.tags  # the tags still came


def test_a_large_document_is_not_downloaded_whole(fake: FakeGitHub, token: str) -> None:
    serve_repo(fake, RepoSpec(files={**FILES, "CHANGELOG.md": b"x" * (600 * 1024)}))
    member = api.fetch_evidence("github:octo-org/llm-kit").primary
    gap = next(g for g in member.gaps if g.what == "CHANGELOG.md")
    assert gap.kind == "too_large" and member.host.extra["fetch"]["bytes"] < 100 * 1024


def test_a_secondary_rate_limit_on_the_query_is_a_rate_limit(fake: FakeGitHub, token: str, no_sleep: list[float]) -> None:
    serve_repo(fake)
    limited = Reply(403, {"message": "You have exceeded a secondary rate limit. Please wait a few minutes."},
                    {"Retry-After": "3600"})
    fake.script("/graphql", [limited])
    with pytest.raises(RateLimited, match="rate limit exceeded"):
        api.fetch_evidence("github:octo-org/llm-kit")
    assert no_sleep == []


def test_server_errors_on_the_query_are_retried(fake: FakeGitHub, token: str, no_sleep: list[float]) -> None:
    serve_repo(fake)
    fake.script("/graphql", [Reply(502, {"message": "Server Error"})] * 2)
    evidence = api.fetch_evidence("github:octo-org/llm-kit")
    assert evidence.requests == TOKEN_COLD_REQUESTS + 2 and evidence.primary.documents


def test_a_shared_counter_counts_a_failed_member(fake: FakeGitHub, token: str) -> None:
    serve_repo(fake)
    counter = RequestCounter()
    options = FetchOptions(now=api.clock.now())
    _, count = fetch_github_member("octo-org/llm-kit", None, options, counter=counter)
    with pytest.raises(PrivateOrMissing):
        fetch_github_member("octo-org/nope", None, options, counter=counter)
    assert count == TOKEN_COLD_REQUESTS and counter.total == TOKEN_COLD_REQUESTS + 1 == len(fake.log)


def test_no_request_waits_for_another(fake: FakeGitHub, token: str, no_sleep: list[float],
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    serve_repo(fake)
    api.fetch_evidence("github:octo-org/llm-kit")
    monkeypatch.delenv("GH_TOKEN")
    api.fetch_evidence("github:octo-org/llm-kit", use_cache=False)
    assert no_sleep == []


def test_an_echoed_token_is_stored_nowhere(fake: FakeGitHub, token: str, run_cli: Callable[..., CliRun],
                                           tmp_path: Path) -> None:
    serve_repo(fake, RepoSpec(description=f"mirror of {TOKEN} by accident"))
    out = tmp_path / "evidence.json"
    done = run_cli("fetch", "github:octo-org/llm-kit", "--output", str(out))
    assert done.code == 0, done.stderr
    evidence = json.loads(out.read_text(encoding="utf-8"))
    assert evidence["members"][0]["host"]["description"] == "mirror of *** by accident"
    report = run_cli("score", "github:octo-org/llm-kit", "--format", "json")
    assert report.code == 0 and TOKEN not in report.stdout + report.stderr + done.stdout + done.stderr
    for path in (tmp_path / "cache").rglob("*"):  # the fake fixture's cache
        if path.is_file():
            assert TOKEN.encode() not in path.read_bytes(), path


@pytest.mark.parametrize(("base", "endpoint"), [
    ("https://api.github.com", "https://api.github.com/graphql"),
    ("https://ghe.example.com/api/v3", "https://ghe.example.com/api/graphql"),
])
def test_the_graphql_endpoint_beside_the_rest_root(base: str, endpoint: str) -> None:
    assert graphql_url(base) == endpoint


def test_a_member_with_a_passing_fault_is_not_kept_for_its_commit(fake: FakeGitHub, token: str) -> None:
    spec = serve_repo(fake)

    def without_releases(variables: dict) -> dict:
        answer = graphql_data(spec, variables)
        answer["data"]["repository"]["releases"] = None
        answer["errors"] = [{"type": "SERVICE_UNAVAILABLE", "path": ["repository", "releases"], "message": "try later"}]
        return answer

    fake.graphql(spec.owner, spec.name, without_releases)
    assert any(g.what == "releases" for g in api.fetch_evidence("github:octo-org/llm-kit").primary.gaps)
    fake.graphql(spec.owner, spec.name, lambda v: graphql_data(spec, v))
    again = api.fetch_evidence("github:octo-org/llm-kit")
    assert not any(g.what == "releases" for g in again.primary.gaps) and again.primary.releases


def test_a_token_echoed_in_an_archived_document_is_redacted(fake: FakeGitHub, monkeypatch: pytest.MonkeyPatch) -> None:
    hf_token = "hf_" + "EchoedByAHost" * 3  # a configured token of another source, echoed in a file
    monkeypatch.setenv("HF_TOKEN", hf_token)
    serve_repo(fake, RepoSpec(files={**FILES, "CONTRIBUTING.md": f"Ask {hf_token} for access.\n".encode()}))
    member = api.fetch_evidence("github:octo-org/llm-kit").primary  # no GitHub token: from the archive
    assert member.document("CONTRIBUTING.md").text == "Ask *** for access.\n"


def test_a_graphql_rate_limit_is_a_rate_limit(fake: FakeGitHub, token: str) -> None:
    serve_repo(fake)
    fake.script("/graphql", [Reply(200, {"data": None, "errors": [
        {"type": "RATE_LIMITED", "message": "API rate limit exceeded for user ID 1."}]})])
    with pytest.raises(RateLimited, match="rate limit exceeded"):
        api.fetch_evidence("github:octo-org/llm-kit")


def test_a_graphql_api_that_keeps_failing_falls_back_to_rest(fake: FakeGitHub, token: str, no_sleep: list[float],
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    serve_repo(fake)
    fake.script("/graphql", [Reply(502, {"message": "Server Error"})] * 4)
    evidence = api.fetch_evidence("github:octo-org/llm-kit")
    member = evidence.primary
    assert member.documents and member.releases and member.host.contributors == 7  # the REST answers
    assert [g.what for g in member.gaps] == ["branch protection"]
    assert evidence.requests == len(fake.log) == TOKEN_COLD_REQUESTS + 3 + COLD_REQUESTS  # the tree again: a 304
    assert "through the REST API instead" in capsys.readouterr().err


def test_history_missing_from_the_answer_is_unknown_not_zero(fake: FakeGitHub, token: str) -> None:
    spec = serve_repo(fake)

    def no_commit(variables: dict) -> dict:
        answer = graphql_data(spec, variables)
        answer["data"]["repository"]["commit"] = None
        return answer

    fake.graphql(spec.owner, spec.name, no_commit)
    member = api.fetch_evidence("github:octo-org/llm-kit").primary
    assert member.host.contributors is None and member.host.commits_90d is None
    assert {"commit activity", "contributors"} <= {g.what for g in member.gaps}


def test_the_documents_of_one_query_are_bounded(fake: FakeGitHub, token: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(graphql, "MAX_QUERY_BYTES", 1000)
    serve_repo(fake)
    member = api.fetch_evidence("github:octo-org/llm-kit").primary
    dropped = [g for g in member.gaps if g.kind == "too_large"]
    assert dropped and all("least important" in g.reason for g in dropped)
    assert sum(d.size for d in member.documents) <= 1000 and member.document("README.md")
