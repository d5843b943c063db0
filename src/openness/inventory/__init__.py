"""Evidence → Inventory: which release components exist, where, and under which licence.

Detection lives here, once: every answer is a typed fact (``Inventory.facts``, see
``inventory.facts``) or a component; criteria checks and framework lenses read those, and
the patterns behind them are data (``criteria/patterns.yaml``).
"""

from __future__ import annotations

from ..evidence import Evidence
from .build_facts import build_facts, kind_fact
from .components import COMPONENTS
from .coverage import component_license, resolve
from .declarations import collect_declarations
from .facts import ClaimName, Fact, Facts
from .model import Component, EvidenceRef, Inventory, LicenseDeclaration, ProjectKind, ResolvedLicense
from .signals import Signals

__all__ = [
    "ClaimName", "Component", "EvidenceRef", "Fact", "Facts", "Inventory", "LicenseDeclaration", "ResolvedLicense",
    "Signals", "build_inventory", "project_kind",
]


def project_kind(signals: Signals) -> ProjectKind:
    """Model, dataset or software: decides which criteria apply."""
    return kind_fact(signals).value or "software"


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
            license_ = component_license(seen.evidence, spec.license_slot, declarations, slots)
        components.append(Component(
            key=spec.key, mof_id=spec.mof_id, name=spec.name, content_type=spec.content_type,
            license_slot=spec.license_slot, status=seen.status, evidence=seen.evidence,
            access=seen.access, license=license_, note=seen.note, gap=seen.gap,
        ))
    facts = build_facts(signals, components)
    return Inventory(kind=facts.kind.value or "software", components=components, licenses=slots,
                     distribution_license=distribution, declarations=declarations, facts=facts)
