"""Fetch evidence for a GitHub repository through the REST API, in a small number of requests.

A typical repository costs 9 requests cold: the repository, one page of recent commits (which
also gives the scored commit), the recursive tree, the tarball redirect and its download (for
the documents), releases, tags, the community profile and the contributor count (read from the
``Link`` header of a one-item page). A second run is served by conditional requests and by the
derived document cache. The required pieces (repository, commit, tree) raise a ``FetchError``
when they fail; a failed optional piece becomes a ``Gap`` and the rest is still reported.
"""

from __future__ import annotations

import base64
import binascii
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import IO, Any, TypeVar, cast
from urllib.parse import parse_qs, quote, urlsplit

import requests
from github import Github
from github.GithubException import GithubException

from ..evidence import Document, Evidence, FileEntry, Gap, HostFacts, Member, MemberRole, Offer, Release, TargetRef
from ..targets import Target
from . import links
from .documents import documents_from_cache, documents_to_cache, readme_card_data
from .failures import MalformedAnswer, NotFound, OptionalParts, decode
from .github_answers import (
    CommitAnswer,
    Commits,
    CommunityAnswer,
    ContentAnswer,
    ParticipationAnswer,
    Releases,
    RepoAnswer,
    Tags,
    TreeAnswer,
)
from .github_client import DEFAULT_TUNING, GithubTuning, make_github, make_session
from .github_documents import archive_fits, documents_from_tarball, documents_one_by_one, wanted_documents
from .github_errors import NETWORK_ERRORS, explain
from .github_source import GitHubSource
from .http import (
    GITHUB_TOKEN_VARIABLES,
    DerivedCache,
    RequestCounter,
    Token,
    github_token,
    notice,
    plain_session_class,
    requests_cache_scope,
)
from .interface import FetchOptions

T = TypeVar("T")

COMMITS_PAGE = 100
RELEASES_PAGE = 10
ACTIVITY_DAYS = 90
ACTIVITY_WEEKS = 13
"""The weeks of ``stats/participation`` that cover ``ACTIVITY_DAYS``."""
OFFERS: list[Offer] = ["host_metadata", "releases", "tags", "issue_tracker", "contributors", "commit_activity"]


def fetch_github(target: Target, options: FetchOptions) -> Evidence:
    """Evidence for ``github:owner/repo[@ref]``."""
    member, count = fetch_github_member(target.id, target.revision, options, role="primary")
    return Evidence(
        target=TargetRef(kind=GitHubSource.kind, id=target.id, revision=target.revision),
        fetched_at=options.now.isoformat(timespec="seconds"),
        members=[member],
        requests=count,
    )


def fetch_github_member(owner_repo: str, revision: str | None, options: FetchOptions, role: MemberRole = "code",
                        tuning: GithubTuning | None = None) -> tuple[Member, int]:
    """One GitHub repository as a ``Member`` with ``role``, and the HTTP requests it cost.

    Raises a ``FetchError`` subclass (exit code 3) when the repository, the revision or its
    tree cannot be had; bundle fetchers may catch it and record a gap instead.
    """
    token = None if options.offline else github_token()
    if token is None and not options.offline:
        notice(f"no {' or '.join(GITHUB_TOKEN_VARIABLES)} set: GitHub allows 60 anonymous requests an hour")
    counter = RequestCounter()
    run = _Run(owner_repo, revision, options, token, counter, tuning or DEFAULT_TUNING)
    with requests_cache_scope(offline=options.offline, use_cache=options.use_cache):
        github = make_github(token, counter, options.max_wait_seconds, run.tuning)
        try:
            member = run.member(github, role)
        except NETWORK_ERRORS as error:
            raise explain(error, f"github:{owner_repo}", token, options.offline) from None
        finally:
            github.close()
    return member, counter.total


