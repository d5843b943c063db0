"""Shared test helpers: hand-made checkouts, and the real data in ../shared when it is there."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import pytest

from openness.cli import main

from .licenses.license_texts import MIT_TEXT

__all__ = ["MIT_TEXT", "REPO", "SHARED", "CliRun", "skeleton_checkout", "write_tree"]

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def write_tree(root: Path, files: dict[str, str | bytes]) -> Path:
    """Create ``files`` (path → text or bytes) under ``root`` and return ``root``."""
    for relative, content in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


def skeleton_checkout(fixture: Path, root: Path) -> Path:
    """A checkout rebuilt from a recorded tree listing: empty files, real text for documents."""
    tree = json.loads((fixture / "tree.json").read_text(encoding="utf-8"))
    for entry in tree["files"]:
        path = root / entry["path"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch()
    docs = fixture / "docs"
    for doc in docs.rglob("*"):
        if doc.is_file():
            target = root / doc.relative_to(docs)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(doc.read_bytes())
    return root


@pytest.fixture
def shared() -> Path:
    """The shared real-data folder; tests using it skip cleanly when it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not available")
    return SHARED


@pytest.fixture
def real_checkout(shared: Path, tmp_path: Path):
    """Build a skeleton checkout of one of ../shared/fixtures/checkouts by folder name."""

    def build(name: str) -> Path:
        fixture = shared / "fixtures" / "checkouts" / name
        if not fixture.is_dir():
            pytest.skip(f"fixture {name} is not available")
        return skeleton_checkout(fixture, tmp_path / name)

    return build


class CliRun(NamedTuple):
    """What a user sees of one CLI run: the exit code and the two streams, kept apart."""

    code: int
    stdout: str
    stderr: str


@pytest.fixture
def run_cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Callable[..., CliRun]:
    """Run ``openness ARGS…`` in-process through the console entry point (``openness.cli.main``).

    The same path as the installed command: one-line errors, exit codes, stdout and stderr
    separate; environment variables the test set (``GITHUB_API_URL``, ``HF_ENDPOINT``,
    ``SOURCE_DATE_EPOCH`` …) apply. ``OPENNESS_DEBUG`` is unset so internal errors are reported,
    not raised. A handful of tests in test_cli.py still start a real process.
    """
    monkeypatch.delenv("OPENNESS_DEBUG", raising=False)

    def run(*args: str) -> CliRun:
        capsys.readouterr()  # drop what the test printed before
        code: int
        try:
            main(list(args))
            code = 0
        except SystemExit as done:
            code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
        out, err = capsys.readouterr()
        return CliRun(code, out, err)

    return run


@pytest.fixture(autouse=True)
def _fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every run in the tests happens at the same moment, so reports are byte-identical."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764115200")  # 2025-11-26T00:00:00Z



MODEL_CARD = """---
license: mit
datasets:
- example-org/corpus
pipeline_tag: text-generation
---
# Example model

## Intended use
This model is meant for research on small language models and for teaching.

## Limitations and bias
It repeats biases found in web text and should not be used for decisions about people.

## Training data
Trained on example-org/corpus, a filtered crawl of 10 GB of English web pages.

## Training procedure
AdamW, learning rate 3e-4, 10,000 steps on 8 A100 GPUs for 12 hours.

## Evaluation results
| Benchmark | Accuracy |
|---|---|
| example-qa | 71.2 |

## Environmental impact
About 96 GPU hours on A100 hardware, roughly 12 kg CO2.

## Citation
```bibtex
@misc{example2024, title={Example}, year={2024}}
```
"""


@pytest.fixture
def model_repo(tmp_path: Path) -> Path:
    """A small, fairly open model repository written by hand."""
    return write_tree(tmp_path / "model", {
        "README.md": MODEL_CARD,
        "LICENSE": MIT_TEXT,
        "config.json": '{"architectures": ["ExampleForCausalLM"], "model_type": "example"}',
        "model.safetensors": b"\x00" * 64,
        "train.py": "print('train')\n",
        "evaluate.py": "print('eval')\n",
        "requirements.txt": "torch==2.3.0\ntransformers==4.44.0\n",
        "CONTRIBUTING.md": "Open an issue, then a pull request.\n",
    })
