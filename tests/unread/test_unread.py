"""Unknown when unread: a source fails one route, and every fact that reads it is ``unknown`` with that
gap as its reason; when the route answers, the same criterion passes. One test per failure kind, through
the CLI (``run_cli``, JSON report) or ``openness.api``."""

from __future__ import annotations

import hashlib
import json
import os
import random
from collections.abc import Callable
from pathlib import Path

import pytest

from openness import api
from openness.inventory.facts import Facts

from ..conftest import MIT_TEXT, CliRun, write_tree
from ..github.fake import FakeGitHub
from ..github.repos import FILES, RepoSpec, serve_repo
from ..huggingface.fakehub import FakeHub
from ..huggingface.models import CONFIG, SHA_TINY, add_bundle, tiny_model

Run = Callable[..., CliRun]

MODEL_CARD = """# llm-kit-7b model card

## Intended use
Research on small language models and teaching how they are trained.

## Limitations and bias
It repeats the biases of web text; do not use it for decisions about people.

## Training data
A filtered crawl of 10 GB of English web pages, deduplicated.

## Training procedure
AdamW, learning rate 3e-4, 10,000 steps on 8 A100 GPUs.
"""


def report(run_cli: Run, *args: str) -> dict:
    result = run_cli("score", *args, "--format", "json")
    assert result.code == 0, result.stderr
    return json.loads(result.stdout)


def finding(data: dict, criterion: str) -> dict:
    return next(f for f in data["findings"] if f["criterion"] == criterion)


def component(data: dict, key: str) -> dict:
    return next(c for c in data["inventory"]["components"] if c["key"] == key)


def facts(target: str, **options: object) -> Facts:
    inventory = api.score_evidence(api.fetch_evidence(target, **options)).inventory
    assert inventory.facts is not None
    return inventory.facts


# --------------------------------------------------------------------------- GitHub

MODEL_FILES = {**FILES, "MODEL_CARD.md": MODEL_CARD.encode()}


def test_a_failed_archive_leaves_the_documents_unknown(fake: FakeGitHub, run_cli: Run) -> None:
    spec = serve_repo(fake, RepoSpec(files=MODEL_FILES))
    answered = report(run_cli, "github:octo-org/llm-kit")
    assert finding(answered, "model-card")["status"] == "pass"

    fake.add(f"{spec.api}/tarball/{spec.sha}", {"message": "Server Error"}, status=500)
    failed = report(run_cli, "github:octo-org/llm-kit", "--no-cache")
    card = finding(failed, "model-card")
    assert card["status"] == "unknown"
    assert "files of github:octo-org/llm-kit" in card["reason"]
    assert component(failed, "model_card")["status"] == "unknown"
    assert failed["fetch"]["gaps"][1]["what"] == "files"
    read = facts("github:octo-org/llm-kit", use_cache=False)
    assert read.readme.status == "unknown" and read.readme.gap is not None and read.readme.gap.what == "files"
    assert read.claim("usage_instructions").status == "unknown"
    assert read.claim("contribution_guide").value is not None  # the listing was read: files are still found


IMAGES = {"Images/training_curve.png": random.Random(0).randbytes(200_000)}
"""Incompressible, and before README.md and LICENSE in the archive: those are downloaded one by one."""


def test_a_failed_single_download_leaves_the_readme_unknown(fake: FakeGitHub, run_cli: Run) -> None:
    spec = serve_repo(fake, RepoSpec(files={**FILES, **IMAGES}))
    answered = facts("github:octo-org/llm-kit", use_cache=False)
    assert answered.readme.value is not None and answered.claim("install_section").value.state == "stated"  # type: ignore[union-attr]
    assert any(s.path.endswith("/README.md") for s in fake.log if s.path.startswith("/raw/"))

    fake.add(f"/raw/{spec.full_name}/{spec.sha}/README.md", raw=b"500: Internal Server Error", status=500)
    failed = facts("github:octo-org/llm-kit", use_cache=False)
    assert failed.readme.status == "unknown" and "README.md of github:octo-org/llm-kit" in (failed.readme.reason or "")
    assert failed.claim("install_section").status == "unknown"
    data = report(run_cli, "github:octo-org/llm-kit", "--no-cache")
    assert component(data, "model_card")["status"] in {"unknown", "absent"}  # software: no card expected …
    assert not [f for f in data["findings"] if f["status"] == "fail" and "README" in f["reason"]
                and f["criterion"] != "readme"]  # … and no README-based claim fails (see the report's list)
    read = api.fetch_evidence("github:octo-org/llm-kit", use_cache=False).primary
    assert "LICENSE" in {d.path for d in read.documents}  # downloaded on its own, it was still read
    assert [g.what for g in read.gaps if g.what.endswith(".md")] == ["README.md"]


