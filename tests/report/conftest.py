"""Hand-made checkouts for the reporter tests: a decent model, and one whose card attacks the report."""

from __future__ import annotations

from pathlib import Path

import pytest

from openness import api
from openness.assessment import Assessment

from ..conftest import MIT_TEXT, write_tree

PWNED = "document.title='PWNED';window.__pwned=1"

GOOD_CARD = """---
license: apache-2.0
datasets:
- example-org/corpus
---
# Tiny model

## Intended use
Research on small language models, and teaching how they work end to end.

## Limitations and bias
It repeats biases of web text; do not use it for decisions about people.

## Training data
example-org/corpus: 10 GB of filtered English web pages, documented in DATA.md.

## Training procedure
AdamW, learning rate 3e-4, 10,000 steps on 8 GPUs.

## Evaluation results
| Benchmark | Accuracy |
|---|---|
| tiny-qa | 71.2 |

## Citation
@misc{tiny2025}
"""

HOSTILE_CARD = f"""---
license: mit
---
# Evil <script>{PWNED}</script> model

<script>{PWNED}</script>
<img src=x onerror="{PWNED}">
<img src="https://tracker.example/pixel.png" alt="logo">
![remote](https://tracker.example/md.png)
[click me](javascript:{PWNED})
<a href="javascript:{PWNED}">js link</a>
<a href="  JaVaScRiPt:{PWNED}">spaced js link</a>
<iframe src="https://evil.example/"></iframe>
<style>body {{ display: none }}</style>
<div style="position:fixed;inset:0;background:red" onclick="{PWNED}">overlay</div>
<svg onload="{PWNED}"><circle r="5"/></svg>
<details open ontoggle="{PWNED}"><summary>toggle</summary>hidden</details>
<form action="https://evil.example/"><input name="q" autofocus onfocus="{PWNED}"></form>
<meta http-equiv="refresh" content="0;url=https://evil.example/">
<link rel="stylesheet" href="https://evil.example/x.css">
<object data="https://evil.example/x.swf"></object>
<base href="https://evil.example/">

Plain text survives: **bold** and [a safe link](https://example.org/docs).
"""

APACHE_HEADER = "Apache License\nVersion 2.0, January 2004\nhttp://www.apache.org/licenses/\n"




@pytest.fixture
def good_repo(tmp_path: Path) -> Path:
    return write_tree(tmp_path / "tiny-model", {
        "README.md": GOOD_CARD,
        "config.json": '{"architectures": ["TinyForCausalLM"]}',
        "model.safetensors": b"\x00" * 32,
        "train.py": "print('train')\n",
        "requirements.txt": "torch==2.3.0\n",
    })


@pytest.fixture
def hostile_repo(tmp_path: Path) -> Path:
    """A model whose directory name, file names and card try to inject markup and script."""
    return write_tree(tmp_path / "evil<b>model", {
        "README.md": HOSTILE_CARD,
        "config.json": '{"architectures": ["EvilForCausalLM"]}',
        "model.safetensors": b"\x00" * 32,
        "train<img src=x onerror=alert(1)>.py": "print('train')\n",
        "requirements.txt": "torch\n",
    })


@pytest.fixture
def software_repo(tmp_path: Path) -> Path:
    """A small Python tool: no weights or data released, requirements partly pinned, no community files."""
    return write_tree(tmp_path / "tool", {
        "README.md": "# Tool\n\nA tool.\n\n## Installation\n\npip install tool\n",
        "LICENSE": MIT_TEXT,
        "src/tool/__init__.py": "x = 1\n",
        "tests/test_tool.py": "def test_x():\n    pass\n",
        "requirements.txt": "torch\nnumpy==1.0\n",
    })


@pytest.fixture
def good(good_repo: Path) -> Assessment:
    return api.score(str(good_repo))


@pytest.fixture
def hostile(hostile_repo: Path) -> Assessment:
    return api.score(str(hostile_repo))


@pytest.fixture
def software(software_repo: Path) -> Assessment:
    return api.score(str(software_repo))
