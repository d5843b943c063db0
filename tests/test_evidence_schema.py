"""Evidence files across schema versions, and source kinds the registry vouches for."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from openness import api
from openness.errors import EvidenceFileError
from openness.evidence import SCHEMA_VERSION, Evidence
from openness.fetch import load_evidence

V1_0 = {
    "schema_version": "1.0",
    "target": {"kind": "hf_model", "id": "acme/tiny-llm", "revision": None},
    "fetched_at": "2025-11-26T00:00:00+00:00",
    "members": [
        {"role": "primary", "kind": "hf_model", "id": "acme/tiny-llm", "files": [{"path": "model.safetensors"}]},
        {"role": "code", "kind": "github", "id": "acme/tiny-llm", "web_url": "https://github.com/acme/tiny-llm"},
        {"role": "dataset", "kind": "hf_dataset", "id": "acme/corpus"},
    ],
}


def test_schema_1_0_members_get_their_capabilities_derived(tmp_path: Path) -> None:
    path = tmp_path / "old.json"
    path.write_text(json.dumps(V1_0))
    evidence = load_evidence(path)
    model, code, dataset = evidence.members
    assert (model.source_label, model.content, "card" in model.offers) == ("Hugging Face model", "model", True)
    assert (code.source_label, code.content, "issue_tracker" in code.offers) == ("GitHub repository", None, True)
    assert (dataset.content, "card" in dataset.offers) == ("dataset", True)
    assert model.file_url is None  # no web URL, no file URL
    assert code.file_url == "https://github.com/acme/tiny-llm/blob/{revision}/{path}"
    again = Evidence.model_validate_json(evidence.model_dump_json())
    assert again == evidence  # derived once, then written out in full
    assert api.score_evidence(evidence).target.id == "acme/tiny-llm"


def test_current_files_state_their_capabilities(tmp_path: Path) -> None:
    data = json.loads(json.dumps(V1_0))
    data["schema_version"] = SCHEMA_VERSION
    data["members"] = [{"role": "primary", "kind": "github", "id": "a/b", "source_label": "mirror",
                        "offers": ["tags"], "content": "code"}]
    path = tmp_path / "new.json"
    path.write_text(json.dumps(data))
    member = load_evidence(path).primary
    assert (member.source_label, member.offers, member.content) == ("mirror", ["tags"], "code")


@pytest.mark.parametrize("kind", ["svn", "Not A Kind"])
def test_a_kind_no_source_knows_is_refused(tmp_path: Path, kind: str) -> None:
    data = json.loads(json.dumps(V1_0))
    data["members"][0]["kind"] = kind
    path = tmp_path / "odd.json"
    path.write_text(json.dumps(data))
    with pytest.raises(EvidenceFileError) as error:
        load_evidence(path)
    assert "\n" not in str(error.value)
