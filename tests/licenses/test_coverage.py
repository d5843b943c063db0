"""Which declaration covers which component: folder, then type, then the distribution licence;
nothing the repository only links to."""

from pathlib import Path

from openness import api
from openness.evidence import Document, Evidence, FileEntry, Gap, Member, TargetRef
from openness.inventory.coverage import license_of
from openness.report import render_markdown

from ..conftest import MIT_TEXT, write_tree
from . import long_texts as lt
from .license_texts import BSD3_NOTICE

LLAMA2 = "Llama 2 Community License Agreement\nLlama 2 Version Release Date: July 18, 2023\n"
PAPER_README = ("# Model\n\nCode for our paper [Great Model](https://arxiv.org/abs/2401.12345).\n\n"
                "## Training\n\nRun `python train.py`.\n")


def _paper_repo(tmp_path: Path, extra: dict[str, str] | None = None) -> Path:
    return write_tree(tmp_path / "repo", {"LICENSE": MIT_TEXT, "README.md": PAPER_README, "train.py": "import torch\n",
                                          "requirements.txt": "torch\n", **(extra or {})})


def test_a_paper_on_arxiv_is_not_covered_by_the_repositorys_mit_licence(tmp_path: Path) -> None:
    result = api.score(str(_paper_repo(tmp_path)))
    paper = license_of(result.inventory.component("research_paper"))
    assert paper.published_elsewhere and paper.license_id is None and paper.source == "none"
    assert paper.reason is not None and "arxiv.org/abs/2401.12345" in paper.reason
    assert "does not cover it" in paper.reason and "its own licence was not read" in paper.reason
    # the code in the repository still is MIT
    assert license_of(result.inventory.component("training_code")).license_id == "MIT"
    assert result.inventory.published_elsewhere("documents")  # the paper is the only document
    assert not result.inventory.published_elsewhere("code")
    documents = next(c for c in result.licenses.components if c.slot == "documents")  # type: ignore[union-attr]
    assert documents.license_id is None and documents.decided_by == "none"


def test_a_paper_beside_a_local_model_card_is_named_in_the_buyer_summary(tmp_path: Path) -> None:
    card = "# Model card\n\n## Intended use\n\nResearch.\n\n## Limitations\n\nMany.\n\n## Training data\n\nWeb text.\n"
    result = api.score(str(_paper_repo(tmp_path, {"MODEL_CARD.md": card})))
    assert not result.inventory.published_elsewhere("documents")
    documents = next(c for c in result.licenses.components if c.slot == "documents")  # type: ignore[union-attr]
    assert documents.license_id == "MIT"
    assert any(r.text.startswith("research paper published elsewhere (https://arxiv.org/abs/2401.12345)")
               and r.text.endswith("its own licence was not read") and r.components == ["documents"]
               for r in result.licenses.restrictions)  # type: ignore[union-attr]


def test_the_inventory_table_never_shows_the_paper_as_mit(tmp_path: Path) -> None:
    result = api.score(str(_paper_repo(tmp_path)))
    assert result.inventory.component("research_paper").license.published_elsewhere  # type: ignore[union-attr]
    row = next(line for line in render_markdown(result).splitlines() if line.startswith("| Research paper |"))
    assert "MIT" not in row


def test_a_licence_for_the_weights_covers_them_wherever_they_are_published(tmp_path: Path) -> None:
    readme = "# Model\n\n## Weights\n\nDownload the pretrained weights: https://huggingface.co/acme-lab/model-weights\n"
    repo = write_tree(tmp_path / "w", {"LICENSE": MIT_TEXT, "LICENSE-MODEL": LLAMA2, "README.md": readme,
                                       "train.py": "import torch\n", "requirements.txt": "torch\n"})
    inventory = api.score(str(repo)).inventory
    weights = license_of(inventory.component("final_parameters"))
    assert not weights.published_elsewhere and weights.license_id == "LicenseRef-openness-llama2"
    assert weights.source == "type" and weights.declared_by and weights.declared_by.path == "LICENSE-MODEL"


def test_weights_linked_from_the_readme_are_published_elsewhere(tmp_path: Path) -> None:
    readme = "# Model\n\n## Weights\n\nDownload the pretrained weights: https://huggingface.co/acme-lab/model-weights\n"
    repo = write_tree(tmp_path / "w", {"LICENSE": MIT_TEXT, "README.md": readme,
                                       "train.py": "import torch\n", "requirements.txt": "torch\n"})
    result = api.score(str(repo))
    assert result.inventory.published_elsewhere("weights")
    finding = result.finding("weights-license-open")
    assert finding.status == "unknown" and "does not cover it" in finding.reason


