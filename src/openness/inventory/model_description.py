"""Evidence → the model-description fact: what a model's host metadata and card say about it.

Task, library and architecture as the host reports them; the datasets the card metadata
names; the results of the card's ``model-index`` and of the Hub's ``.eval_results/`` files; and the card's own words on intended use,
limitations and environmental impact, quoted (bounded) with the line they start at. Nothing
is inferred: a field the evidence does not give stays empty. Bills of materials read this fact.
"""

from __future__ import annotations

from typing import Any

from .commands import is_placeholder
from .eval_results import eval_result_metrics
from .facts import Fact, Metric, ModelDescription, Quote, known
from .model import EvidenceRef
from .signals import Signals

MAX_QUOTE = 2000
"""Characters of a card section kept in a quote: enough for a paragraph or two, bounded for hostile cards."""
MAX_METRICS = 200
"""``model-index`` results kept; a card listing more is cut."""

QUOTED_SECTIONS = ("intended_use", "limitations_bias", "environmental_impact")
"""The card sections (``cards.SECTION_NAMES``) a bill of materials quotes as considerations."""


def model_description_fact(signals: Signals) -> Fact[ModelDescription]:
    """The primary member's description; known with None when neither host nor card says anything."""
    primary = signals.primary
    card = signals.card()
    host = primary.host
    datasets = [target for member, target, where in signals.links("hf_dataset")
                if member.id == primary.id and where.startswith("card metadata") and not is_placeholder(target)]
    indexed = _metrics(card.get("model-index"))
    metrics = (indexed + eval_result_metrics(signals))[:MAX_METRICS]
    card_path = next((d.path for d in [signals.readme()] if d is not None), "README.md")
    description = ModelDescription(
        task=host.pipeline_tag or _text(card.get("pipeline_tag")), library=host.library or _text(card.get("library_name")),
        architectures=list(host.architectures), model_type=host.model_type, datasets=list(dict.fromkeys(datasets)),
        metrics=metrics,
        metrics_ref=EvidenceRef(member=primary.id, path=card_path, note="model-index") if indexed else None,
        quotes=_quotes(signals), emissions=_emissions(card.get("co2_eq_emissions")),
    )
    if description == ModelDescription():
        return known("model_description", None, reason="neither the host nor the card describes the model")
    return known("model_description", description, [EvidenceRef(member=primary.id, note="host metadata and card")])


def _quotes(signals: Signals) -> dict[str, Quote]:
    readme = signals.readme()
    if readme is None:
        return {}
    quotes = {}
    for name, section in signals.sections_of(readme).items():
        if name in QUOTED_SECTIONS and section is not None:
            text = section.body.strip()
            quotes[name] = Quote(text=text[:MAX_QUOTE], truncated=len(text) > MAX_QUOTE,
                                 ref=EvidenceRef(member=signals.primary.id, path=readme.path, line=section.line,
                                                 note=f"section '{section.heading}'"))
    return quotes


def _metrics(index: Any) -> list[Metric]:
    """The results of a ``model-index`` block; entries of another shape are skipped, never guessed at."""
    found: list[Metric] = []
    for model in index if isinstance(index, list) else []:
        for result in (model.get("results") if isinstance(model, dict) else None) or []:
            if not isinstance(result, dict):
                continue
            task, dataset = _mapping(result.get("task")), _mapping(result.get("dataset"))
            for metric in result.get("metrics") or []:
                if isinstance(metric, dict) and _text(metric.get("type")) and _text(metric.get("value")):
                    found.append(Metric(type=_text(metric.get("type")) or "", value=_text(metric.get("value")) or "",
                                        name=_text(metric.get("name")), task=_text(task.get("type")),
                                        dataset=_text(dataset.get("name")) or _text(dataset.get("type")),
                                        split=_text(dataset.get("split"))))
    return found[:MAX_METRICS]


def _emissions(value: Any) -> dict[str, str]:
    if isinstance(value, dict):
        return {str(k): text for k, v in value.items() if (text := _text(v))}
    text = _text(value)
    return {"emissions": text} if text else {}


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _text(value: Any) -> str | None:
    """A scalar of card metadata as text; None for empty values, lists and mappings."""
    if isinstance(value, bool) or value is None or isinstance(value, (list, dict)):
        return None
    text = str(value).strip()
    return text or None
