"""The GitHub fetcher against the fake: evidence content, request budget, cache, offline, no-cache."""

from __future__ import annotations

from pathlib import Path

import pytest

from openness import api
from openness.errors import FetchError
from openness.fetch import FetchOptions
from openness.fetch.failures import OfflineError
from openness.fetch.github import fetch_github_member

from .fake import FakeGitHub, tarball
from .repos import COLD_REQUESTS, FILES, TOKEN_COLD_REQUESTS, RepoSpec, commit_json, facts, serve_repo

TOKEN = "ghp_" + "S3cr3tT0ken" * 4


def test_evidence_from_the_api(fake: FakeGitHub) -> None:
    spec = serve_repo(fake)
    evidence = api.fetch_evidence("github:octo-org/llm-kit")
    member = evidence.primary
    assert (member.kind, member.role, member.id) == ("github", "primary", "octo-org/llm-kit")
    assert member.revision == spec.sha
    assert member.web_url == "https://github.com/octo-org/llm-kit"
    assert [f.path for f in member.files] == sorted(spec.files)
    assert {d.path for d in member.documents} == {
        "README.md", "LICENSE", "CONTRIBUTING.md", "CITATION.cff", "requirements.txt", ".github/workflows/ci.yml"}
    assert member.document("LICENSE").text.startswith("MIT License")
    host = member.host
    assert (host.license_detected, host.stars, host.default_branch, host.has_issues) == ("MIT", 1234, "main", True)
    assert host.topics == ["llm", "training"]
    assert host.contributors == 7  # from the Link header's last page
    assert host.commits_90d == 4  # commits 1, 5, 20 and 40 days old
    assert host.community == {}  # not asked without a token: the analysis finds community files in the tree
    assert [r.tag for r in member.releases] == ["v1.1.0", "v1.0.0", "v0.9"]
    assert {(link.kind, link.target) for link in member.links} >= {("arxiv", "2401.00001"), ("hf_model", "octo-org/llm-kit-7b")}
    protection = [g for g in member.gaps if g.what == "branch protection"]
    assert protection and "admin" in protection[0].reason
    assert evidence.requests == COLD_REQUESTS == len(fake.log)


def test_the_anonymous_limit_is_said_once(fake: FakeGitHub, capsys: pytest.CaptureFixture[str]) -> None:
    serve_repo(fake)
    api.fetch_evidence("github:octo-org/llm-kit")
    api.fetch_evidence("github:octo-org/llm-kit")
    assert capsys.readouterr().err.count("60 anonymous requests an hour") == 1


def test_a_revision_is_scored_at_that_commit(fake: FakeGitHub) -> None:
    spec = serve_repo(fake)
    fake.add(f"{spec.api}/commits", [{"sha": spec.sha, "commit": {"committer": {"date": "2025-01-01T00:00:00Z"}}}],
             query={"sha": "v1.0.0", "per_page": "100"})
    evidence = api.fetch_evidence("https://github.com/octo-org/llm-kit/tree/v1.0.0")
    assert evidence.target.revision == "v1.0.0"
    assert evidence.primary.revision == spec.sha
    assert evidence.primary.host.commits_90d == 0


def test_member_for_a_bundle_role(fake: FakeGitHub) -> None:
    serve_repo(fake)
    options = FetchOptions(now=api.clock.now())
    member, count = fetch_github_member("octo-org/llm-kit", None, options, role="code")
    assert member.role == "code" and count == COLD_REQUESTS


def test_a_second_run_asks_only_for_the_head_commit(fake: FakeGitHub) -> None:
    spec = serve_repo(fake)
    first = api.fetch_evidence("github:octo-org/llm-kit")
    cold = len(fake.log)
    second = api.fetch_evidence("github:octo-org/llm-kit")
    assert facts(first.primary) == facts(second.primary)  # the member kept for its commit
    assert [(s.path, s.status) for s in fake.log[cold:]] == [(f"{spec.api}/commits/HEAD", 200)]  # 40 bytes
    warm = len(fake.log)
    third = api.fetch_evidence("github:octo-org/llm-kit")
    assert [(s.path, s.status) for s in fake.log[warm:]] == [(f"{spec.api}/commits/HEAD", 304)]  # free
    assert third.requests == third.primary.host.extra["fetch"]["not_modified"] == 1
    assert all("If-None-Match" in s.headers for s in fake.log[warm:])


def test_a_moved_head_is_fetched_again_without_a_token(fake: FakeGitHub) -> None:
    spec = serve_repo(fake)
    api.fetch_evidence("github:octo-org/llm-kit")
    moved = RepoSpec(files={**FILES, "NOTICE": b"Copyright Octo\n"}, commit_days_ago=[0, 1, 5, 20, 40, 120, 400])
    moved_sha = moved.sha.replace(moved.sha[:4], "beef")
    fake.add(f"{spec.api}/commits/HEAD", raw=moved_sha.encode())
    commits = [commit_json(moved, i, d) for i, d in enumerate(moved.commit_days_ago)]
    commits[0]["sha"] = moved_sha
    fake.add(f"{spec.api}/commits", commits, query={"sha": "main", "per_page": "100"})
    tree = fake.routes[(f"{spec.api}/git/trees/{spec.sha}", frozenset({("recursive", "1")}))]
    fake.routes[(f"{spec.api}/git/trees/{moved_sha}", frozenset({("recursive", "1")}))] = tree
    fake.add(f"{spec.api}/tarball/{moved_sha}", status=302, headers={"Location": f"{fake.url}/_codeload/moved"})
    fake.add("/_codeload/moved", raw=tarball(f"octo-org-llm-kit-{moved_sha[:7]}", spec.files))
    again = api.fetch_evidence("github:octo-org/llm-kit").primary
    assert again.revision == moved_sha and again.host.commits_90d == 5
    assert again.document("README.md") is not None


