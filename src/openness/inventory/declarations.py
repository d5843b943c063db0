"""Every licence statement of a release, as a declaration with its source.

Sources: licence files (root, per folder, type-specific such as ``LICENSE-MODEL``, REUSE
``LICENSES/`` texts), the card's metadata (``license``, ``license_name``, ``license_link``:
one statement, read once from the parsed card), the host's detected licence, the
README's licence section, licence prose and licence badges, and the licence a bill of
materials at the root (CycloneDX, SPDX) declares for the release it describes (``boms``). Which declaration covers which
component is decided in ``coverage``; this module only reads.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

from .. import licenses
from ..evidence import Document, Member
from .boms import read_boms
from .model import EvidenceRef, LicenseDeclaration, LicenseSlot
from .signals import Signals

MAX_LICENSE_FILES = 200
"""Licence files considered per member; a vendored tree can hold thousands."""
UNREAD_NOTE = "licence file listed but its text was not read"
"""How a licence file that was never read is noted: it states a licence nobody has seen (unknown, not unidentified)."""
CARD_STATEMENT = "card:license"
"""The statement of the card's ``license``/``license_name``/``license_link`` keys."""

_BADGE = re.compile(r"img\.shields\.io/badge/([^-)\s]*licen[cs]e[^-)\s]*)-([^)\s]+?)-[a-z0-9]+(?:\.svg)?(?:\?[^)\s]*)?\)",
                    re.I)
_BADGE_TARGET = re.compile(r"\s*\]\((\S+?)\)")
"""The link a badge is wrapped in: ``[![License: MIT](…badge…)](target)``."""
_CODE_HOST_REPO = re.compile(r"^https?://(?:www\.)?(?:github\.com|gitlab\.com|bitbucket\.org)/([^/\s]+)/([^/\s#?]+)", re.I)
_GIST = re.compile(r"^https?://gist\.github\.com/", re.I)
_CREDITS_HEADING = re.compile(r"^#{1,6}\s*\W*(?:acknowledg|credit|thanks|third[- ]party|attribution|references)", re.I)
"""Sections about other people's code: a licence badge there names that code's licence."""
_FRONT_MATTER = re.compile(r"\A---\s*\n.*?\n---", re.S)
_CARD_KEY = re.compile(r"^license\s*:", re.I | re.M)
"""The card's ``license:`` key inside the README's front matter: only to give the statement its line."""


def collect_declarations(signals: Signals) -> list[LicenseDeclaration]:
    """Every licence statement in every member, in a stable order."""
    found: list[LicenseDeclaration] = []
    for member in signals.members:
        files = _file_declarations(signals, member)
        found.extend(files)
        readme = signals.readme(member)
        if readme is not None:
            found.extend(_badge_declarations(member, readme))
            found.extend(_readme_declarations(member, readme))
        card = _card_declaration(member, readme)
        if card is not None:
            found.append(card)
        host = _host_declaration(member, card, files)
        if host is not None:
            found.append(host)
        found.extend(_bom_declarations(signals, member))
    return found


def distinct_statements(declarations: list[LicenseDeclaration], member_id: str) -> list[LicenseDeclaration]:
    """The identified statements of a member's distribution licence, one per distinct statement.

    The same statement read twice (the card's ``license`` key and the Hub's licence tag derived
    from it) is one statement; the owner's wording is kept over the host's reading of it. REUSE
    texts and licences named for one type or folder are not statements of the whole.
    """
    by_statement: dict[str, LicenseDeclaration] = {}
    root_files = [d for d in declarations if d.ref.member == member_id and d.license_id and d.source == "license_file"
                  and not d.scope and d.slot is None and d.origin != "LICENSES folder"]
    if len(root_files) > 1:
        # Several root licence files (LICENSE-APACHE, LICENSE-MIT) are one statement: the choice they offer.
        ids = [d.license_id for d in root_files if d.license_id]
        combined = root_files[0].model_copy(update={"license_id": combine_ids(ids, "OR"), "statement": "files",
                                                    "modified": any(d.modified for d in root_files)})
        declarations = [combined if d is root_files[0] else d for d in declarations if d not in root_files[1:]]
        by_statement["files"] = combined
    for d in declarations:
        if d.ref.member != member_id or not d.license_id:
            continue
        if d.source != "card" and (d.scope or d.slot is not None or d.origin == "LICENSES folder"):
            continue
        key = d.statement or f"{d.source}:{d.ref.path}:{d.ref.line}"
        if len(root_files) > 1 and key in {r.statement for r in root_files}:
            key = "files"  # the host's reading of one of them is the same statement
        kept = by_statement.get(key)
        if kept is None or kept.source == "host":
            by_statement[key] = d
    return list(by_statement.values())


