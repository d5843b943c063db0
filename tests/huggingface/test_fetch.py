"""The Hub fetcher against the fake Hub: facts, documents, request counts, cache, errors."""

from __future__ import annotations

import pytest

from openness import api
from openness.errors import FetchError
from openness.evidence import Evidence
from openness.fetch import huggingface
from openness.fetch.documents import MAX_DOCUMENT_BYTES
from openness.fetch.huggingface import MAX_COLD_REQUESTS

from .fakehub import FakeHub
from .models import (
    SHA_TINY,
    TINY_CARD,
    add_bundle,
    tiny_corpus,
    tiny_model,
    tiny_model_read_in_full,
    tiny_model_with_checkpoints,
)


def fetch(target: str, **kwargs) -> Evidence:
    kwargs.setdefault("follow_links", False)
    return api.fetch_evidence(target, **kwargs)


def test_model_alone_facts(hub: FakeHub) -> None:
    hub.add(tiny_model())
    evidence = fetch("hf:acme/tiny-llm")
    member = evidence.primary
    assert (member.kind, member.id, member.revision) == ("hf_model", "acme/tiny-llm", SHA_TINY)
    assert member.web_url == f"{hub.url}/acme/tiny-llm"
    files = {f.path: f for f in member.files}
    assert files["model.safetensors"].lfs and files["model.safetensors"].size == 2_000_000_000
    assert not files["config.json"].lfs and files["config.json"].size > 0
    assert [d.path for d in member.documents] == ["LICENSE", "README.md"]  # the card and the terms
    assert member.card_data["license"] == "apache-2.0"
    assert member.host.architectures == ["LlamaForCausalLM"]  # config.json, as the Hub read it
    assert member.host.branches == [] and member.releases == []  # the card names no checkpoints: not asked
    assert member.host.parameters == 1_000_000_000
    assert member.host.gated is False and member.host.library == "transformers"
    assert member.host.license_detected == "apache-2.0"
    assert "weights" not in member.host.extra  # which files are weights is the facts layer's question
    links = {(link.kind, link.target) for link in member.links}
    assert {("github", "acme/tiny-llm"), ("arxiv", "2401.12345"), ("hf_dataset", "acme/tiny-corpus"),
            ("hf_model", "acme/tiny-base")} <= links
    unread = {g.reason.split("(", 1)[1].split(")")[0]: g.paths for g in member.gaps if g.what == "documents"}
    assert unread == {"the Hub's metadata gives its architectures and model type": ["config.json"]}
    assert {(g.what, g.kind) for g in member.gaps if g.what != "documents"} == {("tags", "truncated"),
                                                                                 ("branches", "truncated")}
    assert len(evidence.members) == 1


def test_a_card_that_names_its_checkpoints_has_its_refs_read(hub: FakeHub) -> None:
    hub.add(tiny_model_with_checkpoints())
    evidence = fetch("hf:acme/tiny-llm")
    assert evidence.requests == 4 and hub.log[-1].path == "/api/models/acme/tiny-llm/refs"
    assert evidence.primary.host.branches == ["main", "step1000", "step2000"]
    assert [r.tag for r in evidence.primary.releases] == ["v1.0"]
    assert not [g for g in evidence.primary.gaps if g.what in {"tags", "branches"}]


def test_a_config_the_hub_did_not_read_is_downloaded(hub: FakeHub) -> None:
    hub.add(tiny_model_read_in_full())
    evidence = fetch("hf:acme/tiny-llm")
    assert [d.path for d in evidence.primary.documents] == ["LICENSE", "README.md", "config.json"]
    assert evidence.requests == len(hub.log) == MAX_COLD_REQUESTS  # info, README.md, LICENSE, config.json, refs


def test_weights_are_never_downloaded(hub: FakeHub) -> None:
    hub.add(tiny_model())
    fetch("hf:acme/tiny-llm")
    downloaded = [r.path for r in hub.requests(contains="/resolve/")]
    assert downloaded and not [p for p in downloaded if p.endswith((".safetensors", ".bin"))]


