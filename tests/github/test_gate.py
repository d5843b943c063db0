"""A degraded fetch cannot pass a gate: a truncated tree turns failing criteria into unknowns, which
leave the score (so it may rise) but lower coverage, and the gate also needs coverage."""

from __future__ import annotations

from collections.abc import Callable

from openness import api

from ..conftest import CliRun
from .fake import FakeGitHub
from .repos import RepoSpec, serve_repo


def test_a_truncated_tree_fails_the_coverage_gate(fake: FakeGitHub, run_cli: Callable[..., CliRun]) -> None:
    serve_repo(fake, RepoSpec(truncated=True))
    degraded = api.score("github:octo-org/llm-kit", fail_under=0)
    assert degraded.score.coverage * 100 < 80 and degraded.score.passed is False
    assert degraded.score.gate is not None and degraded.score.gate.startswith(
        f"coverage {round(degraded.score.coverage * 100)} % is below the minimum 80 %")
    result = run_cli("score", "github:octo-org/llm-kit", "--fail-under", "0", "-f", "md", "--no-cache")
    assert result.code == 1
    assert "gate failed: coverage" in result.stderr and "(the min_coverage of profile 'default')" in result.stderr
    assert "**Gate: ❌ failed**: coverage" in result.stdout
    lowered = run_cli("score", "github:octo-org/llm-kit", "--fail-under", "0", "--min-coverage", "0", "-o", "-",
                      "--no-cache")
    assert lowered.code == 0, lowered.stderr
