"""Criteria that ask what a public framework asks: OSAID's requirements, MOF's licence rule.

They reuse the framework lenses' own rules, so a criterion and the lens beside it in the
report can never disagree.
"""

from __future__ import annotations

from typing import Literal

from .. import licenses
from ..frameworks import mof, osaid
from ..frameworks.model import MofComponent
from ..grouping import said_once
from ..inventory.model import Inventory
from .base import CheckContext, Outcome, failed, partial, passed, unknown
from .registry import check


@check("osaid_requirement")
def osaid_requirement(ctx: CheckContext, requirement: Literal["data_information", "code", "parameters"]) -> Outcome:
    """One requirement of the OSI Open Source AI Definition 1.0."""
    result = osaid.REQUIREMENTS[requirement.replace("_", " ")](ctx.inventory)
    if result.status == "pass":
        return passed(result.reason, result.evidence)
    if result.status == "unknown":
        return unknown(result.reason, result.evidence)
    return failed(result.reason, result.evidence)


def _licence_state(component: MofComponent, inventory: Inventory) -> str:
    """How the lens sees a component's licence, in the lens's own words."""
    if component.license:
        return licenses.display_name(component.license)
    unread = mof.terms_unread(inventory.component(mof.BY_NAME[component.name.lower()].key))
    return "licence not read, published outside the release" if unread else "no licence"


@check("mof_components_open")
def mof_components_open(ctx: CheckContext) -> Outcome:
    """Share of the released, MOF-required components under a licence the MOF counts as open (exact SPDX ids)."""
    lens = mof.from_inventory(ctx.inventory)
    released = [c for c in lens.components if c.included and c.required_for]
    if not released:
        return failed("none of the components the Model Openness Framework requires is released")
    open_ = [c for c in released if c.status in {"open", "open_not_type_appropriate"}]
    evidence = [ref for c in released for ref in c.evidence][:5]
    closed = said_once((c.name.lower(), _licence_state(c, ctx.inventory)) for c in released if c not in open_)
    if len(open_) == len(released):
        return passed(f"all {len(released)} released required components are openly licensed", evidence)
    if open_:
        return partial(f"{len(open_)} of {len(released)} released required components are openly licensed; not: {closed}",
                       len(open_) / len(released), evidence)
    return failed(f"no released required component is openly licensed: {closed}", evidence)
