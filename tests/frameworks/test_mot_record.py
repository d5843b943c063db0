"""``openness mof FILE.yml``: reading Model Openness Tool records, scoring them, checking them."""

from __future__ import annotations

import json

import yaml
from typer.testing import CliRunner

from openness import api
from openness.cli import app
from openness.errors import UsageError
from openness.frameworks.mot_record import compare, load_record, parse_record

from .checkouts import open_model
from .records import release

runner = CliRunner()
GRANITE = """framework:
  name: 'Model Openness Framework'
  version: '1.0'
release:
  name: Granite-Example
  huggingface: 'https://huggingface.co/ibm-granite/granite-example'
  license:
    distribution:
      name: Apache-2.0
      path: 'https://example.org/LICENSE'
  components:
    - name: 'Model architecture'
    - name: 'Model parameters (Final)'
    - name: 'Model card'
    - name: 'Data card'
    - name: 'Technical report'
    - name: 'Evaluation results'
"""


def test_text_output_gives_class_progress_and_warnings(tmp_path):
    path = tmp_path / "granite.yml"
    path.write_text(GRANITE, encoding="utf-8")
    result = runner.invoke(app, ["mof", str(path)])
    assert result.exit_code == 0, result.output
    assert "Granite-Example: Class III - Open Model" in result.stdout
    assert "Class III 100.0 %, Class II 60.0 %, Class I 0.0 %" in result.stdout
    assert "Model parameters (Final): Apache-2.0 is open but not typed for data" in result.stdout


def test_json_output_has_class_and_progress(tmp_path):
    path = tmp_path / "granite.yml"
    path.write_text(GRANITE, encoding="utf-8")
    result = runner.invoke(app, ["mof", str(path), "--format", "json"])
    data = json.loads(result.stdout)
    assert data["mof"]["class"] == 3 and data["mof"]["progress"] == {"I": 0.0, "II": 60.0, "III": 100.0}
    assert data["huggingface"] == "https://huggingface.co/ibm-granite/granite-example"
    assert data["verification"] is None


def test_unknown_component_names_are_reported_not_fatal():
    record = parse_record({"release": {"name": "x", "components": [{"name": "Weights"}, {"name": "Model card"}]}})
    assert [c.name for c in record.components] == ["Model card"]
    assert "'Weights' is not one of the 17 MOF components" in record.problems[0]


def test_bad_files_are_one_line_usage_errors(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text("release: [unclosed\n", encoding="utf-8")
    not_a_record = tmp_path / "other.yml"
    not_a_record.write_text("name: x\n", encoding="utf-8")
    for path in (broken, not_a_record, tmp_path / "missing.yml"):
        result = runner.invoke(app, ["mof", str(path)])
        assert isinstance(result.exception, UsageError) and result.exception.exit_code == 2
        assert str(path) in str(result.exception)


def test_verify_needs_a_repository_in_the_record(tmp_path):
    path = tmp_path / "bare.yml"
    path.write_text(yaml.safe_dump(release({"Model card": None})), encoding="utf-8")
    result = runner.invoke(app, ["mof", str(path), "--verify"])
    assert isinstance(result.exception, UsageError) and "--verify needs" in str(result.exception)


def test_compare_lists_where_the_self_assessment_and_the_evidence_differ(tmp_path):
    root = open_model(tmp_path / "model")
    (root / "datasheet.md").unlink()
    inventory = api.score(str(root)).inventory
    path = tmp_path / "claims.yml"
    path.write_text(yaml.safe_dump(release({"Model architecture": None, "Data card": None, "Sample model outputs": None,
                                            "Training code": "Apache-2.0"}, distribution="MIT")), encoding="utf-8")
    found = {d.component: d for d in compare(load_record(path), inventory)}
    assert found["Sample model outputs"].kind == "not_found"
    assert found["Training code"].kind == "license_differs" and found["Training code"].evidence == "MIT"
    assert found["Model parameters (Final)"].kind == "not_listed"
    assert "Model architecture" not in found
    assert found["Data card"].kind == "not_found"


def test_console_entry_point_exits_2_with_one_line(tmp_path, run_cli):
    missing = tmp_path / "missing.yml"
    done = run_cli("mof", str(missing))
    assert done.code == 2 and done.stderr.count("\n") == 1 and "cannot read" in done.stderr
