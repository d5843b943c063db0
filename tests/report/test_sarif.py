"""SARIF 2.1.0: valid against the OASIS schema (when ../shared has it), and shaped for GitHub code scanning."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from openness.assessment import Assessment, TargetInfo
from openness.cli import app
from openness.errors import UsageError
from openness.report.sarif import NO_FILE, render_sarif

SCHEMA = Path(__file__).resolve().parents[2].parent / "shared" / "schemas" / "sarif-schema-2.1.0.json"


@pytest.fixture
def log(good: Assessment) -> dict:
    return json.loads(render_sarif(good))


def test_validates_against_the_oasis_schema(log: dict) -> None:
    if not SCHEMA.is_file():
        pytest.skip("../shared/schemas/sarif-schema-2.1.0.json is not available")
    jsonschema.validate(log, json.loads(SCHEMA.read_text(encoding="utf-8")))


def test_structure_github_needs(log: dict, good: Assessment) -> None:
    """Runs without ../shared: the subset GitHub requires, checked by hand."""
    assert log["version"] == "2.1.0" and log["$schema"].startswith("https://")
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "openness" and driver["semanticVersion"] == good.tool.version
    rules = driver["rules"]
    assert [r["id"] for r in rules] == [f.criterion for f in good.findings]  # every criterion, even passing ones
    for rule in rules:
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"] and rule["help"]["text"]
        assert len(rule["fullDescription"]["text"]) <= 1024 and "Remediation:" in rule["help"]["text"]
        assert "security-severity" not in rule.get("properties", {})
    open_findings = [f for f in good.findings if f.status in {"fail", "partial"}]
    assert len(run["results"]) == len(open_findings) > 0
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        finding = good.finding(result["ruleId"])
        assert result["level"] == {"fail": "error", "partial": "warning"}[finding.status]
        assert result["message"]["text"].startswith(f"{finding.title}: {finding.status} (")
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        assert location["region"]["startLine"] >= 1
        assert not location["artifactLocation"]["uri"].startswith(("/", "file:"))  # repository-relative


def test_results_point_at_the_file_they_concern(log: dict, good: Assessment) -> None:
    uris = {r["ruleId"]: r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"]}
    for criterion, uri in uris.items():
        paths = [e.path for e in good.finding(criterion).evidence if e.path and not e.url]
        if paths:
            assert uri == paths[0].replace(" ", "%20")
        else:
            assert uri in {"README.md", NO_FILE} or uri.startswith("LICENSE")


def test_remote_targets_are_refused_with_one_line(good: Assessment) -> None:
    remote = good.model_copy(update={"target": TargetInfo(kind="hf_model", id="org/model")})
    with pytest.raises(UsageError, match="local checkout"):
        render_sarif(remote)


def test_cli_format_sarif(good_repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "openness.sarif"
    result = CliRunner().invoke(app, ["score", str(good_repo), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text())["runs"][0]["tool"]["driver"]["name"] == "openness"
