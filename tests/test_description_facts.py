"""The description facts bills of materials read: a model's hyperparameters and stated energy, and what a
dataset states of its intended use, biases, kinds of data and size. Nothing is read that is not stated."""

from __future__ import annotations

import json

import pytest

from openness.evidence import Croissant, Document, Evidence, FileEntry, Gap, HostFacts, Member, TargetRef
from openness.inventory import Signals, build_inventory
from openness.inventory.facts import DatasetDescription, Facts, ModelDescription


def _member(docs: dict[str, str], **fields) -> Member:
    return Member(kind="local", source_label="local checkout", id=fields.pop("id", "acme/m"),  # type: ignore[arg-type]
                  documents=[Document(path=p, text=t, size=len(t)) for p, t in docs.items()], **fields)


def _facts(*members: Member) -> Facts:
    evidence = Evidence(target=TargetRef(kind="local", id=members[0].id), fetched_at="2025-11-26T00:00:00+00:00",
                        members=list(members))
    facts = build_inventory(evidence, Signals(evidence)).facts
    assert facts is not None
    return facts


def _described(docs: dict[str, str]) -> ModelDescription:
    card = "---\nlicense: mit\n---\n# m\n\nA model.\n"
    value = _facts(_member({"README.md": card, **docs}, files=[FileEntry(path="model.safetensors", size=8)])
                   ).model_description.value
    return value or ModelDescription()  # known with None: nothing describes the model


def test_hyperparameters_are_the_architecture_settings_the_config_states() -> None:
    config = {"architectures": ["GPT2LMHeadModel"], "model_type": "gpt2", "n_embd": 768, "n_layer": 12,
              "n_head": 12, "n_positions": 1024, "vocab_size": 50257, "torch_dtype": "float32",
              "bos_token_id": 50256, "use_cache": True, "task_specific_params": {"text-generation": {}},
              "rope_scaling": None, "layer_norm_epsilon": 1e-05}
    described = _described({"config.json": json.dumps(config)})
    assert described.hyperparameters == {"vocab_size": "50257", "n_embd": "768", "n_layer": "12", "n_head": "12",
                                         "n_positions": "1024", "torch_dtype": "float32"}
    assert described.hyperparameters_ref is not None and described.hyperparameters_ref.path == "config.json"


@pytest.mark.parametrize("config", ['{"hidden_size": 5', "[1, 2]", '{"hidden_size": null, "vocab_size": [1]}',
                                    '{"_name_or_path": "x", "bos_token_id": 1}'])
def test_a_config_that_states_no_setting_gives_no_hyperparameters(config: str) -> None:
    described = _described({"config.json": config})
    assert described.hyperparameters == {} and described.hyperparameters_ref is None


def test_a_config_cut_short_gives_no_hyperparameters() -> None:
    text = '{"hidden_size": 512}'
    member = _member({"README.md": "# m\n\nA model.\n"}, files=[FileEntry(path="model.safetensors", size=8)])
    member = member.model_copy(update={"documents": [*member.documents, Document(
        path="config.json", text=text, size=10_000_000, truncated=True)]})
    described = _facts(member).model_description.value or ModelDescription()
    assert described.hyperparameters == {}


def _energy(section: str, heading: str = "Environmental impact") -> list[tuple[str, float, str, str]]:
    described = _described({"README.md": f"---\nlicense: mit\n---\n# m\n\nA model.\n\n## {heading}\n\n{section}\n"})
    return [(e.phase, e.quantity, e.unit, e.stated) for e in described.energy]


@pytest.mark.parametrize(("section", "expected"), [
    ("Training consumed an estimated 1,082,990 kWh of electricity.", [("training", 1082990, "kWh", "1,082,990 kWh")]),
    ("Pre-training used 1.2 MWh; inference costs 0.5 kWh per 1,000 queries.",
     [("training", 1200, "kWh", "1.2 MWh"), ("inference", 0.5, "kWh", "0.5 kWh")]),
    ("Fine-tuning took 30 kWh on one node.", [("finetuning", 30, "kWh", "30 kWh")]),
    ("Training needed 3 GJ.", [("training", 3000, "MJ", "3 GJ")]),
    ("| Training energy | 131 megawatt-hours |", [("training", 131000, "kWh", "131 megawatt-hours")]),
    ("Training used 2,500 Wh.", [("training", 2.5, "kWh", "2,500 Wh")]),
])
def test_energy_is_read_in_spdx_units_with_its_stated_phase(section: str, expected: list) -> None:
    assert _energy(section) == expected


@pytest.mark.parametrize("section", [
    "Electricity usage: 50 kWh.",  # no phase stated
    "Training: 8 GPUs of 400 W for 96 hours, on a 4 MW cluster.",  # power and time, not energy
    "Training emitted 12 kg CO2eq (12,000 g).",  # emissions are not energy
    "Training: **Estimated electricity usage:** *(Forthcoming.)*",
])
def test_energy_that_is_not_stated_in_a_unit_with_a_phase_is_not_guessed(section: str) -> None:
    assert _energy(section) == []


def test_the_sections_heading_gives_the_phase_a_line_does_not() -> None:
    assert _energy("About 50 MWh.", heading="Training energy") == [("training", 50000, "kWh", "50 MWh")]


