"""Components found by what they are: commands the README gives, tables of numbers, installation
sections, the release's own paper; and the near misses that are none of these.

Every case is a hand-written checkout read through the real local fetcher (``api``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from openness import api
from openness.evidence import Document, Evidence, FileEntry, Link, Member, TargetRef
from openness.inventory import Inventory, build_inventory

from .conftest import MIT_TEXT, write_tree

ML = {"LICENSE": MIT_TEXT, "requirements.txt": "torch==2.1.0\n"}


def _inventory(root: Path, readme: str, files: dict[str, str] | None = None) -> Inventory:
    write_tree(root, {"README.md": readme, **ML, **(files or {})})
    return build_inventory(api.fetch_evidence(str(root)))


# --- training and evaluation code from what the README tells a user to run -----------------

def test_a_research_repository_whose_training_is_main_py_named_in_the_readme(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "r", {**ML, "main.py": "import torch\n", "model.py": "",
                                       "README.md": "# Method\n\n## Training\n\n    python main.py --epochs 100\n"})
    result = api.score(str(root))
    training = result.inventory.component("training_code")
    assert training.status == "present"
    assert training.evidence[0].path == "main.py" and "README.md line 5" in (training.evidence[0].note or "")
    assert result.frameworks["pwc"].row("training").status == "pass"


def test_without_the_readme_command_main_py_is_not_training_code(tmp_path: Path) -> None:
    inventory = _inventory(tmp_path, "# Method\n\nA method.\n", {"main.py": ""})
    assert inventory.component("training_code").status == "absent"


@pytest.mark.parametrize(("command", "target"), [
    ("CUDA_VISIBLE_DEVICES=0 python main.py --lr 0.1", "main.py"),
    ("PYTHONPATH=. python -m pkg.train --config c.yaml", "pkg/train.py"),
    ("torchrun --nproc_per_node 8 main.py", "main.py"),
    ("accelerate launch --config_file a.yaml main.py", "main.py"),
    ("deepspeed --num_gpus 8 main.py --deepspeed ds.json", "main.py"),
    ("bash scripts/run.sh", "scripts/run.sh"),
    ("$ sh scripts/run.sh 0", "scripts/run.sh"),
    ("cd src && python3 main.py", "src/main.py"),
])
def test_training_commands_with_prefixes_and_launchers(tmp_path: Path, command: str, target: str) -> None:
    files = {"main.py": "", "src/main.py": "", "pkg/__init__.py": "", "pkg/train.py": "", "scripts/run.sh": ""}
    inventory = _inventory(tmp_path, f"# M\n\n## Training\n\n```bash\n{command}\n```\n", files)
    training = inventory.component("training_code")
    assert training.status == "present" and training.evidence[0].path == target


def test_inline_code_and_bare_command_lines_count(tmp_path: Path) -> None:
    inline = _inventory(tmp_path / "a", "# M\n\n## Training\n\nRun ``CUDA_VISIBLE_DEVICES=0 python main.py --lr 1`` <br>\n",
                        {"main.py": ""})
    assert inline.component("training_code").evidence[0].path == "main.py"
    bare = _inventory(tmp_path / "b", "# M\n\n## Training on one dataset:\n\npython BSS.py --gpu_id 0\n", {"BSS.py": ""})
    assert bare.component("training_code").evidence[0].path == "BSS.py"


def test_a_command_counts_only_when_what_it_runs_exists(tmp_path: Path) -> None:
    missing = _inventory(tmp_path / "a", "# M\n\n## Training\n\n```\npython main.py\n```\n")
    assert missing.component("training_code").status != "present"
    placeholder = _inventory(tmp_path / "b", "# M\n\n## Training\n\n```\npython path/to/main.py\n```\n", {"main.py": ""})
    assert placeholder.component("training_code").status != "present"


def test_the_job_comes_from_the_name_then_the_sentence_then_the_heading(tmp_path: Path) -> None:
    readme = ("# M\n\n## Usage\n\nTo generate the data:\n```\npython create_functions_datasets.py\n```\n"
              "Then run the method:\n```\npython modular_main.py --lr 1\n```\n\n"
              "## Testing on DAVIS\n\n```\npython track.py -d DAVIS\n```\n\n## Plots\n\n```\npython plot.py\n```\n")
    inventory = _inventory(tmp_path, readme, {"create_functions_datasets.py": "", "modular_main.py": "",
                                              "track.py": "", "plot.py": ""})
    assert [r.path for r in inventory.component("training_code").evidence] == ["modular_main.py"]
    assert [r.path for r in inventory.component("evaluation_code").evidence] == ["track.py"]
    assert [r.path for r in inventory.component("preprocessing_code").evidence] == ["create_functions_datasets.py"]


def test_reproducing_the_papers_results_is_training_and_evaluation(tmp_path: Path) -> None:
    inventory = _inventory(tmp_path, "# M\n\n## Experiments\n\nThe experiments reported in the paper can be "
                                     "reproduced with `exp_mnist.py`.\n", {"exp_mnist.py": ""})
    assert inventory.component("training_code").status == "present"
    assert inventory.component("evaluation_code").status == "present"


def test_console_scripts_named_for_the_job_are_training_and_evaluation_code(tmp_path: Path) -> None:
    pyproject = ('[project]\nname = "tool"\n\n[project.scripts]\ntool-train = "tool.main:run_train"\n'
                 'tool-eval = "tool.main:run_eval"\n')
    inventory = _inventory(tmp_path, "# Tool\n\n## Evaluating\n\n```bash\ntool-eval model task\n```\n",
                           {"pyproject.toml": pyproject, "tool/__init__.py": "", "tool/main.py": ""})
    assert inventory.component("training_code").evidence[0].path == "pyproject.toml"
    assert inventory.component("evaluation_code").evidence[0].path == "tool/main.py"


def test_readme_commands_are_the_commands_that_reproduce_results(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "r", {**ML, "train.py": "", "eval.py": "", "README.md": (
        "# M\n\n## Results\n\n| Model | Accuracy |\n|---|---|\n| ours | 91.2 |\n\n"
        "## Evaluation\n\n`python3 eval.py --ckpt best.pt`\n")})
    result = api.score(str(root))
    assert result.inventory.facts.claim("reproduction_commands").evidence[0].line == 11
    assert result.frameworks["pwc"].row("results").status == "pass"
    assert result.finding("results-reproducible").status == "pass"


# --- near misses -----------------------------------------------------------------------------

def test_vendored_and_unit_test_files_are_not_the_releases_evaluation_code(tmp_path: Path) -> None:
    inventory = _inventory(tmp_path, "# Lib\n", {"third_party/nccl/eval_bench.py": "", "vendor/x/metrics.py": "",
                                                 "tests/test_metrics.py": "", "node_modules/a/benchmark.js": ""})
    assert inventory.component("evaluation_code").status == "absent"
    own = _inventory(tmp_path / "b", "# Lib\n", {"evaluation/metrics.py": ""})
    assert own.component("evaluation_code").status == "present"


def test_a_tokenizer_is_not_data_preprocessing(tmp_path: Path) -> None:
    inventory = _inventory(tmp_path, "# M\n", {"tokenizer.py": "", "src/tokenization_bert.py": ""})
    assert inventory.component("preprocessing_code").status == "absent"
    assert _inventory(tmp_path / "b", "# M\n", {"tokenize_corpus.py": ""}).component("preprocessing_code").status == "present"


def test_npz_data_is_not_weights_but_named_checkpoints_are(tmp_path: Path) -> None:
    data = _inventory(tmp_path / "a", "# M\n", {"data/mnist_train.npz": "x", "data/features.npz": "x"})
    assert data.component("final_parameters").status == "absent"
    named = _inventory(tmp_path / "b", "# M\n", {"pretrained/vit_weights.npz": "x"})
    assert named.component("final_parameters").evidence[0].path == "pretrained/vit_weights.npz"
    tf = _inventory(tmp_path / "c", "# M\n", {"model_released/model.ckpt.data-00000-of-00001": "x"})
    assert tf.facts.weights.value and tf.facts.weights.value[0].format == "tensorflow_checkpoint"


@pytest.mark.parametrize("link", [
    "https://huggingface.co/ORG/MODEL", "https://example.com/model.zip", "https://huggingface.co/your-username/model",
])
def test_placeholders_are_never_weights(tmp_path: Path, link: str) -> None:
    inventory = _inventory(tmp_path, f"# M\n\n## Pre-trained models\n\nDownload the checkpoint from {link}\n")
    assert inventory.component("final_parameters").status != "present"


def test_file_host_links_are_weights_where_the_line_says_so_not_data(tmp_path: Path) -> None:
    weights = _inventory(tmp_path / "a", "# M\n\nDownload pretrained generators from "
                                         "[here](https://drive.google.com/open?id=1H_o90).\n")
    assert weights.component("final_parameters").evidence[0].url == "https://drive.google.com/open?id=1H_o90"
    data = _inventory(tmp_path / "b", "# M\n\n## Preprocessing\n\nPlease download the detection features from "
                                      "this [google drive](https://drive.google.com/drive/folders/1IX).\n"
                                      "Download the dataset's [source](https://data.lab.org/infimnist.tar.gz).\n")
    assert data.component("final_parameters").status == "absent"
    release = _inventory(tmp_path / "c", "# M\n\n#### Pre-trained models\nModel weights are available with this "
                                         "[release](https://github.com/acme/m/releases/tag/v0.1.0).\n")
    assert release.component("final_parameters").status == "present"


def test_file_links_in_a_section_providing_pretrained_networks_are_weights(tmp_path: Path) -> None:
    readme = ("# Verifier\n\nNetworks\n--------\n\nWe provide a number of pretrained MNIST feedforward and "
              "convolutional networks.\n\n| Model | Download |\n|---|---|\n"
              "| 3x50 | [get](https://files.lab.org/nets/mnist_relu_3_50.tf) |\n")
    assert _inventory(tmp_path, readme).component("final_parameters").status == "present"


# --- results tables by shape -------------------------------------------------------------------

def test_a_table_of_numbers_under_a_results_heading_is_results(tmp_path: Path) -> None:
    readme = "# M\n\n## Experimental results\n\n| Method | DAVIS | VIP |\n|:-:|:-:|:-:|\n| ours | 0.563 | 71.3 ± 0.4 |\n"
    results = _inventory(tmp_path, readme).component("evaluation_results")
    assert results.status == "present" and results.evidence[0].line == 5


def test_a_table_whose_header_names_metrics_is_results_under_any_heading(tmp_path: Path) -> None:
    readme = "# M\n\n## Instance segmentation on DAVIS\n\n| Method | J_mean | F_mean |\n|---|---|---|\n| Ours | 0.563 | 0.592 |\n"
    assert _inventory(tmp_path, readme).component("evaluation_results").status == "present"


def test_an_html_table_of_numbers_is_results(tmp_path: Path) -> None:
    readme = ("# M\n\nExperimental Results\n-----\n\n<table>\n<tr><td>Dataset</td><td>% Verified</td></tr>\n"
              "<tr><td>MNIST</td><td>97</td></tr>\n<tr><td>CIFAR10</td><td>50</td></tr>\n</table>\n")
    assert _inventory(tmp_path, readme).component("evaluation_results").status == "present"


@pytest.mark.parametrize("table", [
    "## Results\n\n| Hyperparameter | Value |\n|---|---|\n| learning rate | 0.001 |\n| epochs | 100 |\n",
    "## Models\n\n| Model | Size (MB) | Download |\n|---|---|---|\n| base | 420 | [link](https://x.org/a) |\n",
    "## Results\n\n| Dataset | Model | Activation |\n|---|---|---|\n| MNIST | ConvBig | ReLU |\n",
])
def test_settings_sizes_and_words_are_not_results(tmp_path: Path, table: str) -> None:
    assert _inventory(tmp_path, f"# M\n\n{table}").component("evaluation_results").status == "absent"


# --- installation: one rule ----------------------------------------------------------------------

@pytest.mark.parametrize("readme", [
    "# M\n\n## Prerequisites\n\n* PyTorch 1.1\n* tensorboardX\n",
    "# M\n\nRequirements\n------------\n\npython3.6 or higher, tensorflow 1.11\n",
    "# M\n\n### (1) Setup\nubuntu 16.04 + cuda 8.0\n",
    "# M\n\n## Getting started\n\n```\nconda env create -f environment.yml\n```\n",
    "# M\n\nRun this first:\n\n    pip install -r requirements.txt\n",
])
def test_installation_is_recognised_by_its_usual_headings_or_an_install_command(tmp_path: Path, readme: str) -> None:
    root = write_tree(tmp_path / "r", {"README.md": readme, "LICENSE": MIT_TEXT})
    result = api.score(str(root))
    install = result.inventory.facts.claim("install_section")
    assert install.value is not None and install.value.state == "stated"
    assert result.finding("install-instructions").status == "pass"


def test_an_installation_heading_that_names_nothing_to_install_is_not_instructions(tmp_path: Path) -> None:
    inventory = _inventory(tmp_path, "# M\n\nInstallation\n------------\n\nSimply copy relevant files to your project.\n")
    assert inventory.facts.claim("install_section").value.state == "absent"  # type: ignore[union-attr]


# --- the release's own paper and technical report ----------------------------------------------

@pytest.mark.parametrize("line", [
    "Paper: https://openreview.net/forum?id=abc123",
    "Official implementation of our [paper](https://ai.meta.com/research/publications/great-model/).",
    "Code for [Great Model](https://openaccess.thecvf.com/content/CVPR2023/html/Great.html) (CVPR 2023).",
    "If you find this code useful, please cite our [paper](https://papers.nips.cc/paper/8556-great).",
])
def test_the_releases_paper_on_venue_publisher_and_lab_pages(tmp_path: Path, line: str) -> None:
    paper = _inventory(tmp_path, f"# Great Model\n\n{line}\n\n## Usage\n\nx\n").component("research_paper")
    assert paper.status == "present" and paper.evidence[0].url and "github" not in paper.evidence[0].url


def test_papers_it_builds_on_are_not_its_own(tmp_path: Path) -> None:
    readme = ("# Tool\n\nThis code is based on [TPN](https://openreview.net/forum?id=tpn).\n\n## Usage\n\nx\n\n"
              "## Acknowledgements\n\nThanks to [X](https://aclanthology.org/2020.acl-main.1/).\n")
    assert _inventory(tmp_path, readme).component("research_paper").status != "present"


def test_a_technical_report_linked_as_such(tmp_path: Path) -> None:
    report = _inventory(tmp_path, "# M\n\nRead the [technical report](https://lab.org/reports/m.pdf).\n")
    component = report.component("technical_report")
    assert component.status == "present" and component.evidence[0].url == "https://lab.org/reports/m.pdf"


def test_names_say_the_job_as_a_word_and_notebooks_count(tmp_path: Path) -> None:
    words_inside = _inventory(tmp_path / "a", "# M\n", {"tf_verify/constraints.py": "", "install_geometric.sh": ""})
    assert words_inside.component("training_code").status == "absent"
    assert words_inside.component("evaluation_code").status == "absent"
    notebooks = _inventory(tmp_path / "b", "# M\n", {"notebooks/finetune_model.ipynb": "", "05_evaluate.py": ""})
    assert notebooks.component("training_code").evidence[0].path == "notebooks/finetune_model.ipynb"
    assert notebooks.component("evaluation_code").evidence[0].path == "05_evaluate.py"


def test_the_main_run_under_usage_trains_and_an_eval_option_makes_it_evaluate(tmp_path: Path) -> None:
    readme = "# M\n\n## Usage\n\nRun\n\n```\npython3 run_experiment.py --eval_objective test_tau --dataset compas\n```\n"
    inventory = _inventory(tmp_path, readme, {"run_experiment.py": ""})
    assert inventory.component("training_code").evidence[0].path == "run_experiment.py"
    assert inventory.component("evaluation_code").evidence[0].path == "run_experiment.py"
    plain = _inventory(tmp_path / "b", "# M\n\n## Run an experiment\n\n```\npython3 src/main.py --config=qmix\n```\n",
                       {"src/main.py": ""})
    assert plain.component("training_code").status == "present"
    assert plain.component("evaluation_code").status == "absent"


def test_an_installed_chat_command_is_not_the_main_training_run(tmp_path: Path) -> None:
    pyproject = '[project]\nname = "tool"\n\n[project.scripts]\ntool-chat = "tool.main:chat"\n'
    inventory = _inventory(tmp_path, "# Tool\n\n## Usage\n\n```sh\ntool-chat $MODEL --instruct\n```\n",
                           {"pyproject.toml": pyproject, "tool/__init__.py": "", "tool/main.py": ""})
    assert inventory.component("training_code").status == "absent"


def test_an_arxiv_link_in_a_pretrained_models_section_is_not_a_weights_file(tmp_path: Path) -> None:
    readme = "# M\n\nWe release pretrained language model weights.\nOur paper: https://arxiv.org/abs/1906.08230\n"
    assert _inventory(tmp_path, readme).component("final_parameters").status != "present"


def test_sampling_and_serving_commands_are_not_training(tmp_path: Path) -> None:
    readme = ("# Diffusion\n\n## Usage\n\nTo sample from the model, run the following:\n\n"
              "```\npython scripts/txt2img.py --prompt \"a horse\" --ckpt <path/to/model.ckpt>\n```\n\n"
              "## Chat\n\nRun\n\n```\npython3 -m app.serve.test_message --model m\n```\n")
    inventory = _inventory(tmp_path, readme, {"scripts/txt2img.py": "", "app/__init__.py": "",
                                              "app/serve/test_message.py": ""})
    assert inventory.component("training_code").status == "absent"
    assert inventory.component("evaluation_code").status == "absent"


def test_download_in_the_introduction_does_not_make_a_command_data_preparation(tmp_path: Path) -> None:
    readme = "# M\n\n## Training\n\nDownload the data first, then run\n\n```\npython main.py\n```\n"
    inventory = _inventory(tmp_path, readme, {"main.py": ""})
    assert inventory.component("training_code").evidence[0].path == "main.py"


def test_a_paper_the_documentation_merely_describes_is_not_its_own(tmp_path: Path) -> None:
    readme = ("# Library\n\nA library.\n\n## Usage\n\nx\n\n## Models\n\nThe transformer, as described in the original "
              "paper [Attention](https://arxiv.org/abs/1706.03762).\n")
    assert _inventory(tmp_path, readme).component("research_paper").status != "present"


def test_placeholder_links_are_never_evidence_even_when_a_source_passes_them_on() -> None:
    links = [Link(kind="hf_dataset", target="your-username/my-dataset", found_in="README.md"),
             Link(kind="hf_model", target="ORG/MODEL", found_in="card metadata: base_model")]
    evidence = Evidence(target=TargetRef(kind="local", id="r"), fetched_at="2025-11-26T00:00:00+00:00",
                        members=[Member(kind="local", id="r", links=links, files=[FileEntry(path="README.md", size=3)],
                                        documents=[Document(path="README.md", text="# M", size=3)])])
    inventory = build_inventory(evidence)
    assert inventory.component("datasets").status == "absent"
    assert inventory.facts.base_model.value is None


SOFTWARE_CFF = "cff-version: 1.2.0\ntitle: tool\ntype: software\nauthors:\n  - name: A\n"
PAPER_CFF = SOFTWARE_CFF + "preferred-citation:\n  type: conference-paper\n  title: Fast sampling\n  authors:\n    - name: A\n"


@pytest.mark.parametrize(("cff", "is_paper"), [(SOFTWARE_CFF, False), (PAPER_CFF, True)])
def test_a_citation_file_is_a_paper_only_when_it_prefers_a_paper(tmp_path: Path, cff: str, is_paper: bool) -> None:
    paper = _inventory(tmp_path, "# Tool\n\nA tool.\n", {"CITATION.cff": cff}).component("research_paper")
    assert (paper.status == "present") is is_paper
