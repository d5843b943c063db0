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


def test_mof_linked_datasets_are_not_covered_by_the_release_licence(open_release):
    mof = open_release.frameworks.mof
    assert (mof.class_, mof.progress.III, mof.progress.II, mof.progress.I) == (2, 100.0, 100.0, 92.9)
    assert mof.not_open == ["Datasets"] and mof.missing == []
    datasets = next(c for c in mof.components if c.name == "Datasets")
    assert datasets.status == "unlicensed" and datasets.evidence[0].url == "https://huggingface.co/datasets/example/corpus"
    assert mof.reason.endswith("Class I blocked by: Datasets licence not read, published outside the release")


def test_mof_restrictive_licence_blocks_every_class(llama_release):
    mof = llama_release.frameworks.mof
    assert mof.class_ == 0 and mof.progress.III == 0.0
    assert "Model architecture" in mof.not_open and "not open" in mof.reason


def test_osaid_passes_an_open_release_and_names_what_fails_otherwise(open_release, llama_release):
    assert open_release.frameworks.osaid.verdict == "pass" and open_release.frameworks.osaid.failing == []
    osaid = llama_release.frameworks.osaid
    assert (osaid.verdict, osaid.failing, osaid.license_only) == ("fail", ["code", "parameters"], True)
    assert osaid.requirements["data information"].status == "pass"
    assert "would pass but for its licence" in osaid.reason


def test_osaid_fails_without_training_code_and_it_is_not_a_licence_problem(tmp_path):
    root = open_model(tmp_path / "model")
    (root / "train.py").unlink()
    osaid = api.score(str(root)).frameworks.osaid
    assert osaid.verdict == "fail" and osaid.failing == ["code"] and osaid.license_only is False
    assert "training code" in osaid.requirements["code"].reason


def test_osai_rates_all_twelve_dimensions_and_scores_the_mean(open_release, llama_release):
    osai = open_release.frameworks.osai
    assert list(osai.dims) == list(DIMENSIONS)
    assert osai.dims["weights_endmodel"] == osai.dims["trainingcode"] == "open"
    assert osai.dims["licenses"] == "partial"  # the linked dataset has no licence of its own
    assert "does not cover third-party data" in osai.details["licenses"].reason
    assert osai.dims["paper"] == "closed" and osai.dims["preprint"] == "open"
    values = {"open": 1, "partial": 0.5, "closed": 0}
    assert osai.score == round(sum(values[v] for v in osai.dims.values()) / 12, 4)
    assert llama_release.frameworks.osai.dims["licenses"] == "closed"
    assert all(d.reason for d in osai.details.values())


def test_osai_two_of_three_open_licences_is_partial(tmp_path):
    root = open_model(tmp_path / "model")
    (root / "LICENSE-MODEL").write_text("llama3", encoding="utf-8")
    readme = root / "README.md"
    badge = "[![Data License](https://img.shields.io/badge/Data%20License-CC%20BY%204.0-green.svg)](datasheet.md)\n\n"
    readme.write_text(readme.read_text().replace("# Example-1B\n\n", "# Example-1B\n\n" + badge), encoding="utf-8")
    osai = api.score(str(root)).frameworks.osai
    assert osai.dims["licenses"] == "partial"  # code and data open, the weights' licence not


def test_pwc_ticks_every_item_of_a_complete_repository(open_release):
    pwc = open_release.frameworks.pwc
    assert pwc.ticks == 5 and all(item.tick and item.evidence for item in pwc.items.values())


def test_pwc_misses_what_a_bare_repository_lacks(tmp_path):
    (tmp_path / "README.md").write_text("# notes\n\nSome words.\n", encoding="utf-8")
    pwc = api.score(str(tmp_path)).frameworks.pwc
    assert pwc.ticks == 0 and not any(item.tick for item in pwc.items.values())


def test_json_report_carries_the_four_lenses_in_the_promised_shape(tmp_path):
    root = open_model(tmp_path / "model")
    result = CliRunner().invoke(app, ["score", str(root), "--format", "json"])
    assert result.exit_code == 0, result.output
    frameworks = json.loads(result.stdout)["frameworks"]
    assert set(frameworks["mof"]) >= {"class", "progress", "missing", "not_open"}
    assert set(frameworks["mof"]["progress"]) == {"I", "II", "III"}
    assert set(frameworks["osaid"]) >= {"verdict", "failing", "license_only"}
    assert set(frameworks["osai"]) >= {"dims", "score"} and len(frameworks["osai"]["dims"]) == 12
    assert set(frameworks["pwc"]) >= {"ticks", "items"} and len(frameworks["pwc"]["items"]) == 5


def test_markdown_report_has_a_framework_verdicts_section(open_release):
    from openness.report import RENDERERS

    text = RENDERERS["md"](open_release)
    assert "## Framework verdicts" in text and "Class II - Open Tooling" in text and "**5 of 5**" in text


def test_lenses_are_deterministic(tmp_path):
    root = open_model(tmp_path / "model")
    first, second = api.score(str(root)).frameworks, api.score(str(root)).frameworks
    assert first.model_dump_json() == second.model_dump_json()
