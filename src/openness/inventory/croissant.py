"""What a dataset's Croissant responsible-AI fields (``Member.croissant``) say about its data.

The Croissant RAI vocabulary is a machine-readable datasheet: how the data was collected and
processed, its biases, limitations, personal and sensitive information, its maintenance plan.

Judgment calls, stated here once:
* it is a data card when it states how the data was collected (``rai:dataCollection``) and at
  least one more responsible-AI field; other responsible-AI fields alone are a partial data card;
* it describes the data, as the OSAID's data information asks (provenance, how the data was
  obtained, selected, labelled and processed), when it states one of ``DESCRIBES_DATA``.
"""

from __future__ import annotations

from typing import Literal

from ..evidence import Member
from .model import EvidenceRef

COLLECTION = "rai:dataCollection"
DESCRIBES_DATA = ("rai:dataCollection", "rai:dataPreprocessingProtocol", "rai:dataManipulationProtocol",
                  "rai:dataAnnotationProtocol", "rai:dataCollectionType")
"""Fields that say where the data comes from and how it was processed."""
MAX_NAMED = 6
"""Fields named in one evidence note."""


def rai_fields(member: Member) -> list[str]:
    """The responsible-AI fields the member's Croissant metadata states, in the order it states them."""
    return list(member.croissant.rai) if member.croissant is not None else []


def rai_ref(member: Member, fields: list[str]) -> EvidenceRef:
    """Where the fields were read: the Hub's Croissant metadata of the member (a note, not a file of it)."""
    url = member.croissant.url if member.croissant is not None else "Croissant metadata"
    shown = ", ".join(fields[:MAX_NAMED]) + (f" and {len(fields) - MAX_NAMED} more" if len(fields) > MAX_NAMED else "")
    return EvidenceRef(member=member.id, note=f"Croissant metadata ({url}): {shown}")


def croissant_card(member: Member) -> Literal["present", "partial"] | None:
    """Whether the member's Croissant metadata is a data card (see the module's judgment calls)."""
    fields = rai_fields(member)
    if not fields:
        return None
    return "present" if COLLECTION in fields and len(fields) >= 2 else "partial"


def data_described(member: Member) -> list[str]:
    """The fields of ``DESCRIBES_DATA`` the member's Croissant metadata states."""
    return [name for name in rai_fields(member) if name in DESCRIBES_DATA]
