"""Model-card front matter and section detection (``openness.cards``)."""

from __future__ import annotations

import json

import pytest

from openness.cards import CardMetadataError, section_coverage, sections, split_front_matter

from .conftest import SHARED
from .models import TINY_CARD


def covered(text: str) -> set[str]:
    return {name for name, section in section_coverage(text).items() if section is not None}


def test_a_complete_card_covers_every_section_but_environment() -> None:
    assert covered(TINY_CARD) == {"intended_use", "limitations_bias", "training_data", "training_procedure",
                                  "evaluation_results", "citation"}


def test_front_matter_is_read_like_the_hub() -> None:
    data, body = split_front_matter("\n---\nlicense: mit\n---\n# Title\n")
    assert data == {"license": "mit"} and body == "# Title\n"
    assert split_front_matter("# no front matter\n") == (None, "# no front matter\n")
    with pytest.raises(CardMetadataError, match="invalid YAML front matter at line"):
        split_front_matter("---\ntags: [open\n---\n")
    with pytest.raises(CardMetadataError, match="not a YAML mapping"):
        split_front_matter("---\n- a\n- b\n---\n")


def test_comments_in_code_blocks_are_not_headings() -> None:
    card = "# Model\n\n```python\n# Compute token embeddings with enough text to look like content\nx = 1\n```\n"
    assert [s.heading for s in sections(card)] == ["Model"]
    assert covered(card) == set()


def test_placeholders_and_template_text_do_not_count() -> None:
    card = ("## Bias, Risks, and Limitations\n\n<!-- This section is meant to convey limitations. -->\n\n"
            "[More Information Needed]\n\n## Environmental Impact\n\n- **Hardware Type:** [More Information Needed]\n"
            "- **Hours used:** [More Information Needed]\n\n## Training data\n\nMore information needed\n")
    assert covered(card) == set()


def test_a_pointer_to_the_paper_is_not_a_result() -> None:
    pointer = "## Evaluation results\n\nFor evaluation results we refer to tables 2 and 5 of the original paper.\n"
    numbers = "## Evaluation results\n\nThe model reaches an AP of **42.0** on COCO 2017 validation.\n"
    assert "evaluation_results" not in covered(pointer)
    assert "evaluation_results" in covered(numbers)


def test_combined_heading_needs_each_topic_in_its_body() -> None:
    uses_only = "## Intended uses & limitations\n\nYou can use the raw model for image classification on photos.\n"
    both = ("## Intended uses & limitations\n\nUse it for image classification. It is biased towards "
            "Western imagery and should not be used for surveillance.\n")
    assert covered(uses_only) == {"intended_use"}
    assert covered(both) == {"intended_use", "limitations_bias"}


def test_subsections_belong_to_their_heading() -> None:
    card = "## Training Data\n\n### Preprocessing\n\nTexts are normalized with moses scripts and tokenized with SentencePiece.\n"
    assert covered(card) == {"training_data", "training_procedure"}


def test_labels_and_key_bullets() -> None:
    card = ("**Carbon Footprint** Pretraining used 3.3M GPU hours; estimated emissions were 539 tCO2eq.\n\n"
            "- Dataset: ImageNet-1k\n\n**Cite as:** BigScience, BLOOM, May 2021-May 2022\n")
    assert covered(card) == {"environmental_impact", "training_data", "citation"}


def test_trainer_results_line_counts_as_evaluation() -> None:
    card = ("# m\n\nIt achieves the following results on the evaluation set:\n- Loss: 1.8518\n\n"
            "## Model description\n\nMore information needed\n")
    assert covered(card) == {"evaluation_results"}


def test_agreement_with_the_labelled_real_cards() -> None:
    cards = SHARED / "fixtures" / "cards"
    if not (cards / "labels.json").is_file():
        pytest.skip("../shared/fixtures/cards is absent")
    labels = json.loads((cards / "labels.json").read_text(encoding="utf-8"))
    agree = total = 0
    for record in labels:
        found = covered((cards / record["file"]).read_bytes().decode("utf-8", errors="replace"))
        for name, truth in record["sections"].items():
            agree += (name in found) == truth
            total += 1
    assert agree / total >= 0.93  # 96.0 % when measured; benchmarks/cards.py prints the detail
