"""The Papers with Code ML Code Completeness Checklist (``frameworks.md`` §5): five ticks.

1. dependencies: a manifest a tool can install from (requirements, environment, setup, Dockerfile),
   or a README section saying what to install;
2. training: training code;
3. evaluation: evaluation code;
4. pretrained: downloadable pre-trained weights (files, a download script, or a Hub link);
5. results: a results table together with the commands that reproduce it.

Items 1 and 5 use the same detection as the reproducibility criteria
(``inventory.practices``); the others read the Inventory.
"""

from __future__ import annotations

from ..inventory import Signals
from ..inventory.model import Inventory
from ..inventory.practices import dependency_manifests, reproduction_commands
from .model import PwcItem, PwcLens

INSTALL_SECTION = r"^#+.*\b(requirements?|dependenc\w*|install\w*|set ?up|environment)\b"
"""A README section that says what to install: the checklist's alternative to a manifest file."""


def _component_item(inventory: Inventory, key: str, what: str) -> PwcItem:
    component = inventory.component(key)
    if component.status == "present":
        return PwcItem(tick=True, reason=f"{what} found", evidence=component.evidence)
    state = {"partial": "only described, no file or link", "unknown": "could not be checked"}.get(component.status, "not found")
    return PwcItem(tick=False, reason=f"{what}: {state}", evidence=component.evidence)


def _dependencies(signals: Signals) -> PwcItem:
    manifests = dependency_manifests(signals)
    if manifests:
        return PwcItem(tick=True, reason=f"dependencies declared in {manifests[0].path}",
                       evidence=[hit.ref() for hit in manifests])
    install = signals.search_text(INSTALL_SECTION)
    if install:
        return PwcItem(tick=True, reason="dependencies listed in a README installation section", evidence=install)
    return PwcItem(tick=False, reason="no dependency manifest and no installation section")


def _results(inventory: Inventory, signals: Signals) -> PwcItem:
    results = inventory.component("evaluation_results")
    commands = reproduction_commands(signals)
    if results.status == "present" and commands:
        return PwcItem(tick=True, reason="results published with the commands that produce them",
                       evidence=(results.evidence + commands)[:5])
    missing = "commands to reproduce them" if results.status == "present" else "a results table"
    return PwcItem(tick=False, reason=f"no {missing}", evidence=(results.evidence + commands)[:5])


def evaluate(inventory: Inventory, signals: Signals) -> PwcLens:
    """The five ticks, each with the file or README passage that earned it."""
    items = {
        "dependencies": _dependencies(signals),
        "training": _component_item(inventory, "training_code", "training code"),
        "evaluation": _component_item(inventory, "evaluation_code", "evaluation code"),
        "pretrained": _component_item(inventory, "final_parameters", "pre-trained weights"),
        "results": _results(inventory, signals),
    }
    return PwcLens(ticks=sum(item.tick for item in items.values()), items=items)
