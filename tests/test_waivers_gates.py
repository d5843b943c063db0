"""End to end: gates (--require, --fail-on-unknown, profile thresholds), waivers in every report
format (SARIF suppressions validated against the schema), maintained status and open-washing."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from tests.conftest import write_tree

LICENSE = (Path(__file__).resolve().parents[1] / "LICENSE").read_text(encoding="utf-8")
WAIVERS = """\
waivers:
  governance:
    reason: One maintainer; decisions happen in the issue tracker.
    owner: "@alice"
    expires: 2999-01-01
  security-policy:
    reason: An old waiver.
    expires: 2020-01-01
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return write_tree(tmp_path / "p", {"README.md": "# Demo\n\nA demo project.\n", "LICENSE": LICENSE,
                                       ".openness.yaml": WAIVERS})


def test_waived_finding_in_json_keeps_its_status_and_leaves_the_score(run_cli, project: Path) -> None:
    waived = json.loads(run_cli("score", str(project), "-f", "json", "-q").stdout)
    (project / ".openness.yaml").unlink()
    plain = json.loads(run_cli("score", str(project), "-f", "json", "-q").stdout)
    governance = next(f for f in waived["findings"] if f["criterion"] == "governance")
    assert governance["status"] == "fail" and governance["waiver"]["state"] == "waived"
    assert governance["waiver"]["owner"] == "@alice" and governance["gain"] is None
    expired = next(f for f in waived["findings"] if f["criterion"] == "security-policy")
    assert expired["waiver"]["state"] == "expired" and "counts again" in expired["waiver"]["note"]
    assert waived["dimensions"]["licensing"]["score"] > plain["dimensions"]["licensing"]["score"]


def test_procurement_profile_ignores_waivers(run_cli, project: Path) -> None:
    report = json.loads(run_cli("score", str(project), "-f", "json", "-q", "--profile", "procurement").stdout)
    assert {f["waiver"]["state"] for f in report["findings"] if f["waiver"]} == {"ignored"}


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_waiver_shown_with_reason_and_owner(run_cli, project: Path, fmt: str) -> None:
    out = run_cli("score", str(project), "-f", fmt, "-q").stdout
    assert "waived" in out and "@alice" in out and "One maintainer; decisions happen in the issue tracker." in out


