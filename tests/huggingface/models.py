"""Hand-made Hub repositories in the real shapes, for tests that always run."""

from __future__ import annotations

import json
from typing import Any

from .fakehub import FakeHub, FakeRepo

TINY_CARD = """---
license: apache-2.0
datasets:
- acme/tiny-corpus
base_model: acme/tiny-base
language: en
tags:
- text-generation
- arxiv:2401.12345
---

# Tiny LLM

A small causal language model. Code: https://github.com/acme/tiny-llm
(built with https://github.com/huggingface/transformers).

## Intended uses & limitations

Research on small language models; English text generation. Not for production use.

## Bias, Risks, and Limitations

The model reproduces biases present in web text and can produce false statements.

## Training data

Trained on [acme/tiny-corpus](https://huggingface.co/datasets/acme/tiny-corpus), 2B tokens of English web text.

## Training procedure

### Training hyperparameters

- learning_rate: 3e-4
- batch size: 512 sequences of 2048 tokens

## Evaluation

| benchmark | score |
|---|---|
| hellaswag | 41.2 |

## Citation

```bibtex
@article{acme2024tiny, title={Tiny LLM}, journal={arXiv preprint arXiv:2401.12345}}
```
"""

APACHE = "Apache License\nVersion 2.0, January 2004\nhttp://www.apache.org/licenses/\n\nTERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION\n"
CONFIG = json.dumps({"architectures": ["LlamaForCausalLM"], "model_type": "llama", "hidden_size": 512})
SHA_TINY = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"


def tiny_model(**overrides) -> FakeRepo:
    """A fully open model: card, licence, config, safetensors and pickle weights, step branches."""
    fields = dict(
        id="acme/tiny-llm",
        sha=SHA_TINY,
        files={
            ".gitattributes": b"*.safetensors filter=lfs diff=lfs merge=lfs -text\n",
            "README.md": TINY_CARD.encode(),
            "LICENSE": APACHE.encode(),
            "config.json": CONFIG.encode(),
            "generation_config.json": b"{}",
            "model.safetensors": 2_000_000_000,
            "pytorch_model.bin": 2_000_000_000,
        },
        info={"library_name": "transformers", "pipeline_tag": "text-generation",
              "tags": ["transformers", "safetensors", "llama", "text-generation", "license:apache-2.0",
                       "dataset:acme/tiny-corpus", "arxiv:2401.12345", "base_model:acme/tiny-base"],
              "cardData": {"license": "apache-2.0", "datasets": ["acme/tiny-corpus"], "base_model": "acme/tiny-base"},
              "config": {"architectures": ["LlamaForCausalLM"], "model_type": "llama"},
              "safetensors": {"parameters": {"BF16": 1_000_000_000}, "total": 1_000_000_000}},
        branches=["main", "step1000", "step2000"],
        tags=["v1.0"],
    )
    fields.update(overrides)
    return FakeRepo(**fields)


CHECKPOINTS = """
## Checkpoints

Intermediate checkpoints are branches of this repository: `from_pretrained("acme/tiny-llm", revision="step1000")`.
"""


def tiny_model_with_checkpoints(**overrides) -> FakeRepo:
    """The tiny model whose card says where its checkpoints are, so the fetcher reads the refs too."""
    model = tiny_model(**overrides)
    model.files["README.md"] = model.files["README.md"] + CHECKPOINTS.encode()  # type: ignore[operator]
    return model


def tiny_model_read_in_full(**overrides) -> FakeRepo:
    """The tiny model that costs every request a model can: its card names its checkpoints (the refs)
    and leaves its terms to its LICENSE file (``license: other``, ``license_link: LICENSE``), and its
    info carries no config (``config.json`` is read too)."""
    card = {"license": "other", "license_name": "tiny-licence", "license_link": "LICENSE",
            "datasets": ["acme/tiny-corpus"], "base_model": "acme/tiny-base"}
    base = tiny_model().info
    info = {**{k: v for k, v in base.items() if k != "config"}, "cardData": card,
            "tags": [t.replace("license:apache-2.0", "license:other") for t in base["tags"]]}
    text = TINY_CARD.replace("license: apache-2.0", "license: other\nlicense_name: tiny-licence\nlicense_link: LICENSE")
    model = tiny_model(**{"info": info, **overrides})
    model.files["README.md"] = (text + CHECKPOINTS).encode()
    return model


def tiny_corpus() -> FakeRepo:
    card = "---\nlicense: cc-by-4.0\ntask_categories:\n- text-generation\n---\n\n# Tiny corpus\n\n2B tokens of English web text, deduplicated.\n"
    return FakeRepo(id="acme/tiny-corpus", kind="dataset", sha="b" * 40,
                    files={"README.md": card.encode(), "data/train-00000.parquet": 500_000_000},
                    info={"cardData": {"license": "cc-by-4.0"}, "tags": ["license:cc-by-4.0"]})


