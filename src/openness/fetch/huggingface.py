"""Fetch one Hugging Face Hub repository (model or dataset) as a ``Member``.

A model costs 2 requests cold, 3 with a licence file: one info call with file metadata (the
listing with sizes and LFS, the card's metadata as the Hub parsed it, ``config.json``'s
architectures and model type, the safetensors parameter count), one bounded GET of README.md
(the card) and one of each root licence file (the terms themselves: the card's ``license`` key
is only a claim about them, and ``license-consistent`` compares the two; skipping the file would
leave ``license-declared`` unknown for most models to save one request). Any other request is
made only when it can tell something the info call cannot, and what is not read is a gap with
its reason (so the facts it would give are ``unknown``, never ``absent``):

* ``config.json`` only when the info call carries no architectures or model type;
* the refs call (branches such as ``step1000`` hold intermediate checkpoints; tags are versions)
  only when the card speaks of checkpoints, revisions or branches (``refs_mentioned`` in
  ``patterns.yaml``) or a revision was asked: a card that publishes checkpoints says how to
  load them. Otherwise tags and branches are unknown, with that reason;
* other documents (requirements, CONTRIBUTING …) are left within the request budget: one gap;
  evaluation results and a bill of materials are read when the listing shows them.

Weights are described from the listing and never downloaded. Warm runs send the info call (and
the refs call, when read) conditionally (a 304 each while nothing changed) and read documents,
and the reads the Hub refused, from the (repo, sha) cache: no full download.

Only the info call is required: a failed refs call is a ``tags`` gap (tags and branches unknown),
a failed document read a gap of that path; neither fails the fetch.
"""

from __future__ import annotations

import re

from .. import patterns
from ..evidence import Croissant, Document, FileEntry, Gap, GapKind, HostFacts, Link, Member, MemberRole, Offer, Release
from ..release_files import is_bom_file, is_eval_results
from . import links
from .croissant import CroissantError, parse_croissant
from .documents import MAX_DOCUMENT_BYTES, document_priority, make_document, readme_card_data, select_documents
from .failures import OfflineError, SourceFailure, gap_for
from .http import RequestCounter
from .hub_cache import HubCache
from .hub_client import HubKind, HubRepo, croissant_url, read_croissant, read_document, repo_facts, web_url, with_refs
from .hub_source import DATASETS, MODELS

MAX_DOCUMENTS = 3
"""Documents read from the network for a repository fetched alone, at most: the card, a licence,
and ``config.json`` when the info call did not say what it says (see the module's docstring).
With the info and refs calls a model costs at most ``MAX_COLD_REQUESTS`` cold when the Hub
answers at once, usually 2 or 3. Retries and redirect hops do not shrink it: a flaky Hub costs
more requests, not fewer documents."""
MAX_COLD_REQUESTS = 2 + MAX_DOCUMENTS
MAX_EVAL_RESULTS = 4
"""``.eval_results/*.yaml`` files read from the network, beside the documents' budget: requested only
when the listing shows such files (the Hub's evaluation results, one file per benchmark score)."""
CROISSANT = "/api/croissant"
"""The cache slot of a dataset's Croissant answer (no file of a repository has a path starting with ``/``)."""

_LICENSE_NAME = re.compile(r"^(licen[cs]e|copying|notice)", re.I)

OFFERS: list[Offer] = ["card", "host_metadata", "tags", "branches"]
"""The README is the card; refs give tags and branches; the Hub counts no contributors or issues."""

REFUSED = frozenset({"gated", "forbidden", "not_found", "private_or_missing"})
"""Gap kinds of a document read that the same revision and credential would get again: remembered."""



