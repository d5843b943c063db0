"""CycloneDX and SPDX files a release ships: read as declarations, never trusted over the licence file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from openness import api
from openness.fetch.documents import is_document
from openness.inventory.boms import MAX_ITEMS

from .conftest import MIT_TEXT, write_tree

CYCLONEDX = {
    "bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1,
    "metadata": {"component": {"type": "machine-learning-model", "name": "tiny", "version": "1.0",
                               "licenses": [{"license": {"id": "Apache-2.0", "acknowledgement": "declared"}}]}},
    "components": [
        {"type": "data", "name": "acme/corpus", "licenses": [{"expression": "CC-BY-4.0"}]},
        {"type": "library", "name": "torch", "version": "2.3.0", "licenses": [{"license": {"id": "BSD-3-Clause"}}]},
    ],
}
SPDX2 = {
    "spdxVersion": "SPDX-2.3", "SPDXID": "SPDXRef-DOCUMENT", "name": "tiny", "documentDescribes": ["SPDXRef-tiny"],
    "packages": [
        {"SPDXID": "SPDXRef-numpy", "name": "numpy", "licenseDeclared": "BSD-3-Clause"},
        {"SPDXID": "SPDXRef-tiny", "name": "tiny", "versionInfo": "1.0", "licenseDeclared": "NOASSERTION",
         "licenseConcluded": "MIT"},
    ],
}
SPDX3 = {
    "@context": "https://spdx.org/rdf/3.0.1/spdx-context.jsonld",
    "@graph": [
        {"type": "SpdxDocument", "spdxId": "urn:x/doc", "rootElement": ["urn:x/tiny"]},
        {"type": "ai_AIPackage", "spdxId": "urn:x/tiny", "name": "tiny"},
        {"type": "dataset_DatasetPackage", "spdxId": "urn:x/corpus", "name": "acme/corpus"},
        {"type": "simplelicensing_LicenseExpression", "spdxId": "urn:x/l1", "simplelicensing_licenseExpression": "MIT"},
        {"type": "Relationship", "spdxId": "urn:x/r1", "from": "urn:x/tiny", "to": ["urn:x/l1"],
         "relationshipType": "hasDeclaredLicense"},
    ],
}


def _checkout(tmp_path: Path, files: dict[str, object]) -> Path:
    texts = {name: value if isinstance(value, str) else json.dumps(value) for name, value in files.items()}
    return write_tree(tmp_path / "m", {"README.md": "# tiny\n\nA model.\n", "LICENSE": MIT_TEXT, **texts})


def test_bom_file_names_are_documents_at_the_root_only() -> None:
    assert all(is_document(p) for p in ("bom.json", "model.cdx.json", "tiny.spdx.json", "BOM.JSON"))
    assert not any(is_document(p) for p in ("reports/model.cdx.json", "package.json.bom", "bom.xml"))


def test_a_cyclonedx_licence_that_contradicts_the_licence_file_is_a_finding(tmp_path: Path) -> None:
    assessment = api.score(str(_checkout(tmp_path, {"bom.json": CYCLONEDX})))
    finding = assessment.finding("license-consistent")
    assert finding.status == "fail"
    assert "licence file LICENSE says MIT" in finding.reason
    assert "bill of materials bom.json says Apache-2.0" in finding.reason
    # never trusted over the files: the licence file still decides
    assert assessment.inventory.distribution_license.license_id == "MIT"
    [declaration] = [d for d in assessment.inventory.declarations if d.source == "bom"]
    assert declaration.ref.note == "JSON pointer /metadata/component/licenses/0"
    fact = assessment.inventory.facts.bill_of_materials
    entries = {(e.role, e.name, e.license, e.ref.note) for e in fact.value}
    assert entries == {
        ("release", "tiny", "Apache-2.0", "JSON pointer /metadata/component/licenses/0"),
        ("dataset", "acme/corpus", "CC-BY-4.0", "JSON pointer /components/0/licenses/0"),
        ("component", "torch", "BSD-3-Clause", "JSON pointer /components/1/licenses/0"),
    }


@pytest.mark.parametrize(("name", "document", "pointer"), [
    ("tiny.spdx.json", SPDX2, "JSON pointer /packages/1/licenseConcluded"),
    ("tiny.spdx.json", SPDX3, "JSON pointer /@graph/4"),
])
def test_spdx_declarations_that_agree_with_the_licence_file(tmp_path: Path, name: str, document: dict,
                                                            pointer: str) -> None:
    assessment = api.score(str(_checkout(tmp_path, {name: document})))
    finding = assessment.finding("license-consistent")
    assert finding.status == "pass", finding.reason
    assert "bill of materials tiny.spdx.json" in finding.reason
    [release] = [e for e in assessment.inventory.facts.bill_of_materials.value if e.role == "release"]
    assert (release.name, release.license, release.ref.note) == ("tiny", "MIT", pointer)


def test_spdx3_datasets_are_declared_datasets(tmp_path: Path) -> None:
    entries = api.score(str(_checkout(tmp_path, {"x.spdx.json": SPDX3}))).inventory.facts.bill_of_materials.value
    assert ("dataset", "acme/corpus") in {(e.role, e.name) for e in entries}


def test_a_bom_in_a_subfolder_describes_something_else(tmp_path: Path) -> None:
    assessment = api.score(str(_checkout(tmp_path, {"reports/model.cdx.json": CYCLONEDX})))
    assert not [d for d in assessment.inventory.declarations if d.source == "bom"]
    assert assessment.inventory.facts.bill_of_materials.value == []


@pytest.mark.parametrize(("text", "problem"), [
    ("{not json", "not valid JSON"),
    ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ('{"hello": "world"}', "neither a CycloneDX nor an SPDX"),
])
def test_unreadable_boms_are_reasons_not_crashes(tmp_path: Path, text: str, problem: str) -> None:
    fact = api.score(str(_checkout(tmp_path, {"bom.json": text}))).inventory.facts.bill_of_materials
    assert fact.status == "unknown" and problem in (fact.reason or "")


def test_entries_are_bounded(tmp_path: Path) -> None:
    many = {**CYCLONEDX, "components": [{"type": "library", "name": f"lib{i}"} for i in range(MAX_ITEMS * 3)]}
    entries = api.score(str(_checkout(tmp_path, {"bom.json": many}))).inventory.facts.bill_of_materials.value
    assert len(entries) == MAX_ITEMS
