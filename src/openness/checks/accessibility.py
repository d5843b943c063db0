"""Accessibility: can anyone obtain and use it, with low barriers?"""

from __future__ import annotations

from datetime import datetime, timedelta

from ..inventory import EvidenceRef
from .base import CheckContext, Outcome, failed, not_applicable, partial, passed, unknown
from .registry import check

PICKLE_FORMATS = (".bin", ".pt", ".pth", ".ckpt", ".pkl", ".pickle")
SAFE_FORMATS = (".safetensors", ".gguf", ".onnx", ".msgpack", ".h5", ".keras", ".tflite", ".npz", ".nemo")


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
    hits = ctx.signals.files(r"[^/]+\.(?:safetensors|gguf|onnx|msgpack|h5|keras|tflite|npz|nemo|bin|pt|pth|ckpt|pkl|pickle)", limit=500)
    hits = [h for h in hits if not h.path.lower().endswith(("training_args.bin", "optimizer.pt", "scheduler.pt"))]
    if not hits:
        return not_applicable("no weight files in the release")
    safe = [h for h in hits if h.path.lower().endswith(SAFE_FORMATS)]
    pickled = [h for h in hits if h.path.lower().endswith(PICKLE_FORMATS)]
    if safe and not pickled:
        return passed("weights are in safe formats only", [h.ref() for h in safe[:5]])
    if safe:
        return partial("safe formats are offered beside pickle-based files", 0.75, [h.ref() for h in (safe + pickled)[:5]])
    return failed("weights are pickle-based only (loading them can execute code)", [h.ref() for h in pickled[:5]])


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
    """Someone maintains it: commits in the last 90 days, not archived."""
    primary = ctx.signals.primary
    if primary.host.archived:
        return failed("the repository is archived", [EvidenceRef(member=primary.id, note="archived")])
    commits = primary.git.commits_90d if primary.git else primary.host.commits_90d
    if commits is None and primary.host.last_modified:
        fetched = datetime.fromisoformat(ctx.evidence.fetched_at)
        modified = datetime.fromisoformat(primary.host.last_modified.replace("Z", "+00:00"))
        recent = fetched - modified <= timedelta(days=90)
        ref = [EvidenceRef(member=primary.id, note=f"last modified {primary.host.last_modified}")]
        return passed("updated in the last 90 days", ref) if recent else partial("not updated in the last 90 days", 0.3, ref)
    if commits is None:
        return unknown("no commit history available (not a git checkout, or the host did not say)")
    ref = [EvidenceRef(member=primary.id, note=f"{commits} commits in 90 days")]
    if commits >= min_commits_90d:
        return passed(f"{commits} commits in the last 90 days", ref)
    if commits > 0:
        return partial(f"only {commits} commits in the last 90 days", commits / min_commits_90d, ref)
    return failed("no commits in the last 90 days", ref)


@check("issue_tracker")
def issue_tracker(ctx: CheckContext) -> Outcome:
    """Users can report problems: issues or discussions enabled on the host."""
    primary = ctx.signals.primary
    if primary.kind == "local":
        return unknown("a local checkout does not say whether the host's issue tracker is open")
    if primary.host.has_issues or primary.host.has_discussions:
        return passed("issues or discussions are enabled", [EvidenceRef(member=primary.id, note="issue tracker")])
    if primary.host.has_issues is None and primary.host.has_discussions is None:
        return unknown("the host did not say whether issues are enabled")
    return failed("issues and discussions are disabled")
