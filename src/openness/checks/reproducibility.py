"""Reproducibility: can others install, rerun and check the work?"""

from __future__ import annotations

from .base import CheckContext, Outcome, failed, partial, passed, unknown
from .registry import check


@check("dependencies_declared")
def dependencies_declared(ctx: CheckContext) -> Outcome:
    """Dependencies are declared in a manifest a tool can install from."""
    fact = ctx.facts.claim("dependency_manifest")
    if fact.value is not None and fact.value.state == "stated":
        return passed(f"dependencies declared in {fact.evidence[0].path}", fact.evidence)
    if not fact.known:
        return unknown(fact.reason or "the file listing could not be read")
    return failed("no dependency manifest (requirements.txt, pyproject.toml, environment.yml, Dockerfile …)")


@check("dependencies_pinned")
def dependencies_pinned(ctx: CheckContext, min_pinned_share: float = 0.8) -> Outcome:
    """Exact versions: a lock file, a container image, or requirements pinned with ``==``."""
    fact = ctx.facts.pinning
    pinning = fact.value
    if not fact.known:
        return unknown(fact.reason or "the requirements could not be read")
    if pinning is None:
        return failed("no lock file and no pinned requirements")
    if pinning.lock_file:
        return passed(fact.reason or "lock file", fact.evidence)
    note = fact.evidence[0].note
    if pinning.share >= min_pinned_share:
        return passed(f"requirements pinned ({note})", fact.evidence)
    return partial(f"requirements partly pinned ({note})", pinning.share, fact.evidence)


@check("results_reproducible")
def results_reproducible(ctx: CheckContext) -> Outcome:
    """A results table with the exact commands that reproduce it (the ML code-completeness item 5)."""
    results = ctx.inventory.component("evaluation_results")
    commands = ctx.facts.claim("reproduction_commands").evidence
    if results.status == "present" and commands:
        return passed("results are published with the commands that produce them", results.evidence + commands)
    if results.status == "present":
        return partial("results are published but no command to reproduce them", 0.5, results.evidence)
    if commands:
        return partial("commands are documented but no results to compare against", 0.3, commands)
    unread = results if results.status == "unknown" else None
    if unread is not None or not ctx.facts.claim("reproduction_commands").known:
        return unknown(unread.note if unread is not None and unread.note
                       else ctx.facts.claim("reproduction_commands").reason or "the documentation could not be read")
    return failed("neither results nor commands to reproduce them")


@check("tagged_releases")
def tagged_releases(ctx: CheckContext) -> Outcome:
    """Versions others can cite and pin: releases or tags."""
    fact = ctx.facts.versioning
    if fact.value is None:
        return unknown(fact.reason or "releases could not be read")
    versioning = fact.value
    if versioning.tags:
        return passed(f"{len(versioning.tags)} releases or tags, latest {versioning.tags[0]}", fact.evidence)
    if versioning.revision:
        return partial("versioned only by commit hash, no tagged release", 0.5, fact.evidence)
    if not versioning.has_history:
        return failed("not a git checkout and no release tags found")
    return failed("no releases or tags")