def tiny_base() -> FakeRepo:
    card = "---\nlicense: apache-2.0\n---\n\n# Tiny base\n\nThe base model. See https://github.com/acme/other-thing\n"
    return FakeRepo(id="acme/tiny-base", sha="c" * 40,
                    files={"README.md": card.encode(), "model.safetensors": 2_000_000_000},
                    info={"cardData": {"license": "apache-2.0"}, "tags": ["license:apache-2.0"]})


def add_bundle(hub: FakeHub) -> None:
    hub.add(tiny_model_with_checkpoints())
    hub.add(tiny_corpus())
    hub.add(tiny_base())


DESCRIBED_CONFIG = {"architectures": ["LlamaForCausalLM"], "model_type": "llama", "hidden_size": 512,
                    "intermediate_size": 1376, "num_hidden_layers": 8, "num_attention_heads": 8,
                    "vocab_size": 32000, "max_position_embeddings": 2048, "rope_theta": 10000.0,
                    "torch_dtype": "bfloat16", "tie_word_embeddings": False, "bos_token_id": 1,
                    "rope_scaling": None, "quantization_config": {"bits": 4}}
"""A config with settings of the architecture and keys that are not (token ids, nested and null values)."""
DESCRIBED_CARD = TINY_CARD.replace("base_model: acme/tiny-base\n", """base_model: acme/tiny-base
co2_eq_emissions:
  emissions: 540000
  source: CodeCarbon
  training_type: pre-training
""").replace("## Citation", """## Environmental impact

Pre-training used 1.2 MWh on 8 A100 GPUs for 96 hours; fine-tuning took another 30 kWh.
The cluster draws 4 MW at peak, and serving the model costs an unmeasured amount.
Estimated emissions: 540 kg CO2eq.

## Citation""")
"""The tiny card with ``co2_eq_emissions`` and an environmental-impact section stating energy by phase."""


def described_model() -> FakeRepo:
    """The tiny model with a config that states its hyperparameters and a card that states its energy."""
    files = {**tiny_model().files, "README.md": DESCRIBED_CARD.encode(),
             "config.json": json.dumps(DESCRIBED_CONFIG).encode()}
    return tiny_model(files=files)


DESCRIBED_CORPUS_CARD = """---
license: cc-by-4.0
task_categories:
- text-generation
---

# Tiny corpus

2B tokens of English web text, deduplicated.

## Uses

### Direct Use

Pre-training small English language models for research.

## Bias, Risks, and Limitations

### Discussion of Biases

News sites from the United States are over-represented; other English varieties are rare.

### Other Known Limitations

English only.
"""


def described_corpus(**overrides) -> FakeRepo:
    """The tiny corpus with a card that states its intended use and biases, and Croissant metadata."""
    fields = dict(id="acme/tiny-corpus", kind="dataset", sha="b" * 40,
                  files={"README.md": DESCRIBED_CORPUS_CARD.encode(), "data/train-00000.parquet": 500_000_000},
                  info={"cardData": {"license": "cc-by-4.0", "task_categories": ["text-generation"]},
                        "tags": ["license:cc-by-4.0", "task_categories:text-generation", "modality:text",
                                 "format:parquet"]},
                  croissant={"rai:dataBiases": "Crawled pages favour popular websites.",
                             "rai:dataUseCases": "Language-model pre-training."})
    fields.update(overrides)
    return FakeRepo(**fields)


def add_described_bundle(hub: FakeHub) -> None:
    """The bundle whose model states its hyperparameters and energy and whose dataset its use and biases."""
    hub.add(described_model())
    hub.add(described_corpus())
    hub.add(tiny_base())


COMMUNITY_LICENCE = """META LLAMA 3 COMMUNITY LICENSE AGREEMENT
Meta Llama 3 Version Release Date: April 18, 2024

"Llama Materials" means, collectively, the foundational large language models and software and
algorithms, including machine-learning model code, trained model weights, inference-enabling code,
training-enabling code, fine-tuning enabling code and Documentation made available under this Agreement.

1. License Rights and Redistribution.
a. Grant of Rights. You are granted a non-exclusive, worldwide, non-transferable and royalty-free limited
license to use, reproduce, distribute, copy, create derivative works of, and make modifications to the
Llama Materials.
b. Redistribution and Use. If you distribute or make available the Llama Materials, you shall provide a
copy of this Agreement and prominently display "Built with Meta Llama 3".
iv. Your use of the Llama Materials must comply with applicable laws and regulations and adhere to the
Acceptable Use Policy for the Llama Materials, which is hereby incorporated by reference into this Agreement.
v. You will not use the Llama Materials or any output or results of the Llama Materials to improve any
other large language model.

2. Additional Commercial Terms. If, on the Meta Llama 3 version release date, the monthly active users of
the products or services made available by or for Licensee, or Licensee's affiliates, is greater than
700 million monthly active users in the preceding calendar month, you must request a license from Meta.
"""

