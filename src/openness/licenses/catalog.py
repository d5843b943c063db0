"""The licence catalogue: SPDX data plus the curated AI licences of ``criteria/licenses.yaml``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Category = Literal[
    "osi", "open_data", "open_restricted", "non_commercial", "research_only", "proprietary", "unknown"
]


@dataclass(frozen=True)
class LicenseTerms:
    """What a licence allows, as a buyer asks it. ``None`` means the catalogue does not say."""

    id: str
    name: str
    category: Category
    url: str | None = None
    commercial_use: bool | None = None
    derivatives: bool | None = None
    redistribution: bool | None = None
    use_restrictions: bool | None = None
    user_threshold: str | None = None
    attribution: bool | None = None
    share_alike: bool | None = None
    osi_approved: bool = False
    fsf_libre: bool = False
    osaid_ok: bool | None = None
    mof_open: bool = False
    deprecated: bool = False
    sources: tuple[str, ...] = field(default_factory=tuple)


_MINIMAL = {
    "MIT": LicenseTerms("MIT", "MIT License", "osi", commercial_use=True, derivatives=True,
                        redistribution=True, use_restrictions=False, attribution=True,
                        share_alike=False, osi_approved=True, fsf_libre=True, osaid_ok=True, mof_open=True),
    "Apache-2.0": LicenseTerms("Apache-2.0", "Apache License 2.0", "osi", commercial_use=True,
                               derivatives=True, redistribution=True, use_restrictions=False,
                               attribution=True, share_alike=False, osi_approved=True, fsf_libre=True,
                               osaid_ok=True, mof_open=True),
}


def normalise_expression(expression: str) -> str | None:
    """Canonical form of a licence expression or alias, or None when it is not recognised."""
    key = expression.strip()
    for known in _MINIMAL:
        if known.lower() == key.lower():
            return known
    return None


def lookup(identifier: str) -> LicenseTerms | None:
    """Terms of a licence id, alias or Hub licence key; None when unknown."""
    canonical = normalise_expression(identifier)
    return _MINIMAL.get(canonical) if canonical else None


def is_open_for_mof(identifier: str) -> bool:
    """True when the Model Openness Framework counts this exact id as an open licence."""
    terms = _MINIMAL.get(identifier)
    return bool(terms and terms.mof_open)