def fetch_hub_member(kind: HubKind, repo_id: str, revision: str | None, *, role: MemberRole,
                     cache: HubCache, offline: bool, counter: RequestCounter, refs: bool = True,
                     max_documents: int = MAX_DOCUMENTS, read_config: bool = False) -> Member:
    """Evidence of one Hub repository; raises a ``SourceFailure`` when the repository itself cannot be had.

    Requests are counted in ``counter`` (its wait budget bounds the retries); at most ``max_documents``
    documents are read from the network (the rest become one ``truncated`` gap). Failures of the
    refs call and of single documents are gaps.
    """
    gaps: list[Gap] = []
    facts, previous = _facts(kind, repo_id, revision, cache=cache, offline=offline, counter=counter)
    files = [FileEntry(path=f.path, size=f.size, lfs=f.lfs, sha256=f.sha256) for f in facts.files]
    url = web_url(kind, facts.id)
    if facts.disabled:
        gaps.append(Gap(what="files", kind="forbidden", reason="the Hugging Face Hub has disabled this repository"))
        documents: list[Document] = []
    else:
        documents = _documents(facts, [f for f in files if not is_eval_results(f.path)], gaps, cache=cache,
                               offline=offline, counter=counter, max_reads=max_documents, read_config=read_config)
        documents += _eval_results(facts, files, gaps, cache=cache, offline=offline, counter=counter)
    croissant = None if facts.disabled or kind != DATASETS.kind else \
        _croissant(facts, gaps, cache=cache, offline=offline, counter=counter)
    card_data = _card_data(facts, documents, gaps)
    if refs:
        facts = _refs(facts, previous, documents, revision, offline=offline, counter=counter, gaps=gaps)
    if not offline:
        cache.store_facts(repo_id, revision, facts)
    if facts.gated:
        how = "approved by the authors" if facts.gated == "manual" else "granted on accepting the conditions"
        gaps.append(Gap(what="weights", kind="gated",
                        reason=f"gated repository: access is {how}; request it at {url}, then set HF_TOKEN"))
    source = MODELS if kind == MODELS.kind else DATASETS
    return Member(
        role=role,
        kind=kind,
        source_label=source.label,
        offers=OFFERS,
        content="model" if source is MODELS else "dataset",
        id=facts.id,
        revision=facts.sha,
        web_url=url,
        files=files,
        documents=documents,
        card_data=card_data,
        croissant=croissant,
        host=_host(facts),
        releases=[Release(tag=tag) for tag in facts.ref_tags],
        links=_links(documents, card_data, facts.tags),
        gaps=gaps,
    )


def _facts(kind: HubKind, repo_id: str, revision: str | None, *, cache: HubCache, offline: bool,
           counter: RequestCounter) -> tuple[HubRepo, HubRepo | None]:
    """The info call's facts (conditional on the cached ones), and the cached ones."""
    label = f"{'hf' if kind == 'hf_model' else 'hf-dataset'}:{repo_id}"
    previous = cache.load_facts(kind, repo_id, revision)
    if offline:
        if previous is None:
            raise OfflineError(f"{label}{'@' + revision if revision else ''} is not in the cache; "
                               "run once without --offline")
        return previous, previous
    return repo_facts(kind, repo_id, revision, counter, previous), previous


def _refs(facts: HubRepo, previous: HubRepo | None, documents: list[Document], revision: str | None, *,
          offline: bool, counter: RequestCounter, gaps: list[Gap]) -> HubRepo:
    """``facts`` with the branches and tags, when the card gives a reason to ask for them."""
    label = f"{'hf' if facts.kind == 'hf_model' else 'hf-dataset'}:{facts.id}"
    if not _refs_wanted(documents, facts, revision):
        gaps.extend(_refs_gaps("truncated", (
            "the Hub's refs (checkpoint branches, version tags) were not asked: the card speaks of no "
            "checkpoints, revisions or branches (one request saved)")))
        return facts.model_copy(update={"branches": None, "ref_tags": [], "refs_etag": None})
    if offline:
        if facts.branches is None:
            gaps.extend(_refs_gaps("offline", f"tags and branches of {label} are not in the cache "
                                              "(its refs were not read online)"))
        return facts
    try:
        return with_refs(facts, counter, previous)
    except SourceFailure as error:  # optional: the repository is still scored, its versions unknown
        gaps.extend(_refs_gaps(error.gap_kind, f"tags and branches (the Hub's refs) could not be read: {error}"))
        return facts.model_copy(update={"branches": None, "ref_tags": [], "refs_etag": None})


def _refs_wanted(documents: list[Document], facts: HubRepo, revision: str | None) -> bool:
    """A revision was asked, or the card mentions checkpoints, revisions or branches."""
    if revision is not None:
        return True
    mention = patterns.text("refs_mentioned")
    readme = next((d for d in documents if d.path.lower() == "readme.md"), None)
    return readme is None or mention.search(readme.text) is not None


def _refs_gaps(kind: GapKind, reason: str) -> list[Gap]:
    """The refs answer holds two host facts: the tags (versioning) and the branches (checkpoints)."""
    return [Gap(what="tags", kind=kind, reason=reason), Gap(what="branches", kind=kind, reason=reason)]


