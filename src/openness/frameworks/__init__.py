"""Framework lenses: what each public openness framework would say about a release, and why.

Every lens is one module that registers itself (``interface.register``) and computes a
``LensResult`` from the Inventory alone (its components, licences and facts) by that
framework's own rules; nothing here detects components again, reads the evidence or
touches the network.
``evaluate_lenses`` is the one entry point ``assess`` calls; importing this package
registers the built-in lenses.
"""

from __future__ import annotations

from typing import get_args

from ..inventory.model import Inventory, ProjectKind
from . import mof, osai, osaid, pwc  # noqa: F401  (register the lenses)
from .interface import Lens, LensDetails, LensResult, LensRow, LensSpec, LensStatus, facts_of, register, registered

__all__ = ["Lens", "LensDetails", "LensResult", "LensRow", "LensSpec", "LensStatus", "evaluate_lenses", "facts_of",
           "register", "registered"]


def evaluate_lenses(inventory: Inventory) -> tuple[dict[str, LensResult], str | None]:
    """Every registered lens that judges this kind of release, and a note naming those that do not."""
    applied = [lens for lens in registered() if inventory.kind in lens.spec.applies_to]
    skipped = [lens for lens in registered() if inventory.kind not in lens.spec.applies_to]
    results = {lens.spec.id: lens.evaluate(inventory) for lens in applied}
    if not skipped:
        return results, None
    kinds = [kind for kind in get_args(ProjectKind) if any(kind in lens.spec.applies_to for lens in skipped)]
    only = (f"so only the {_join([lens.spec.short_name for lens in applied])} "
            f"appl{'ies' if len(applied) == 1 else 'y'}") if applied else "so no lens applies"
    return results, (f"scored as {inventory.kind}: the {_join([lens.spec.short_name for lens in skipped])} "
                     f"judge {_join(kinds)} releases, {only}")


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
