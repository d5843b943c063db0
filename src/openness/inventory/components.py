"""Detect each component of the Model Openness Framework's list in the evidence.

One rule per component. A rule returns what it saw; it never guesses: a component
whose evidence could not be fetched (a gated repository, a truncated tree) is
``unknown``, not ``absent``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

import yaml

from .. import patterns
from ..components_table import component_table
from ..evidence import Gap, Member
from ..yaml_loading import safe_load
from .commands import commands_for, console_script_targets, is_placeholder
from .croissant import croissant_card, rai_fields, rai_ref
from .eval_results import eval_result_metrics
from .gaps import unread
from .model import ComponentStatus, ContentType, EvidenceRef, LicenseSlot
from .ownership import WeightLinks, weight_links
from .prose import Line, bibtex_entry, prose_of
from .signals import MAX_REFS, Hit, Signals
from .tables import results_figures, results_tables
from .weights import weight_files

Access = Literal["open", "gated", "private"]

MAX_CODE_HITS = 200
"""Files a code rule looks through before leaving out vendored code and unit tests."""


@dataclass(frozen=True)
class Observation:
    """What a rule saw for one component."""

    status: ComponentStatus
    evidence: list[EvidenceRef] = field(default_factory=list)
    access: Access | None = None
    note: str | None = None
    gap: Gap | None = None
    """The evidence gap that made the component unknown."""


@dataclass(frozen=True)
class ComponentSpec:
    key: str
    mof_id: int
    name: str
    content_type: ContentType
    license_slot: LicenseSlot
    detect: Callable[[Signals], Observation]


def _found(signals: Signals, query: str, note: str) -> Observation | None:
    """Present with the files the ``patterns.yaml`` query ``query`` finds, or None."""
    hits = signals.find(query)
    return Observation("present", [h.ref(note) for h in hits]) if hits else None


def _absent(signals: Signals, what: str) -> Observation:
    """Not found; ``_unless_unread`` turns it into unknown when a source the component reads was not read."""
    return Observation("absent", note=f"no {what} found")


def _architecture(s: Signals) -> Observation:
    """config.json naming the model class, else the host's reading of that config (the Hub's model
    metadata, known even when config.json is gated); and model definition code. Both are kept as
    evidence: the European index counts the code as documentation of the architecture, not the config."""
    declared = _declared_architecture(s)
    code = (_found(s, "architecture_file", "model definition code")
            or _found(s, "architecture_folder", "model definition code"))
    refs = declared + (code.evidence if code else [])
    return Observation("present", refs[:MAX_REFS]) if refs else _absent(s, "model architecture definition")


def _declared_architecture(s: Signals) -> list[EvidenceRef]:
    for member in s.members:
        config = member.document("config.json")
        if config and patterns.text("config_architecture").search(config.text):
            return [EvidenceRef(member=member.id, path="config.json", note="architecture declared in config.json")]
    for member in s.members:
        if member.host.architectures:
            kind = f" (model type {member.host.model_type})" if member.host.model_type else ""
            return [EvidenceRef(member=member.id,
                                note=f"{', '.join(member.host.architectures)}{kind}: the host's config metadata")]
    return []


def _final_parameters(s: Signals) -> Observation:
    weights = weight_files(s)
    gated = next((m.host.gated for m in s.members if m.host.gated), None)
    access: Access = "gated" if gated else "private" if any(m.host.private for m in s.members) else "open"
    if weights:
        return Observation("present", [h.ref("weight file") for h in weights[:5]], access=access)
    scripts = s.find("weights_download_script")
    if scripts:
        return Observation("present", [h.ref("weights downloaded by this script") for h in scripts], access=access,
                           note="weights are published outside the repository and fetched by a script")
    links = weight_links(s)
    if links.own:
        return Observation("present", [link.ref for link in links.own], access=access,
                           note="weights published outside the repository")
    if links.others:
        missing = _absent(s, "model weights")
        if missing.status != "absent":
            return missing
        return Observation("absent", note=_others_note(links))
    mention = s.search("weights_mentioned")
    if mention:
        return Observation("partial", mention, access=access, note="weights mentioned but no file or direct link found")
    return _absent(s, "model weights")


def _others_note(links: WeightLinks) -> str:
    """Why linked weights are not this release's: whose they are, and whose this release is."""
    orgs = links.other_orgs
    shown = ", ".join(orgs[:4]) + (", …" if len(orgs) > 4 else "")
    return (f"links to other organisations' weights ({shown}), none under this release's own organisation "
            f"({'; '.join(o.how for o in links.orgs)}): a repository is credited with the weights published "
            "under its owner or the organisation its card names as the maker")


