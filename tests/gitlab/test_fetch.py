"""The GitLab source against the fake GitLab: evidence content, nested groups, pagination, cache, offline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from openness import api
from openness.cli import app
from openness.fetch import gitlab as gitlab_fetcher
from openness.targets import Target, parse_target

from .conftest import COLD_REQUESTS, DOCUMENTS, TOKEN, project
from .fake import FakeGitLab


def test_evidence_of_a_project_in_a_nested_group(fake: FakeGitLab) -> None:
    spec = fake.add(project())
    evidence = api.fetch_evidence("gitlab:acme/ml/tiny-llm")
    member = evidence.primary
    assert (member.kind, member.id, member.revision) == ("gitlab", "acme/ml/tiny-llm", spec.sha)
    assert (member.source_label, member.content) == ("GitLab project", None)
    assert {"host_metadata", "releases", "tags", "issue_tracker"} <= set(member.offers)
    assert member.web_url == "https://gitlab.example.org/acme/ml/tiny-llm"
    assert member.file_url == "https://gitlab.example.org/acme/ml/tiny-llm/-/blob/{revision}/{path}"
    assert [f.path for f in member.files] == sorted(spec.files)
    assert {d.path for d in member.documents} == DOCUMENTS
    assert member.document("LICENSE").text.startswith("MIT License")
    host = member.host
    assert (host.license_detected, host.stars, host.forks, host.default_branch) == ("mit", 42, 4, "main")
    assert (host.has_issues, host.open_issues, host.visibility, host.private) == (True, 5, "public", False)
    assert host.topics == ["llm"] and host.archived is False and host.fork is False
    assert host.contributors == 3 and host.commits_90d == 4  # commits 1, 5, 20 and 40 days old
    assert host.last_modified.startswith("2025-11-25")
    assert [r.tag for r in member.releases] == ["v1.1.0", "v1.0.0", "v0.9"]
    assert member.releases[0].url == "https://gitlab.example.org/acme/ml/tiny-llm/-/releases/v1.1.0"
    assert ("arxiv", "2401.00001") in {(link.kind, link.target) for link in member.links}
    assert member.gaps == []
    assert fake.log[0].path == "/api/v4/projects/acme%2Fml%2Ftiny-llm"  # the full path, URL-encoded
    assert fake.log[0].query == {"license": "true"}
    assert evidence.requests == COLD_REQUESTS == len(fake.log)


def test_score_through_the_cli(fake: FakeGitLab) -> None:
    spec = fake.add(project())
    result = CliRunner().invoke(app, ["score", "gitlab:acme/ml/tiny-llm", "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["target"]["id"] == "acme/ml/tiny-llm" and report["target"]["kind"] == "gitlab"
    assert report["fetch"]["requests"] == COLD_REQUESTS
    assert report["score"]["overall"] is not None
    assert spec.sha in result.stdout


@pytest.mark.parametrize(("text", "expected"), [
    ("gitlab:group/project", Target("gitlab", "group/project")),
    ("GitLab:group/sub/project@v1.0", Target("gitlab", "group/sub/project", "v1.0")),
    ("https://gitlab.com/group/sub/project", Target("gitlab", "group/sub/project")),
    ("gitlab.com/group/project.git", Target("gitlab", "group/project")),
    ("https://gitlab.com/group/project/-/tree/release/1.0", Target("gitlab", "group/project", "release/1.0")),
])
def test_target_forms(text: str, expected: Target, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GITLAB_URL", raising=False)
    assert parse_target(text) == expected
    assert str(parse_target(str(expected))) == str(expected)


def test_a_url_on_the_self_managed_host(fake: FakeGitLab) -> None:
    fake.add(project())
    evidence = api.fetch_evidence(f"{fake.url}/acme/ml/tiny-llm/-/tree/main")
    assert evidence.target == evidence.target.model_copy(update={"kind": "gitlab", "id": "acme/ml/tiny-llm"})
    assert evidence.target.revision == "main" and evidence.primary.files


def test_a_revision_is_scored_at_that_commit(fake: FakeGitLab) -> None:
    spec = fake.add(project())
    evidence = api.fetch_evidence("gitlab:acme/ml/tiny-llm@v1.0.0")
    assert evidence.primary.revision == spec.sha
    assert fake.requests("/repository/commits")[0].query["ref_name"] == "v1.0.0"


def test_the_tree_is_read_page_by_page(fake: FakeGitLab) -> None:
    spec = project()
    spec.files.update({f"data/shard_{i:03}.txt": b"x" for i in range(230)})
    fake.add(spec)
    member = api.fetch_evidence("gitlab:acme/ml/tiny-llm").primary
    assert len(member.files) == len(spec.files)
    pages = fake.requests("/repository/tree")
    assert [p.query.get("page", "1") for p in pages] == ["1", "2", "3"]
    assert not any(g.what == "tree" for g in member.gaps)


def test_keyset_pagination_follows_the_link_header(fake: FakeGitLab) -> None:
    spec = project(keyset=True)
    spec.files.update({f"data/shard_{i:03}.txt": b"x" for i in range(150)})
    fake.add(spec)
    member = api.fetch_evidence("gitlab:acme/ml/tiny-llm").primary
    assert len(member.files) == len(spec.files)
    assert len(fake.requests("/repository/tree")) == 2


def test_a_tree_beyond_the_page_budget_is_truncated(fake: FakeGitLab, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(gitlab_fetcher, "MAX_TREE_PAGES", 2)
    spec = project()
    spec.files.update({f"data/shard_{i:03}.txt": b"x" for i in range(230)})
    fake.add(spec)
    member = api.fetch_evidence("gitlab:acme/ml/tiny-llm").primary
    assert len(fake.requests("/repository/tree")) == 2
    gap = next(g for g in member.gaps if g.what == "tree")
    assert gap.kind == "truncated" and "2 pages" in gap.reason


def test_second_run_reads_documents_from_the_cache(fake: FakeGitLab) -> None:
    fake.add(project())
    first = api.fetch_evidence("gitlab:acme/ml/tiny-llm")
    cold = len(fake.log)
    second = api.fetch_evidence("gitlab:acme/ml/tiny-llm")
    again = fake.log[cold:]
    assert second.primary == first.primary
    assert not any("/raw" in s.path for s in again)  # documents at a commit come from the derived cache
    assert again and all(s.status == 304 for s in again)  # the rest is revalidated, not downloaded again
    assert second.requests == len(again) == COLD_REQUESTS - len(DOCUMENTS)


def test_offline_uses_only_the_cache(fake: FakeGitLab) -> None:
    fake.add(project())
    online = api.fetch_evidence("gitlab:acme/ml/tiny-llm")
    before = len(fake.log)
    offline = api.fetch_evidence("gitlab:acme/ml/tiny-llm", offline=True)
    assert len(fake.log) == before and offline.requests == 0
    assert offline.primary == online.primary


def test_offline_with_an_empty_cache_says_what_is_missing(fake: FakeGitLab) -> None:
    fake.add(project())
    with pytest.raises(Exception, match=r"gitlab:acme/ml/tiny-llm: not in the cache.*without --offline") as error:
        api.fetch_evidence("gitlab:acme/ml/tiny-llm", offline=True)
    assert getattr(error.value, "exit_code", None) == 3 and fake.log == []


def test_no_cache_neither_reads_nor_writes(fake: FakeGitLab, tmp_path: Path) -> None:
    fake.add(project())
    api.fetch_evidence("gitlab:acme/ml/tiny-llm", use_cache=False)
    assert api.fetch_evidence("gitlab:acme/ml/tiny-llm", use_cache=False).requests == COLD_REQUESTS
    assert not (tmp_path / "cache" / "http.sqlite").exists()
    assert not (tmp_path / "cache" / "derived").exists()


def test_empty_and_forked_projects(fake: FakeGitLab) -> None:
    fake.add(project(empty=True))
    member = api.fetch_evidence("gitlab:acme/ml/tiny-llm").primary
    assert [(g.what, g.kind) for g in member.gaps] == [("repository", "empty_repository")] and member.files == []
    fake.add(project(path="acme/fork", forked_from="upstream/tiny-llm"))
    assert api.fetch_evidence("gitlab:acme/fork").primary.host.parent == "upstream/tiny-llm"


def test_the_token_is_sent_but_never_stored(fake: FakeGitLab, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("GITLAB_TOKEN", TOKEN)
    fake.add(project(visibility="private"))
    evidence = api.fetch_evidence("gitlab:acme/ml/tiny-llm")
    api.fetch_evidence("gitlab:acme/ml/tiny-llm")  # a warm run stores revalidated answers too
    assert evidence.primary.host.private is True and evidence.primary.documents
    assert {s.headers.get("Private-Token") for s in fake.log} == {TOKEN}
    assert TOKEN not in evidence.model_dump_json()
    for path in (tmp_path / "cache").rglob("*"):
        if path.is_file():
            assert TOKEN.encode() not in path.read_bytes(), path
    assert (tmp_path / "cache" / "http.sqlite").stat().st_mode & 0o077 == 0


def test_a_token_echoed_by_the_host_is_stored_nowhere(fake: FakeGitLab, monkeypatch: pytest.MonkeyPatch,
                                                      tmp_path: Path) -> None:
    monkeypatch.setenv("GITLAB_TOKEN", TOKEN)
    fake.add(project(visibility="private", description=f"deploy with {TOKEN}"))
    evidence = api.fetch_evidence("gitlab:acme/ml/tiny-llm")
    assert evidence.primary.host.description == "deploy with ***"
    api.fetch_evidence("gitlab:acme/ml/tiny-llm")
    for path in (tmp_path / "cache").rglob("*"):
        if path.is_file():
            assert TOKEN.encode() not in path.read_bytes(), path
