"""The buyer's licence summary, per component, in every report."""

from pathlib import Path

from openness import api
from openness.evidence import Document, Evidence, FileEntry, Member, TargetRef
from openness.report import render_markdown

from .conftest import MIT_TEXT, write_tree


def _hub_model(card: str, files: tuple[str, ...] = ("model.safetensors", "config.json")) -> Evidence:
    return Evidence(
        target=TargetRef(kind="hf_model", id="org/m"), fetched_at="2025-11-26T00:00:00+00:00",
        members=[Member(kind="hf_model", id="org/m", card_data={"license": card},
                        files=[FileEntry(path=p, size=10) for p in ("README.md", *files)],
                        documents=[Document(path="README.md", text=f"---\nlicense: {card}\n---\n# M\n", size=30)])])


def test_llama3_weights_allow_commercial_use_with_conditions() -> None:
    summary = api.score_evidence(_hub_model("llama3")).licenses
    assert summary is not None
    weights = next(c for c in summary.components if c.slot == "weights")
    assert weights.released and weights.license_id and "llama" in weights.license_id.lower()
    assert weights.commercial_use == "conditional"
    assert any("threshold" in r.text and "weights" in r.components for r in summary.restrictions)
    assert summary.commercial_use == "conditional"


def test_non_commercial_weights_say_no() -> None:
    summary = api.score_evidence(_hub_model("cc-by-nc-4.0")).licenses
    assert summary is not None and summary.commercial_use == "no"
    assert next(r for r in summary.restrictions if r.text == "no commercial use").components == ["weights", "documents"]


def test_permissive_software_says_yes_and_ignores_weights_and_data(tmp_path: Path) -> None:
    repo = write_tree(tmp_path / "lib", {"LICENSE": MIT_TEXT, "README.md": "# lib\n", "src/lib.py": "x = 1\n"})
    summary = api.score(str(repo)).licenses
    assert summary is not None
    assert summary.commercial_use == "yes" and summary.fine_tune_and_redistribute == "yes"
    assert {c.slot for c in summary.components if c.released} <= {"code", "documents"}
    assert any("copyright" in o.text.lower() or "notice" in o.text.lower() for o in summary.obligations)


def test_modified_and_missing_licences_are_unknown_not_yes(tmp_path: Path) -> None:
    modified = MIT_TEXT.replace("subject to the following conditions:",
                                "subject to the following conditions:\n\nThe Software may not be used for commercial purposes.\n")
    repo = write_tree(tmp_path / "mod", {"LICENSE": modified, "src/a.py": "x\n"})
    code = next(c for c in api.score(str(repo)).licenses.components if c.slot == "code")  # type: ignore[union-attr]
    assert code.modified and code.commercial_use == "unknown"
    bare = write_tree(tmp_path / "bare", {"src/a.py": "x\n"})
    summary = api.score(str(bare)).licenses
    assert summary is not None and summary.commercial_use == "unknown"
    assert any("all rights reserved" in r.text for r in summary.restrictions)


def test_markdown_shows_the_answers_per_component() -> None:
    text = render_markdown(api.score_evidence(_hub_model("cc-by-nc-4.0")))
    assert "**Commercial use: no**" in text
    assert "| Weights | yes |" in text


def test_data_published_elsewhere_is_not_licensed_by_the_repository(tmp_path: Path) -> None:
    card = "---\nlicense: mit\ndatasets:\n- example-org/corpus\n---\n# Model\n"
    repo = write_tree(tmp_path / "m", {"README.md": card, "LICENSE": MIT_TEXT, "model.safetensors": b"\0"})
    finding = api.score(str(repo)).finding("data-license-open")
    assert finding.status == "unknown" and "published elsewhere" in finding.reason


def test_a_library_is_judged_on_its_code_not_on_weights_its_readme_links(tmp_path: Path) -> None:
    """The buyer summary and the use criteria read one rule for what a software release contains."""
    readme = "# lib\n\n## Pretrained models\n\nDownload pretrained weights: https://huggingface.co/other-org/big-model\n"
    repo = write_tree(tmp_path / "lib", {"LICENSE": MIT_TEXT, "README.md": readme, "src/lib.py": "x = 1\n"})
    result = api.score(str(repo))
    assert result.inventory.kind == "software" and result.inventory.published_elsewhere("weights")
    assert result.licenses is not None and result.licenses.commercial_use == "yes"
    assert result.finding("commercial-use").status == "pass"
    assert result.finding("use-unrestricted").status == "pass"