def _intermediate_parameters(s: Signals) -> Observation:
    branch = patterns.text("checkpoint_branch")
    branches = [(m, b) for m in s.members for b in m.host.branches if branch.search(b)]
    if branches:
        member = branches[0][0]
        return Observation("present", [EvidenceRef(member=member.id, note=f"{len(branches)} checkpoint branches, e.g. {branches[0][1]}")])
    folder = patterns.file_query("checkpoint_folder")
    saved = [w for w in weight_files(s) if folder.match(w.path)][:5]
    if saved:
        return Observation("present", [w.ref("intermediate checkpoint") for w in saved])
    mention = s.search("intermediate_checkpoints_mentioned")
    if mention:
        return Observation("partial", mention, note="intermediate checkpoints mentioned, not located")
    return _absent(s, "intermediate checkpoints")


def _model_metadata(s: Signals) -> Observation:
    found = (_found(s, "training_configuration", "training configuration")
             or _found(s, "config_folder_file", "training configuration"))
    return found or _absent(s, "training configuration or optimizer state")


def _card_sections(s: Signals) -> tuple[EvidenceRef | None, int]:
    best: tuple[EvidenceRef | None, int] = (None, -1)
    for member, doc in s.documents_of("model_card_document"):
        if doc.path.lower() == "readme.md" and not (member.kind == "hf_model" or member.card_data):
            continue
        covered = sum(1 for v in s.sections_of(doc).values() if v is not None)
        if covered > best[1]:
            best = (EvidenceRef(member=member.id, path=doc.path, note=f"{covered} of 7 card sections"), covered)
    return best


def _model_card(s: Signals) -> Observation:
    ref, covered = _card_sections(s)
    if ref is None:
        return _absent(s, "model card")
    return Observation("present" if covered >= 3 else "partial", [ref])


def _data_card(s: Signals) -> Observation:
    found = _found(s, "data_card_named", "data card") or _found(s, "data_folder_readme", "data card")
    if found:
        return found
    datasets = [m for m in s.members if m.kind == "hf_dataset" and m.document("README.md")]
    croissant = [(m, status) for m in s.members if (status := croissant_card(m))]
    refs = [EvidenceRef(member=m.id, path="README.md", note="dataset card") for m in datasets]
    refs += [rai_ref(m, rai_fields(m)) for m, _ in croissant]
    if datasets or any(status == "present" for _, status in croissant):
        return Observation("present", refs[:5])
    if croissant:
        return Observation("partial", refs[:5], note="the datasets' Croissant metadata has responsible-AI fields, "
                                                     "but does not say how the data was collected")
    evaluation = patterns.file_query("evaluation_document")
    mention = [ref for ref in s.search("training_data_heading") if not evaluation.match(ref.path or "")]
    if mention:
        return Observation("partial", mention, note="training data described inside the model card, no separate data card")
    return _absent(s, "data card or datasheet")


def _technical_report(s: Signals) -> Observation:
    found = _found(s, "technical_report_file", "technical report")
    if found:
        return found
    linked = _technical_report_links(s)
    if linked:
        return Observation("present", linked, note="technical report linked")
    mention = s.search("technical_report_mentioned")
    if mention:
        return Observation("present", mention, note="technical report referenced")
    return _absent(s, "technical report")


def _technical_report_links(s: Signals) -> list[EvidenceRef]:
    """Links on a line that names the release's technical report or system card (not credited work)."""
    words, credited, url = (patterns.text(p) for p in ("technical_report_words", "credited_paper_line", "url"))
    refs = []
    for line in s.prose:
        if line.in_code or not words.search(prose_of(line.text)) or credited.search(prose_of(line.text)):
            continue
        refs += [line.ref("technical report").model_copy(update={"url": u.rstrip(".,;")}) for u in url.regex.findall(line.text)
                 if not is_placeholder(u) and not _is_code_link(u)]
    return refs[:5]


