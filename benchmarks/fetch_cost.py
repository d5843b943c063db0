"""Print the requests and bytes each fetch costs, against the tests' fake GitHub (no network).

``python benchmarks/fetch_cost.py``: a typical repository (the tests' ``llm-kit``, plus a 2 MiB
file that is not a document, as real repositories hold code and assets) fetched without and with
a token, each cold, warm and offline, in a fresh cache. For each run it prints the requests (how
many GitHub counts against its rate limit: not the 304 answers to conditional requests, and their
HTTP statuses), the body bytes downloaded, the bytes downloaded for documents and the
bytes of the documents used. Figures only: nothing is asserted, least of all wall-clock time.
"""

from __future__ import annotations

import logging
import os
import random
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pytest_httpserver import HTTPServer  # noqa: E402

from openness import api  # noqa: E402
from openness.evidence import Evidence  # noqa: E402
from tests.github.fake import FakeGitHub  # noqa: E402
from tests.github.repos import FILES, RepoSpec, serve_repo  # noqa: E402

TARGET = "github:octo-org/llm-kit"
TOKEN = "ghp_" + "benchmark0" * 4
ASSET = random.Random(0).randbytes(2 * 1024 * 1024)
"""Incompressible, like model weights or images: what an archive makes a fetch download."""


@contextmanager
def fake_github() -> Iterator[FakeGitHub]:
    server = HTTPServer()
    server.start()
    try:
        fake = FakeGitHub(server)
        serve_repo(fake, RepoSpec(files={**FILES, "assets/demo.bin": ASSET}))
        yield fake
    finally:
        server.stop()


def row(label: str, evidence: Evidence, statuses: list[int]) -> str:
    cost = evidence.primary.host.extra.get("fetch", {})
    used, for_documents = cost.get("document_bytes", 0), cost.get("document_bytes_downloaded", 0)
    ratio = f"{for_documents / used:6.1f}x" if used else "     -"
    counted = evidence.requests - cost.get("not_modified", 0)
    return (f"  {label:<8} {evidence.requests:>3} requests ({counted} counted by GitHub) {str(sorted(set(statuses))):<11} "
            f"{cost.get('bytes', 0):>10,} B downloaded, {for_documents:>10,} B for documents, "
            f"{used:>7,} B of documents used ({ratio})")


def runs(fake: FakeGitHub, token: str | None) -> list[str]:
    """Cold, warm and offline fetches of ``TARGET`` in a fresh cache."""
    lines = []
    with tempfile.TemporaryDirectory() as cache:
        os.environ.update(GITHUB_API_URL=fake.url, OPENNESS_CACHE_DIR=cache)
        os.environ.pop("GITHUB_TOKEN", None)
        if token:
            os.environ["GH_TOKEN"] = token
        else:
            os.environ.pop("GH_TOKEN", None)
        for label, offline in (("cold", False), ("warm", False), ("offline", True)):
            seen = len(fake.log)
            evidence = api.fetch_evidence(TARGET, offline=offline)
            lines.append(row(label, evidence, [s.status for s in fake.log[seen:]]))
    return lines


def main() -> None:
    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # the fake server's access log
    with fake_github() as fake:
        for title, token in (("GitHub, no token (REST, documents from the archive)", None),
                             ("GitHub, with a token (commit, tree, one GraphQL query with the blobs)", TOKEN)):
            print(f"{TARGET} — {title}")
            for line in runs(fake, token):
                print(line)


if __name__ == "__main__":
    main()
