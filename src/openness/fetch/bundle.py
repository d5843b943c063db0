"""Score a model as the sum of its release: follow its card's links one level deep.

From the primary Hub model: GitHub code repositories (through the GitHub fetcher),
every Hub dataset the card names up to a per-run budget (existence, licence, gating, data
card), the base model (recorded and fetched, but its own links are not followed), arXiv ids
and other papers (already links of the primary member: evidence, no network). A member that
cannot be fetched becomes a gap of the evidence, never an error of the whole run. Each linked
member gets a ``BundleNote`` (followed, could not reach, skipped) and progress events as it happens
(``progress.emit``, which the CLI prints on stderr): "following dataset org/d" before its first
request, so a slow host never leaves the run silent, then a line only if it could not be reached;
datasets over the budget are one "skipped" event. One ``RequestCounter`` serves every member, so
``Evidence.requests`` and ``bytes`` count every request, those of members that failed half-way
included, and the members share the run's wait budget.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .. import progress
from ..errors import FetchError
from ..evidence import BundleNote, Evidence, Gap, Member, MemberRole, TargetRef
from ..targets import Target
from .failures import SourceFailure, gap_for
from .http import RequestCounter
from .hub_cache import HubCache
from .hub_client import HubKind, counting
from .hub_source import is_hub_id
from .huggingface import fetch_hub_member

if TYPE_CHECKING:
    from . import FetchOptions

MAX_CODE_MEMBERS = 2
MAX_DATASET_MEMBERS = 8
"""Datasets followed per run; the rest are one ``datasets`` gap that names them."""
MAX_BASE_MODELS = 2
FOLLOWED_HUB_DOCUMENTS = 2
"""Per followed Hub repository: the info call, then README.md and a licence."""

_TOOLING_OWNERS = frozenset({
    "huggingface", "pytorch", "tensorflow", "keras-team", "onnx", "google", "ggerganov", "ggml-org",
    "vllm-project", "sgl-project", "mlc-ai", "oobabooga", "nvidia", "microsoft", "facebookresearch",
    "openai", "apple", "intel", "triton-lang", "dao-ailab", "timdettmers", "bitsandbytes-foundation",
    "autogptq", "turboderp", "unslothai", "axolotl-ai-cloud", "openaccess-ai-collective",
})
"""Owners whose repositories a card usually links as tooling (libraries, runtimes), not as the
model's own code: followed only when the repository name matches the model's."""
_STOPWORDS = frozenset({"base", "large", "small", "medium", "model", "models", "instruct", "chat", "hf",
                        "the", "and", "for", "v1", "v2", "v3", "uncased", "cased", "finetuned", "fine", "tuned"})


def fetch_hub_target(target: Target, options: FetchOptions) -> Evidence:
    """Evidence of a Hub model or dataset, with its bundle unless ``options.follow_links`` is off."""
    kind: HubKind = "hf_model" if target.kind == "hf_model" else "hf_dataset"
    cache = HubCache(use_cache=options.use_cache, offline=options.offline)
    follow = options.follow_links and kind == "hf_model"
    bundle = _Bundle()
    counter = RequestCounter(options.max_wait_seconds)
    with counting(counter):
        primary = fetch_hub_member(kind, target.id, target.revision, role="primary", cache=cache,
                                   offline=options.offline, counter=counter, read_config=options.read_config)
        bundle.members.append(primary)
        if follow:
            _follow_hub(primary, bundle, cache=cache, options=options, counter=counter)
    if follow:
        _follow_github(primary, bundle, options, counter)
    return Evidence(
        target=TargetRef(kind=kind, id=primary.id, revision=target.revision),
        fetched_at=options.now.isoformat(timespec="seconds"),
        members=bundle.members,
        requests=counter.total,
        bytes=counter.bytes,
        gaps=bundle.gaps,
        bundle=bundle.ordered_notes(),
    )


@dataclass
class _Bundle:
    """What following the links gathered: members, gaps of the ones lost, and a note per linked member."""

    members: list[Member] = field(default_factory=list)
    gaps: list[Gap] = field(default_factory=list)
    notes: list[BundleNote] = field(default_factory=list)

    @staticmethod
    def following(role: MemberRole, repo_id: str) -> None:
        """Say which member is fetched now, before its first request."""
        progress.emit("follow", f"following {role.replace('_', ' ')} {repo_id}")

    def followed(self, member: Member, position: int | None = None) -> None:
        self.members.insert(len(self.members) if position is None else position, member)
        self.notes.append(BundleNote(role=member.role, id=member.id, outcome="followed"))

    def lost(self, role: MemberRole, repo_id: str, gap: Gap) -> None:
        self.gaps.append(gap)
        self.notes.append(BundleNote(role=role, id=repo_id, outcome="unreachable", reason=gap.reason))
        progress.emit("unreachable", self.notes[-1].line())

    def ordered_notes(self) -> list[BundleNote]:
        order = {"code": 0, "dataset": 1, "base_model": 2}
        return sorted(self.notes, key=lambda note: order.get(note.role, 3))


def _follow_github(primary: Member, bundle: _Bundle, options: FetchOptions, counter: RequestCounter) -> None:
    """Fetch the model's code repositories through the GitHub fetcher, counting into ``counter``."""
    from .github import fetch_github_member  # imported on use: PyGithub is slow to import

    for position, owner_repo in enumerate(code_repositories(primary), start=1):
        bundle.following("code", owner_repo)
        try:
            member, _ = fetch_github_member(owner_repo, None, options, role="code", counter=counter)
        except FetchError as error:  # the shared mapping: a lost repository is a gap of the bundle
            bundle.lost("code", owner_repo, gap_for(error, f"code {owner_repo}"))
            continue
        bundle.followed(member, position)


