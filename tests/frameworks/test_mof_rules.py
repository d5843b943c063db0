"""The Model Openness Framework class and progress, by the Model Openness Tool's rules."""

from __future__ import annotations

import json

import pytest

from openness.frameworks.mof import SPECS, MofEntry, classify, license_status
from openness.frameworks.mot_record import classify_record, parse_record

from .records import SHARED, record_yaml, release

CLASS_III = ["Model architecture", "Model parameters (Final)", "Evaluation results", "Model card", "Data card",
             "Technical report"]
CLASS_II = ["Training code", "Inference code", "Evaluation code", "Evaluation data"]
CLASS_I = ["Datasets", "Data preprocessing code", "Model parameters (Intermediate)", "Research paper"]


def score(record: dict):
    return classify_record(parse_record(record), "test.yml").mof


def progress(lens) -> tuple[float, float, float]:
    return lens.progress.III, lens.progress.II, lens.progress.I


def test_every_required_component_open_is_class_one():
    lens = score(release(dict.fromkeys(CLASS_III + CLASS_II + CLASS_I), distribution="Apache-2.0"))
    assert lens.class_ == 1 and progress(lens) == (100.0, 100.0, 100.0)
    assert lens.missing == [] and lens.not_open == []


def test_class_three_only_gives_sixty_percent_of_class_two_and_nothing_of_class_one():
    lens = score(release(dict.fromkeys(CLASS_III), distribution="MIT"))
    assert (lens.class_, lens.label) == (3, "Class III - Open Model")
    assert progress(lens) == (100.0, 60.0, 0.0)
    assert lens.missing == CLASS_II + CLASS_I


def test_a_restrictive_licence_on_a_required_component_blocks_its_class_and_every_stronger_one():
    lens = score(release({**dict.fromkeys(CLASS_III + CLASS_II + CLASS_I), "Model parameters (Final)": "llama3"},
                         distribution="Apache-2.0"))
    assert lens.class_ == 0 and progress(lens) == (83.3, 0.0, 0.0)
    assert lens.not_open == ["Model parameters (Final)"]
    assert "Model parameters (Final) not open: llama3" in lens.reason


@pytest.mark.parametrize("license_id, open_", [("Apache-2.0", True), ("CC-BY-4.0", True), ("CC-BY-NC-4.0", False),
                                               ("llama3", False), ("Apache 2.0", False), ("apache-2.0", False)])
def test_open_means_an_exact_spdx_id(license_id, open_):
    lens = score(release(dict.fromkeys(CLASS_III, license_id)))
    assert (lens.class_ == 3) is open_


def test_component_licence_beats_type_licence_beats_distribution():
    lens = score(release({"Model architecture": "CC-BY-NC-4.0", "Model card": None, "Training code": None},
                         distribution="CC-BY-NC-4.0", code="MIT", document="CC-BY-4.0"))
    found = {c.name: (c.license, c.license_source) for c in lens.components if c.included}
    assert found == {"Model architecture": ("CC-BY-NC-4.0", "component"), "Model card": ("CC-BY-4.0", "global:document"),
                     "Training code": ("MIT", "global:code")}


def test_unlicensed_blocks_inheritance():
    lens = score(release({name: ("unlicensed" if name == "Data card" else None) for name in CLASS_III},
                         distribution="Apache-2.0"))
    card = next(c for c in lens.components if c.name == "Data card")
    assert (card.license, card.status) == (None, "unlicensed")
    assert lens.class_ == 0 and lens.not_open == ["Data card"] and lens.progress.III == 83.3


def test_a_research_paper_stands_in_for_a_missing_technical_report():
    without_report = [n for n in CLASS_III if n != "Technical report"]
    lens = score(release(dict.fromkeys(without_report + ["Research paper"]), distribution="Apache-2.0"))
    assert lens.class_ == 3 and "Technical report" not in lens.missing
    assert any("Research paper counted in place" in w for w in lens.warnings)


def test_for_class_one_the_paper_alone_suffices():
    everything = CLASS_III + CLASS_II + CLASS_I
    lens = score(release(dict.fromkeys(n for n in everything if n != "Technical report"), distribution="Apache-2.0"))
    assert lens.class_ == 1 and lens.progress.I == 100.0


def test_a_report_without_paper_leaves_class_one_one_short():
    lens = score(release(dict.fromkeys(n for n in CLASS_III + CLASS_II + CLASS_I if n != "Research paper"),
                         distribution="Apache-2.0"))
    assert lens.class_ == 2 and lens.progress.I == 92.9


def test_optional_components_never_change_the_class():
    base = dict.fromkeys(CLASS_III)
    with_optional = {**base, "Sample model outputs": "llama3", "Model metadata": "llama3"}
    assert score(release(with_optional, distribution="MIT")).class_ == score(release(base, distribution="MIT")).class_ == 3


def test_type_appropriateness_is_a_warning_not_a_failure():
    assert license_status("Apache-2.0", "data") == "open_not_type_appropriate"
    assert license_status("Apache-2.0", "document") == "open"
    assert license_status("MIT", "document") == "open_not_type_appropriate"
    assert license_status("CC-BY-4.0", "document") == "open"
    assert license_status("CC-BY-4.0", "code") == "open_not_type_appropriate"
    assert license_status(None, "code") == "unlicensed"
    assert license_status("Gemma Terms of Use", "data") == "not_open"


def test_expressions_count_only_when_not_exact():
    assert license_status("MIT OR Apache-2.0", "code", exact=False) == "open"
    assert license_status("MIT OR Apache-2.0", "code", exact=True) == "not_open"
    assert license_status("MIT AND llama3", "code", exact=False) == "not_open"


def test_nothing_listed_is_unclassified_with_every_required_component_missing():
    lens = classify([MofEntry(spec.mof_id, included=False) for spec in SPECS])
    assert lens.class_ == 0 and progress(lens) == (0.0, 0.0, 0.0) and len(lens.missing) == 14


def _ground_truth() -> list[dict]:
    path = SHARED / "ground-truth" / "mot.dev.json"
    if not path.exists():
        pytest.skip("../shared/ground-truth/mot.dev.json is not available")
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("tiers", [("high", "medium"), ("low",)], ids=["high+medium", "low"])
def test_reproduces_every_mot_record_class_and_progress(tiers):
    records = [r for r in _ground_truth() if r["ground_truth_tier"] in tiers]
    assert records
    wrong = []
    for record in records:
        lens = score(record_yaml(record))
        got = (lens.class_, lens.progress.I, lens.progress.II, lens.progress.III)
        pct = record["mof_progress_pct"]
        expected = (record["mof_class"], float(pct["1"]), float(pct["2"]), float(pct["3"]))
        if got != expected:
            wrong.append((record["name"], got, expected))
    assert wrong == []


def test_reproduces_every_component_licence_status_of_the_tool():
    wrong = []
    for record in _ground_truth():
        for component in score(record_yaml(record)).components:
            truth = record["components"][component.name]
            if component.included != truth["included"] or (
                    component.included and component.status != truth["mot_license_status"]):
                wrong.append((record["name"], component.name, component.status, truth.get("mot_license_status")))
    assert wrong == []
