"""Evidence → Inventory: which release components exist, where, and under which licence.

Detection lives here, once: every answer is a typed fact (``Inventory.facts``, see
``inventory.facts``) or a component; criteria checks and framework lenses read those, and
the patterns behind them are data (``criteria/patterns.yaml``).
"""

from __future__ import annotations

from ..evidence import Evidence
from .build_facts import build_facts
from .components import COMPONENTS
from .coverage import component_license, resolve
from .declarations import collect_declarations
from .facts import ClaimName, Fact, Facts, Maintenance
from .kind import DeclaredKind
from .model import Component, EvidenceRef, Inventory, LicenseDeclaration, ResolvedLicense
from .signals import Signals

__all__ = [
    "ClaimName", "Component", "DeclaredKind", "EvidenceRef", "Fact", "Facts", "Inventory", "LicenseDeclaration", "Maintenance",
    "ResolvedLicense", "Signals", "build_inventory",
]


def build_inventory(evidence: Evidence, signals: Signals | None = None, kind: DeclaredKind | None = None,
                    status: Maintenance | None = None) -> Inventory:
    """The Inventory of ``evidence``; pure and deterministic.

    ``kind``, when the user declared one, replaces the judged kind everywhere it decides
    something (which criteria and lenses apply, which licence slots are released); the
    judgment stays in ``facts.kind_judged`` and in the kind's reason.
    """
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
    facts = build_facts(signals, components, kind, status)
    return Inventory(kind=facts.kind.value or "software", components=components, licenses=slots,
                     distribution_license=distribution, declarations=declarations, facts=facts)
