"""Documentation of the criteria and profiles, generated from the same YAML the scorer runs.

Each criterion's section has an anchor (``criterion_anchor``) that every finding links to
(``Finding.documentation.url``, SARIF ``helpUri``, the terminal view's Docs column).
"""

from __future__ import annotations

from ..assessment import criterion_anchor
from ..criteria import DIMENSIONS, CriteriaSet, Profile, available_profiles, load_profile
from .templating import environment


def render_criteria_markdown(criteria: CriteriaSet) -> str:
    profiles: list[Profile] = [load_profile(name) for name in available_profiles()]
    template = environment().get_template("criteria.md.j2")
    return template.render(criteria=criteria.criteria, dimensions=DIMENSIONS, profiles=profiles,
                           anchor=criterion_anchor)