_INCORPORATES = {"LGPL-3.0-only": "GPL-3.0-only", "LGPL-3.0-or-later": "GPL-3.0-only"}
"""LGPL-3.0 "incorporates the terms and conditions of version 3 of the GNU General Public License":
the GPL text beside it (COPYING next to COPYING.LESSER) is part of it, not a second licence."""


def combine_ids(ids: list[str], operator: str) -> str:
    """Licence ids (or expressions) of one place combined: sorted, each expression in parentheses."""
    unique = sorted(set(ids))
    incorporated = {_INCORPORATES[i] for i in unique if i in _INCORPORATES}
    unique = [i for i in unique if i not in incorporated and i.replace("-or-later", "-only") not in incorporated]
    return unique[0] if len(unique) == 1 else f" {operator} ".join(f"({i})" if " " in i else i for i in unique)


def describe(declaration: LicenseDeclaration) -> str:
    """Where a statement is, in words: "licence file LICENSE", "card metadata README.md:3", "host API"."""
    ref = declaration.ref
    where = f"{ref.path}:{ref.line}" if ref.path and ref.line else ref.path or ""
    return f"{declaration.origin} {where}".strip()


def canonical(raw: str | None) -> str | None:
    """The catalogue id (or normalised expression) of a licence name; the name as written when unknown."""
    if not raw:
        return None
    for candidate in (raw, raw.replace(" ", "-")):
        normalised = licenses.normalise_expression(candidate)
        if normalised:
            return normalised
        terms = licenses.lookup(candidate)
        if terms:
            return terms.id
    return raw


def _file_declarations(signals: Signals, member: Member) -> list[LicenseDeclaration]:
    read = {doc.path: doc for doc in member.documents}
    # Licence files of bundled third-party code state that code's licences, not the release's.
    paths = [entry.path for entry in member.files
             if licenses.is_license_file(entry.path) and not licenses.is_third_party(entry.path)]
    declarations = []
    for path in sorted(paths, key=lambda p: (p.count("/"), p))[:MAX_LICENSE_FILES]:  # root first
        reuse = licenses.in_licenses_folder(path)
        common = {"source": "license_file", "scope": licenses.governed_folder(path), "slot": licenses.named_slot(path),
                  "origin": "LICENSES folder" if reuse else "licence file", "statement": f"file:{path}"}
        ref = EvidenceRef(member=member.id, path=path)
        doc = read.get(path)
        if doc is None:
            lost = signals.gap(path, member=member) or next((g for g in member.gaps if path in g.paths), None)
            note = f"{UNREAD_NOTE}{': ' + lost.reason if lost else ''}"
            declarations.append(LicenseDeclaration(
                ref=ref.model_copy(update={"note": note}), license_id=None, confidence=0.0, **common))
            continue
        detection = licenses.detect_license_file(doc.path, doc.text)
        declarations.append(LicenseDeclaration(
            ref=ref.model_copy(update={"note": _file_note(detection)}),
            # A modified licence keeps the id it was based on, flagged: never the stock licence. An
            # unidentified text stays unidentified: its nearest licence is not its licence.
            license_id=detection.license_id or (detection.base_id if detection.modified else None),
            modified=detection.modified,
            similarity=detection.similarity, confidence=detection.confidence, **common))
    return declarations


def _file_note(detection: licenses.Detection) -> str:
    """What a licence file is, in words; for a modified licence, the added or removed text quoted."""
    if detection.modified and detection.note:
        return f"{detection.label}: {detection.note}"
    return detection.label


def _badge_declarations(member: Member, readme: Document) -> list[LicenseDeclaration]:
    """Licence badges (``Data License: CC BY NC 4.0``): a README's per-component statements. A badge
    about other people's code (linking to another repository's licence, or under "Acknowledgements")
    states that code's licence, not the release's: it is not a declaration of this release."""
    found = []
    for match in _BADGE.finditer(readme.text):
        if _about_other_code(member, readme.text, match.start(), match.end()):
            continue
        label = unquote(match.group(1)).replace("_", " ")
        value = unquote(match.group(2)).replace("_", " ").replace("--", "-")
        line = readme.text.count("\n", 0, match.start()) + 1
        found.append(LicenseDeclaration(
            source="readme", origin="README badge", statement=f"badge:{readme.path}:{line}",
            ref=EvidenceRef(member=member.id, path=readme.path, line=line, note=f"badge: {label}: {value}"),
            license_id=canonical(value) or canonical(value.replace(" ", "-")), raw=value,
            confidence=0.8, slot=licenses.named_slot(label)))
    return found


