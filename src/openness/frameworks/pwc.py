"""The Papers with Code ML Code Completeness Checklist (``frameworks.md`` §5): five ticks.

1. dependencies: a manifest a tool can install from (requirements, environment, setup, Dockerfile),
   or a README section saying what to install;
2. training: training code;
3. evaluation: evaluation code;
4. pretrained: downloadable pre-trained weights (files, a download script, or a Hub link);
5. results: a results table together with the commands that reproduce it.

Items 1 and 5 are exactly the reproducibility criteria of the same name, so the lens asks
those checks rather than repeating their rules; the others read the Inventory.
"""

from __future__ import annotations

from ..inventory import Signals
from ..inventory.model import Inventory
from .model import PwcItem, PwcLens

ITEMS = ("dependencies", "training", "evaluation", "pretrained", "results")
INSTALL_SECTION = r"^#+.*\b(requirements?|dependenc\w*|install\w*|set ?up|environment)\b"
"""A README section that says what to install: the checklist's alternative to a manifest file."""


def _component_item(inventory: Inventory, key: str, what: str) -> PwcItem:
    component = inventory.component(key)
    if component.status == "present":
        return PwcItem(tick=True, reason=f"{what} found", evidence=component.evidence)
    state = {"partial": "only described, no file or link", "unknown": "could not be checked"}.get(component.status, "not found")
    return PwcItem(tick=False, reason=f"{what}: {state}", evidence=component.evidence)


def evaluate(inventory: Inventory, signals: Signals) -> PwcLens:
    """The five ticks, each with the file or README passage that earned it."""
    # Imported here: the checks package registers checks that read these lenses.
    from ..checks.base import CheckContext
    from ..checks.reproducibility import dependencies_declared, results_reproducible

    context = CheckContext(evidence=signals.evidence, signals=signals, inventory=inventory)
    deps, results = dependencies_declared(context), results_reproducible(context)
    install = signals.search_text(INSTALL_SECTION) if deps.status != "pass" else []
    items = {
        "dependencies": PwcItem(tick=deps.status == "pass" or bool(install),
                                reason="dependencies listed in a README installation section" if install else deps.reason,
                                evidence=deps.evidence or install),
        "training": _component_item(inventory, "training_code", "training code"),
        "evaluation": _component_item(inventory, "evaluation_code", "evaluation code"),
        "pretrained": _component_item(inventory, "final_parameters", "pre-trained weights"),
        "results": PwcItem(tick=results.status == "pass", reason=results.reason, evidence=results.evidence[:5]),
    }
    return PwcLens(ticks=sum(item.tick for item in items.values()), items=items)
