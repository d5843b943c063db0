"""Parse the text a user typed into a ``Target``: what to fetch, from where, at which revision."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from urllib.parse import unquote, urlsplit

from .errors import UsageError

TargetKind = Literal["local", "github", "hf_model", "hf_dataset", "evidence"]

EXPECTED_FORMS = (
    "github:OWNER/REPO[@REF], https://github.com/OWNER/REPO[/tree/REF], "
    "hf:ORG/MODEL[@REV], https://huggingface.co/ORG/MODEL, hf-dataset:ORG/NAME[@REV], "
    "a local directory, or a saved evidence .json file"
)

_GITHUB_OWNER = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})"
_GITHUB_REPO = r"[A-Za-z0-9._-]{1,100}"
_GITHUB_ID = re.compile(rf"^({_GITHUB_OWNER})/({_GITHUB_REPO})$")
# Hub ids: an optional namespace and a name; legacy models such as ``gpt2`` have no namespace.
_HUB_PART = r"[A-Za-z0-9](?:[A-Za-z0-9._-]{0,95})"
_HUB_ID = re.compile(rf"^(?:{_HUB_PART}/)?{_HUB_PART}$")
_REVISION = re.compile(r"^[A-Za-z0-9._/+-]{1,255}$")
_HUB_RESERVED = {"datasets", "spaces", "models", "api", "docs", "blog", "organizations", "settings"}


class TargetError(UsageError):
    """The target text matches none of the accepted forms."""


@dataclass(frozen=True)
class Target:
    """A parsed target. ``id`` is ``owner/repo``, ``org/model`` or a resolved local path."""

    kind: TargetKind
    id: str
    revision: str | None = None

    def __str__(self) -> str:
        prefix = {"github": "github:", "hf_model": "hf:", "hf_dataset": "hf-dataset:"}.get(self.kind, "")
        suffix = f"@{self.revision}" if self.revision else ""
        return f"{prefix}{self.id}{suffix}"


def is_hub_id(text: str) -> bool:
    """True for a well-formed Hub repository id (``org/name`` or a legacy ``name``)."""
    return bool(_HUB_ID.match(text)) and ".." not in text and text.split("/")[0].lower() not in _HUB_RESERVED


def parse_target(text: str) -> Target:
    """Parse one target; raise ``TargetError`` with a one-line message when it is malformed."""
    # Credentials typed into a URL are never needed, and never repeated back in a message.
    text = re.sub(r"(?<=://)[^/@\s]*@", "", text.strip())
    if not text:
        raise TargetError(f"empty target; expected {EXPECTED_FORMS}")
    lowered = text.lower()
    if lowered.startswith("github:"):
        return _github(text[len("github:") :], text)
    if lowered.startswith("hf-dataset:"):
        return _hub("hf_dataset", text[len("hf-dataset:") :], text)
    if lowered.startswith("hf:"):
        return _hub("hf_model", text[len("hf:") :], text)
    if re.match(r"^(https?://)?(www\.)?github\.com/", lowered):
        return _github_url(text)
    if re.match(r"^(https?://)?(www\.)?(huggingface\.co|hf\.co)/", lowered):
        return _hub_url(text)
    if lowered.startswith(("http://", "https://")):
        raise TargetError(f"unsupported URL {text!r}; expected {EXPECTED_FORMS}")
    return _local(text)


def _split_revision(body: str) -> tuple[str, str | None]:
    if "@" not in body:
        return body, None
    ident, revision = body.rsplit("@", 1)
    if not revision or not _REVISION.match(revision):
        raise TargetError(f"malformed revision {revision!r} after '@'")
    return ident, revision


def _github(body: str, original: str) -> Target:
    ident, revision = _split_revision(body)
    ident = ident.removesuffix(".git")
    if not _GITHUB_ID.match(ident) or ident.split("/")[1] in {".", ".."}:
        raise TargetError(f"malformed GitHub target {original!r}; expected github:OWNER/REPO[@REF]")
    return Target("github", ident, revision)


def _hub(kind: TargetKind, body: str, original: str) -> Target:
    ident, revision = _split_revision(body)
    if not is_hub_id(ident):
        form = "hf:ORG/MODEL[@REV]" if kind == "hf_model" else "hf-dataset:ORG/NAME[@REV]"
        raise TargetError(f"malformed Hugging Face target {original!r}; expected {form}")
    return Target(kind, ident, revision)


def _url_parts(text: str) -> list[str]:
    if "://" not in text:
        text = "https://" + text
    return [unquote(p) for p in urlsplit(text).path.split("/") if p]


def _github_url(text: str) -> Target:
    parts = _url_parts(text)
    if len(parts) < 2:
        raise TargetError(f"GitHub URL {text!r} names no repository; expected https://github.com/OWNER/REPO")
    ident = f"{parts[0]}/{parts[1].removesuffix('.git')}"
    revision = None
    if len(parts) >= 4 and parts[2] in {"tree", "blob", "commit", "releases"}:
        revision = "/".join(parts[4:] if parts[2] == "releases" and parts[3] == "tag" else parts[3:]) or None
    elif len(parts) > 2:
        raise TargetError(f"unsupported GitHub URL {text!r}; expected https://github.com/OWNER/REPO[/tree/REF]")
    return _github(ident + (f"@{revision}" if revision else ""), text)


def _hub_url(text: str) -> Target:
    parts = _url_parts(text)
    kind: TargetKind = "hf_model"
    if parts and parts[0] == "datasets":
        kind, parts = "hf_dataset", parts[1:]
    elif parts and parts[0] == "spaces":
        raise TargetError(f"Hugging Face Spaces are not supported: {text!r}; expected a model or dataset URL")
    if not parts:
        raise TargetError(f"Hugging Face URL {text!r} names no repository")
    for marker in ("tree", "blob", "resolve", "commit"):
        if marker in parts:
            cut = parts.index(marker)
            ident = "/".join(parts[:cut])
            revision = parts[cut + 1] if len(parts) > cut + 1 else None
            return _hub(kind, ident + (f"@{revision}" if revision else ""), text)
    if len(parts) > 2:
        raise TargetError(f"unsupported Hugging Face URL {text!r}; expected https://huggingface.co/ORG/MODEL")
    return _hub(kind, "/".join(parts), text)


def _local(text: str) -> Target:
    try:
        path = Path(text).expanduser()
        kind = "dir" if path.is_dir() else "file" if path.is_file() else "other" if path.exists() else None
    except (OSError, RuntimeError, ValueError) as error:  # no home directory, a name too long, a NUL byte
        raise TargetError(f"cannot use {text[:80]!r} as a path: {getattr(error, 'strerror', None) or error}") from None
    if kind == "dir":
        return Target("local", str(path.resolve()))
    if kind == "file":
        if path.suffix.lower() != ".json":
            raise TargetError(f"{text!r} is a file, not a directory or an evidence .json file")
        return Target("evidence", str(path.resolve()))
    if kind == "other":
        raise TargetError(f"{text!r} is neither a directory nor a regular file")
    if re.match(r"^[A-Za-z0-9-]+/[A-Za-z0-9._-]+$", text):
        raise TargetError(
            f"no directory {text!r}; for a remote repository write github:{text} or hf:{text}"
        )
    raise TargetError(f"no such directory or file {text!r}; expected {EXPECTED_FORMS}")
