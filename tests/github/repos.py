"""Hand-made GitHub repositories served by the fake, in the shapes GitHub really answers with."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from openness.evidence import Member

from ..conftest import MIT_TEXT
from .fake import GITHUB_API, FakeGitHub, tarball

NOW = datetime(2025, 11, 26)  # the tests' fixed clock (SOURCE_DATE_EPOCH in tests/conftest.py)

README = """# llm-kit

A small toolkit to train and evaluate language models.

Paper: https://arxiv.org/abs/2401.00001. Weights: https://huggingface.co/octo-org/llm-kit-7b

## Install
pip install -r requirements.txt

## Train
python train.py --config configs/base.yaml

## Evaluate
python evaluate.py --checkpoint out/
"""

FILES: dict[str, bytes] = {
    "README.md": README.encode(),
    "LICENSE": MIT_TEXT.encode(),
    "CONTRIBUTING.md": b"Open an issue first, then a pull request.\n",
    "CITATION.cff": b"cff-version: 1.2.0\ntitle: llm-kit\nauthors:\n  - family-names: Octo\n",
    "requirements.txt": b"torch>=2.3\ntransformers>=4.44\n",
    ".github/workflows/ci.yml": b"on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n",
    "train.py": b"print('train')\n",
    "evaluate.py": b"print('evaluate')\n",
    "llm_kit/model.py": b"class Model: ...\n",
    "configs/base.yaml": b"lr: 3e-4\n",
}


@dataclass
class RepoSpec:
    owner: str = "octo-org"
    name: str = "llm-kit"
    files: dict[str, bytes] = field(default_factory=lambda: dict(FILES))
    commit_days_ago: list[int] = field(default_factory=lambda: [1, 5, 20, 40, 120, 400])
    releases: list[str] = field(default_factory=lambda: ["v1.1.0", "v1.0.0"])
    tags: list[str] = field(default_factory=lambda: ["v1.1.0", "v1.0.0", "v0.9"])
    contributors: int = 7
    fork: bool = False
    archived: bool = False
    truncated: bool = False
    repo_id: int = 4242
    description: str = "A small toolkit to train and evaluate language models"

    @property
    def full_name(self) -> str:
        return f"{self.owner}/{self.name}"

    @property
    def api(self) -> str:
        return f"/repos/{self.full_name}"

    @property
    def sha(self) -> str:
        return hashlib.sha1(self.full_name.encode()).hexdigest()


def repo_json(spec: RepoSpec) -> dict:
    return {
        "id": spec.repo_id, "name": spec.name, "full_name": spec.full_name,
        "owner": {"login": spec.owner, "url": f"{GITHUB_API}/users/{spec.owner}"},
        "private": False, "visibility": "public", "fork": spec.fork,
        "html_url": f"https://github.com/{spec.full_name}",
        "url": f"{GITHUB_API}{spec.api}",
        "description": spec.description,
        "homepage": "https://octo.example", "topics": ["llm", "training"],
        "archived": spec.archived, "disabled": False, "default_branch": "main",
        "created_at": "2023-02-01T10:00:00Z", "pushed_at": "2025-11-25T09:00:00Z",
        "stargazers_count": 1234, "forks_count": 56, "open_issues_count": 7,
        "has_issues": True, "has_discussions": False, "language": "Python",
        "license": {"key": "mit", "name": "MIT License", "spdx_id": "MIT",
                    "url": f"{GITHUB_API}/licenses/mit", "node_id": "MDc6TGljZW5zZTEz"},
        **({"parent": {"full_name": "upstream/llm-kit"}} if spec.fork else {}),
    }


def commit_json(spec: RepoSpec, index: int, days_ago: int) -> dict:
    sha = spec.sha if index == 0 else hashlib.sha1(f"{spec.full_name}{index}".encode()).hexdigest()
    date = (NOW - timedelta(days=days_ago)).strftime("%Y-%m-%dT%H:%M:%SZ")
    return {"sha": sha, "url": f"{GITHUB_API}{spec.api}/commits/{sha}",
            "commit": {"author": {"name": "Octo", "date": date}, "committer": {"name": "Octo", "date": date},
                       "message": f"change {index}"}}


def serve_repo(fake: FakeGitHub, spec: RepoSpec | None = None) -> RepoSpec:
    """Register every route the fetcher asks for a typical repository."""
    spec = spec or RepoSpec()
    api = spec.api
    fake.add(api, repo_json(spec))
    commits = [commit_json(spec, i, d) for i, d in enumerate(spec.commit_days_ago)]
    fake.add(f"{api}/commits", commits, query={"sha": "main", "per_page": "100"})
    tree = [{"path": p, "mode": "100644", "type": "blob", "sha": hashlib.sha1(c).hexdigest(), "size": len(c)}
            for p, c in sorted(spec.files.items())]
    tree.append({"path": "llm_kit", "mode": "040000", "type": "tree", "sha": "0" * 40})
    fake.add(f"{api}/git/trees/{spec.sha}", {"sha": spec.sha, "tree": tree, "truncated": spec.truncated},
             query={"recursive": "1"})
    archive = f"/_codeload/{spec.full_name}/legacy.tar.gz/{spec.sha}"
    fake.add(f"{api}/tarball/{spec.sha}", status=302, headers={"Location": f"{fake.url}{archive}"})
    fake.add(archive, raw=tarball(f"{spec.owner}-{spec.name}-{spec.sha[:7]}", spec.files),
             headers={"Content-Type": "application/x-gzip", "ETag": f'"{spec.sha}"'})
    for path, content in spec.files.items():
        fake.add_raw(spec.full_name, spec.sha, path, content)
    fake.add(f"{api}/releases", [
        {"tag_name": t, "name": f"Release {t}", "draft": False, "published_at": "2025-10-01T00:00:00Z",
         "html_url": f"https://github.com/{spec.full_name}/releases/tag/{t}"} for t in spec.releases],
        query={"per_page": "10"})
    fake.add(f"{api}/tags", [{"name": t, "commit": {"sha": spec.sha}} for t in spec.tags], query={"per_page": "10"})
    link = (f'<{GITHUB_API}/repositories/{spec.repo_id}/contributors?per_page=1&anon=true&page=2>; rel="next", '
            f'<{GITHUB_API}/repositories/{spec.repo_id}/contributors?per_page=1&anon=true&page={spec.contributors}>; rel="last"')
    fake.add(f"{api}/contributors", [{"login": "octo", "contributions": 40}],
             headers={"Link": link} if spec.contributors > 1 else {}, query={"per_page": "1", "anon": "true"})
    fake.add(f"{api}/commits/HEAD", raw=spec.sha.encode(), headers={"Content-Type": "application/vnd.github.sha"})
    fake.graphql(spec.owner, spec.name, lambda variables: graphql_data(spec, variables))
    return spec


def _date(days_ago: int) -> str:
    return (NOW - timedelta(days=days_ago)).strftime("%Y-%m-%dT%H:%M:%SZ")


def blob_json(content: bytes | None) -> dict[str, Any] | None:
    """A ``Blob`` as GitHub's GraphQL API gives it: no text for binary content."""
    if content is None:
        return None
    binary = b"\x00" in content[:8192]
    return {"text": None if binary else content.decode("utf-8", "replace"), "byteSize": len(content),
            "isBinary": binary, "isTruncated": False}