def _about_other_code(member: Member, text: str, start: int, end: int) -> bool:
    target = _BADGE_TARGET.match(text, end)
    url = target.group(1) if target else ""
    repo = _CODE_HOST_REPO.match(url)
    own = re.split(r"/|__", member.id)[-1].casefold()
    if _GIST.match(url) or (repo and repo.group(2).removesuffix(".git").casefold() != own):
        return True
    headings = [line for line in text[:start].splitlines() if line.startswith("#")]
    return bool(headings) and bool(_CREDITS_HEADING.match(headings[-1]))


def _readme_declarations(member: Member, readme: Document) -> list[LicenseDeclaration]:
    """The README's licence section or licence sentences (its front matter is the card: not read here).
    A sentence about one kind of component ("The model weights are released under CC-BY-NC-4.0")
    states that kind's licence, not the whole release's."""
    return [LicenseDeclaration(
        source="readme", origin="README", statement=f"readme:{readme.path}:{d.line}",
        ref=EvidenceRef(member=member.id, path=readme.path, line=d.line, note=d.note or None),
        license_id=d.license_id, confidence=d.confidence, modified=d.modified,
        slot=licenses.named_slot(d.subject.replace("/", " ")) if d.subject else None)
        for d in licenses.detect_readme_licenses(readme.path, readme.text) if d.license_id]


def _bom_declarations(signals: Signals, member: Member) -> list[LicenseDeclaration]:
    """The licence each root BOM declares for the release it describes: one statement per BOM file.
    Licences it declares for its components and datasets stay in the ``bill_of_materials`` fact."""
    return [LicenseDeclaration(source="bom", origin="bill of materials", statement=f"bom:{entry.bom}",
                               ref=entry.ref, license_id=canonical(entry.license), raw=entry.license)
            for entry in read_boms(signals).entries
            if entry.ref.member == member.id and entry.role == "release" and entry.license]


def _card_declaration(member: Member, readme: Document | None) -> LicenseDeclaration | None:
    """The card's ``license`` (with ``license_name``/``license_link`` for ``other``): one statement."""
    card = member.card_data or {}
    raw = card.get("license")
    if isinstance(raw, list):
        raw = " OR ".join(str(r) for r in raw)
    if not raw:
        return None
    raw = str(raw)
    name, link = card.get("license_name"), card.get("license_link")
    note = f"license_name: {name}" if raw.lower() == "other" and name else None
    if raw.lower() == "other":
        terms = licenses.terms_for_hub_key(raw, str(name) if name else None, str(link) if link else None)
        license_id = terms.id if terms and terms.category != "unknown" else (str(name) if name else None)
    else:
        license_id = canonical(raw)
    path, line = "README.md", None
    if readme is not None:
        front = _FRONT_MATTER.match(readme.text)
        key = _CARD_KEY.search(readme.text, 0, front.end()) if front else None
        path, line = readme.path, readme.text.count("\n", 0, key.start()) + 1 if key else None
    return LicenseDeclaration(source="card", origin="card metadata", statement=CARD_STATEMENT,
                              ref=EvidenceRef(member=member.id, path=path, line=line, note=note),
                              license_id=license_id, raw=raw, slot=_card_slot(member))


def _card_slot(member: Member) -> LicenseSlot | None:
    """What a card's licence is named for: a model card's licence is its weights', a dataset card's its data's."""
    return {"hf_model": "weights", "hf_dataset": "data"}.get(member.kind)  # type: ignore[return-value]


def _host_declaration(member: Member, card: LicenseDeclaration | None,
                      files: list[LicenseDeclaration]) -> LicenseDeclaration | None:
    """The host's detected licence: the host's reading of the owner's statement, not a statement of
    its own. It is the card's ``license`` key when it names one of its values (the Hub's licence tag),
    else the root licence file's text (GitHub's detection); only with neither does it stand alone."""
    raw = member.host.license_detected
    if not raw:
        return None
    card_values = {v.strip().casefold() for v in (card.raw or "").split(" OR ")} if card is not None else set()
    root_file = next((d for d in files if d.scope == "" and d.slot is None and d.origin == "licence file"), None)
    statement = (CARD_STATEMENT if raw.strip().casefold() in card_values
                 else root_file.statement if root_file is not None else "host")
    return LicenseDeclaration(
        source="host", origin="host API", statement=statement,
        ref=EvidenceRef(member=member.id, note="licence detected by the host"),
        license_id=canonical(raw), raw=raw)
