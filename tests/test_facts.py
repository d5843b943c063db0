"""The facts layer: each question answered once, known with evidence or unknown with its gap."""

from __future__ import annotations

import json
from pathlib import Path
from typing import get_args

from openness import api
from openness.evidence import Document, Evidence, FileEntry, Gap, Member, TargetRef
from openness.inventory import ClaimName, Signals, build_inventory
from openness.inventory.facts import Facts

from .conftest import write_tree


def _evidence(files: dict[str, int], docs: dict[str, str] | None = None, gaps: list[Gap] | None = None,
              kind: str = "local") -> Evidence:
    member = Member(kind=kind, id="acme/m", files=[FileEntry(path=p, size=s) for p, s in files.items()],  # type: ignore[arg-type]
                    documents=[Document(path=p, text=t, size=len(t)) for p, t in (docs or {}).items()], gaps=gaps or [])
    return Evidence(target=TargetRef(kind=kind, id="acme/m"), fetched_at="2025-11-26T00:00:00+00:00",  # type: ignore[arg-type]
                    members=[member])


def _facts(evidence: Evidence) -> Facts:
    facts = build_inventory(evidence, Signals(evidence)).facts
    assert facts is not None
    return facts


def test_training_state_and_test_fixtures_are_not_weights_for_any_rule(tmp_path: Path) -> None:
    """The inventory and safe-weight-format read one weights fact (they used to disagree here)."""
    repo = write_tree(tmp_path / "m", {
        "README.md": "# M\n", "model.safetensors": "x", "checkpoint-10/rng_state_0.pth": "x",
        "checkpoint-10/optimizer.pt": "x", "checkpoint-10/scheduler.pt": "x", "training_args.bin": "x",
        "tests/fixtures/tiny_model.bin": "x", "docs/assets/demo.pt": "x",
    })
    result = api.score(str(repo))
    weights = result.inventory.component("final_parameters")
    assert [r.path for r in weights.evidence] == ["model.safetensors"]
    safe = result.finding("safe-weight-format")
    assert safe.status == "pass" and [r.path for r in safe.evidence] == ["model.safetensors"]


def test_weight_files_carry_format_size_and_lfs() -> None:
    evidence = _evidence({"model.safetensors": 10, "pytorch_model.bin": 20, "model.gguf": 30})
    evidence = evidence.model_copy(update={"members": [evidence.primary.model_copy(update={"files": [
        FileEntry(path="model.safetensors", size=10, lfs=True), FileEntry(path="pytorch_model.bin", size=20)]})]})
    weights = _facts(evidence).weights
    assert weights.known and [(w.path, w.format, w.runs_code, w.size, w.lfs) for w in weights.value or []] == [
        ("model.safetensors", "safetensors", False, 10, True), ("pytorch_model.bin", "pickle", True, 20, False)]
    assert api.score_evidence(evidence).finding("safe-weight-format").status == "partial"


def test_a_truncated_tree_makes_an_absent_claim_unknown_with_its_gap() -> None:
    truncated = Gap(what="tree", kind="truncated", reason="the tree listing was truncated by the host")
    facts = _facts(_evidence({"README.md": 5}, gaps=[truncated]))
    changelog = facts.claim("changelog")
    assert changelog.status == "unknown" and changelog.gap == truncated and changelog.value is None
    assert "truncated" in (changelog.reason or "")
    assert facts.weights.status == "unknown" and facts.weights.gap == truncated
    found = _facts(_evidence({"README.md": 5, "CHANGELOG.md": 10}, gaps=[truncated])).claim("changelog")
    assert found.known and found.value is not None and found.value.state == "stated"
    assert [r.path for r in found.evidence] == ["CHANGELOG.md"]


def test_a_small_file_is_an_empty_claim_and_a_readme_claim_knows_when_there_is_no_readme() -> None:
    facts = _facts(_evidence({"SECURITY.md": 10}))
    assert facts.claim("security_policy").value.state == "empty"  # type: ignore[union-attr]
    assert facts.claim("usage_instructions").value.state == "no_document"  # type: ignore[union-attr]
    documented = _facts(_evidence({"README.md": 40}, {"README.md": "# Tool\n\n## Installation\n\npip install tool\n"}))
    usage = documented.claim("usage_instructions")
    assert usage.value.state == "stated" and usage.evidence[0].line == 3  # type: ignore[union-attr]


def test_every_claim_a_criterion_can_name_has_a_fact() -> None:
    facts = _facts(_evidence({"README.md": 5}))
    assert set(facts.claims) == set(get_args(ClaimName))
    assert all(f.name == name and f.about for name, f in facts.claims.items())


