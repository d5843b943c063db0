"""File names that both the fetchers (which documents to read) and the inventory (what a document is) ask about.

Kept outside both stages so neither reaches into the other: one rule, read by both.
"""

from __future__ import annotations

import re

BOM_FILE = re.compile(r"(?:bom|[^/]+\.cdx|[^/]+\.spdx)\.json", re.IGNORECASE)
"""The names CycloneDX (``bom.json``, ``*.cdx.json``) and SPDX (``*.spdx.json``) recommend for JSON BOMs."""
EVAL_RESULTS_FILE = re.compile(r"\.eval_results/[^/]+\.ya?ml", re.IGNORECASE)
"""The Hub's evaluation results of a model: one YAML file per benchmark score."""


def is_bom_file(path: str) -> bool:
    """A bill of materials of the release: a BOM file at the repository root (``inventory.boms`` says why root only)."""
    return "/" not in path and bool(BOM_FILE.fullmatch(path))


def is_eval_results(path: str) -> bool:
    """A Hub evaluation-results file (``.eval_results/NAME.yaml``)."""
    return bool(EVAL_RESULTS_FILE.fullmatch(path))