def test_energy_keeps_the_line_it_was_read_at() -> None:
    card = "# m\n\nA model.\n\n## Carbon footprint\n\nHardware: A100.\n\nTraining used 5 MWh.\n"
    [use] = _described({"README.md": card}).energy
    assert use.ref.path == "README.md" and use.ref.line == 9


def test_training_sections_are_quoted_with_their_headings() -> None:
    card = ("# m\n\nA model.\n\n## Training data\n\nThe Pile, 300B tokens.\n\n"
            "## Training procedure\n\nAdamW, learning rate 3e-4.\n")
    quotes = _described({"README.md": card}).quotes
    assert (quotes["training_data"].heading, quotes["training_data"].text) == ("Training data", "The Pile, 300B tokens.")
    assert quotes["training_procedure"].text == "AdamW, learning rate 3e-4."


DATASET_CARD = """---
license: cc-by-4.0
task_categories: [text-to-image]
---
# Pictures

## Uses

Training text-to-image models for research.

## Considerations for Using the Data

### Discussion of Biases

Most captions are in English and most photos are from Europe.

### Other Known Limitations

Low resolution.
"""


def _dataset(card: str | None = DATASET_CARD, tags: tuple[str, ...] = (), rai: dict[str, str] | None = None,
             files: list[FileEntry] | None = None, gaps: list[Gap] | None = None) -> DatasetDescription | None:
    model = _member({"README.md": "# m\n\nA model.\n"}, files=[FileEntry(path="model.safetensors", size=8)])
    docs = {"README.md": card} if card is not None else {}
    card_data = {"task_categories": ["text-to-image"]} if card == DATASET_CARD else {}
    dataset = _member(docs, id="acme/pictures", role="dataset", content="dataset", card_data=card_data,
                      host=HostFacts(tags=list(tags)), files=files or [FileEntry(path="data/a.parquet", size=100)],
                      croissant=Croissant(url="https://hub/api/datasets/acme/pictures/croissant", rai=rai)
                      if rai is not None else None, gaps=gaps or [])
    return _facts(model, dataset).dataset_description("acme/pictures")


def test_a_dataset_card_states_intended_use_and_bias_and_its_task_gives_the_data_types() -> None:
    described = _dataset()
    assert described is not None
    assert described.intended_use is not None and described.intended_use.text == "Training text-to-image models for research."
    assert described.intended_use.ref.line == 7
    assert [q.text for q in described.known_bias] == ["Most captions are in English and most photos are from Europe."]
    assert described.types == ["text", "image"] and described.size == 100


def test_the_hosts_modality_tags_come_before_the_task_categories() -> None:
    described = _dataset(tags=("modality:image", "modality:3d", "format:parquet"))
    assert described is not None and described.types == ["image"]
    assert _dataset(card=None, tags=("modality:tabular",)).types == ["structured"]  # type: ignore[union-attr]


def test_croissant_fields_state_use_and_bias_beside_the_card() -> None:
    rai = {"rai:dataUseCases": "Image generation research.", "rai:dataBiases": "Few photos from Africa."}
    described = _dataset(rai=rai)
    assert described is not None and described.intended_use.text.startswith("Training text-to-image")  # type: ignore[union-attr]
    assert [q.text for q in described.known_bias][1:] == ["Few photos from Africa."]
    only_croissant = _dataset(card=None, rai=rai)
    assert only_croissant is not None and only_croissant.intended_use is not None
    assert only_croissant.intended_use.text == "Image generation research."
    assert "rai:dataUseCases" in (only_croissant.intended_use.ref.note or "")


def test_a_section_on_limitations_alone_is_no_known_bias() -> None:
    card = "# Pictures\n\n## Limitations\n\nLow resolution, and only 10,000 images in all.\n"
    described = _dataset(card=card)
    assert described is None or described.known_bias == []


@pytest.mark.parametrize(("files", "gaps"), [
    ([FileEntry(path="a.parquet", size=100), FileEntry(path="b.parquet")], []),
    ([FileEntry(path="a.parquet", size=100)], [Gap(what="tree", kind="truncated", reason="listing truncated")]),
])
def test_a_dataset_size_is_left_out_when_the_host_did_not_give_every_size(files: list[FileEntry], gaps: list[Gap]) -> None:
    described = _dataset(files=files, gaps=gaps)
    assert described is not None and described.size is None


def test_a_dataset_that_states_nothing_has_no_description() -> None:
    assert _dataset(card="# Pictures\n", files=[FileEntry(path="a.parquet")]) is None


def test_repeated_energy_lines_keep_their_own_line_numbers() -> None:
    card = ("# m\n\n## Environmental impact\n\n| phase | energy |\n|---|---|\n"
            "Training: 5 MWh\n\nNotes.\n\nTraining: 5 MWh\n")
    uses = _described({"README.md": card}).energy
    assert [use.ref.line for use in uses] == [7, 11]


def test_an_energy_label_with_its_text_beside_it_is_on_its_own_line() -> None:
    card = "# m\n\n## Environmental impact\n\n**Training energy:** 5 MWh\n"
    [use] = _described({"README.md": card}).energy
    assert use.ref.line == 5 and use.phase == "training"