def test_a_truncated_tree_leaves_what_it_may_hide_unknown(fake: FakeGitHub, run_cli: Run) -> None:
    files = {**FILES, "scripts/prepare_data.py": b"print('prepare')\n"}
    serve_repo(fake, RepoSpec(files=files))
    answered = report(run_cli, "github:octo-org/llm-kit")
    assert finding(answered, "preprocessing-code")["status"] == "pass"

    spec = RepoSpec(files=files, truncated=True)
    serve_repo(fake, spec)
    listed = [{"path": p, "mode": "100644", "type": "blob", "sha": hashlib.sha1(c).hexdigest(), "size": len(c)}
              for p, c in sorted(files.items()) if not p.startswith("scripts/")]
    fake.add(f"{spec.api}/git/trees/{spec.sha}", {"sha": spec.sha, "tree": listed, "truncated": True},
             query={"recursive": "1"})
    failed = report(run_cli, "github:octo-org/llm-kit", "--no-cache")
    prep = finding(failed, "preprocessing-code")
    assert prep["status"] == "unknown" and "truncated the file listing" in prep["reason"]
    assert component(failed, "preprocessing_code")["status"] == "unknown"


# --------------------------------------------------------------------------- Hugging Face Hub

GATED = (401, {"X-Error-Code": "GatedRepo", "X-Error-Message": "Access to model acme/tiny-llm is restricted."},
         {"error": "Access to model acme/tiny-llm is restricted."})
REFUSED = (401, {"X-Error-Message": "Invalid credentials in Authorization header"}, {"error": "Invalid credentials"})
FORBIDDEN = (403, {"X-Error-Message": "Forbidden"}, {"error": "Forbidden"})


@pytest.mark.parametrize("answer", [GATED, REFUSED, FORBIDDEN], ids=["gated", "401", "403"])
def test_an_unread_card_leaves_the_card_facts_unknown(hub: FakeHub, run_cli: Run, answer: tuple) -> None:
    hub.add(tiny_model())
    answered = report(run_cli, "hf:acme/tiny-llm", "--no-follow")
    assert finding(answered, "model-card")["status"] == "pass"
    assert finding(answered, "evaluation-results")["status"] == "pass"

    hub.script(f"/acme/tiny-llm/resolve/{SHA_TINY}/README.md", answer)
    failed = report(run_cli, "hf:acme/tiny-llm", "--no-follow", "--no-cache")
    for criterion in ("model-card", "model-card-sections", "evaluation-results", "training-code"):
        found = finding(failed, criterion)
        assert found["status"] == "unknown", criterion
        assert "acme/tiny-llm/README.md" in found["reason"], criterion
    assert finding(failed, "architecture")["status"] == "pass"  # config.json was read
    assert component(failed, "preprocessing_code")["status"] == "absent"  # the listing was whole
    index = {row["id"]: row for row in failed["frameworks"]["osai"]["requirements"]}
    for dimension in ("code", "trainingcode", "hardware_architecture", "modelcard"):  # the index reads the card too
        assert index[dimension]["value"] == "unknown", dimension
        assert "acme/tiny-llm/README.md" in index[dimension]["reason"], dimension
    answered_index = {row["id"]: row for row in answered["frameworks"]["osai"]["requirements"]}
    assert answered_index["modelcard"]["value"] != "unknown" and answered_index["code"]["value"] != "unknown"


