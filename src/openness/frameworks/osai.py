"""The 12 dimensions of the European Open Source AI Index (``frameworks.md`` §2).

Each dimension is rated open / partial / closed (``unknown`` where the evidence could not
be read), scored open 1, partial 0.5, closed 0, and the score is the mean. The index
rates "missing" as 0; here an unknown dimension leaves the mean and lowers ``coverage``
instead, as every other openness score does.

Base-model dimensions: when the card names no base model, the index copies the
end-model rating; when it names one, the base model's own member of the bundle is read
(the ``base_model`` fact), and without it the rating is unknown.

Every rule reads the Inventory alone: its components, licences and facts.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from .. import licenses
from ..components_table import OsaiDimension as DimensionKey
from ..components_table import component_table
from ..grouping import said_once
from ..inventory.facts import BaseModelRef, hosted_on_hub
from ..inventory.model import EvidenceRef, Inventory
from .interface import LensDetails, LensResult, LensRow, LensSpec, LensStatus, facts_of, register
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
    system_type: str | None = Field(default=None, description=(
        "The index's ``type`` of the system (text, image, video, audio), from the Hub pipeline tag where "
        "the tag names one; None otherwise (``code`` is never told from a tag)."))


_SYSTEM_TYPES = {
    "text-generation": "text", "text2text-generation": "text", "conversational": "text",
    "text-to-image": "image", "image-to-image": "image", "unconditional-image-generation": "image",
    "text-to-video": "video", "image-to-video": "video",
    "text-to-audio": "audio", "text-to-speech": "audio", "audio-to-audio": "audio",
}
"""Hub pipeline tags → the index's ``type``, only where the tag is unambiguous."""


def system_type(inv: Inventory) -> str | None:
    description = facts_of(inv).model_description.value
    return _SYSTEM_TYPES.get(description.task or "") if description is not None else None
_VALUE = {"open": 1.0, "partial": 0.5, "closed": 0.0}


def _dim(rating: OsaiRating, reason: str, evidence: list[EvidenceRef] | None = None) -> OsaiDimension:
    return OsaiDimension(rating=rating, reason=reason, evidence=(evidence or [])[:5])


def _base_model(inv: Inventory) -> BaseModelRef | None:
    """The declared base model and what its member of the bundle holds; None when the card names none."""
    return facts_of(inv).base_model.value


def _not_read(base: BaseModelRef) -> str:
    where = "" if base.stated_in == "card metadata" else f", named in {base.stated_in},"
    return f"base model {base.id}{where} was not read" + (f": {base.unreached}" if base.unreached else "")


def datasources_endmodel(inv: Inventory) -> OsaiDimension:
    """Open only when the data itself can be had from the release: released, ungated, openly licensed.

    The index's rule (``frameworks.md`` §2.2): open when the training data sources are released or
    inspectable. Data that can be had (the ``data_release`` fact: files in the tree, a dataset
    repository of the bundle, a dataset a publisher hosts on the Hub) is open under an open licence,
    partial under non-open terms (as the index rates Alpaca's non-commercial data) or with no licence
    of its own where the tool looked; a Hub dataset that was only linked, not followed, is open on
    availability, its licence left to the ``licenses`` dimension. Data only named (a corpus published
    elsewhere) is closed, or partial when a datasheet describes it.
    """
    datasets, card = inv.component("datasets"), inv.component("data_card")
    release = facts_of(inv).data_release
    if release.value is not None and release.value.released:
        shipped = release.value.released
        licence = inv.licenses["data"]
        if datasets.access == "gated":
            return _dim("partial", "training datasets are released but gated", shipped)
        shown = licenses.display_name(licence.license_id, licence.modified)
        if licence.source == "distribution" or not licence.license_id:
            if release.value.linked_only:  # availability is the question here; the licence is the licences dimension's
                return _dim("open", "training data is public on the Hub (" + ", ".join(r.note or "" for r in shipped[:3])
                            + "); its licence was not checked: the datasets were not followed", shipped)
            why = "no licence of its own was found"
        elif not licence.modified and is_open(licence.license_id, exact=False):
            return _dim("open", f"training data is released under {shown}", shipped)
        else:
            why = f"its licence {shown} is not open"
        return _dim("partial", f"training data is released, but {why}", shipped)
    if release.status == "unknown":
        return _dim("unknown", release.reason or "the datasets could not be checked")
    others = release.value.named if release.value else []
    named = " (named: " + ", ".join(r.note or r.url or "" for r in others[:3]) + ")" if others else ""
    if card.status == "present":
        return _dim("partial", f"training data is described in a datasheet but not released{named}", card.evidence)
    if named:
        return _dim("closed", f"training data is only named, not released or described{named}", others)
    return _dim("closed", "training data is neither released nor described"
                + (" (a data section is only mentioned)" if card.status == "partial" else ""))


