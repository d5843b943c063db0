"""Print how long ``openness compare`` of 20 targets takes, cold and warm, against the tests' fakes (no network).

``python benchmarks/compare_warm.py``: ten GitHub repositories (the tests' ``llm-kit`` under ten
names, fetched without a token) and ten Hub models (the tests' ``tiny-llm`` under ten names, each
followed to its dataset, base model and code repository) are compared by the command a user runs,
``python -m openness compare … --format json``, in a fresh cache: once cold, then twice warm. For
each run: wall-clock seconds, the requests the fakes saw and how many were full answers (not 304).
The issue's target is under 3 s warm on a 2-core machine; nothing is asserted, least of all time.
``--profile FILE`` writes a pyinstrument profile of one warm run in this process (``api.compare``).
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pytest_httpserver import HTTPServer  # noqa: E402

from tests.github.fake import FakeGitHub  # noqa: E402
from tests.github.repos import RepoSpec, serve_repo  # noqa: E402
from tests.huggingface.fakehub import FakeHub  # noqa: E402
from tests.huggingface.models import tiny_base, tiny_corpus, tiny_model_with_checkpoints  # noqa: E402

REPOS = [f"kit-{i:02}" for i in range(10)]
MODELS = [f"acme/tiny-llm-{i:02}" for i in range(10)]
TARGETS = [f"github:octo-org/{name}" for name in REPOS] + [f"hf:{model}" for model in MODELS]


def serve(github: FakeGitHub, hub: FakeHub) -> None:
    for name in REPOS:
        serve_repo(github, RepoSpec(name=name))
    serve_repo(github, RepoSpec(owner="acme", name="tiny-llm"))  # the models' code repository
    for model in MODELS:
        hub.add(tiny_model_with_checkpoints(id=model))
    hub.add(tiny_corpus())
    hub.add(tiny_base())


def run(environment: dict[str, str]) -> float:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "openness", "compare", *TARGETS, "--format", "json"],
                          env=environment, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode not in (0, 1):
        sys.exit(f"compare failed ({done.returncode}): {done.stderr.strip().splitlines()[-1:]}")
    return elapsed


def main() -> None:
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    profile = sys.argv[sys.argv.index("--profile") + 1] if "--profile" in sys.argv else None
    server = HTTPServer()
    server.start()
    hub = FakeHub()
    try:
        github = FakeGitHub(server)
        serve(github, hub)
        with tempfile.TemporaryDirectory() as cache:
            environment = {k: v for k, v in os.environ.items()
                           if k not in {"GH_TOKEN", "GITHUB_TOKEN", "HF_TOKEN", "HUGGING_FACE_HUB_TOKEN"}}
            environment.update(GITHUB_API_URL=github.url, HF_ENDPOINT=hub.url, OPENNESS_CACHE_DIR=cache,
                               HF_HOME=f"{cache}/hf", HF_HUB_DISABLE_TELEMETRY="1", PYTHONPATH=str(ROOT / "src"))
            print(f"openness compare of {len(TARGETS)} targets ({len(REPOS)} GitHub repositories without a token, "
                  f"{len(MODELS)} Hub models with their bundles), fake servers, fresh cache")
            for label in ("cold", "warm", "warm"):
                seen = len(github.log), len(hub.log)
                elapsed = run(environment)
                statuses = [s.status for s in github.log[seen[0]:]] + [r.status for r in hub.log[seen[1]:]]
                full = sum(1 for status in statuses if status != 304)
                print(f"  {label:<5} {elapsed:5.2f} s  {len(statuses):>4} requests seen by the fakes, {full} not 304")
            if profile:
                _profile(environment, profile)
    finally:
        hub.close()
        server.stop()


def _profile(environment: dict[str, str], path: str) -> None:
    """One more warm comparison in this process, under pyinstrument (the workers are forked: their
    time shows as waiting here, so set OPENNESS_PROFILE_INLINE=1 to score in-process, one by one)."""
    from pyinstrument import Profiler

    os.environ.update(environment)
    from openness import api

    profiler = Profiler()
    with profiler:
        api.compare(TARGETS)
    Path(path).write_text(profiler.output_text(unicode=False, color=False), encoding="utf-8")
    print(f"  profile of one warm api.compare written to {path}")


if __name__ == "__main__":
    main()