def test_waiver_in_terminal_view(run_cli, project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    out = run_cli("score", str(project), "-q", "--details").stdout
    assert "waived" in out and "@alice" in out


def test_sarif_marks_waived_results_suppressed(run_cli, project: Path, shared: Path) -> None:
    log = json.loads(run_cli("score", str(project), "-f", "sarif", "-q").stdout)
    results = {r["ruleId"]: r for r in log["runs"][0]["results"]}
    (suppression,) = results["governance"]["suppressions"]
    assert suppression["kind"] == "external" and "@alice" in suppression["justification"]
    assert "suppressions" not in results["security-policy"]
    schema = shared / "schemas" / "sarif-schema-2.1.0.json"
    if not schema.is_file():
        pytest.skip("sarif schema not available")
    jsonschema.validate(log, json.loads(schema.read_text(encoding="utf-8")))


@pytest.mark.parametrize(("text", "message"), [
    ("waivers:\n  no-such-criterion:\n    reason: because\n", "unknown criterion"),
    ("waivers:\n  governance:\n    owner: me\n", "field 'reason'"),
    ("waivers:\n  governance:\n    reason: ok reason\n    expires: soon\n", "field 'expires'"),
    ("status: abandoned\n", "field 'status'"),
    ("colour: blue\n", "unknown key 'colour'"),
])
def test_bad_waiver_file_is_one_line_exit_2(run_cli, project: Path, text: str, message: str) -> None:
    (project / ".openness.yaml").write_text(text, encoding="utf-8")
    result = run_cli("score", str(project), "-q")
    assert result.code == 2 and message in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_waivers_in_pyproject(run_cli, project: Path) -> None:
    (project / ".openness.yaml").unlink()
    (project / "pyproject.toml").write_text('[tool.openness.waivers.governance]\nreason = "Solo project."\n',
                                            encoding="utf-8")
    report = json.loads(run_cli("score", str(project), "-f", "json", "-q").stdout)
    assert next(f for f in report["findings"] if f["criterion"] == "governance")["waiver"]["state"] == "waived"


def test_require_and_fail_on_unknown_gates(run_cli, project: Path) -> None:
    ok = run_cli("score", str(project), "-q", "--require", "license-declared")
    assert ok.code == 0
    failed = run_cli("score", str(project), "-q", "--require", "license-declared,readme,governance")
    assert failed.code == 1 and "gate require readme failed" in failed.stderr
    assert "a required criterion must pass" in failed.stderr  # a waiver does not satisfy --require
    unknown = run_cli("score", str(project), "-q", "--fail-on-unknown")
    assert unknown.code == 1 and "gate fail-on-unknown failed" in unknown.stderr
    bad = run_cli("score", str(project), "-q", "--require", "nope")
    assert bad.code == 2 and "unknown criterion 'nope'" in bad.stderr and "license-declared" in bad.stderr


def test_profile_thresholds_gate_and_summary(run_cli, project: Path, tmp_path: Path) -> None:
    profile = tmp_path / "strict.yaml"
    profile.write_text("name: strict\ndescription: x\nthresholds: {licensing: 99}\n", encoding="utf-8")
    summary = tmp_path / "summary.md"
    result = run_cli("score", str(project), "-q", "--profile", str(profile), "--summary", str(summary))
    assert result.code == 1 and "gate threshold licensing failed" in result.stderr
    assert "## Gates" in summary.read_text(encoding="utf-8") and "FAILED" in summary.read_text(encoding="utf-8")
    profile.write_text("name: strict\ndescription: x\nthresholds: {licensing: 120}\n", encoding="utf-8")
    assert run_cli("score", str(project), "-q", "--profile", str(profile)).code == 2


def test_finished_and_deprecated_status(run_cli, project: Path) -> None:
    (project / ".openness.yaml").write_text("status: finished\n", encoding="utf-8")
    report = json.loads(run_cli("score", str(project), "-f", "json", "-q").stdout)
    activity = next(f for f in report["findings"] if f["criterion"] == "recent-activity")
    assert activity["status"] == "not_applicable" and "finished" in activity["reason"]
    (project / ".openness.yaml").unlink()
    (project / "README.md").write_text("# Demo\n\n> **Deprecated**: use acme/demo-v2 instead.\n", encoding="utf-8")
    report = json.loads(run_cli("score", str(project), "-f", "json", "-q").stdout)
    assert report["headline"]["parts"][0]["text"].startswith("DEPRECATED") and "acme/demo-v2" in report["headline"]["text"]


@pytest.mark.parametrize(("readme", "deprecated"), [
    ("# Demo\n\nThis project is no longer maintained; see acme/demo-v2.\n", True),
    ('# Demo\n\nA notice such as "This project is no longer maintained" marks a release as deprecated.\n', False),
    ("# Demo\n\nWrite `the project is deprecated` in the README to say so.\n", False),
])
def test_a_quoted_deprecation_notice_is_an_example_not_a_notice(run_cli, project: Path, readme: str,
                                                                 deprecated: bool) -> None:
    (project / "README.md").write_text(readme, encoding="utf-8")
    headline = json.loads(run_cli("score", str(project), "-f", "json", "-q").stdout)["headline"]["text"]
    assert headline.startswith("DEPRECATED") is deprecated


@pytest.mark.parametrize(("readme", "status"), [
    ("# M\n\nA fully open-source model.\n", "fail"),
    ("# M\n\nThis model is not open source.\n", "not_applicable"),
    ("# M\n\nIt beats other open-source models.\n", "not_applicable"),
])
def test_open_washing(run_cli, tmp_path: Path, readme: str, status: str) -> None:
    root = write_tree(tmp_path / "m", {"README.md": "---\nlicense: cc-by-nc-4.0\n---\n" + readme,
                                       "config.json": '{"model_type": "llama", "hidden_size": 64}',
                                       "model.safetensors": b"\0" * 64})
    report = json.loads(run_cli("score", str(root), "-f", "json", "-q").stdout)
    finding = next(f for f in report["findings"] if f["criterion"] == "open-washing")
    assert finding["status"] == status
    if status == "fail":
        assert "README.md:6" in finding["reason"] and "not OSI-approved" in finding["reason"]
        assert report["headline"]["open_washing"]


def test_true_open_source_claim_passes(run_cli, project: Path) -> None:
    (project / "README.md").write_text("# Demo\n\nAn open source tool.\n", encoding="utf-8")
    report = json.loads(run_cli("score", str(project), "-f", "json", "-q").stdout)
    assert next(f for f in report["findings"] if f["criterion"] == "open-washing")["status"] == "pass"
    assert report["headline"]["open_washing"] is None


@pytest.mark.parametrize(("line", "claim"), [
    ("A fully open model.", "fully_open"),
    ("An open weights research release.", "open_weights"),
    ("We release open data for everyone.", "open_data"),
    ("Equipped with open-source training code.", "open_source_code"),
    ("[![OSI Approved](https://img.shields.io/badge/OSI-approved-green)](https://opensource.org/licenses)", "open_source"),
    ("This model is not open source.", None),
    ("It outperforms comparable open-source models.", None),
    ("Benchmarks from the open-source community.", None),
    ("To enable more open-source research on instruction following, we generate demonstrations.", None),
    ("See [openai vs open-source](https://example.com/openai-vs-open-source-models).", None),
    ("the current lack of open-source multilingual retrieval data", None),
])
def test_claim_reading(line: str, claim: str | None) -> None:
    from types import SimpleNamespace

    from openness.inventory.openness_claims import claim_of
    from openness.inventory.prose import Line

    found = claim_of(Line(SimpleNamespace(id="m"), SimpleNamespace(path="README.md"), 3, line, "", False, False))  # type: ignore[arg-type]
    assert (found.claim if found else None) == claim


def test_count_policy_scores_a_waived_finding_as_found(run_cli, project: Path, tmp_path: Path) -> None:
    profile = tmp_path / "count.yaml"
    profile.write_text("name: count\ndescription: x\nwaivers: count\n", encoding="utf-8")
    counted = json.loads(run_cli("score", str(project), "-f", "json", "-q", "--profile", str(profile)).stdout)
    (project / ".openness.yaml").unlink()
    plain = json.loads(run_cli("score", str(project), "-f", "json", "-q", "--profile", str(profile)).stdout)
    governance = next(f for f in counted["findings"] if f["criterion"] == "governance")
    assert governance["waiver"]["state"] == "waived" and "scored as found" in governance["waiver"]["note"]
    assert counted["score"]["overall"] == plain["score"]["overall"]


def test_declared_deprecation_in_pyproject_names_its_successor(run_cli, project: Path) -> None:
    (project / ".openness.yaml").unlink()
    (project / "pyproject.toml").write_text('[tool.openness]\nstatus = "deprecated"\nsuccessor = "acme/next"\n',
                                            encoding="utf-8")
    report = json.loads(run_cli("score", str(project), "-f", "json", "-q").stdout)
    first = report["headline"]["parts"][0]["text"]
    assert first == "DEPRECATED: declared in pyproject.toml [tool.openness]; use acme/next"
    markdown = run_cli("score", str(project), "-f", "md", "-q").stdout
    assert "DEPRECATED: declared in pyproject.toml" in markdown.split("\n", 3)[2]  # the top line of the report


def test_statement_in_both_files_is_an_error(run_cli, project: Path) -> None:
    (project / "pyproject.toml").write_text('[tool.openness]\nstatus = "finished"\n', encoding="utf-8")
    result = run_cli("score", str(project), "-q")
    assert result.code == 2 and "keep one of the two" in result.stderr


def test_waivers_of_a_checkout_whose_settings_are_not_honoured(run_cli, project: Path) -> None:
    """Trust decides settings only: a vendor checkout's profile is not used, its waivers are shown and
    applied as its maintainers' statement, and the report names both files (or their absence)."""
    (project / ".openness.yaml").unlink()
    (project / "pyproject.toml").write_text('[tool.openness]\nprofile = "ci"\nfail-under = 0\n'
                                            '[tool.openness.waivers.governance]\nreason = "Solo project."\n',
                                            encoding="utf-8")
    result = run_cli("score", str(project), "-f", "json", "-q")
    report = json.loads(result.stdout)
    assert result.code == 0 and report["profile"]["name"] == "default" and report["score"]["passed"] is None
    assert report["profile"]["configuration"] is None and "not used" in report["profile"]["configuration_note"]
    assert report["profile"]["statement"] == "pyproject.toml [tool.openness]"
    assert next(f for f in report["findings"] if f["criterion"] == "governance")["waiver"]["state"] == "waived"
    markdown = run_cli("score", str(project), "-f", "md", "-q").stdout
    assert "configuration none" in markdown and r"statement pyproject.toml \[tool.openness\] ·" in markdown
    bought = run_cli("score", str(project), "-f", "md", "-q", "--profile", "procurement").stdout
    assert r"statement pyproject.toml \[tool.openness\] (not applied: the profile ignores waivers)" in bought


def test_waivers_of_the_working_directory_with_its_settings(run_cli, project: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    (project / "pyproject.toml").write_text('[tool.openness]\nfail-under = 0\nmin-coverage = 0\n', encoding="utf-8")
    monkeypatch.chdir(project)
    report = json.loads(run_cli("score", ".", "-f", "json", "-q").stdout)
    assert Path(report["profile"]["configuration"]).resolve() == (project / "pyproject.toml").resolve()
    assert report["profile"]["statement"] == ".openness.yaml"
    assert [g["gate"] for g in report["score"]["gates"]] == ["fail-under", "min-coverage"]
    assert report["score"]["passed"] is True and report["score"]["gate"].startswith("score ")


def test_coverage_gate_is_one_of_the_gates(run_cli, project: Path) -> None:
    result = run_cli("score", str(project), "-f", "json", "-q", "--fail-under", "0", "--min-coverage", "100",
                     "--require", "readme", "--fail-on-unknown")
    report = json.loads(result.stdout)
    gates = {g["gate"]: g for g in report["score"]["gates"]}
    assert list(gates) == ["fail-under", "min-coverage", "require readme", "fail-on-unknown"]
    assert gates["fail-under"]["passed"] and not gates["min-coverage"]["passed"]
    assert report["score"]["gate"] == gates["min-coverage"]["reason"]  # the first gate that failed
    assert result.code == 1 and "openness: gate failed: coverage" in result.stderr and "(--min-coverage)" in result.stderr
    assert "gate require readme failed" in result.stderr and "gate fail-on-unknown failed" in result.stderr


@pytest.mark.parametrize("fmt", ["md", "html", "csv", "json"])
def test_compare_shows_each_waiver_with_reason_and_owner(run_cli, project: Path, tmp_path: Path, fmt: str) -> None:
    """A comparison shows waived findings as waived, with reason and owner, beside a target without the waiver."""
    plain = write_tree(tmp_path / "plain", {"README.md": "# Plain\n\nA demo project.\n", "LICENSE": LICENSE})
    result = run_cli("compare", str(project), str(plain), "-f", fmt, "-q")
    assert result.code == 0, result.stderr
    out = result.stdout
    if fmt == "json":
        rows = {r["question"]: r["values"] for r in json.loads(out)["rows"] if r["section"] == "Waivers"}
        waived, plain_value = rows[next(q for q in rows if q.endswith("(governance)"))]
        assert waived == "waived (fail) by @alice: One maintainer; decisions happen in the issue tracker.; until 2999-01-01"
        assert plain_value == "not waived (fail)"
        assert next(q for q in rows if q.endswith("(security-policy)"))
        assert rows[next(q for q in rows if q.endswith("(security-policy)"))][0].startswith("waiver expired (fail) by the maintainers")
        return
    assert "Waivers" in out and "waived (fail) by @alice: One maintainer; decisions happen in the issue tracker." in out
    assert "waiver expired (fail)" in out and "not waived (fail)" in out


def test_compare_without_waivers_has_no_waiver_rows(run_cli, tmp_path: Path) -> None:
    plain = write_tree(tmp_path / "plain", {"README.md": "# Plain\n\nA demo project.\n", "LICENSE": LICENSE})
    rows = json.loads(run_cli("compare", str(plain), str(plain), "-f", "json", "-q").stdout)["rows"]
    assert not [r for r in rows if r["section"] == "Waivers"]
