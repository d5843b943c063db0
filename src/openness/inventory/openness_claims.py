"""What a release says about itself: claims of openness, and whether it is finished or deprecated.

Claims are read line by line from the README and card prose (not code blocks, not inside URLs): a
phrase of the ``openness_claim`` pattern, unless the words just before it negate it or compare the
release with others (``openness_claim_negated``: "not open source", "unlike open-source models",
"outperforms other open models") or the words after make it about others
(``openness_claim_about_others``: "the open-source community", "open-source benchmarks").
Judgment call: a plural ("open-source models") right after the phrase is read as others' models,
so a release that calls itself one of "our open models" is missed rather than a comparison
flagged. "Open-source code" claims only the code (``openness_claim_code_only``). An OSI badge (``osi_badge``) counts as an "open source" claim.
"""

from __future__ import annotations

from .. import patterns
from .facts import ClaimedOpenness, Fact, Maintenance, OpennessClaim, known, unknown
from .gaps import unread_claim
from .model import EvidenceRef
from .prose import Line, prose_of
from .signals import Signals

MAX_CLAIMS = 5
CONTEXT_CHARS = 80
"""Characters before and after a claim phrase that can negate it or make it about others."""
_GROUPS: dict[str, ClaimedOpenness] = {"fully": "fully_open", "weights": "open_weights", "data": "open_data",
                                       "source": "open_source"}


def openness_claims(signals: Signals) -> Fact[list[OpennessClaim]]:
    """Every claim of openness the release makes about itself, with file and line (at most ``MAX_CLAIMS``)."""
    found: list[OpennessClaim] = []
    for line in signals.prose:
        claim = None if line.in_code else claim_of(line)
        if claim is not None:
            found.append(claim)
        if len(found) >= MAX_CLAIMS:
            break
    if not found:
        gap = unread_claim(signals, "documents")
        if gap is not None:
            return unknown("openness_claims", f"claims of openness: {gap.reason}", gap)
    return known("openness_claims", found, [c.ref for c in found])


def claim_of(line: Line) -> OpennessClaim | None:
    """The first claim of openness ``line`` makes about the release itself, if any."""
    badge = patterns.text("osi_badge").search(line.text)
    if badge:
        return OpennessClaim(claim="open_source", phrase="OSI badge", quote=_quote(line.text),
                             ref=line.ref("claims open source (OSI badge)"))
    words = prose_of(line.text)
    negated, others = patterns.text("openness_claim_negated"), patterns.text("openness_claim_about_others")
    for match in patterns.text("openness_claim").regex.finditer(words):
        # Only the words next to the phrase decide (the patterns are bounded), so a long line of
        # repeated phrases stays linear.
        before, after = words[max(0, match.start() - CONTEXT_CHARS): match.start()], \
            words[match.end(): match.end() + CONTEXT_CHARS]
        if negated.search(before) or others.search(after):
            continue
        kind = next(_GROUPS[name] for name, value in match.groupdict().items() if value)
        if kind == "open_source" and patterns.text("openness_claim_code_only").search(after):
            kind = "open_source_code"
        return OpennessClaim(claim=kind, phrase=match.group(0), quote=_quote(line.text),
                             ref=line.ref(f"claims {match.group(0)}"))
    return None


def maintenance(signals: Signals, declared: Maintenance | None) -> Fact[Maintenance]:
    """The maintained status: the maintainers' declaration first, else a deprecation notice in the
    README or card, else an archived repository (deprecated, no successor known); None when nothing says."""
    if declared is not None:
        return known("maintenance", declared,
                     [EvidenceRef(member=signals.primary.id, note=f"status: {declared.status}, {declared.by}")])
    notice, named = patterns.text("deprecation_notice"), patterns.text("deprecation_successor")
    for line in signals.prose:
        found = None if line.in_code else notice.search(line.text)
        if found is None or _quoted(line.text, found.start()):
            continue
        follow = named.search(line.text)
        return known("maintenance", Maintenance(status="deprecated", by=f"a deprecation notice in {line.document.path} line {line.number}",
                                                successor=follow.group("successor") if follow else None),
                     [line.ref("deprecation notice")])
    if signals.primary.host.archived:
        return known("maintenance", Maintenance(status="deprecated", by="the repository is archived"),
                     [EvidenceRef(member=signals.primary.id, note="archived")])
    return known("maintenance", None)


QUOTE_MARKS = "\"'`“‘«"
"""A notice that opens with one of these is quoted (an example in documentation), not made."""


def _quoted(text: str, start: int) -> bool:
    """Whether the words at ``start`` are inside a quotation: "such as \"This project is no longer maintained\"".

    Judgment call: a README that explains deprecation notices (this tool's own does) quotes one;
    the release that is deprecated states it."""
    return text[:start].rstrip(" *_")[-1:] in tuple(QUOTE_MARKS)


def _quote(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
