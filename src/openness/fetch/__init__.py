"""Fetchers turn a ``Target`` into ``Evidence``; one module per source.

``fetch`` is the single entry point the CLI uses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from pydantic import ValidationError

from ..errors import EvidenceFileError, FetchError, NotSupportedError
from ..evidence import SCHEMA_VERSION, Evidence
from ..targets import Target
from .local import fetch_local


@dataclass(frozen=True)
class FetchOptions:
    """How to fetch: cache use, network use, and whether to follow a bundle's links."""

    now: datetime
    offline: bool = False
    use_cache: bool = True
    follow_links: bool = True
    max_wait_seconds: float = 60.0
    """Wait for a rate-limit reset or a Retry-After only up to this; beyond it, stop with an error."""


def fetch(target: Target, options: FetchOptions) -> Evidence:
    """Evidence for ``target``; raises an ``OpennessError`` subclass when it cannot be had."""
    if target.kind == "local":
        return fetch_local(target, options.now)
    if target.kind == "evidence":
        return load_evidence(Path(target.id))
    if target.kind in ("github", "hf_model", "hf_dataset"):
        try:
            return _fetch_remote(target, options)
        except MALFORMED_ANSWERS as error:
            first_line = (str(error).splitlines() or [""])[0][:200]
            raise FetchError(f"{target}: the server's answer was not in the expected shape "
                             f"({type(error).__name__}: {first_line})") from None
    raise NotSupportedError(f"{target}: fetching {target.kind.replace('_', ' ')} targets is not supported yet")


MALFORMED_ANSWERS = (KeyError, TypeError, ValueError)
"""What parsing an answer of an unexpected shape raises (pydantic's ValidationError is a ValueError)."""


def _fetch_remote(target: Target, options: FetchOptions) -> Evidence:
    if target.kind == "github":
        from .github import fetch_github  # imported on use: PyGithub is slow to import

        return fetch_github(target, options)
    from .bundle import fetch_hub_target  # imported on use: huggingface_hub is slow to import

    return fetch_hub_target(target, options)


def load_evidence(path: Path) -> Evidence:
    """Read a saved evidence file, with a one-line error when it is not one."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise EvidenceFileError(f"cannot read evidence file {path}: {error.strerror}") from None
    raw = raw.removeprefix(b"\xef\xbb\xbf")  # a byte-order mark some editors add
    _check_schema_version(path, raw)
    try:
        return Evidence.model_validate_json(raw)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "top level"
        raise EvidenceFileError(f"{path} is not an openness evidence file ({where}: {first['msg']})") from None


def _check_schema_version(path: Path, raw: bytes) -> None:
    """Refuse evidence written by an incompatible version, before validation names odd fields."""
    match = re.search(rb'"schema_version"\s*:\s*"(\d+)\.', raw[:4096])
    if match and match.group(1).decode() != SCHEMA_VERSION.split(".")[0]:
        raise EvidenceFileError(f"{path} has evidence schema {match.group(1).decode()}.x; this openness reads "
                                f"{SCHEMA_VERSION.split('.')[0]}.x: fetch it again with this version")
