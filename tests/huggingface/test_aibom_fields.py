"""The SPDX 3 AI and Dataset fields a Hub model's config, card and datasets state, and the same values in the
CycloneDX ML-BOM: each written when stated, none invented. Every document is validated."""

from __future__ import annotations

from typing import Any

import pytest

from openness import api
from openness.assessment import Assessment
from openness.report.cyclonedx import render_cyclonedx
from openness.report.spdx3 import render_spdx3

from ..bom_schema import assert_valid_cyclonedx, load_spdx3, spdx
from ..github.fake import FakeGitHub
from .fakehub import FakeHub
from .models import DESCRIBED_CORPUS_CARD, add_described_bundle, described_corpus, tiny_base, tiny_corpus, tiny_model

HYPERPARAMETERS = {"hidden_size": "512", "intermediate_size": "1376", "num_hidden_layers": "8",
                   "num_attention_heads": "8", "vocab_size": "32000", "max_position_embeddings": "2048",
                   "rope_theta": "10000.0", "torch_dtype": "bfloat16"}
"""What ``DESCRIBED_CONFIG`` states of its architecture (not its token ids, nested or null values)."""


def _documents(assessment: Assessment) -> tuple[spdx.SHACLObjectSet, dict[str, Any]]:
    """Both documents, each validated (the CycloneDX schema check takes seconds: tests of SPDX alone use ``_spdx``)."""
    return _spdx(assessment), assert_valid_cyclonedx(render_cyclonedx(assessment))


def _spdx(assessment: Assessment) -> spdx.SHACLObjectSet:
    return load_spdx3(render_spdx3(assessment))


def _model(objects: spdx.SHACLObjectSet, name: str = "acme/tiny-llm") -> spdx.ai_AIPackage:
    [model] = [o for o in objects.foreach_type(spdx.ai_AIPackage) if o.name == name]
    return model


def _dataset(objects: spdx.SHACLObjectSet, name: str = "acme/tiny-corpus") -> spdx.dataset_DatasetPackage:
    [dataset] = [o for o in objects.foreach_type(spdx.dataset_DatasetPackage) if o.name == name]
    return dataset


def _properties(entries: list[dict[str, str]], prefix: str) -> list[tuple[str, str]]:
    """(name without ``prefix``, value) of the properties named with it, sorted (the library sorts them)."""
    return sorted((p["name"].removeprefix(prefix), p["value"]) for p in entries if p["name"].startswith(prefix))


@pytest.fixture
def described(hub: FakeHub, gh: FakeGitHub) -> Assessment:
    add_described_bundle(hub)
    return api.score("hf:acme/tiny-llm", read_config=True)  # as --aibom and --spdx ask


@pytest.fixture
def plain(hub: FakeHub, gh: FakeGitHub) -> Assessment:
    """The tiny bundle: its config states one setting, its card no energy, its dataset's card no use or bias."""
    hub.add(tiny_model())
    hub.add(tiny_corpus())
    hub.add(tiny_base())
    return api.score("hf:acme/tiny-llm", read_config=True)  # as --aibom and --spdx ask


def test_hyperparameters_are_what_the_config_states(described: Assessment) -> None:
    objects, bom = _documents(described)
    assert {e.key: e.value for e in _model(objects).ai_hyperparameter} == HYPERPARAMETERS
    card = bom["metadata"]["component"]["modelCard"]
    assert dict(_properties(card["properties"], "openness:hyperparameter:")) == HYPERPARAMETERS


def test_a_config_of_one_setting_gives_one_hyperparameter(plain: Assessment) -> None:
    objects, bom = _documents(plain)
    assert {e.key: e.value for e in _model(objects).ai_hyperparameter} == {"hidden_size": "512"}
    assert dict(_properties(bom["metadata"]["component"]["modelCard"]["properties"], "openness:hyperparameter:")) == {
        "hidden_size": "512"}


def test_a_model_without_a_config_has_no_hyperparameters(hub: FakeHub, gh: FakeGitHub) -> None:
    files = {k: v for k, v in tiny_model().files.items() if k != "config.json"}
    hub.add(tiny_model(files=files))
    objects, bom = _documents(api.score("hf:acme/tiny-llm"))
    assert list(_model(objects).ai_hyperparameter) == []
    assert "properties" not in bom["metadata"]["component"]["modelCard"]


def test_information_about_training_quotes_the_cards_training_sections(described: Assessment) -> None:
    training = _model(_spdx(described)).ai_informationAboutTraining
    assert training.startswith("Training procedure\n\n### Training hyperparameters\n\n- learning_rate: 3e-4")
    assert "Training data\n\nTrained on [acme/tiny-corpus]" in training


def test_a_card_without_training_sections_gives_no_information_about_training(hub: FakeHub, gh: FakeGitHub) -> None:
    card = "---\nlicense: apache-2.0\n---\n# Tiny LLM\n\n## Intended use\n\nResearch on small language models.\n"
    hub.add(tiny_model(files={**tiny_model().files, "README.md": card.encode()}))
    assert _model(_spdx(api.score("hf:acme/tiny-llm"))).ai_informationAboutTraining is None


def test_energy_is_filed_by_the_phase_the_card_states(described: Assessment) -> None:
    objects, bom = _documents(described)
    energy = _model(objects).ai_energyConsumption
    assert [(e.ai_energyQuantity, e.ai_energyUnit) for e in energy.ai_trainingEnergyConsumption] == [
        (1200.0, spdx.ai_EnergyUnitType.kilowattHour)]
    assert [(e.ai_energyQuantity, e.ai_energyUnit) for e in energy.ai_finetuningEnergyConsumption] == [
        (30.0, spdx.ai_EnergyUnitType.kilowattHour)]
    assert list(energy.ai_inferenceEnergyConsumption) == []  # "serving … an unmeasured amount" states none
    environment = bom["metadata"]["component"]["modelCard"]["considerations"]["environmentalConsiderations"]
    assert _properties(environment["properties"], "openness:energy:") == [("finetuning", "30 kWh"),
                                                                          ("training", "1200 kWh")]
    assert ("emissions", "540000") in _properties(environment["properties"], "openness:co2_eq_emissions:")


