"""Which evidence gaps make an absence unknown: the one rule every fact builder uses."""

from __future__ import annotations

from ..evidence import Gap
from .signals import Signals

TREE_GAP_KINDS = frozenset({"gated", "private_or_missing", "truncated", "rate_limited", "forbidden", "offline"})
TREE_GAP_WHAT = frozenset({"files", "tree", "repository", "card"})


def blocking_tree_gap(signals: Signals) -> Gap | None:
    """The first gap that means part of a file listing (or the card) was never seen."""
    return next((g for g in signals.evidence.all_gaps() if g.kind in TREE_GAP_KINDS and g.what in TREE_GAP_WHAT), None)