@dataclass
class _Run:
    """The state of one repository fetch: what was asked, what was learned, what is missing."""

    asked: str
    revision: str | None
    options: FetchOptions
    token: Token | None
    counter: RequestCounter
    tuning: GithubTuning
    gaps: list[Gap] = field(default_factory=list)
    full_name: str = ""
    parts: OptionalParts = field(init=False)
    repo_url: str = ""
    requester: Any = None

    def member(self, github: Github, role: MemberRole) -> Member:
        raw = decode(RepoAnswer, github.get_repo(self.asked).raw_data, f"github:{self.asked}")
        full_name = raw.full_name or self.asked
        host = _host_facts(raw)
        if full_name.lower() != self.asked.lower():
            notice(f"github:{self.asked} has moved to github:{full_name}; scoring github:{full_name}")
            host = host.model_copy(update={"extra": {**host.extra, "renamed_from": self.asked}})
        self.repo_url = raw.url
        self.full_name = full_name
        self.requester = github.requester
        base = Member(role=role, kind=GitHubSource.kind, source_label=GitHubSource.label, offers=OFFERS,
                      id=full_name, web_url=raw.html_url or f"https://github.com/{full_name}", host=host)
        commits = self._commits(raw.default_branch)
        if commits is None:
            return base.model_copy(update={"gaps": [Gap(
                what="repository", kind="empty_repository", reason="the repository is empty: it has no commits")]})
        sha = commits[0].sha
        files = self._tree(sha)
        documents = self._documents(sha, files)
        card_data, card_gap = readme_card_data(documents)
        if card_gap is not None:
            self.gaps.append(card_gap)
        host = host.model_copy(update={
            "last_modified": commits[0].date,
            "commits_90d": self._commits_90d(commits),
            "contributors": self._optional("contributors", self._contributors),
            "community": self._community(raw) or {},
        })
        self.gaps.append(Gap(what="branch protection", kind="forbidden",
                             reason="GitHub shows branch protection only to repository admins; not checked"))
        return base.model_copy(update={
            "revision": sha,
            "files": files,
            "documents": documents,
            "card_data": card_data,
            "host": host,
            "releases": self._releases(),
            "links": links.extract(documents, card_data),
            "gaps": sorted(self.gaps, key=lambda g: (g.what, g.kind)),
        })

    # --- required pieces -------------------------------------------------------------------

    def _get(self, path: str, parameters: dict[str, Any] | None = None) -> tuple[dict[str, Any], Any]:
        return self.requester.requestJsonAndCheck("GET", f"{self.repo_url}{path}", parameters=parameters)

    def _commits(self, default_branch: str | None) -> list[CommitAnswer] | None:
        """The latest page of commits at the revision; None for an empty repository."""
        ref = self.revision or default_branch
        try:
            _, commits = self._get("/commits", {"sha": ref, "per_page": COMMITS_PAGE} if ref else {"per_page": COMMITS_PAGE})
        except GithubException as error:
            if error.status == 409:
                return None
            if error.status in (404, 422) and self.revision:
                raise NotFound(f"github:{self.asked}: revision {self.revision!r} not found "
                               "(no such branch, tag or commit)") from None
            raise
        return decode(Commits, commits, f"commits of github:{self.full_name}").root or None

    def _tree(self, sha: str) -> list[FileEntry]:
        _, answer = self._get(f"/git/trees/{sha}", {"recursive": 1})
        tree = decode(TreeAnswer, answer, f"tree of github:{self.full_name}")
        if tree.truncated:
            self.gaps.append(Gap(what="tree", kind="truncated", reason=(
                "GitHub truncated the file listing (too many files); files beyond it are unknown")))
        files = [FileEntry(path=item.path, size=item.size) for item in tree.tree if item.type == "blob"]
        return sorted(files, key=lambda f: f.path)

    # --- optional pieces -------------------------------------------------------------------

    def __post_init__(self) -> None:
        self.parts = OptionalParts(NETWORK_ERRORS, lambda error, what: explain(
            error, f"{what} of github:{self.full_name}", self.token, self.options.offline, whole=False), self.gaps)

    def _optional(self, what: str, call: Callable[[], T]) -> T | None:
        return self.parts.get(what, call)

    def _documents(self, sha: str, files: list[FileEntry]) -> list[Document]:
        wanted = wanted_documents(files)
        if not wanted:
            return []
        cache = DerivedCache("github-documents", use_cache=self.options.use_cache, offline=self.options.offline)
        key = f"{self.full_name}@{sha}"
        cached = cache.get(key)
        if cached is not None:
            documents, gaps = documents_from_cache(cached)
        elif self.options.offline:
            self.gaps.append(Gap(what="files", kind="offline", reason=(
                f"the documents of {self.full_name}@{sha[:12]} are not in the cache; run once without --offline")))
            return []
        else:
            result = self._optional("files", lambda: self._download_documents(sha, files, wanted))
            if result is None:
                return []
            documents, gaps = result
            cache.put(key, documents_to_cache(documents, gaps))
        self.gaps.extend(gaps)
        return sorted(documents, key=lambda d: d.path)

    def _download_documents(self, sha: str, files: list[FileEntry], wanted: dict[str, int]) -> tuple[list[Document], list[Gap]]:
        if not archive_fits(files):
            return documents_one_by_one(wanted, lambda path: self._content(path, sha))
        headers, _ = self._get(f"/tarball/{sha}")
        location = headers.get("location")
        if not location:
            raise GithubException(502, {"message": "no archive location in the tarball answer"}, headers)
        session = make_session(None, self.counter, self.options.max_wait_seconds, self.tuning, plain_session_class())
        with session, session.get(location, stream=True, timeout=self.tuning.timeout) as response:
            _raise_for_status(response)
            response.raw.decode_content = True
            stream = cast(IO[bytes], response.raw)  # urllib3's HTTPResponse is a binary stream
            return documents_from_tarball(stream, wanted, f"files of github:{self.full_name}")

    def _content(self, path: str, sha: str) -> bytes:
        """One file through the contents API (base64 in JSON): a parse boundary of its own."""
        what = f"{path} of github:{self.full_name}"
        answer = decode(ContentAnswer, self._get(f"/contents/{quote(path)}", {"ref": sha})[1], what)
        try:
            return base64.b64decode(answer.content or "")
        except (binascii.Error, ValueError):
            raise MalformedAnswer(f"{what}: the content GitHub sent is not base64") from None

    def _commits_90d(self, commits: list[CommitAnswer]) -> int | None:
        since = self.options.now - timedelta(days=ACTIVITY_DAYS)
        recent = [c for c in commits if (_parse(c.date) or since) > since]
        if len(recent) < COMMITS_PAGE:
            return len(recent)
        weekly = self._optional("commit activity", self._participation)
        return max(weekly, len(recent)) if weekly is not None else None

    def _participation(self) -> int | None:
        """Commits in the last 13 weeks from ``stats/participation``; None while GitHub computes it."""
        session = make_session(self.token, self.counter, self.options.max_wait_seconds, self.tuning)
        with session:
            for attempt in range(self.tuning.stats_attempts):
                response = session.get(f"{self.repo_url}/stats/participation", timeout=self.tuning.timeout)
                if response.status_code != 202:
                    _raise_for_status(response)
                    answer = decode(ParticipationAnswer, _json(response), f"commit activity of github:{self.full_name}")
                    return sum(answer.all[-ACTIVITY_WEEKS:])
                if attempt + 1 < self.tuning.stats_attempts:
                    time.sleep(self.tuning.stats_wait)
        self.gaps.append(Gap(what="commit activity", kind="pending", reason=(
            "over 100 commits in 90 days, and GitHub was still computing the exact count")))
        return None

    def _contributors(self) -> int:
        headers, page = self._get("/contributors", {"per_page": 1, "anon": "true"})
        last = re.search(r'<([^>]+)>;\s*rel="last"', headers.get("link", ""))
        pages = parse_qs(urlsplit(last.group(1)).query).get("page", [""]) if last else [""]
        if last and pages[0].isdigit():
            return int(pages[0])
        return len(page) if isinstance(page, list) else 0

    def _community(self, raw: RepoAnswer) -> dict[str, Any] | None:
        if raw.fork:
            self.gaps.append(Gap(what="community profile", kind="not_supported",
                                 reason="GitHub has no community profile for forks"))
            return None
        what = f"community profile of github:{self.full_name}"
        profile = self._optional("community profile",
                                 lambda: decode(CommunityAnswer, self._get("/community/profile")[1], what))
        if not profile:
            return None
        files = profile.files or {}
        return {
            "health_percentage": profile.health_percentage,
            "files": {key: (value.html_url if value else None) or value is not None
                      for key, value in sorted(files.items())},
            "content_reports_enabled": profile.content_reports_enabled,
        }

    def _releases(self) -> list[Release]:
        releases = self._optional("releases", lambda: decode(
            Releases, self._get("/releases", {"per_page": RELEASES_PAGE})[1], f"releases of github:{self.full_name}"))
        tags = self._optional("tags", lambda: decode(
            Tags, self._get("/tags", {"per_page": RELEASES_PAGE})[1], f"tags of github:{self.full_name}"))
        result = [Release(tag=r.tag_name, name=r.name or None, date=r.published_at, url=r.html_url)
                  for r in (releases.root if releases else []) if not r.draft]
        seen = {r.tag for r in result}
        result.extend(Release(tag=t.name) for t in (tags.root if tags else []) if t.name not in seen)
        return result


