"""ML-BOM fill rate, size and write time for the hand-made Hub bundles (tests/huggingface/models.py).

Scores ``hf:acme/tiny-llm`` (its dataset and base model followed; GitHub unreachable, so the code
member is a gap) through the fake Hub, writes its CycloneDX 1.6 BOM and SPDX 3.0.1 document,
and prints:

* for each field of ``FIELDS`` (the ML-BOM fields metadata-copying generators fill, after the
  OWASP AIBOM generator's field list, plus what only an assessment has), whether this BOM fills
  it, and whether the Hub's metadata alone (the repository-info answer and the card's front
  matter) could: the ``metadata`` column is a property of the field, not a second run;
* the count of every filled leaf value of the BOM;
* the size of both documents and the median time to build each (5 runs);
* for each hand-made bundle (the tiny one, and the one whose config, card and dataset card state
  hyperparameters, training, energy, intended use and biases), how many of the SPDX 3 AI profile's
  fields its ``ai_AIPackage`` fills and how many Dataset profile fields each ``dataset_DatasetPackage``
  fills (a type of ``noAssertion`` does not count).

    python benchmarks/aibom.py
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from spdx_python_model import v3_0_1 as spdx_model  # noqa: E402

from openness import api  # noqa: E402
from openness.report.cyclonedx import cyclonedx_document, render_cyclonedx  # noqa: E402
from openness.report.spdx3 import render_spdx3  # noqa: E402
from tests.huggingface.fakehub import FakeHub  # noqa: E402
from tests.huggingface.models import add_bundle, add_described_bundle  # noqa: E402

FIELDS: tuple[tuple[str, bool], ...] = (
    ("bomFormat", True), ("specVersion", True), ("serialNumber", True), ("version", True),
    ("metadata.timestamp", True), ("metadata.tools", True),
    ("metadata.component.name", True), ("metadata.component.type", True), ("metadata.component.version", True),
    ("metadata.component.purl", True), ("metadata.component.supplier", True),
    ("metadata.component.description", True), ("metadata.component.licenses", True),
    ("metadata.component.externalReferences", True), ("metadata.component.hashes", True),
    ("metadata.component.components", True), ("metadata.component.pedigree", True),
    ("metadata.component.modelCard.modelParameters.task", True),
    ("metadata.component.modelCard.modelParameters.architectureFamily", True),
    ("metadata.component.modelCard.modelParameters.modelArchitecture", True),
    ("metadata.component.modelCard.modelParameters.datasets", True),
    ("metadata.component.modelCard.quantitativeAnalysis.performanceMetrics", True),
    ("metadata.component.modelCard.considerations.useCases", False),
    ("metadata.component.modelCard.considerations.technicalLimitations", False),
    ("metadata.component.modelCard.considerations.environmentalConsiderations", True),
    ("components", False), ("dependencies", False),
    ("definitions.standards", False), ("declarations.attestations", False), ("declarations.claims", False),
    ("declarations.evidence", False),
)
"""(JSON path, whether the Hub's metadata alone can fill it). Card prose (use cases, limitations), the
release's components with their resolved licences and the framework verdicts need the assessment."""


def _at(document: Any, path: str) -> Any:
    for key in path.split("."):
        document = document.get(key) if isinstance(document, dict) else None
    return document


def _leaves(value: Any) -> int:
    if isinstance(value, dict):
        return sum(_leaves(v) for v in value.values())
    if isinstance(value, list):
        return sum(_leaves(v) for v in value)
    return 0 if value in (None, "") else 1


def _median_ms(render: Any, assessment: Any) -> float:
    times = []
    for _ in range(5):
        start = time.perf_counter()
        render(assessment)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


BUNDLES: dict[str, Callable[[FakeHub], None]] = {"tiny bundle": add_bundle, "described bundle": add_described_bundle}
AI_FIELDS = sorted(p for p in dir(spdx_model.ai_AIPackage()) if p.startswith("ai_"))
DATASET_FIELDS = sorted(p for p in dir(spdx_model.dataset_DatasetPackage()) if p.startswith("dataset_"))


def _score(add: Callable[[FakeHub], None]) -> Any:
    """``hf:acme/tiny-llm`` scored through a fresh fake Hub holding the bundle ``add`` puts there."""
    hub = FakeHub()
    with tempfile.TemporaryDirectory() as cache:
        os.environ.update(HF_ENDPOINT=hub.url, OPENNESS_CACHE_DIR=cache, HF_HUB_DISABLE_TELEMETRY="1",
                          GITHUB_API_URL="http://127.0.0.1:9")
        try:
            add(hub)
            return api.score("hf:acme/tiny-llm", read_config=True)  # as --aibom and --spdx do
        finally:
            hub.close()


def _spdx_filled(text: str, target: str) -> tuple[int, dict[str, int]]:
    """AI profile fields of the target's package, and Dataset profile fields of each dataset package."""
    graph = json.loads(text)["@graph"]
    model = next(e for e in graph if e.get("type") == "ai_AIPackage" and e.get("name") == target)
    datasets = {e["name"]: sum(1 for key in DATASET_FIELDS if e.get(key) not in (None, [], "", ["noAssertion"]))
                for e in graph if e.get("type") == "dataset_DatasetPackage"}
    return sum(1 for key in AI_FIELDS if model.get(key) not in (None, [], "")), datasets


def main() -> int:
    assessment = _score(add_bundle)
    document = cyclonedx_document(assessment)
    filled = {path: _at(document, path) not in (None, "", [], {}) for path, _ in FIELDS}
    print(f"{'field':<72} openness  hub metadata alone")
    for path, from_metadata in FIELDS:
        print(f"{path:<72} {'yes' if filled[path] else '-':<9} {'yes' if from_metadata else '-'}")
    ours = sum(filled.values())
    metadata_only = sum(1 for path, from_metadata in FIELDS if from_metadata and filled[path])
    print(f"\nfields filled: openness {ours} of {len(FIELDS)}; of these, Hub metadata alone would fill {metadata_only}")
    print(f"filled leaf values in the BOM: {_leaves(document)}")
    cdx, spdx = render_cyclonedx(assessment), render_spdx3(assessment)
    print(f"CycloneDX 1.6: {len(cdx.encode()):,} bytes, built in {_median_ms(render_cyclonedx, assessment):.1f} ms (median of 5)")
    print(f"SPDX 3.0.1:    {len(spdx.encode()):,} bytes, built in {_median_ms(render_spdx3, assessment):.1f} ms (median of 5)")
    print(f"\nSPDX 3 fields filled (AI profile: {len(AI_FIELDS)} fields; Dataset profile: {len(DATASET_FIELDS)})")
    for name, add in BUNDLES.items():
        bundled = assessment if add is add_bundle else _score(add)
        ai, datasets = _spdx_filled(render_spdx3(bundled), bundled.target.id)
        shown = ", ".join(f"{dataset} {count}" for dataset, count in datasets.items())
        print(f"{name:<18} ai_AIPackage {ai} of {len(AI_FIELDS)}; dataset_DatasetPackage {shown or 'none'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
