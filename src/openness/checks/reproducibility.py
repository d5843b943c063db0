"""Reproducibility: can others install, rerun and check the work?"""

from __future__ import annotations

import re

from ..inventory import EvidenceRef
from ..inventory.practices import dependency_manifests, lock_files, reproduction_commands
from .base import CheckContext, Outcome, failed, partial, passed, unknown
from .registry import check

_PINNED_LINE = re.compile(r"^\s*[A-Za-z0-9_.\-\[\]]+\s*==\s*[\w.*+!-]+", re.M)


@check("dependencies_declared")
def dependencies_declared(ctx: CheckContext) -> Outcome:
    """Dependencies are declared in a manifest a tool can install from."""
    hits = dependency_manifests(ctx.signals)
    if hits:
        return passed(f"dependencies declared in {hits[0].path}", [h.ref() for h in hits])
    return failed("no dependency manifest (requirements.txt, pyproject.toml, environment.yml, Dockerfile …)")


@check("dependencies_pinned")
def dependencies_pinned(ctx: CheckContext, min_pinned_share: float = 0.8) -> Outcome:
    """Exact versions: a lock file, a container image, or requirements pinned with ``==``."""
    locks = lock_files(ctx.signals)
    if locks:
        return passed(f"lock file {locks[0].path}", [h.ref() for h in locks])
    best: tuple[float, EvidenceRef | None] = (0.0, None)
    for member, doc in ctx.signals.documents(r"(?:.*/)?requirements[^/]*\.(?:txt|in)|(?:.*/)?environment[^/]*\.ya?ml"):
        total = len(re.findall(r"^\s*-?\s*[A-Za-z0-9][\w.\-\[\]]*\s*([<>=!~]=?|$)", doc.text, re.M))
        pinned = len(_PINNED_LINE.findall(doc.text)) + len(re.findall(r"^\s*-\s*[\w.\-]+=\d", doc.text, re.M))
        share = pinned / total if total else 0.0
        if share > best[0] or best[1] is None:
            best = (share, EvidenceRef(member=member.id, path=doc.path, note=f"{pinned} of {total} pinned"))
    share, ref = best
    if ref is not None and share >= min_pinned_share:
        return passed(f"requirements pinned ({ref.note})", [ref])
    if ref is not None:
        return partial(f"requirements partly pinned ({ref.note})", share, [ref])
    return failed("no lock file and no pinned requirements")


@check("results_reproducible")
def results_reproducible(ctx: CheckContext) -> Outcome:
    """A results table with the exact commands that reproduce it (the ML code-completeness item 5)."""
    results = ctx.inventory.component("evaluation_results")
    commands = reproduction_commands(ctx.signals)
    if results.status == "present" and commands:
        return passed("results are published with the commands that produce them", results.evidence + commands)
    if results.status == "present":
        return partial("results are published but no command to reproduce them", 0.5, results.evidence)
    if commands:
        return partial("commands are documented but no results to compare against", 0.3, commands)
    return failed("neither results nor commands to reproduce them")


@check("tagged_releases")
def tagged_releases(ctx: CheckContext) -> Outcome:
    """Versions others can cite and pin: releases or tags."""
    primary = ctx.signals.primary
    tags = [r.tag for r in primary.releases] or (primary.git.tags if primary.git else [])
    lost = ctx.signals.gap("releases", "tags")
    if not tags and lost is not None:
        return unknown(f"releases could not be read: {lost.reason}")
    if tags:
        return passed(f"{len(tags)} releases or tags, latest {tags[0]}",
                      [EvidenceRef(member=primary.id, note=f"tag {t}") for t in tags[:3]])
    if primary.kind.startswith("hf_") and primary.revision:
        return partial("versioned only by commit hash, no tagged release", 0.5,
                       [EvidenceRef(member=primary.id, note=f"revision {primary.revision}")])
    if primary.kind == "local" and primary.git is None:
        return failed("not a git checkout and no release tags found")
    return failed("no releases or tags")
