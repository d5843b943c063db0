"""The 12 dimensions of the European Open Source AI Index (``frameworks.md`` §2).

Each dimension is rated open / partial / closed (``unknown`` where the evidence could not
be read), scored open 1, partial 0.5, closed 0, and the score is the mean. The index
rates "missing" as 0; here an unknown dimension leaves the mean and lowers ``coverage``
instead, as every other openness score does.

Base-model dimensions: when the card names no base model, the index copies the
end-model rating; when it names one, the base model's own member of the bundle is read,
and without it the rating is unknown.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from .. import licenses
from ..components_table import OsaiDimension as DimensionKey
from ..components_table import component_table
from ..evidence import Member
from ..inventory import Signals
from ..inventory.model import EvidenceRef, Inventory
from .interface import LensDetails, LensResult, LensRow, LensSpec, LensStatus, register
from .mof import is_open

OsaiRating = Literal["open", "partial", "closed", "unknown"]
DIMENSIONS: tuple[DimensionKey, ...] = (
    "datasources_basemodel", "datasources_endmodel", "weights_basemodel", "weights_endmodel", "trainingcode", "code",
    "hardware_architecture", "preprint", "paper", "modelcard", "datasheet", "licenses")
NAMES = {
    "datasources_basemodel": "Base model data", "datasources_endmodel": "End model data",
    "weights_basemodel": "Base model weights", "weights_endmodel": "End model weights",
    "trainingcode": "Training code", "code": "Code documentation", "hardware_architecture": "Hardware and architecture",
    "preprint": "Preprint", "paper": "Peer-reviewed paper", "modelcard": "Model card", "datasheet": "Datasheet",
    "licenses": "Licences",
}
"""The index's names for its 12 dimensions."""
CATEGORIES = {"Availability": DIMENSIONS[:5], "Documentation": DIMENSIONS[5:11], "Access": DIMENSIONS[11:]}
"""The index's three categories (``frameworks.md`` §2.2)."""


