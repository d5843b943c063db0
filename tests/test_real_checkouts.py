"""What a careful reviewer concludes about six real repositories (skips without ../shared)."""

from collections.abc import Callable
from pathlib import Path

import pytest

from openness import api
from openness.assessment import Assessment

Build = Callable[[str], Path]


def score(real_checkout: Build, name: str) -> Assessment:
    return api.score(str(real_checkout(name)))


def test_bert_is_apache_with_training_and_evaluation_but_no_model_card(real_checkout: Build) -> None:
    result = score(real_checkout, "google-research__bert")
    inventory = result.inventory
    assert inventory.kind == "model"
    assert inventory.licenses["code"].license_id == "Apache-2.0"
    assert inventory.component("training_code").status == "present"
    assert inventory.component("model_card").status == "absent"
    assert result.finding("model-card").status == "fail"
    assert result.finding("code-license-osi").status == "pass"
    assert inventory.component("research_paper").status == "present"  # arXiv link in the README


def test_gpt2_has_a_modified_mit_licence_and_a_model_card(real_checkout: Build) -> None:
    result = score(real_checkout, "openai__gpt-2")
    licence_file = next(d for d in result.inventory.declarations if d.ref.path == "LICENSE")
    assert licence_file.modified, "gpt-2's LICENSE adds terms to MIT: never report plain MIT"
    assert result.inventory.component("model_card").status in {"present", "partial"}
    code = result.inventory.licenses["code"]
    assert code.license_id != "MIT" or code.modified
    assert result.finding("code-license-osi").status != "pass"


def test_alpaca_mixes_apache_code_with_non_commercial_data(real_checkout: Build) -> None:
    result = score(real_checkout, "tatsu-lab__stanford_alpaca")
    licences = result.inventory.licenses
    assert licences["code"].license_id == "Apache-2.0"
    assert licences["data"].license_id == "CC-BY-NC-4.0"
    assert licences["weights"].license_id == "CC-BY-NC-4.0"  # the weight diff
    assert result.finding("data-license-open").status == "fail"
    assert result.finding("commercial-use").status == "fail"
    assert result.inventory.component("data_card").status == "present"  # datasheet.md


def test_stable_diffusion_separates_code_and_model_licences(real_checkout: Build) -> None:
    result = score(real_checkout, "Stability-AI__stablediffusion")
    licences = result.inventory.licenses
    assert licences["code"].license_id == "MIT"
    assert licences["weights"].license_id not in {None, "MIT"}  # LICENSE-MODEL: CreativeML Open RAIL++-M
    assert licences["weights"].declared_by is not None and licences["weights"].declared_by.path == "LICENSE-MODEL"
    assert result.finding("weights-license-open").status == "fail"


@pytest.mark.parametrize("name", ["lm-sys__FastChat", "mistralai__mistral-inference"])
def test_software_repositories_are_apache_and_fully_scored(real_checkout: Build, name: str) -> None:
    result = score(real_checkout, name)
    assert result.inventory.licenses["code"].license_id == "Apache-2.0"
    assert result.score.overall is not None and result.score.coverage > 0.6
    assert result.finding("dependencies-declared").status == "pass"


@pytest.mark.parametrize("name", ["google-research__bert", "openai__gpt-2", "Stability-AI__stablediffusion",
                                  "lm-sys__FastChat", "mistralai__mistral-inference", "tatsu-lab__stanford_alpaca"])
def test_safe_weight_format_names_only_the_inventorys_weight_files(real_checkout: Build, name: str) -> None:
    """One weights rule: the criterion never cites a file the inventory does not count as weights."""
    result = score(real_checkout, name)
    facts = result.inventory.facts
    assert facts is not None
    weights = {(w.member, w.path) for w in facts.weights.value or []}
    cited = {(r.member, r.path) for r in result.finding("safe-weight-format").evidence}
    assert cited <= weights
    listed = {(r.member, r.path) for r in result.inventory.component("final_parameters").evidence
              if r.note == "weight file"}
    assert listed <= weights
