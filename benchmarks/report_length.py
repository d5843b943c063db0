"""Print how long each report of one Hub model is, now and before the headline and terminal view (issue 12).

``python benchmarks/report_length.py [--before REV]``: the tests' hand-made gated model under a
Llama-style community licence (``tests/huggingface/models.py``: ``community_licensed_model``, its
card public, everything else gated) on the tests' fake Hub, scored alone (``--no-follow``) by this
checkout and by REV, checked out in a temporary ``git worktree`` and run from its ``src`` with this
interpreter. REV defaults to ``865b903^1``, main just before the merge of the issue-12 work (found
with ``git log --oneline --first-parent | grep -i "headline\\|terminal"``).

For each version: the lines ``openness score`` writes on a terminal (``TTY_COMPATIBLE=1``, a rich
console 120 columns wide; screen rows, i.e. lines longer than 120 columns count once per row they
wrap onto), with and without ``--details`` (before issue 12 a terminal got Markdown and there was no
``--details``); the Markdown report's bytes; the HTML report's height in CSS pixels in headless
Chromium 1280 px wide (``tests/report/cdp.py``; skipped without ``/usr/bin/chromium``). Figures
only: nothing is asserted.
"""

from __future__ import annotations

import argparse
import logging
import math
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rich.cells import cell_len  # noqa: E402

from tests.huggingface.fakehub import FakeHub  # noqa: E402
from tests.huggingface.models import community_licensed_model  # noqa: E402
from tests.report import cdp  # noqa: E402

BEFORE = "865b903^1"
WIDTH = 120
PAGE_WIDTH = 1280
_ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)")
"""CSI sequences (colours, cursor) and OSC sequences (rich's hyperlinks): not text on the screen."""


def screen_rows(text: str, width: int = WIDTH) -> int:
    """Rows ``text`` fills on a terminal ``width`` columns wide, escape sequences removed."""
    lines = _ESCAPES.sub("", text).splitlines()
    return sum(max(1, math.ceil(cell_len(line) / width)) for line in lines)


@contextmanager
def checkout(revision: str) -> Iterator[Path]:
    """This repository at ``revision`` in a temporary worktree, removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="openness-before-") as parent:
        path = Path(parent) / "tree"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "--quiet", str(path), revision],
                       check=True)
        try:
            yield path
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(path)], check=True)


class Runner:
    """Runs one version's ``openness`` (``python -m openness`` from ``src``) against the fake Hub."""

    def __init__(self, src: Path, hub: FakeHub, scratch: Path) -> None:
        self.src, self.scratch = src, scratch
        self.env = {k: v for k, v in os.environ.items() if not k.startswith(("HF_", "HUGGING_FACE", "GH_", "GITHUB_"))}
        self.env.update(PYTHONPATH=str(src), HF_ENDPOINT=hub.url, HF_HOME=str(scratch / "hf"),
                        HF_HUB_DISABLE_TELEMETRY="1", OPENNESS_CACHE_DIR=str(scratch / "cache"),
                        COLUMNS=str(WIDTH), LINES="50")

    def run(self, *args: str, terminal: bool = False, refused: bool = False) -> subprocess.CompletedProcess[str]:
        """``openness ARGS``; a run that fails (exit 2 or more) stops the benchmark unless ``refused`` is
        allowed (an option the version does not have)."""
        env = self.env | {"TTY_COMPATIBLE": "1" if terminal else "0"}
        result = subprocess.run([sys.executable, "-m", "openness", *args], env=env, capture_output=True,
                                text=True, encoding="utf-8", cwd=self.scratch, check=False)
        if result.returncode > 1 and not (refused and result.returncode == 2):
            raise SystemExit(f"{self.src}: openness {' '.join(args)} exited {result.returncode}: {result.stderr}")
        return result


def measure(runner: Runner, target: str, browser: cdp.Browser | None) -> dict[str, str]:
    """The figures of one version: terminal rows (plain, --details), Markdown bytes, HTML height."""
    figures: dict[str, str] = {}
    for label, extra in (("terminal lines", ()), ("terminal lines, --details", ("--details",))):
        result = runner.run("score", target, "--no-follow", *extra, terminal=True, refused=True)
        figures[label] = str(screen_rows(result.stdout)) if result.returncode < 2 else "no such option"
    markdown = runner.scratch / "report.md"
    runner.run("score", target, "--no-follow", "-f", "md", "-o", str(markdown))
    figures["Markdown bytes"] = f"{len(markdown.read_bytes()):,}"
    html = runner.scratch / "report.html"
    runner.run("score", target, "--no-follow", "-f", "html", "-o", str(html))
    figures["HTML bytes"] = f"{len(html.read_bytes()):,}"
    if browser is None:
        figures["HTML height at 1280 px (CSS px)"] = "no chromium"
    else:
        browser.open(html.as_uri(), width=PAGE_WIDTH)
        figures["HTML height at 1280 px (CSS px)"] = f"{browser.evaluate('document.documentElement.scrollHeight'):,}"
    return figures


def table(target: str, revision: str, before: dict[str, str], now: dict[str, str]) -> str:
    rows = [("", f"before ({revision})", "now"), *((k, before[k], now[k]) for k in now)]
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    lines = [f"{target} (--no-follow), terminal {WIDTH} columns"]
    for index, row in enumerate(rows):
        lines.append(f"  {row[0]:<{widths[0]}}  {row[1]:>{widths[1]}}  {row[2]:>{widths[2]}}")
        if index == 0:
            lines.append(f"  {'-' * widths[0]}  {'-' * widths[1]}  {'-' * widths[2]}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", default=BEFORE, help=f"the revision to compare with (default {BEFORE})")
    revision = parser.parse_args().before
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    hub = FakeHub()
    model = hub.add(community_licensed_model())
    target = f"hf:{model.id}"
    try:
        with tempfile.TemporaryDirectory(prefix="openness-lengths-") as scratch, checkout(revision) as old, \
                (cdp.chromium() if cdp.available() else _no_browser()) as browser:
            figures = {}
            for label, src in (("before", old / "src"), ("now", ROOT / "src")):
                folder = Path(scratch) / label
                folder.mkdir()
                figures[label] = measure(Runner(src, hub, folder), target, browser)
            print(table(target, revision, figures["before"], figures["now"]))
    finally:
        hub.close()


@contextmanager
def _no_browser() -> Iterator[None]:
    yield None


if __name__ == "__main__":
    main()
