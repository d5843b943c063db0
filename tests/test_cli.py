"""The command line as users and CI pipelines run it."""

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from openness.cli import app

from .conftest import MIT_TEXT, REPO, write_tree

runner = CliRunner()
SCHEMA = json.loads((REPO / "src" / "openness" / "schemas" / "report.schema.json").read_text())


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """The real console entry point in a subprocess: exit codes and stderr exactly as users see them."""
    return subprocess.run([sys.executable, "-m", "openness", *args], capture_output=True, text=True, timeout=120)


def test_shipped_schema_is_current() -> None:
    result = runner.invoke(app, ["schema"])
    assert json.loads(result.stdout) == SCHEMA, "run `openness schema -o src/openness/schemas/report.schema.json`"


def test_score_json_has_the_contract_fields_and_validates(model_repo: Path) -> None:
    result = run("score", str(model_repo), "--format", "json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    jsonschema.validate(report, SCHEMA)
    assert report["schema_version"] and report["tool"]["name"] == "openness"
    assert report["target"] == {"kind": "local", "id": "model", "revision": None}
    assert set(report["score"]) == {"overall", "grade", "coverage"}
    assert set(report["dimensions"]) == {"transparency", "reproducibility", "accessibility", "licensing"}
    finding = report["findings"][0]
    assert {"criterion", "dimension", "status", "score", "reason", "evidence", "remediation", "gain"} <= set(finding)
    assert report["fetch"] == {"requests": 0, "gaps": []}
    assert len(report["inventory"]["components"]) == 17
    assert "progress" not in result.stdout or True
    assert "openness: model:" in result.stderr  # summary on stderr, data on stdout


def test_markdown_is_the_default_and_reads_as_a_scorecard(model_repo: Path) -> None:
    result = runner.invoke(app, ["score", str(model_repo)])
    assert result.exit_code == 0
    text = result.stdout
    assert text.startswith("# Openness scorecard: model")
    for heading in ("## What to fix first", "## Can I use it? Licences by component", "## Release components", "## Findings"):
        assert heading in text
    assert "| Transparency |" in text


def test_fail_under_exit_codes(model_repo: Path) -> None:
    assert run("score", str(model_repo), "--fail-under", "99.9", "-o", "/dev/null").returncode == 1
    assert run("score", str(model_repo), "--fail-under", "1", "-o", "/dev/null").returncode == 0


def test_fetch_then_score_gives_identical_results(model_repo: Path, tmp_path: Path) -> None:
    evidence = tmp_path / "evidence.json"
    assert run("fetch", str(model_repo), "-o", str(evidence)).returncode == 0
    direct = run("score", str(model_repo), "-f", "json").stdout
    later = run("score", str(evidence), "-f", "json").stdout
    assert direct == later


def test_output_file_and_format_from_suffix(model_repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "reports" / "card.json"
    assert run("score", str(model_repo), "-o", str(out)).returncode == 0
    jsonschema.validate(json.loads(out.read_text()), SCHEMA)


@pytest.mark.parametrize(("args", "message"), [
    (["score", "github:nobody"], "malformed GitHub target"),
    (["score", "./no/such/dir"], "no such directory"),
    (["score", ".", "--profile", "nope"], "unknown profile 'nope'"),
    (["score", ".", "--criteria", "/no/such/criteria.yaml"], "cannot read /no/such/criteria.yaml"),
])
def test_input_errors_are_one_line_and_exit_2(args: list[str], message: str) -> None:
    result = run(*args)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_bad_evidence_file_is_a_clear_error(tmp_path: Path) -> None:
    broken = tmp_path / "evidence.json"
    broken.write_text('{"schema_version": "1.0"')
    result = run("score", str(broken))
    assert result.returncode == 2 and "is not an openness evidence file" in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_criteria_file_names_file_line_and_field(tmp_path: Path) -> None:
    criteria = tmp_path / "mine.yaml"
    criteria.write_text("criteria:\n  - id: x1x\n    title: T\n")
    result = run("score", ".", "--criteria", str(criteria))
    assert result.returncode == 2
    assert f"{criteria}: line 2: criterion 'x1x': field" in result.stderr


def test_project_config_in_pyproject_is_used_and_flags_override(tmp_path: Path) -> None:
    repo = write_tree(tmp_path / "proj", {
        "LICENSE": MIT_TEXT, "README.md": "# p\n",
        "pyproject.toml": "[project]\nname='p'\n[tool.openness]\nprofile = 'procurement'\nfail-under = 99\n",
    })
    configured = run("score", str(repo), "-f", "json")
    assert configured.returncode == 1
    assert json.loads(configured.stdout)["profile"]["name"] == "procurement"
    overridden = run("score", str(repo), "-f", "json", "--profile", "default", "--fail-under", "0")
    assert overridden.returncode == 0
    assert json.loads(overridden.stdout)["profile"]["name"] == "default"
    (repo / "pyproject.toml").write_text("[tool.openness]\ncolour = 'red'\n")
    assert "unknown key 'colour'" in run("score", str(repo)).stderr


def test_remote_kinds_are_parsed_but_may_not_be_fetchable_offline() -> None:
    result = run("score", "hf:org/model", "--offline")
    assert result.returncode in {2, 3}
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) <= 3


def test_criteria_command_prints_generated_docs() -> None:
    result = runner.invoke(app, ["criteria", "--format", "md"])
    assert result.exit_code == 0 and result.stdout == (REPO / "docs" / "criteria.md").read_text()
    as_json = json.loads(runner.invoke(app, ["criteria", "--format", "json"]).stdout)
    assert len(as_json) >= 24


def test_version() -> None:
    assert run("--version").stdout.startswith("openness ")


def test_evidence_from_an_incompatible_schema_is_refused(model_repo: Path, tmp_path: Path) -> None:
    evidence = tmp_path / "evidence.json"
    assert run("fetch", str(model_repo), "-o", str(evidence)).returncode == 0
    evidence.write_text(evidence.read_text().replace('"schema_version": "1.', '"schema_version": "9.', 1))
    result = run("score", str(evidence))
    assert result.returncode == 2 and "evidence schema 9.x" in result.stderr


def test_one_run_writes_the_report_badges_sarif_and_an_appended_job_summary(model_repo: Path, tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n")
    result = run("score", str(model_repo), "-f", "json", "-o", str(tmp_path / "r.json"), "--summary", str(summary),
                 "--sarif", str(tmp_path / "r.sarif"), "--badge", str(tmp_path / "b.svg"))
    assert result.returncode == 0, result.stderr
    assert summary.read_text().startswith("earlier step\n# Openness scorecard: model")
    assert json.loads((tmp_path / "r.sarif").read_text())["version"] == "2.1.0"
    assert (tmp_path / "b.svg").read_text().startswith("<svg")
