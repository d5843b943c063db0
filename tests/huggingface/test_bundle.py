"""Bundles: a model with its code on GitHub, its datasets and base model; and the CLI end to end."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from typer.testing import CliRunner

from openness import api
from openness.cli import app
from openness.evidence import Evidence, Link, Member
from openness.fetch.bundle import MAX_DATASET_MEMBERS, code_repositories

from ..conftest import CliRun
from ..github.fake import FakeGitHub
from ..github.repos import RepoSpec, serve_repo
from .fakehub import FakeHub, FakeRepo
from .models import add_bundle, tiny_base, tiny_model

CODE = RepoSpec(owner="acme", name="tiny-llm")


def test_bundle_members_and_roles(hub: FakeHub, gh: FakeGitHub) -> None:
    add_bundle(hub)
    serve_repo(gh, CODE)
    evidence = api.fetch_evidence("hf:acme/tiny-llm")
    roles = [(m.role, m.kind, m.id) for m in evidence.members]
    assert roles == [("primary", "hf_model", "acme/tiny-llm"), ("code", "github", "acme/tiny-llm"),
                     ("dataset", "hf_dataset", "acme/tiny-corpus"), ("base_model", "hf_model", "acme/tiny-base")]
    code = evidence.members[1]
    assert code.web_url == "https://github.com/acme/tiny-llm" and code.documents
    assert evidence.gaps == []
    hub_requests = len(hub.log)
    assert evidence.requests == hub_requests + len(gh.log)
    assert hub_requests == 4 + 3 + 2  # the model (info, card, licence, refs); dataset info + card + Croissant; base model info + card


def test_base_model_is_followed_one_level_only(hub: FakeHub, gh: FakeGitHub) -> None:
    add_bundle(hub)
    serve_repo(gh, CODE)
    evidence = api.fetch_evidence("hf:acme/tiny-llm")
    base = next(m for m in evidence.members if m.role == "base_model")
    assert ("github", "acme/other-thing") in {(link.kind, link.target) for link in base.links}
    assert "acme/other-thing" not in {m.id for m in evidence.members}
    assert not [r for r in gh.log if "other-thing" in r.path]
    assert not hub.requests(contains="/refs")[1:]  # only the primary's refs


def test_no_follow_scores_the_model_alone(hub: FakeHub, gh: FakeGitHub) -> None:
    add_bundle(hub)
    evidence = api.fetch_evidence("hf:acme/tiny-llm", follow_links=False)
    assert [m.id for m in evidence.members] == ["acme/tiny-llm"]
    assert gh.log == [] and not hub.requests(contains="tiny-corpus")


def test_members_that_fail_become_gaps(hub: FakeHub, gh: FakeGitHub) -> None:
    hub.add(tiny_model())  # neither the dataset, the base model nor the GitHub repository exist
    evidence = api.fetch_evidence("hf:acme/tiny-llm")
    assert [m.id for m in evidence.members] == ["acme/tiny-llm"]
    gaps = {(g.what, g.kind) for g in evidence.gaps}
    assert gaps == {("dataset acme/tiny-corpus", "private_or_missing"),
                    ("base model acme/tiny-base", "private_or_missing"),
                    ("code acme/tiny-llm", "private_or_missing")}


def test_bundle_rate_limit_stops_following(hub: FakeHub, gh: FakeGitHub) -> None:
    add_bundle(hub)
    serve_repo(gh, CODE)
    hub.script("/api/datasets/acme/tiny-corpus", (429, {"RateLimit": '"api";r=0;t=30'}, {"error": "slow down"}))
    evidence = api.fetch_evidence("hf:acme/tiny-llm")
    assert ("dataset acme/tiny-corpus", "rate_limited") in {(g.what, g.kind) for g in evidence.gaps}
    assert not hub.requests(contains="tiny-base")


def _model_with_links(model_id: str, *targets: str) -> Member:
    return Member(kind="hf_model", id=model_id,
                  links=[Link(kind="github", target=t, found_in="README.md") for t in targets])


@pytest.mark.parametrize(("model_id", "links", "expected"), [
    ("acme/tiny-llm", ["huggingface/transformers", "acme/tiny-llm"], ["acme/tiny-llm"]),
    ("allenai/OLMo-7B", ["allenai/OLMo", "allenai/dolma", "EleutherAI/lm-evaluation-harness"],
     ["allenai/OLMo", "allenai/dolma"]),
    ("someone/finetune", ["huggingface/transformers", "pytorch/pytorch"], []),
    ("someone/finetune", ["someone-else/trainer"], ["someone-else/trainer"]),
    ("someone/finetune", ["a/x", "b/y"], []),
    ("google/gemma-2b", ["google/gemma_pytorch", "google/jax"], ["google/gemma_pytorch"]),
])
def test_code_repository_choice(model_id: str, links: list[str], expected: list[str]) -> None:
    assert code_repositories(_model_with_links(model_id, *links)) == expected


def test_cli_scores_a_bundle_end_to_end(hub: FakeHub, gh: FakeGitHub) -> None:
    add_bundle(hub)
    serve_repo(gh, CODE)
    result = CliRunner().invoke(app, ["score", "hf:acme/tiny-llm", "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert [m["role"] for m in report["members"]] == ["primary", "code", "dataset", "base_model"]
    assert report["score"]["overall"] is not None
    components = {c["key"]: c for c in report["inventory"]["components"]}
    assert components["intermediate_parameters"]["status"] == "present"  # step branches
    assert components["training_code"]["status"] == "present"  # found in the GitHub member
    assert any(ref["member"] == "acme/tiny-llm" for ref in components["datasets"]["evidence"])


def test_cli_markdown_links_point_at_the_hub(hub: FakeHub, gh: FakeGitHub) -> None:
    add_bundle(hub)
    serve_repo(gh, CODE)
    result = CliRunner().invoke(app, ["score", "hf:acme/tiny-llm", "--no-follow"])
    assert result.exit_code == 0, result.output
    assert f"{hub.url}/acme/tiny-llm/blob/" in result.stdout


def test_cli_not_found_is_one_line_and_exit_3(hub: FakeHub, run_cli: Callable[..., CliRun]) -> None:
    """As a user runs it: the error path goes through ``openness.cli.main``."""
    result = run_cli("score", "hf:acme/missing")
    assert result.code == 3
    assert result.stderr.splitlines()[-1] == (
        "openness: error: hf:acme/missing not found on the Hugging Face Hub, or private "
        "(set HF_TOKEN to a token with access if it is private)")
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_cli_markdown_lists_the_bundle_members(hub: FakeHub, gh: FakeGitHub) -> None:
    add_bundle(hub)
    serve_repo(gh, CODE)
    result = CliRunner().invoke(app, ["score", "hf:acme/tiny-llm"])
    assert result.exit_code == 0, result.output
    section = result.stdout.split("## Bundle", 1)[1].split("## Findings", 1)[0]
    assert "| code | github |" in section and "| dataset | hf_dataset |" in section
    assert "](https://github.com/acme/tiny-llm)" in section


MOT_RECORD = """framework: {name: Model Openness Framework, version: '1.0', date: '2024-12-15'}
release:
  name: tiny-llm
  version: '1.0'
  huggingface: https://huggingface.co/acme/tiny-llm
  license:
    distribution: {name: Apache-2.0}
  components:
    - {name: Model parameters (Final), description: weights}
    - {name: Technical report, description: a report we claim}
