"""The project's waivers applied to the findings of one run.

A waived finding keeps the status its check found and is shown as **waived** with the
maintainers' reason and owner; it is never counted as a pass. What it does to the score is
the profile's ``waivers`` setting:

- ``exclude`` (the default): the criterion leaves the score and its coverage, as a criterion
  that does not apply. Judgment call: a waiver is the maintainers saying the criterion does not
  apply to their project, with a reason the report shows; scoring it as a failure would make a
  waiver mean nothing, and scoring it as a pass would hide that it was not met.
- ``count``: shown as waived, scored as found.
- ``ignore``: not applied at all (the procurement profile: a buyer judges the release as
  published), each waiver listed with that note.

A waiver past its ``expires`` date reverts: the finding counts again, with a note. A waiver of a
criterion that passes or does not apply is moot.
"""

from __future__ import annotations

from datetime import date

from .assessment import WaiverInfo
from .checks import Outcome
from .criteria import WaiverPolicy
from .statement import Statement, Waiver


def waiver_info(waiver: Waiver, outcome: Outcome, statement: Statement, policy: WaiverPolicy, profile: str,
                today: date) -> WaiverInfo:
    """What one waiver does to its criterion's outcome on ``today``."""
    who = f" by {waiver.owner}" if waiver.owner else ""
    base = {"reason": waiver.reason, "owner": waiver.owner, "source": statement.source,
            "expires": waiver.expires.isoformat() if waiver.expires else None}
    if policy == "ignore":
        return WaiverInfo(**base, state="ignored", note=f"waived{who}, but profile '{profile}' does not apply "
                                                        "the project's waivers: scored as found")
    if waiver.expires is not None and waiver.expires < today:
        return WaiverInfo(**base, state="expired", note=f"the waiver{who} expired on {waiver.expires.isoformat()}: "
                                                        "the finding counts again")
    if outcome.status in {"pass", "not_applicable"}:
        return WaiverInfo(**base, state="moot", note=f"waived{who}, but the criterion is "
                                                     f"{outcome.status.replace('_', ' ')}: nothing to waive")
    effect = "left out of the score" if policy == "exclude" else "scored as found"
    until = f" until {waiver.expires.isoformat()}" if waiver.expires else ""
    return WaiverInfo(**base, state="waived", note=f"waived{who}{until}: {effect}")


def excluded(info: WaiverInfo | None, policy: WaiverPolicy) -> bool:
    """Whether the waiver takes its criterion out of the score."""
    return info is not None and info.state == "waived" and policy == "exclude"


def waiver_for(statement: Statement | None, criterion: str) -> Waiver | None:
    if statement is None:
        return None
    return next((w for w in statement.waivers if w.criterion == criterion), None)