def test_a_folder_licence_covers_only_its_folder(tmp_path: Path) -> None:
    repo = write_tree(tmp_path / "f", {
        "LICENSE": MIT_TEXT, "README.md": "# M\n", "requirements.txt": "torch\n",
        "weights/LICENSE": LLAMA2, "weights/model.safetensors": b"\0",
        "train.py": "import torch\n",
    })
    inventory = api.score(str(repo)).inventory
    weights = license_of(inventory.component("final_parameters"))
    assert (weights.license_id, weights.source) == ("LicenseRef-openness-llama2", "component")
    assert weights.declared_by and weights.declared_by.path == "weights/LICENSE"
    code = license_of(inventory.component("training_code"))
    assert (code.license_id, code.source) == ("MIT", "distribution")
    assert inventory.distribution_license.license_id == "MIT"
    folder = next(d for d in inventory.declarations if d.ref.path == "weights/LICENSE")
    assert folder.scope == "weights" and folder.origin == "licence file"


def test_reuse_licenses_folder_states_the_licences_of_the_whole() -> None:
    texts = {"LICENSES/MIT.txt": MIT_TEXT, "LICENSES/LLAMA.txt": LLAMA2, "README.md": "# M\n"}
    docs = [Document(path=p, text=t, size=len(t)) for p, t in texts.items()]
    files = [FileEntry(path=p, size=1) for p in [*texts, "src/a.py", "license_check.py", "licensee.json"]]
    evidence = Evidence(target=TargetRef(kind="local", id="r"), fetched_at="2025-11-26T00:00:00+00:00",
                        members=[Member(kind="local", id="r", files=files, documents=docs)])
    result = api.score_evidence(evidence)
    reuse = [d for d in result.inventory.declarations if d.source == "license_file"]
    assert {d.ref.path for d in reuse} == {"LICENSES/MIT.txt", "LICENSES/LLAMA.txt"}
    assert all(d.scope == "" and d.origin == "LICENSES folder" for d in reuse)
    # each text covers its own files: all apply, not a choice between them
    assert result.inventory.distribution_license.license_id == "LicenseRef-openness-llama2 AND MIT"
    # REUSE texts are a library of licences, not statements about the whole that must agree
    assert result.finding("license-consistent").status == "not_applicable"


def test_a_licence_file_whose_text_was_not_read_is_unidentified_with_the_reason() -> None:
    member = Member(kind="github", id="o/r", files=[FileEntry(path="LICENSE", size=1000)],
                    gaps=[Gap(what="LICENSE", kind="too_large", reason="LICENSE is larger than the read limit")])
    evidence = Evidence(target=TargetRef(kind="github", id="o/r"), fetched_at="2025-11-26T00:00:00+00:00",
                        members=[member])
    inventory = api.score_evidence(evidence).inventory
    declaration = next(d for d in inventory.declarations if d.ref.path == "LICENSE")
    assert declaration.license_id is None and declaration.ref.note
    assert "larger than the read limit" in declaration.ref.note
    assert inventory.distribution_license.reason == declaration.ref.note


def test_an_unidentified_licence_text_is_not_its_nearest_licence(tmp_path: Path) -> None:
    text = "Proprietary. You may not copy, use or share this software. All rights reserved by ACME Corp, 2024.\n"
    repo = write_tree(tmp_path / "p", {"LICENSE": text, "README.md": "# P\n", "src/a.py": "x = 1\n"})
    result = api.score(str(repo))
    declaration = next(d for d in result.inventory.declarations if d.ref.path == "LICENSE")
    assert declaration.license_id is None and declaration.ref.note == "unidentified licence text"
    assert result.inventory.distribution_license.license_id is None
    assert result.finding("license-declared").status == "partial"


def _hub_model_loading_with_a_library() -> Evidence:
    card = "---\nlicense: mit\nlibrary_name: transformers\n---\n# M\n\nPaper: https://arxiv.org/abs/2401.12345\n"
    member = Member(kind="hf_model", id="org/m", card_data={"license": "mit", "library_name": "transformers"},
                    files=[FileEntry(path=p, size=10) for p in ("README.md", "model.safetensors", "config.json")],
                    documents=[Document(path="README.md", text=card, size=len(card))])
    return Evidence(target=TargetRef(kind="hf_model", id="org/m"), fetched_at="2025-11-26T00:00:00+00:00",
                    members=[member])


