"""What kind of release a repository is (model, dataset or software), judged from what it releases.

A repository releases a model when it ships what a model release ships: its own weights
(files, or links under its own organisation: ``ownership``), a model card, a config that
declares an architecture, training configs for named model sizes, or machine-learning code
with training scripts, checkpoints or results. A library others train with is software even
when its documentation links many checkpoints: those are other organisations' weights.
The judgment says why in one line; a kind the user declares (``--kind``, ``kind = …`` in
``[tool.openness]``) replaces it, and the line says so and keeps the judgment.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import patterns
from .facts import Fact, known
from .model import Component, EvidenceRef, ProjectKind
from .ownership import OWN_ROLES, WeightLink, release_org, weight_links
from .signals import Signals
from .weights import weight_files

FLAG_NOTE = "--model_size"
"""The evidence note of a size named by a command-line flag (not a config file)."""

MIN_SIZES = 2
"""Distinct model sizes that make configs a model release on their own (one needs ML code beside it)."""


@dataclass(frozen=True)
class DeclaredKind:
    """A kind the user set, and where: ``--kind`` or the ``[tool.openness]`` of a pyproject.toml."""

    kind: ProjectKind
    by: str


def judged_kind(signals: Signals, results: Component | None = None) -> Fact[ProjectKind]:
    """Model, dataset or software, with what decided it; ``results`` is the evaluation-results component.

    A machine-learning code repository (a framework dependency plus training scripts,
    pre-trained checkpoints or results) counts as a model release: the checklist of the ML
    code-completeness standard applies to it.
    """
    primary = signals.primary
    if primary.kind in {"hf_model", "hf_dataset"}:
        kind: ProjectKind = "model" if primary.kind == "hf_model" else "dataset"
        return _judged(kind, [f"a {kind} repository on the Hugging Face Hub"])
    card = primary.card_data or {}
    keys = [k for k in ("pipeline_tag", "model-index", "base_model") if card.get(k)]
    if keys:
        return _judged("model", [f"the card declares {keys[0]}"])
    if card.get("task_categories"):
        return _judged("dataset", ["the card declares task_categories"])
    release, evidence = _model_release(signals)
    sizes, size_refs = model_sizes(signals)
    sized = [_sizes_line(sizes, size_refs)] if sizes else []
    shown = ["evaluation results"] if results is not None and results.status == "present" else []
    if release:
        return _judged("model", sized + release + shown, evidence + size_refs)
    links = weight_links(signals)
    others = [link for link in links.others if link.org and _own_member(signals, link.ref)]
    if others:
        orgs = list(dict.fromkeys(link.org or "" for link in others))
        return _judged("software", [
            f"a library: its documentation links other organisations' weights ({', '.join(orgs[:4])}), "
            f"none under its own organisation ({'; '.join(o.how for o in links.orgs)})"], [link.ref for link in others[:3]])
    ml = ml_dependency(signals)
    if len(sizes) >= MIN_SIZES or (sizes and ml):
        return _judged("model", sized + shown, size_refs)
    datasheet = signals.find("data_card_file", limit=1, members=[primary])
    if datasheet and not signals.find("python_file", limit=1, members=[primary]):
        return _judged("dataset", [f"{datasheet[0].path} is a datasheet and there is no code"], [datasheet[0].ref()])
    if ml is not None:
        uses = _ml_release(signals, links.own, shown)
        if uses:
            listed = uses[0] if len(uses) == 1 else ", ".join(uses[:-1]) + " and " + uses[-1]
            return _judged("model", [f"machine-learning code ({ml.path}) with {listed}"], [ml])
    return _judged("software", ["no weights, model card, model-size configs or machine-learning training code of its own"])


def kind_fact(judged: Fact[ProjectKind], declared: DeclaredKind | None) -> Fact[ProjectKind]:
    """The kind the run uses: the judgment, or the declared kind with the judgment kept in its reason."""
    if declared is None:
        return judged
    return known("kind", declared.kind, judged.evidence, f"kind set by {declared.by} ({judged.reason})")


def model_sizes(signals: Signals) -> tuple[list[str], list[EvidenceRef]]:
    """Distinct model sizes named by config files (``configs/7b.yaml``) or ``--model_size`` in the docs."""
    size = patterns.text("model_size").regex
    found: dict[str, EvidenceRef] = {}
    for hit in signals.find("model_size_config", limit=200, members=[signals.primary]):
        match = size.search(hit.path.rpartition("/")[2])
        if match:
            found.setdefault(_size(match.group(1), match.group(2)), hit.ref("training config for a model size"))
    flag = patterns.text("model_size_flag").regex
    for line in signals.prose:
        if line.member is signals.primary:
            for value in flag.findall(line.text):
                match = size.fullmatch(value)
                if match:
                    found.setdefault(_size(match.group(1), match.group(2)), line.ref(FLAG_NOTE))
    ordered = sorted(found, key=lambda s: float(s[:-1]) * (1000 if s.endswith("b") else 1))
    return ordered, [found[s] for s in ordered[:3]]


def _sizes_line(sizes: list[str], refs: list[EvidenceRef]) -> str:
    shown = ", ".join(sizes[:4]) + (", …" if len(sizes) > 4 else "")
    what = "training configs" if any(r.note != FLAG_NOTE for r in refs) else "--model_size values"
    return f"{what} for {len(sizes)} model size{'s' if len(sizes) != 1 else ''} ({shown})"


def _size(number: str, unit: str) -> str:
    return f"{number}{unit.lower()}"


def _judged(kind: ProjectKind, why: list[str], evidence: list[EvidenceRef] | None = None) -> Fact[ProjectKind]:
    what = "software" if kind == "software" else f"a {kind} release"
    return known("kind", kind, evidence, f"judged as {what}: {', '.join(why)}")


def _model_release(signals: Signals) -> tuple[list[str], list[EvidenceRef]]:
    """What the repository itself ships that only a model release ships, and where."""
    primary = signals.primary
    why: list[str] = []
    evidence: list[EvidenceRef] = []
    weights = [w for w in weight_files(signals) if w.member == primary.id]
    if weights:
        why.append(f"{weights[0].path} is a weight file" if len(weights) == 1
                   else f"{len(weights)} weight files ({weights[0].path} …)")
        evidence.append(weights[0].ref("weight file"))
    cards = signals.find("model_release_file", limit=1, members=[primary])
    if cards:
        why.append(f"{cards[0].path} is a model card")
        evidence.append(cards[0].ref("model card"))
    config = primary.document("config.json")
    if config is not None and patterns.text("config_architectures_key").search(config.text):
        why.append("config.json declares architectures")
        evidence.append(EvidenceRef(member=primary.id, path="config.json"))
    own = [link for link in weight_links(signals).own if link.own and _own_member(signals, link.ref)]
    org = release_org(own[0].org or "", signals) if own else None
    if own and org is not None:
        why.append(f"weights linked under the same organisation ({own[0].org}: {org.how})")
        evidence.append(own[0].ref)
    return why, evidence


def ml_dependency(signals: Signals) -> EvidenceRef | None:
    """Where the release depends on a machine-learning framework: a dependency manifest that names
    one, else a README line under an installation heading, or an install command (on its own line
    or in inline code), that names one.

    Judgment call: research code often says "Requirements: PyTorch 1.4" in prose and ships no
    manifest; a framework merely mentioned elsewhere in the README (a comparison, a citation) is
    not a dependency, so prose counts only where the README says what to install."""
    return signals.memo("ml_dependency", lambda: _ml_dependency(signals))


def _ml_dependency(signals: Signals) -> EvidenceRef | None:
    framework = patterns.text("ml_framework_dependency")
    manifest = next((EvidenceRef(member=m.id, path=d.path) for m, d in signals.documents_of("dependency_document")
                     if framework.search(d.text)), None)
    if manifest is not None:
        return manifest
    named = patterns.text("ml_framework_named")
    installing = patterns.text("install_section")
    command = patterns.text("install_command")
    inline = patterns.text("inline_code")
    for line in signals.prose:
        found = named.search(line.text) if line.member.id == signals.primary.id else None
        if found and ((line.heading and installing.search(line.heading)) or command.search(line.text) or any(
                command.search(span.group(2)) for span in inline.regex.finditer(line.text))):
            return line.ref(f"names {found.group(0)}")
    return None


def _ml_release(signals: Signals, own_links: list[WeightLink], results: list[str]) -> list[str]:
    """What makes machine-learning code a model release: training scripts, checkpoints, results."""
    uses = []
    preparing = patterns.file_query("preprocessing_code_name")
    trains = [h for h in signals.find("training_script_name", limit=50, members=[signals.primary])
              if not preparing.match(h.path)]  # create_pretraining_data.py prepares data, it does not train
    if trains:
        uses.append(f"training scripts ({trains[0].path})")
    if own_links:
        uses.append("weights download links")
    elif signals.search("pretrained_mentioned"):
        uses.append("pre-trained checkpoints mentioned")
    return uses + results


def _own_member(signals: Signals, ref: EvidenceRef) -> bool:
    """Whether ``ref`` is in a document of the release itself (not its datasets' or base model's)."""
    return any(m.id == ref.member and m.role in OWN_ROLES for m in signals.members)
