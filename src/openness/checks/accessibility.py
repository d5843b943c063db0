"""Accessibility: can anyone obtain and use it, with low barriers?"""

from __future__ import annotations

from .base import CheckContext, Outcome, failed, not_applicable, partial, passed, unknown
from .registry import check


@check("weights_open_access")
def weights_open_access(ctx: CheckContext) -> Outcome:
    """Weights download without an access request (gated = partial, as in the OSAI index)."""
    weights = ctx.inventory.component("final_parameters")
    if weights.status == "unknown":
        return unknown(weights.note or "could not tell whether weights are available")
    if weights.status == "absent":
        return failed("no downloadable weights")
    if weights.access == "gated":
        return partial("weights are gated: users must request access", 0.5, weights.evidence)
    if weights.access == "private":
        return failed("weights are in a private repository", weights.evidence)
    if weights.status == "partial":
        return partial(weights.note or "weights mentioned, not located", 0.5, weights.evidence)
    return passed("weights are downloadable without an access request", weights.evidence)


@check("safe_weight_format")
def safe_weight_format(ctx: CheckContext) -> Outcome:
    """Weights in a format that cannot run code on load (safetensors, GGUF, ONNX), not pickle."""
    weights = ctx.facts.weights.value or []
    if not weights:
        return not_applicable("no weight files in the release")
    safe = [w for w in weights if not w.runs_code]
    pickled = [w for w in weights if w.runs_code]
    if safe and not pickled:
        return passed("weights are in safe formats only", [w.ref() for w in safe[:5]])
    if safe:
        return partial("safe formats are offered beside pickle-based files", 0.75, [w.ref() for w in (safe + pickled)[:5]])
    return failed("weights are pickle-based only (loading them can execute code)", [w.ref() for w in pickled[:5]])


@check("datasets_accessible")
def datasets_accessible(ctx: CheckContext) -> Outcome:
    """The training data can be obtained."""
    datasets = ctx.inventory.component("datasets")
    if datasets.status == "unknown":
        return unknown(datasets.note or "could not check the datasets")
    if datasets.status == "absent":
        return failed("no training dataset is published or linked")
    if datasets.access == "gated":
        return partial("datasets are gated", 0.5, datasets.evidence)
    return passed("training data is published or linked", datasets.evidence)


@check("recent_activity")
def recent_activity(ctx: CheckContext, min_commits_90d: int = 3) -> Outcome:
    """Someone maintains it: commits in the last 90 days, not archived. A release its maintainers
    declare finished is not asked for new commits; a deprecated one fails, naming its successor."""
    status = ctx.facts.maintenance.value
    if status is not None and status.status == "finished":
        return not_applicable(f"finished, {status.by}: a finished, stable release needs no new commits")
    if status is not None and status.status == "deprecated":
        successor = f"; its successor is {status.successor}" if status.successor else ""
        return failed(f"deprecated: {status.by}{successor}", ctx.facts.maintenance.evidence)
    fact = ctx.facts.activity
    if fact.value is None:
        return unknown(fact.reason or "no commit history available")
    activity, ref = fact.value, fact.evidence
    if activity.archived:
        return failed("the repository is archived", ref)
    commits = activity.commits_90d
    if commits is None:
        recent = activity.modified_within_90d
        return passed("updated in the last 90 days", ref) if recent else partial("not updated in the last 90 days", 0.3, ref)
    if commits >= min_commits_90d:
        return passed(f"{commits} commits in the last 90 days", ref)
    if commits > 0:
        return partial(f"only {commits} commits in the last 90 days", commits / min_commits_90d, ref)
    return failed("no commits in the last 90 days", ref)


@check("issue_tracker")
def issue_tracker(ctx: CheckContext) -> Outcome:
    """Users can report problems: issues or discussions enabled on the host."""
    fact = ctx.facts.issue_tracker
    if not fact.known:
        return unknown(fact.reason or "the host did not say whether issues are enabled")
    if fact.value:
        return passed("issues or discussions are enabled", fact.evidence)
    return failed("issues and discussions are disabled")