def test_an_unread_licence_file_leaves_the_licence_declaration_unknown(hub: FakeHub, run_cli: Run) -> None:
    hub.add(tiny_model())
    assert finding(report(run_cli, "hf:acme/tiny-llm", "--no-follow"), "license-declared")["status"] != "unknown"

    hub.script(f"/acme/tiny-llm/resolve/{SHA_TINY}/LICENSE", FORBIDDEN)
    declared = finding(report(run_cli, "hf:acme/tiny-llm", "--no-follow", "--no-cache"), "license-declared")
    assert declared["status"] == "unknown"  # not "present but not identified": nobody read it
    assert "licence file LICENSE" in declared["reason"] and "not read" in declared["reason"]


def test_a_gated_config_is_answered_by_the_hosts_metadata(hub: FakeHub, run_cli: Run) -> None:
    hub.add(tiny_model())
    hub.script(f"/acme/tiny-llm/resolve/{SHA_TINY}/config.json", GATED)
    data = report(run_cli, "hf:acme/tiny-llm", "--no-follow", "--no-cache")
    architecture = component(data, "architecture")
    assert architecture["status"] == "present"
    assert architecture["evidence"][0]["note"] == "LlamaForCausalLM (model type llama): the host's config metadata"
    assert finding(data, "architecture")["status"] == "pass"


@pytest.mark.parametrize("answer", [GATED, (404, {"X-Error-Code": "EntryNotFound"}, {"error": "Entry not found"})],
                         ids=["gated", "missing"])
def test_an_unread_config_without_host_metadata_is_unknown(hub: FakeHub, run_cli: Run, answer: tuple) -> None:
    info = {k: v for k, v in tiny_model().info.items() if k != "config"}
    hub.add(tiny_model(info=info))
    answered = report(run_cli, "hf:acme/tiny-llm", "--no-follow")
    assert component(answered, "architecture")["evidence"][0]["path"] == "config.json"
    assert finding(answered, "architecture")["status"] == "pass"

    hub.script(f"/acme/tiny-llm/resolve/{SHA_TINY}/config.json", answer)
    failed = report(run_cli, "hf:acme/tiny-llm", "--no-follow", "--no-cache")
    found = finding(failed, "architecture")
    assert found["status"] == "unknown" and "acme/tiny-llm/config.json" in found["reason"]


def test_host_metadata_is_evidence(hub: FakeHub) -> None:
    card = {"license": "llama3", "base_model": "acme/tiny-base", "extra_gated_prompt": "Accept the licence.",
            "extra_gated_fields": {"Country": "country"}}
    hub.add(tiny_model(gated="manual", info={**tiny_model().info, "cardData": card,
                                             "tags": ["base_model:finetune:acme/tiny-base"]}))
    evidence = api.fetch_evidence("hf:acme/tiny-llm", follow_links=False)
    host = evidence.primary.host
    assert (host.architectures, host.model_type, host.parameters) == (["LlamaForCausalLM"], "llama", 1_000_000_000)
    assert (host.base_models, host.base_model_relation) == (["acme/tiny-base"], "finetune")
    assert host.gated_terms == {"prompt": "Accept the licence.", "fields": {"Country": "country"}}
    read = api.score_evidence(evidence).inventory.facts
    assert read is not None
    assert read.parameter_count.value == 1_000_000_000
    assert read.gating.value is not None and read.gating.value.gated == "manual"
    assert read.gating.value.terms["prompt"] == "Accept the licence."
    base = read.base_model.value
    assert base is not None and (base.id, base.relation, base.member) == ("acme/tiny-base", "finetune", None)


def test_old_evidence_with_config_in_extra_still_loads() -> None:
    from openness.evidence import HostFacts

    host = HostFacts.model_validate({"extra": {"config": {"architectures": ["BertModel"], "model_type": "bert"},
                                               "author": "x"}})
    assert (host.architectures, host.model_type, host.extra) == (["BertModel"], "bert", {"author": "x"})


def test_an_unreachable_code_repository_leaves_the_code_unknown(hub: FakeHub, fake: FakeGitHub, run_cli: Run) -> None:
    add_bundle(hub)
    serve_repo(fake, RepoSpec(owner="acme", name="tiny-llm"))
    answered = report(run_cli, "hf:acme/tiny-llm")
    assert finding(answered, "training-code")["status"] == "pass"

    fake.add("/repos/acme/tiny-llm", {"message": "Not Found", "status": "404"}, status=404)
    result = run_cli("score", "hf:acme/tiny-llm", "--format", "json", "--no-cache")
    failed = json.loads(result.stdout)
    training = finding(failed, "training-code")
    assert training["status"] == "unknown" and "acme/tiny-llm" in training["reason"]
    assert "code acme/tiny-llm: could not reach: " in result.stderr
    assert "following dataset acme/tiny-corpus" in result.stderr


