"""Print the requests and bytes each fetch costs, against the tests' fake GitHub and fake Hub (no network).

``python benchmarks/fetch_cost.py``: a typical repository (the tests' ``llm-kit``, plus a 2 MiB
file that is not a document, as real repositories hold code and assets, stored before
``requirements.txt`` in the archive) fetched without and with a token, each cold, warm and
offline, in a fresh cache; then the same repository without the asset. For each run it prints the
requests (how many GitHub's API counts against its rate limit: not the 304 answers to conditional
requests, not the archive host's or the raw host's downloads; and their HTTP statuses), the body
bytes downloaded, the bytes downloaded for documents and the bytes of the documents used.

Then the Hugging Face Hub (the tests' ``acme/tiny-llm``: card, licence, config, two 2 GB weight
files never downloaded): the model alone; the same with a card that names its checkpoints (the
refs are read); one that leaves its licence to a file and whose info has no config (every request
a model can cost); the model whose licence file the Hub refuses (401); and the model with its
bundle (its dataset and base model), each cold, warm and offline. For each run:
the requests the evidence counts and the server saw, their statuses, the bytes the evidence counts
(``Evidence.bytes``) and the body bytes the server sent. Figures only: nothing is asserted, least
of all wall-clock time.
"""

from __future__ import annotations

import logging
import os
import random
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pytest_httpserver import HTTPServer  # noqa: E402

from openness import api  # noqa: E402
from openness.evidence import Evidence  # noqa: E402
from tests.github.fake import FakeGitHub  # noqa: E402
from tests.github.repos import FILES, RepoSpec, serve_repo  # noqa: E402
from tests.huggingface.fakehub import FakeHub  # noqa: E402
from tests.huggingface.models import (  # noqa: E402
    SHA_TINY,
    add_bundle,
    tiny_model,
    tiny_model_read_in_full,
    tiny_model_with_checkpoints,
)

TARGET = "github:octo-org/llm-kit"
TOKEN = "ghp_" + "benchmark0" * 4
ASSET = random.Random(0).randbytes(2 * 1024 * 1024)
"""Incompressible, like model weights or images: what an archive makes a fetch download."""


@contextmanager
def fake_github(files: dict[str, bytes]) -> Iterator[FakeGitHub]:
    server = HTTPServer()
    server.start()
    try:
        fake = FakeGitHub(server)
        serve_repo(fake, RepoSpec(files=files))
        yield fake
    finally:
        server.stop()


def row(label: str, evidence: Evidence, seen: list) -> str:
    cost = evidence.primary.host.extra.get("fetch", {})
    used, for_documents = cost.get("document_bytes", 0), cost.get("document_bytes_downloaded", 0)
    ratio = f"{for_documents / used:6.1f}x" if used else "     -"
    statuses = [s.status for s in seen]
    counted = sum(1 for s in seen if s.status != 304 and not s.path.startswith(("/raw/", "/_codeload/")))
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
        for label, offline in (("cold", False), ("warm", False), ("warm", False), ("offline", True)):
            seen = len(fake.log)
            evidence = api.fetch_evidence(TARGET, offline=offline)
            lines.append(row(label, evidence, fake.log[seen:]))
    return lines


HUB_TARGET = "hf:acme/tiny-llm"


def hub_runs(hub: FakeHub, follow: bool) -> list[str]:
    """Cold, warm and offline fetches of ``HUB_TARGET`` in a fresh cache."""
    lines = []
    with tempfile.TemporaryDirectory() as cache:
        os.environ.update(HF_ENDPOINT=hub.url, OPENNESS_CACHE_DIR=cache, HF_HOME=cache + "/hf")
        for label, offline in (("cold", False), ("warm", False), ("offline", True)):
            seen = len(hub.log)
            evidence = api.fetch_evidence(HUB_TARGET, offline=offline, follow_links=follow)
            log = hub.log[seen:]
            counted = getattr(evidence, "bytes", None)  # None: an openness from before Evidence.bytes
            lines.append(f"  {label:<8} {evidence.requests:>3} requests ({len(log)} seen by the Hub) "
                         f"{str(sorted({r.status for r in log})):<16} "
                         f"{'-' if counted is None else f'{counted:,}':>8} B counted, "
                         f"{sum(r.sent for r in log):>8,} B sent by the Hub, "
                         f"{len(evidence.primary.documents)} documents, {len(evidence.members)} members")
    return lines


def hub_cases() -> Iterator[tuple[str, bool, Callable[[FakeHub], None]]]:
    def refused(hub: FakeHub) -> None:
        hub.add(tiny_model_read_in_full())
        hub.fail(f"/acme/tiny-llm/resolve/{SHA_TINY}/LICENSE", 401)

    yield "the model alone (--no-follow)", False, lambda hub: hub.add(tiny_model()) and None
    yield "the model alone, its card naming its checkpoints", False, \
        lambda hub: hub.add(tiny_model_with_checkpoints()) and None
    yield "the model alone, its licence left to a file, no config in its info", False, \
        lambda hub: hub.add(tiny_model_read_in_full()) and None
    yield "the model alone, its licence left to a file that the Hub refuses (401)", False, refused
    yield "the model with its bundle (dataset, base model; the code repository is not on the fake)", True, add_bundle


def main() -> None:
    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # the fake servers' access logs
    for files, what in (({**FILES, "assets/demo.bin": ASSET}, "with a 2 MiB asset before requirements.txt"),
                        (FILES, "small, no asset")):
        with fake_github(files) as fake:
            for title, token in (("GitHub, no token (REST; documents from an archive prefix and raw downloads)", None),
                                 ("GitHub, with a token (commit, tree, one GraphQL query with the blobs)", TOKEN)):
                print(f"{TARGET} ({what}) — {title}")
                for line in runs(fake, token):
                    print(line)
    os.environ.pop("GH_TOKEN", None)
    os.environ.update(HF_HUB_DISABLE_TELEMETRY="1")
    for var in ("HF_TOKEN", "HUGGING_FACE_HUB_TOKEN", "HF_HUB_OFFLINE"):
        os.environ.pop(var, None)
    for title, follow, setup in hub_cases():
        hub = FakeHub()
        try:
            setup(hub)
            print(f"{HUB_TARGET} — Hugging Face Hub, {title}")
            for line in hub_runs(hub, follow):
                print(line)
        finally:
            hub.close()


if __name__ == "__main__":
    main()
