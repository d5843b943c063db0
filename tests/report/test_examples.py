"""The example reports in ``reports/`` (written by ``reports/generate.sh``) are current and valid."""

from __future__ import annotations

import json
from pathlib import Path

from ..bom_schema import assert_valid_cyclonedx, load_spdx3

REPORTS = Path(__file__).resolve().parents[2] / "reports"


def test_the_examples_include_a_valid_cyclonedx_ml_bom_and_spdx_document_of_a_model() -> None:
    bom = assert_valid_cyclonedx((REPORTS / "model.cdx.json").read_text(encoding="utf-8"))
    assert bom["metadata"]["component"]["type"] == "machine-learning-model"
    assert {s["name"] for s in bom["definitions"]["standards"]} >= {"Model Openness Framework"}
    objects = load_spdx3((REPORTS / "model.spdx.json").read_text(encoding="utf-8"))
    assert any(type(o).__name__ == "ai_AIPackage" for o in objects.objects)


def test_the_example_scorecard_is_this_checkouts_own() -> None:
    report = json.loads((REPORTS / "scorecard.json").read_text(encoding="utf-8"))
    assert report["inventory"]["kind"] == "software" and not report["headline"]["text"].startswith("DEPRECATED")
