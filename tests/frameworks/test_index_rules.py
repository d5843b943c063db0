"""The European index's rules that read what the texts say: weight diffs, which linked datasets are
training data, example inputs, and licences judged over what is released."""

from __future__ import annotations

from pathlib import Path

from openness import api

from ..licenses.license_texts import MIT_TEXT

CLONE = "git clone https://github.com/acme/alpaca\n\n"


def release(root: Path, readme: str, files: dict[str, str] | None = None) -> Path:
    """A model repository of acme named ``alpaca``: a training script, a licence and ``readme``."""
    root.mkdir(parents=True)
    for relative, text in {"README.md": readme, "LICENSE": MIT_TEXT, "train.py": "print('train')\n",
                           **(files or {})}.items():
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text(text, encoding="utf-8")
    return root


def index_row(root: Path, dimension: str):
    return api.score(str(root), kind="model").frameworks["osai"].row(dimension)


def test_weights_released_only_as_a_diff_are_partial(tmp_path):
    readme = ("# Alpaca\n\n" + CLONE + "## Weights\n\nDownload the weights from "
              "https://huggingface.co/acme/alpaca-7b-wdiff and apply them to the base model.\n")
    root = release(tmp_path / "alpaca", readme)
    assert api.score(str(root), kind="model").inventory.facts.stated("weights_delta")  # a fact, for every reader
    row = index_row(root, "weights_endmodel")
    assert row.value == "partial" and "only as a difference from the base model's weights" in row.reason
    assert row.evidence[0].url == "https://huggingface.co/acme/alpaca-7b-wdiff"
    full = readme.replace("alpaca-7b-wdiff", "alpaca-7b")
    assert index_row(release(tmp_path / "full" / "alpaca", full), "weights_endmodel").value == "open"


def test_a_dataset_linked_in_prose_is_training_data_only_where_the_text_says_so(tmp_path):
    evaluation = ("# Alpaca\n\n## Evaluation\n\nWe evaluate on "
                  "[questions](https://huggingface.co/datasets/acme/questions).\n")
    news = "# Alpaca\n\nWe released [chats](https://huggingface.co/datasets/acme/chats), a dataset of dialogues.\n"
    training = "# Alpaca\n\n## Fine-tuning\n\nFine-tuned on [chats](https://huggingface.co/datasets/acme/chats).\n"
    for name, readme in (("evaluation", evaluation), ("news", news)):
        inventory = api.score(str(release(tmp_path / name, readme)), kind="model").inventory
        assert inventory.component("datasets").status == "absent", name
    inventory = api.score(str(release(tmp_path / "training", training)), kind="model").inventory
    assert [ref.note for ref in inventory.component("datasets").evidence] == ["dataset acme/chats"]


def test_one_picture_inside_a_dataset_repository_is_an_example_input_not_a_dataset(tmp_path):
    readme = ("# Alpaca\n\n## Training\n\nTry it on https://huggingface.co/datasets/someone/random_img/resolve/"
              "main/yosemite.png after training.\n")
    inventory = api.score(str(release(tmp_path / "alpaca", readme)), kind="model").inventory
    assert inventory.component("datasets").status == "absent"


def test_licences_are_judged_over_what_is_released_and_unknown_when_unread(tmp_path):
    own_weights = release(tmp_path / "own" / "alpaca", "# Alpaca\n\n" + CLONE, {"model.safetensors": "weights"})
    row = index_row(own_weights, "licenses")
    assert row.value == "open" and row.reason.endswith("not released: data")
    linked = release(tmp_path / "linked" / "alpaca", "# Alpaca\n\n" + CLONE
                     + "Download the weights from https://huggingface.co/acme/alpaca-7b.\n")
    row = index_row(linked, "licenses")
    # The repository's MIT licence does not cover weights published on the Hub: open or closed depends on them.
    assert row.value == "unknown" and "weights (published elsewhere; its own licence was not read)" in row.reason


def test_model_definition_code_documents_the_architecture_a_config_does_not(tmp_path):
    config = {"config.json": '{"architectures": ["LlamaForCausalLM"]}'}
    readme = "# Alpaca\n\nTrained on 8 A100 GPUs.\n"
    row = index_row(release(tmp_path / "config", readme, config), "hardware_architecture")
    assert row.value == "partial" and "architecture not documented" in row.reason
    row = index_row(release(tmp_path / "code", readme, {**config, "modeling_alpaca.py": "class Alpaca: ...\n"}),
                    "hardware_architecture")
    assert row.value == "open" and any(ref.path == "modeling_alpaca.py" for ref in row.evidence)


