"""The licence path of the inventory: declarations (``declarations``), then coverage (``coverage``).

``build_inventory`` imports these names from here.
"""

from __future__ import annotations

from .coverage import component_license as _covering_license
from .coverage import resolve
from .declarations import collect_declarations
from .model import EvidenceRef, LicenseDeclaration, LicenseSlot, ResolvedLicense

__all__ = ["collect_declarations", "component_license", "resolve"]


def component_license(paths: list[str], member_id: str, slot: LicenseSlot,
                      declarations: list[LicenseDeclaration],
                      slots: dict[LicenseSlot, ResolvedLicense]) -> ResolvedLicense:
    """Compatibility form of ``coverage.component_license`` for callers that pass only the paths.

    Paths alone cannot tell a link from a file, so this form never sees a component as published
    elsewhere; ``coverage.license_of`` applies that rule when the licence is read.
    """
    return _covering_license([EvidenceRef(member=member_id, path=p) for p in paths], slot, declarations, slots)
