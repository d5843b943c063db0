"""Transparency: can others see what the project is, how it was built and what it does?"""

from __future__ import annotations

import re

from ..cards import SECTION_NAMES
from ..inventory import EvidenceRef
from .base import CheckContext, Outcome, failed, partial, passed, unknown
from .registry import check


@check("readme_quality")
def readme_quality(ctx: CheckContext, min_words: int = 150, min_headings: int = 3) -> Outcome:
    """A README long and structured enough to explain the project."""
    readme = ctx.signals.readme()
    if readme is None:
        return failed("no README at the repository root")
    words = len(re.findall(r"\w+", readme.text))
    headings = len(re.findall(r"^#{1,6}\s+\S", readme.text, re.M))
    ref = [EvidenceRef(member=ctx.signals.primary.id, path=readme.path, note=f"{words} words, {headings} headings")]
    if words >= min_words and headings >= min_headings:
        return passed(f"README has {words} words under {headings} headings", ref)
    if words >= min_words // 3:
        score = min(words / min_words, 1) * 0.5 + min(headings / min_headings, 1) * 0.5
        return partial(f"README is thin: {words} words, {headings} headings "
                       f"(expected ≥{min_words} words, ≥{min_headings} headings)", score, ref)
    return failed(f"README has only {words} words", ref)


@check("card_sections")
def card_sections(ctx: CheckContext, required: list[str] | None = None) -> Outcome:
    """How many of the expected model-card sections have real content."""
    wanted = required or list(SECTION_NAMES)
    card = ctx.inventory.component("model_card")
    if card.status == "unknown":
        return unknown(card.note or "the model card could not be read")
    if card.status == "absent" or not card.evidence:
        return failed("no model card, so none of its sections")
    ref = card.evidence[0]
    member = next(m for m in ctx.evidence.members if m.id == ref.member)
    doc = member.document(ref.path or "")
    if doc is None:
        return unknown("the model card text was not fetched")
    coverage = ctx.signals.sections_of(doc)
    present = [name for name in wanted if coverage.get(name)]
    missing = [name for name in wanted if not coverage.get(name)]
    refs = [EvidenceRef(member=member.id, path=doc.path, line=coverage[n].line, note=n)  # type: ignore[union-attr]
            for n in present]
    names = ", ".join(n.replace("_", " ") for n in missing)
    if not missing:
        return passed(f"all {len(wanted)} card sections have content", refs)
    if present:
        return partial(f"{len(present)} of {len(wanted)} card sections; missing: {names}",
                       len(present) / len(wanted), refs)
    return failed(f"the model card has none of the expected sections ({names})", refs)


@check("training_data_disclosed")
def training_data_disclosed(ctx: CheckContext) -> Outcome:
    """The training data is named: dataset links, a datasheet, or a card section about it."""
    datasets = ctx.inventory.component("datasets")
    data_card = ctx.inventory.component("data_card")
    if datasets.status == "present" and data_card.status == "present":
        return passed("training datasets are linked and described in a data card", datasets.evidence + data_card.evidence)
    section = ctx.signals.card_section("training_data")
    refs = [section] if section else []
    if datasets.status == "present" or data_card.status in {"present", "partial"} or refs:
        return partial("training data is partly disclosed (named or described, not both)", 0.5,
                       datasets.evidence + data_card.evidence + refs)
    if datasets.status == "unknown":
        return unknown(datasets.note or "training data could not be checked")
    return failed("the training data is neither linked nor described")


@check("compute_disclosed")
def compute_disclosed(ctx: CheckContext) -> Outcome:
    """Hardware, training time or emissions are stated (FMTI compute indicators)."""
    for member in ctx.evidence.members:
        if (member.card_data or {}).get("co2_eq_emissions"):
            return passed("emissions declared in card metadata", [EvidenceRef(member=member.id, path="README.md", note="co2_eq_emissions")])
    refs = ctx.signals.search_text(r"\b(\d+\s*(x\s*)?(a100|h100|v100|tpu|gpus?)|gpu[- ]hours|tpu[- ]?v\d|co2|carbon emissions|kwh|hardware type)\b")
    if refs:
        return passed("compute or hardware is described", refs)
    return failed("no hardware, compute or emissions figures found")


@check("citation_present")
def citation_present(ctx: CheckContext) -> Outcome:
    """Users are told how to cite the work: CITATION.cff (best), or a citation section or BibTeX in the README."""
    files = ctx.signals.files(r"citation\.(?:cff|bib)", under="")
    if files:
        return passed(f"citation metadata in {files[0].path}", [h.ref() for h in files])
    cited = [line.ref("citation in the documentation") for line in ctx.signals.prose
             if re.search(r"citation|\bcite\b|bibtex", line.heading, re.I) and re.match(r"\s*@\w+\{", line.text)]
    if cited:
        return partial("a BibTeX citation is in the README, but no CITATION.cff that tools (GitHub, Zenodo) read",
                       0.75, cited[:3])
    return failed("no CITATION.cff and no citation in the README")