def test_a_card_silent_on_energy_gives_none(plain: Assessment) -> None:
    assert _model(_spdx(plain)).ai_energyConsumption is None


def test_emissions_alone_are_no_energy(hub: FakeHub, gh: FakeGitHub) -> None:
    card = TINY_WITH_EMISSIONS.encode()
    hub.add(tiny_model(files={**tiny_model().files, "README.md": card}))
    objects, bom = _documents(api.score("hf:acme/tiny-llm"))
    assert _model(objects).ai_energyConsumption is None
    environment = bom["metadata"]["component"]["modelCard"]["considerations"]["environmentalConsiderations"]
    assert _properties(environment["properties"], "openness:energy:") == []


TINY_WITH_EMISSIONS = """---
license: apache-2.0
co2_eq_emissions:
  emissions: 540000
---
# Tiny LLM

## Environmental impact

Training ran on 8 A100 GPUs of 400 W for 96 hours and emitted 540 kg CO2eq.
"""


def test_autonomy_and_safety_risk_are_never_claimed(described: Assessment) -> None:
    model = _model(_spdx(described))
    assert model.ai_autonomyType is None and model.ai_safetyRiskAssessment is None


def test_a_datasets_card_and_croissant_metadata_give_its_use_bias_type_and_size(described: Assessment) -> None:
    objects, bom = _documents(described)
    dataset = _dataset(objects)
    assert dataset.dataset_intendedUse == "### Direct Use\n\nPre-training small English language models for research."
    assert list(dataset.dataset_knownBias) == [
        "News sites from the United States are over-represented; other English varieties are rare.",
        "Crawled pages favour popular websites."]
    assert list(dataset.dataset_datasetType) == [spdx.dataset_DatasetType.text]
    assert dataset.dataset_datasetSize == 500_000_000 + len(DESCRIBED_CORPUS_CARD.encode())
    component = next(c for c in bom["components"] if c["bom-ref"] == "member:acme/tiny-corpus")
    assert _properties(component["properties"], "openness:dataset:") == sorted([
        ("type", "text"), ("intended-use", dataset.dataset_intendedUse),
        *[("known-bias", bias) for bias in dataset.dataset_knownBias],
        ("size-bytes", str(dataset.dataset_datasetSize))])


def test_a_dataset_that_states_no_use_or_bias_gets_none(plain: Assessment) -> None:
    objects, bom = _documents(plain)
    dataset = _dataset(objects)
    assert dataset.dataset_intendedUse is None and list(dataset.dataset_knownBias) == []
    assert list(dataset.dataset_datasetType) == [spdx.dataset_DatasetType.text]  # its card's task_categories
    component = next(c for c in bom["components"] if c["bom-ref"] == "member:acme/tiny-corpus")
    assert [name for name, _ in _properties(component["properties"], "openness:dataset:")] == ["size-bytes", "type"]


def test_a_dataset_of_no_stated_kind_is_no_assertion(hub: FakeHub, gh: FakeGitHub) -> None:
    hub.add(tiny_model())
    hub.add(described_corpus(files={"README.md": b"---\nlicense: cc-by-4.0\n---\n# Corpus\n", "data/x.bin": 10},
                             info={"cardData": {"license": "cc-by-4.0"}, "tags": ["modality:geospatial"]},
                             croissant={}))
    objects, bom = _documents(api.score("hf:acme/tiny-llm"))
    assert list(_dataset(objects).dataset_datasetType) == [spdx.dataset_DatasetType.noAssertion]
    component = next(c for c in bom["components"] if c["bom-ref"] == "member:acme/tiny-corpus")
    assert "type" not in dict(_properties(component["properties"], "openness:dataset:"))


def test_a_dataset_target_is_a_dataset_package_with_its_fields(hub: FakeHub, gh: FakeGitHub) -> None:
    hub.add(described_corpus())
    dataset = _dataset(_spdx(api.score("hf-dataset:acme/tiny-corpus")))
    assert dataset.software_primaryPurpose == spdx.software_SoftwarePurpose.data
    assert dataset.dataset_intendedUse and list(dataset.dataset_knownBias)
    assert list(dataset.dataset_datasetType) == [spdx.dataset_DatasetType.text]


def test_only_the_bill_of_materials_outputs_read_the_config(hub: FakeHub, gh: FakeGitHub, run_cli, tmp_path) -> None:
    """config.json costs a request the other reports do not need (the info call gives the architecture);
    the BOMs list its hyperparameters, so --aibom, --spdx and the BOM formats read it."""
    hub.add(tiny_model())
    plain = run_cli("score", "hf:acme/tiny-llm", "--no-follow", "--no-cache", "-f", "json", "-o", str(tmp_path / "r.json"))
    assert plain.code in {0, 1} and hub.requests("GET", "config.json") == []
    bom = tmp_path / "bom.json"
    run_cli("score", "hf:acme/tiny-llm", "--no-follow", "--no-cache", "-f", "json", "-o", str(tmp_path / "r2.json"),
            "--aibom", str(bom))
    assert len(hub.requests("GET", "config.json")) == 1
    assert "openness:hyperparameter:hidden_size" in bom.read_text(encoding="utf-8")