def _own_paper_refs(s: Signals) -> list[EvidenceRef]:
    """The release's own paper: cited in a Citation/BibTeX section or block, introduced as "the
    paper" at the top of the README or card, or linked as "our paper" — on arXiv, a DOI, a venue,
    a publisher or a lab's publication page, or any page a link names as the paper. Papers credited
    elsewhere ("based on", acknowledgements) do not count; placeholders are nothing."""
    refs: list[EvidenceRef] = []
    heading, words, link = patterns.text("citation_heading"), patterns.text("paper_words"), patterns.text("paper_link")
    bibtex, entry_start = patterns.text("bibtex_hint"), patterns.text("bibtex_entry_start")
    anchor, ours, credited = (patterns.text(p) for p in ("paper_anchor_link", "own_paper_line", "credited_paper_line"))
    for line in s.prose:
        prose = prose_of(line.text)
        cited = heading.search(line.heading) or (line.in_code and bibtex.search(line.text))
        introduced = not line.in_code and not credited.search(prose) and (
            (line.in_title_area and (words.search(prose) or link.search(line.text))) or ours.search(prose))
        if not (cited or introduced):
            continue
        note = "cited as the project's own paper" if cited else "the paper this release comes from"
        targets = [_paper_target(match) for match in link.regex.finditer(line.text)]
        if not line.in_code:
            targets += [match.group(1) or match.group(2) for match in anchor.regex.finditer(line.text)]
        for target in dict.fromkeys(t for t in targets if t and not is_placeholder(t) and not _is_code_link(t)):
            refs.append(line.ref(note).model_copy(update={"url": target}))
        if cited and line.in_code and entry_start.search(line.text) and not any(r.line == line.number for r in refs) \
                and _bibtex_is_paper(line):
            refs.append(line.ref("BibTeX entry for the project's own paper"))
    unique = {(r.url or r.path, r.url or r.line): r for r in refs}
    return list(unique.values())[:5]


def _paper_target(match: re.Match[str]) -> str:
    arxiv = match.group(1) or match.group(2) or match.group(3)
    if arxiv:
        return f"https://arxiv.org/abs/{arxiv}"
    return f"https://doi.org/{match.group(4)}" if match.group(4) else (match.group(5) or match.group(6))


def _is_code_link(url: str) -> bool:
    """A code host or project page, never the paper itself."""
    return patterns.text("code_host_url").search(url) is not None


def _bibtex_is_paper(line: Line) -> bool:
    """A BibTeX entry for a paper, not for the repository itself (``howpublished = {GitHub}``)."""
    text = bibtex_entry(line.document, line.number)
    return bool(patterns.text("bibtex_paper_field").search(text)) or not patterns.text("bibtex_github").search(text)


def _research_paper(s: Signals) -> Observation:
    declared = [EvidenceRef(member=m.id, path="README.md", url=_paper_url("arxiv", target),
                            note=f"arXiv {target} declared in the card's metadata")
                for m, target, where in s.links("arxiv") if where.startswith("card metadata")]
    found = _own_paper_refs(s)
    own = found + [ref for ref in declared if ref.url not in {r.url for r in found}]
    if own:
        return Observation("present", own[:5])
    papers = [h for h in s.find("paper_or_citation_file") if not _cites_only_software(h)]
    if papers:
        return Observation("present", [h.ref("citation or paper") for h in papers])
    tagged = [EvidenceRef(member=m.id, url=_paper_url("arxiv", target), note=f"arXiv {target} tagged on the Hub")
              for m, target, where in s.links("arxiv") if where == "hub tags"]
    if tagged:
        return Observation("partial", tagged[:5], note="arXiv ids on the Hub page, which may include papers the card only cites")
    cited = s.links("arxiv") + s.links("doi")
    if cited:
        return Observation("absent", note=f"{len(cited)} papers are cited, none of them as this release's own")
    return _absent(s, "research paper or preprint")


CFF_PAPER_TYPES = frozenset({"article", "conference-paper", "conference", "proceedings", "report", "thesis",
                             "book", "pamphlet", "unpublished", "preprint", "manual"})
"""``preferred-citation`` types of the Citation File Format that are papers (not software or data)."""


def _cites_only_software(hit: Hit) -> bool:
    """A CITATION.cff that cites the software itself (no ``preferred-citation`` of a paper type).

    Judgment call: most CITATION.cff files are GitHub's "cite this repository" for the code; only
    a preferred citation of an article, conference paper or report says the release has a paper."""
    if not hit.path.lower().endswith(".cff"):
        return False
    document = hit.member.document(hit.path)
    if document is None:
        return False  # not read: keep the file as the evidence it was before
    try:
        data = safe_load(document.text)
    except (yaml.YAMLError, ValueError):
        return False
    preferred = data.get("preferred-citation") if isinstance(data, dict) else None
    return not (isinstance(preferred, dict) and str(preferred.get("type", "")).lower() in CFF_PAPER_TYPES)


def _paper_url(kind: str, target: str) -> str:
    return {"arxiv": f"https://arxiv.org/abs/{target}", "doi": f"https://doi.org/{target}"}.get(kind, target)