def test_cold_request_count_is_within_budget_and_matches_the_server(hub: FakeHub) -> None:
    hub.add(tiny_model())
    evidence = fetch("hf:acme/tiny-llm")
    assert evidence.requests == len(hub.log) == 3  # info, README.md, LICENSE: the info says the rest
    assert evidence.requests <= MAX_COLD_REQUESTS


def test_documents_beyond_the_budget_become_one_gap(hub: FakeHub) -> None:
    extra = {name: b"text of " + name.encode() for name in
             ("CITATION.cff", "NOTICE", "requirements.txt", "model_card.md", "CONTRIBUTING.md")}
    model = tiny_model()
    model.files.update(extra)
    hub.add(model)
    evidence = fetch("hf:acme/tiny-llm")
    assert evidence.requests == len(hub.log) == 4  # info, README.md, LICENSE, NOTICE (a licence file)
    gap = next(g for g in evidence.primary.gaps if g.what == "documents" and "request budget" in g.reason)
    assert gap.kind == "truncated" and set(gap.paths) == set(extra) - {"NOTICE"}
    assert evidence.primary.document("README.md") is not None  # the card comes first


def test_warm_run_reads_documents_from_the_sha_cache(hub: FakeHub) -> None:
    hub.add(tiny_model())
    cold = fetch("hf:acme/tiny-llm")
    hub.log.clear()
    warm = fetch("hf:acme/tiny-llm")
    assert warm.requests == len(hub.log) == 1 and hub.log[0].status == 304  # the info call, conditional
    assert not hub.requests(contains="/resolve/")
    assert warm.primary.documents == cold.primary.documents


def test_new_commit_refetches_documents(hub: FakeHub) -> None:
    hub.add(tiny_model())
    fetch("hf:acme/tiny-llm")
    hub.add(tiny_model(sha="d" * 40))
    hub.log.clear()
    evidence = fetch("hf:acme/tiny-llm")
    assert evidence.primary.revision == "d" * 40
    assert len(hub.requests(contains="/resolve/")) == 2


def test_no_cache_neither_reads_nor_writes(hub: FakeHub, tmp_path) -> None:
    hub.add(tiny_model())
    fetch("hf:acme/tiny-llm", use_cache=False)
    assert not (tmp_path / "cache").exists()
    fetch("hf:acme/tiny-llm")
    hub.log.clear()
    assert fetch("hf:acme/tiny-llm", use_cache=False).requests == 3


def test_offline_uses_the_cache_and_no_network(hub: FakeHub) -> None:
    hub.add(tiny_model())
    online = fetch("hf:acme/tiny-llm")
    hub.log.clear()
    offline = fetch("hf:acme/tiny-llm", offline=True)
    assert hub.log == [] and offline.requests == 0
    assert offline.primary == online.primary


def test_offline_without_cache_is_one_clear_error(hub: FakeHub) -> None:
    hub.add(tiny_model())
    with pytest.raises(FetchError, match="not in the cache; run once without --offline") as info:
        fetch("hf:acme/tiny-llm", offline=True)
    assert info.value.exit_code == 3 and hub.log == []


def test_rename_is_followed_and_the_canonical_id_reported(hub: FakeHub) -> None:
    hub.add(tiny_model())
    hub.rename("tiny-llm", "acme/tiny-llm")
    evidence = fetch("hf:tiny-llm")
    assert evidence.target.id == evidence.primary.id == "acme/tiny-llm"
    assert hub.log[0].path == "/api/models/tiny-llm"
    assert evidence.requests == len(hub.log) == 4  # the 307 hop counts
    assert evidence.primary.document("README.md") is not None


def test_revision_is_passed_to_the_api(hub: FakeHub) -> None:
    hub.add(tiny_model())
    evidence = fetch("hf:acme/tiny-llm@step1000")
    assert hub.log[0].path == "/api/models/acme/tiny-llm/revision/step1000"
    assert evidence.target.revision == "step1000"
    with pytest.raises(FetchError, match="revision 'nope' not found"):
        fetch("hf:acme/tiny-llm@nope")


