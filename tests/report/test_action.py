"""The composite GitHub Action and the pre-commit hook definition."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
ACTION = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))
STEPS = ACTION["runs"]["steps"]


def test_composite_action_passes_inputs_through_env_only() -> None:
    assert ACTION["runs"]["using"] == "composite"
    assert {"target", "profile", "fail-under", "badge", "sarif"} <= set(ACTION["inputs"])
    assert {"score", "grade"} <= set(ACTION["outputs"])
    referenced = set()
    for step in STEPS:
        assert "${{" not in step["run"], f"expression inside a script (injection risk): {step['name']}"
        assert step["shell"] == "bash"
        referenced |= set(re.findall(r"inputs\.([\w-]+)", " ".join(step.get("env", {}).values())))
    assert referenced == set(ACTION["inputs"]), "every input reaches the scripts through env:"


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_score_step_runs_and_writes_summary_outputs_badge_and_sarif(good_repo: Path, tmp_path: Path) -> None:
    """Run the action's real script against the installed package (the install step is skipped)."""
    runner_temp = tmp_path / "runner"
    runner_temp.mkdir()
    (runner_temp / "openness-venv").symlink_to(Path(sys.prefix))
    if not (runner_temp / "openness-venv" / "bin" / "openness").exists():
        pytest.skip("the openness console script is not installed in this environment")
    summary, outputs = tmp_path / "summary.md", tmp_path / "outputs.txt"
    step = next(s for s in STEPS if s.get("id") == "score")
    env = dict(os.environ, RUNNER_TEMP=str(runner_temp), GITHUB_STEP_SUMMARY=str(summary),
               GITHUB_OUTPUT=str(outputs), INPUT_TARGET=str(good_repo), INPUT_PROFILE="", INPUT_FAIL_UNDER="99", INPUT_MIN_COVERAGE="",
               INPUT_BADGE=str(tmp_path / "badge.svg"), INPUT_BADGE_JSON="", INPUT_SARIF=str(tmp_path / "o.sarif"),
               INPUT_REQUIRE="license-declared", INPUT_FAIL_ON_UNKNOWN="false")
    result = subprocess.run(["bash", "-c", step["run"]], env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 1, result.stderr  # below fail-under 99: the gate fails the step
    values = dict(line.split("=", 1) for line in outputs.read_text().splitlines())
    assert values["passed"] == "false" and values["grade"] and float(values["score"]) < 99
    assert values["sarif-file"] == str(tmp_path / "o.sarif")
    assert summary.read_text().startswith("# Openness scorecard")
    assert "| `require license-declared` |" in summary.read_text()  # the job summary names each gate
    assert (tmp_path / "badge.svg").read_text().startswith("<svg")


def test_pre_commit_hook_scores_offline_without_file_names() -> None:
    (hook,) = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "openness" and hook["language"] == "python"
    assert "--offline" in hook["entry"].split() and hook["entry"].startswith("openness score")
    assert hook["pass_filenames"] is False and hook["always_run"] is True and hook["require_serial"] is True
    assert set(hook["stages"]) <= {"pre-push", "manual"} and hook["minimum_pre_commit_version"] >= "3.2.0"