def test_the_library_a_model_loads_with_is_not_covered_by_the_models_licence() -> None:
    """"Loads with transformers" is transformers' code: its own licence, not the card's MIT."""
    result = api.score_evidence(_hub_model_loading_with_a_library())
    code = license_of(result.inventory.component("inference_code"))
    assert code.license_id is None and code.published_elsewhere
    assert code.reason is not None and "the transformers library" in code.reason
    assert license_of(result.inventory.component("final_parameters")).license_id == "MIT"
    # the licence check and the buyer summary say the same
    assert result.finding("code-license-osi").status == "unknown"
    assert "transformers library" in result.finding("code-license-osi").reason
    summary = result.licenses
    assert summary is not None
    code_row = next(c for c in summary.components if c.slot == "code")
    assert code_row.license_id is None and not code_row.released
    assert any("transformers library" in r.text for r in summary.restrictions)
    # the release's own terms (its weights' MIT) decide what a buyer may do
    assert summary.commercial_use == "yes" and result.finding("commercial-use").status == "pass"


def test_another_organisations_weights_and_a_paper_keep_their_own_licence_unknown() -> None:
    result = api.score_evidence(_hub_model_loading_with_a_library())
    paper = license_of(result.inventory.component("research_paper"))
    assert paper.license_id is None and "arxiv.org/abs/2401.12345" in (paper.reason or "")


def _reuse_tree(texts: dict[str, str]) -> Evidence:
    docs = [Document(path=p, text=t, size=len(t)) for p, t in texts.items()]
    files = [FileEntry(path=p, size=1) for p in [*texts, "src/a.py", "vendor/x/x.py", "LICENSE.header"]]
    return Evidence(target=TargetRef(kind="local", id="r"), fetched_at="2025-11-26T00:00:00+00:00",
                    members=[Member(kind="local", id="r", files=files, documents=docs)])


def test_a_reuse_tree_with_a_per_folder_licence() -> None:
    evidence = _reuse_tree({"LICENSES/MIT.txt": MIT_TEXT, "LICENSES/CC-BY-4.0.txt": "SPDX-License-Identifier: CC-BY-4.0\n",
                            "vendor/x/LICENSE": BSD3_NOTICE, "README.md": "# R\n"})
    result = api.score_evidence(evidence)
    paths = {d.ref.path: d for d in result.inventory.declarations if d.source == "license_file"}
    assert set(paths) == {"LICENSES/MIT.txt", "LICENSES/CC-BY-4.0.txt", "vendor/x/LICENSE"}  # not LICENSE.header
    assert paths["vendor/x/LICENSE"].scope == "vendor/x" and paths["vendor/x/LICENSE"].license_id == "BSD-3-Clause"
    assert result.inventory.distribution_license.license_id == "CC-BY-4.0 AND MIT"


def test_an_unidentified_reuse_text_leaves_the_whole_unknown() -> None:
    custom = "ACME Internal Licence 1.0\n\nOnly ACME staff may read, run or copy these files. Nobody else may.\n"
    result = api.score_evidence(_reuse_tree({"LICENSES/MIT.txt": MIT_TEXT,
                                             "LICENSES/LicenseRef-ACME.txt": custom, "README.md": "# R\n"}))
    acme = next(d for d in result.inventory.declarations if d.ref.path == "LICENSES/LicenseRef-ACME.txt")
    assert acme.license_id is None and acme.ref.note == "unidentified licence text"
    dist = result.inventory.distribution_license
    assert dist.license_id is None and dist.reason and "LICENSES/LicenseRef-ACME.txt" in dist.reason


def test_copying_and_copying_lesser_are_the_lgpl(tmp_path: Path) -> None:
    repo = write_tree(tmp_path / "lib", {"COPYING": lt.stock("GPL-3.0-only"), "COPYING.LESSER": lt.lgpl3_alone(),
                                         "README.md": "# Lib\n", "lib.py": "x = 1\n"})
    result = api.score(str(repo))
    assert result.inventory.distribution_license.license_id == "LGPL-3.0-only"
    assert result.finding("license-consistent").status == "not_applicable"
