"""The licence catalogue: SPDX data plus the curated AI licences of ``criteria/licenses.yaml``.

``lookup`` is forgiving (any case, aliases, Hub keys, deprecated ids); ``is_open_for_mof``
is strict, because the Model Openness Framework matches exact SPDX ids only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Literal

from . import spdx
from .curated import CuratedCatalog, CuratedEntry, load_catalog

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
    obligations: str | None = None
    """What a licensee must do: notices, naming rules, flow-down of restrictions."""
    curated: bool = False
    """True when the terms come from ``licenses.yaml``; False when derived from SPDX flags."""
    scancode_category: str | None = None
    """ScanCode LicenseDB category of the id (evidence only, e.g. "Proprietary Free")."""


_MOF_ALWAYS_OPEN = "OpenMDW-1.0"
_OSD = "https://opensource.org/osd"
_FSD = "https://www.gnu.org/philosophy/free-sw.html"


@lru_cache(maxsize=1)
def _catalog() -> CuratedCatalog:
    return load_catalog(None, spdx.ids())


@lru_cache(maxsize=1)
def _entries_by_id() -> dict[str, CuratedEntry]:
    return {entry.id: entry for entry in _catalog().licenses}


def _loose(text: str) -> str:
    """A matching key for free-text licence names: case, spelling and filler words ignored."""
    key = text.casefold().replace("licence", "license")
    key = re.sub(r"[\"'`,;:()\[\]]", " ", key)
    key = re.sub(r"\b(the|version|v(?=\d))\b", " ", key)
    key = re.sub(r"\s+", " ", key).strip()
    return key.removesuffix(" license").removeprefix("license ").strip()


@lru_cache(maxsize=1)
def _alias_table() -> dict[str, str]:
    """Case-folded and loose keys → catalogue id, from curated keys, SPDX ids and names."""
    table: dict[str, str] = {}
    for key, lic in spdx.licenses().items():
        table.setdefault(_loose(lic.name), key)
    for entry in _catalog().licenses:
        names = (entry.id, entry.name or "", *entry.hub_keys, *entry.aliases)
        for name in filter(None, names):
            table[name.casefold()] = entry.id
            table[_loose(name)] = entry.id
    return table


@lru_cache(maxsize=1)
def _url_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for entry in _catalog().licenses:
        for url in filter(None, (entry.url, *entry.sources)):
            table.setdefault(_url_key(url), entry.id)
    return table


def _url_key(url: str) -> str:
    key = re.sub(r"^https?://(www\.)?", "", url.strip().casefold())
    return key.rstrip("/")


def _resolve_id(identifier: str) -> str | None:
    """The catalogue id (SPDX or LicenseRef) a single identifier or alias stands for."""
    text = identifier.strip()
    if not text:
        return None
    if text in _entries_by_id() or text in spdx.licenses():
        return _current(text)
    folded = text.casefold()
    curated = _alias_table().get(folded)
    if curated and curated in _entries_by_id():
        return curated
    exact = spdx.by_folded_id().get(folded) or spdx.by_folded_name().get(folded)
    if exact:
        return _current(exact)
    normalised = spdx.normalise(text)
    if normalised and len(spdx.symbols(normalised)) == 1 and " " not in normalised:
        return normalised
    return _alias_table().get(_loose(text))


def _current(spdx_id: str) -> str:
    """Deprecated SPDX ids that have a direct successor resolve to it (GPL-2.0 → GPL-2.0-only)."""
    return spdx.normalise(spdx_id) or spdx_id if spdx_id not in _entries_by_id() else spdx_id


def _terms(catalog_id: str) -> LicenseTerms | None:
    entry = _entries_by_id().get(catalog_id)
    lic = spdx.licenses().get(catalog_id)
    if entry is None and lic is None:
        return None
    osi = bool(lic and lic.osi_approved)
    fsf = bool(lic and lic.fsf_libre)
    base: dict[str, Any] = dict(
        id=catalog_id,
        osi_approved=osi,
        fsf_libre=fsf,
        mof_open=is_open_for_mof(catalog_id),
        deprecated=bool(lic and lic.deprecated_id),
        scancode_category=spdx.scancode_categories().get(catalog_id),
    )
    if entry is not None:
        return LicenseTerms(
            **base,
            name=entry.name or (lic.name if lic else catalog_id),
            category=entry.category,
            url=entry.url or f"https://spdx.org/licenses/{catalog_id}.html",
            commercial_use=entry.commercial_use,
            derivatives=entry.derivatives,
            redistribution=entry.redistribution,
            use_restrictions=entry.use_restrictions,
            user_threshold=entry.user_threshold,
            attribution=entry.attribution,
            share_alike=entry.share_alike,
            osaid_ok=entry.osaid_ok,
            sources=entry.sources,
            obligations=entry.obligations,
            curated=True,
        )
    # Not curated: what the OSD (for OSI-approved) or the Free Software Definition (for
    # FSF-libre) guarantees, and nothing more.
    assert lic is not None  # neither curated nor in the SPDX list returned above
    free = osi or fsf
    return LicenseTerms(
        **base,
        name=lic.name,
        category="osi" if osi else "unknown",
        url=f"https://spdx.org/licenses/{catalog_id}.html",
        commercial_use=True if free else None,
        derivatives=True if free else None,
        redistribution=True if free else None,
        use_restrictions=False if free else None,
        osaid_ok=True if osi else None,
        sources=tuple(s for s, ok in ((_OSD, osi), (_FSD, fsf)) if ok)
        + (f"https://spdx.org/licenses/{catalog_id}.html",),
    )


def lookup(identifier: str) -> LicenseTerms | None:
    """Terms of a licence id, alias or Hub licence key; None when unknown.

    Accepts SPDX ids in any case and their deprecated forms (``GPL-2.0+``), Hub keys
    (``llama3``, ``openrail++``, ``cc-by-nc-4.0``, ``other``), ``LicenseRef-scancode-*``
    keys of the model licences, and common names ("Apache 2.0", "MIT License").
    A compound expression (``MIT OR Apache-2.0``) has no single terms: use
    :func:`terms_for_expression`.
    """
    catalog_id = _resolve_id(identifier)
    return _terms(catalog_id) if catalog_id else None


def terms_for_expression(expression: str) -> list[LicenseTerms]:
    """Terms of every licence named in an expression, in order; unknown ids are skipped."""
    normalised = normalise_expression(expression)
    if normalised is None:
        return []
    found = (lookup(symbol) for symbol in spdx.symbols(normalised))
    return [terms for terms in found if terms is not None]


def terms_for_hub_key(
    card_license: str | None, license_name: str | None = None, license_link: str | None = None
) -> LicenseTerms | None:
    """Terms for a Hub model card's ``license`` / ``license_name`` / ``license_link`` trio.

    With ``license: other`` (or no licence) the name, then the link, say which licence it is;
    when neither is known the result is the catalogue's "other" entry (category unknown).
    """
    key = (card_license or "").strip()
    if key and key.casefold() != "other":
        return lookup(key)
    for candidate in (license_name, license_link):
        if not candidate:
            continue
        terms = lookup(candidate)
        if terms is None and candidate.startswith("http"):
            linked = _url_table().get(_url_key(candidate))
            terms = _terms(linked) if linked else None
        if terms is not None:
            return terms
    return lookup("other") if key else None


def normalise_expression(expression: str) -> str | None:
    """Canonical form of a licence expression or alias, or None when it is not recognised.

    ``GPL-2.0+`` → ``GPL-2.0-or-later``; ``mit or apache-2.0`` → ``MIT OR Apache-2.0``;
    ``Apache 2.0`` → ``Apache-2.0``; ``llama3`` → ``LicenseRef-openness-llama3``.
    """
    text = expression.strip()
    if not text:
        return None
    single = _resolve_id(text)
    if single:
        return single
    return spdx.normalise(text)


def display_name(expression: str | None, modified: bool = False) -> str:
    """How reports name a licence: SPDX ids as they are (short, recognised), the catalogue's own
    ``LicenseRef-openness-*`` ids by their name, "modified" in front of an altered licence."""
    if not expression:
        return "no licence found"
    shown = expression
    for symbol in sorted(set(re.findall(r"LicenseRef-openness-[A-Za-z0-9.+-]+", expression)), key=len, reverse=True):
        terms = lookup(symbol)
        if terms is not None:
            shown = shown.replace(symbol, terms.name)
    return f"modified {shown}" if modified else shown


def is_open_for_mof(identifier: str) -> bool:
    """True when the Model Openness Framework counts this exact id as an open licence.

    MOT's rule: the exact SPDX id is OSI-approved or FSF-libre per SPDX, or is on MOF's
    open-data list, or is OpenMDW-1.0. Aliases ("Apache 2.0", "apache-2.0") are not open.
    """
    if identifier == _MOF_ALWAYS_OPEN or identifier in _catalog().mof_open_data:
        return True
    lic = spdx.licenses().get(identifier)
    return bool(lic and (lic.osi_approved or lic.fsf_libre))


def hub_picker_keys() -> tuple[str, ...]:
    """Every licence key the Hub's picker offers, as recorded in the catalogue."""
    return _catalog().hub_picker


