"""Recorded real /api/models answers (../shared, skipped when absent) served by the fake Hub."""

from __future__ import annotations

import json
from pathlib import Path

from huggingface_hub import hf_hub_download

from openness import api

from .fakehub import FakeHub, FakeRepo
from .models import TINY_CARD, tiny_model


def _recorded(hub: FakeHub, folder: Path, name: str) -> FakeRepo:
    body = json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))["body"]
    return hub.add(FakeRepo(id=body["id"], sha=body["sha"], raw_info=body))


def test_gated_llama3_scores_from_public_metadata(hub: FakeHub, shared_hf_api: Path) -> None:
    repo = _recorded(hub, shared_hf_api, "meta-llama__Meta-Llama-3-8B-Instruct")
    repo.gated = "manual"
    evidence = api.fetch_evidence("hf:meta-llama/Meta-Llama-3-8B-Instruct", follow_links=False)
    member = evidence.primary
    assert member.host.gated == "manual" and member.host.parameters == 8_030_261_248
    assert member.card_data["license"] == "llama3"
    assert {"LICENSE", "USE_POLICY.md", "config.json"} <= {f.path for f in member.files}
    assert ("weights", "gated") in {(g.what, g.kind) for g in member.gaps}
    assert evidence.requests <= 6
    assert api.score_evidence(evidence).score.overall is not None


def test_legacy_id_redirect_gives_the_canonical_id(hub: FakeHub, shared_hf_api: Path) -> None:
    _recorded(hub, shared_hf_api, "google-bert__bert-base-uncased")
    location = json.loads((shared_hf_api / "bert-base-uncased.json").read_text())["headers"]["Location"]
    hub.rename("bert-base-uncased", location.removeprefix("/api/models/"))
    evidence = api.fetch_evidence("hf:bert-base-uncased", follow_links=False)
    assert evidence.target.id == "google-bert/bert-base-uncased"


def test_fine_tune_declares_its_base_model(hub: FakeHub, shared_hf_api: Path) -> None:
    _recorded(hub, shared_hf_api, "HuggingFaceH4__zephyr-7b-beta")
    member = api.fetch_evidence("hf:HuggingFaceH4/zephyr-7b-beta", follow_links=False).primary
    links = {(link.kind, link.target, link.found_in) for link in member.links}
    assert ("hf_model", "mistralai/Mistral-7B-v0.1", "card metadata: base_model") in links


def test_the_fake_serves_hf_hub_download(hub: FakeHub, tmp_path: Path) -> None:
    """The fake's resolve route satisfies the real download path (HEAD with X-Repo-Commit and ETag, then GET)."""
    hub.add(tiny_model())
    path = hf_hub_download("acme/tiny-llm", "README.md", endpoint=hub.url, cache_dir=tmp_path / "hf", token=False)
    assert Path(path).read_text(encoding="utf-8") == TINY_CARD
    assert [r.method for r in hub.requests(contains="/resolve/")] == ["HEAD", "GET"]


def test_gated_llama3_architecture_and_terms_come_from_the_hosts_metadata(hub: FakeHub, shared_hf_api: Path) -> None:
    repo = _recorded(hub, shared_hf_api, "meta-llama__Meta-Llama-3-8B-Instruct")
    repo.gated = "manual"
    evidence = api.fetch_evidence("hf:meta-llama/Meta-Llama-3-8B-Instruct", follow_links=False)
    unread = [g for g in evidence.primary.gaps if g.what == "documents" and "config.json" in g.paths]
    assert unread and "the Hub's metadata gives its architectures" in unread[0].reason  # not even asked
    inventory = api.score_evidence(evidence).inventory
    architecture = inventory.component("architecture")
    assert architecture.status == "present" and "LlamaForCausalLM" in (architecture.evidence[0].note or "")
    assert inventory.facts is not None
    gating = inventory.facts.gating.value
    assert gating is not None and gating.gated == "manual"
    assert "META LLAMA 3 COMMUNITY LICENSE" in gating.terms["prompt"] and "fields" in gating.terms
    assert inventory.facts.parameter_count.value == 8_030_261_248


def test_fine_tune_relation_is_read_from_the_hosts_tags(hub: FakeHub, shared_hf_api: Path) -> None:
    _recorded(hub, shared_hf_api, "HuggingFaceH4__zephyr-7b-beta")
    host = api.fetch_evidence("hf:HuggingFaceH4/zephyr-7b-beta", follow_links=False).primary.host
    assert (host.base_models, host.base_model_relation) == (["mistralai/Mistral-7B-v0.1"], "finetune")