def graphql_data(spec: RepoSpec, variables: dict[str, Any]) -> dict[str, Any]:
    """The ``data`` of the fetcher's query, field by field as GitHub's schema names them."""
    repository: dict[str, Any] = {
        "nameWithOwner": spec.full_name, "url": f"https://github.com/{spec.full_name}",
        "description": spec.description, "homepageUrl": "https://octo.example",
        "isArchived": False, "isFork": spec.fork, "isPrivate": False, "isDisabled": False, "visibility": "PUBLIC",
        "createdAt": "2023-02-01T10:00:00Z", "pushedAt": "2025-11-25T09:00:00Z",
        "stargazerCount": 1234, "forkCount": 56, "hasIssuesEnabled": True, "hasDiscussionsEnabled": False,
        "parent": {"nameWithOwner": "upstream/llm-kit"} if spec.fork else None,
        "defaultBranchRef": {"name": "main"},
        "licenseInfo": {"key": "mit", "spdxId": "MIT"},
        "repositoryTopics": {"nodes": [{"topic": {"name": "llm"}}, {"topic": {"name": "training"}}]},
        "issues": {"totalCount": 7},
        "releases": {"nodes": [{"tagName": t, "name": f"Release {t}", "isDraft": False,
                                "publishedAt": "2025-10-01T00:00:00Z",
                                "url": f"https://github.com/{spec.full_name}/releases/tag/{t}"} for t in spec.releases]},
        "tags": {"nodes": [{"name": t} for t in spec.tags]},
        "codeOfConduct": None,
        "contributingGuidelines": {"url": f"https://github.com/{spec.full_name}/blob/main/CONTRIBUTING.md"}
        if "CONTRIBUTING.md" in spec.files else None,
        "isSecurityPolicyEnabled": False, "securityPolicyUrl": None,
        "issueTemplates": [], "pullRequestTemplates": [],
    }
    if "sha" in variables:
        since = datetime.strptime(variables["since"], "%Y-%m-%dT%H:%M:%SZ")
        dates = [NOW - timedelta(days=d) for d in spec.commit_days_ago]
        repository["commit"] = {
            "committedDate": _date(spec.commit_days_ago[0]),
            "recent": {"totalCount": sum(1 for d in dates if d > since)},
            "latest": {"totalCount": len(dates), "nodes": [
                {"author": {"email": f"dev{i % spec.contributors}@octo.example",
                            "user": {"login": f"dev{i % spec.contributors}"}}} for i in range(len(dates))]},
        } if variables["sha"] == spec.sha else None
        for name, expression in variables.items():
            if name.startswith("e") and name[1:].isdigit():
                sha, _, path = str(expression).partition(":")
                repository[f"d{name[1:]}"] = blob_json(spec.files.get(path) if sha == spec.sha else None)
    return {"data": {"repository": repository}}


COLD_REQUESTS = 8
"""Without a token: repo, commits, tree, tarball redirect, archive, contributors, releases, tags
(the documents of a small repository come from its archive)."""
TOKEN_COLD_REQUESTS = 3
"""With a token: the commit at HEAD, the tree, one GraphQL query."""


def facts(member: Member) -> Member:
    """``member`` without what its fetch cost (``host.extra["fetch"]``): the facts alone."""
    extra = {k: v for k, v in member.host.extra.items() if k != "fetch"}
    return member.model_copy(update={"host": member.host.model_copy(update={"extra": extra})})
