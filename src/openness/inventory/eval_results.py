"""The Hub's evaluation-results files of a model (``.eval_results/*.yaml``), read as metrics.

Each file is a YAML list of results, one per benchmark score, in the shape huggingface_hub's
``EvalResultEntry`` writes: ``dataset`` (``id``, ``task_id``, optional ``revision``), ``value``,
and optionally ``date``, ``source`` (``url``, ``name``) and ``notes``. They sit beside the card's
``model-index`` as the model's evaluation facts. Only the primary member's files count: a base
model's results are not this release's. Parsed with the bounded YAML loader; an entry of another
shape is skipped, never guessed at.
"""

from __future__ import annotations

from typing import Any

import yaml

from ..release_files import is_eval_results
from ..yaml_loading import safe_load
from .facts import Metric
from .model import EvidenceRef
from .signals import Signals

MAX_RESULTS = 200
"""Results kept over all files."""


def eval_result_metrics(signals: Signals) -> list[Metric]:
    """Every well-formed result of the primary member's ``.eval_results/`` files, each with its file."""
    return signals.memo("eval_results", lambda: _read(signals))


def _read(signals: Signals) -> list[Metric]:
    primary = signals.primary
    found: list[Metric] = []
    for document in sorted((d for d in primary.documents if is_eval_results(d.path)), key=lambda d: d.path):
        try:
            entries = safe_load(document.text)
        except yaml.YAMLError:
            continue
        for index, entry in enumerate(entries if isinstance(entries, list) else []):
            metric = _metric(entry, EvidenceRef(member=primary.id, path=document.path, note=f"evaluation result {index}"))
            if metric is not None:
                found.append(metric)
    return found[:MAX_RESULTS]


def _metric(entry: Any, ref: EvidenceRef) -> Metric | None:
    if not isinstance(entry, dict):
        return None
    data = entry.get("data", entry)  # the Hub's API wraps each file's entry in ``data``
    dataset = data.get("dataset") if isinstance(data, dict) else None
    if not isinstance(dataset, dict):
        return None
    dataset_id, task, value = _text(dataset.get("id")), _text(dataset.get("task_id")), _text(data.get("value"))
    if not (dataset_id and task and value):
        return None
    return Metric(type=task, value=value, name=_text(data.get("notes")), dataset=dataset_id, ref=ref)


def _text(value: Any) -> str | None:
    if isinstance(value, bool) or value is None or isinstance(value, (list, dict)):
        return None
    return str(value).strip()[:200] or None
