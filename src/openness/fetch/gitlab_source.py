"""GitLab as a ``Source``: ``gitlab:GROUP/[SUBGROUP/…]PROJECT[@REF]`` and project URLs.

URLs are accepted on gitlab.com and on the host of ``GITLAB_URL`` (a self-managed instance);
the API is always ``$GITLAB_URL`` (default https://gitlab.com). Parsing is here; fetching is in
``gitlab`` (imported on use: python-gitlab is slow to import).
"""

from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from ..targets import Target, TargetError, split_revision

if TYPE_CHECKING:
    from ..evidence import Evidence
    from .interface import FetchOptions

DEFAULT_URL = "https://gitlab.com"
URL_VARIABLE = "GITLAB_URL"
TOKEN_VARIABLE = "GITLAB_TOKEN"
_SEGMENT = r"[A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,254})"
_PATH = re.compile(rf"^{_SEGMENT}(?:/{_SEGMENT}){{1,20}}$")
_FORM = "gitlab:GROUP/PROJECT[@REF] (subgroups allowed: gitlab:GROUP/SUB/PROJECT)"


def base_url() -> str:
    """The instance root: ``$GITLAB_URL`` or https://gitlab.com, read now, without a trailing slash."""
    return (os.environ.get(URL_VARIABLE) or DEFAULT_URL).rstrip("/")


def _host(url: str) -> str:
    return urlsplit(url).netloc.lower().removeprefix("www.")


class GitLabSource:
    kind = "gitlab"
    label = "GitLab project"
    purl_type = None  # the purl specification has no GitLab type
    prefixes = ("gitlab:",)
    forms = ("gitlab:GROUP/[SUBGROUP/]PROJECT[@REF]", "https://gitlab.com/GROUP/PROJECT[/-/tree/REF]")
    service = "gitlab"
    concurrency = 4

    def hosts(self) -> frozenset[str]:
        return frozenset({_host(DEFAULT_URL), _host(base_url())})

    def parse(self, body: str, original: str) -> Target:
        ident, revision = split_revision(body)
        ident = ident.strip("/").removesuffix(".git")
        if not _PATH.match(ident) or any(part in {".", ".."} or part.endswith(".") for part in ident.split("/")):
            raise TargetError(f"malformed GitLab target {original!r}; expected {_FORM}")
        return Target(self.kind, ident, revision)

    def parse_url(self, parts: list[str], original: str) -> Target:
        url_host = _host(original if "://" in original else f"https://{original}")
        if url_host != _host(base_url()):
            raise TargetError(f"{original!r} is on {url_host}, but {URL_VARIABLE} points to {base_url()}; "
                              f"set {URL_VARIABLE}=https://{url_host} to fetch from it")
        revision = None
        if "-" in parts:  # /GROUP/PROJECT/-/tree/REF: everything after "-" is a page of the project
            cut = parts.index("-")
            page = parts[cut + 1:]
            if len(page) >= 2 and page[0] in {"tree", "blob", "commit", "tags"}:
                revision = "/".join(page[1:])
            elif page:
                raise TargetError(f"unsupported GitLab URL {original!r}; expected https://{url_host}/GROUP/PROJECT"
                                  "[/-/tree/REF]")
            parts = parts[:cut]
        if len(parts) < 2:
            raise TargetError(f"GitLab URL {original!r} names no project; expected https://{url_host}/GROUP/PROJECT")
        return self.parse("/".join(parts) + (f"@{revision}" if revision else ""), original)

    def prepare(self) -> None:
        from . import gitlab  # noqa: F401 - imported for its side effect: loaded once, before a fork

    def fetch(self, target: Target, options: FetchOptions) -> Evidence:
        from .gitlab import fetch_gitlab

        return fetch_gitlab(target, options)


SOURCES = [GitLabSource()]
