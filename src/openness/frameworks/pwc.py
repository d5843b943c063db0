"""The Papers with Code ML Code Completeness Checklist (``frameworks.md`` §5): five ticks.

1. dependencies: a manifest a tool can install from (requirements, environment, setup, Dockerfile),
   or a README section saying what to install;
2. training: training code;
3. evaluation: evaluation code;
4. pretrained: downloadable pre-trained weights (files, a download script, or a Hub link);
5. results: a results table together with the commands that reproduce it.

Items 1 and 5 read the same facts as the reproducibility criteria (the
``dependency_manifest``, ``install_section`` and ``reproduction_commands`` claims); the
others read the Inventory's components.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pydantic import ConfigDict, Field

from ..inventory.facts import Facts
from ..inventory.model import EvidenceRef, Inventory
from .interface import LensDetails, LensResult, LensRow, LensSpec, LensStatus, facts_of, register


@dataclass(frozen=True)
class PwcItem:
    tick: bool
    reason: str
    evidence: list[EvidenceRef] = field(default_factory=list)


class PwcDetails(LensDetails):
    model_config = ConfigDict(frozen=True, extra="forbid")

    ticks: int = Field(ge=0, le=5)


def _component_item(inventory: Inventory, key: str, what: str) -> PwcItem:
    component = inventory.component(key)
    if component.status == "present":
        return PwcItem(tick=True, reason=f"{what} found", evidence=component.evidence)
    state = {"partial": "only described, no file or link", "unknown": "could not be checked"}.get(component.status, "not found")
    return PwcItem(tick=False, reason=f"{what}: {state}", evidence=component.evidence)


def _dependencies(facts: Facts) -> PwcItem:
    manifests = facts.stated("dependency_manifest")
    if manifests:
        return PwcItem(tick=True, reason=f"dependencies declared in {manifests[0].path}", evidence=manifests)
    install = facts.stated("install_section")
    if install:
        return PwcItem(tick=True, reason="dependencies listed in a README installation section", evidence=install)
    return PwcItem(tick=False, reason="no dependency manifest and no installation section")


def _results(inventory: Inventory, facts: Facts) -> PwcItem:
    results = inventory.component("evaluation_results")
    commands = facts.stated("reproduction_commands")
    if results.status == "present" and commands:
        return PwcItem(tick=True, reason="results published with the commands that produce them",
                       evidence=(results.evidence + commands)[:5])
    missing = "commands to reproduce them" if results.status == "present" else "a results table"
    return PwcItem(tick=False, reason=f"no {missing}", evidence=(results.evidence + commands)[:5])


SPEC = LensSpec(id="pwc", name="ML code-completeness checklist (Papers with Code)",
                short_name="ML code-completeness checklist", version="a5b2c85",
                source_url="https://github.com/paperswithcode/releasing-research-code", requirement_label="item",
                applies_to=frozenset({"model", "dataset", "software"}), order=40,
                # The checklist is for machine-learning research code: a CLI tool or a web app is not
                # asked for training code and pre-trained models; code with an ML framework or a
                # paper of its own is (see build_facts._research_code).
                software_needs="research_code")
NAMES = {"dependencies": "Dependencies", "training": "Training code", "evaluation": "Evaluation code",
         "pretrained": "Pre-trained models", "results": "Results with the commands to reproduce them"}
_TO_CHANGE = {"dependencies": "add a requirements or environment file", "training": "publish the training code",
              "evaluation": "publish the evaluation code", "pretrained": "publish the pre-trained weights",
              "results": "publish a results table with the commands that reproduce it"}


@register(SPEC)
def evaluate(inventory: Inventory) -> LensResult:
    """The five ticks, each with the file or README passage that earned it."""
    facts = facts_of(inventory)
    items = {
        "dependencies": _dependencies(facts),
        "training": _component_item(inventory, "training_code", "training code"),
        "evaluation": _component_item(inventory, "evaluation_code", "evaluation code"),
        "pretrained": _component_item(inventory, "final_parameters", "pre-trained weights"),
        "results": _results(inventory, facts),
    }
    ticks = sum(item.tick for item in items.values())
    rows = [LensRow(id=key, name=NAMES[key], status="pass" if item.tick else "fail", value="✓" if item.tick else "✗",
                    reason=item.reason, evidence=item.evidence, to_change=None if item.tick else _TO_CHANGE[key])
            for key, item in items.items()]
    status: LensStatus = "pass" if ticks == len(items) else "fail" if ticks == 0 else "partial"
    return SPEC.result(
        verdict=f"{ticks} of {len(items)}", status=status, rank=round(ticks / len(items), 2),
        # The rows' own marks, not emoji: the summary is shown in HTML too, where not every font has emoji.
        summary=", ".join(f"{row.value} {row.id}" for row in rows),
        requirements=rows, blockers=[_TO_CHANGE[key] for key, item in items.items() if not item.tick],
        details=PwcDetails(ticks=ticks),
    )