def test_an_unreachable_dataset_leaves_the_data_card_unknown(hub: FakeHub, fake: FakeGitHub, run_cli: Run) -> None:
    add_bundle(hub)
    serve_repo(fake, RepoSpec(owner="acme", name="tiny-llm"))
    assert finding(report(run_cli, "hf:acme/tiny-llm"), "data-card")["status"] == "pass"  # the dataset's card

    hub.script("/api/datasets/acme/tiny-corpus", (500, {}, {"error": "Internal Error"}),
               *[(500, {}, {"error": "Internal Error"})] * 5)
    result = run_cli("score", "hf:acme/tiny-llm", "--format", "json", "--no-cache")
    data_card = finding(json.loads(result.stdout), "data-card")
    assert data_card["status"] == "unknown" and "acme/tiny-corpus" in data_card["reason"]
    assert "dataset acme/tiny-corpus: could not reach: " in result.stderr


# --------------------------------------------------------------------------- local checkouts

LOCAL_MODEL = {
    "config.json": CONFIG,
    "model.safetensors": b"\x00" * 64,
    "LICENSE": MIT_TEXT,
    "train.py": "print('train')\n",
}


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links here")
def test_a_readme_linked_out_of_the_tree_is_unknown(tmp_path: Path, run_cli: Run) -> None:
    card = "---\nlicense: mit\npipeline_tag: text-generation\n---\n" + MODEL_CARD
    inside = write_tree(tmp_path / "inside", {**LOCAL_MODEL, "README.md": card})
    assert finding(report(run_cli, str(inside)), "model-card")["status"] == "pass"

    outside = write_tree(tmp_path / "elsewhere", {"README.md": card})
    linked = write_tree(tmp_path / "linked", LOCAL_MODEL)
    (linked / "README.md").symlink_to(outside / "README.md")
    data = report(run_cli, str(linked))
    card_finding = finding(data, "model-card")
    assert card_finding["status"] == "unknown" and "outside the project" in card_finding["reason"]
    read = facts(str(linked))
    assert read.readme.status == "unknown" and read.readme.gap is not None
    assert read.readme.gap.kind == "symlink_outside"
    assert read.claim("usage_instructions").status == "unknown"


def test_the_rule_names_what_each_gap_hides() -> None:
    from openness.evidence import Gap, Member
    from openness.inventory.gaps import hidden_by, path_unread

    def hides(what: str, kind: str = "gated", paths: list[str] | None = None) -> set[str] | None:
        hidden = hidden_by(Gap(what=what, kind=kind, reason="r", paths=paths or []))  # type: ignore[arg-type]
        return None if hidden is None else set(hidden.sources)

    assert hides("tree", "truncated") == {"tree"}
    assert hides("files", "server_error") == {"readme", "config", "documents"}
    assert hides("documents", "truncated", ["LICENSE", "config.json"]) == {"documents", "config"}
    assert hides("card") == {"readme"} and hides("docs/README.md", "symlink_outside") == {"readme"}
    assert hides("code o/r", "private_or_missing") == {"code"} and hides("datasets", "truncated") == {"dataset"}
    assert hides("base model o/m", "rate_limited") == {"base_model"}
    assert hides("README.md", "truncated") is None  # read up to its bound
    assert hides("dataset The Pile", "invalid_metadata") is None  # not a repository: nothing to read
    assert hides("weights") is None and hides("contributors", "rate_limited") is None
    member = Member(kind="local", source_label="local checkout", id="x",
                    gaps=[Gap(what="LICENSE", kind="unreadable", reason="cannot read")])
    assert path_unread(member, "LICENSE") is member.gaps[0]
    assert path_unread(member, "README.md") is None
    hub = Member(kind="hf_model", source_label="Hugging Face model", id="o/m",
                 gaps=[Gap(what="card", kind="gated", reason="gated")])
    assert path_unread(hub, "README.md") is hub.gaps[0] and path_unread(hub, "LICENSE") is None