ACCEPTABLE_USE = """# Meta Llama 3 Acceptable Use Policy

You agree you will not use, or allow others to use, Meta Llama 3 to:
1. Violate the law or others' rights.
2. Engage in, promote, incite, facilitate, or assist in the planning or development of activities that
   present a risk of death or bodily harm to individuals.
3. Intentionally deceive or mislead others.
4. Fail to appropriately disclose to end users any known dangers of your AI system.
"""

GATED_FIELDS = {"First Name": "text", "Last Name": "text", "Date of birth": "date_picker", "Country": "country",
                "Affiliation": "text", "By clicking Submit below I accept the terms of the license": "checkbox"}

COMMUNITY_CARD = """---
language:
- en
pipeline_tag: text-generation
tags:
- llama
- llama-3
license: llama3
extra_gated_prompt: |-
""" + "".join(f"  {line}\n" if line else "\n" for line in ("### " + COMMUNITY_LICENCE).splitlines()) + """\
extra_gated_fields:
""" + "".join(f"  {name}: {kind}\n" for name, kind in GATED_FIELDS.items()) + """\
extra_gated_button_content: Submit
---

## Model Details

Acme Llama 3 8B Instruct is a dialogue fine-tune of a Llama 3 8B base model, released under the
Meta Llama 3 Community License (see LICENSE) and its Acceptable Use Policy (USE_POLICY.md).

**Model Architecture** An auto-regressive language model with an optimized transformer
architecture (grouped-query attention, 8k context). Code: https://github.com/acme-ai/llama3-kit

**Training Data** A new mix of publicly available online data, 15T tokens; the fine-tuning data
include publicly available instruction datasets and over 10M human-annotated examples.

## Intended Use

**Intended Use Cases** Commercial and research use in English; assistant-like chat.

**Out-of-scope** Use in any manner that violates applicable laws or the Acceptable Use Policy.

## Hardware and Software

Pretraining used a cumulative 1.3M GPU hours on H100-80GB hardware; estimated emissions 390 tCO2eq.

## Benchmarks

| Benchmark | Acme Llama 3 8B Instruct |
|---|---|
| MMLU (5-shot) | 68.4 |
| HumanEval (0-shot) | 62.2 |

## Responsibility & Safety

The model can produce inaccurate, biased or objectionable responses. Developers should perform
safety testing and tuning tailored to their applications before deploying it.
"""

SHA_COMMUNITY = "dddddddddddddddddddddddddddddddddddddddd"


def community_licensed_model(**overrides) -> FakeRepo:
    """A gated model under a Llama-style community licence (700 M monthly-user threshold, an acceptable-use
    policy over weights and code): only the card is public, as on the Hub."""
    shards = {f"model-0000{n}-of-00004.safetensors": 4_900_000_000 for n in range(1, 5)}
    fields: dict[str, Any] = dict(
        id="acme-ai/Acme-Llama-3-8B-Instruct",
        sha=SHA_COMMUNITY,
        gated="manual",
        public_files=("README.md", ".gitattributes"),
        files={
            ".gitattributes": b"*.safetensors filter=lfs diff=lfs merge=lfs -text\n",
            "README.md": COMMUNITY_CARD.encode(),
            "LICENSE": COMMUNITY_LICENCE.encode(),
            "USE_POLICY.md": ACCEPTABLE_USE.encode(),
            "config.json": CONFIG.encode(),
            "generation_config.json": b"{}",
            "model.safetensors.index.json": b'{"weight_map": {}}',
            **shards,
            "original/consolidated.00.pth": 16_000_000_000,
            "original/params.json": b'{"dim": 4096}',
            "original/tokenizer.model": 2_200_000,
            "tokenizer.json": 9_000_000,
            "tokenizer_config.json": b"{}",
            "special_tokens_map.json": b"{}",
        },
        info={"library_name": "transformers", "pipeline_tag": "text-generation",
              "tags": ["transformers", "safetensors", "llama", "text-generation", "llama-3", "conversational",
                       "en", "license:llama3"],
              "cardData": {"language": ["en"], "license": "llama3", "tags": ["llama", "llama-3"],
                           "extra_gated_prompt": "### " + COMMUNITY_LICENCE,
                           "extra_gated_fields": GATED_FIELDS, "extra_gated_button_content": "Submit"},
              "config": {"architectures": ["LlamaForCausalLM"], "model_type": "llama"},
              "safetensors": {"parameters": {"BF16": 8_030_261_248}, "total": 8_030_261_248}},
    )
    fields.update(overrides)
    return FakeRepo(**fields)