def test_the_release_kind_says_why() -> None:
    kind = _facts(_evidence({"README.md": 5, "weights/model.safetensors": 9})).kind
    assert kind.value == "model" and "weights/model.safetensors" in (kind.reason or "")
    assert [r.path for r in kind.evidence] == ["weights/model.safetensors"]
    software = _facts(_evidence({"README.md": 5, "src/app.py": 9})).kind
    assert software.value == "software" and software.reason


def test_repository_facts_unknown_when_the_host_did_not_say() -> None:
    facts = _facts(_evidence({"README.md": 5}))
    assert facts.issue_tracker.status == "unknown" and "local checkout" in (facts.issue_tracker.reason or "")
    assert facts.activity.status == "unknown"
    lost = Gap(what="releases", kind="rate_limited", reason="rate limit exceeded")
    hosted = _facts(_evidence({"README.md": 5}, gaps=[lost], kind="github"))
    assert hosted.versioning.status == "unknown" and hosted.versioning.gap == lost


def test_facts_stay_out_of_the_report(tmp_path: Path) -> None:
    """Facts are what checks and lenses read; the report format is unchanged (no 'facts' key)."""
    repo = write_tree(tmp_path / "r", {"README.md": "# R\n", "CHANGELOG.md": "## 1.0\n- first\n"})
    report = json.loads(api.score(str(repo)).model_dump_json())
    assert "facts" not in report["inventory"]
    assert next(f for f in report["findings"] if f["criterion"] == "changelog")["status"] == "pass"


def test_the_base_model_is_read_from_its_own_member() -> None:
    from openness.evidence import Link

    primary = Member(kind="hf_model", id="acme/ft", files=[FileEntry(path="model.safetensors", size=1)],
                     links=[Link(kind="hf_model", target="acme-lab/base", found_in="card metadata: base_model")])
    base = Member(kind="hf_model", id="acme-lab/base", role="base_model",
                  files=[FileEntry(path="model.safetensors", size=1), FileEntry(path="model-2.safetensors", size=1)],
                  links=[Link(kind="hf_dataset", target="acme-lab/corpus", found_in="card metadata: datasets")])
    alone = Evidence(target=TargetRef(kind="hf_model", id="acme/ft"), fetched_at="2025-11-26T00:00:00+00:00",
                     members=[primary])
    declared = _facts(alone).base_model.value
    assert declared is not None and declared.id == "acme-lab/base" and declared.member is None
    both = alone.model_copy(update={"members": [primary, base]})
    read = _facts(both).base_model.value
    assert read is not None and (read.member, read.datasets, read.weight_files) == ("acme-lab/base", ["acme-lab/corpus"], 2)
    assert _facts(_evidence({"README.md": 1})).base_model.value is None


def test_an_unknown_component_carries_the_gap_that_hid_it() -> None:
    gated = Gap(what="files", kind="gated", reason="gated: request access on the Hub")
    inventory = build_inventory(_evidence({"README.md": 1}, gaps=[gated], kind="hf_model"))
    weights = inventory.component("final_parameters")
    assert weights.status == "unknown" and weights.gap == gated
    assert inventory.component("model_card").gap == gated


def test_contributors_known_unknown_or_not_reported() -> None:
    lost = Gap(what="contributors", kind="server_error", reason="GitHub answered 502")
    assert _facts(_evidence({"README.md": 1}, gaps=[lost], kind="github")).contributors.gap == lost
    assert "not a git checkout" in (_facts(_evidence({"README.md": 1})).contributors.reason or "")
    hub = _facts(_evidence({"README.md": 1}, kind="hf_model")).contributors
    assert hub.known and hub.value is None


def test_data_information_is_unknown_when_the_card_was_not_read_and_stated_when_it_was() -> None:
    card = Gap(what="card", kind="gated", reason="acme/m/README.md: gated, request access on the Hub")
    files = {"README.md": 400, "model.safetensors": 10}
    unread = _facts(_evidence(files, gaps=[card], kind="hf_model")).data_information
    assert unread.status == "unknown" and unread.reason and "README.md: gated" in unread.reason
    osaid = api.score_evidence(_evidence(files, gaps=[card], kind="hf_model")).frameworks["osaid"]
    assert osaid.row("data information").status == "unknown"  # never fail for what was not read
    text = "# M\n\n## Training data\n\nTrained on the English Wikipedia dump of 2024-01, deduplicated.\n"
    read = _facts(_evidence(files, {"README.md": text}, kind="hf_model")).data_information
    assert read.value is not None and list(read.value.described_by) == ["training-data section"]
    silent = _facts(_evidence(files, {"README.md": "# M\n\nA model.\n"}, kind="hf_model")).data_information
    assert silent.value is not None and silent.value.described_by == {} and silent.value.looked