def _same_as_end_model(end: OsaiDimension) -> OsaiDimension:
    """The index copies the end-model rating when an entry has no separate base model."""
    return end.model_copy(update={"reason": f"{end.reason} (no separate base model)"})


def datasources_basemodel(inv: Inventory) -> OsaiDimension:
    base = _base_model(inv)
    if base is None:
        return _same_as_end_model(datasources_endmodel(inv))
    if base.member is None:
        return _dim("unknown", _not_read(base))
    refs = [EvidenceRef(member=base.member, url=f"https://huggingface.co/datasets/{t}", note=f"dataset {t}")
            for t in base.datasets]
    if any(hosted_on_hub(t) for t in base.datasets):  # the end model's rule
        return _dim("open", f"base model {base.id} links its training datasets on the Hub ({', '.join(base.datasets[:3])})", refs)
    if refs:
        return _dim("closed", f"base model {base.id} only names its training data ({', '.join(base.datasets[:3])}: "
                    "corpora published elsewhere)", refs)
    return _dim("closed", f"base model {base.id} names no training datasets")


def weights_endmodel(inv: Inventory) -> OsaiDimension:
    weights = inv.component("final_parameters")
    if weights.status == "unknown":
        return _dim("unknown", weights.note or "the weights could not be checked")
    if weights.status == "absent":
        return _dim("closed", "no weights released")
    if weights.access == "private":
        return _dim("closed", "weights are in a private repository", weights.evidence)
    if weights.access == "gated":
        return _dim("partial", "weights are gated: download needs an access request", weights.evidence)
    delta = facts_of(inv).stated("weights_delta")
    if delta:
        return _dim("partial", "weights are released only as a difference from the base model's weights, "
                    "usable only with those (obtained on their own terms)", delta)
    if weights.status == "partial":
        return _dim("partial", weights.note or "weights mentioned but not located", weights.evidence)
    return _dim("open", "weights download without restriction", weights.evidence)


def weights_basemodel(inv: Inventory) -> OsaiDimension:
    base = _base_model(inv)
    if base is None:
        return _same_as_end_model(weights_endmodel(inv))
    if base.member is None:
        return _dim("unknown", _not_read(base))
    ref = [EvidenceRef(member=base.member, note="base model repository")]
    if base.gated:
        return _dim("partial", f"base model {base.id} is gated", ref)
    if base.weight_files:
        return _dim("open", f"base model {base.id} weights download without restriction", ref)
    return _dim("closed", f"base model {base.id} has no weight files", ref)


def trainingcode(inv: Inventory) -> OsaiDimension:
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


def code(inv: Inventory) -> OsaiDimension:
    parts = [inv.component(k) for k in ("training_code", "inference_code", "evaluation_code", "preprocessing_code")]
    present = [c for c in parts if c.status == "present" and any(ref.path for ref in c.evidence)]
    if not present:
        unread = next((c for c in parts if c.status == "unknown"), None)
        if unread is not None:  # code may be where it was not read: not "no code"
            return _dim("unknown", unread.note or "the code could not be checked")
        return _dim("closed", "no source code to document")
    facts = facts_of(inv)
    docs, usage = facts.stated("documentation_pages"), facts.stated("usage_sections")
    if docs and usage:
        return _dim("open", "code comes with documentation pages and usage instructions", docs + usage)
    if docs or usage:
        return _dim("partial", "code is documented only in part (README sections or doc pages, not both)", docs + usage)
    return _dim("closed", "the code has no usage documentation", present[0].evidence)


