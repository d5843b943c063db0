"""The CycloneDX ML-BOM of Hub models: schema-valid for every target shape, and filled from the assessment."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from openness import api
from openness.assessment import Assessment
from openness.report.cyclonedx import SPEC_VERSIONS, render_cyclonedx
from openness.report.spdx3 import render_spdx3

from ..bom_schema import assert_valid_cyclonedx, load_spdx3, spdx
from ..github.fake import FakeGitHub
from ..github.repos import RepoSpec, serve_repo
from .fakehub import FakeHub
from .models import SHA_TINY, TINY_CARD, add_bundle, tiny_base, tiny_corpus, tiny_model

INDEXED_CARD = TINY_CARD.replace("base_model: acme/tiny-base\n", """base_model: acme/tiny-base
co2_eq_emissions:
  emissions: 1200
  source: CodeCarbon
model-index:
- name: tiny-llm
  results:
  - task: {type: text-generation}
    dataset: {name: HellaSwag, type: hellaswag, split: validation}
    metrics:
    - {type: acc_norm, value: 41.2, name: normalised accuracy}
""")


def assess(target: str = "hf:acme/tiny-llm") -> Assessment:
    return api.score(target)


def by_ref(document: dict) -> dict[str, dict]:
    return {c["bom-ref"]: c for c in document.get("components", [])}


@pytest.mark.parametrize("spec", sorted(SPEC_VERSIONS))
def test_bundle_bom_is_valid_and_filled_from_the_inventory(hub: FakeHub, gh: FakeGitHub, spec: str) -> None:
    add_bundle(hub)
    serve_repo(gh, RepoSpec(owner="acme", name="tiny-llm"))
    assessment = assess()
    bom = assert_valid_cyclonedx(render_cyclonedx(assessment, spec))
    assert bom["specVersion"] == spec
    root = bom["metadata"]["component"]
    assert (root["type"], root["name"], root["version"]) == ("machine-learning-model", "acme/tiny-llm", SHA_TINY)
    assert root["purl"] == f"pkg:huggingface/acme/tiny-llm@{SHA_TINY}"
    assert root["supplier"]["name"] == "acme"
    assert root["licenses"] == [{"license": {"id": "Apache-2.0", "acknowledgement": "concluded"}}]
    weights = {c["name"]: c for c in root["components"]}
    assert weights["model.safetensors"]["hashes"][0]["alg"] == "SHA-256"
    assert len(weights["model.safetensors"]["hashes"][0]["content"]) == 64
    ancestor = root["pedigree"]["ancestors"][0]
    assert ancestor["purl"] == f"pkg:huggingface/acme/tiny-base@{'c' * 40}"
    card = root["modelCard"]
    assert card["modelParameters"]["task"] == "text-generation"
    assert card["modelParameters"]["modelArchitecture"] == "LlamaForCausalLM"
    assert card["modelParameters"]["architectureFamily"] == "llama"
    components = by_ref(bom)
    for ref in card["modelParameters"]["datasets"]:
        assert components[ref["ref"]]["type"] == "data"
    assert components["member:acme/tiny-corpus"]["licenses"][0]["license"]["id"] == "CC-BY-4.0"
    assert card["considerations"]["useCases"] == [
        "Research on small language models; English text generation. Not for production use."]
    assert "quantitativeAnalysis" not in card  # the card has a results table, but no model-index
    assert "environmentalConsiderations" not in card["considerations"]  # the card says nothing of it
    code = components["member:acme/tiny-llm"]
    assert code["type"] == "application" and code["purl"].startswith("pkg:github/acme/tiny-llm@")
    inventory = {c.key for c in assessment.inventory.components if c.status in {"present", "partial"}}
    assert {ref.removeprefix("component:") for ref in components if ref.startswith("component:")} == inventory


def test_framework_verdicts_are_standards_and_attestations(hub: FakeHub, gh: FakeGitHub) -> None:
    add_bundle(hub)
    assessment = assess()
    bom = assert_valid_cyclonedx(render_cyclonedx(assessment))
    standards = {s["bom-ref"]: s for s in bom["definitions"]["standards"]}
    assert set(standards) == {f"standard:{lens}" for lens in assessment.frameworks}
    mof = assessment.frameworks["mof"]
    levels = {level["identifier"] for level in standards["standard:mof"]["levels"]}
    assert levels == {row.group for row in mof.requirements if row.group}
    declarations = bom["declarations"]
    assert declarations["assessors"][0]["organization"]["name"].startswith("openness ")
    attestation = next(a for a in declarations["attestations"] if a["summary"].startswith(mof.name))
    assert mof.verdict in attestation["summary"]
    claims = {c["bom-ref"]: c for c in declarations["claims"]}
    evidence = {e["bom-ref"]: e for e in declarations["evidence"]}
    for entry, row in zip(attestation["map"], mof.requirements, strict=True):
        assert entry["requirement"] == f"requirement:mof:{row.id}"
        assert entry["conformance"]["rationale"].startswith(row.reason)
        claim = claims[entry["claims"][0]]
        assert claim["reasoning"] == row.reason
        if row.status == "unknown":
            assert "score" not in entry["conformance"] and entry["confidence"]["score"] == 0
        if row.to_change:
            assert row.to_change in entry["conformance"]["rationale"]
        for ref in claim.get("evidence", []):
            assert evidence[ref]["data"]
    architecture = claims["claim:mof:architecture"]
    data = evidence[architecture["evidence"][0]]["data"]
    assert data[0]["name"].endswith("the host's config metadata)")  # config.json is not downloaded: the Hub says it
    assert f"{hub.url}/acme/tiny-llm/blob/{SHA_TINY}/README.md#L2" in [d.get("contents", {}).get("url") for d in data]


def test_model_index_and_emissions_are_quoted_from_the_card(hub: FakeHub, gh: FakeGitHub) -> None:
    hub.add(tiny_model(files={"README.md": INDEXED_CARD.encode(), "model.safetensors": 10}))
    bom = assert_valid_cyclonedx(render_cyclonedx(assess()))
    card = bom["metadata"]["component"]["modelCard"]
    assert card["quantitativeAnalysis"]["performanceMetrics"] == [
        {"type": "normalised accuracy", "value": "41.2", "slice": "HellaSwag validation"}]
    environment = {p["name"]: p["value"] for p in card["considerations"]["environmentalConsiderations"]["properties"]}
    assert environment["openness:co2_eq_emissions:emissions"] == "1200"


def test_licence_less_model_stays_valid_and_says_why(hub: FakeHub, gh: FakeGitHub) -> None:
    card = "---\npipeline_tag: text-generation\n---\n# Untitled\n\nA model.\n"
    hub.add(tiny_model(files={"README.md": card.encode(), "model.safetensors": 10},
                       info={"pipeline_tag": "text-generation", "tags": [], "cardData": {}}))
    bom = assert_valid_cyclonedx(render_cyclonedx(assess()))
    root = bom["metadata"]["component"]
    assert "licenses" not in root
    reasons = [p["value"] for p in root["properties"] if p["name"] == "openness:licence-unknown"]
    assert reasons and reasons[0]


@pytest.mark.parametrize("gated", ["manual", "auto"])
def test_gated_model_is_valid_from_public_metadata(hub: FakeHub, gh: FakeGitHub, gated: str) -> None:
    hub.add(tiny_model(gated=gated))
    assessment = assess()
    bom = assert_valid_cyclonedx(render_cyclonedx(assessment))
    weights = by_ref(bom)["component:final_parameters"]
    assert {"name": "openness:access", "value": "gated"} in weights["properties"]


def test_partial_evidence_keeps_unknowns_as_unknown(hub: FakeHub, gh: FakeGitHub) -> None:
    hub.add(tiny_model(disabled="flag"))
    assessment = assess()
    bom = assert_valid_cyclonedx(render_cyclonedx(assessment))
    unknown_rows = [row for lens in assessment.frameworks.values() for row in lens.requirements
                    if row.status == "unknown"]
    assert unknown_rows
    scored = [entry for a in bom["declarations"]["attestations"] for entry in a["map"] if "score" in entry["conformance"]]
    assert len(scored) == sum(len(lens.requirements) for lens in assessment.frameworks.values()) - len(unknown_rows)


def test_cli_writes_the_bom_from_the_same_run(hub: FakeHub, gh: FakeGitHub, run_cli, tmp_path: Path) -> None:
    add_bundle(hub)
    bom_file, report = tmp_path / "out" / "model.cdx.json", tmp_path / "report.json"
    result = run_cli("score", "hf:acme/tiny-llm", "-o", str(report), "--aibom", str(bom_file), "-q")
    assert result.code == 0, result.stderr
    bom = assert_valid_cyclonedx(bom_file.read_text(encoding="utf-8"))
    scorecard = json.loads(report.read_text(encoding="utf-8"))
    assert bom["metadata"]["timestamp"].startswith(scorecard["generated_at"][:19])
    stdout = run_cli("score", "hf:acme/tiny-llm", "-f", "cyclonedx", "-q")
    assert stdout.code == 0 and assert_valid_cyclonedx(stdout.stdout)["metadata"]["component"]["name"] == "acme/tiny-llm"


def test_spdx3_document_has_the_ai_and_dataset_profiles(hub: FakeHub, gh: FakeGitHub, run_cli, tmp_path: Path) -> None:
    hub.add(tiny_model(files={**tiny_model().files, "README.md": INDEXED_CARD.encode()}))
    hub.add(tiny_corpus())
    hub.add(tiny_base())
    out = tmp_path / "model.spdx.json"
    result = run_cli("score", "hf:acme/tiny-llm", "-o", str(tmp_path / "r.md"), "--spdx", str(out), "-q")
    assert result.code == 0, result.stderr
    objects = load_spdx3(out.read_text(encoding="utf-8"))
    [model] = [o for o in objects.foreach_type(spdx.ai_AIPackage) if o.name == "acme/tiny-llm"]
    assert model.software_packageUrl == f"pkg:huggingface/acme/tiny-llm@{SHA_TINY}"
    assert list(model.ai_domain) == ["text-generation"] and "LlamaForCausalLM" in model.ai_typeOfModel
    assert any(c.startswith("Model Openness Framework") for c in model.ai_standardCompliance)
    assert not any("1.0 1.0" in c for c in model.ai_standardCompliance)  # a version named once
    assert model.ai_limitation.startswith("The model reproduces biases")
    relations = {(r.relationshipType.rsplit("/", 1)[-1], _name(r.to[0])) for r in objects.foreach_type(spdx.Relationship)}
    assert {("trainedOn", "acme/tiny-corpus"), ("testedOn", "HellaSwag"), ("descendantOf", "acme/tiny-base"),
            ("hasDeclaredLicense", "Apache-2.0"), ("hasConcludedLicense", "Apache-2.0")} <= relations
    corpus = next(o for o in objects.foreach_type(spdx.dataset_DatasetPackage) if o.name == "acme/tiny-corpus")
    assert corpus.dataset_datasetAvailability == spdx.dataset_DatasetAvailabilityType.directDownload


def test_spdx3_of_a_licence_less_model_concludes_no_assertion(hub: FakeHub, gh: FakeGitHub) -> None:
    card = "---\npipeline_tag: text-generation\n---\n# Untitled\n\nA model.\n"
    hub.add(tiny_model(files={"README.md": card.encode(), "model.safetensors": 10},
                       info={"pipeline_tag": "text-generation", "tags": [], "cardData": {}}))
    objects = load_spdx3(render_spdx3(assess()))
    [concluded] = [r for r in objects.foreach_type(spdx.Relationship)
                   if r.relationshipType == spdx.RelationshipType.hasConcludedLicense]
    assert concluded.to[0] == spdx.IndividualElement.NoAssertionElement


def _name(element: object) -> str | None:
    return getattr(element, "name", None) or getattr(element, "simplelicensing_licenseExpression", None)


def test_mot_record_round_trips_to_the_assessed_class(hub: FakeHub, gh: FakeGitHub, run_cli, tmp_path: Path) -> None:
    add_bundle(hub)
    serve_repo(gh, RepoSpec(owner="acme", name="tiny-llm"))
    record = tmp_path / "tiny-llm.yml"
    exported = run_cli("export", "mot", "hf:acme/tiny-llm", "-o", str(record), "-q")
    assert exported.code == 0, exported.stderr
    text = record.read_text(encoding="utf-8")
    assert text.startswith("# Drafted by openness")
    classified = run_cli("mof", str(record), "-f", "json")
    assert classified.code == 0, classified.stderr
    mof = assess().frameworks["mof"]
    assert json.loads(classified.stdout)["mof"]["label"] == mof.verdict
    included = {c.name for c in mof.details.components if c.included}
    assert {c["name"] for c in json.loads(classified.stdout)["mof"]["components"] if c["included"]} == included


def test_mot_export_of_software_is_one_clear_error(run_cli, tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# lib\n\nA library.\n", encoding="utf-8")
    (tmp_path / "setup.py").write_text("print(1)\n", encoding="utf-8")
    result = run_cli("export", "mot", str(tmp_path), "-q")
    assert result.code == 2 and result.stderr.count("\n") == 1 and "Model Openness Framework" in result.stderr
