"""Framework lenses: what each public openness framework would say about a release, and why.

Every lens is computed from the Inventory (and the read-only Signals over the evidence)
by that framework's own rules; nothing here detects components again or touches the
network. ``evaluate_frameworks`` is the one entry point ``assess`` calls.
"""

from __future__ import annotations

from ..inventory import Signals
from ..inventory.model import Inventory
from . import mof, osai, osaid, pwc
from .model import Frameworks, MofLens, OsaidLens, OsaiLens, PwcLens

__all__ = ["Frameworks", "MofLens", "OsaiLens", "OsaidLens", "PwcLens", "evaluate_frameworks"]


def evaluate_frameworks(inventory: Inventory, signals: Signals) -> Frameworks:
    """The four lenses of one release; the three model lenses only when it releases a model or dataset."""
    if inventory.kind == "software":
        return Frameworks(mof=None, osaid=None, osai=None, pwc=pwc.evaluate(inventory, signals),
                          note="scored as software: the MOF, OSAID and OSAI index judge model releases, so only "
                               "the ML code-completeness checklist applies")
    return Frameworks(
        mof=mof.from_inventory(inventory),
        osaid=osaid.evaluate(inventory),
        osai=osai.evaluate(inventory, signals),
        pwc=pwc.evaluate(inventory, signals),
    )
