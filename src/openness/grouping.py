"""One statement, once, with everything it applies to: "code, weights: no commercial use", not the
sentence twice (issue 12: restrictions that apply to several components are stated once).

Used wherever a per-component list is turned into words: the buyer's restrictions and duties, the
licence reasons of the checks and lenses.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

Subject = TypeVar("Subject", bound=str)


def stated_once(pairs: Iterable[tuple[Subject, str]]) -> list[tuple[list[Subject], str]]:
    """``(subject, statement)`` pairs as ``(subjects, statement)``, each statement once with every subject
    it was said of; statements in the order first said, subjects in the order given, none twice."""
    grouped: dict[str, list[Subject]] = {}
    for subject, statement in pairs:
        subjects = grouped.setdefault(statement, [])
        if subject not in subjects:
            subjects.append(subject)
    return [(subjects, statement) for statement, subjects in grouped.items()]


def said_once(pairs: Iterable[tuple[str, str]]) -> str:
    """``stated_once`` in words: "model card, model architecture (Llama 3 Licence), inference code (no licence)"."""
    return ", ".join(f"{', '.join(subjects)} ({statement})" for subjects, statement in stated_once(pairs))
