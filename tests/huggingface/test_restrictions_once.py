"""A restriction that binds several components is stated once, with the components it applies to, in every
format (issue 12): a gated model under a Llama-style community licence, whose 700 M monthly-user threshold
and acceptable-use policy cover its code, weights and documents alike."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from ..conftest import CliRun
from .fakehub import FakeHub
from .models import community_licensed_model

TARGET = "hf:acme-ai/Acme-Llama-3-8B-Instruct"
THRESHOLD = "700 million monthly active users"
POLICY = "field-of-use restrictions or an acceptable-use policy apply"
DUTY = "Display 'Built with Meta Llama 3'"
NOT_OPEN = "not open: Meta Llama 3 Community License Agreement"
_ESCAPE = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)")


def words(report: str) -> str:
    """A report's text as read: entities decoded, terminal escapes dropped, lines rejoined where they wrapped."""
    return " ".join(html.unescape(_ESCAPE.sub("", report)).split())


@pytest.fixture
def scored(hub: FakeHub, run_cli: Callable[..., CliRun], tmp_path: Path,
           monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """The model's report in each format, by format name."""
    hub.add(community_licensed_model())
    reports = {}
    for fmt in ("md", "html", "json"):
        result = run_cli("score", TARGET, "--no-follow", "-f", fmt)
        assert result.code == 0, result.stderr
        reports[fmt] = words(result.stdout) if fmt != "json" else result.stdout
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    monkeypatch.setenv("COLUMNS", "120")
    reports["terminal"] = words(run_cli("score", TARGET, "--no-follow", "--details").stdout)
    return reports


def test_the_json_buyer_summary_states_each_restriction_once_with_its_components(scored: dict[str, str]) -> None:
    summary = json.loads(scored["json"])["licenses"]
    texts = [r["text"] for r in summary["restrictions"]]
    assert len(texts) == len(set(texts))
    threshold = next(r for r in summary["restrictions"] if THRESHOLD in r["text"])
    assert threshold["components"] == ["code", "weights", "documents"]
    assert next(r for r in summary["restrictions"] if r["text"] == POLICY)["components"] == \
        ["code", "weights", "documents"]
    assert [o["components"] for o in summary["obligations"] if o["text"].startswith(DUTY)] == [["code", "weights"]]
    assert json.dumps(summary).count(THRESHOLD) == 1 and json.dumps(summary).count(DUTY) == 1
    assert all("restrictions" not in c and "obligations" not in c for c in summary["components"])


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_markdown_and_html_say_each_restriction_once(scored: dict[str, str], fmt: str) -> None:
    report = scored[fmt]
    assert report.count(THRESHOLD) == 2  # the headline's commercial condition, then the restrictions
    assert report.count(POLICY) == 1 and report.count(DUTY) == 1
    assert "code, weights, documents: user or revenue threshold: more than 700 million" in report
    assert "code, weights: Display" in report
    # the MOF blocker names every component one licence holds back, and the licence once
    assert ("Model architecture, Model parameters (Final), Evaluation results, Model card " + NOT_OPEN) in report


def test_markdown_states_the_licence_problem_once_per_statement(scored: dict[str, str]) -> None:
    markdown = scored["md"]
    assert markdown.count(NOT_OPEN) == 2  # the headline's first blocker, then the MOF reason once for all four
    assert "not: code, weights (Meta Llama 3 Community License Agreement)" in markdown  # the index's licences row
    assert "model architecture, model parameters (final), evaluation results, model card (Meta Llama 3" in markdown


def test_the_terminal_says_the_threshold_once(scored: dict[str, str]) -> None:
    assert scored["terminal"].count(THRESHOLD) == 1  # in the headline
    assert scored["terminal"].count(DUTY) == 0
