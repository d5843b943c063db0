"""Evidence → the model-description fact: what a model's host metadata and card say about it.

Task, library and architecture as the host reports them; the architecture settings ``config.json``
states; the datasets the card metadata names; the results of the card's ``model-index`` and of the
Hub's ``.eval_results/`` files; the card's own words on intended use, limitations, training and
environmental impact, quoted (bounded) with the line they start at; and the energy that section
states. Nothing is inferred: a field the evidence does not give stays empty. Bills of materials read
this fact.

Judgment calls, stated here once:
* hyperparameters are the top-level ``config.json`` keys of ``HYPERPARAMETERS`` with a scalar value,
  nothing else of the file (token ids, library versions and nested sub-configs are not settings of
  the architecture, and a hostile config may hold thousands of keys);
* an energy amount counts only in watt-hours or joules (SPDX 3 records kilowatt-hours and
  megajoules; MWh and GJ are converted exactly), and only when the words before it on its line, or
  the section's heading, say whether it was used for training, fine-tuning or inference: SPDX files
  energy by phase, and an amount of no stated phase is left to the quoted section, not guessed.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from .. import patterns
from ..cards import CardSection
from ..evidence import Document
from .commands import is_placeholder
from .eval_results import eval_result_metrics
from .facts import EnergyPhase, EnergyUnit, EnergyUse, Fact, Metric, ModelDescription, Quote, known
from .model import EvidenceRef
from .signals import Signals

MAX_QUOTE = 2000
"""Characters of a card section kept in a quote: enough for a paragraph or two, bounded for hostile cards."""
MAX_METRICS = 200
"""``model-index`` results kept; a card listing more is cut."""

QUOTED_SECTIONS = ("intended_use", "limitations_bias", "training_procedure", "training_data", "environmental_impact")
"""The card sections (``cards.SECTION_NAMES``) a bill of materials quotes."""
HYPERPARAMETERS = (
    "hidden_size", "intermediate_size", "num_hidden_layers", "num_attention_heads", "num_key_value_heads",
    "head_dim", "vocab_size", "max_position_embeddings", "hidden_act", "rope_theta", "sliding_window",
    "num_experts", "num_local_experts", "num_experts_per_tok", "n_embd", "n_layer", "n_head", "n_inner",
    "n_positions", "n_ctx", "d_model", "d_ff", "d_kv", "num_layers", "num_heads", "num_decoder_layers",
    "encoder_layers", "decoder_layers", "encoder_attention_heads", "decoder_attention_heads", "type_vocab_size",
    "image_size", "patch_size", "num_channels", "torch_dtype", "dtype",
)
"""``config.json`` keys (the Hugging Face ``PretrainedConfig`` names of the common architectures) that are
settings of the architecture, in the order a bill of materials lists them."""
MAX_ENERGY_USES = 20
"""Energy amounts kept of one section; a card stating more is cut."""
MAX_SETTING = 100
"""Characters of one configuration value kept."""
_ENERGY_UNITS: dict[str, tuple[EnergyUnit, Decimal]] = {
    "Wh": ("kWh", Decimal("0.001")), "kWh": ("kWh", Decimal(1)), "MWh": ("kWh", Decimal(1000)),
    "GWh": ("kWh", Decimal(10**6)), "TWh": ("kWh", Decimal(10**9)),
    "kJ": ("MJ", Decimal("0.001")), "MJ": ("MJ", Decimal(1)), "GJ": ("MJ", Decimal(1000)), "TJ": ("MJ", Decimal(10**6)),
}
"""A stated unit (as ``_energy_unit`` names it) → the SPDX unit and the factor to it."""
_PHASES: tuple[EnergyPhase, ...] = ("inference", "finetuning", "training")
"""Checked in this order: "inference after fine-tuning" is inference, "fine-tuning" is not training."""


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
    hyperparameters = _hyperparameters(signals)
    hyperparameters_ref = EvidenceRef(member=primary.id, path="config.json", note="hyperparameters") \
        if hyperparameters else None
    description = ModelDescription(
        task=host.pipeline_tag or _text(card.get("pipeline_tag")), library=host.library or _text(card.get("library_name")),
        architectures=list(host.architectures), model_type=host.model_type, datasets=list(dict.fromkeys(datasets)),
        metrics=metrics,
        metrics_ref=EvidenceRef(member=primary.id, path=card_path, note="model-index") if indexed else None,
        quotes=_quotes(signals), emissions=_emissions(card.get("co2_eq_emissions")), energy=_energy_uses(signals),
        hyperparameters=hyperparameters, hyperparameters_ref=hyperparameters_ref,
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
            quotes[name] = quote(section, signals.primary.id, readme)
    return quotes


def quote(section: CardSection, member: str, document: Document) -> Quote:
    """A card section quoted, bounded, with the line its heading is on."""
    text = section.body.strip()
    return Quote(text=text[:MAX_QUOTE], truncated=len(text) > MAX_QUOTE, heading=section.heading,
                 ref=EvidenceRef(member=member, path=document.path, line=section.line,
                                 note=f"section '{section.heading}'"))


def _hyperparameters(signals: Signals) -> dict[str, str]:
    """The ``HYPERPARAMETERS`` the primary member's ``config.json`` states; none when it is not read, not
    JSON (or cut short), or not an object."""
    config = signals.primary.document("config.json")
    try:
        data = json.loads(config.text) if config is not None and not config.truncated else None
    except (ValueError, RecursionError):
        return {}
    if not isinstance(data, dict):
        return {}
    settings = {key: _setting(data[key]) for key in HYPERPARAMETERS if key in data}
    return {key: value for key, value in settings.items() if value is not None}


def _setting(value: Any) -> str | None:
    """A scalar configuration value as JSON text (strings as written); None for null, lists and objects."""
    if isinstance(value, str):
        return value.strip()[:MAX_SETTING] or None
    if isinstance(value, bool) or isinstance(value, (int, float)):
        return json.dumps(value)
    return None


def _energy_uses(signals: Signals) -> list[EnergyUse]:
    """Energy amounts the card's environmental-impact section states, each with its phase (module docstring)."""
    readme = signals.readme()
    section = signals.sections_of(readme).get("environmental_impact") if readme is not None else None
    if readme is None or section is None:
        return []
    amount = patterns.text("card_energy_amount").regex
    lines = readme.text.splitlines()
    found: list[EnergyUse] = []
    first = _body_start(lines, section)
    for offset, body_line in enumerate(section.body.splitlines()):
        start = 0
        for match in amount.finditer(body_line):
            phase = _phase(body_line[start:match.end()]) or _phase(section.heading)
            start = match.end()
            if phase is None:
                continue
            unit, factor = _ENERGY_UNITS[_energy_unit(match.group("unit"))]
            number = Decimal(match.group("number").replace(",", "")) * factor
            found.append(EnergyUse(phase=phase, quantity=float(number), unit=unit, stated=" ".join(match.group(0).split()),
                                   ref=EvidenceRef(member=signals.primary.id, path=readme.path, line=first + offset,
                                                   note=f"section '{section.heading}'")))
            if len(found) == MAX_ENERGY_USES:
                return found
    return found


def _body_start(lines: list[str], section: CardSection) -> int:
    """The line (1-based) a section's body starts on: the heading's own line for a bold label with its
    text beside it, else the first line after the heading that is not blank (the body is stripped)."""
    body = section.body.splitlines()
    heading_line = lines[section.line - 1] if 0 < section.line <= len(lines) else ""
    if body and not heading_line.lstrip().startswith("#") and body[0].strip() in heading_line:
        return section.line
    return next((i + 1 for i in range(section.line, len(lines)) if lines[i].strip()), section.line)


def _phase(text: str) -> EnergyPhase | None:
    return next((p for p in _PHASES if patterns.text(f"energy_phase_{p}").search(text)), None)


def _energy_unit(written: str) -> str:
    """``kWh``, ``MJ`` … for a unit as the card writes it (``kwh``, ``megawatt-hours``)."""
    lowered = written.lower()
    if "watt" in lowered:
        prefix = {"kilo": "k", "mega": "M", "giga": "G", "tera": "T"}.get(lowered.split("watt")[0], "")
        return f"{prefix}Wh"
    if lowered == "kwh":
        return "kWh"
    return "k" + written[1:] if written.startswith("K") else written


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
