"""Real recorded GitHub answers (../shared/fixtures/github/api), served by the fake; skipped without ../shared."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from openness import api
from openness.errors import FetchError
from openness.fetch.failures import AuthRefused, PrivateOrMissing, RateLimited

from .fake import FakeGitHub, Reply


def _recorded(shared: Path, name: str) -> Reply:
    path = shared / "fixtures" / "github" / "api" / name
    if not path.is_file():
        pytest.skip(f"{name} is not available")
    data = json.loads(path.read_text(encoding="utf-8"))
    headers = {k: v for k, v in data["headers"].items() if k.lower() not in {"status", "content-length", "content-encoding"}}
    return Reply(data["status"], data["body"], headers)


def test_recorded_repository_metadata(fake: FakeGitHub, shared: Path) -> None:
    reply = _recorded(shared, "repo.PyGithub.PyGithub.json")
    fake.add("/repos/PyGithub/PyGithub", reply.body)
    fake.add("/repos/PyGithub/PyGithub/commits", {"message": "Git Repository is empty."}, status=409,
             query={"sha": reply.body["default_branch"], "per_page": "100"})
    member = api.fetch_evidence("github:PyGithub/PyGithub").primary
    body = reply.body
    assert member.host.license_detected == body["license"]["spdx_id"]
    assert member.host.stars == body["stargazers_count"]
    assert member.host.topics == body["topics"]
    assert member.web_url == "https://github.com/PyGithub/PyGithub"


@pytest.mark.parametrize(("name", "error"), [
    ("error.404.repo.json", PrivateOrMissing),
    ("error.401.bad_credentials.json", AuthRefused),
    ("error.403.primary_rate_limit.json", RateLimited),
])
def test_recorded_errors(fake: FakeGitHub, shared: Path, name: str, error: type[FetchError]) -> None:
    reply = _recorded(shared, name)
    reply.headers.pop("x-ratelimit-reset", None)
    reply.headers["X-RateLimit-Reset"] = "9999999999"  # far away: never wait in a test
    fake.script("/repos/octo-org/llm-kit", [reply])
    with pytest.raises(error):
        api.fetch_evidence("github:octo-org/llm-kit")
