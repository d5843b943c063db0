"""The lenses judge from the Inventory's facts: each rule changes with the fact it reads, and only with it."""

from __future__ import annotations

import pytest

from openness import api
from openness.evidence import Evidence, FileEntry, HostFacts, Link, Member, TargetRef
from openness.frameworks import evaluate_lenses, osai, pwc
from openness.frameworks.interface import facts_of

from .checkouts import open_model

BASE = "example/base-1B"


def test_the_peer_reviewed_paper_is_the_own_paper_fact(tmp_path):
    root = open_model(tmp_path / "model")
    readme = root / "README.md"
    venue = "https://aclanthology.org/2024.acl-long.1/"
    readme.write_text(readme.read_text().replace("## Citation\n", f"## Citation\n\nPublished at {venue}\n"),
                      encoding="utf-8")
    assessment = api.score(str(root))
    own = facts_of(assessment.inventory).own_paper
    assert own.known and [ref.url for ref in own.value.peer_reviewed] == [venue]
    row = assessment.frameworks["osai"].row("paper")
    assert row.value == "open" and [ref.url for ref in row.evidence] == [venue]


def test_an_arxiv_paper_is_a_preprint_not_a_peer_reviewed_one(tmp_path):
    root = open_model(tmp_path / "model")
    readme = root / "README.md"
    readme.write_text(readme.read_text().replace("## Citation\n", "## Citation\n\nhttps://arxiv.org/abs/2401.00001\n"),
                      encoding="utf-8")
    assessment = api.score(str(root))
    own = facts_of(assessment.inventory).own_paper.value
    assert own is not None and own.peer_reviewed == [] and own.preprints
    lens = assessment.frameworks["osai"]
    assert lens.row("preprint").value == "open" and lens.row("preprint").evidence == own.preprints
    assert lens.row("paper").value == "closed"


def test_a_release_without_its_own_paper_has_no_venue(tmp_path):
    (tmp_path / "README.md").write_text("# notes\n\nSome words.\n", encoding="utf-8")
    assessment = api.score(str(tmp_path))
    assert facts_of(assessment.inventory).own_paper.known and facts_of(assessment.inventory).own_paper.value is None
    assert osai.evaluate(assessment.inventory).row("preprint").value == "closed"


def test_code_documentation_reads_the_documentation_pages_and_usage_facts(tmp_path):
    root = open_model(tmp_path / "model")
    before = api.score(str(root))
    assert facts_of(before.inventory).stated("documentation_pages") == []
    assert before.frameworks["osai"].row("code").value == "partial"  # usage sections, no pages
    (root / "docs").mkdir()
    (root / "docs" / "usage.md").write_text("# Usage\n\nRun generate.py.\n", encoding="utf-8")
    after = api.score(str(root))
    pages = facts_of(after.inventory).stated("documentation_pages")
    assert [ref.path for ref in pages] == ["docs/usage.md"]  # a page under docs/ counts, not only a site config
    row = after.frameworks["osai"].row("code")
    assert row.value == "open" and pages[0] in row.evidence


def test_hardware_and_the_install_section_are_claims(tmp_path):
    root = open_model(tmp_path / "model")
    assessment = api.score(str(root))
    facts = facts_of(assessment.inventory)
    hardware = assessment.frameworks["osai"].row("hardware_architecture")
    # A config.json is not documentation of the architecture, in the index's sense: the hardware alone is.
    assert hardware.value == "partial" and set(facts.stated("hardware_disclosed")) <= set(hardware.evidence)
    assert "a config file lists the architecture; that is not documentation" in hardware.reason
    readme = root / "README.md"
    readme.write_text(readme.read_text() + "\n## Model architecture\n\nA decoder-only transformer.\n", encoding="utf-8")
    described = api.score(str(root))
    hardware = described.frameworks["osai"].row("hardware_architecture")
    assert hardware.value == "open" and facts_of(described.inventory).stated("architecture_described")[0].path == "README.md"
    (root / "requirements.txt").unlink()
    readme.write_text(readme.read_text() + "\n## Installation\n\nInstall torch.\n", encoding="utf-8")
    without_manifest = api.score(str(root))
    item = without_manifest.frameworks["pwc"].row("dependencies")
    assert item.status == "pass" and item.evidence == facts_of(without_manifest.inventory).stated("install_section")


def hub_model(model_id: str, role: str, files: list[str], base: str | None = None, gated: bool = False) -> Member:
    card = {"license": "apache-2.0", **({"base_model": base} if base else {})}
    links = [Link(kind="hf_model", target=base, found_in="card metadata: base_model")] if base else []
    return Member(role=role, kind="hf_model", id=model_id, files=[FileEntry(path=p, size=10) for p in files],
                  card_data=card, host=HostFacts(gated=gated), links=links)


def base_model_release(base_files: list[str], gated: bool = False) -> Evidence:
    members = [hub_model("example/tuned-1B", "primary", ["README.md", "model.safetensors"], base=BASE),
               hub_model(BASE, "base_model", base_files, gated=gated)]
    return Evidence(target=TargetRef(kind="hf_model", id="example/tuned-1B"), fetched_at="2026-01-01T00:00:00+00:00",
                    members=members)


@pytest.mark.parametrize(("files", "gated", "rating"), [
    (["README.md", "model.safetensors"], False, "open"),
    (["README.md", "model.safetensors"], True, "partial"),
    # Training state is not weights: the inventory's weights rule decides, for the base model too.
    (["README.md", "training_args.bin", "checkpoint-10/rng_state.pth"], False, "closed"),
])
def test_base_model_weights_are_the_weights_fact_of_its_member(files, gated, rating):
    assessment = api.score_evidence(base_model_release(files, gated))
    base = facts_of(assessment.inventory).base_model.value
    weights = facts_of(assessment.inventory).weights.value or []
    assert base is not None and base.member == BASE
    assert base.weight_files == len([w for w in weights if w.member == BASE])
    assert assessment.frameworks["osai"].row("weights_basemodel").value == rating


@pytest.mark.parametrize(("datasets", "rating"), [
    (["example/web-corpus"], "open"),  # a dataset a publisher hosts on the Hub: inspectable
    (["wikipedia", "bookcorpus"], "closed"),  # canonical loaders of corpora published elsewhere: only named
    ([], "closed"),
])
def test_base_model_data_follows_the_end_model_rule(datasets, rating):
    evidence = base_model_release(["README.md", "model.safetensors"])
    base = evidence.members[1]
    links = [Link(kind="hf_dataset", target=t, found_in="card metadata: datasets") for t in datasets]
    evidence.members[1] = base.model_copy(update={"links": links})
    row = api.score_evidence(evidence).frameworks["osai"].row("datasources_basemodel")
    assert row.value == rating and (not datasets or datasets[0] in row.reason)


def test_a_lens_judges_only_an_inventory_that_carries_facts(tmp_path):
    inventory = api.score(str(open_model(tmp_path / "model"))).inventory
    read_back = inventory.model_copy(update={"facts": None})
    with pytest.raises(ValueError, match="carries no facts"):
        pwc.evaluate(read_back)
    results, _ = evaluate_lenses(inventory)
    assert list(results) == ["mof", "osaid", "osai", "pwc"]
