"""Print how many HTTP requests the GitHub fetcher makes for a typical repository, cold and warm.

Runs against the tests' fake GitHub (no network): ``python benchmarks/github_requests.py``.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pytest_httpserver import HTTPServer  # noqa: E402

from openness import api  # noqa: E402
from tests.github.fake import FakeGitHub  # noqa: E402
from tests.github.repos import serve_repo  # noqa: E402


def main() -> None:
    server = HTTPServer()
    server.start()
    try:
        fake = FakeGitHub(server)
        serve_repo(fake)
        with tempfile.TemporaryDirectory() as cache:
            os.environ.update(GITHUB_API_URL=fake.url, OPENNESS_CACHE_DIR=cache, GH_TOKEN="ghp_benchmark")
            for label in ("cold", "warm"):
                start, seen = time.perf_counter(), len(fake.log)
                evidence = api.fetch_evidence("github:octo-org/llm-kit")
                statuses = sorted({s.status for s in fake.log[seen:]})
                print(f"{label}: {evidence.requests} requests (statuses {statuses}), "
                      f"{time.perf_counter() - start:.2f} s")
            offline = api.fetch_evidence("github:octo-org/llm-kit", offline=True)
            print(f"offline: {offline.requests} requests")
    finally:
        server.stop()


if __name__ == "__main__":
    main()
