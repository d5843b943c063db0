"""Detect each component of the Model Openness Framework's list in the evidence.

One rule per component. A rule returns what it saw; it never guesses: a component
whose evidence could not be fetched (a gated repository, a truncated tree) is
``unknown``, not ``absent``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ..components_table import component_table
from .model import ComponentStatus, ContentType, EvidenceRef, LicenseSlot
from .prose import Line, prose_of
from .signals import Signals

WEIGHT_FILES = r"[^/]+\.(?:safetensors|bin|pt|pth|ckpt|gguf|ggml|onnx|h5|keras|msgpack|tflite|mlmodel|npz|pdparams|nemo)"
"""File names that hold model parameters (``.bin`` only counts outside obvious non-model folders)."""

_CODE = r"\.(?:py|sh|ipynb|jl|r|lua|cpp|cu|rs|go|js|ts|scala|java)"
PREPROCESSING_NAMES = (r"preprocess|prepare_data|prep_data|data_prep|tokeni[sz]e|dedup|filter|clean|build_dataset|"
                       r"make_dataset|process_data|(?:create|make|build|generate)_\w*data")
"""Names of data-preparation scripts; ``create_pretraining_data.py`` is preprocessing, not training."""


@dataclass(frozen=True)
class Observation:
    """What a rule saw for one component."""

    status: ComponentStatus
    evidence: list[EvidenceRef] = field(default_factory=list)
    access: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class ComponentSpec:
    key: str
    mof_id: int
    name: str
    content_type: ContentType
    license_slot: LicenseSlot
    detect: Callable[[Signals], Observation]


def _from_files(signals: Signals, name: str | None, note: str | None = None, under: str | None = None) -> Observation | None:
    hits = signals.files(name, under=under)
    if hits:
        return Observation("present", [h.ref(note) for h in hits])
    return None


def _absent(signals: Signals, what: str) -> Observation:
    """Absent, unless a gap in the evidence means we could not have seen it."""
    blocking = [g for g in signals.evidence.all_gaps()
                if g.kind in {"gated", "private_or_missing", "truncated", "rate_limited", "forbidden", "offline"}
                and g.what in {"files", "tree", "repository", "card"}]
    if blocking:
        return Observation("unknown", note=f"{what}: {blocking[0].reason}")
    return Observation("absent", note=f"no {what} found")


def _architecture(s: Signals) -> Observation:
    for member in s.members:
        config = member.document("config.json")
        if config and re.search(r'"(architectures|model_type)"\s*:', config.text):
            return Observation("present", [EvidenceRef(member=member.id, path="config.json",
                                                       note="architecture declared in config.json")])
    found = (_from_files(s, r"modeling_[^/]*\.py|(?:model|models|modeling|network|networks|net|architecture)\.py",
                         "model definition code")
             or _from_files(s, rf"[^/]+{_CODE}", "model definition code",
                            under=r"(?:.*/)?(?:models?|modeling|nets?|networks?|architectures?)"))
    return found or _absent(s, "model architecture definition")


def _final_parameters(s: Signals) -> Observation:
    weights = [h for h in s.files(WEIGHT_FILES, limit=50)
               if not re.search(r"(^|/)(tests?|docs?|examples?|assets)/", h.path, re.I)
               and not h.path.lower().endswith(("training_args.bin", "optimizer.pt", "scheduler.pt", "rng_state.pth"))]
    gated = next((m.host.gated for m in s.members if m.host.gated), None)
    access = "gated" if gated else "private" if any(m.host.private for m in s.members) else "open"
    if weights:
        return Observation("present", [h.ref("weight file") for h in weights[:5]], access=access)
    scripts = s.files(r"download[_-]?(?:model|weights|checkpoints?)[^/]*" + _CODE)
    if scripts:
        return Observation("present", [h.ref("weights downloaded by this script") for h in scripts], access=access,
                           note="weights are published outside the repository and fetched by a script")
    linked = _weight_links(s)
    if linked:
        return Observation("present", linked, access=access, note="weights published outside the repository")
    mention = s.search_text(r"(pre-?trained|released?|download(able)?)\s+(model\s+)?(weights|checkpoints?|models?)\b")
    if mention:
        return Observation("partial", mention, access=access, note="weights mentioned but no file or direct link found")
    return _absent(s, "model weights")


_WEIGHTS_CONTEXT = re.compile(r"\b(weights?|checkpoints?|ckpts?|download\w*|pre-?trained|model zoo|released? models?)\b", re.I)
_WEIGHTS_URL = re.compile(
    r"https?://huggingface\.co/(?!datasets/|spaces/|docs/|blog/|papers/)[\w.-]+/[\w.-]+[^\s)\]>\"']*"
    r"|https?://[^\s)\]>\"']+\.(?:zip|tar\.gz|tgz|tar|7z|ckpt|pt|pth|bin|safetensors|h5|gguf|onnx|npz)\b", re.I)


def _weight_links(s: Signals) -> list[EvidenceRef]:
    """Download links for weights: in prose (not inside a command), where the line, its section or
    the URL itself says weights, checkpoints or pre-trained models."""
    refs: list[EvidenceRef] = []
    for line in s.prose:
        if line.in_code:
            continue
        for url in _WEIGHTS_URL.findall(line.text):
            if _WEIGHTS_CONTEXT.search(prose_of(line.text)) or _WEIGHTS_CONTEXT.search(line.heading) \
                    or re.search(r"model|checkpoint|weight|ckpt|pretrain", url.rsplit("/", 2)[-2] + url.rsplit("/", 1)[-1], re.I):
                refs.append(EvidenceRef(member=line.member.id, path=line.document.path, line=line.number, url=url,
                                        note="weights download link"))
                if len(refs) >= 5:
                    return refs
    return refs


def _intermediate_parameters(s: Signals) -> Observation:
    branches = [(m, b) for m in s.members for b in m.host.branches
                if re.match(r"(step|checkpoint|ckpt|stage|iter|revision|tokens?)[-_]?\d", b, re.I)]
    if branches:
        member = branches[0][0]
        return Observation("present", [EvidenceRef(member=member.id, note=f"{len(branches)} checkpoint branches, e.g. {branches[0][1]}")])
    found = _from_files(s, WEIGHT_FILES, "intermediate checkpoint", under=r"(?:.*/)?(?:checkpoint|step|ckpt)[-_]?\d+")
    if found:
        return found
    mention = s.search_text(r"intermediate checkpoints?|training checkpoints?|checkpoints? (every|at each)|revision=\"?step")
    if mention:
        return Observation("partial", mention, note="intermediate checkpoints mentioned, not located")
    return _absent(s, "intermediate checkpoints")


def _model_metadata(s: Signals) -> Observation:
    found = (_from_files(s, r"trainer_state\.json|training_args\.(?:bin|json)|optimizer\.(?:pt|bin)|"
                            r"(?:train|training|pretrain)[^/]*\.(?:ya?ml|json|toml)", "training configuration")
             or _from_files(s, r"[^/]+\.(?:ya?ml|json|toml)", "training configuration", under=r"(?:.*/)?configs?"))
    return found or _absent(s, "training configuration or optimizer state")


def _card_sections(s: Signals) -> tuple[EvidenceRef | None, int]:
    best: tuple[EvidenceRef | None, int] = (None, -1)
    for member, doc in s.documents(r"(?:.*/)?(?:model[_-]?card|modelcard)[^/]*\.md|readme\.md"):
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
    found = (_from_files(s, r"(?:datasheet|data[_-]?card|dataset[_-]?card)[^/]*\.(?:md|pdf|txt|rst)", "data card")
             or _from_files(s, r"readme\.md", "data card", under="data"))
    if found:
        return found
    datasets = [m for m in s.members if m.kind == "hf_dataset" and m.document("README.md")]
    if datasets:
        return Observation("present", [EvidenceRef(member=m.id, path="README.md", note="dataset card") for m in datasets])
    mention = s.search_text(r"^#+\s*(training data|dataset(s)?|data sources?)\s*$")
    if mention:
        return Observation("partial", mention, note="training data described inside the model card, no separate data card")
    return _absent(s, "data card or datasheet")


def _technical_report(s: Signals) -> Observation:
    found = _from_files(s, r"[^/]*(?:technical[_-]?report|tech[_-]?report|whitepaper)[^/]*\.(?:pdf|md)", "technical report")
    if found:
        return found
    mention = s.search_text(r"technical report|tech(nical)? report|system card")
    if mention:
        return Observation("present", mention, note="technical report referenced")
    return _absent(s, "technical report")


_CITATION_HEADING = re.compile(r"citation|\bcit(e|ing)\b|bibtex|how to cite|reference (this|our)", re.I)
_PAPER_WORDS = re.compile(r"\b(paper|preprint|technical report|publication|published)\b", re.I)
_PAPER_LINK = re.compile(
    r"arxiv\.org/(?:abs|pdf)/(\d{4}\.\d{4,5})|\beprint\s*=\s*[{\"](\d{4}\.\d{4,5})|arXiv:\s?(\d{4}\.\d{4,5})"
    r"|doi\.org/(10\.\d{4,9}/[^\s\"'<>)\]]+)|(https?://[^\s)\]>\"']+\.pdf)\b"
    r"|(https?://(?:aclanthology\.org|openreview\.net|proceedings\.[\w.]+|papers\.nips\.cc)/[^\s)\]>\"']+)", re.I)


def _own_paper_refs(s: Signals) -> list[EvidenceRef]:
    """The release's own paper: cited in a Citation/BibTeX section or block, or introduced as
    "the paper" at the top of the README or card. Papers credited elsewhere do not count."""
    refs: list[EvidenceRef] = []
    lines = s.prose
    for index, line in enumerate(lines):
        cited = _CITATION_HEADING.search(line.heading) or (line.in_code and re.search(r"@\w+\{|eprint|arxiv", line.text, re.I))
        introduced = line.in_title_area and not line.in_code and _PAPER_WORDS.search(prose_of(line.text))
        if not (cited or introduced):
            continue
        for match in _PAPER_LINK.finditer(line.text):
            arxiv = match.group(1) or match.group(2) or match.group(3)
            target = f"https://arxiv.org/abs/{arxiv}" if arxiv else \
                f"https://doi.org/{match.group(4)}" if match.group(4) else (match.group(5) or match.group(6))
            refs.append(line.ref("cited as the project's own paper" if cited else "the paper this release comes from")
                        .model_copy(update={"url": target}))
        if cited and line.in_code and re.match(r"\s*@\w+\{", line.text) and not any(r.line == line.number for r in refs) \
                and _bibtex_is_paper(lines, index):
            refs.append(line.ref("BibTeX entry for the project's own paper"))
    unique = {(r.url or r.path, r.url or r.line): r for r in refs}
    return list(unique.values())[:5]


def _bibtex_is_paper(lines: list[Line], start: int) -> bool:
    """A BibTeX entry for a paper, not for the repository itself (``howpublished = {GitHub}``)."""
    entry = []
    for line in lines[start:start + 20]:
        if line.document is not lines[start].document or (entry and not line.in_code):
            break
        entry.append(line.text)
    text = "\n".join(entry)
    return bool(re.search(r"arxiv|eprint|doi\s*=|booktitle", text, re.I)) or not re.search(r"github", text, re.I)


def _research_paper(s: Signals) -> Observation:
    declared = [EvidenceRef(member=m.id, path="README.md", url=_paper_url("arxiv", target),
                            note=f"arXiv {target} declared in the card's metadata")
                for m, target, where in s.links("arxiv") if where.startswith("card metadata")]
    found = _own_paper_refs(s)
    own = found + [ref for ref in declared if ref.url not in {r.url for r in found}]
    if own:
        return Observation("present", own[:5])
    citation = _from_files(s, r"citation\.cff|[^/]*paper[^/]*\.pdf", "citation or paper")
    if citation:
        return citation
    tagged = [EvidenceRef(member=m.id, url=_paper_url("arxiv", target), note=f"arXiv {target} tagged on the Hub")
              for m, target, where in s.links("arxiv") if where == "hub tags"]
    if tagged:
        return Observation("partial", tagged[:5], note="arXiv ids on the Hub page, which may include papers the card only cites")
    cited = s.links("arxiv") + s.links("doi")
    if cited:
        return Observation("absent", note=f"{len(cited)} papers are cited, none of them as this release's own")
    return _absent(s, "research paper or preprint")


def _paper_url(kind: str, target: str) -> str:
    return {"arxiv": f"https://arxiv.org/abs/{target}", "doi": f"https://doi.org/{target}"}.get(kind, target)


def _evaluation_results(s: Signals) -> Observation:
    for member in s.members:
        if (member.card_data or {}).get("model-index"):
            return Observation("present", [EvidenceRef(member=member.id, path="README.md", note="model-index results in card metadata")])
    table = s.search_text(r"^\|.*\b(accuracy|acc|f1|bleu|rouge|perplexity|ppl|mmlu|exact match|em|auc|map|wer|score|top-?1|pass@1)\b.*\|\s*$")
    if table:
        return Observation("present", table, note="results table")
    section = s.card_section("evaluation_results")
    if section is not None:
        return Observation("present", [section], note="results reported in the card")
    found = _from_files(s, r"(?:results?|eval(?:uation)?_results?)[^/]*\.(?:json|csv|md|tsv)", "results file")
    return found or _absent(s, "evaluation results")


def _sample_outputs(s: Signals) -> Observation:
    if any((m.card_data or {}).get("widget") for m in s.members):
        return Observation("present", [EvidenceRef(member=s.primary.id, path="README.md", note="widget examples in card")])
    found = _from_files(s, r"[^/]+\.(?:txt|json|jsonl|png|jpe?g|wav|mp3|md)", "sample output",
                        under=r"(?:.*/)?(?:samples?|outputs?|generations?|examples?_outputs?)")
    return found or _absent(s, "sample outputs")


def _code_rule(key_pattern: str, dirs: str, what: str, mention: str | None = None,
               unless: str | None = None) -> Callable[[Signals], Observation]:
    """Code files named for the job (``key_pattern``, but not ``unless``) or kept in its folders."""
    excluded = rf"(?![^/]*(?:{unless}))" if unless else ""

    def detect(s: Signals) -> Observation:
        found = (_from_files(s, rf"{excluded}[^/]*(?:{key_pattern})[^/]*{_CODE}", what)
                 or _from_files(s, rf"[^/]+{_CODE}", what, under=rf"(?:.*/)?(?:{dirs})(?:/.*)?"))
        if found:
            return found
        if mention:
            refs = s.search_text(mention)
            if refs:
                return Observation("partial", refs, note=f"{what} described in the documentation, no file found")
        return _absent(s, what)
    return detect


def _inference_code(s: Signals) -> Observation:
    found = _code_rule(r"infer|generat|predict|serve|serving|sample|demo|inference|run_model|interactive",
                       r"inference|serving|serve", "inference code")(s)
    if found.status == "present":
        return found
    library = next((m for m in s.members if m.host.library or (m.card_data or {}).get("library_name")), None)
    if library is not None:
        name = library.host.library or library.card_data.get("library_name")  # type: ignore[union-attr]
        return Observation("present", [EvidenceRef(member=library.id, note=f"loads with the {name} library")])
    return found


def _evaluation_data(s: Signals) -> Observation:
    for member in s.members:
        index = (member.card_data or {}).get("model-index") or []
        datasets = sorted({str(r.get("dataset", {}).get("name") or r.get("dataset", {}).get("type"))
                           for entry in index if isinstance(entry, dict)
                           for r in entry.get("results", []) if isinstance(r, dict) and isinstance(r.get("dataset"), dict)})
        if datasets:
            return Observation("present", [EvidenceRef(member=member.id, path="README.md", note="evaluated on " + ", ".join(datasets[:5]))])
    found = (_from_files(s, r"[^/]*(?:eval|test|dev)[_-]?(?:set|data|split)[^/]*\.(?:jsonl?|csv|tsv|parquet|txt)", "evaluation data")
             or _from_files(s, r"[^/]+\.(?:jsonl?|csv|tsv|parquet|txt)", "evaluation data",
                            under=r"(?:.*/)?(?:eval|evaluation|test|benchmark)[^/]*"))
    return found or _absent(s, "evaluation data")


def _datasets(s: Signals) -> Observation:
    refs = [EvidenceRef(member=m.id, url=f"https://huggingface.co/datasets/{target}", note=f"dataset {target}")
            for m, target, _ in s.links("hf_dataset")]
    dataset_members = [m for m in s.members if m.kind == "hf_dataset"]
    refs += [EvidenceRef(member=m.id, note="dataset repository") for m in dataset_members]
    gated = any(m.host.gated for m in dataset_members)
    files = (s.files(r"[^/]+\.(?:jsonl?|csv|tsv|parquet|arrow|txt|tfrecord)", under=r"(?:.*/)?(?:data|datasets?|corpus)")
             or s.files(r"[^/]*(?:_data|dataset)[^/]*\.(?:jsonl?|csv|tsv|parquet)"))
    refs += [h.ref("data file") for h in files]
    if refs:
        return Observation("present", refs[:5], access="gated" if gated else "open")
    return _absent(s, "training datasets")


def _supporting_libraries(s: Signals) -> Observation:
    found = (_from_files(s, r"pyproject\.toml|setup\.py|setup\.cfg|cargo\.toml|package\.json", "library packaging", under="")
             or _from_files(s, r"tokenizer(?:_config)?\.json|tokenizer\.model", "tokenizer"))
    return found or _absent(s, "supporting libraries or tools")


DETECTORS: dict[str, Callable[[Signals], Observation]] = {
    "architecture": _architecture,
    "final_parameters": _final_parameters,
    "evaluation_results": _evaluation_results,
    "model_card": _model_card,
    "data_card": _data_card,
    "technical_report": _technical_report,
    "sample_outputs": _sample_outputs,
    "training_code": _code_rule(r"train|finetune|fine_tune|pretrain|sft|dpo|rlhf", r"training|train|finetun\w*|scripts/train\w*",
                                "training code", r"^#+\s*(training|fine-?tuning|reproduc\w*)\b(?!\s+(data|dataset|corpus))",
                                unless=PREPROCESSING_NAMES),
    "inference_code": _inference_code,
    "evaluation_code": _code_rule(r"eval|evaluate|benchmark|score|metric", r"eval|evaluation|evals|benchmarks?",
                                  "evaluation code", r"^#+\s*(evaluat\w*|how to evaluate|running (the )?evaluations?)\s*$"),
    "evaluation_data": _evaluation_data,
    "supporting_libraries": _supporting_libraries,
    "datasets": _datasets,
    "preprocessing_code": _code_rule(PREPROCESSING_NAMES, r"preprocess\w*|data_processing|data_prep\w*|dataprep",
                                     "data preprocessing code"),
    "intermediate_parameters": _intermediate_parameters,
    "research_paper": _research_paper,
    "model_metadata": _model_metadata,
}
"""The detection rule of each component of ``criteria/components.yaml``."""

COMPONENTS: tuple[ComponentSpec, ...] = tuple(
    ComponentSpec(row.key, row.mof_id, row.name, row.content_type, row.license_slot, DETECTORS[row.key])
    for row in component_table().components)
"""The 17 components with their metadata from the table, in its order (the Model Openness Tool's, classes III, II, I)."""