def _host_facts(raw: RepoAnswer) -> HostFacts:
    spdx = raw.license.spdx_id if raw.license else None
    return HostFacts(
        description=raw.description,
        homepage=raw.homepage or None,
        topics=list(raw.topics or []),
        archived=raw.archived,
        fork=raw.fork,
        parent=raw.parent.full_name if raw.parent else None,
        default_branch=raw.default_branch,
        created_at=raw.created_at,
        pushed_at=raw.pushed_at,
        stars=raw.stargazers_count,
        forks=raw.forks_count,
        open_issues=raw.open_issues_count,
        has_issues=raw.has_issues,
        has_discussions=raw.has_discussions,
        visibility=raw.visibility,
        private=raw.private,
        disabled=raw.disabled,
        license_detected=spdx if spdx and spdx != "NOASSERTION" else (raw.license.key if raw.license else None),
    )


def _parse(value: str | None) -> datetime | None:
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")) if value else None
    except ValueError:
        return None


def _json(response: requests.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        raise MalformedAnswer(f"{response.url}: the server's answer was not JSON") from None


def _raise_for_status(response: requests.Response) -> None:
    """Raise what PyGithub would for an error answer, so errors are explained the same way."""
    if response.status_code < 400:
        return
    try:
        data = response.json()
    except ValueError:
        data = {"message": response.reason}
    raise GithubException(response.status_code, data, dict(response.headers))