def _document_order(path: str) -> tuple[int, tuple[int, int, str]]:
    """README.md first (the card), then licences, then config.json, then the usual priority."""
    lowered = path.lower()
    rank = 0 if lowered == "readme.md" else 1 if _LICENSE_NAME.match(path) and "/" not in path \
        else 2 if lowered == "config.json" else 3
    return rank, document_priority(path)


def _documents(facts: HubRepo, files: list[FileEntry], gaps: list[Gap], *, cache: HubCache, offline: bool,
               counter: RequestCounter, max_reads: int, read_config: bool = False) -> list[Document]:
    sizes = {f.path: f.size for f in files}
    wanted = sorted(select_documents(sizes), key=_document_order)
    documents: list[Document] = []
    skipped: dict[str, list[str]] = {}
    """Why documents were not read → their paths."""
    stopped = False
    for path in wanted:
        why = _not_needed(path, facts, read_config)
        if why is not None:
            skipped.setdefault(why, []).append(path)
            continue
        result = (cache.load_document(facts.kind, facts.id, facts.sha, path)
                  or cache.load_refusal(facts.kind, facts.id, facts.sha, path)) if facts.sha else None
        if result is None:
            if stopped or offline or max_reads <= 0 or not facts.sha:
                why = ("offline and not in the cache" if offline else "the Hub stopped answering" if stopped
                       else "kept within the request budget")
                skipped.setdefault(why, []).append(path)
                continue
            max_reads -= 1
            try:
                data = read_document(facts.kind, facts.id, facts.sha, path, MAX_DOCUMENT_BYTES, counter)
            except SourceFailure as error:
                gap = gap_for(error, "card" if path == "README.md" and error.gap_kind == "gated" else path)
                gaps.append(gap)
                if error.gap_kind in REFUSED:
                    cache.store_refusal(facts.kind, facts.id, facts.sha, path, gap)
                stopped = error.gap_kind in {"rate_limited", "server_error"}
                continue
            document, document_gaps = make_document(path, data, sizes.get(path) or len(data))
            result = document if document is not None else document_gaps[0]  # a binary file's gap
            cache.store_document(facts.kind, facts.id, facts.sha, path, result)
        if isinstance(result, Gap):
            gaps.append(result)
            continue
        documents.append(result)
        if result.truncated:
            gaps.append(Gap(what=path, kind="truncated",
                            reason=f"{result.size} bytes; only the first {MAX_DOCUMENT_BYTES} were read"))
    for why, paths in skipped.items():
        gaps.append(Gap(what="documents", kind="offline" if why.startswith("offline") else "truncated", paths=paths,
                        reason=f"{len(paths)} documents not read ({why}): {', '.join(paths[:5])}"))
    documents.sort(key=lambda d: d.path)
    return documents


def _not_needed(path: str, facts: HubRepo, read_config: bool = False) -> str | None:
    """Why reading ``path`` would cost a request for nothing the info call did not say; None to read it.

    The card and the root licence files are always read (the terms themselves: the card's
    ``license`` key is only a claim about them, which ``license-consistent`` checks), and a bill
    of materials when the listing has one. ``config.json`` says the architectures and model type
    the info call already gives, so it is read only when asked (``read_config``: its hyperparameters, for
    the bills of materials). Anything else is beyond the budget of a model's fetch.
    """
    lowered = path.lower()
    if lowered == "readme.md" or is_eval_results(path) or is_bom_file(path):
        return None  # the card; a bill of materials (a declaration, rare); results have their own budget
    if "/" not in path and _LICENSE_NAME.match(path):
        return None  # the terms themselves: the card's ``license`` key is a claim about them
    if lowered == "config.json":
        return "the Hub's metadata gives its architectures and model type" if facts.config and not read_config \
            else None
    return "kept within the request budget"


def _eval_results(facts: HubRepo, files: list[FileEntry], gaps: list[Gap], *, cache: HubCache, offline: bool,
                  counter: RequestCounter) -> list[Document]:
    """The ``.eval_results/*.yaml`` files of a model, read only when the listing shows some."""
    results = [f for f in files if is_eval_results(f.path)]
    if not results:
        return []
    return _documents(facts, results, gaps, cache=cache, offline=offline, counter=counter, max_reads=MAX_EVAL_RESULTS)