class OsaiDimension(BaseModel):
    """One dimension's rating and why."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    rating: OsaiRating
    reason: str
    evidence: list[EvidenceRef] = Field(default_factory=list)


class OsaiDetails(LensDetails):
    model_config = ConfigDict(frozen=True, extra="forbid")

    score: float | None = Field(description="0–1 mean over the dimensions that could be judged; None if none could.")
_VALUE = {"open": 1.0, "partial": 0.5, "closed": 0.0}
HARDWARE = (r"\b(\d+\s*(x\s*)?(a100|h100|h800|v100|tpu|gpus?)|gpu[- ]hours|tpu[- ]?v\d|a100|h100|v100|"
            r"nvidia [a-z]?\d{2,4}|hardware type|compute infrastructure)\b")
"""Hardware or compute named in the documentation (the index's "training setup (hardware)")."""
_DOC_FILES = r"(?:docs?|documentation)/.+\.(?:md|rst|txt|ipynb)|mkdocs\.ya?ml|(?:docs?/)?conf\.py|readthedocs\.ya?ml|\.readthedocs\.ya?ml"
_USAGE_HEADING = r"^#+.*\b(install\w*|set ?up|getting started|quick ?start|usage|how to use|training|fine-?tun\w*|evaluat\w*)\b"


def _dim(rating: OsaiRating, reason: str, evidence: list[EvidenceRef] | None = None) -> OsaiDimension:
    return OsaiDimension(rating=rating, reason=reason, evidence=(evidence or [])[:5])


def _base_member(signals: Signals) -> tuple[str | None, Member | None]:
    """The declared base model (card metadata) and its member of the bundle, if fetched."""
    declared = next((target for member, target, where in signals.links("hf_model")
                     if member.id == signals.primary.id and where == "card metadata: base_model"), None)
    member = next((m for m in signals.members if m.role == "base_model"), None)
    return declared or (member.id if member else None), member


def datasources_endmodel(inv: Inventory, signals: Signals) -> OsaiDimension:
    """Open only when the data itself can be had: released or linked, ungated, openly licensed.

    Naming a dataset is not releasing it: data under a non-open or unknown licence, or
    linked data whose own terms were not read, is partial, as the index rates it.
    """
    datasets, card = inv.component("datasets"), inv.component("data_card")
    if datasets.status == "present":
        licence = inv.licenses["data"]
        if datasets.access == "gated":
            return _dim("partial", "training datasets are linked but gated", datasets.evidence)
        shown = licenses.display_name(licence.license_id, licence.modified)
        if licence.source == "distribution" or not licence.license_id:
            why = "no licence of its own was found"
        elif not licence.modified and is_open(licence.license_id, exact=False):
            return _dim("open", f"training data is released under {shown}", datasets.evidence)
        else:
            why = f"its licence {shown} is not open"
        return _dim("partial", f"training datasets are named, but {why}", datasets.evidence)
    if datasets.status == "unknown":
        return _dim("unknown", datasets.note or "the datasets could not be checked")
    if card.status in {"present", "partial"}:
        return _dim("partial", "training data is described but not released", card.evidence)
    return _dim("closed", "training data is neither released nor described")


def _same_as_end_model(end: OsaiDimension) -> OsaiDimension:
    """The index copies the end-model rating when an entry has no separate base model."""
    return end.model_copy(update={"reason": f"{end.reason} (no separate base model)"})


def datasources_basemodel(inv: Inventory, signals: Signals) -> OsaiDimension:
    base, member = _base_member(signals)
    if base is None:
        return _same_as_end_model(datasources_endmodel(inv, signals))
    if member is None:
        return _dim("unknown", f"base model {base} was not fetched")
    linked = [t for m, t, _ in signals.links("hf_dataset") if m.id == member.id]
    if linked:
        return _dim("open", f"base model {base} links its training datasets",
                    [EvidenceRef(member=member.id, note=f"dataset {t}") for t in linked])
    return _dim("closed", f"base model {base} names no training datasets")


def weights_endmodel(inv: Inventory, signals: Signals) -> OsaiDimension:
    weights = inv.component("final_parameters")
    if weights.status == "unknown":
        return _dim("unknown", weights.note or "the weights could not be checked")
    if weights.status == "absent":
        return _dim("closed", "no weights released")
    if weights.access == "private":
        return _dim("closed", "weights are in a private repository", weights.evidence)
    if weights.access == "gated":
        return _dim("partial", "weights are gated: download needs an access request", weights.evidence)
    if weights.status == "partial":
        return _dim("partial", weights.note or "weights mentioned but not located", weights.evidence)
    return _dim("open", "weights download without restriction", weights.evidence)


def weights_basemodel(inv: Inventory, signals: Signals) -> OsaiDimension:
    base, member = _base_member(signals)
    if base is None:
        return _same_as_end_model(weights_endmodel(inv, signals))
    if member is None:
        return _dim("unknown", f"base model {base} was not fetched")
    ref = [EvidenceRef(member=member.id, note="base model repository")]
    if member.host.gated:
        return _dim("partial", f"base model {base} is gated", ref)
    if signals.files(r"(?:.*/)?[^/]+\.(?:safetensors|bin|gguf|pt|pth|ckpt)", limit=1, members=[member]):
        return _dim("open", f"base model {base} weights download without restriction", ref)
    return _dim("closed", f"base model {base} has no weight files", ref)


def trainingcode(inv: Inventory, signals: Signals) -> OsaiDimension:
    training, preprocessing = inv.component("training_code"), inv.component("preprocessing_code")
    both = training.evidence + preprocessing.evidence
    if training.status == "present" and preprocessing.status == "present":
        return _dim("open", "training and data-processing code are released", both)
    if "present" in {training.status, preprocessing.status} or "partial" in {training.status, preprocessing.status}:
        have = [c.name.lower() for c in (training, preprocessing) if c.status == "present"]
        return _dim("partial", f"only part of the pipeline: {', '.join(have) or 'training described, no code'}", both)
    if "unknown" in {training.status, preprocessing.status}:
        return _dim("unknown", training.note or preprocessing.note or "the code could not be checked")
    return _dim("closed", "no training or data-processing code")


def code(inv: Inventory, signals: Signals) -> OsaiDimension:
    parts = [inv.component(k) for k in ("training_code", "inference_code", "evaluation_code", "preprocessing_code")]
    present = [c for c in parts if c.status == "present" and any(ref.path for ref in c.evidence)]
    if not present:
        if all(c.status == "unknown" for c in parts):
            return _dim("unknown", "the code could not be checked")
        return _dim("closed", "no source code to document")
    docs = signals.files(_DOC_FILES)
    usage = signals.search_text(_USAGE_HEADING)
    if docs and usage:
        return _dim("open", "code comes with documentation pages and usage instructions", [h.ref() for h in docs] + usage)
    if docs or usage:
        return _dim("partial", "code is documented only in part (README sections or doc pages, not both)",
                    [h.ref() for h in docs] + usage)
    return _dim("closed", "the code has no usage documentation", present[0].evidence)


def hardware_architecture(inv: Inventory, signals: Signals) -> OsaiDimension:
    architecture = inv.component("architecture")
    hardware = signals.search_text(HARDWARE)
    if architecture.status == "present" and hardware:
        return _dim("open", "architecture and training hardware are documented", architecture.evidence + hardware)
    if architecture.status == "present" or hardware:
        what = "architecture only, no training hardware" if not hardware else "hardware named, architecture not published"
        return _dim("partial", what, architecture.evidence + hardware)
    if architecture.status == "unknown":
        return _dim("unknown", architecture.note or "the architecture could not be checked")
    return _dim("closed", "neither architecture nor hardware is documented")


_PEER_REVIEWED = re.compile(r"doi\.org/|aclanthology\.org|openreview\.net|proceedings\.|papers\.nips\.cc", re.I)


def _own_paper_refs(inv: Inventory) -> list[EvidenceRef]:
    """The release's own paper, as the inventory found it (papers it only credits do not count)."""
    paper_ = inv.component("research_paper")
    return paper_.evidence if paper_.status == "present" else []


def preprint(inv: Inventory, signals: Signals) -> OsaiDimension:
    own = _own_paper_refs(inv)
    archived = [ref for ref in own if ref.url and "arxiv.org" in ref.url]
    if archived:
        return _dim("open", "the release's own paper is an arXiv preprint", archived)
    report = inv.component("technical_report")
    if own or report.status == "present":
        return _dim("partial", "a report or paper of the release is referenced, but no archived preprint",
                    own or report.evidence)
    return _dim("closed", "no preprint of the release (papers it only credits do not count)")


def paper(inv: Inventory, signals: Signals) -> OsaiDimension:
    venues = [ref for ref in _own_paper_refs(inv) if ref.url and _PEER_REVIEWED.search(ref.url)]
    if venues:
        return _dim("open", "the release's own paper is a peer-reviewed publication (proceedings or DOI)", venues)
    return _dim("closed", "no peer-reviewed paper of the release linked (an arXiv preprint alone is not one)")


def modelcard(inv: Inventory, signals: Signals) -> OsaiDimension:
    card = inv.component("model_card")
    if card.status == "unknown":
        return _dim("unknown", card.note or "the model card could not be read")
    if card.status == "absent" or not card.evidence:
        return _dim("closed", "no model card")
    ref = card.evidence[0]
    member = next((m for m in signals.members if m.id == ref.member), None)
    doc = member.document(ref.path or "") if member else None
    covered = [name for name, section in signals.sections_of(doc).items() if section] if doc else []
    if {"training_data", "training_procedure", "evaluation_results"} <= set(covered) and len(covered) >= 5:
        return _dim("open", f"model card covers training, evaluation and {len(covered)} of 7 sections", card.evidence)
    return _dim("partial", f"model card covers {len(covered)} of 7 sections", card.evidence)


def datasheet(inv: Inventory, signals: Signals) -> OsaiDimension:
    card = inv.component("data_card")
    rating: OsaiRating = {"present": "open", "partial": "partial", "absent": "closed", "unknown": "unknown"}[card.status]  # type: ignore[assignment]
    reason = {"open": "a datasheet or data card documents the training data",
              "partial": card.note or "training data described only inside the model card",
              "closed": "no datasheet", "unknown": card.note or "could not be checked"}[rating]
    return _dim(rating, reason, card.evidence)


_KINDS = {slot: component_table().keys(slot=slot, osai="licenses") for slot in ("code", "weights", "data")}
"""The components whose licences the ``licenses`` dimension judges, by kind (from ``criteria/components.yaml``)."""


def licenses_dim(inv: Inventory, signals: Signals) -> OsaiDimension:
    opened, closed_, evidence = [], [], []
    for kind, keys in _KINDS.items():
        parts = [inv.component(k) for k in keys if inv.component(k).status == "present"]
        resolved = inv.licenses[kind]  # type: ignore[index]
        shown = licenses.display_name(resolved.license_id, resolved.modified) if resolved.license_id else "none"
        # A repository's own licence does not license third-party training data: data needs a licence of its own.
        inherited_only = kind == "data" and resolved.source == "distribution"
        if parts and resolved.license_id and not resolved.modified and not inherited_only \
                and is_open(resolved.license_id, exact=False):
            opened.append(f"{kind} ({shown})")
            evidence += [resolved.declared_by] if resolved.declared_by else []
        elif parts and inherited_only:
            closed_.append(f"{kind} (no licence of its own; the repository's {shown} does not cover third-party data)")
        else:
            closed_.append(f"{kind} ({shown})" if parts else f"{kind} (not released)")
    if not closed_:
        return _dim("open", "code, weights and data are all openly licensed", evidence)
    if len(opened) >= 2:
        return _dim("partial", f"two of three openly licensed; not: {', '.join(closed_)}", evidence)
    return _dim("closed", f"openly licensed: {', '.join(opened) or 'none'}; not: {', '.join(closed_)}", evidence)


RULES: dict[str, Callable[[Inventory, Signals], OsaiDimension]] = {
    "datasources_basemodel": datasources_basemodel, "datasources_endmodel": datasources_endmodel,
    "weights_basemodel": weights_basemodel, "weights_endmodel": weights_endmodel, "trainingcode": trainingcode,
    "code": code, "hardware_architecture": hardware_architecture, "preprint": preprint, "paper": paper,
    "modelcard": modelcard, "datasheet": datasheet, "licenses": licenses_dim,
}


SPEC = LensSpec(id="osai", name="European Open Source AI Index", short_name="OSAI index",
                version="12 dimensions (main-database @ 5a388e8)", source_url="https://osai-index.eu",
                requirement_label="dimension", applies_to=frozenset({"model", "dataset"}), order=30)
_STATUS: dict[OsaiRating, LensStatus] = {"open": "pass", "partial": "partial", "closed": "fail", "unknown": "unknown"}


@register(SPEC)
def evaluate(inventory: Inventory, signals: Signals) -> LensResult:
    """All 12 dimensions, the mean score and how many dimensions could be judged."""
    details = {name: RULES[name](inventory, signals) for name in DIMENSIONS}
    known = [_VALUE[d.rating] for d in details.values() if d.rating != "unknown"]
    score = round(sum(known) / len(known), 4) if known else None
    group = {name: category for category, names in CATEGORIES.items() for name in names}
    rows = [LensRow(id=name, name=NAMES[name], group=group[name], status=_STATUS[d.rating], value=d.rating,
                    reason=d.reason, evidence=d.evidence,
                    to_change=None if d.rating == "open" else f"make the {NAMES[name].lower()} open")
            for name, d in details.items()]
    counts = {rating: sum(d.rating == rating for d in details.values()) for rating in ("open", "partial", "closed")}
    status: LensStatus = "unknown" if score is None else "pass" if score == 1 else "fail" if score == 0 else "partial"
    shown = None if score is None else round(score * 100)  # whole percents: ranked as shown
    return SPEC.result(
        verdict="–" if shown is None else f"{shown} %", status=status, rank=None if shown is None else shown / 100,
        summary=", ".join(f"{rating} {n}" for rating, n in counts.items()),
        coverage=round(len(known) / len(DIMENSIONS), 3), requirements=rows,
        blockers=[f"{row.name}: {row.value}" for row in rows if row.status in {"partial", "fail"}],
        details=OsaiDetails(score=score),
    )
