"""Evidence → Inventory: which release components exist, where, and under which licence.

Detection lives here, once; criteria checks and framework lenses read the Inventory.
"""

from __future__ import annotations

import re

from ..evidence import Evidence
from .components import COMPONENTS
from .licensing import collect_declarations, component_license, resolve
from .model import Component, EvidenceRef, Inventory, LicenseDeclaration, ProjectKind, ResolvedLicense
from .signals import Signals

__all__ = [
    "Component", "EvidenceRef", "Inventory", "LicenseDeclaration", "ResolvedLicense", "Signals",
    "build_inventory", "project_kind",
]


_ML_FRAMEWORKS = r"^\s*-?\s*(torch|pytorch|tensorflow(-gpu)?|jax|flax|keras|transformers|diffusers|mxnet|paddlepaddle)\b"


def project_kind(signals: Signals) -> ProjectKind:
    """Model, dataset or software: decides which criteria apply.

    A machine-learning code repository (a framework dependency plus training or
    pretrained-model signals) counts as a model release: the checklist of the ML
    code-completeness standard applies to it.
    """
    primary = signals.primary
    if primary.kind in {"hf_model", "hf_dataset"}:
        return "model" if primary.kind == "hf_model" else "dataset"
    mine = [primary]
    card = primary.card_data or {}
    if card.get("pipeline_tag") or card.get("model-index") or card.get("base_model"):
        return "model"
    if signals.files(r"(?:model[_-]?card|modelcard)[^/]*\.md|[^/]*\.(?:safetensors|gguf|ckpt|pth)", limit=1, members=mine):
        return "model"
    config = primary.document("config.json")
    if config is not None and '"architectures"' in config.text:
        return "model"
    if card.get("task_categories") or (
            signals.files(r"(?:datasheet|data[_-]?card)[^/]*\.md", limit=1, members=mine)
            and not signals.files(r".*\.py", limit=1, members=mine)):
        return "dataset"
    uses_ml = any(re.search(_ML_FRAMEWORKS, doc.text, re.I | re.M) for _, doc in
                  signals.documents(r"(?:.*/)?(?:requirements[^/]*\.txt|environment[^/]*\.ya?ml|pyproject\.toml|setup\.py)"))
    trains = signals.files(r"[^/]*(?:train|finetune|pretrain)[^/]*\.(?:py|sh|ipynb)", limit=1, members=mine)
    if uses_ml and (trains or signals.search_text(r"pre-?trained (models?|weights|checkpoints?)|checkpoints?")):
        return "model"
    return "software"


def build_inventory(evidence: Evidence, signals: Signals | None = None) -> Inventory:
    """The Inventory of ``evidence``; pure and deterministic."""
    signals = signals or Signals(evidence)
    declarations = collect_declarations(signals)
    distribution, slots = resolve(signals, declarations)
    components = []
    for spec in COMPONENTS:
        seen = spec.detect(signals)
        license_ = None
        if seen.status in {"present", "partial"}:
            member = seen.evidence[0].member if seen.evidence else signals.primary.id
            paths = [ref.path for ref in seen.evidence if ref.path]
            license_ = component_license(paths, member, spec.license_slot, declarations, slots)
        components.append(Component(
            key=spec.key, mof_id=spec.mof_id, name=spec.name, content_type=spec.content_type,
            license_slot=spec.license_slot, status=seen.status, evidence=seen.evidence,
            access=seen.access, license=license_, note=seen.note,  # type: ignore[arg-type]
        ))
    return Inventory(kind=project_kind(signals), components=components, licenses=slots,
                     distribution_license=distribution, declarations=declarations)
