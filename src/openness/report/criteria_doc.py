"""Documentation of the criteria and profiles, generated from the same YAML the scorer runs."""

from __future__ import annotations

from ..criteria import DIMENSIONS, CriteriaSet, Profile, available_profiles, load_profile
from .templating import environment


def render_criteria_markdown(criteria: CriteriaSet) -> str:
    profiles: list[Profile] = [load_profile(name) for name in available_profiles()]
    template = environment().get_template("criteria.md.j2")
    return template.render(criteria=criteria.criteria, dimensions=DIMENSIONS, profiles=profiles)