def test_not_found_or_private(hub: FakeHub) -> None:
    with pytest.raises(FetchError) as info:
        fetch("hf:acme/missing")
    assert info.value.exit_code == 3
    assert str(info.value) == ("hf:acme/missing not found on the Hugging Face Hub, or private "
                               "(set HF_TOKEN to a token with access if it is private)")


def test_rate_limit_says_when_and_how(hub: FakeHub) -> None:
    hub.add(tiny_model())
    hub.script("/api/models/acme/tiny-llm", (429, {"RateLimit": '"api";r=0;t=55',
                                                    "RateLimit-Policy": '"fixed window";"api";q=500;w=300'},
                                             {"error": "rate limited"}))
    with pytest.raises(FetchError) as info:
        fetch("hf:acme/tiny-llm")
    message = str(info.value)
    assert "rate limited" in message and "retry in 55 s" in message and "HF_TOKEN" in message
    assert "\n" not in message


def test_unreachable_hub(hub: FakeHub, monkeypatch: pytest.MonkeyPatch) -> None:
    hub.close()
    with pytest.raises(FetchError, match="cannot reach the Hugging Face Hub"):
        fetch("hf:acme/tiny-llm")


def test_gated_model_scores_from_public_metadata(hub: FakeHub) -> None:
    hub.add(tiny_model(gated="manual"))
    evidence = fetch("hf:acme/tiny-llm")
    member = evidence.primary
    assert member.host.gated == "manual"
    assert member.documents == []
    kinds = {(g.what, g.kind) for g in member.gaps}
    assert ("card", "gated") in kinds and ("weights", "gated") in kinds
    weights_gap = next(g for g in member.gaps if g.what == "weights")
    assert f"{hub.url}/acme/tiny-llm" in weights_gap.reason and "HF_TOKEN" in weights_gap.reason
    assert member.card_data == {"license": "apache-2.0", "datasets": ["acme/tiny-corpus"], "base_model": "acme/tiny-base"}
    assert ("arxiv", "2401.12345") in {(link.kind, link.target) for link in member.links}
    assessment = api.score_evidence(evidence)
    weights = next(c for c in assessment.inventory.components if c.key == "final_parameters")
    assert weights.access == "gated"


def test_gated_model_with_a_public_card(hub: FakeHub) -> None:
    hub.add(tiny_model_read_in_full(gated="auto", public_files=("README.md",)))
    member = fetch("hf:acme/tiny-llm").primary
    assert [d.path for d in member.documents] == ["README.md"]
    assert {g.what for g in member.gaps if g.kind == "gated"} == {"LICENSE", "config.json", "weights"}


