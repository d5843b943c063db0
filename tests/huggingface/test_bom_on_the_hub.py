"""A BOM in a Hub repository is read like one in a checkout: a declaration, compared with the licence file."""

from __future__ import annotations

import json

from openness import api

from .fakehub import FakeHub
from .models import tiny_model

BOM = {"bomFormat": "CycloneDX", "specVersion": "1.6",
       "metadata": {"component": {"type": "machine-learning-model", "name": "tiny-llm",
                                  "licenses": [{"license": {"id": "MIT"}}]}}}


def test_a_hub_bom_that_contradicts_the_licence_file_is_a_finding(hub: FakeHub) -> None:
    hub.add(tiny_model(files={**tiny_model().files, "tiny-llm.cdx.json": json.dumps(BOM).encode()}))
    assessment = api.score("hf:acme/tiny-llm", follow_links=False)
    finding = assessment.finding("license-consistent")
    assert finding.status == "fail" and "bill of materials tiny-llm.cdx.json says MIT" in finding.reason
    assert assessment.inventory.licenses["weights"].license_id == "Apache-2.0"  # the files decide