def hardware_architecture(inv: Inventory) -> OsaiDimension:
    """Open when the architecture and the training hardware are both documented.

    Judgment call: the index asks for the architecture to be *documented* (its evidence links are
    papers, cards and model code, never a ``config.json``; it rates most Hub models, which all have a
    config, closed or partial). So the architecture counts here when model definition code is released
    or prose describes it (``architecture_described``: a heading, its shape, a hyperparameter table);
    a config file or the host's config metadata alone does not. The MOF's "model architecture"
    component, which a config does satisfy, is a different question."""
    architecture = inv.component("architecture")
    facts = facts_of(inv)
    hardware, described, code = (facts.claim(name) for name in
                                 ("hardware_disclosed", "architecture_described", "architecture_code"))
    documented = facts.stated("architecture_code") + facts.stated("architecture_described")
    named = facts.stated("hardware_disclosed")
    if documented and named:
        return _dim("open", "architecture and training hardware are documented", documented + named)
    unread = next((c.reason for c in (hardware, described, code) if c.status == "unknown"), None)
    if (documented or named) and unread:
        return _dim("unknown", f"{'architecture' if documented else 'hardware'} documented; the rest could not "
                    f"be checked: {unread}", documented + named)
    if documented:
        return _dim("partial", "architecture documented, no training hardware", documented)
    config_only = " (a config file lists the architecture; that is not documentation)" \
        if architecture.status == "present" else ""
    if named:
        return _dim("partial", f"hardware named, architecture not documented{config_only}", named)
    if unread or architecture.status == "unknown":
        return _dim("unknown", unread or architecture.note or "the architecture could not be checked")
    return _dim("closed", f"neither architecture nor hardware is documented{config_only}", architecture.evidence)


def preprint(inv: Inventory) -> OsaiDimension:
    own = facts_of(inv).own_paper
    archived = own.value.preprints if own.value else []
    if archived:
        return _dim("open", "the release's own paper is an arXiv preprint", archived)
    report = inv.component("technical_report")
    if own.evidence or report.status == "present":
        return _dim("partial", "a report or paper of the release is referenced, but no archived preprint",
                    own.evidence or report.evidence)
    return _dim("closed", "no preprint of the release (papers it only credits do not count)")


def paper(inv: Inventory) -> OsaiDimension:
    own = facts_of(inv).own_paper.value
    venues = own.peer_reviewed if own else []
    if venues:
        return _dim("open", "the release's own paper is a peer-reviewed publication (proceedings or DOI)", venues)
    return _dim("closed", "no peer-reviewed paper of the release linked (an arXiv preprint alone is not one)")


def modelcard(inv: Inventory) -> OsaiDimension:
    card = inv.component("model_card")
    if card.status == "unknown":
        return _dim("unknown", card.note or "the model card could not be read")
    if card.status == "absent" or not card.evidence:
        return _dim("closed", "no model card")
    coverage = facts_of(inv).card_sections.value  # None when the card text was not fetched: no section covered
    covered = list(coverage.sections) if coverage else []
    substantive = {"training_data", "training_procedure", "evaluation_results"} & set(covered)
    if len(substantive) == 3 and len(covered) >= 5:
        return _dim("open", f"model card covers training, evaluation and {len(covered)} of 7 sections", card.evidence)
    if coverage is not None and not substantive:
        # The index asks for a card covering architecture, training, fine-tuning and evaluation: one that
        # covers none of them (only usage, licence or citation) it rates closed.
        return _dim("closed", f"model card covers none of training data, training procedure and evaluation "
                    f"({len(covered)} of 7 sections)", card.evidence)
    return _dim("partial", f"model card covers {len(covered)} of 7 sections", card.evidence)


DATASHEET_OPEN = 4
"""Question groups of the datasheet's seven a data card must answer to be rated open."""


