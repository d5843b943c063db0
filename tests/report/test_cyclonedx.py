"""The CycloneDX ML-BOM of local checkouts, and its licence entries."""

from __future__ import annotations

from pathlib import Path

import pytest

from openness import api
from openness.inventory import ResolvedLicense
from openness.report.cyclonedx import licence_entries, render_cyclonedx

from ..bom_schema import assert_valid_cyclonedx
from ..conftest import write_tree


def test_local_model_checkout_is_valid(model_repo: Path) -> None:
    assessment = api.score(str(model_repo))
    bom = assert_valid_cyclonedx(render_cyclonedx(assessment))
    root = bom["metadata"]["component"]
    assert root["type"] == "machine-learning-model" and "purl" not in root and "supplier" not in root
    card = root["modelCard"]
    assert card["modelParameters"]["task"] == "text-generation"
    assert card["considerations"]["useCases"] == [
        "This model is meant for research on small language models and for teaching."]
    assert card["considerations"]["environmentalConsiderations"]["properties"] == [
        {"name": "openness:card-section", "value": "About 96 GPU hours on A100 hardware, roughly 12 kg CO2."}]
    code = {c["bom-ref"]: c for c in bom["components"]}["component:training_code"]
    assert code["type"] == "application" and code["licenses"][0]["license"]["id"] == "MIT"
    assert any(ref["url"] == "./train.py" for ref in code["externalReferences"])


def test_software_checkout_is_an_application_without_a_model_card(tmp_path: Path) -> None:
    repo = write_tree(tmp_path / "lib", {"README.md": "# lib\n\nA library.\n", "setup.py": "print(1)\n"})
    bom = assert_valid_cyclonedx(render_cyclonedx(api.score(str(repo))))
    root = bom["metadata"]["component"]
    assert root["type"] == "application" and "modelCard" not in root


@pytest.mark.parametrize(("license_id", "entry"), [
    ("Apache-2.0", {"id": "Apache-2.0"}),
    ("MIT OR Apache-2.0", None),
    ("llama3", {"name": "llama3"}),
    ("LicenseRef-scancode-unknown", {"name": "LicenseRef-scancode-unknown"}),
])
def test_licences_are_never_an_invalid_id(license_id: str, entry: dict | None) -> None:
    [licence] = licence_entries(ResolvedLicense(license_id=license_id, source="type"))
    if entry is None:
        assert licence.value == license_id  # an SPDX expression
    else:
        assert (getattr(licence, "id", None), getattr(licence, "name", None)) == (entry.get("id"), entry.get("name"))


@pytest.mark.parametrize("index", [
    "model-index: results",
    "model-index: [1, two]",
    "model-index:\n- results: [{metrics: [{type: acc}], task: 3}]",
    "model-index:\n- results: [{metrics: [{type: [a], value: 1}]}]",
])
def test_model_index_of_another_shape_gives_no_metric_and_a_valid_bom(tmp_path: Path, index: str) -> None:
    card = f"---\nlicense: mit\n{index}\n---\n# m\n\nA model.\n"
    repo = write_tree(tmp_path / "m", {"README.md": card, "model.safetensors": b"\x00" * 8,
                                       "config.json": '{"architectures": ["X"]}'})
    bom = assert_valid_cyclonedx(render_cyclonedx(api.score(str(repo))))
    assert "quantitativeAnalysis" not in bom["metadata"]["component"].get("modelCard", {})


def test_a_long_card_section_is_quoted_bounded(tmp_path: Path) -> None:
    from openness.inventory.model_description import MAX_QUOTE

    card = "---\nlicense: mit\n---\n# m\n\n## Intended use\n" + "Research use only. " * 400 + "\n"
    repo = write_tree(tmp_path / "m", {"README.md": card, "model.safetensors": b"\x00" * 8})
    assessment = api.score(str(repo))
    quote = assessment.inventory.facts.model_description.value.quotes["intended_use"]
    assert len(quote.text) == MAX_QUOTE and quote.truncated
    bom = assert_valid_cyclonedx(render_cyclonedx(assessment))
    assert bom["metadata"]["component"]["modelCard"]["considerations"]["useCases"] == [quote.text]
