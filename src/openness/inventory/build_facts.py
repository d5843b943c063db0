"""Evidence → Facts: each question about the evidence answered once, from ``patterns.yaml``.

The builders here and in ``components``/``weights`` are the only code that reads paths and
document text; everything downstream reads the ``Facts`` they return.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from .. import patterns
from ..evidence import Gap
from .boms import read_boms
from .commands import is_placeholder
from .croissant import data_described, rai_ref
from .dataset_description import dataset_descriptions_fact
from .facts import (
    DATASHEET_GROUPS,
    Activity,
    BaseModelRef,
    BomEntry,
    CardCoverage,
    Claim,
    DataInformation,
    DataRelease,
    DatasheetCoverage,
    DataSourceKind,
    Fact,
    Facts,
    Gating,
    Maintenance,
    OwnPaper,
    Pinning,
    ReadmeShape,
    Versioning,
    hosted_on_hub,
    known,
    unknown,
)
from .gaps import unread, unread_claim
from .kind import DeclaredKind, judged_kind, kind_fact, ml_dependency
from .model import Component, EvidenceRef
from .model_description import model_description_fact
from .openness_claims import maintenance, openness_claims
from .ownership import OWN_ROLES, normalised, weight_links
from .practices import dependency_manifests, installation, lock_files, reproduction_commands, usage_instructions
from .prose import bibtex_entry, read_lines
from .signals import Hit, Signals
from .weights import weight_files, weights_fact


@dataclass(frozen=True)
class FileClaim:
    """A claim made by a file in the tree: found by a ``patterns.yaml`` query, at least ``min_bytes`` long."""

    what: str
    query: str
    min_bytes: int = 1


@dataclass(frozen=True)
class TextClaim:
    """A claim a README-like document makes: where the ``patterns.yaml`` text pattern fires."""

    what: str
    pattern: str


CLAIMS: dict[str, FileClaim | TextClaim] = {
    "changelog": FileClaim("changelog", "changelog"),
    "automated_tests": FileClaim("automated tests", "automated_tests"),
    "ci_configuration": FileClaim("CI configuration", "ci_configuration"),
    "contribution_guide": FileClaim("contribution guide", "contribution_guide"),
    "code_of_conduct": FileClaim("code of conduct", "code_of_conduct"),
    "security_policy": FileClaim("security policy", "security_policy", min_bytes=50),
    "governance_docs": FileClaim("governance documentation", "governance_docs"),
    "documentation_pages": FileClaim("documentation pages", "documentation_pages"),
    "lock_file": FileClaim("lock file", "lock_file"),
    "hardware_disclosed": TextClaim("training hardware", "hardware_disclosed"),
    "usage_sections": TextClaim("usage instructions", "usage_sections"),
    "architecture_described": TextClaim("architecture description", "architecture_described"),
}
"""Claims answered by one pattern; the others (dependencies, compute, training data, installation, usage, commands) have their own builders."""


def build_facts(signals: Signals, components: list[Component], declared: DeclaredKind | None = None,
                status: Maintenance | None = None) -> Facts:
    """Every fact of the evidence; ``components`` are the inventory's, already detected; ``declared``
    is the kind the user set, which replaces the judged one (``kind_judged`` keeps it); ``status`` the
    maintained status the maintainers declared."""
    by_key = {c.key: c for c in components}
    judged = judged_kind(signals, by_key["evaluation_results"])
    claims = {name: _claim(signals, name, rule) for name, rule in CLAIMS.items()}
    claims |= {
        "dependency_manifest": _hits_claim(signals, "dependency_manifest", "dependency manifest",
                                           dependency_manifests(signals)),
        "compute_disclosed": _compute(signals),
        "training_data_described": _training_data(signals),
        "ml_framework_dependency": _ml_framework(signals),
        "architecture_code": _hits_claim(signals, "architecture_code", "model definition code",
                                         signals.find("architecture_file") or signals.find("architecture_folder")),
        "reproduction_commands": _stated("reproduction_commands", "commands to reproduce",
                                         reproduction_commands(signals), signals),
        "install_section": _stated("install_section", "installation section", installation(signals), signals),
        "usage_instructions": _stated("usage_instructions", "installation or usage", usage_instructions(signals), signals),
    }
    own_paper = _own_paper(signals, by_key["research_paper"])
    claims["research_code"] = _research_code(claims["ml_framework_dependency"], own_paper)
    claims["weights_delta"] = _weights_delta(signals)
    return Facts(
        primary=signals.primary.id, kind=kind_fact(judged, declared), kind_judged=judged, weights=weights_fact(signals), readme=_readme(signals),
        card_sections=_card_sections(signals, by_key["model_card"]), citation=_citation(signals),
        pinning=_pinning(signals), activity=_activity(signals), issue_tracker=_issue_tracker(signals),
        versioning=_versioning(signals), base_model=_base_model(signals), own_paper=own_paper,
        parameter_count=_parameter_count(signals), gating=_gating(signals),
        contributors=_contributors(signals), claims=claims,
        data_release=_data_release(signals, by_key["datasets"]),
        data_information=_data_information(signals, by_key, own_paper, claims["training_data_described"]),
        datasheet=_datasheet(signals, by_key["data_card"]),
        model_description=model_description_fact(signals), openness_claims=openness_claims(signals),
        maintenance=maintenance(signals, status), bill_of_materials=_bill_of_materials(signals),
        dataset_descriptions=dataset_descriptions_fact(signals),
    )


def _claim(signals: Signals, name: str, rule: FileClaim | TextClaim) -> Fact[Claim]:
    if isinstance(rule, TextClaim):
        return _stated(name, rule.what, signals.search(rule.pattern), signals)
    hits = signals.find(rule.query)
    real = [h for h in hits if (signals.size(h) or 0) >= rule.min_bytes or signals.size(h) is None]
    if real:
        return known(name, Claim(state="stated", what=rule.what, source="files"), [h.ref() for h in real],
                     about=rule.what)
    if hits:
        return known(name, Claim(state="empty", what=rule.what, source="files"), [h.ref() for h in hits],
                     about=rule.what)
    return _not_found(name, rule.what, "files", unread_claim(signals, "files"))


def _hits_claim(signals: Signals, name: str, what: str, hits: list[Hit]) -> Fact[Claim]:
    if hits:
        return known(name, Claim(state="stated", what=what, source="files"), [h.ref() for h in hits], about=what)
    return _not_found(name, what, "files", unread_claim(signals, "files"))


def _stated(name: str, what: str, refs: list[EvidenceRef], signals: Signals, reason: str | None = None) -> Fact[Claim]:
    """A documentation claim: stated where ``refs`` point, else absent (or no README, or unread)."""
    if refs:
        return known(name, Claim(state="stated", what=what, source="documents"), refs, reason, about=what)
    gap = unread_claim(signals, "documents")
    if gap is not None:
        return _not_found(name, what, "documents", gap)
    state: Literal["absent", "no_document"] = "no_document" if signals.readme() is None else "absent"
    return known(name, Claim(state=state, what=what, source="documents"), about=what)


def _weights_delta(signals: Signals) -> Fact[Claim]:
    """The weights are released only as a difference from another model's weights: every weights link of
    the release's own names a delta repository (a weight diff, delta or XOR release) and no weight file is
    in the tree.

    Judgment call: the European index rates such weights partial, as it rates gated ones (Alpaca's
    weight diff): they cannot be used without the base model's weights, obtained on that model's terms."""
    what = "weights released only as a difference from base weights"
    own = weight_links(signals).own
    delta = patterns.text("weights_delta_repository").regex
    deltas = [link.ref for link in own if delta.search(link.ref.url or "")]
    if deltas and len(deltas) == len(own) and not weight_files(signals):
        return known("weights_delta", Claim(state="stated", what=what, source="documents"), deltas,
                     "every weights link of the release names a difference from base weights", about=what)
    return known("weights_delta", Claim(state="absent", what=what, source="documents"), about=what)


def _ml_framework(signals: Signals) -> Fact[Claim]:
    """A dependency manifest names a machine-learning framework (torch, jax, transformers …)."""
    what = "machine-learning framework dependency"
    found = ml_dependency(signals)
    if found is not None:
        return known("ml_framework_dependency", Claim(state="stated", what=what, source="files"), [found], about=what)
    return _not_found("ml_framework_dependency", what, "documents", unread_claim(signals, "documents"))


def _research_code(framework: Fact[Claim], own_paper: Fact[OwnPaper]) -> Fact[Claim]:
    """Machine-learning research code: it depends on an ML framework, or it is the code of a paper of its own.

    Judgment call: the code-completeness checklist was written for the code that accompanies
    ML papers, and such code often has no framework at all (an optimiser in NumPy, a sampler,
    a clustering algorithm). A paper of the release's own is the sign it is research code; a
    paper it only cites is not."""
    what = "machine-learning framework dependency or a paper of its own"
    if framework.value is not None and framework.value.state == "stated":
        return known("research_code", Claim(state="stated", what=what, source="files"), framework.evidence,
                     f"depends on a machine-learning framework ({framework.evidence[0].path})", about=what)
    if own_paper.value is not None:
        return known("research_code", Claim(state="stated", what=what, source="documents"), own_paper.evidence[:3],
                     "the code of its own paper", about=what)
    if framework.status == "unknown":
        return unknown("research_code", framework.reason or "the dependencies could not be read", framework.gap,
                       about=what)
    if own_paper.status == "unknown":
        return unknown("research_code", own_paper.reason or "the paper could not be checked", own_paper.gap,
                       about=what)
    return known("research_code", Claim(state="absent", what=what, source="documents"), about=what)


def _not_found(name: str, what: str, source: Literal["files", "documents"], gap: Gap | None) -> Fact[Claim]:
    if gap is not None:
        return unknown(name, f"{what}: {gap.reason}", gap, about=what)
    return known(name, Claim(state="absent", what=what, source=source), about=what)


def _compute(signals: Signals) -> Fact[Claim]:
    for member in signals.members:
        if (member.card_data or {}).get("co2_eq_emissions"):
            return _stated("compute_disclosed", "compute", [EvidenceRef(member=member.id, path="README.md",
                                                                          note="co2_eq_emissions")],
                           signals, "emissions declared in card metadata")
    return _stated("compute_disclosed", "compute", signals.search("compute_disclosed"), signals,
                   "compute or hardware is described")


def _training_data(signals: Signals) -> Fact[Claim]:
    section = signals.card_section("training_data")
    return _stated("training_data_described", "training data", [section] if section else [], signals)


def _data_release(signals: Signals, datasets: Component) -> Fact[DataRelease]:
    """Which training datasets can be had: files in the release's tree, dataset repositories of the bundle
    (evidence without a link), and datasets a publisher hosts on the Hub (``org/name``), whoever that
    publisher is; the rest is only named.

    Judgment call: the European index rates data "released or inspectable" and counts third-party
    datasets on the Hub as such (its entries for BTLM, CodeUp, Granite Code and TangoFlux link other
    organisations' datasets and rate the data open). The Hub's old canonical ids without an
    organisation (``wikipedia``, ``bookcorpus``) are loaders for corpora published elsewhere, not the
    data the release trained on; they stay named, as the index rates BERT's Wikipedia and BooksCorpus."""
    if datasets.status == "unknown":
        return unknown("data_release", datasets.note or "the datasets could not be checked", datasets.gap,
                       about="training data release")
    if datasets.status != "present":
        return known("data_release", None, about="training data release")
    released: list[EvidenceRef] = []
    named: list[EvidenceRef] = []
    for ref in datasets.evidence:
        hosted = hosted_on_hub((ref.url or "").partition("/datasets/")[2])
        (released if ref.url is None or hosted else named).append(ref)
    return known("data_release", DataRelease(released=released, named=named), datasets.evidence,
                 about="training data release")


def _datasheet(signals: Signals, data_card: Component) -> Fact[DatasheetCoverage]:
    """Which of the datasheet's seven question groups (motivation, composition, collection, preprocessing,
    uses, distribution, maintenance) the data card's headings answer; the Hub's dataset-card template and
    the Gebru et al. questions both name them in headings."""
    if data_card.status != "present":
        return known("datasheet", None, about="datasheet coverage")
    members = {m.id: m for m in signals.members}
    documents = [(ref, members[ref.member], doc) for ref in data_card.evidence if ref.path and ref.member in members
                 for doc in [members[ref.member].document(ref.path)] if doc is not None]
    if not documents:
        return known("datasheet", None, reason="no text of the data card was read", about="datasheet coverage")
    # Headings only, and only real ones: a "# purpose" comment inside a code block answers nothing.
    heading = patterns.text("markdown_heading")
    headings = "\n".join(line.text.lstrip() for line in read_lines((member, doc) for _, member, doc in documents)
                         if not line.in_code and heading.search(line.text))
    groups = [group for group in DATASHEET_GROUPS if patterns.text(f"datasheet_{group}").search(headings)]
    refs = [ref for ref, _, _ in documents]
    return known("datasheet", DatasheetCoverage(groups=groups, documents=refs), refs, about="datasheet coverage")


DATA_LOOKED = ["a paper or technical report of its own", "named datasets (card datasets metadata, dataset links, "
               "data files)", "a training-data section of the README or card", "a data card or datasheet",
               "the datasets' Croissant metadata (how the data was collected and processed)"]
"""Where ``data_information`` looks, in words: a failing OSAID requirement says so."""


def _data_information(signals: Signals, by_key: dict[str, Component], own_paper: Fact[OwnPaper],
                      training_data: Fact[Claim]) -> Fact[DataInformation]:
    """What describes the training data: the OSI's validation accepted a paper or technical report of
    the release that describes its data, or named datasets with their provenance (a training-data
    section of the card, dataset links, the Hub's ``datasets:`` metadata); a separate data card is
    one more way, not a requirement.

    Judgment call: a paper of the release's own is taken to describe its data (the tool does not read
    the paper), as the OSI's reviewers took the papers of Pythia, OLMo and Amber. Papers the release
    only cites are not its own and do not count."""
    parts: dict[DataSourceKind, Component | Fact[Claim] | Fact[OwnPaper]] = {
        "own paper": own_paper, "technical report": by_key["technical_report"], "named datasets": by_key["datasets"],
        "training-data section": training_data, "data card": by_key["data_card"]}
    described: dict[DataSourceKind, list[EvidenceRef]] = {}
    unread_parts: list[str] = []
    for what, part in parts.items():
        if isinstance(part, Component):
            if part.status == "present":
                described[what] = part.evidence[:3]
            elif part.status == "unknown":
                unread_parts.append(part.note or what)
        elif part.status == "unknown":
            unread_parts.append(part.reason or what)
        elif part.value is not None and (not isinstance(part.value, Claim) or part.value.state == "stated"):
            described[what] = part.evidence[:3]
    # A lost Croissant answer needs no unread part: its dataset is a bundle member, so named datasets describe.
    croissant = [rai_ref(m, fields) for m in signals.members if (fields := data_described(m))]
    if croissant:
        described["Croissant metadata"] = croissant[:3]
    value = DataInformation(described_by=described, looked=DATA_LOOKED)
    if not described and unread_parts:
        return unknown("data_information", "nothing read describes the training data, and not all was read: "
                       + "; ".join(unread_parts), about="training data information")
    evidence = [ref for refs in described.values() for ref in refs][:6]
    return known("data_information", value, evidence, about="training data information")


def _bill_of_materials(signals: Signals) -> Fact[list[BomEntry]]:
    """What the root BOMs declare; unknown only when there are BOMs and none could be read."""
    reading = read_boms(signals)
    problems = "; ".join(reading.problems)
    if not reading.entries and reading.problems:
        return unknown("bill_of_materials", f"no bill of materials could be read: {problems}",
                       about="bill of materials")
    releases = [e.ref for e in reading.entries if e.role == "release"]
    return known("bill_of_materials", reading.entries, (releases or [e.ref for e in reading.entries])[:5],
                 reason=f"not read: {problems}" if problems else None, about="bill of materials")


def _readme(signals: Signals) -> Fact[ReadmeShape]:
    readme = signals.readme()
    if readme is None:
        gap = unread(signals, "readme")
        return known("readme", None) if gap is None else unknown("readme", f"README: {gap.reason}", gap)
    words = len(patterns.text("readme_word").regex.findall(readme.text))
    headings = len(patterns.text("readme_heading").regex.findall(readme.text))
    return known("readme", ReadmeShape(path=readme.path, words=words, headings=headings),
                 [EvidenceRef(member=signals.primary.id, path=readme.path, note=f"{words} words, {headings} headings")])


def _card_sections(signals: Signals, card: Component) -> Fact[CardCoverage]:
    if card.status == "unknown":
        return unknown("card_sections", card.note or "the model card could not be read")
    if card.status == "absent" or not card.evidence:
        return known("card_sections", None)
    ref = card.evidence[0]
    member = next(m for m in signals.members if m.id == ref.member)
    doc = member.document(ref.path or "")
    if doc is None:
        return unknown("card_sections", "the model card text was not fetched")
    coverage = signals.sections_of(doc)
    sections = {name: EvidenceRef(member=member.id, path=doc.path, line=section.line, note=name)
                for name, section in coverage.items() if section is not None}
    return known("card_sections", CardCoverage(path=doc.path, sections=sections), [ref])


def _citation(signals: Signals) -> Fact[Literal["file", "bibtex"]]:
    files = signals.find("citation_file")
    if files:
        return known("citation", "file", [h.ref() for h in files])
    section, entry = patterns.text("citation_section"), patterns.text("bibtex_entry_start")
    cited = [line.ref("citation in the documentation") for line in signals.prose
             if section.search(line.heading) and entry.search(line.text)]
    if cited:
        return known("citation", "bibtex", cited[:3])
    gap = unread(signals, "citation")
    return known("citation", None) if gap is None else unknown("citation", f"citation: {gap.reason}", gap)


def _pinning(signals: Signals) -> Fact[Pinning]:
    locks = lock_files(signals)
    if locks:
        return known("pinning", Pinning(lock_file=True), [h.ref() for h in locks], f"lock file {locks[0].path}")
    declared, pinned_line, conda_line = (patterns.text(p).regex for p in
                                         ("requirement_line", "pinned_requirement", "pinned_conda_dependency"))
    best: tuple[float, Pinning | None, EvidenceRef | None] = (0.0, None, None)
    for member, doc in signals.documents_of("requirements_document"):
        total = len(declared.findall(doc.text))
        pinned = len(pinned_line.findall(doc.text)) + len(conda_line.findall(doc.text))
        share = pinned / total if total else 0.0
        if share > best[0] or best[2] is None:
            best = (share, Pinning(lock_file=False, pinned=pinned, total=total),
                    EvidenceRef(member=member.id, path=doc.path, note=f"{pinned} of {total} pinned"))
    _, value, ref = best
    gap = unread(signals, "pinning") if value is None else None
    if gap is not None:
        return unknown("pinning", f"dependency versions: {gap.reason}", gap)
    return known("pinning", value, [ref] if ref else [])


def _activity(signals: Signals) -> Fact[Activity]:
    primary = signals.primary
    if primary.host.archived:
        return known("activity", Activity(archived=True), [EvidenceRef(member=primary.id, note="archived")])
    commits = primary.git.commits_90d if primary.git else primary.host.commits_90d
    if commits is not None:
        return known("activity", Activity(archived=False, commits_90d=commits),
                     [EvidenceRef(member=primary.id, note=f"{commits} commits in 90 days")])
    modified = primary.host.last_modified
    if modified:
        fetched = datetime.fromisoformat(signals.evidence.fetched_at)
        recent = fetched - datetime.fromisoformat(modified.replace("Z", "+00:00")) <= timedelta(days=90)
        return known("activity", Activity(archived=False, last_modified=modified, modified_within_90d=recent),
                     [EvidenceRef(member=primary.id, note=f"last modified {modified}")])
    return unknown("activity", "no commit history available (not a git checkout, or the host did not say)",
                   signals.gap("git history", "commit activity"))


def _issue_tracker(signals: Signals) -> Fact[bool]:
    primary = signals.primary
    if primary.kind == "local":
        return unknown("issue_tracker", "a local checkout does not say whether the host's issue tracker is open")
    if primary.host.has_issues or primary.host.has_discussions:
        return known("issue_tracker", True, [EvidenceRef(member=primary.id, note="issue tracker")])
    if primary.host.has_issues is None and primary.host.has_discussions is None:
        return unknown("issue_tracker", "the host did not say whether issues are enabled")
    return known("issue_tracker", False)


def _versioning(signals: Signals) -> Fact[Versioning]:
    primary = signals.primary
    tags = [r.tag for r in primary.releases] or (primary.git.tags if primary.git else [])
    lost = signals.gap("releases", "tags")
    if not tags and lost is not None:
        return unknown("versioning", f"releases could not be read: {lost.reason}", lost)
    revision = primary.revision if primary.kind.startswith("hf_") else None
    value = Versioning(tags=tags, revision=revision, has_history=not (primary.kind == "local" and primary.git is None))
    evidence = [EvidenceRef(member=primary.id, note=f"tag {t}") for t in tags[:3]] or (
        [EvidenceRef(member=primary.id, note=f"revision {revision}")] if revision else [])
    return known("versioning", value, evidence)


def _base_model(signals: Signals) -> Fact[BaseModelRef]:
    """The declared base model (card metadata, else the host's model metadata) and its member of the
    bundle, if fetched; None when none is named."""
    primary = signals.primary
    declared = next((target for member, target, where in signals.links("hf_model")
                     if member.id == primary.id and where == "card metadata: base_model" and not is_placeholder(target)),
                    next(iter(primary.host.base_models), None))
    relation = primary.host.base_model_relation
    member = next((m for m in signals.members if m.role == "base_model"), None)
    if declared is None and member is None:
        return _base_model_in_prose(signals)
    if member is None:
        gap = unread(signals, "base_model")
        why = gap.reason if gap is not None else "it was not fetched"
        return known("base_model", BaseModelRef(id=declared or "", relation=relation, unreached=why),
                     [EvidenceRef(member=primary.id, note=f"base model {declared}")],
                     reason=f"base model {declared} was not read: {why}")
    datasets = [t for m, t, _ in signals.links("hf_dataset") if m.id == member.id]
    weights = [w for w in weight_files(signals) if w.member == member.id]
    return known("base_model", BaseModelRef(id=declared or member.id, member=member.id, gated=bool(member.host.gated),
                                            datasets=datasets, weight_files=len(weights), relation=relation),
                 [EvidenceRef(member=member.id, note="base model repository")])


def _base_model_in_prose(signals: Signals) -> Fact[BaseModelRef]:
    """The base model the release's own README names in prose ("fine-tuned from a 7B LLaMA model"), when
    no metadata declares one; None when none is named.

    Judgment call: such a release has a base model of its own, so its base-model dimensions are not
    the end model's; a name in prose is not a repository id, so that base model is not fetched and
    what it releases stays unknown."""
    prose = patterns.text("base_model_prose").regex
    own = normalised(signals.primary.id.rsplit("/", 1)[-1])
    for line in signals.prose:
        if line.member.role not in OWN_ROLES or line.in_code:
            continue
        for found in prose.finditer(line.text):
            name = next(group for group in found.groups() if group).strip("_").rstrip(".-")
            if normalised(name) and not own.startswith(normalised(name)):  # not the release's own name
                where = f"{line.document.path}:{line.number}"
                return known("base_model", BaseModelRef(
                    id=name, stated_in=where, unreached="named in prose, not as a repository id: not fetched"),
                    [line.ref(f"base model {name}")], reason=f"{where} names {name} as the base model")
    return known("base_model", None)


def _own_paper(signals: Signals, paper: Component) -> Fact[OwnPaper]:
    """Where the release's own paper is published, by its links and by the venue its BibTeX entry names;
    None when the release names no paper of its own."""
    if paper.status == "unknown":
        return unknown("own_paper", paper.note or "the research paper could not be checked")
    if paper.status != "present":
        return known("own_paper", None)
    linked = [ref for ref in paper.evidence if ref.url]
    preprint, venue = patterns.text("preprint_url"), patterns.text("peer_reviewed_url")
    published = [ref.model_copy(update={"note": f"BibTeX entry: published in {name}"})
                 for ref in paper.evidence if not ref.url for name in [_bibtex_venue(signals, ref)] if name]
    value = OwnPaper(preprints=[ref for ref in linked if preprint.search(ref.url or "")],
                     peer_reviewed=[ref for ref in linked if venue.search(ref.url or "")] + published)
    return known("own_paper", value, paper.evidence)


def _bibtex_venue(signals: Signals, ref: EvidenceRef) -> str | None:
    """The peer-reviewed venue (booktitle or journal) of the BibTeX entry that starts at ``ref``, if it names one.

    Judgment call: an entry of the release's own paper as ``@inproceedings`` of a conference, or an
    article of a journal other than arXiv or CoRR, says the paper was published there; the index counts
    such a paper as peer-reviewed without a link to the proceedings."""
    member = next((m for m in signals.members if m.id == ref.member), None)
    document = member.document(ref.path) if member is not None and ref.path and ref.line else None
    if document is None or ref.line is None:
        return None
    field = patterns.text("bibtex_venue").regex
    found = next((m for text in bibtex_entry(document, ref.line).splitlines() if (m := field.search(text))), None)
    return (found.group(1).strip().strip("{}").strip() or None) if found else None


def _parameter_count(signals: Signals) -> Fact[int]:
    """Parameters of the primary member's weights, as the host counted them (the Hub's safetensors metadata)."""
    primary = signals.primary
    count = primary.host.parameters
    if count is None:
        return known("parameter_count", None, reason="the host did not count the parameters")
    return known("parameter_count", count, [EvidenceRef(member=primary.id, note=f"{count:,} parameters (host metadata)")])


def _gating(signals: Signals) -> Fact[Gating]:
    """Whether the primary member's files need the host's approval, and on which terms."""
    primary = signals.primary
    gated = primary.host.gated
    if gated is None:
        return known("gating", None, reason="the source does not gate access")
    terms = primary.host.gated_terms if gated else {}
    note = f"gated ({gated})" if gated else "not gated"
    return known("gating", Gating(gated=gated, terms=terms), [EvidenceRef(member=primary.id, note=note)])


def _contributors(signals: Signals) -> Fact[int]:
    """People who contributed to the primary repository (git authors, or the host's count)."""
    primary = signals.primary
    count = primary.git.authors_total if primary.git else primary.host.contributors
    if count is not None:
        return known("contributors", count,
                     [EvidenceRef(member=primary.id, note=f"{count} contributor{'s' if count != 1 else ''}")])
    lost = signals.gap("contributors")
    if lost is not None:
        return unknown("contributors", f"contributors could not be read: {lost.reason}", lost)
    if primary.kind == "local":
        return unknown("contributors", "not a git checkout: no author history", signals.gap("git history"))
    return known("contributors", None, reason="the host does not report contributors for this kind of repository")
