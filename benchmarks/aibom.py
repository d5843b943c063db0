"""ML-BOM fill rate, size and write time for the hand-made Hub bundle (tests/huggingface/models.py).

Scores ``hf:acme/tiny-llm`` (its dataset and base model followed; GitHub unreachable, so the code
member is a gap) through the fake Hub, writes its CycloneDX 1.6 BOM and SPDX 3.0.1 document,
and prints:

* for each field of ``FIELDS`` (the ML-BOM fields metadata-copying generators fill, after the
  OWASP AIBOM generator's field list, plus what only an assessment has), whether this BOM fills
  it, and whether the Hub's metadata alone (the repository-info answer and the card's front
  matter) could: the ``metadata`` column is a property of the field, not a second run;
* the count of every filled leaf value of the BOM;
* the size of both documents and the median time to build each (5 runs).

    python benchmarks/aibom.py
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from openness import api  # noqa: E402
from openness.report.cyclonedx import cyclonedx_document, render_cyclonedx  # noqa: E402
from openness.report.spdx3 import render_spdx3  # noqa: E402
from tests.huggingface.fakehub import FakeHub  # noqa: E402
from tests.huggingface.models import add_bundle  # noqa: E402

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


def main() -> int:
    hub = FakeHub()
    with tempfile.TemporaryDirectory() as cache:
        os.environ.update(HF_ENDPOINT=hub.url, OPENNESS_CACHE_DIR=cache, HF_HUB_DISABLE_TELEMETRY="1",
                          GITHUB_API_URL="http://127.0.0.1:9")
        try:
            add_bundle(hub)
            assessment = api.score("hf:acme/tiny-llm")
        finally:
            hub.close()
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
    return 0


if __name__ == "__main__":
    sys.exit(main())
