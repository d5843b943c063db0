"""Find the outbound links that make up a release: code, papers, datasets, base models."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from ..evidence import Document, Link

_GITHUB = re.compile(r"https?://(?:www\.)?github\.com/([A-Za-z0-9-]{1,39})/([A-Za-z0-9._-]{1,100})")
_ARXIV = re.compile(r"(?:arxiv\.org/(?:abs|pdf)/|arXiv:\s?)(\d{4}\.\d{4,5})", re.I)
_DOI = re.compile(r"\b(?:doi\.org/|doi:\s?)(10\.\d{4,9}/[^\s\"'<>)\]]+)", re.I)
_HF_DATASET = re.compile(r"https?://huggingface\.co/datasets/([\w.-]+/[\w.-]+)")
_MEDIA_FILE = re.compile(
    r"/(?:resolve|blob|raw)/[^\s\"'<>)\]]{0,300}?\.(?:png|jpe?g|gif|webp|svg|bmp|tiff?|wav|mp3|flac|ogg|mp4|webm|mov)\b",
    re.I)
"""A path to one picture, sound or video inside a repository: a link to it is an example input, not a dataset."""
_HF_MODEL = re.compile(r"https?://huggingface\.co/(?!datasets/|spaces/|docs/|blog/|papers/)([\w.-]+/[\w.-]+)")
_PAPER_HOSTS = re.compile(r"https?://(?:aclanthology\.org|openreview\.net|proceedings\.[\w.]+|papers\.nips\.cc)/[^\s\"'<>)\]]+")
_NOT_REPOS = {"sponsors", "orgs", "features", "marketplace", "about", "topics", "settings", "login"}
_PLACEHOLDERS = {"org", "owner", "user", "username", "your-org", "your-username", "model", "repo", "name",
                 "dataset", "organization", "your_org", "model_id", "model-name", "repo_id"}
"""Names that documentation uses as placeholders (``huggingface.co/ORG/MODEL``), not real links."""


def _is_placeholder(target: str) -> bool:
    return any(part.lower() in _PLACEHOLDERS for part in target.split("/"))


def extract(documents: Iterable[Document], card_data: dict[str, Any] | None) -> list[Link]:
    """Every distinct link in the documents and card metadata, in a stable order."""
    found: dict[tuple[str, str], Link] = {}

    def add(kind: str, target: str, where: str) -> None:
        if kind in {"github", "hf_model", "hf_dataset"} and _is_placeholder(target):
            return
        found.setdefault((kind, target), Link(kind=kind, target=target, found_in=where))

    for key, kind in (("datasets", "hf_dataset"), ("base_model", "hf_model")):
        for value in _as_list((card_data or {}).get(key)):
            add(kind, value, f"card metadata: {key}")
    for tag in _as_list((card_data or {}).get("tags")):
        if tag.startswith("arxiv:"):
            add("arxiv", tag.removeprefix("arxiv:"), "card metadata: tags")
    for doc in documents:
        text = doc.text
        for owner, repo in _GITHUB.findall(text):
            if owner.lower() not in _NOT_REPOS:
                add("github", f"{owner}/{repo.removesuffix('.git').rstrip('.')}", doc.path)
        for arxiv_id in _ARXIV.findall(text):
            add("arxiv", arxiv_id, doc.path)
        for doi in _DOI.findall(text):
            add("doi", doi.rstrip(".,;"), doc.path)
        for found_dataset in _HF_DATASET.finditer(text):
            if not _MEDIA_FILE.match(text, found_dataset.end()):
                add("hf_dataset", found_dataset.group(1), doc.path)
        for model in _HF_MODEL.findall(text):
            add("hf_model", model, doc.path)
        for url in _PAPER_HOSTS.findall(text):
            add("paper", url.rstrip(".,;"), doc.path)
    return sorted(found.values(), key=lambda link: (link.kind, link.target, link.found_in))


def _as_list(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [str(v) for v in value if isinstance(v, (str, int, float))]
    return []
