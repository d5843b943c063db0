"""What a release says about itself: claims of openness, and whether it is finished or deprecated.

Claims are read line by line from the README and card prose (not code blocks): a phrase of the
``openness_claim`` pattern, unless the words just before it negate it or compare the release with
others (``openness_claim_negated``: "not open source", "unlike open-source models"). A link or
badge to the OSI's licence list counts as an "open source" claim.
"""

from __future__ import annotations

from .. import patterns
from .facts import ClaimedOpenness, Fact, Maintenance, OpennessClaim, known, unknown
from .gaps import unread_claim
from .model import EvidenceRef
from .signals import Signals

MAX_CLAIMS = 5
_GROUPS: dict[str, ClaimedOpenness] = {"fully": "fully_open", "weights": "open_weights", "data": "open_data",
                                       "source": "open_source"}


def openness_claims(signals: Signals) -> Fact[list[OpennessClaim]]:
    """Every claim of openness the release makes about itself, with file and line (at most ``MAX_CLAIMS``)."""
    claim, negated = patterns.text("openness_claim"), patterns.text("openness_claim_negated")
    found: list[OpennessClaim] = []
    for line in signals.prose:
        if line.in_code:
            continue
        for match in claim.regex.finditer(line.text):
            if negated.search(line.text[: match.start()]):
                continue
            kind = next(_GROUPS[name] for name, value in match.groupdict().items() if value)
            found.append(OpennessClaim(claim=kind, phrase=match.group(0), quote=_quote(line.text), ref=line.ref(f"claims {match.group(0)!r}")))
            break
        if len(found) >= MAX_CLAIMS:
            break
    if not found:
        gap = unread_claim(signals, "documents")
        if gap is not None:
            return unknown("openness_claims", f"claims of openness: {gap.reason}", gap)
    return known("openness_claims", found, [c.ref for c in found])


def maintenance(signals: Signals, declared: Maintenance | None) -> Fact[Maintenance]:
    """The maintained status: the maintainers' declaration first, else a deprecation notice in the
    README or card, else an archived repository (deprecated, no successor known); None when nothing says."""
    if declared is not None:
        return known("maintenance", declared,
                     [EvidenceRef(member=signals.primary.id, path=declared.by.split(" ")[0], note=f"status: {declared.status}")])
    notice, named = patterns.text("deprecation_notice"), patterns.text("deprecation_successor")
    for line in signals.prose:
        if line.in_code or not notice.search(line.text):
            continue
        follow = named.search(line.text)
        return known("maintenance", Maintenance(status="deprecated", by=f"a deprecation notice in {line.document.path}",
                                                successor=follow.group("successor") if follow else None),
                     [line.ref("deprecation notice")])
    if signals.primary.host.archived:
        return known("maintenance", Maintenance(status="deprecated", by="the host (the repository is archived)"),
                     [EvidenceRef(member=signals.primary.id, note="archived")])
    return known("maintenance", None)


def _quote(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
