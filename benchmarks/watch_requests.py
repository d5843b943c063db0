"""Print what a quiet ``openness watch`` costs: requests for a watch run over targets that did not change,
against the tests' fake Hub and fake GitHub (no network).

``python benchmarks/watch_requests.py``: a watch list of the tests' ``hf:acme/tiny-llm`` with its bundle
(its dataset, its base model and its code repository ``github:acme/tiny-llm``) and the GitHub repository
``github:octo-org/llm-kit``, without and with a GitHub token. Each case starts from a fresh cache and
history store: a first run records every target (cold); then an unchanged run rescoring every target
(``--full``: warm fetches, conditional requests) and an unchanged run as ``watch`` does it by default
(one revision check per repository, no rescore), twice. For each run: the requests the servers saw, how many
of GitHub's were 304 answers (free under its rate limit with a token), and the wall-clock time.
Figures only: nothing is asserted.
"""

from __future__ import annotations

import logging
import os
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ["HF_HUB_DISABLE_TELEMETRY"] = "1"

from pytest_httpserver import HTTPServer  # noqa: E402

from openness.watch import watch  # noqa: E402
from tests.github.fake import FakeGitHub  # noqa: E402
from tests.github.repos import RepoSpec, serve_repo  # noqa: E402
from tests.huggingface.fakehub import FakeHub  # noqa: E402
from tests.huggingface.models import add_bundle  # noqa: E402

TARGETS = ["hf:acme/tiny-llm", "github:octo-org/llm-kit"]
TOKEN = "ghp_" + "benchmark0" * 4


@contextmanager
def servers() -> Iterator[tuple[FakeHub, FakeGitHub]]:
    github_server = HTTPServer()
    github_server.start()
    hub = FakeHub()
    try:
        github = FakeGitHub(github_server)
        serve_repo(github)
        serve_repo(github, RepoSpec(owner="acme", name="tiny-llm"))
        add_bundle(hub)
        yield hub, github
    finally:
        hub.close()
        github_server.stop()


def case(hub: FakeHub, github: FakeGitHub, token: str | None) -> list[str]:
    lines = []
    with tempfile.TemporaryDirectory() as folder:
        os.environ.update(HF_ENDPOINT=hub.url, GITHUB_API_URL=github.url, OPENNESS_CACHE_DIR=folder,
                          HF_HOME=f"{folder}/hf")
        if token:
            os.environ["GH_TOKEN"] = token
        else:
            os.environ.pop("GH_TOKEN", None)
        db = f"sqlite:///{folder}/history.sqlite3"
        for label, full in (("first run (records)", True), ("unchanged, --full", True),
                            ("unchanged, default", False), ("again, default", False)):
            hub_seen, github_seen = len(hub.log), len(github.log)
            started = time.perf_counter()
            results = watch(TARGETS, db=db, full=full)
            elapsed = time.perf_counter() - started
            gh = github.log[github_seen:]
            free = sum(s.status == 304 for s in gh)
            statuses = ", ".join(f"{r.target} {r.status}" for r in results)
            counted = sum(r.requests or 0 for r in results)
            lines.append(f"  {label:<20} {len(hub.log) - hub_seen:>3} Hub requests, {len(gh):>3} GitHub requests "
                         f"({free} of them 304); {counted:>3} counted by watch; {elapsed:5.2f} s  [{statuses}]")
    return lines


def main() -> None:
    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # the fake servers' access logs
    for var in ("HF_TOKEN", "HUGGING_FACE_HUB_TOKEN", "HF_HUB_OFFLINE", "GITHUB_TOKEN", "OPENNESS_DB"):
        os.environ.pop(var, None)
    for title, token in (("no GitHub token", None), ("with a GitHub token", TOKEN)):
        with servers() as (hub, github):
            print(f"watch {' '.join(TARGETS)} — {title}")
            for line in case(hub, github, token):
                print(line)


if __name__ == "__main__":
    main()