def test_a_token_run_costs_three_requests_cold_and_one_free_one_warm(fake: FakeGitHub, monkeypatch: pytest.MonkeyPatch,
                                                                     tmp_path: Path) -> None:
    monkeypatch.setenv("GH_TOKEN", TOKEN)
    serve_repo(fake)
    first = api.fetch_evidence("github:octo-org/llm-kit")
    assert first.requests == TOKEN_COLD_REQUESTS == len(fake.log)
    assert [(s.method, s.path) for s in fake.log] == [
        ("GET", "/repos/octo-org/llm-kit/commits/HEAD"),
        ("GET", f"/repos/octo-org/llm-kit/git/trees/{first.primary.revision}"),
        ("POST", "/graphql")]
    cold = len(fake.log)
    second = api.fetch_evidence("github:octo-org/llm-kit")
    again = fake.log[cold:]
    assert facts(first.primary) == facts(second.primary)
    assert [(s.path, s.status) for s in again] == [("/repos/octo-org/llm-kit/commits/HEAD", 304)]
    cost = second.primary.host.extra["fetch"]
    assert second.requests == cost["not_modified"] == 1 and cost["bytes"] == 0  # none counted by GitHub
    assert all(s.headers.get("Authorization") == f"token {TOKEN}" for s in fake.log)
    cache = tmp_path / "cache"
    for path in cache.rglob("*"):
        if path.is_file():
            assert TOKEN.encode() not in path.read_bytes(), path
    assert (cache / "http.sqlite").stat().st_mode & 0o077 == 0


def test_offline_uses_only_the_cache(fake: FakeGitHub) -> None:
    serve_repo(fake)
    online = api.fetch_evidence("github:octo-org/llm-kit")
    before = len(fake.log)
    offline = api.fetch_evidence("github:octo-org/llm-kit", offline=True)
    assert len(fake.log) == before  # not one request
    assert facts(offline.primary) == facts(online.primary)
    assert offline.requests == 0


def test_offline_with_an_empty_cache_says_what_is_missing(fake: FakeGitHub) -> None:
    serve_repo(fake)
    with pytest.raises(OfflineError, match=r"github:octo-org/llm-kit: not in the cache.*without --offline"):
        api.fetch_evidence("github:octo-org/llm-kit", offline=True)
    assert fake.log == []


def test_offline_with_documents_missing_marks_them_unknown(fake: FakeGitHub, tmp_path: Path) -> None:
    serve_repo(fake)
    api.fetch_evidence("github:octo-org/llm-kit")
    for path in (tmp_path / "cache" / "derived").rglob("*.json"):
        path.unlink()
    evidence = api.fetch_evidence("github:octo-org/llm-kit", offline=True)
    gap = next(g for g in evidence.primary.gaps if g.what == "files")
    assert gap.kind == "offline" and "not in the cache" in gap.reason
    assert evidence.primary.documents == []


def test_no_cache_neither_reads_nor_writes(fake: FakeGitHub, tmp_path: Path) -> None:
    serve_repo(fake)
    api.fetch_evidence("github:octo-org/llm-kit", use_cache=False)
    api.fetch_evidence("github:octo-org/llm-kit", use_cache=False)
    assert len(fake.requests(200)) == 2 * (COLD_REQUESTS - 1) and len(fake.requests(302)) == 2
    assert not (tmp_path / "cache" / "http.sqlite").exists()
    assert not (tmp_path / "cache" / "derived").exists()


def test_truncated_tree_is_a_gap(fake: FakeGitHub) -> None:
    serve_repo(fake, RepoSpec(truncated=True))
    gaps = api.fetch_evidence("github:octo-org/llm-kit").primary.gaps
    assert any(g.what == "tree" and g.kind == "truncated" for g in gaps)


def test_a_fork_names_its_parent(fake: FakeGitHub) -> None:
    serve_repo(fake, RepoSpec(fork=True))
    evidence = api.fetch_evidence("github:octo-org/llm-kit")
    assert evidence.primary.host.parent == "upstream/llm-kit"
    assert not any(s.path.endswith("/community/profile") for s in fake.log)
    assert evidence.requests == COLD_REQUESTS


def test_fetch_errors_are_fetch_errors(fake: FakeGitHub) -> None:
    with pytest.raises(FetchError):
        api.fetch_evidence("github:octo-org/missing")


def test_offline_after_an_authenticated_run_stays_offline(fake: FakeGitHub, monkeypatch: pytest.MonkeyPatch) -> None:
    serve_repo(fake)
    monkeypatch.setenv("GH_TOKEN", TOKEN)
    api.fetch_evidence("github:octo-org/llm-kit")
    api.fetch_evidence("github:octo-org/llm-kit")  # stores 304-revalidated answers too
    before = len(fake.log)
    offline = api.fetch_evidence("github:octo-org/llm-kit", offline=True)
    assert len(fake.log) == before and offline.requests == 0
    assert offline.primary.files
