"""Transparency: can others see what the project is, how it was built and what it does?"""

from __future__ import annotations

from ..cards import SECTION_NAMES
from .base import CheckContext, Outcome, failed, partial, passed, unknown
from .registry import check


@check("readme_quality")
def readme_quality(ctx: CheckContext, min_words: int = 150, min_headings: int = 3) -> Outcome:
    """A README long and structured enough to explain the project."""
    readme = ctx.facts.readme
    if not readme.known:
        return unknown(readme.reason or "the README could not be read")
    if readme.value is None:
        return failed("no README at the repository root")
    words, headings, ref = readme.value.words, readme.value.headings, readme.evidence
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
    fact = ctx.facts.card_sections
    if not fact.known:
        return unknown(fact.reason or "the model card could not be read")
    if fact.value is None:
        return failed("no model card, so none of its sections")
    covered = fact.value.sections
    present = [name for name in wanted if name in covered]
    missing = [name for name in wanted if name not in covered]
    refs = [covered[n] for n in present]
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
    refs = ctx.facts.claim("training_data_described").evidence
    if datasets.status == "present" or data_card.status in {"present", "partial"} or refs:
        return partial("training data is partly disclosed (named or described, not both)", 0.5,
                       datasets.evidence + data_card.evidence + refs)
    if datasets.status == "unknown":
        return unknown(datasets.note or "training data could not be checked")
    return failed("the training data is neither linked nor described")


@check("compute_disclosed")
def compute_disclosed(ctx: CheckContext) -> Outcome:
    """Hardware, training time or emissions are stated (FMTI compute indicators)."""
    fact = ctx.facts.claim("compute_disclosed")
    if not fact.known:
        return unknown(fact.reason or "the documentation could not be read")
    if fact.value is not None and fact.value.state == "stated":
        return passed(fact.reason or "compute or hardware is described", fact.evidence)
    return failed("no hardware, compute or emissions figures found")


@check("citation_present")
def citation_present(ctx: CheckContext) -> Outcome:
    """Users are told how to cite the work: CITATION.cff (best), or a citation section or BibTeX in the README."""
    fact = ctx.facts.citation
    if fact.value == "file":
        return passed(f"citation metadata in {fact.evidence[0].path}", fact.evidence)
    if fact.value == "bibtex":
        return partial("a BibTeX citation is in the README, but no CITATION.cff that tools (GitHub, Zenodo) read",
                       0.75, fact.evidence)
    if not fact.known:
        return unknown(fact.reason or "the README could not be read")
    return failed("no CITATION.cff and no citation in the README")