def _evaluation_results(s: Signals) -> Observation:
    for member in s.members:
        if (member.card_data or {}).get("model-index"):
            return Observation("present", [EvidenceRef(member=member.id, path="README.md", note="model-index results in card metadata")])
    files = list(dict.fromkeys(m.ref.path for m in eval_result_metrics(s) if m.ref is not None))
    if files:
        return Observation("present", [EvidenceRef(member=s.primary.id, path=path, note="the Hub's evaluation results")
                                       for path in files[:5]])
    tables = results_tables(s)
    if tables:
        return Observation("present", tables, note="results table")
    figures = results_figures(s)
    if figures:
        return Observation("present", figures, note="results shown as figures")
    section = _model_card_section(s, "evaluation_results")
    if section is not None:
        return Observation("present", [section], note="results reported in the card")
    found = _found(s, "results_file", "results file")
    return found or _absent(s, "evaluation results")


def _model_card_section(s: Signals, name: str) -> EvidenceRef | None:
    """A section of the model card (not of any README) with real content about ``name``."""
    for member, doc in s.documents_of("model_card_document"):
        if doc.path.lower() == "readme.md" and not (member.kind == "hf_model" or member.card_data):
            continue
        section = s.sections_of(doc).get(name)
        if section is not None:
            return EvidenceRef(member=member.id, path=doc.path, line=section.line, note=f"section '{section.heading}'")
    return None


def _sample_outputs(s: Signals) -> Observation:
    if any((m.card_data or {}).get("widget") for m in s.members):
        return Observation("present", [EvidenceRef(member=s.primary.id, path="README.md", note="widget examples in card")])
    found = _found(s, "sample_output", "sample output")
    return found or _absent(s, "sample outputs")


def _code_rule(job: str, what: str, mentioned: bool = True) -> Callable[[Signals], Observation]:
    """The release's own code for ``job``: what the README tells a user to run for it (a command
    running a script of the tree), console scripts its packaging names for it, then files named for
    the job (``{job}_code_name``) or kept in its folders (``{job}_code_folder``). Vendored third-party
    code and unit tests are not the release's; partial when only a README heading
    (``{job}_code_mentioned``) describes it."""
    command_job = {"preprocessing": "preprocessing"}.get(job, job)

    def detect(s: Signals) -> Observation:
        refs = [c.ref(what) for c in commands_for(s, command_job)]
        refs += console_script_targets(s, command_job)
        refs += [h.ref(what) for h in _own_code(s, f"{job}_code_name") or _own_code(s, f"{job}_code_folder")]
        if refs:
            unique = {(r.member, r.path): r for r in reversed(refs)}
            return Observation("present", [r for r in refs if unique[(r.member, r.path)] is r][:5])
        if mentioned:
            mentions = s.search(f"{job}_code_mentioned")
            if mentions:
                return Observation("partial", mentions, note=f"{what} described in the documentation, no file found")
        return _absent(s, what)
    return detect


def _own_code(s: Signals, query: str) -> list[Hit]:
    """Files the ``patterns.yaml`` query finds, without vendored third-party code and unit tests."""
    vendored, unit_test = patterns.file_query("vendored_path"), patterns.file_query("unit_test_file")
    hits = s.find(query, limit=MAX_CODE_HITS)
    return [h for h in hits if not vendored.match(h.path) and not unit_test.match(h.path)][:5]


def _inference_code(s: Signals) -> Observation:
    found = _found(s, "inference_code_name", "inference code") or _found(s, "inference_code_folder", "inference code")
    if found:
        return found
    library = next((m for m in s.members if m.host.library or (m.card_data or {}).get("library_name")), None)
    if library is not None:
        name = library.host.library or library.card_data.get("library_name")  # type: ignore[union-attr]
        return Observation("present", [EvidenceRef(member=library.id, note=f"loads with the {name} library")])
    return _absent(s, "inference code")


def _evaluation_data(s: Signals) -> Observation:
    for member in s.members:
        index = (member.card_data or {}).get("model-index") or []
        datasets = sorted({str(r.get("dataset", {}).get("name") or r.get("dataset", {}).get("type"))
                           for entry in index if isinstance(entry, dict)
                           for r in entry.get("results", []) if isinstance(r, dict) and isinstance(r.get("dataset"), dict)})
        if datasets:
            return Observation("present", [EvidenceRef(member=member.id, path="README.md", note="evaluated on " + ", ".join(datasets[:5]))])
    evaluated = list(dict.fromkeys(m.dataset for m in eval_result_metrics(s) if m.dataset))
    if evaluated:
        ref = next(m.ref for m in eval_result_metrics(s) if m.ref is not None)
        return Observation("present", [ref.model_copy(update={"note": "evaluated on " + ", ".join(evaluated[:5])})])
    found = _found(s, "evaluation_data_name", "evaluation data") or _found(s, "evaluation_data_folder", "evaluation data")
    return found or _absent(s, "evaluation data")


