"""Generic checks shared by every dimension: a component exists, a claim is made."""

from __future__ import annotations

from ..inventory import ClaimName
from .base import CheckContext, Outcome, failed, partial, passed, unknown
from .registry import check


@check("component_present")
def component_present(ctx: CheckContext, component: str, partial_score: float = 0.5) -> Outcome:
    """Pass when the inventory found the component; partial when only described."""
    found = ctx.inventory.component(component)
    what = found.name.lower()
    if found.status == "present":
        detail = f" ({found.note})" if found.note else ""
        return passed(f"{found.name} found{detail}", found.evidence)
    if found.status == "partial":
        return partial(f"{found.name}: {found.note or 'partly available'}", partial_score, found.evidence)
    if found.status == "unknown":
        return unknown(found.note or f"could not tell whether {what} is released")
    return failed(f"no {what} found in the release")


@check("fact_present")
def fact_present(ctx: CheckContext, fact: ClaimName) -> Outcome:
    """Pass when the release makes the claim ``fact`` (a file in the tree, or a README passage).

    A claim whose source was not read is ``unknown`` with that reason.
    """
    claim = ctx.facts.claim(fact)
    if not claim.known:
        return unknown(claim.reason or f"{claim.about or fact}: its source was not read")
    what, value = claim.about or fact.replace("_", " "), claim.value
    if value is None:
        return failed(f"no {what} found")
    if value.state == "stated":
        found = f"found: {claim.evidence[0].path}" if value.source == "files" else "documented"
        return passed(f"{what} {found}", claim.evidence)
    if value.state == "empty":
        return partial(f"only an empty file for {what}: {claim.evidence[0].path}", 0.25, claim.evidence)
    if value.state == "no_document":
        return failed(f"no README, so no {what}")
    return failed(f"the README does not document {what}" if value.source == "documents" else f"no {what} found")