def _croissant(facts: HubRepo, gaps: list[Gap], *, cache: HubCache, offline: bool,
               counter: RequestCounter) -> Croissant | None:
    """A dataset's Croissant metadata (one request, cached by commit). A failing route is a ``croissant``
    gap with its reason, never a failed fetch: the dataset is scored from its files and card."""
    url = croissant_url(facts.id)
    result = (cache.load_document(facts.kind, facts.id, facts.sha, CROISSANT)
              or cache.load_refusal(facts.kind, facts.id, facts.sha, CROISSANT)) if facts.sha else None
    if result is None:
        if offline or not facts.sha:
            gaps.append(Gap(what="croissant", kind="offline", reason="the Croissant metadata is not in the cache"))
            return None
        try:
            data = read_croissant(facts.id, MAX_DOCUMENT_BYTES, counter)
        except SourceFailure as error:
            gap = gap_for(error, "croissant")
            gaps.append(gap)
            if error.gap_kind in REFUSED:
                cache.store_refusal(facts.kind, facts.id, facts.sha, CROISSANT, gap)
            return None
        document, problems = make_document(CROISSANT, data, len(data))
        result = document if document is not None else problems[0]
        cache.store_document(facts.kind, facts.id, facts.sha, CROISSANT, result)
    if isinstance(result, Gap):
        gaps.append(result.model_copy(update={"what": "croissant"}))
        return None
    if result.truncated:
        gaps.append(Gap(what="croissant", kind="too_large",
                        reason=f"the Croissant metadata is over {MAX_DOCUMENT_BYTES} bytes and was not parsed"))
        return None
    try:
        return parse_croissant(result.text, url)
    except CroissantError as error:
        gaps.append(Gap(what="croissant", kind="invalid_metadata", reason=f"the Hub's Croissant answer is {error}"))
        return None


def _card_data(facts: HubRepo, documents: list[Document], gaps: list[Gap]) -> dict | None:
    """Front matter of README.md as read here (same rule as local mode); the Hub's parse otherwise."""
    data, gap = readme_card_data(documents)
    if gap is not None:
        gaps.append(gap)
    return data if data is not None else facts.card_data


def _links(documents: list[Document], card_data: dict | None, tags: list[str]) -> list[Link]:
    """Links of the documents and card, plus arXiv ids the Hub derived into tags (seen even when gated)."""
    found = links.extract(documents, card_data)
    known = {(link.kind, link.target) for link in found}
    for tag in tags:
        if tag.startswith("arxiv:") and ("arxiv", tag[6:]) not in known:
            found.append(Link(kind="arxiv", target=tag[6:], found_in="hub tags"))
    return sorted(found, key=lambda link: (link.kind, link.target, link.found_in))


def _host(facts: HubRepo) -> HostFacts:
    license_tag = next((t.removeprefix("license:") for t in facts.tags if t.startswith("license:")), None)
    extra: dict = {"author": facts.author} if facts.author else {}
    card = facts.card_data or {}
    bases, relation = _base_models(card, facts.tags)
    return HostFacts(
        created_at=facts.created_at,
        last_modified=facts.last_modified,
        private=facts.private,
        gated=facts.gated,
        disabled=facts.disabled,
        downloads=facts.downloads,
        likes=facts.likes,
        library=facts.library,
        pipeline_tag=facts.pipeline_tag,
        tags=facts.tags,
        license_detected=license_tag,
        branches=facts.branches or [],
        parameters=facts.parameters,
        architectures=[str(a) for a in facts.config.get("architectures") or [] if isinstance(a, str)],
        model_type=facts.config.get("model_type") if isinstance(facts.config.get("model_type"), str) else None,
        base_models=bases,
        base_model_relation=relation,
        gated_terms={k.removeprefix("extra_gated_"): v for k, v in card.items() if k.startswith("extra_gated_")},
        default_branch="main",
        visibility=None if facts.private is None else "private" if facts.private else "public",
        extra=extra,
    )


def _base_models(card: dict, tags: list[str]) -> tuple[list[str], str | None]:
    """Base models the Hub states (the card's ``base_model``, ``base_model:[RELATION:]ID`` tags) and the relation."""
    declared = card.get("base_model")
    bases = [declared] if isinstance(declared, str) else [b for b in declared or [] if isinstance(b, str)]
    relation = card.get("base_model_relation") if isinstance(card.get("base_model_relation"), str) else None
    for tag in tags:
        parts = tag.split(":")
        if parts[0] != "base_model" or len(parts) not in (2, 3):
            continue
        bases.append(parts[-1])
        if len(parts) == 3:
            relation = relation or parts[1]
    return list(dict.fromkeys(bases)), relation