def test_results_shown_as_figures_count_badges_and_hidden_ones_do_not(tmp_path):
    def results(name: str, readme: str) -> str:
        return api.score(str(release(tmp_path / name, readme)), kind="model").inventory.component(
            "evaluation_results").status
    assert results("figure", "# Alpaca\n\n## Results\n\n![accuracy per task](plots/accuracy.png)\n") == "present"
    assert results("caption", "# Alpaca\n\n## Overview\n\n![Results on CIFAR-10](exps.png)\n") == "present"
    assert results("badge", "# Alpaca\n\n## Results\n\n![score](https://img.shields.io/badge/score-9-green)\n") \
        == "absent"
    assert results("hidden", "# Alpaca\n\n<!--\n## Results\n<img src='r.png'>\n-->\n") == "absent"
    assert results("teaser", "# Alpaca\n\n## Experiments\n\n![Concept](teaser.jpg)\n") == "absent"


def test_a_datasheet_is_open_only_when_it_answers_most_of_the_datasheet_questions(tmp_path):
    brief = "# Data\n\n## Dataset Structure\n\nOne JSON line per example.\n\n## Licensing Information\n\nCC-BY-4.0.\n"
    full = brief + "".join(f"\n## {h}\n\nText.\n" for h in ("Motivation", "Collection process", "Uses", "Maintenance"))
    row = index_row(release(tmp_path / "brief", "# Alpaca\n", {"datasheet.md": brief}), "datasheet")
    assert row.value == "partial" and "answers 2 of the datasheet's 7 question groups (composition, distribution)" \
        in row.reason
    row = index_row(release(tmp_path / "full", "# Alpaca\n", {"datasheet.md": full}), "datasheet")
    assert row.value == "open" and "6 of the datasheet's 7 question groups" in row.reason


def test_a_base_model_named_in_prose_is_a_base_model_of_its_own_not_read(tmp_path):
    readme = "# Alpaca\n\nThe Alpaca model is fine-tuned from a 7B LLaMA model on 52K instructions.\n"
    assessment = api.score(str(release(tmp_path / "alpaca", readme)), kind="model")
    base = assessment.inventory.facts.base_model.value
    assert base is not None and (base.id, base.stated_in, base.member) == ("LLaMA", "README.md:3", None)
    for dimension in ("weights_basemodel", "datasources_basemodel"):
        row = assessment.frameworks["osai"].row(dimension)
        assert row.value == "unknown" and "base model LLaMA, named in README.md:3, was not read" in row.reason
    plain = "# Alpaca\n\nThe training loop is based on the PyTorch examples; the chat model is fine-tuned from Alpaca.\n"
    assert api.score(str(release(tmp_path / "plain" / "alpaca", plain)), kind="model").inventory.facts.base_model.value \
        is None


def test_a_bibtex_entry_of_the_own_paper_in_a_proceedings_is_a_peer_reviewed_paper(tmp_path):
    entry = ("# Alpaca\n\n## Citation\n\n```bibtex\n@inproceedings{alpaca2024,\n  title={Alpaca},\n"
             "  booktitle={Proceedings of the 2024 Conference of the North American Chapter of the ACL},\n"
             "  year={2024}\n}\n```\n")
    row = index_row(release(tmp_path / "proceedings", entry), "paper")
    assert row.value == "open" and "published in Proceedings of the 2024 Conference" in row.evidence[0].note
    preprint = entry.replace("@inproceedings", "@article").replace(
        "booktitle={Proceedings of the 2024 Conference of the North American Chapter of the ACL}",
        "journal={arXiv preprint arXiv:2401.00001}")
    assert index_row(release(tmp_path / "preprint", preprint), "paper").value == "closed"


def test_datasheet_questions_are_answered_by_headings_not_by_comments_in_code(tmp_path):
    brief = "# Data\n\n## Dataset Structure\n\nOne JSON line per example.\n\n## Licensing Information\n\nCC-BY-4.0.\n"
    commented = brief + "\n```bash\n# Motivation\n# Collection process\n# Uses\n# Maintenance\npython build.py\n```\n"
    row = index_row(release(tmp_path / "commented", "# Alpaca\n", {"datasheet.md": commented}), "datasheet")
    assert row.value == "partial" and "answers 2 of the datasheet's 7 question groups" in row.reason