def datasheet(inv: Inventory) -> OsaiDimension:
    """A datasheet in the Gebru et al. sense is open; a data card that answers fewer than four of its seven
    question groups is partial (judgment call: the index rates most short Hub dataset cards partial), as is
    training data described only inside the model card."""
    card = inv.component("data_card")
    coverage = facts_of(inv).datasheet.value
    if card.status == "present" and coverage is not None and len(coverage.groups) < DATASHEET_OPEN:
        answered = ", ".join(coverage.groups) or "none"
        return _dim("partial", f"the data card answers {len(coverage.groups)} of the datasheet's 7 question groups "
                    f"({answered})", card.evidence)
    rating: OsaiRating = {"present": "open", "partial": "partial", "absent": "closed", "unknown": "unknown"}[card.status]  # type: ignore[assignment]
    answers = f" (it answers {len(coverage.groups)} of the datasheet's 7 question groups)" if coverage else ""
    reason = {"open": f"a datasheet or data card documents the training data{answers}",
              "partial": card.note or "training data described only inside the model card",
              "closed": "no datasheet", "unknown": card.note or "could not be checked"}[rating]
    return _dim(rating, reason, card.evidence)


_KINDS = {slot: component_table().keys(slot=slot, osai="licenses") for slot in ("code", "weights", "data")}
"""The components whose licences the ``licenses`` dimension judges, by kind (from ``criteria/components.yaml``)."""


def _licences_rating(opened: int, closed: int) -> OsaiRating:
    """The index's rule over the released kinds: all open, open; two open, partial; else closed."""
    if opened and not closed:
        return "open"
    return "partial" if opened >= 2 else "closed"


def licenses_dim(inv: Inventory) -> OsaiDimension:
    """Open when everything released (code, weights, data) is openly licensed; partial when two kinds are.

    Judgment call: the index judges the licences of what is released. Of its entries whose open weights
    come with neither code nor data, it rates 23 of 33 with an Apache-2.0 or MIT licence ``open``; so a
    kind that is not released is left out here, not counted as closed (its absence is rated in the
    availability dimensions). Data that is used but has no licence of its own counts as not open. A
    kind published elsewhere, whose own terms were not read, is unknown: the rating is given only when
    it is the same whatever those terms are."""
    opened: list[tuple[str, str]] = []
    closed_: list[tuple[str, str]] = []
    unread, unreleased, evidence = [], [], []
    for kind, keys in _KINDS.items():
        if not any(inv.component(k).status == "present" for k in keys):
            unreleased.append(kind)
            continue
        if inv.published_elsewhere(kind):  # type: ignore[arg-type]
            unread.append(f"{kind} (published elsewhere; its own licence was not read)")
            continue
        resolved = inv.licenses[kind]  # type: ignore[index]
        shown = licenses.display_name(resolved.license_id, resolved.modified) if resolved.license_id else "none"
        # A repository's own licence does not license third-party training data: data needs a licence of its own.
        inherited_only = kind == "data" and resolved.source == "distribution"
        if resolved.license_id and not resolved.modified and not inherited_only \
                and is_open(resolved.license_id, exact=False):
            opened.append((kind, shown))
            evidence += [resolved.declared_by] if resolved.declared_by else []
        elif inherited_only:
            closed_.append((kind, f"no licence of its own; the repository's {shown} does not cover third-party data"))
        else:
            closed_.append((kind, shown))
    left_out = f"; not released: {', '.join(unreleased)}" if unreleased else ""
    if not (opened or closed_ or unread):
        return _dim("closed", "nothing is released to be licensed")
    best = _licences_rating(len(opened) + len(unread), len(closed_))
    worst = _licences_rating(len(opened), len(closed_) + len(unread))
    said = (f"openly licensed: {said_once(opened) or 'none'}" + (f"; not: {said_once(closed_)}" if closed_ else "")
            + (f"; unknown: {', '.join(unread)}" if unread else "") + left_out)
    if best != worst:
        return _dim("unknown", said, evidence)
    if best == "open":
        return _dim("open", f"everything released is openly licensed: {said_once(opened)}{left_out}", evidence)
    return _dim(best, ("two of three kinds openly licensed; " if best == "partial" else "") + said, evidence)


RULES: dict[str, Callable[[Inventory], OsaiDimension]] = {
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
def evaluate(inventory: Inventory) -> LensResult:
    """All 12 dimensions, the mean score and how many dimensions could be judged."""
    details = {name: RULES[name](inventory) for name in DIMENSIONS}
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
        details=OsaiDetails(score=score, system_type=system_type(inventory)),
    )
