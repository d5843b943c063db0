"""Parse the text a user typed into a ``Target``: what to fetch, from where, at which revision.

Remote forms belong to the sources (``openness.fetch.registry``): each declares its prefixes
(``github:``, ``hf:``) and the URL hosts it accepts, and parses what follows. Local directories
and saved evidence files are built in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .errors import UsageError

LOCAL = "local"
SAVED_EVIDENCE = "evidence"

_REVISION = re.compile(r"^[A-Za-z0-9._/+-]{1,255}$")


class TargetError(UsageError):
    """The target text matches none of the accepted forms."""


@dataclass(frozen=True)
class Target:
    """A parsed target. ``kind`` is a registered source's kind (or ``local``/``evidence``);
    ``id`` is ``owner/repo``, ``org/model``, ``group/sub/project`` or a resolved local path."""

    kind: str
    id: str
    revision: str | None = None

    def __str__(self) -> str:
        from .fetch import registry

        source = registry.get(self.kind)
        prefix = source.prefixes[0] if source is not None and source.prefixes else ""
        suffix = f"@{self.revision}" if self.revision else ""
        return f"{prefix}{self.id}{suffix}"


def expected_forms() -> str:
    """Every accepted form, as the registered sources write them, for error messages."""
    from .fetch import registry

    forms = [form for source in sorted(registry.sources(), key=lambda s: not s.prefixes) for form in source.forms]
    return ", ".join(forms[:-1]) + f", or {forms[-1]}"


def parse_target(text: str) -> Target:
    """Parse one target; raise ``TargetError`` with a one-line message when it is malformed."""
    from .fetch import registry

    # Credentials typed into a URL are never needed, and never repeated back in a message.
    text = re.sub(r"(?<=://)[^/@\s]*@", "", text.strip())
    if not text:
        raise TargetError(f"empty target; expected {expected_forms()}")
    prefixed = registry.by_prefix(text)
    if prefixed is not None:
        return prefixed[0].parse(prefixed[1], text)
    url = re.match(r"^(?:https?://([^/\s?#]+)|([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})(?:/|$))", text, re.I)
    if url:
        host_source = registry.by_host(url.group(1) or url.group(2))
        if host_source is None and text.lower().startswith(("http://", "https://")):
            raise TargetError(f"unsupported URL {text!r}; expected {expected_forms()}")
        if host_source is not None:
            return host_source.parse_url(url_parts(text), text)
    return _local(text)


def split_revision(body: str) -> tuple[str, str | None]:
    """``id@rev`` → (id, rev); a malformed revision is a ``TargetError``."""
    if "@" not in body:
        return body, None
    ident, revision = body.rsplit("@", 1)
    if not revision or not _REVISION.match(revision):
        raise TargetError(f"malformed revision {revision!r} after '@'")
    return ident, revision


def url_parts(text: str) -> list[str]:
    """The decoded, non-empty path segments of a URL (``https://`` may be left out)."""
    if "://" not in text:
        text = "https://" + text
    return [unquote(p) for p in urlsplit(text).path.split("/") if p]


def _local(text: str) -> Target:
    try:
        path = Path(text).expanduser()
        kind = "dir" if path.is_dir() else "file" if path.is_file() else "other" if path.exists() else None
    except (OSError, RuntimeError, ValueError) as error:  # no home directory, a name too long, a NUL byte
        raise TargetError(f"cannot use {text[:80]!r} as a path: {getattr(error, 'strerror', None) or error}") from None
    if kind == "dir":
        resolved = path.resolve()
        if resolved == Path(resolved.anchor):
            raise TargetError(f"{text!r} is the file-system root, not a project: name the project's directory")
        return Target(LOCAL, str(resolved))
    if kind == "file":
        if path.suffix.lower() != ".json":
            raise TargetError(f"{text!r} is a file, not a directory or an evidence .json file")
        return Target(SAVED_EVIDENCE, str(path.resolve()))
    if kind == "other":
        raise TargetError(f"{text!r} is neither a directory nor a regular file")
    if re.match(r"^[A-Za-z0-9-]+/[A-Za-z0-9._-]+$", text):
        raise TargetError(
            f"no directory {text!r}; for a remote repository write github:{text} or hf:{text}"
        )
    raise TargetError(f"no such directory or file {text!r}; expected {expected_forms()}")
