"""The Hugging Face Hub as two ``Source``s: models (``hf:ORG/MODEL[@REV]``) and datasets
(``hf-dataset:ORG/NAME[@REV]``), and ``https://huggingface.co/…`` URLs of either.

Parsing is here; fetching is in ``bundle`` (imported on use: huggingface_hub is slow to import).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..targets import Target, TargetError, split_revision

if TYPE_CHECKING:
    from ..evidence import Evidence
    from .interface import FetchOptions

# Hub ids: an optional namespace and a name; legacy models such as ``gpt2`` have no namespace.
_PART = r"[A-Za-z0-9](?:[A-Za-z0-9._-]{0,95})"
_ID = re.compile(rf"^(?:{_PART}/)?{_PART}$")
_RESERVED = {"datasets", "spaces", "models", "api", "docs", "blog", "organizations", "settings"}


def is_hub_id(text: str) -> bool:
    """True for a well-formed Hub repository id (``org/name`` or a legacy ``name``)."""
    return bool(_ID.match(text)) and ".." not in text and text.split("/")[0].lower() not in _RESERVED


class HubSource:
    """One repository type of the Hub; both share the Hub's hosts and the bundle fetcher."""

    service = "huggingface"
    concurrency = 4

    def __init__(self, kind: str, label: str, prefix: str, form: str, url: str) -> None:
        self.kind = kind
        self.label = label
        # The purl specification's huggingface type names models only; datasets have no type.
        self.purl_type: str | None = "huggingface" if kind == "hf_model" else None
        self.prefixes = (prefix,)
        self.form = form
        self.forms = (form, url)

    def hosts(self) -> frozenset[str]:
        return frozenset({"huggingface.co", "hf.co"}) if self.kind == "hf_model" else frozenset()

    def parse(self, body: str, original: str) -> Target:
        ident, revision = split_revision(body)
        if not is_hub_id(ident):
            raise TargetError(f"malformed Hugging Face target {original!r}; expected {self.form}")
        return Target(self.kind, ident, revision)

    def parse_url(self, parts: list[str], original: str) -> Target:
        source: HubSource = self
        if parts and parts[0] == "datasets":
            source, parts = DATASETS, parts[1:]
        elif parts and parts[0] == "spaces":
            raise TargetError(f"Hugging Face Spaces are not supported: {original!r}; expected a model or dataset URL")
        if not parts:
            raise TargetError(f"Hugging Face URL {original!r} names no repository")
        for marker in ("tree", "blob", "resolve", "commit"):
            if marker in parts:
                cut = parts.index(marker)
                revision = parts[cut + 1] if len(parts) > cut + 1 else None
                return source.parse("/".join(parts[:cut]) + (f"@{revision}" if revision else ""), original)
        if len(parts) > 2:
            raise TargetError(f"unsupported Hugging Face URL {original!r}; expected https://huggingface.co/ORG/MODEL")
        return source.parse("/".join(parts), original)

    def prepare(self) -> None:
        from . import bundle, github  # noqa: F401 - loaded once, before a fork (a bundle follows GitHub links)

    def fetch(self, target: Target, options: FetchOptions) -> Evidence:
        from .bundle import fetch_hub_target

        return fetch_hub_target(target, options)


MODELS = HubSource("hf_model", "Hugging Face model", "hf:", "hf:ORG/MODEL[@REV]", "https://huggingface.co/ORG/MODEL")
DATASETS = HubSource("hf_dataset", "Hugging Face dataset", "hf-dataset:", "hf-dataset:ORG/NAME[@REV]",
                     "https://huggingface.co/datasets/ORG/NAME")
SOURCES = [MODELS, DATASETS]
