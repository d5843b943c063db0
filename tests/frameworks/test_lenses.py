"""The four framework lenses, end to end through ``openness.api`` on hand-made checkouts."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from openness import api
from openness.cli import app
from openness.frameworks.osai import DIMENSIONS

from .checkouts import open_model


@pytest.fixture(scope="module")
def open_release(tmp_path_factory):
    return api.score(str(open_model(tmp_path_factory.mktemp("open") / "model")))


@pytest.fixture(scope="module")
def llama_release(tmp_path_factory):
    return api.score(str(open_model(tmp_path_factory.mktemp("llama") / "model", "llama3")))


def mof_of(assessment):
    return assessment.frameworks["mof"].details


def ratings(lens) -> dict[str, str]:
    return {row.id: row.value for row in lens.requirements}


def failing(lens) -> list[str]:
    return [row.id for row in lens.requirements if row.status == "fail"]


def test_mof_linked_datasets_are_not_covered_by_the_release_licence(open_release):
    mof = mof_of(open_release)
    assert (mof.class_, mof.progress.III, mof.progress.II, mof.progress.I) == (2, 100.0, 100.0, 92.9)
    assert mof.not_open == ["Datasets"] and mof.missing == []
    datasets = next(c for c in mof.components if c.name == "Datasets")
    assert datasets.status == "unlicensed" and datasets.evidence[0].url == "https://huggingface.co/datasets/example/corpus"
    assert mof.reason.endswith("Class I blocked by: Datasets licence not read, published outside the release")
    lens = open_release.frameworks["mof"]
    assert (lens.verdict, lens.status, lens.summary) == ("Class II - Open Tooling", "partial", mof.reason)
    assert lens.progress == {"III": 100.0, "II": 100.0, "I": 92.9}
    assert lens.blockers == ["Datasets licence not read, published outside the release"]
    row = lens.row("datasets")
    assert (row.group, row.status, row.value, row.to_change) == ("Class I", "fail", "licence not read",
                                                               "release it under an open licence")


def test_mof_restrictive_licence_blocks_every_class(llama_release):
    mof = mof_of(llama_release)
    assert mof.class_ == 0 and mof.progress.III == 0.0
    assert "Model architecture" in mof.not_open and "not open" in mof.reason
    assert llama_release.frameworks["mof"].status == "fail" and llama_release.frameworks["mof"].rank == 0.0


def test_osaid_passes_an_open_release_and_names_what_fails_otherwise(open_release, llama_release):
    passing = open_release.frameworks["osaid"]
    assert passing.verdict == "pass" and failing(passing) == [] and passing.blockers == []
    osaid = llama_release.frameworks["osaid"]
    assert (osaid.verdict, failing(osaid), osaid.details.license_only) == ("fail", ["code", "parameters"], True)
    assert osaid.qualifier == "would pass but for its licence terms"
    assert osaid.row("data information").status == "pass"
    assert "would pass but for its licence" in osaid.summary


def test_osaid_fails_without_training_code_and_it_is_not_a_licence_problem(tmp_path):
    root = open_model(tmp_path / "model")
    (root / "train.py").unlink()
    osaid = api.score(str(root)).frameworks["osaid"]
    assert osaid.verdict == "fail" and failing(osaid) == ["code"] and osaid.details.license_only is False
    assert "training code" in osaid.row("code").reason and osaid.qualifier is None


def _without_data_card(root):
    (root / "datasheet.md").unlink()
    return root


def test_osaid_data_information_needs_no_separate_data_card(tmp_path):
    """As the OSI's validation met it: the card's training-data section and the datasets it names."""
    root = _without_data_card(open_model(tmp_path / "model"))
    row = api.score(str(root)).frameworks["osaid"].row("data information")
    assert row.status == "pass"
    assert "named datasets" in row.reason and "training-data section" in row.reason and "data card" not in row.reason


def test_osaid_data_information_from_an_own_paper_alone(tmp_path):
    root = _without_data_card(open_model(tmp_path / "model"))
    (root / "technical_report.pdf").unlink()
    (root / "README.md").write_text("# Example-1B\n\nThe model of our paper "
                                    "[Example-1B](https://arxiv.org/abs/2401.00001).\n", encoding="utf-8")
    row = api.score(str(root)).frameworks["osaid"].row("data information")
    assert row.status == "pass" and row.reason == "training data described by own paper"


def test_osaid_data_information_fails_naming_where_it_looked(tmp_path):
    root = _without_data_card(open_model(tmp_path / "model"))
    (root / "technical_report.pdf").unlink()
    (root / "README.md").write_text("# Example-1B\n\nA small language model.\n", encoding="utf-8")
    osaid = api.score(str(root)).frameworks["osaid"]
    row = osaid.row("data information")
    assert row.status == "fail" and row.reason.startswith("nothing describes the training data (looked for ")
    assert all(place in row.reason for place in ("paper or technical report", "named datasets", "training-data section",
                                                 "data card"))
    assert "data information" in failing(osaid) and osaid.details.license_only is False


def test_osai_rates_all_twelve_dimensions_and_scores_the_mean(open_release, llama_release):
    osai = open_release.frameworks["osai"]
    dims = ratings(osai)
    assert list(dims) == list(DIMENSIONS)
    assert dims["weights_endmodel"] == dims["trainingcode"] == "open"
    assert dims["licenses"] == "partial"  # the linked dataset has no licence of its own
    assert "does not cover third-party data" in osai.row("licenses").reason
    assert dims["paper"] == "closed" and dims["preprint"] == "open"
    values = {"open": 1, "partial": 0.5, "closed": 0}
    score = round(sum(values[v] for v in dims.values()) / 12, 4)
    assert osai.details.score == score and osai.rank == round(score * 100) / 100 and osai.verdict == f"{round(score * 100)} %"
    assert osai.row("licenses").group == "Access" and osai.coverage == 1.0
    assert ratings(llama_release.frameworks["osai"])["licenses"] == "closed"
    assert all(row.reason for row in osai.requirements)


def test_osai_two_of_three_open_licences_is_partial(tmp_path):
    root = open_model(tmp_path / "model")
    (root / "LICENSE-MODEL").write_text("llama3", encoding="utf-8")
    readme = root / "README.md"
    badge = "[![Data License](https://img.shields.io/badge/Data%20License-CC%20BY%204.0-green.svg)](datasheet.md)\n\n"
    readme.write_text(readme.read_text().replace("# Example-1B\n\n", "# Example-1B\n\n" + badge), encoding="utf-8")
    osai = api.score(str(root)).frameworks["osai"]
    assert ratings(osai)["licenses"] == "partial"  # code and data open, the weights' licence not


def test_pwc_ticks_every_item_of_a_complete_repository(open_release):
    pwc = open_release.frameworks["pwc"]
    assert pwc.details.ticks == 5 and pwc.verdict == "5 of 5" and pwc.status == "pass"
    assert all(row.status == "pass" and row.evidence for row in pwc.requirements)


def test_pwc_misses_what_a_bare_ml_repository_lacks(tmp_path):
    (tmp_path / "README.md").write_text("# notes\n\nSome words.\n", encoding="utf-8")
    (tmp_path / "requirements.txt").write_text("torch\n", encoding="utf-8")
    pwc = api.score(str(tmp_path), kind="software").frameworks["pwc"]
    assert pwc.details.ticks == 1 and failing(pwc) == [row.id for row in pwc.requirements if row.id != "dependencies"]
    assert len(pwc.blockers) == 4 and all(row.to_change for row in pwc.requirements if row.status != "pass")


def test_the_ml_checklist_judges_software_only_with_ml_code(tmp_path):
    (tmp_path / "README.md").write_text("# a command-line tool\n\nSome words.\n", encoding="utf-8")
    (tmp_path / "requirements.txt").write_text("click\nrich\n", encoding="utf-8")
    tool = api.score(str(tmp_path))
    assert tool.inventory.kind == "software" and "pwc" not in tool.frameworks
    assert "judges software only with a machine-learning framework dependency or a paper of its own" in (
        tool.frameworks_note or "")
    (tmp_path / "requirements.txt").write_text("click\ntorch>=2\n", encoding="utf-8")
    assert "pwc" in api.score(str(tmp_path), kind="software").frameworks


@pytest.mark.parametrize("readme", [
    "# sampler\n\n## Requirements\n\n- Python 3.6\n- PyTorch 1.4\n",  # a framework listed in prose, no manifest
    "# sampler\n\nRun `pip install tensorflow-gpu==1.15` first.\n",  # an install command names it
    "# sampler\n\nThe code of our NeurIPS paper [Fast sampling](https://arxiv.org/abs/1905.13476).\n",
])
def test_research_code_is_judged_by_the_checklist_without_a_manifest(tmp_path, readme):
    (tmp_path / "README.md").write_text(readme, encoding="utf-8")
    (tmp_path / "sample.py").write_text("import numpy\n", encoding="utf-8")
    assessment = api.score(str(tmp_path))
    assert assessment.inventory.kind == "software" and "pwc" in assessment.frameworks


def test_a_framework_mentioned_outside_installation_is_not_a_dependency(tmp_path):
    (tmp_path / "README.md").write_text("# converter\n\nFaster than the PyTorch exporter.\n", encoding="utf-8")
    assert "pwc" not in api.score(str(tmp_path)).frameworks


def test_json_report_maps_each_lens_id_to_one_result_shape(tmp_path):
    root = open_model(tmp_path / "model")
    result = CliRunner().invoke(app, ["score", str(root), "--format", "json"])
    assert result.exit_code == 0, result.output
    frameworks = json.loads(result.stdout)["frameworks"]
    assert list(frameworks) == ["mof", "osaid", "osai", "pwc"]
    common = {"id", "name", "framework_version", "source_url", "verdict", "status", "summary", "requirements",
              "blockers", "details"}
    assert all(set(lens) >= common and lens["id"] == lens_id for lens_id, lens in frameworks.items())
    mof = frameworks["mof"]["details"]
    assert set(mof) >= {"class", "progress", "missing", "not_open", "components"}
    assert set(mof["progress"]) == {"I", "II", "III"} and len(frameworks["mof"]["requirements"]) == 17
    assert frameworks["osaid"]["details"] == {"license_only": False}
    assert len(frameworks["osai"]["requirements"]) == 12 and set(frameworks["osai"]["details"]) == {"score", "system_type"}
    assert len(frameworks["pwc"]["requirements"]) == 5 and frameworks["pwc"]["details"] == {"ticks": 5}


def test_markdown_report_has_a_framework_verdicts_section(open_release):
    from openness.report import RENDERERS

    text = RENDERERS["md"](open_release)
    assert "## Framework verdicts" in text and "Class II - Open Tooling" in text and "**5 of 5**" in text


def test_lenses_are_deterministic(tmp_path):
    root = open_model(tmp_path / "model")
    first, second = api.score(str(root)), api.score(str(root))
    assert first.model_dump_json(include={"frameworks"}) == second.model_dump_json(include={"frameworks"})
