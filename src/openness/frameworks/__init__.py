"""Framework lenses: what each public openness framework would say about a release, and why.

Every lens is computed from the Inventory (and the read-only Signals over the evidence)
by that framework's own rules; nothing here detects components again or touches the
network. ``evaluate_frameworks`` is the one entry point ``assess`` calls.
"""

from __future__ import annotations

from ..inventory import Signals
from ..inventory.model import Inventory
from . import mof, osai, osaid, pwc
from .model import Frameworks, MofLens, OsaiLens, OsaidLens, PwcLens

__all__ = ["Frameworks", "MofLens", "OsaiLens", "OsaidLens", "PwcLens", "evaluate_frameworks"]


def evaluate_frameworks(inventory: Inventory, signals: Signals) -> Frameworks:
    """The four lenses of one release."""
    return Frameworks(
        mof=mof.from_inventory(inventory),
        osaid=osaid.evaluate(inventory),
        osai=osai.evaluate(inventory, signals),
        pwc=pwc.evaluate(inventory, signals),
    )
