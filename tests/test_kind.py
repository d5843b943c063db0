"""What kind of release a repository is, whose weights it links, and the user's override of the kind."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from openness import api
from openness.evidence import Document, Evidence, FileEntry, Member, TargetRef
from openness.inventory import DeclaredKind, build_inventory

from .conftest import CliRun, write_tree

LIBRARY_README = """# trainlib

A library to fine-tune open language models on your own data.

## Install

```bash
git clone https://github.com/trainlib/trainlib.git
pip install -e .
```

## Supported models

| Model | Checkpoint |
|---|---|
| Llama 2 7B | [meta-llama/Llama-2-7b-hf](https://huggingface.co/meta-llama/Llama-2-7b-hf) |
| Mistral 7B | [mistralai/Mistral-7B-v0.1](https://huggingface.co/mistralai/Mistral-7B-v0.1) |

Download the pre-trained weights from [the Llama page](https://huggingface.co/meta-llama/Llama-2-13b-hf) first.

## Training

```bash
python train.py --config configs/llama-7b.yaml
```
"""

LIBRARY_FILES = {"README.md": LIBRARY_README, "requirements.txt": "torch>=2.1\ntransformers\n", "train.py": "",
                 "configs/llama-7b.yaml": "", "configs/mistral-7b.yaml": "", "configs/llama-13b.yaml": ""}

MODEL_README = """# Acme LM

Open language models by Acme AI, trained from scratch.

```bash
git clone https://github.com/AcmeAI/acme-lm.git
```

## Models

| Size | Weights |
|---|---|
| 1B | [acmeai/Acme-1B](https://huggingface.co/acmeai/Acme-1B) |
| 7B | [acmeai/Acme-7B](https://huggingface.co/acmeai/Acme-7B) |

## Training

```bash
torchrun scripts/train.py configs/acme-1b.yaml
```
"""

MODEL_FILES = {"README.md": MODEL_README, "requirements.txt": "torch\n", "scripts/train.py": "",
               "configs/acme-1b.yaml": "", "configs/acme-7b.yaml": "", "configs/acme-13b.yaml": ""}

PLACEHOLDER_README = """# A tool

## Pre-trained weights

Download the checkpoint from `https://huggingface.co/ORG/MODEL`, or from
[your model](https://huggingface.co/your-org/your-model), [a mirror](https://example.com/weights/model.zip),
https://huggingface.co/username/repo or `path/to/model.safetensors`.
"""


def _hosted(files: dict[str, str], *, kind: str = "github", id_: str = "trainlib/trainlib") -> Evidence:
    """Evidence of a hosted repository: its tree and its Markdown documents."""
    member = Member(kind=kind, id=id_, files=[FileEntry(path=p, size=len(t) or 1) for p, t in files.items()],  # type: ignore[arg-type]
                    documents=[Document(path=p, text=t, size=len(t)) for p, t in files.items() if p.endswith(".md")])
    return Evidence(target=TargetRef(kind=kind, id=id_), fetched_at="2025-11-26T00:00:00+00:00",  # type: ignore[arg-type]
                    members=[member])


def test_a_library_linking_other_organisations_weights_is_software_and_not_credited_with_them(tmp_path: Path) -> None:
    for evidence in (_hosted(LIBRARY_FILES),  # the GitHub owner is the release's organisation
                     api.fetch_evidence(str(write_tree(tmp_path / "trainlib", LIBRARY_FILES)))):  # its clone command
        inventory = build_inventory(evidence)
        assert inventory.kind == "software"
        reason = inventory.facts.kind.reason if inventory.facts else ""
        assert reason.startswith("judged as software: a library") and "meta-llama, mistralai" in reason
        weights = inventory.component("final_parameters")
        assert weights.status == "absent" and not weights.evidence
        assert "links to other organisations' weights (meta-llama, mistralai)" in (weights.note or "")
        assert "none under this release's own organisation (trainlib owns the repository" in (weights.note or "")


def test_a_model_release_with_size_configs_and_its_own_hub_weights_is_a_model(tmp_path: Path) -> None:
    checkout = write_tree(tmp_path / "acme-lm", MODEL_FILES)
    inventory = build_inventory(api.fetch_evidence(str(checkout)))
    assert inventory.kind == "model"
    assert inventory.facts is not None and inventory.facts.kind.reason == (
        "judged as a model release: training configs for 3 model sizes (1b, 7b, 13b), "
        "weights linked under the same organisation (acmeai: AcmeAI owns the repository the README clones)")
    # AcmeAI on GitHub, acmeai on the Hub: one name
    weights = inventory.component("final_parameters")
    assert weights.status == "present"
    assert [e.url for e in weights.evidence] == ["https://huggingface.co/acmeai/Acme-1B",
                                                 "https://huggingface.co/acmeai/Acme-7B"]


def test_an_organisation_the_card_names_as_maker_is_the_releases_own() -> None:
    readme = ("# Thing\n\n- **Developed by:** Acme Research (acme-research)\n\n## Weights\n\n"
              "* [thing-base](https://huggingface.co/acme-research/thing-base)\n")
    named = build_inventory(_hosted({"README.md": readme}, id_="lab-x/thing"))
    assert named.kind == "model" and named.component("final_parameters").status == "present"
    assert named.facts is not None and "(acme-research: README.md names acme-research as the maker)" in (
        named.facts.kind.reason or "")
    unnamed = build_inventory(_hosted({"README.md": readme.replace("Acme Research (acme-research)", "Jane Doe")},
                                      id_="lab-x/thing"))
    assert unnamed.kind == "software" and unnamed.component("final_parameters").status == "absent"


def test_weight_files_beat_links_to_other_organisations() -> None:
    evidence = _hosted({**LIBRARY_FILES, "checkpoints/model.safetensors": ""})
    inventory = build_inventory(evidence)
    assert inventory.kind == "model" and inventory.component("final_parameters").status == "present"
    assert inventory.facts is not None and "checkpoints/model.safetensors is a weight file" in (inventory.facts.kind.reason or "")


def test_a_weights_like_file_in_tests_does_not_make_a_model() -> None:
    inventory = build_inventory(_hosted({"README.md": "# Tool\n", "tests/fixtures/tiny.safetensors": "", "src/app.py": ""}))
    assert inventory.kind == "software"


@pytest.mark.parametrize("hosted", [True, False])
def test_placeholders_are_never_weights_or_kind_evidence(tmp_path: Path, hosted: bool) -> None:
    files = {"README.md": PLACEHOLDER_README, "src/tool.py": ""}
    evidence = _hosted(files, id_="someone/tool") if hosted else api.fetch_evidence(str(write_tree(tmp_path / "t", files)))
    inventory = build_inventory(evidence)
    assert inventory.kind == "software"
    weights = inventory.component("final_parameters")
    assert weights.status != "present"
    assert not any(e.url for e in weights.evidence)


def test_a_declared_kind_replaces_the_judgment_and_keeps_it() -> None:
    inventory = build_inventory(_hosted(LIBRARY_FILES), kind=DeclaredKind(kind="model", by="--kind"))
    assert inventory.kind == "model"
    assert inventory.facts is not None
    assert inventory.facts.kind.reason == f"kind set by --kind ({inventory.facts.kind_judged.reason})"
    assert inventory.facts.kind_judged.value == "software"


def _json(result: CliRun) -> dict:
    assert result.code == 0, result.stderr
    return json.loads(result.stdout)


def _finding(report: dict, criterion: str) -> dict:
    return next(f for f in report["findings"] if f["criterion"] == criterion)


def test_the_report_says_what_the_target_was_judged_as(run_cli: Callable[..., CliRun], tmp_path: Path) -> None:
    checkout = write_tree(tmp_path / "acme-lm", MODEL_FILES)
    report = _json(run_cli("score", str(checkout), "--offline", "--format", "json"))
    assert report["kind"] == {"kind": "model", "reason": report["kind"]["reason"], "judged": None, "judged_reason": None}
    assert report["kind"]["reason"].startswith("judged as a model release: training configs for 3 model sizes")
    markdown = run_cli("score", str(checkout), "--offline").stdout
    assert "**At a glance:** judged as a model release: training configs for 3 model sizes (1b, 7b, 13b), weights " \
           "linked under the same organisation (acmeai: AcmeAI owns the repository the README clones)" in markdown
    html = run_cli("score", str(checkout), "--offline", "--format", "html").stdout
    assert '<p class="kind">Judged as a model release: training configs for 3 model sizes' in html


def test_kind_flag_overrides_the_judgment_end_to_end(run_cli: Callable[..., CliRun], tmp_path: Path) -> None:
    checkout = write_tree(tmp_path / "trainlib", LIBRARY_FILES)
    judged = _json(run_cli("score", str(checkout), "--offline", "--format", "json"))
    assert judged["inventory"]["kind"] == "software"
    assert _finding(judged, "model-card")["status"] == "not_applicable"
    assert set(judged["frameworks"]) == {"pwc"}

    report = _json(run_cli("score", str(checkout), "--offline", "--kind", "model", "--format", "json"))
    assert report["inventory"]["kind"] == "model" and report["profile"]["kind"] == "model"
    assert report["kind"]["reason"].startswith("kind set by --kind (judged as software: a library")
    assert report["kind"]["judged"] == "software"
    assert _finding(report, "model-card")["status"] != "not_applicable"
    assert {"mof", "osaid", "osai"} <= set(report["frameworks"])
    markdown = run_cli("score", str(checkout), "--offline", "--kind", "model").stdout
    assert "**At a glance:** kind set by --kind (judged as software: a library" in markdown


def test_kind_in_project_config_overrides_the_judgment(run_cli: Callable[..., CliRun], tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    checkout = write_tree(tmp_path / "acme-lm", {**MODEL_FILES, "pyproject.toml": "[tool.openness]\nkind = 'software'\n"})
    monkeypatch.chdir(checkout)
    report = _json(run_cli("score", str(checkout), "--offline", "--format", "json"))
    assert report["inventory"]["kind"] == "software" and report["kind"]["judged"] == "model"
    assert report["kind"]["reason"] == (f'kind set by kind = "software" in {checkout / "pyproject.toml"} '
                                        f'({report["kind"]["judged_reason"]})')
    assert _finding(report, "weights-available")["status"] == "not_applicable"
    flagged = _json(run_cli("score", str(checkout), "--offline", "--kind", "dataset", "--format", "json"))
    assert flagged["inventory"]["kind"] == "dataset" and flagged["kind"]["reason"].startswith("kind set by --kind")


def test_the_kind_flag_is_in_the_help(run_cli: Callable[..., CliRun]) -> None:
    assert "--kind" in run_cli("score", "--help").stdout


def test_hub_ids_that_code_loads_are_weights_of_their_organisation() -> None:
    library = ("# tune\n\n## Fine-tuning\n\n```bash\npython train.py --model_name_or_path meta-llama/Llama-2-7b-hf \\\n"
               "  --output_dir out/llama\n```\n")
    inventory = build_inventory(_hosted({"README.md": library, "requirements.txt": "torch\n", "train.py": ""},
                                        id_="tune-org/tune"))
    assert inventory.kind == "software" and inventory.component("final_parameters").status == "absent"
    release = "# M\n\n```python\nmodel = AutoModel.from_pretrained(\"acme/m-7b\")\n```\n"
    own = build_inventory(_hosted({"README.md": release}, id_="acme/m"))
    weights = own.component("final_parameters")
    assert own.kind == "model" and weights.status == "present"
    assert weights.evidence[0].url == "https://huggingface.co/acme/m-7b"
    unknown_owner = build_inventory(_hosted({"README.md": release}, kind="local", id_="m"))
    assert unknown_owner.component("final_parameters").status != "present"  # no owner to compare with: not judged


def test_model_sizes_chosen_by_a_flag_make_ml_code_a_model_release() -> None:
    readme = "# lm\n\n## Train\n\n```bash\npython main.py --model_size 1b\npython main.py --model-size=7B\n```\n"
    inventory = build_inventory(_hosted({"README.md": readme, "requirements.txt": "jax\n", "main.py": ""}, id_="a/lm"))
    assert inventory.kind == "model"
    assert inventory.facts is not None and inventory.facts.kind.reason == \
        "judged as a model release: --model_size values for 2 model sizes (1b, 7b)"
