"""The card and the access terms, compared: card sections added or removed, and changed terms of an
access request (a Hub card's ``extra_gated_*`` keys: the prompt a user accepts, the form they fill in).

Both rest on facts a report records from schema 1.1 on (``Assessment.card_sections``, ``Assessment.gating``).
When a report lacks one (schema 1.0) or could not establish it (the card was not read), nothing is
compared and ``not_compared`` says so in a note, rather than report a change that may not have happened.
"""

from __future__ import annotations

import json
from typing import Any

from ..assessment import Assessment
from ..cards import SECTION_LABELS, SECTION_NAMES
from ..inventory import Fact
from ..inventory.facts import CardCoverage, Gating
from .excerpt import changed_span
from .model import Change

TERM_LABELS = {"prompt": "access prompt", "heading": "access request heading",
               "description": "access request description", "button_content": "access request button",
               "eu_disallowed": "access refused in the EU"}
"""The Hub's ``extra_gated_*`` keys (prefix removed) as a diff names them; others are shown by key."""
FIELDS = "fields"
"""The key of the access form's fields (label → type): compared field by field."""
APPROVAL: dict[bool | str, str] = {"auto": "granted on accepting the terms", "manual": "approved by the authors", True: "gated"}


def card_sections(old: Assessment, new: Assessment) -> list[Change]:
    """Sections with content about each ``cards.SECTION_NAMES`` topic that one card has and the other not.

    Only between two cards: a card that appeared or went away is a component change (model card), and
    listing each of its sections as well would say the same thing seven times."""
    was, now = _coverage(old.card_sections), _coverage(new.card_sections)
    if was is None or now is None:
        return []
    changes = []
    for name in [*SECTION_NAMES, *sorted((was.sections.keys() | now.sections.keys()) - set(SECTION_NAMES))]:
        before, after = was.sections.get(name), now.sections.get(name)
        if (before is None) == (after is None):
            continue
        changes.append(Change(
            kind="section", subject=SECTION_LABELS.get(name, name.replace("_", " ")),
            before=None if before is None else _where(was.path, before.line),
            after=None if after is None else _where(now.path, after.line),
            reason="added: the card now has a section with content on it" if after is not None
            else "removed: the card no longer has a section with content on it"))
    return changes


def _coverage(fact: Fact[CardCoverage] | None) -> CardCoverage | None:
    return fact.value if fact is not None and fact.known else None


def _where(path: str, line: int | None) -> str:
    return f"{path} line {line}" if line else path


def access_terms(old: Assessment, new: Assessment) -> list[Change]:
    """Changes of how access is granted and of each term a user must accept or fill in.

    Gating added or removed is the gating change of the weights (``diff._gating``); the terms that came
    or went with it are listed too, since they are what a user must now accept."""
    was, now = _gating(old.gating), _gating(new.gating)
    if was is None or now is None:
        return []
    changes = []
    if was.gated and now.gated and was.gated != now.gated:
        changes.append(Change(kind="gating", subject="access approval", before=APPROVAL[was.gated],
                              after=APPROVAL[now.gated], reason="the host's gating mode changed"))
    for key in sorted((was.terms.keys() | now.terms.keys()) - {FIELDS}):
        changes += _term(TERM_LABELS.get(key, f"access term {key}"), was.terms.get(key), now.terms.get(key))
    fields_before, fields_after = was.terms.get(FIELDS), now.terms.get(FIELDS)
    if not all(isinstance(f, dict | None) for f in (fields_before, fields_after)):
        return changes + _term("access form", fields_before, fields_after)  # not label → type: as a whole
    before, after = fields_before or {}, fields_after or {}
    for label in sorted(before.keys() | after.keys(), key=str):
        changes += _term(f"access form field “{label}”", before.get(label), after.get(label))
    return changes


def _gating(fact: Fact[Gating] | None) -> Gating | None:
    """The fact's gating; a host that does not gate as not gated; None when unrecorded or unknown."""
    if fact is None or not fact.known:
        return None
    return fact.value or Gating(gated=False)


def _term(subject: str, before: Any, after: Any) -> list[Change]:
    # Text is compared with its whitespace collapsed: a prompt re-wrapped is the same prompt.
    was, now = _text(before), _text(after)
    if was == now:
        return []
    if was is None or now is None:
        return [Change(kind="gating", subject=subject, before=was, after=now,
                       reason="a new access term" if was is None else "the term was dropped")]
    shown_before, shown_after = changed_span(was, now)
    return [Change(kind="gating", subject=subject, before=shown_before, after=shown_after,
                   reason="the wording changed" if isinstance(before, str) and isinstance(after, str) else "changed")]


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "yes" if value else "no"
    text = value if isinstance(value, str) else json.dumps(value, sort_keys=True, ensure_ascii=False)
    return " ".join(text.split())


def not_compared(old: Assessment, new: Assessment) -> list[str]:
    """A note for each aspect the two reports do not both record, and why."""
    notes = []
    for aspect, facts in (("card sections", (old.card_sections, new.card_sections)),
                          ("access terms", (old.gating, new.gating))):
        why = _why_not(*facts)
        if why:
            notes.append(f"{aspect} not compared: {why}")
    return notes


def _why_not(old: Fact[Any] | None, new: Fact[Any] | None) -> str | None:
    missing = [side for side, fact in (("older", old), ("newer", new)) if fact is None]
    if missing:
        which = "either report" if len(missing) == 2 else f"the {missing[0]} report"
        return f"{which} does not record them (report schema 1.0; score it again with this openness)"
    assert old is not None and new is not None
    unknown = [(side, fact) for side, fact in (("older", old), ("newer", new)) if not fact.known]
    if not unknown:
        return None
    return "; ".join(f"the {side} report could not tell ({fact.reason or 'not known'})" for side, fact in unknown)
