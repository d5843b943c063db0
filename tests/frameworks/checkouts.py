"""Hand-made checkouts for the framework-lens tests, in the shape of real model repositories."""

from __future__ import annotations

from pathlib import Path

from ..licenses.license_texts import MIT_TEXT

MIT = MIT_TEXT

CARD = """---
license: {license}
datasets:
- example/corpus
tags:
- arxiv:2401.00001
---
# Example-1B

A small open language model, trained from scratch.

## Intended uses

Research on language modelling; not for production decisions about people.

## Limitations and bias

The model repeats biases of web text and can produce false statements.

## Training data

Trained on example/corpus, a deduplicated web crawl described in datasheet.md.

## Training procedure

Two epochs on 8x A100 GPUs for 30 hours; learning rate 3e-4 with cosine decay.

## Evaluation results

| task | accuracy |
|---|---|
| hellaswag | 41.2 |

Reproduce with:

```bash
python eval.py --task hellaswag
```

## Citation

```bibtex
@article{{example2024, title={{Example-1B}}, year={{2024}}}}
```
"""

FILES = {
    "config.json": '{"architectures": ["ExampleForCausalLM"], "model_type": "example"}',
    "model.safetensors": "weights",
    "checkpoints/step-1000/model.safetensors": "weights",
    "tokenizer.json": "{}",
    "train.py": "print('train')\n",
    "preprocess.py": "print('preprocess')\n",
    "eval.py": "print('eval')\n",
    "generate.py": "print('generate')\n",
    "eval_data/test.jsonl": "{}\n",
    "requirements.txt": "torch==2.3.0\ntransformers==4.44.0\n",
    "datasheet.md": "# Datasheet\n\nSources, collection, filtering and composition of example/corpus.\n",
    "technical_report.pdf": "%PDF",
}


def open_model(root: Path, license_id: str = "mit") -> Path:
    """A release with every MOF component: code, weights, checkpoints, data links, cards, report."""
    files = {**FILES, "README.md": CARD.format(license=license_id), "LICENSE": MIT if license_id == "mit" else license_id}
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root
