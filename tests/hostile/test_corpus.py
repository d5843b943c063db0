"""Every case of the hostile-input corpus ends well: an expected exit code, no traceback, one line.

Each case runs in-process through the console entry point (``run_cli``), in a folder of its own,
under a time and a memory bound (``limits.bounded``), so a hang or a blow-up fails its case
instead of the suite.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from openness.cli import main

from ..conftest import CliRun, write_tree
from .corpus import FAMILIES, Case, Evidence, Special, corpus
from .limits import bounded

CASES = corpus()
MINIMUM_CASES = 1_000


def _make_special(path: Path, kind: Special) -> None:
    if kind is Special.FIFO:
        os.mkfifo(path)
    elif kind is Special.DEV_ZERO:
        path.symlink_to("/dev/zero")
    elif kind is Special.DIRECTORY:
        path.mkdir()
    elif kind is Special.HUGE:
        with path.open("wb") as handle:
            handle.truncate(3 * 1024**3)
    elif kind is Special.LOOP:
        path.symlink_to(path.name)
    else:
        path.symlink_to("nowhere")


def materialize(case: Case, root: Path, base: Evidence) -> list[str]:
    """Create the case's files in ``root/<id>`` and return its command line."""
    folder = root / case.id
    folder.mkdir()
    for name, content in case.files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, Special):
            _make_special(path, content)
        elif isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        elif isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_bytes(content(base))
    return [arg.replace("{dir}", str(folder)) for arg in case.argv]


def assert_handled(result: CliRun, case: Case) -> None:
    """Expected exit code, no traceback or internal error, and one line for an error."""
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr, result.stderr[-2_000:]
    assert result.code in case.codes, (result.code, result.stderr[-2_000:])
    if result.code in (2, 3):
        errors = [index for index, line in enumerate(lines) if line.startswith("openness: error: ")]
        assert len(errors) == 1, result.stderr[-2_000:]
        assert all(line.startswith("openness: ") for line in lines[errors[0]:]), result.stderr[-2_000:]


@pytest.fixture(scope="module")
def corpus_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("hostile")


@pytest.fixture(scope="module")
def base_evidence(corpus_root: Path) -> Evidence:
    """A valid saved evidence file of a small checkout, the base the evidence cases mutate."""
    import json

    repo = write_tree(corpus_root / "_base", {"README.md": "# base\n", "LICENSE": "MIT License\n"})
    saved = corpus_root / "_base.json"
    with pytest.raises(SystemExit) as done:
        main(["fetch", str(repo), "-o", str(saved)])
    assert done.value.code in (None, 0)
    evidence: Evidence = json.loads(saved.read_text(encoding="utf-8"))
    return evidence


def _param(case: Case) -> Any:
    marks = [pytest.mark.xfail(strict=True, reason=case.xfail)] if case.xfail else []
    return pytest.param(case, id=case.id, marks=marks)


def test_the_corpus_is_large_and_covers_every_family() -> None:
    assert len(CASES) >= MINIMUM_CASES
    assert {case.family for case in CASES} == set(FAMILIES)


@pytest.mark.parametrize("case", [_param(case) for case in CASES])
def test_hostile_input_is_handled(case: Case, run_cli: Callable[..., CliRun], corpus_root: Path,
                                  base_evidence: Evidence, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENNESS_CACHE_DIR", str(corpus_root / "_cache"))
    argv = materialize(case, corpus_root, base_evidence)
    with bounded(case.seconds):
        result = run_cli(*argv)
    assert_handled(result, case)
