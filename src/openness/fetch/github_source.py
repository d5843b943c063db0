"""GitHub as a ``Source``: ``github:OWNER/REPO[@REF]`` and ``https://github.com/OWNER/REPO[/tree/REF]``.

Parsing is here; fetching is in ``github`` (imported on use: PyGithub is slow to import).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..targets import Target, TargetError, split_revision

if TYPE_CHECKING:
    from ..evidence import Evidence
    from .interface import FetchOptions

_OWNER = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})"
_REPO = r"[A-Za-z0-9._-]{1,100}"
_ID = re.compile(rf"^({_OWNER})/({_REPO})$")


class GitHubSource:
    kind = "github"
    label = "GitHub repository"
    purl_type = "github"
    prefixes = ("github:",)
    forms = ("github:OWNER/REPO[@REF]", "https://github.com/OWNER/REPO[/tree/REF]")
    service = "github"
    concurrency = 4

    def hosts(self) -> frozenset[str]:
        return frozenset({"github.com"})

    def parse(self, body: str, original: str) -> Target:
        ident, revision = split_revision(body)
        ident = ident.removesuffix(".git")
        if not _ID.match(ident) or ident.split("/")[1] in {".", ".."}:
            raise TargetError(f"malformed GitHub target {original!r}; expected github:OWNER/REPO[@REF]")
        return Target(self.kind, ident, revision)

    def parse_url(self, parts: list[str], original: str) -> Target:
        if len(parts) < 2:
            raise TargetError(f"GitHub URL {original!r} names no repository; expected https://github.com/OWNER/REPO")
        ident = f"{parts[0]}/{parts[1].removesuffix('.git')}"
        revision = None
        if len(parts) >= 4 and parts[2] in {"tree", "blob", "commit", "releases"}:
            revision = "/".join(parts[4:] if parts[2] == "releases" and parts[3] == "tag" else parts[3:]) or None
        elif len(parts) > 2:
            raise TargetError(f"unsupported GitHub URL {original!r}; expected https://github.com/OWNER/REPO[/tree/REF]")
        return self.parse(ident + (f"@{revision}" if revision else ""), original)

    def prepare(self) -> None:
        from . import github  # noqa: F401 - imported for its side effect: loaded once, before a fork

    def fetch(self, target: Target, options: FetchOptions) -> Evidence:
        from .github import fetch_github

        return fetch_github(target, options)


SOURCES = [GitHubSource()]