def _follow_hub(primary: Member, bundle: _Bundle, *, cache: HubCache, options: FetchOptions,
                counter: RequestCounter) -> None:
    """Every dataset the card names (up to ``MAX_DATASET_MEMBERS``) and the base models, one level deep."""
    datasets = _targets(primary, "hf_dataset")
    valid = [t for t in datasets if is_hub_id(t)]
    over = valid[MAX_DATASET_MEMBERS:]
    hub_links: list[tuple[HubKind, str, MemberRole]] = [
        ("hf_dataset", t, "dataset") for t in datasets if not is_hub_id(t) or t in valid[:MAX_DATASET_MEMBERS]
    ] + [("hf_model", t, "base_model") for t in _base_models(primary)[:MAX_BASE_MODELS]]
    budget: Gap | None = None
    if over:
        budget = Gap(what="datasets", kind="truncated", paths=over, reason=(
            f"skipped {len(over)} more dataset{'s' if len(over) != 1 else ''}: budget of "
            f"{MAX_DATASET_MEMBERS} datasets per run ({', '.join(over[:3])}{' …' if len(over) > 3 else ''})"))
        bundle.gaps.append(budget)
    stopped: Gap | None = None
    for kind, repo_id, role in hub_links:
        what = f"{role.replace('_', ' ')} {repo_id}"
        if any(m.id == repo_id and m.kind == kind for m in bundle.members):
            continue
        if not is_hub_id(repo_id):  # cards often name data in free text ("The Pile")
            bundle.lost(role, repo_id, Gap(what=what, kind="invalid_metadata",
                                           reason="the card names it, but it is not a Hub repository id: not followed"))
            continue
        if stopped is not None:
            bundle.lost(role, repo_id, Gap(what=what, kind="rate_limited", reason=f"not tried: {stopped.reason}"))
            continue
        bundle.following(role, repo_id)
        try:
            member = fetch_hub_member(kind, repo_id, None, role=role, cache=cache, offline=options.offline,
                                      counter=counter, refs=False, max_documents=FOLLOWED_HUB_DOCUMENTS)
        except SourceFailure as error:
            gap = gap_for(error, what)
            bundle.lost(role, repo_id, gap)
            stopped = gap if error.gap_kind == "rate_limited" else None
            continue
        bundle.followed(member)
    bundle.notes.extend(BundleNote(role="dataset", id=t, outcome="skipped", reason="budget") for t in over)
    if budget is not None:
        progress.emit("skip", budget.reason)


def _targets(member: Member, kind: str) -> list[str]:
    """Distinct link targets of ``kind``, card metadata first (what the authors declared)."""
    chosen = sorted((link for link in member.links if link.kind == kind),
                    key=lambda link: not link.found_in.startswith("card metadata"))
    return list(dict.fromkeys(link.target for link in chosen))


def _base_models(member: Member) -> list[str]:
    """The card's ``base_model`` links, then the ones only the host's metadata states."""
    declared = [link.target for link in member.links
                if link.kind == "hf_model" and link.found_in == "card metadata: base_model"]
    return [t for t in dict.fromkeys(declared + member.host.base_models) if t != member.id]


def _tokens(text: str) -> set[str]:
    return {t for t in re.split(r"[^a-z0-9]+", text.lower()) if len(t) >= 3 and t not in _STOPWORDS}


def code_repositories(model: Member) -> list[str]:
    """GitHub repositories that are most likely the model's own code, best first.

    A repository counts when its name shares a word with the model's name or its owner is
    the model's organisation; tooling owners (``huggingface/transformers`` …) need a name
    match. A card with a single non-tooling GitHub link gets that link.
    """
    org, _, name = model.id.rpartition("/")
    model_words = _tokens(name)
    ranked: list[tuple[int, int, str]] = []
    others: list[str] = []
    for index, target in enumerate(_targets(model, "github")):
        owner, _, repo = target.partition("/")
        name_match = len(model_words & _tokens(repo))
        score = 2 * name_match + (1 if org and owner.lower() == org.lower() else 0)
        if owner.lower() in _TOOLING_OWNERS and not name_match:
            continue
        if score:
            ranked.append((-score, index, target))
        else:
            others.append(target)
    if ranked:
        return [target for _, _, target in sorted(ranked)[:MAX_CODE_MEMBERS]]
    return others if len(others) == 1 else []