def test_token_is_sent_but_never_stored(hub: FakeHub, monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    secret = "hf_SeCrEtToKeN0123456789"
    monkeypatch.setenv("HF_TOKEN", secret)
    hub.add(tiny_model_read_in_full(gated="manual"))
    evidence = fetch("hf:acme/tiny-llm")
    assert {r.authorization for r in hub.log} == {f"Bearer {secret}"}
    assert [d.path for d in evidence.primary.documents] == ["LICENSE", "README.md", "config.json"]
    assert secret not in evidence.model_dump_json()
    for path in (tmp_path / "cache").rglob("*"):
        if path.is_file():
            assert secret.encode() not in path.read_bytes()


def test_disabled_repository(hub: FakeHub) -> None:
    hub.add(tiny_model(disabled="flag"))
    member = fetch("hf:acme/tiny-llm").primary
    assert member.host.disabled is True and member.documents == []
    assert ("files", "forbidden") in {(g.what, g.kind) for g in member.gaps}
    hub.add(tiny_model(disabled="hard"))
    with pytest.raises(FetchError, match="has been disabled"):
        fetch("hf:acme/tiny-llm", use_cache=False)


def test_broken_front_matter_is_a_gap_and_the_fetch_goes_on(hub: FakeHub) -> None:
    broken = "---\nlicense: apache-2.0\ntags: [unclosed\n---\n\n# Card\n\nText.\n"
    model = tiny_model()
    model.files["README.md"] = broken.encode()
    hub.add(model)
    member = fetch("hf:acme/tiny-llm").primary
    gap = next(g for g in member.gaps if g.kind == "invalid_metadata")
    assert gap.what == "README.md front matter" and "invalid YAML" in gap.reason
    assert member.card_data["license"] == "apache-2.0"  # the Hub's own parse stands in
    assert member.document("README.md") is not None


def test_huge_card_is_read_bounded(hub: FakeHub) -> None:
    model = tiny_model()
    model.files["README.md"] = (TINY_CARD + "x" * (3 * MAX_DOCUMENT_BYTES)).encode()
    hub.add(model)
    member = fetch("hf:acme/tiny-llm").primary
    readme = member.document("README.md")
    assert readme.truncated and readme.size == len(model.files["README.md"])
    assert len(readme.text) == MAX_DOCUMENT_BYTES
    assert ("README.md", "truncated") in {(g.what, g.kind) for g in member.gaps}
    assert member.card_data["license"] == "apache-2.0"


def test_binary_document_is_a_gap(hub: FakeHub) -> None:
    model = tiny_model_read_in_full()
    model.files["LICENSE"] = b"\x00\x01binary"
    hub.add(model)
    member = fetch("hf:acme/tiny-llm").primary
    assert member.document("LICENSE") is None
    assert ("LICENSE", "binary") in {(g.what, g.kind) for g in member.gaps}


def test_dataset_target(hub: FakeHub) -> None:
    hub.add(tiny_corpus())
    evidence = fetch("hf-dataset:acme/tiny-corpus", follow_links=True)
    member = evidence.primary
    assert (member.kind, member.id) == ("hf_dataset", "acme/tiny-corpus")
    assert member.web_url == f"{hub.url}/datasets/acme/tiny-corpus"
    assert member.card_data == {"license": "cc-by-4.0", "task_categories": ["text-generation"]}
    assert len(evidence.members) == 1
    assert hub.log[0].path == "/api/datasets/acme/tiny-corpus"


def test_url_target(hub: FakeHub) -> None:
    add_bundle(hub)
    assert fetch("https://huggingface.co/acme/tiny-llm").primary.id == "acme/tiny-llm"


def test_a_bug_in_the_tool_is_not_blamed_on_the_hub(hub: FakeHub, monkeypatch: pytest.MonkeyPatch) -> None:
    hub.add(tiny_model())

    def broken(facts: object) -> None:
        raise TypeError("a bug")

    monkeypatch.setattr(huggingface, "_host", broken)
    with pytest.raises(TypeError, match="a bug"):
        fetch("hf:acme/tiny-llm")


def test_an_info_answer_of_the_wrong_shape_is_one_clear_error(hub: FakeHub) -> None:
    hub.add(tiny_model(info={"downloads": "lots"}))
    with pytest.raises(FetchError, match="not in the expected shape") as info:
        fetch("hf:acme/tiny-llm")
    assert info.value.exit_code == 3 and "\n" not in str(info.value)


def test_huggingface_hub_telemetry_is_off_whichever_module_imports_it_first() -> None:
    """With telemetry on, huggingface_hub's first request of a process goes to huggingface.co (an
    "agent harness" list) whatever HF_ENDPOINT says: the tool sends no requests but its own."""
    import os
    import subprocess
    import sys

    environment = {k: v for k, v in os.environ.items() if k != "HF_HUB_DISABLE_TELEMETRY"}
    code = "import openness.cli; from huggingface_hub import constants; print(constants.HF_HUB_DISABLE_TELEMETRY)"
    done = subprocess.run([sys.executable, "-c", code], env=environment, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "True"
