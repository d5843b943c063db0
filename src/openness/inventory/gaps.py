"""What each evidence gap hides, and which facts it blocks: the one rule every fact builder uses.

A gap names what was not read (``Gap.what``): the file listing (``tree``), document texts
(``documents``/``files``, optionally the ``paths`` among them), the README card (``card``), one
path, or a bundle member (``code o/r``, ``dataset o/d``, ``base model o/m``, ``datasets``).
``hidden_by`` turns a gap into the sources it hid; each fact and component names the sources it
reads (``READS``); ``unread`` gives the gap that makes a fact's absence unknown. A fact is
``absent`` only when every source it reads was read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from .. import patterns
from ..evidence import Gap, Member
from .signals import Signals

Source = Literal["tree", "readme", "config", "documents", "code", "dataset", "base_model", "branches", "croissant"]
"""What a fact reads: the file listing, README-like documents, ``config.json``, the other documents
(requirements, licence files …), a bundle member of that role (its files and documents), the
host's list of branches (where the Hub keeps intermediate checkpoints), or the Hub's Croissant
metadata of a dataset."""

LOST = frozenset({"gated", "private_or_missing", "not_found", "rate_limited", "forbidden", "server_error",
                  "offline", "unreadable", "symlink_outside", "symlink_loop", "too_large", "truncated"})
"""Gap kinds that mean something was not read. ``binary`` (not a document), ``invalid_metadata``,
``not_supported``, ``pending``, ``empty_repository`` and ``no_git`` hide no file."""

_MEMBER = re.compile(r"^(code|dataset|base model) (\S+)$")
_ROLES: dict[str, Source] = {"code": "code", "dataset": "dataset", "base model": "base_model", "datasets": "dataset"}
_HOST_FACTS = frozenset({"weights", "git history", "commit activity", "contributors", "releases", "tags",
                         "branch protection", "community profile"})
"""Gaps about one host fact (``Signals.gap`` reads them where that fact is built), not about files."""


_FILE_CLAIM: frozenset[Source] = frozenset({"tree", "code"})
_TEXT_CLAIM: frozenset[Source] = frozenset({"readme", "code"})

READS: dict[str, frozenset[Source]] = {
    # components (criteria/components.yaml keys)
    "architecture": frozenset({"tree", "config", "code"}),
    "final_parameters": frozenset({"tree", "readme"}),
    "evaluation_results": frozenset({"tree", "readme", "code"}),
    "model_card": frozenset({"tree", "readme"}),
    "data_card": frozenset({"tree", "readme", "dataset", "croissant"}),
    "technical_report": frozenset({"tree", "readme", "code"}),
    "sample_outputs": frozenset({"tree"}),
    "training_code": frozenset({"tree", "readme", "code"}),
    "inference_code": frozenset({"tree", "code"}),
    "evaluation_code": frozenset({"tree", "readme", "code"}),
    "evaluation_data": frozenset({"tree", "code", "dataset"}),
    "supporting_libraries": frozenset({"tree", "code"}),
    "datasets": frozenset({"tree", "readme", "dataset"}),
    "preprocessing_code": frozenset({"tree", "code"}),
    "intermediate_parameters": frozenset({"tree", "readme", "branches"}),
    "research_paper": frozenset({"tree", "readme", "code"}),
    "model_metadata": frozenset({"tree", "code"}),
    # facts of ``build_facts``
    "weights": frozenset({"tree"}),
    "readme": frozenset({"readme"}),
    "citation": frozenset({"tree", "readme", "code"}),
    "pinning": frozenset({"documents", "code"}),
    "base_model": frozenset({"base_model"}),
}
"""The sources each component and fact reads; claims read the tree (file claims) or the README-like
documents (text claims), of every member, so a lost code member blocks both."""


_SOURCE_WORDS: dict[Source, str] = {
    "tree": "the file listing", "readme": "the README and card", "config": "config.json",
    "documents": "the other documents", "code": "the linked code repositories", "dataset": "the dataset repositories",
    "base_model": "the base model's repository", "croissant": "the datasets' Croissant metadata"}
_ORDER: tuple[Source, ...] = ("tree", "readme", "config", "documents", "code", "dataset", "base_model", "croissant")


def looked_in(*keys: str) -> str:
    """Where the components or facts ``keys`` are looked for, in words (a failing requirement says it)."""
    read = frozenset().union(*(READS.get(key, frozenset()) for key in keys))
    return ", ".join(_SOURCE_WORDS[s] for s in _ORDER if s in read)


@dataclass(frozen=True)
class Hidden:
    """What one gap hid."""

    sources: frozenset[Source]
    paths: tuple[str, ...] = ()
    """Single files it hid, when it names them (a README symlinked out of the tree, a gated config.json)."""


def hidden_by(gap: Gap) -> Hidden | None:
    """The sources ``gap`` hid, or None when it hid nothing a fact reads."""
    if gap.kind not in LOST:
        return None
    what = gap.what
    if what in {"tree", "repository"}:
        return Hidden(frozenset({"tree"}))
    if what in {"documents", "files"}:
        return _documents(gap.paths) if gap.paths else Hidden(frozenset({"readme", "config", "documents"}))
    if what == "card":
        return Hidden(frozenset({"readme"}), ("README.md",))
    if what == "branches":
        return Hidden(frozenset({"branches"}))
    if what == "croissant":
        # The Hub has no Croissant metadata for the dataset (404): nothing was hidden, there is none.
        return None if gap.kind == "not_found" else Hidden(frozenset({"croissant"}))
    member = _MEMBER.match(what)
    if member or what == "datasets":
        return Hidden(frozenset({_ROLES[member.group(1) if member else what]}))
    if gap.kind == "truncated" or what in _HOST_FACTS:
        return None  # a document read up to its bound; a host fact with its own rule
    return _documents([what])  # anything else a source names is one path


def _documents(paths: Iterable[str]) -> Hidden:
    """Which sources lost files at ``paths`` belong to: README-like documents, ``config.json``, or others."""
    readme_like = patterns.file_query("readme_like")
    listed = tuple(paths)
    sources: set[Source] = set()
    for path in listed:
        sources.add("readme" if readme_like.match(path) else "config" if path == "config.json" else "documents")
    return Hidden(frozenset(sources), listed)


def blocking(signals: Signals, reads: Iterable[Source]) -> Gap | None:
    """The first gap of the evidence that hid one of ``reads``."""
    wanted = frozenset(reads)
    for gap, hidden in signals.memo("gaps_hidden", lambda: [(g, hidden_by(g)) for g in signals.evidence.all_gaps()]):
        if hidden is not None and hidden.sources & wanted:
            return gap
    return None


def unread(signals: Signals, name: str) -> Gap | None:
    """The gap that makes fact or component ``name`` unknown when it was not found, if there is one."""
    return blocking(signals, READS[name])


def unread_claim(signals: Signals, source: Literal["files", "documents"]) -> Gap | None:
    """The gap that makes a claim found in the tree (``files``) or in README-like documents unknown."""
    return blocking(signals, _FILE_CLAIM if source == "files" else _TEXT_CLAIM)


def path_unread(member: Member, path: str) -> Gap | None:
    """The gap of ``member`` that hid the text of ``path`` (a licence file listed but never read, say)."""
    for gap in member.gaps:
        hidden = hidden_by(gap)
        if hidden is None:
            continue
        if path in hidden.paths or (gap.what in {"documents", "files"} and not gap.paths):
            return gap
    return None


def blocking_tree_gap(signals: Signals) -> Gap | None:
    """The first gap that means part of a file listing was never seen (what the weights rule reads)."""
    return blocking(signals, ("tree",))
