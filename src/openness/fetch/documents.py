"""Which files are documents that matter for openness, and how much of them to read.

Shared by every fetcher so a local checkout, a GitHub repository and a Hub repository
yield the same documents for the same tree.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..cards import CardMetadataError, split_front_matter
from ..evidence import Document, Gap
from ..licenses.names import is_license_file
from ..release_files import is_bom_file, is_eval_results
from .http import configured_secrets

MAX_DOCUMENT_BYTES = 512 * 1024
"""Read at most this prefix of a document; longer files are marked truncated."""

MAX_DOCUMENTS = 400
"""Read at most this many documents per repository (the listing itself is never capped)."""

_ROOT_ONLY = re.compile(
    r"^(config\.json|setup\.py|setup\.cfg|pyproject\.toml|pipfile(\.lock)?|poetry\.lock|uv\.lock|"
    r"package\.json|cargo\.toml|cargo\.lock|go\.mod|makefile|"
    r"codeowners|maintainers(\.md|\.txt)?|authors(\.md|\.txt)?|contributors(\.md|\.txt)?)$",
    re.IGNORECASE,
)
_ANYWHERE = re.compile(
    r"^(readme(\.[a-z]+)?|"
    r"[a-z_-]*licen[cs]e[a-z0-9_.-]*|copying([._-][a-z0-9_.-]*)?|notice(\.[a-z]+)?|"
    r"(model|data)[_-]?card[a-z0-9_.-]*|datasheet[a-z0-9_.-]*|"
    r"citation(\.cff|\.bib|\.md|\.txt)?|"
    r"contributing(\.[a-z]+)?|code[_-]of[_-]conduct(\.[a-z]+)?|security(\.[a-z]+)?|"
    r"governance(\.[a-z]+)?|changelog(\.[a-z]+)?|changes(\.[a-z]+)?|history\.md|news\.md|"
    r"requirements[a-z0-9_.-]*\.(txt|in)|environment[a-z0-9_.-]*\.ya?ml|conda[a-z0-9_.-]*\.ya?ml|"
    r"dockerfile[a-z0-9_.-]*|[a-z0-9_.-]+\.dockerfile|docker-compose[a-z0-9_.-]*\.ya?ml)$",
    re.IGNORECASE,
)
_CI_FILE = re.compile(
    r"^(\.github/workflows/[^/]+\.ya?ml|\.gitlab-ci\.yml|\.circleci/config\.yml|\.travis\.yml|"
    r"azure-pipelines\.yml|\.github/dependabot\.ya?ml|renovate\.json5?|\.github/renovate\.json5?)$",
    re.IGNORECASE,
)
_NOT_DOCUMENTS = re.compile(
    r"\.(py|js|ts|c|h|cpp|go|rs|java|png|jpe?g|gif|svg|pdf|zip|gz|bin|"
    r"safetensors|gguf|onnx|pt|pth|ckpt|h5|msgpack|pkl|pickle|tflite|nemo)$",  # tensors: never downloaded
    re.IGNORECASE,
)


def is_document(path: str) -> bool:
    """True when ``path`` (POSIX, relative to the root) names a document worth reading."""
    name = path.rsplit("/", 1)[-1]
    if "/" not in path and (_ROOT_ONLY.match(name) or is_bom_file(path)):
        return True  # before the code-suffix rule: a root setup.py is a manifest to read
    if _NOT_DOCUMENTS.search(name):
        return False
    return bool(_ANYWHERE.match(name) or _CI_FILE.match(path) or is_license_file(path)  # LICENSES/<id>.txt too
                or is_eval_results(path))


def document_priority(path: str) -> tuple[int, int, str]:
    """Sort key: shallow files first, so the cap on documents drops the deepest ones."""
    return (path.count("/"), 0 if path.lower().startswith("readme") else 1, path)


def select_documents(paths: Iterable[str]) -> list[str]:
    """The document paths to read, most important first, at most ``MAX_DOCUMENTS``."""
    return sorted((p for p in paths if is_document(p)), key=document_priority)[:MAX_DOCUMENTS]


def looks_binary(data: bytes) -> bool:
    """A NUL byte in the first 8 KiB means binary, as git itself decides."""
    return b"\x00" in data[:8192]


def decode_text(data: bytes) -> str:
    """Decode document bytes: UTF-8 (with BOM), falling back to Latin-1, never failing."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # A truncated prefix can cut a multi-byte character; retry without the tail.
        try:
            return data[:-3].decode("utf-8-sig") if len(data) > 3 else data.decode("latin-1")
        except UnicodeDecodeError:
            return data.decode("latin-1")


def make_document(path: str, data: bytes, size: int) -> tuple[Document | None, list[Gap]]:
    """A ``Document`` from the first bytes of a file (at most ``MAX_DOCUMENT_BYTES`` + 1).

    Every fetcher builds documents here, so a file gives the same document whether it
    came from disk, a GitHub archive or the Hub; and a configured token a host echoes in a
    file's text is redacted here, once for every source, before it is stored anywhere.
    """
    if looks_binary(data):
        return None, [Gap(what=path, kind="binary", reason="binary content in a file named like a document")]
    truncated = len(data) > MAX_DOCUMENT_BYTES or size > MAX_DOCUMENT_BYTES
    gaps = [Gap(what=path, kind="truncated",
                reason=f"{size} bytes; only the first {MAX_DOCUMENT_BYTES} were read")] if truncated else []
    text = decode_text(data[:MAX_DOCUMENT_BYTES])
    for secret in configured_secrets():
        text = text.replace(secret, "***")
    return Document(path=path, text=text, size=size, truncated=truncated), gaps


def readme_card_data(documents: Iterable[Document]) -> tuple[dict | None, Gap | None]:
    """Front matter of the root README.md, where the Hub keeps a card's metadata."""
    readme = next((d for d in documents if d.path.lower() == "readme.md"), None)
    if readme is None:
        return None, None
    try:
        data, _ = split_front_matter(readme.text)
    except CardMetadataError as error:
        return None, Gap(what=f"{readme.path} front matter", kind="invalid_metadata",
                         reason=f"{error}; the card's metadata (licence, datasets, base model) cannot be trusted")
    return data, None


def documents_to_cache(documents: list[Document], gaps: list[Gap]) -> dict:
    """The documents read at one commit, and their gaps, as JSON for ``http.DerivedCache``."""
    return {"documents": [d.model_dump() for d in documents], "gaps": [g.model_dump() for g in gaps]}


def documents_from_cache(value: dict) -> tuple[list[Document], list[Gap]]:
    return ([Document.model_validate(d) for d in value.get("documents", [])],
            [Gap.model_validate(g) for g in value.get("gaps", [])])
