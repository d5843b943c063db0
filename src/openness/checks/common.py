"""Generic checks shared by every dimension: a component exists, a file exists, a README says it."""

from __future__ import annotations

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


@check("file_present")
def file_present(ctx: CheckContext, what: str, name: str | None = None, under: str | None = None,
                 path: str | None = None, min_bytes: int = 1) -> Outcome:
    """Pass when a file exists (``name``/``under``/``path`` regexes, as ``Signals.files``) with ≥ ``min_bytes``."""
    hits = ctx.signals.files(name, under=under, path=path)
    real = [h for h in hits if (ctx.signals.size(h) or 0) >= min_bytes or ctx.signals.size(h) is None]
    if real:
        return passed(f"{what} found: {real[0].path}", [h.ref() for h in real])
    if hits:
        return partial(f"only an empty file for {what}: {hits[0].path}", 0.25, [h.ref() for h in hits])
    return failed(f"no {what} found")


@check("readme_mentions")
def readme_mentions(ctx: CheckContext, pattern: str, what: str) -> Outcome:
    """Pass when a README-like document matches ``pattern`` (a regex, case-insensitive, multiline)."""
    refs = ctx.signals.search_text(pattern)
    if refs:
        return passed(f"{what} documented", refs)
    if ctx.signals.readme() is None:
        return failed(f"no README, so no {what}")
    return failed(f"the README does not document {what}")
