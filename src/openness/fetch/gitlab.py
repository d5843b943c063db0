"""Fetch evidence for a GitLab project through the REST API v4, with python-gitlab.

Requests, cold: the project (``?license=true`` for the licence GitLab detected), one page of
commits at the revision (the scored commit, its date and the recent activity), the recursive
tree (``per_page=100``, following ``X-Next-Page`` or ``Link`` up to ``MAX_TREE_PAGES``), one raw
read per document (the ``documents`` selection, at most ``MAX_DOCUMENT_REQUESTS``), releases,
tags and the contributor count (the ``X-Total`` of a one-item page). Documents are kept in the
derived cache by ``project@sha``; API answers in the shared HTTP cache, so ``--offline`` works
(GitLab sends a weak ``ETag`` on every API answer, so a warm run revalidates them with 304s).

The token (``GITLAB_TOKEN``) goes to python-gitlab as a private token (the ``PRIVATE-TOKEN``
header, which the HTTP cache never stores); messages are redacted. Retries, waits and
counting are the shared ones (``http.retry_policy``): python-gitlab's own retry loop, which
sleeps for any ``Retry-After``, is switched off on every call.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import partial
from typing import Any, TypeVar
from urllib.parse import parse_qs, quote, urlsplit

# python-gitlab is imported here only: this module itself is imported on first GitLab fetch.
import gitlab
import requests
from gitlab.exceptions import GitlabAuthenticationError, GitlabHttpError
from pydantic import Field, RootModel

from ..evidence import Document, Evidence, FileEntry, Gap, HostFacts, Member, MemberRole, Offer, Release, TargetRef
from ..targets import Target
from . import failures, links
from .commit_documents import documents_at_commit
from .documents import MAX_DOCUMENT_BYTES, make_document, readme_card_data, select_documents
from .failures import Answer, MalformedAnswer, NotFound, OptionalParts, decode
from .gitlab_source import TOKEN_VARIABLE, URL_VARIABLE, GitLabSource, base_url
from .http import (
    RequestCounter,
    Token,
    Tuning,
    WaitTooLong,
    cached_session,
    install_hooks,
    mount_retries,
    notice,
    retry_policy,
    token_from,
)
from .interface import FetchOptions

T = TypeVar("T")

COMMITS_PAGE = 100
RELEASES_PAGE = 10
TREE_PAGE = 100
MAX_TREE_PAGES = 50
"""Read at most this many pages of the tree (5,000 entries); the rest is a ``truncated`` gap."""
MAX_DOCUMENT_REQUESTS = 12
"""Read at most this many documents (one request each); the rest is one ``truncated`` gap."""
ACTIVITY_DAYS = 90
OFFERS: list[Offer] = ["host_metadata", "releases", "tags", "issue_tracker", "contributors", "commit_activity"]

TUNING = Tuning()
TERMS = failures.HostTerms(
    name="GitLab",
    token_variables=(TOKEN_VARIABLE,),
    url_variable=URL_VARIABLE,
    anonymous_advice=f"set {TOKEN_VARIABLE} to a token for a higher limit",
    token_advice="the token from {source} has used its quota: wait, or use a token of another account",
)
NETWORK_ERRORS = (GitlabHttpError, GitlabAuthenticationError, requests.exceptions.RequestException, WaitTooLong)
"""What python-gitlab and requests raise when GitLab says no or cannot be reached."""


# --------------------------------------------------------------------------- answers (the parse boundary)

class Namespaced(Answer):
    path_with_namespace: str | None = None


class LicenseAnswer(Answer):
    key: str | None = None
    nickname: str | None = None


class ProjectAnswer(Answer):
    id: int
    path_with_namespace: str
    web_url: str | None = None
    description: str | None = None
    topics: list[str] | None = None
    tag_list: list[str] | None = None
    archived: bool | None = None
    forked_from_project: Namespaced | None = None
    default_branch: str | None = None
    visibility: str | None = None
    created_at: str | None = None
    last_activity_at: str | None = None
    star_count: int | None = None
    forks_count: int | None = None
    open_issues_count: int | None = None
    issues_enabled: bool | None = None
    empty_repo: bool | None = None
    license: LicenseAnswer | None = None


class CommitAnswer(Answer):
    id: str
    committed_date: str | None = None
    authored_date: str | None = None


class Commits(RootModel[list[CommitAnswer]]):
    pass


class TreeItem(Answer):
    path: str
    type: str


class Tree(RootModel[list[TreeItem]]):
    pass


class ReleaseLinks(Answer):
    self_url: str | None = Field(default=None, alias="self")


class ReleaseAnswer(Answer):
    tag_name: str
    name: str | None = None
    released_at: str | None = None
    upcoming_release: bool = False
    links: ReleaseLinks | None = Field(default=None, alias="_links")


class Releases(RootModel[list[ReleaseAnswer]]):
    pass


class TagAnswer(Answer):
    name: str


class Tags(RootModel[list[TagAnswer]]):
    pass


# --------------------------------------------------------------------------- fetch

def fetch_gitlab(target: Target, options: FetchOptions) -> Evidence:
    """Evidence for ``gitlab:group/project[@ref]``."""
    member, count = fetch_gitlab_member(target.id, target.revision, options, role="primary")
    return Evidence(
        target=TargetRef(kind=GitLabSource.kind, id=target.id, revision=target.revision),
        fetched_at=options.now.isoformat(timespec="seconds"),
        members=[member],
        requests=count,
    )


def fetch_gitlab_member(path: str, revision: str | None, options: FetchOptions,
                        role: MemberRole = "code") -> tuple[Member, int]:
    """One GitLab project as a ``Member``, and the HTTP requests it cost.

    Raises a ``SourceFailure`` (exit code 3) when the project, the revision or its tree cannot be had.
    """
    token = None if options.offline else token_from((TOKEN_VARIABLE,))
    counter = RequestCounter(options.max_wait_seconds)
    what = f"gitlab:{path}"
    with cached_session(offline=options.offline, use_cache=options.use_cache) as session:
        mount_retries(session, retry_policy(counter, options.max_wait_seconds, TUNING))
        install_hooks(session, counter)
        client = gitlab.Gitlab(base_url(), private_token=token.value if token else None, session=session,
                               timeout=TUNING.timeout, user_agent="openness (python-gitlab)")
        run = _Run(client, path, revision, options, token)
        try:
            member = run.member(role)
        except NETWORK_ERRORS as error:
            raise explain(error, what, token, options.offline, whole=True) from None
    return member, counter.total


def explain(error: Exception, what: str, token: Token | None, offline: bool, *, whole: bool) -> failures.SourceFailure:
    """The shared failure for what python-gitlab or requests raised; redacted."""
    if isinstance(error, WaitTooLong):
        result: failures.SourceFailure = failures.from_wait(error, what, TERMS, token)
    elif isinstance(error, (GitlabHttpError, GitlabAuthenticationError)):
        message = error.error_message if isinstance(error.error_message, str) else ""
        result = failures.from_status(error.response_code or 0, None, message, what, TERMS, token,
                                      whole=whole, offline=offline)
    elif isinstance(error, requests.exceptions.RequestException):
        result = failures.from_transport(error, what, TERMS, token)
    else:
        raise TypeError(f"not a network failure: {type(error).__name__}")  # a caller's bug, not GitLab's
    return failures.redacted(result, [token.value] if token else [])


@dataclass
class _Run:
    """The state of one project fetch: what was asked, what was learned, what is missing."""

    client: gitlab.Gitlab
    asked: str
    revision: str | None
    options: FetchOptions
    token: Token | None
    gaps: list[Gap] = field(default_factory=list)
    base: str = ""
    parts: OptionalParts = field(init=False)

    def __post_init__(self) -> None:
        self.parts = OptionalParts(NETWORK_ERRORS, lambda error, what: explain(
            error, f"{what} of gitlab:{self.asked}", self.token, self.options.offline, whole=False), self.gaps)

    def member(self, role: MemberRole) -> Member:
        project = decode(ProjectAnswer, self._get("", {"license": "true"})[0], f"gitlab:{self.asked}")
        self.base = f"/projects/{project.id}"
        full_path = project.path_with_namespace
        if full_path.lower() != self.asked.lower():
            notice(f"gitlab:{self.asked} has moved to gitlab:{full_path}; scoring gitlab:{full_path}")
        host = _host_facts(project)
        web_url = project.web_url or f"{base_url()}/{full_path}"
        member = Member(role=role, kind=GitLabSource.kind, source_label=GitLabSource.label, offers=OFFERS,
                        id=full_path, web_url=web_url, file_url=f"{web_url}/-/blob/{{revision}}/{{path}}", host=host)
        commits = None if project.empty_repo else self._commits(project.default_branch)
        if not commits:
            return member.model_copy(update={"gaps": [Gap(
                what="repository", kind="empty_repository", reason="the repository is empty: it has no commits")]})
        sha = commits[0].id
        files = self._tree(sha)
        documents = self._documents(full_path, sha, files)
        card_data, card_gap = readme_card_data(documents)
        if card_gap is not None:
            self.gaps.append(card_gap)
        host = host.model_copy(update={
            "last_modified": commits[0].committed_date or commits[0].authored_date,
            "commits_90d": self._commits_90d(commits),
            "contributors": self._optional("contributors", self._contributors),
        })
        return member.model_copy(update={
            "revision": sha,
            "files": files,
            "documents": documents,
            "card_data": card_data,
            "host": host,
            "releases": self._releases(),
            "links": links.extract(documents, card_data),
            "gaps": sorted(self.gaps, key=lambda g: (g.what, g.kind)),
        })

    # --- transport --------------------------------------------------------------------------

    def _response(self, path: str, query: dict[str, Any] | None = None, *, streamed: bool = False) -> requests.Response:
        project = self.base or f"/projects/{quote(self.asked, safe='')}"
        response = self.client.http_request("get", f"{project}{path}", query_data=query or {}, streamed=streamed,
                                            obey_rate_limit=False, retry_transient_errors=False, max_retries=0)
        assert isinstance(response, requests.Response)
        return response

    def _get(self, path: str, query: dict[str, Any] | None = None) -> tuple[Any, Any]:
        """The decoded JSON body and the headers of one answer."""
        response = self._response(path, query)
        try:
            return response.json(), response.headers
        except ValueError:
            raise MalformedAnswer(f"gitlab:{self.asked}{path}: GitLab's answer was not JSON") from None

    # --- required pieces --------------------------------------------------------------------

    def _commits(self, default_branch: str | None) -> list[CommitAnswer] | None:
        ref = self.revision or default_branch
        query: dict[str, Any] = {"per_page": COMMITS_PAGE, **({"ref_name": ref} if ref else {})}
        try:
            answer, _ = self._get("/repository/commits", query)
        except GitlabHttpError as error:
            if error.response_code == 404 and self.revision:
                answer = []
            else:
                raise
        commits = decode(Commits, answer, f"commits of gitlab:{self.asked}").root
        if not commits and self.revision:
            raise NotFound(f"gitlab:{self.asked}: revision {self.revision!r} not found "
                           "(no such branch, tag or commit)")
        return commits or None

    def _tree(self, sha: str) -> list[FileEntry]:
        files: list[FileEntry] = []
        query: dict[str, Any] | None = {"ref": sha, "recursive": "true", "per_page": TREE_PAGE}
        pages = 0
        while query is not None:
            if pages == MAX_TREE_PAGES:
                self.gaps.append(Gap(what="tree", kind="truncated", reason=(
                    f"the file listing has over {MAX_TREE_PAGES * TREE_PAGE} entries; only the first "
                    f"{MAX_TREE_PAGES} pages were read, files beyond them are unknown")))
                break
            answer, headers = self._get("/repository/tree", query)
            pages += 1
            tree = decode(Tree, answer, f"tree of gitlab:{self.asked}").root
            files.extend(FileEntry(path=item.path) for item in tree if item.type == "blob")
            query = _next_page(query, headers)
        return sorted(files, key=lambda f: f.path)

    # --- optional pieces --------------------------------------------------------------------

    def _optional(self, what: str, call: Callable[[], T]) -> T | None:
        return self.parts.get(what, call)

    def _documents(self, full_path: str, sha: str, files: list[FileEntry]) -> list[Document]:
        wanted = select_documents(f.path for f in files)
        if not wanted:
            return []
        return documents_at_commit(
            "gitlab-documents", f"{urlsplit(base_url()).netloc}/{full_path}@{sha}", f"{full_path}@{sha[:12]}",
            self.options, partial(self._read_documents, sha, wanted), self.gaps)

    def _read_documents(self, sha: str, wanted: list[str]) -> tuple[list[Document], list[Gap]]:
        """The documents and what they say about themselves (binary, truncated); a failed read is
        a gap of the run (``_optional``), never cached."""
        documents: list[Document] = []
        gaps: list[Gap] = []
        for path in wanted[:MAX_DOCUMENT_REQUESTS]:
            data = self._optional(path, partial(self._raw, path, sha))
            if data is None:
                continue
            content, size = data
            document, document_gaps = make_document(path, content, size)
            gaps.extend(document_gaps)
            if document is not None:
                documents.append(document)
        skipped = wanted[MAX_DOCUMENT_REQUESTS:]
        if skipped:
            gaps.append(Gap(what="documents", kind="truncated", reason=(
                f"{len(skipped)} documents not read (kept within the request budget): {', '.join(skipped[:5])}")))
        return documents, gaps

    def _raw(self, path: str, sha: str) -> tuple[bytes, int]:
        """The first ``MAX_DOCUMENT_BYTES + 1`` bytes of a file at ``sha``, and its size when GitLab says it."""
        with self._response(f"/repository/files/{quote(path, safe='')}/raw", {"ref": sha}, streamed=True) as response:
            chunks: list[bytes] = []
            received = 0
            for chunk in response.iter_content(64 * 1024):
                chunks.append(chunk)
                received += len(chunk)
                if received > MAX_DOCUMENT_BYTES:
                    break
            data = b"".join(chunks)[: MAX_DOCUMENT_BYTES + 1]
            length = response.headers.get("X-Gitlab-Size") or response.headers.get("Content-Length") or ""
        return data, int(length) if length.isdigit() else len(data)

    def _commits_90d(self, commits: list[CommitAnswer]) -> int | None:
        since = self.options.now - timedelta(days=ACTIVITY_DAYS)
        recent = [c for c in commits if (_parse(c.committed_date or c.authored_date) or since) > since]
        if len(recent) < COMMITS_PAGE:
            return len(recent)
        self.gaps.append(Gap(what="commit activity", kind="truncated", reason=(
            f"over {COMMITS_PAGE} commits in {ACTIVITY_DAYS} days; the exact count was not read")))
        return None

    def _contributors(self) -> int:
        answer, headers = self._get("/repository/contributors", {"per_page": 1})
        total = str(headers.get("X-Total") or "")
        if total.isdigit():
            return int(total)
        if headers.get("X-Next-Page") or 'rel="next"' in headers.get("Link", ""):
            raise MalformedAnswer("GitLab gave no X-Total for the contributors")
        return len(answer) if isinstance(answer, list) else 0

    def _releases(self) -> list[Release]:
        releases = self._optional("releases", lambda: decode(
            Releases, self._get("/releases", {"per_page": RELEASES_PAGE})[0], f"releases of gitlab:{self.asked}"))
        tags = self._optional("tags", lambda: decode(
            Tags, self._get("/repository/tags", {"per_page": RELEASES_PAGE})[0], f"tags of gitlab:{self.asked}"))
        result = [Release(tag=r.tag_name, name=r.name or None, date=r.released_at,
                          url=r.links.self_url if r.links else None)
                  for r in (releases.root if releases else []) if not r.upcoming_release]
        seen = {r.tag for r in result}
        result.extend(Release(tag=t.name) for t in (tags.root if tags else []) if t.name not in seen)
        return result


def _next_page(query: dict[str, Any], headers: Any) -> dict[str, Any] | None:
    """The query of the next page: ``X-Next-Page`` (offset pagination) or ``Link: rel="next"`` (keyset)."""
    following = str(headers.get("X-Next-Page") or "").strip()
    if following.isdigit():
        return {**query, "page": int(following)}
    for part in str(headers.get("Link") or "").split(","):
        if 'rel="next"' in part and "<" in part:
            url = part[part.index("<") + 1: part.index(">")]
            return {**query, **{k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}}
    return None


def _host_facts(project: ProjectAnswer) -> HostFacts:
    licence = project.license
    return HostFacts(
        description=project.description or None,
        topics=list(project.topics or project.tag_list or []),
        archived=project.archived,
        fork=project.forked_from_project is not None,
        parent=project.forked_from_project.path_with_namespace if project.forked_from_project else None,
        default_branch=project.default_branch,
        created_at=project.created_at,
        stars=project.star_count,
        forks=project.forks_count,
        open_issues=project.open_issues_count,
        has_issues=project.issues_enabled,
        visibility=project.visibility,
        private=None if project.visibility is None else project.visibility == "private",
        license_detected=(licence.key if licence else None),
        extra={"last_activity_at": project.last_activity_at} if project.last_activity_at else {},
    )


def _parse(value: str | None) -> datetime | None:
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")) if value else None
    except ValueError:
        return None

