"""A saved evidence file as a source: ``openness fetch -o e.json`` now, ``openness score e.json`` later."""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import ValidationError

from ..errors import EvidenceFileError, first_problem
from ..evidence import SCHEMA_VERSION, SUPPORTED_SCHEMAS, Evidence
from ..safe_read import MiB, read_regular_bytes, shown
from ..targets import SAVED_EVIDENCE, Target, TargetError
from . import registry
from .interface import FetchOptions


class SavedEvidenceSource:
    """Parsed by ``targets`` itself (a ``.json`` path); fetching reads the file back."""

    kind = SAVED_EVIDENCE
    label = "saved evidence file"
    purl_type = None
    prefixes: tuple[str, ...] = ()
    forms = ("a saved evidence .json file",)
    service = "local"
    concurrency = 2

    def hosts(self) -> frozenset[str]:
        return frozenset()

    def parse(self, body: str, original: str) -> Target:
        raise TargetError(f"{original!r}: a saved evidence file is written as a path")

    def parse_url(self, parts: list[str], original: str) -> Target:
        raise TargetError(f"{original!r}: a saved evidence file is written as a path")

    def fetch(self, target: Target, options: FetchOptions) -> Evidence:
        return load_evidence(Path(target.id))


SOURCES = [SavedEvidenceSource()]

EVIDENCE_LIMIT = 512 * MiB
"""Largest evidence file read: a 400,000-file tree with its documents is far below it."""


def load_evidence(path: Path) -> Evidence:
    """Read a saved evidence file, with a one-line error when it is not one."""
    raw = read_regular_bytes(path, EVIDENCE_LIMIT, "evidence file", EvidenceFileError)
    raw = raw.removeprefix(b"\xef\xbb\xbf")  # a byte-order mark some editors add
    _check_schema_major(path, raw)
    try:
        evidence = Evidence.model_validate_json(raw)
    except ValidationError as error:
        where, message = first_problem(error, "top level")
        raise EvidenceFileError(f"{shown(path)} is not an openness evidence file ({where}: {message})") from None
    if "schema_version" not in evidence.model_fields_set:
        raise EvidenceFileError(f"{shown(path)} has no schema_version: it is not an evidence file this openness wrote")
    if evidence.schema_version not in SUPPORTED_SCHEMAS:
        raise EvidenceFileError(f"{shown(path)} has evidence schema {evidence.schema_version[:40]!r}; this openness "
                                f"reads {', '.join(SUPPORTED_SCHEMAS)}: fetch it again with this version")
    known = set(registry.kinds())
    unknown = sorted({evidence.target.kind, *(m.kind for m in evidence.members)} - known)
    if unknown:
        raise EvidenceFileError(f"{path} has a member from source {unknown[0]!r}, which this openness does not "
                                f"know (known: {', '.join(sorted(known))})")
    return evidence


def _check_schema_major(path: Path, raw: bytes) -> None:
    """Refuse evidence written by an incompatible major version early, before validation names odd fields
    (the exact version is checked after validation)."""
    match = re.search(rb'"schema_version"\s*:\s*"(\d+)\.', raw[:4096])
    if match and match.group(1).decode() != SCHEMA_VERSION.split(".")[0]:
        raise EvidenceFileError(f"{path} has evidence schema {match.group(1).decode()}.x; this openness reads "
                                f"{SCHEMA_VERSION.split('.')[0]}.x: fetch it again with this version")