def curated_ids() -> tuple[str, ...]:
    """Ids of the curated catalogue entries, in file order."""
    return tuple(entry.id for entry in _catalog().licenses)


def detection_phrases() -> dict[str, tuple[tuple[str, ...], ...]]:
    """Distinctive phrase lists of the licences the SPDX matcher cannot know, by id."""
    return {entry.id: entry.detect for entry in _catalog().licenses if entry.detect}


def alternatives(expression: str) -> list[list[str]]:
    """``A OR (B AND C)`` → [[A], [B, C]]: the ways a user may choose to comply."""
    cleaned = expression.replace("(", " ").replace(")", " ")
    return [[p.strip() for p in re.split(r"\s+(?:AND|WITH)\s+", alt) if p.strip()]
            for alt in re.split(r"\s+OR\s+", cleaned) if alt.strip()]


def is_open(expression: str, standard: str = "open") -> bool:
    """One way to comply with ``expression`` uses only open licences: ``osi`` OSI-approved ones,
    ``open`` any licence the catalogue counts as open (OSI, MOF-open, open data)."""
    for choice in alternatives(expression):
        terms = [lookup(part) for part in choice]
        known = [t for t in terms if t is not None]
        if len(known) != len(terms):
            continue
        if standard == "osi" and all(t.osi_approved for t in known):
            return True
        if standard == "open" and all(t.osi_approved or t.mof_open or t.category in {"osi", "open_data"} for t in known):
            return True
    return False


def allows(expression: str, commercial: bool) -> bool | None:
    """Whether some way to comply with ``expression`` allows commercial use (``commercial``) or use
    without field-of-use restrictions; None when a licence it names is not in the catalogue."""
    verdicts: list[bool | None] = []
    for choice in alternatives(expression):
        terms = [lookup(part) for part in choice]
        known = [t for t in terms if t is not None]
        if len(known) != len(terms):
            verdicts.append(None)
        elif commercial:
            verdicts.append(all(t.commercial_use for t in known))
        else:
            verdicts.append(not any(t.use_restrictions for t in known))
    if True in verdicts:
        return True
    return None if None in verdicts or not verdicts else False
