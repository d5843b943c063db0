"""Hub metadata beside the files: a dataset's Croissant JSON-LD and a model's ``.eval_results/`` files."""

from __future__ import annotations

import yaml

from openness import api
from openness.fetch.huggingface import MAX_EVAL_RESULTS
from openness.report.cyclonedx import render_cyclonedx

from ..bom_schema import assert_valid_cyclonedx
from .fakehub import FakeHub, FakeRepo
from .models import tiny_model

RAI = {
    "rai:dataCollection": "Crawled from public-domain books on Project Gutenberg, 2023-05.",
    "rai:dataPreprocessingProtocol": ["Deduplicated with MinHash", "Boilerplate removed"],
    "rai:dataBiases": "Over-represents 19th-century English authors.",
    "rai:dataLimitations": "English only.",
    "rai:personalSensitiveInformation": "None known; names of historical persons.",
    "rai:dataReleaseMaintenancePlan": "Frozen; no further versions.",
}


def corpus(rai: dict | None = None, readme: bool = False) -> FakeRepo:
    files: dict[str, bytes | int] = {"data/train-00000.parquet": 500_000_000}
    if readme:
        files["README.md"] = b"---\nlicense: cc0-1.0\n---\n# Books\n"
    return FakeRepo(id="acme/books", kind="dataset", sha="d" * 40, files=files,
                    info={"cardData": {"license": "cc0-1.0"}, "tags": ["license:cc0-1.0"]}, croissant=rai or {})


def test_croissant_rai_fields_are_the_data_card_and_describe_the_data(hub: FakeHub) -> None:
    hub.add(corpus(RAI))
    assessment = api.score("hf-dataset:acme/books")
    [member] = api.fetch_evidence("hf-dataset:acme/books").members
    assert member.croissant is not None and member.croissant.url == f"{hub.url}/api/datasets/acme/books/croissant"
    assert member.croissant.rai["rai:dataPreprocessingProtocol"] == "Deduplicated with MinHash; Boilerplate removed"
    card = assessment.inventory.component("data_card")
    assert card.status == "present"
    assert "rai:dataCollection" in (card.evidence[0].note or "") and "croissant" in (card.evidence[0].note or "")
    information = assessment.inventory.facts.data_information.value
    assert information is not None and "Croissant metadata" in information.described_by


def test_responsible_ai_fields_without_collection_are_a_partial_data_card(hub: FakeHub) -> None:
    hub.add(corpus({"rai:dataBiases": "Unknown."}))
    card = api.score("hf-dataset:acme/books").inventory.component("data_card")
    assert card.status == "partial" and "does not say how the data was collected" in (card.note or "")


def test_a_failing_croissant_route_is_a_gap_not_a_failed_fetch(hub: FakeHub) -> None:
    hub.add(corpus(RAI))
    hub.fail("/api/datasets/acme/books/croissant", 503)
    assessment = api.score("hf-dataset:acme/books")
    gap = next(g for g in assessment.fetch.gaps if g.what == "croissant")
    assert gap.kind == "server_error"
    card = assessment.inventory.component("data_card")
    assert card.status == "unknown" and "503" in (card.note or "")
    information = assessment.inventory.facts.data_information.value  # its data files still name the data
    assert information is not None and "Croissant metadata" not in information.described_by


def test_no_croissant_on_the_hub_hides_nothing(hub: FakeHub) -> None:
    hub.add(corpus())
    hub.script("/api/datasets/acme/books/croissant",
               (404, {"X-Error-Code": "EntryNotFound", "X-Error-Message": "Entry not found"}, {"error": "Not found"}))
    assessment = api.score("hf-dataset:acme/books")
    assert any(g.what == "croissant" for g in assessment.fetch.gaps)
    assert assessment.inventory.component("data_card").status == "absent"


def test_croissant_is_cached_by_commit(hub: FakeHub) -> None:
    hub.add(corpus(RAI, readme=True))
    api.fetch_evidence("hf-dataset:acme/books")
    hub.log.clear()
    warm = api.fetch_evidence("hf-dataset:acme/books")
    assert not hub.requests(contains="/croissant") and warm.members[0].croissant is not None
    offline = api.fetch_evidence("hf-dataset:acme/books", offline=True)
    assert offline.members[0].croissant == warm.members[0].croissant


def _eval_file(dataset: str, task: str, value: float) -> bytes:
    return yaml.safe_dump([{"dataset": {"id": dataset, "task_id": task}, "value": value,
                            "source": {"url": "https://example.org/logs", "name": "Eval logs"}}]).encode()


def test_eval_results_files_feed_the_evaluation_facts(hub: FakeHub) -> None:
    model = tiny_model()
    card = model.files["README.md"]
    assert isinstance(card, bytes)
    files = {**model.files, ".eval_results/hle.yaml": _eval_file("cais/hle", "default", 20.9),
             ".eval_results/gpqa.yaml": _eval_file("Idavidrein/gpqa", "gpqa_diamond", 0.412)}
    hub.add(tiny_model(files=files))
    assessment = api.score("hf:acme/tiny-llm", follow_links=False)
    description = assessment.inventory.facts.model_description.value
    assert description is not None
    results = {(m.dataset, m.type, m.value, m.ref.path if m.ref else None) for m in description.metrics}
    assert results == {("cais/hle", "default", "20.9", ".eval_results/hle.yaml"),
                       ("Idavidrein/gpqa", "gpqa_diamond", "0.412", ".eval_results/gpqa.yaml")}
    evaluation = assessment.inventory.component("evaluation_results")
    assert evaluation.status == "present"
    assert assessment.inventory.component("evaluation_data").evidence[0].note == "evaluated on Idavidrein/gpqa, cais/hle"
    bom = assert_valid_cyclonedx(render_cyclonedx(assessment))
    metrics = bom["metadata"]["component"]["modelCard"]["quantitativeAnalysis"]["performanceMetrics"]
    assert {"type": "default", "value": "20.9", "slice": "cais/hle"} in metrics


def test_eval_results_are_read_beside_the_document_budget_only_when_listed(hub: FakeHub) -> None:
    hub.add(tiny_model())
    plain = api.fetch_evidence("hf:acme/tiny-llm", follow_links=False).requests
    hub.log.clear()
    files = {**tiny_model().files, **{f".eval_results/b{i}.yaml": _eval_file("cais/hle", f"t{i}", i)
                                      for i in range(MAX_EVAL_RESULTS + 2)}}
    hub.add(tiny_model(files=files, sha="e" * 40))
    evidence = api.fetch_evidence("hf:acme/tiny-llm", follow_links=False, use_cache=False)
    assert evidence.requests == plain + MAX_EVAL_RESULTS
    read = [d.path for d in evidence.members[0].documents if d.path.startswith(".eval_results/")]
    assert len(read) == MAX_EVAL_RESULTS
    assert {"README.md", "LICENSE"} <= {d.path for d in evidence.members[0].documents}  # config.json: the info says it
