"""Print when each progress line reaches stderr while the Hub answers slowly (issue 12: runs say what they do).

``python benchmarks/first_progress.py [--delay SECONDS]``: the tests' fake Hub waits ``--delay``
seconds (default 2) before every answer. ``openness score`` and ``openness compare`` run as
subprocesses with stderr a pipe (one line per event), on the tests' hand-made models: the gated
community-licensed model alone, the tiny model with its bundle (its dataset and base model on the
slow Hub; its code repository, on a fake GitHub answering at once, is not there) and a comparison
of the two. For each run: the time from the start of the process to its first stderr line, to the
first request the Hub saw and to the Hub's first answer, and the longest wait between two lines;
then every line with the time it came. Figures only: nothing is asserted.
"""

from __future__ import annotations

import argparse
import itertools
import logging
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pytest_httpserver import HTTPServer  # noqa: E402

from tests.github.fake import FakeGitHub  # noqa: E402
from tests.huggingface.fakehub import FakeHub  # noqa: E402
from tests.huggingface.models import community_licensed_model, tiny_base, tiny_corpus, tiny_model  # noqa: E402

COMMUNITY = "hf:acme-ai/Acme-Llama-3-8B-Instruct"
TINY = "hf:acme/tiny-llm"
RUNS = (("score, one model (--no-follow)", ["score", COMMUNITY, "--no-follow"]),
        ("score, a model and its bundle", ["score", TINY]),
        ("compare, the two models with their bundles", ["compare", COMMUNITY, TINY]))


def timed_lines(args: list[str], env: dict[str, str]) -> tuple[float, list[tuple[float, str]]]:
    """Start ``openness ARGS``; the start (``time.monotonic``) and each stderr line with its arrival."""
    lines: list[tuple[float, str]] = []
    start = time.monotonic()
    process = subprocess.Popen([sys.executable, "-m", "openness", *args, "-f", "json"], env=env, text=True,
                               encoding="utf-8", stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stream = process.stderr
    assert stream is not None

    def read() -> None:
        for line in stream:
            lines.append((time.monotonic(), line.rstrip("\n")))
    reader = threading.Thread(target=read)
    reader.start()
    process.wait()
    reader.join()
    return start, lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--delay", type=float, default=2.0, help="seconds the Hub waits before each answer")
    delay = parser.parse_args().delay
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    hub, github = FakeHub(), HTTPServer()
    github.start()
    try:
        for repo in (community_licensed_model(), tiny_model(), tiny_corpus(), tiny_base()):
            hub.add(repo)
        hub.delay = delay
        with tempfile.TemporaryDirectory(prefix="openness-progress-") as scratch:
            env = {k: v for k, v in os.environ.items() if not k.startswith(("HF_", "HUGGING_FACE", "GH_", "GITHUB_"))}
            env.update(PYTHONPATH=str(ROOT / "src"), HF_ENDPOINT=hub.url, HF_HOME=f"{scratch}/hf",
                       HF_HUB_DISABLE_TELEMETRY="1", GITHUB_API_URL=FakeGitHub(github).url, TTY_COMPATIBLE="0")
            for title, args in RUNS:
                env["OPENNESS_CACHE_DIR"] = f"{scratch}/cache-{len(hub.log)}"  # cold every run
                seen = len(hub.log)
                start, lines = timed_lines(args, env)
                requests = hub.log[seen:]
                first = f"{lines[0][0] - start:.2f} s" if lines else "never"
                asked = f"{requests[0].at - start:.2f} s" if requests else "-"
                answered = f"{requests[0].at + delay - start:.2f} s" if requests else "-"
                times = [start] + [at for at, _ in lines]
                silence = max((later - earlier for earlier, later in itertools.pairwise(times)), default=0.0)
                print(f"{title}: first stderr line after {first}; first Hub request at {asked}, its answer at "
                      f"{answered}; longest silence {silence:.1f} s; {len(requests)} Hub requests, "
                      f"{lines[-1][0] - start if lines else 0:.1f} s in all")
                for at, line in lines:
                    print(f"  {at - start:6.2f} s  {line}")
    finally:
        hub.close()
        github.stop()


if __name__ == "__main__":
    main()