def _datasets(s: Signals) -> Observation:
    refs = [EvidenceRef(member=m.id, url=f"https://huggingface.co/datasets/{target}", note=f"dataset {target}")
            for m, target, found_in in s.links("hf_dataset")
            if not is_placeholder(target) and (found_in.startswith("card metadata") or _named_as_training(s, m, target))]
    dataset_members = [m for m in s.members if m.kind == "hf_dataset"]
    refs += [EvidenceRef(member=m.id, note="dataset repository") for m in dataset_members]
    gated = any(m.host.gated for m in dataset_members)
    evaluation = [patterns.file_query(q) for q in ("evaluation_data_name", "evaluation_data_folder")]
    files = s.find("dataset_folder_file") or s.find("dataset_file_name")
    refs += [h.ref("data file") for h in files if not any(q.match(h.path) for q in evaluation)]  # test data is not training data
    if refs:
        return Observation("present", refs[:5], access="gated" if gated else "open")
    return _absent(s, "training datasets")


def _named_as_training(s: Signals, member: Member, target: str) -> bool:
    """A dataset linked in prose is training data when the line or its heading says so.

    Judgment call: the card's ``datasets:`` metadata declares training data; a link in a README does
    not by itself (repositories link the datasets they evaluate on, the datasets their organisation
    has released, example inputs). So a prose link counts on a line or under a heading about
    training, fine-tuning or a corpus, and not when that line or heading is about evaluation."""
    training, evaluation = patterns.text("training_data_context"), patterns.text("evaluation_data_context")
    url = f"huggingface.co/datasets/{target}"
    linking = s.memo("dataset_link_lines", lambda: [line for line in s.prose if "huggingface.co/datasets/" in line.text])
    lines = [line for line in linking if line.member is member and url in line.text]
    return any((training.search(line.text) or training.search(line.heading))
               and not evaluation.search(line.text) and not evaluation.search(line.heading) for line in lines)


def _supporting_libraries(s: Signals) -> Observation:
    found = _found(s, "supporting_library_manifest", "library packaging") or _found(s, "tokenizer_file", "tokenizer")
    return found or _absent(s, "supporting libraries or tools")


DETECTORS: dict[str, Callable[[Signals], Observation]] = {
    "architecture": _architecture,
    "final_parameters": _final_parameters,
    "evaluation_results": _evaluation_results,
    "model_card": _model_card,
    "data_card": _data_card,
    "technical_report": _technical_report,
    "sample_outputs": _sample_outputs,
    "training_code": _code_rule("training", "training code"),
    "inference_code": _inference_code,
    "evaluation_code": _code_rule("evaluation", "evaluation code"),
    "evaluation_data": _evaluation_data,
    "supporting_libraries": _supporting_libraries,
    "datasets": _datasets,
    "preprocessing_code": _code_rule("preprocessing", "data preprocessing code", mentioned=False),
    "intermediate_parameters": _intermediate_parameters,
    "research_paper": _research_paper,
    "model_metadata": _model_metadata,
}
"""The detection rule of each component of ``criteria/components.yaml``."""

def _unless_unread(key: str, name: str, detect: Callable[[Signals], Observation]) -> Callable[[Signals], Observation]:
    """``detect``, except that an absence is unknown when a source the component reads was not read;
    so is a partial finding (a mention in place of the files), since the files may be in what was not read."""

    def guarded(s: Signals) -> Observation:
        seen = detect(s)
        if seen.status not in {"absent", "partial"}:
            return seen
        gap = unread(s, key)
        return seen if gap is None else Observation("unknown", note=f"{name.lower()}: {gap.reason}", gap=gap)

    return guarded


COMPONENTS: tuple[ComponentSpec, ...] = tuple(
    ComponentSpec(row.key, row.mof_id, row.name, row.content_type, row.license_slot,
                  _unless_unread(row.key, row.name, DETECTORS[row.key]))
    for row in component_table().components)
"""The 17 components with their metadata from the table, in its order (the Model Openness Tool's, classes III, II, I);
each detector's absence checked against the gaps (``gaps.unread``)."""
