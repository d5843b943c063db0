from pathlib import Path

from openness import api
from openness.evidence import Document, Evidence, FileEntry, Member, TargetRef
from openness.inventory import Signals, build_inventory

from .conftest import write_tree


def _member(kind: str, files: list[str], role: str = "primary", docs: dict[str, str] | None = None) -> Member:
    return Member(kind=kind, id="acme/tiny-llm", role=role,  # type: ignore[arg-type]
                  files=[FileEntry(path=p, size=1) for p in files],
                  documents=[Document(path=p, text=t, size=len(t)) for p, t in (docs or {}).items()])


def test_members_with_the_same_name_keep_their_own_files() -> None:
    evidence = Evidence(target=TargetRef(kind="hf_model", id="acme/tiny-llm"), fetched_at="2025-11-26T00:00:00+00:00",
                        members=[_member("hf_model", ["model.safetensors", "config.json"]),
                                 _member("github", ["train.py", "eval.py"], role="code")])
    signals = Signals(evidence)
    assert [h.path for h in signals.files(r"[^/]+\.safetensors")] == ["model.safetensors"]
    assert [h.member.kind for h in signals.files(r"train\.py")] == ["github"]
    inventory = build_inventory(evidence, signals)
    assert inventory.component("final_parameters").status == "present"
    assert inventory.component("training_code").status == "present"


def test_name_and_folder_queries() -> None:
    evidence = Evidence(target=TargetRef(kind="local", id="r"), fetched_at="2025-11-26T00:00:00+00:00",
                        members=[Member(kind="local", id="r", files=[FileEntry(path=p, size=1) for p in (
                            "README.md", "docs/README.md", "tests/unit/test_a.py", "src/tests.py", "data/x.csv")])])
    signals = Signals(evidence)
    assert [h.path for h in signals.files(r"readme\.md")] == ["README.md", "docs/README.md"]
    assert [h.path for h in signals.files(r"readme\.md", under="")] == ["README.md"]
    assert [h.path for h in signals.files(r"[^/]+", under=r"(?:.*/)?tests(?:/.*)?")] == ["tests/unit/test_a.py"]
    assert [h.path for h in signals.files(path=r"data/.*")] == ["data/x.csv"]
    assert signals.files(r"[^/]*\.py", limit=1) and len(signals.files(r"[^/]*\.py", limit=1)) == 1


def _readme_evidence(root: Path, text: str, files: tuple[str, ...] = ()) -> Evidence:
    """Evidence of a checkout holding ``text`` as its README, through the real local fetcher."""
    write_tree(root, {"README.md": text, **{f: "" for f in files}})
    return api.fetch_evidence(str(root))


def test_the_release_paper_is_its_own_not_the_papers_it_credits(tmp_path: Path) -> None:
    credits_only = _readme_evidence(tmp_path / "a",
        "# Tool\n\nA tool.\n\n## Usage\n\nRun it.\n\n## Acknowledgements\n\n"
        "We build on [LoRA](https://arxiv.org/abs/2106.09685) and [Self-Instruct](https://arxiv.org/abs/2212.10560).\n")
    paper = build_inventory(credits_only).component("research_paper")
    assert paper.status == "absent" and "2 papers are cited" in (paper.note or "")
    own = _readme_evidence(tmp_path / "b",
        "# Model\n\nCode for the paper [Great Model](https://arxiv.org/abs/2401.00001).\n\n## Usage\n\nx\n\n"
        "## Citation\n\n```\n@article{m2024, title={Great Model}, journal={arXiv preprint arXiv:2401.00001}}\n```\n")
    found = build_inventory(own).component("research_paper")
    assert found.status == "present" and {r.url for r in found.evidence} == {"https://arxiv.org/abs/2401.00001"}


def test_a_repository_citation_is_not_a_paper(tmp_path: Path) -> None:
    evidence = _readme_evidence(tmp_path,
        "# Repo\n\n## Usage\n\nx\n\n## Citation\n\n```\n@misc{repo, title={Repo}, publisher={GitHub},\n"
        "  howpublished={\\url{https://github.com/o/repo}}}\n```\n")
    assert build_inventory(evidence).component("research_paper").status == "absent"


def test_weights_links_count_in_prose_not_inside_commands(tmp_path: Path) -> None:
    in_command = _readme_evidence(tmp_path / "a",
        "# M\n\n## Recover\n\n```bash\npython recover.py --path https://huggingface.co/acme/model-7b/tree/main\n```\n")
    assert build_inventory(in_command).component("final_parameters").status != "present"
    in_prose = _readme_evidence(tmp_path / "b",
        "# M\n\n## Pre-trained models\n\n* [Base](https://storage.googleapis.com/acme-models/base_L-12.zip)\n")
    weights = build_inventory(in_prose).component("final_parameters")
    assert weights.status == "present" and weights.evidence[0].url == "https://storage.googleapis.com/acme-models/base_L-12.zip"


def test_data_preparation_scripts_are_not_training_code(tmp_path: Path) -> None:
    evidence = _readme_evidence(tmp_path, "# M\n", files=("create_pretraining_data.py",))
    inventory = build_inventory(evidence)
    assert inventory.component("preprocessing_code").status == "present"
    assert inventory.component("training_code").status == "absent"
