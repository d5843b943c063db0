"""Each test gets its own fake GitLab, its own openness cache, no token of the developer's, and no waits."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from openness.fetch import gitlab as gitlab_fetcher
from openness.fetch import http
from openness.fetch.http import Tuning

from ..conftest import MIT_TEXT
from .fake import FakeGitLab, FakeProject

TOKEN = "glpat-" + "S3cr3tT0ken" * 2
README = """# tiny-llm

A tiny language model. Paper: https://arxiv.org/abs/2401.00001

## Train
python train.py --config configs/base.yaml
"""
FILES: dict[str, bytes] = {
    "README.md": README.encode(),
    "LICENSE": MIT_TEXT.encode(),
    "CITATION.cff": b"cff-version: 1.2.0\ntitle: tiny-llm\n",
    "CONTRIBUTING.md": b"Open an issue first.\n",
    "requirements.txt": b"torch>=2.3\n",
    ".gitlab-ci.yml": b"test:\n  script: pytest\n",
    "train.py": b"print('train')\n",
    "configs/base.yaml": b"lr: 3e-4\n",
    "tiny_llm/model.py": b"class Model: ...\n",
}
DOCUMENTS = {"README.md", "LICENSE", "CITATION.cff", "CONTRIBUTING.md", "requirements.txt", ".gitlab-ci.yml"}
COLD_REQUESTS = 1 + 1 + 1 + len(DOCUMENTS) + 1 + 1 + 1
"""project, commits, one tree page, one raw read per document, contributors, releases, tags."""


def project(**overrides: object) -> FakeProject:
    return FakeProject(files=dict(FILES), **overrides)  # type: ignore[arg-type]


@pytest.fixture
def fake(httpserver: HTTPServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> FakeGitLab:
    server = FakeGitLab(httpserver, token=TOKEN)
    monkeypatch.setenv("GITLAB_URL", server.url)
    monkeypatch.setenv("OPENNESS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("GITLAB_TOKEN", raising=False)
    monkeypatch.setattr(gitlab_fetcher, "TUNING", Tuning(retries=3, backoff_factor=0, timeout=5))
    monkeypatch.setattr(http, "_shown_notices", set())
    return server
