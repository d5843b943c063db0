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
    applied = [lens for lens in registered() if lens.spec.applies(inventory)]
    skipped = [lens for lens in registered() if not lens.spec.applies(inventory)]
    results = {lens.spec.id: lens.evaluate(inventory) for lens in applied}
    if not skipped:
        return results, None
    only = (f"so only the {_join([lens.spec.short_name for lens in applied])} "
            f"appl{'ies' if len(applied) == 1 else 'y'}") if applied else "so no lens applies"
    by_reason: dict[str, list[str]] = {}
    for lens in skipped:
        by_reason.setdefault(_judges(lens.spec, inventory), []).append(lens.spec.short_name)
    reasons = [f"the {_join(names)} {'judges' if len(names) == 1 else 'judge'} {what}" for what, names in by_reason.items()]
    return results, f"scored as {inventory.kind}: {_join(reasons)}, {only}"


def _judges(spec: LensSpec, inventory: Inventory) -> str:
    """What a lens that does not apply to ``inventory`` judges instead."""
    if inventory.kind in spec.applies_to and spec.software_needs:  # software without what the lens needs
        return f"software only with a {facts_of(inventory).claim(spec.software_needs).about}"
    return f"{_join([kind for kind in get_args(ProjectKind) if kind in spec.applies_to])} releases"


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