"""


def test_mof_verify_checks_a_self_assessment_against_the_evidence(hub: FakeHub, gh: FakeGitHub, tmp_path) -> None:
    add_bundle(hub)
    serve_repo(gh, CODE)
    record = tmp_path / "tiny-llm.yml"
    record.write_text(MOT_RECORD)
    result = CliRunner().invoke(app, ["mof", str(record), "--verify", "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["verified_against"] == "https://huggingface.co/acme/tiny-llm"
    kinds = {d["component"]: d["kind"] for d in report["verification"]}
    assert kinds["Technical report"] == "not_found"  # claimed, but no evidence of it
    assert kinds["Model parameters (Intermediate)"] == "not_listed"  # step branches the record omits
    assert "Model parameters (Final)" not in kinds or kinds["Model parameters (Final)"] == "license_differs"


def test_free_text_datasets_and_base_models_in_a_card_are_gaps_not_crashes(hub: FakeHub, gh: FakeGitHub) -> None:
    card = "---\nlicense: apache-2.0\ndatasets:\n- The Pile\nbase_model: meta-llama/Llama-2-7b-hf (fine-tuned)\n---\n# Tiny\n"
    files = {**tiny_model().files, "README.md": card.encode()}
    hub.add(tiny_model(files=files, info={**tiny_model().info, "cardData": {
        "license": "apache-2.0", "datasets": ["The Pile"], "base_model": "meta-llama/Llama-2-7b-hf (fine-tuned)"}}))
    evidence = api.fetch_evidence("hf:acme/tiny-llm")
    gaps = {gap.what: gap for gap in evidence.gaps}
    assert gaps["dataset The Pile"].kind == "invalid_metadata"
    assert gaps["base model meta-llama/Llama-2-7b-hf (fine-tuned)"].kind == "invalid_metadata"
    assert [m.role for m in evidence.members] == ["primary"]


def _model_naming_datasets(hub: FakeHub, names: list[str]) -> None:
    card = "---\nlicense: apache-2.0\ndatasets:\n" + "".join(f"- {n}\n" for n in names) + "---\n# Tiny\n"
    model = tiny_model()
    hub.add(tiny_model(files={**model.files, "README.md": card.encode()},
                       info={**model.info, "cardData": {"license": "apache-2.0", "datasets": names}}))
    for name in names:
        hub.add(FakeRepo(id=name, kind="dataset", sha="d" * 40, files={"README.md": b"# A corpus\n"}))


def test_every_dataset_the_card_names_is_followed_within_the_budget(hub: FakeHub, gh: FakeGitHub) -> None:
    names = [f"acme/corpus-{i}" for i in range(MAX_DATASET_MEMBERS + 2)]
    _model_naming_datasets(hub, names)
    evidence = api.fetch_evidence("hf:acme/tiny-llm")
    assert [m.id for m in evidence.members if m.role == "dataset"] == names[:MAX_DATASET_MEMBERS]
    skipped = next(g for g in evidence.gaps if g.what == "datasets")
    assert skipped.reason.startswith("skipped 2 more datasets: budget of 8 datasets per run")
    assert skipped.paths == names[MAX_DATASET_MEMBERS:]
    assert not [r for r in hub.log if any(n in r.path for n in names[MAX_DATASET_MEMBERS:])]
    infos = [r for r in hub.requests(contains="/api/datasets/") if not r.path.endswith("/croissant")]
    assert len(infos) == MAX_DATASET_MEMBERS
    notes = [(n.role, n.id, n.outcome) for n in evidence.bundle]
    assert notes[-1] == ("base_model", "acme/tiny-base", "unreachable")  # the tag names it; not on this Hub
    assert notes[:-1] == [("dataset", n, "followed") for n in names[:MAX_DATASET_MEMBERS]] + \
        [("dataset", n, "skipped") for n in names[MAX_DATASET_MEMBERS:]]
    assert Evidence.model_validate_json(evidence.model_dump_json()) == evidence


def test_stderr_and_the_report_say_what_was_followed(hub: FakeHub, gh: FakeGitHub,
                                                     run_cli: Callable[..., CliRun]) -> None:
    add_bundle(hub)  # the code repository is not on the fake GitHub
    result = run_cli("score", "hf:acme/tiny-llm", "--format", "json")
    lines = [line for line in result.stderr.splitlines() if "follow" in line or "could not reach" in line]
    assert lines[:3] == ["openness: following dataset acme/tiny-corpus", "openness: following base model acme/tiny-base",
                         "openness: following code acme/tiny-llm"]
    assert lines[3].startswith("openness: code acme/tiny-llm: could not reach: github:acme/tiny-llm: not found")
    assert len(lines) == 4
    report = json.loads(result.stdout)
    assert [(m["role"], m["id"]) for m in report["members"]][1:] == [("dataset", "acme/tiny-corpus"),
                                                                    ("base_model", "acme/tiny-base")]
    lost = next(g for g in report["fetch"]["gaps"] if g["what"] == "code acme/tiny-llm")
    assert lost["kind"] == "private_or_missing"


def test_the_base_model_named_only_by_the_host_is_followed(hub: FakeHub, gh: FakeGitHub) -> None:
    model = tiny_model()
    card = "---\nlicense: apache-2.0\n---\n# Tiny\n"
    hub.add(tiny_model(files={**model.files, "README.md": card.encode()},
                       info={**model.info, "cardData": {"license": "apache-2.0"},
                             "tags": ["base_model:quantized:acme/tiny-base"]}))
    hub.add(tiny_base())
    evidence = api.fetch_evidence("hf:acme/tiny-llm")
    assert [m.id for m in evidence.members if m.role == "base_model"] == ["acme/tiny-base"]
    facts = api.score_evidence(evidence).inventory.facts
    assert facts is not None and facts.base_model.value is not None
    assert (facts.base_model.value.member, facts.base_model.value.relation) == ("acme/tiny-base", "quantized")
