"""Golden tests for the Markdown scorecard.

When a change to the report is intended, regenerate the goldens and review the diff:

    OPENNESS_UPDATE_GOLDEN=1 python -m pytest tests/report/test_markdown_golden.py
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from openness.assessment import Assessment
from openness.report.markdown import render_markdown

GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = os.environ.get("OPENNESS_UPDATE_GOLDEN") == "1"


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.write_text(text, encoding="utf-8")
        pytest.skip(f"rewrote {path.name}")
    assert path.is_file(), f"no golden {path.name}: run with OPENNESS_UPDATE_GOLDEN=1"
    expected = path.read_text(encoding="utf-8")
    assert text == expected, f"{name} changed; if intended, rerun with OPENNESS_UPDATE_GOLDEN=1 and review the diff"


def test_markdown_scorecard_matches_golden(good: Assessment) -> None:
    check_golden("tiny-model.md", render_markdown(good))


def test_markdown_scorecard_of_hostile_input_matches_golden(hostile: Assessment) -> None:
    text = render_markdown(hostile)
    assert "<b>" not in text and "<img" not in text  # GitHub renders inline HTML in Markdown
    check_golden("hostile.md", text)
