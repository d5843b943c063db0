"""Fetch evidence for a GitHub repository in a small number of requests.

With a token, a repository costs 3 requests cold (``github_graphql``): the commit the ref points
at, the recursive tree, and one GraphQL query for the metadata, history counts, releases, tags,
community files and the documents' own text. The whole member is then kept in the derived cache
keyed by ``owner/repo@sha``, so a later run costs one conditional request (a 304, free under
GitHub's rate limit) while the ref has not moved; host facts (stars, open issues) are then those
of the commit's first fetch (``--no-cache`` refreshes them).

Without a token (GraphQL needs one) the REST path stays: the repository, one page of recent
commits (which also gives the scored commit), the recursive tree, releases, tags and the
contributor count (read from the ``Link`` header of a one-item page), then the documents as
``github_documents.plan_reads`` decides: a prefix of them from the tarball (its redirect and the
archive host, read as a stream that stops after the last one), the rest one raw download each,
so that at most about twice the documents' bytes are downloaded. 8 requests cold for a small
repository, 9 when one document sits behind a large folder. The community profile is not asked
on this path: nothing in the analysis reads it (community files are found in the tree), and it
would be one request more. The member is then kept for its commit, as on the token path: a
later run asks only for the head commit (40 bytes, then a 304) and reuses the member while the
ref has not moved (host facts such as stars are those of the commit's first fetch; ``--no-cache``
refreshes them); a moved ref costs that request plus a REST fetch.

Every request goes through one session (``github_client.make_session``): one retry policy, one
wait budget per run, and the request and byte counts. The required pieces (repository, commit,
tree) raise a ``FetchError`` when they fail; a failed optional piece becomes a ``Gap`` and the
rest is still reported.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import IO, Any, TypeVar, cast
from urllib.parse import parse_qs, quote, urlsplit

import requests
from github.GithubException import GithubException

from ..evidence import Document, Evidence, FileEntry, Gap, HostFacts, Member, MemberRole, Offer, Release, TargetRef
from ..targets import Target
from . import github_graphql as graphql
from . import links
from .commit_documents import documents_at_commit
from .documents import MAX_DOCUMENT_BYTES, readme_card_data
from .failures import MalformedAnswer, NotFound, OptionalParts, Unavailable, decode
from .github_answers import CommitAnswer, Commits, ParticipationAnswer, Releases, RepoAnswer, Tags, TreeAnswer
from .github_client import (
    DEFAULT_TUNING,
    SHA_ACCEPT,
    GithubTuning,
    api_base_url,
    commit_id,
    commit_url,
    graphql_url,
    make_session,
    raw_base_url,
)
from .github_documents import (
    CountingStream,
    documents_from_tarball,
    documents_one_by_one,
    plan_reads,
    skipped_gaps,
    wanted_documents,
)
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
TRANSIENT_GAPS = frozenset({"rate_limited", "server_error", "pending", "offline"})
"""Gaps a later run may not have: a member with one is not kept for its commit."""
BRANCH_PROTECTION = Gap(what="branch protection", kind="forbidden",
                        reason="GitHub shows branch protection only to repository admins; not checked")


def fetch_github(target: Target, options: FetchOptions) -> Evidence:
    """Evidence for ``github:owner/repo[@ref]``."""
    counter = RequestCounter(options.max_wait_seconds)
    member, count = fetch_github_member(target.id, target.revision, options, role="primary", counter=counter)
    return Evidence(
        target=TargetRef(kind=GitHubSource.kind, id=target.id, revision=target.revision),
        fetched_at=options.now.isoformat(timespec="seconds"),
        members=[member],
        requests=count,
        bytes=counter.bytes,
    )


def fetch_github_member(owner_repo: str, revision: str | None, options: FetchOptions, role: MemberRole = "code",
                        tuning: GithubTuning | None = None,
                        counter: RequestCounter | None = None) -> tuple[Member, int]:
    """One GitHub repository as a ``Member`` with ``role``, and the HTTP requests it cost.

    Raises a ``FetchError`` subclass (exit code 3) when the repository, the revision or its
    tree cannot be had; bundle fetchers may catch it and record a gap instead. A caller that
    fetches several members passes one ``counter``: requests of a member that failed are counted
    there too, and the members share its wait budget.

    The member's ``host.extra["fetch"]`` says what this fetch cost: ``requests`` (of them
    ``not_modified``, the 304 answers to conditional requests, free under GitHub's rate limit), ``bytes``
    downloaded (bodies, decoded), of them ``document_bytes_downloaded`` for documents (an archive
    stream, or the blobs' text) against the ``document_bytes`` used (0 when the documents came
    from the cache), and the run's ``wait_budget_seconds``.
    """
    token = None if options.offline else github_token()
    if token is None and not options.offline:
        notice(f"no {' or '.join(GITHUB_TOKEN_VARIABLES)} set: GitHub allows 60 anonymous requests an hour")
    counter = counter if counter is not None else RequestCounter(options.max_wait_seconds)
    requests_before, bytes_before, free_before = counter.total, counter.bytes, counter.not_modified
    with requests_cache_scope(offline=options.offline, use_cache=options.use_cache):
        session = make_session(token, counter, options.max_wait_seconds, tuning or DEFAULT_TUNING,
                               requests.Session)  # looked up now: inside the scope it is the cached class
        run = _Run(owner_repo, revision, options, token, counter, tuning or DEFAULT_TUNING, session)
        try:
            member = run.member(role)
        except NETWORK_ERRORS as error:
            raise explain(error, f"github:{owner_repo}", token, options.offline) from None
        finally:
            session.close()
    used = sum(len(d.text.encode()) for d in member.documents) if run.document_bytes_downloaded else 0
    cost: dict[str, int | float] = {
        "requests": counter.total - requests_before,
        "not_modified": counter.not_modified - free_before,
        "bytes": counter.bytes - bytes_before,
        "document_bytes_downloaded": run.document_bytes_downloaded,
        "document_bytes": used,
        "wait_budget_seconds": counter.budget.seconds,
    }
    host = member.host.model_copy(update={"extra": {**member.host.extra, "fetch": cost}})
    return member.model_copy(update={"host": host}), counter.total - requests_before


@dataclass
class _Run:
    """The state of one repository fetch: what was asked, what was learned, what is missing."""

    asked: str
    revision: str | None
    options: FetchOptions
    token: Token | None
    counter: RequestCounter
    tuning: GithubTuning
    session: requests.Session
    gaps: list[Gap] = field(default_factory=list)
    full_name: str = ""
    parts: OptionalParts = field(init=False)
    repo_url: str = ""
    document_bytes_downloaded: int = 0

    def __post_init__(self) -> None:
        self.full_name = self.asked
        self.repo_url = f"{api_base_url()}/repos/{self.asked}"
        self.parts = OptionalParts(NETWORK_ERRORS, lambda error, what: explain(
            error, f"{what} of github:{self.full_name}", self.token, self.options.offline, whole=False), self.gaps)

    def member(self, role: MemberRole) -> Member:
        """The member: from the derived cache when the commit it was read at is still the head (one
        conditional request), else through GraphQL (a token) or REST. Without a token the head is
        asked only once the repository was fetched before: cold, the commits page says it anyway."""
        members = DerivedCache("github-members", use_cache=self.options.use_cache, offline=self.options.offline)
        if self.token is not None or self.options.offline or members.get(self._pointer()) is not None:
            cached = self._member_at_head(role, members)
            if cached is not None:
                return cached
        member = self._rest_member(role)
        self._keep(members, member)
        return member

    def _pointer(self) -> str:
        """The cache key saying this repository and revision were fetched (and at which commit)."""
        return f"{self.asked}#{self.revision or 'HEAD'}"

    def _keep(self, members: DerivedCache, member: Member) -> None:
        """Keep ``member`` for its commit, unless a later run may not have its gaps."""
        if member.revision and not any(g.kind in TRANSIENT_GAPS for g in member.gaps) and not self.options.offline:
            members.put(f"{self.asked}@{member.revision}", member.model_dump(mode="json"))
            members.put(self._pointer(), {"sha": member.revision})

    # --- requests ------------------------------------------------------------------------------

    def _request(self, method: str, url: str, **kwargs: Any) -> requests.Response:
        response = self.session.request(method, url, timeout=self.tuning.timeout, **kwargs)
        _raise_for_status(response)
        return response

    def _get(self, path: str, parameters: dict[str, Any] | None = None,
             redirects: bool = True) -> tuple[Mapping[str, str], Any]:
        """A REST answer of the repository: its headers (any case) and decoded JSON body."""
        response = self._request("GET", f"{self.repo_url}{path}", params=parameters, allow_redirects=redirects)
        return response.headers, (_json(response) if response.content else None)

    # --- with a token: the commit, the tree, one GraphQL query ---------------------------------

    def _member_at_head(self, role: MemberRole, members: DerivedCache) -> Member | None:
        """The member kept for the head commit; else, with a token, through the GraphQL path. None
        without a token (the REST path reads it), offline when no path filled the cache, and when
        GitHub's GraphQL API keeps failing (the REST path then reads the same facts)."""
        try:
            sha = self._head()
        except GithubException as error:
            if self.options.offline and error.status == 504:
                return None  # not cached this way: the REST path may have been
            raise
        if sha is not None:
            cached = members.get(f"{self.asked}@{sha}")
            if cached is not None:
                return Member.model_validate(cached).model_copy(update={"role": role})
        if self.options.offline or self.token is None:
            return None
        try:
            member = self._graphql_member(role, sha)
        except NETWORK_ERRORS as error:
            failure = explain(error, f"github:{self.asked}", self.token, whole=False)
            if not isinstance(failure, Unavailable):
                raise
            notice(f"{failure}; reading github:{self.asked} through the REST API instead")
            self.gaps.clear()
            self.full_name = self.asked
            return None
        self._keep(members, member)
        return member

    def _head(self) -> str | None:
        """The commit the revision (else HEAD) points at; None for an empty repository."""
        try:
            response = self._request("GET", commit_url(self.asked, self.revision), headers=SHA_ACCEPT)
        except GithubException as error:
            if error.status == 409:
                return None
            if error.status == 422 and self.revision:  # GitHub's answer for a ref it cannot resolve
                raise NotFound(f"github:{self.asked}: revision {self.revision!r} not found "
                               "(no such branch, tag or commit)") from None
            raise
        sha = commit_id(response.text)
        if sha is None:
            raise MalformedAnswer(f"commit of github:{self.asked}: GitHub did not answer with a commit id")
        return sha

    def _graphql_member(self, role: MemberRole, sha: str | None) -> Member:
        files = self._tree(sha) if sha else []
        wanted = graphql.wanted_blobs(files, self.gaps)
        query, variables = graphql.build_query(sha, list(wanted))
        owner, name = self.asked.split("/", 1)
        since = (self.options.now - timedelta(days=ACTIVITY_DAYS)).strftime("%Y-%m-%dT%H:%M:%SZ")
        answer = decode(graphql.GraphQLAnswer, _json(self._request("POST", graphql_url(), json={
            "query": query, "variables": {"owner": owner, "name": name, **({"sha": sha, "since": since} if sha else {}),
                                          **variables}})), f"github:{self.asked}")
        data = (answer.data or {}).get("repository")
        if data is None:
            raise graphql.failure(answer.errors, f"github:{self.asked}")
        repo = decode(graphql.RepositoryAnswer, data, f"github:{self.asked}")
        host = self._identify(graphql.host_facts(repo), repo.nameWithOwner)
        base = Member(role=role, kind=GitHubSource.kind, source_label=GitHubSource.label, offers=OFFERS,
                      id=self.full_name, web_url=repo.url or f"https://github.com/{self.full_name}", host=host)
        if sha is None:
            return base.model_copy(update={"gaps": [_EMPTY]})
        gaps, lost = graphql.part_gaps(answer.errors, list(wanted))
        self.gaps.extend(gaps)
        documents, document_gaps, self.document_bytes_downloaded = graphql.blob_documents(repo, wanted, lost)
        self.gaps.extend(document_gaps)
        card_data, card_gap = readme_card_data(documents)
        if card_gap is not None:
            self.gaps.append(card_gap)
        commit = repo.commit or graphql.CommitObject()
        update: dict[str, Any] = {"last_modified": commit.committedDate}
        if repo.commit is not None and "commit activity" not in lost:
            count, complete = graphql.contributors(commit)
            update["commits_90d"] = commit.recent.totalCount if commit.recent else None
            update["contributors"] = count
            if not complete:
                update["extra"] = {**host.extra, "contributors_basis": (
                    f"distinct authors of the latest {graphql.LATEST_COMMITS} commits (a lower bound)")}
        else:
            if "commit activity" not in lost:
                self.gaps.append(Gap(what="commit activity", kind="server_error",
                                     reason=f"GitHub's GraphQL API gave no commit {sha[:12]}"))
            self.gaps.append(Gap(what="contributors", kind="server_error",
                                 reason="read from the commit history, which GitHub's GraphQL API did not give"))
        if "community profile" not in lost:
            readme = next((d.path for d in documents if d.path.lower().startswith("readme")), None)
            update["community"] = graphql.community(repo, readme and f"{base.web_url}/blob/{sha}/{readme}")
        self.gaps.append(BRANCH_PROTECTION)
        return base.model_copy(update={
            "revision": sha, "files": files, "documents": documents, "card_data": card_data,
            "host": host.model_copy(update=update), "releases": graphql.releases(repo),
            "links": links.extract(documents, card_data), "gaps": sorted(self.gaps, key=lambda g: (g.what, g.kind)),
        })

    def _identify(self, host: HostFacts, full_name: str | None) -> HostFacts:
        """Learn the repository's current name; a renamed one is followed and said so."""
        full_name = full_name or self.asked
        if full_name.lower() != self.asked.lower():
            notice(f"github:{self.asked} has moved to github:{full_name}; scoring github:{full_name}")
            host = host.model_copy(update={"extra": {**host.extra, "renamed_from": self.asked}})
        self.full_name = full_name
        return host

    # --- without a token: the REST path ---------------------------------------------------------

    def _rest_member(self, role: MemberRole) -> Member:
        raw = decode(RepoAnswer, self._get("")[1], f"github:{self.asked}")
        host = self._identify(_host_facts(raw), raw.full_name)
        self.repo_url = raw.url
        base = Member(role=role, kind=GitHubSource.kind, source_label=GitHubSource.label, offers=OFFERS,
                      id=self.full_name, web_url=raw.html_url or f"https://github.com/{self.full_name}", host=host)
        commits = self._commits(raw.default_branch)
        if commits is None:
            return base.model_copy(update={"gaps": [_EMPTY]})
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
        })
        self.gaps.append(BRANCH_PROTECTION)
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

    def _optional(self, what: str, call: Callable[[], T]) -> T | None:
        return self.parts.get(what, call)

    def _documents(self, sha: str, files: list[FileEntry]) -> list[Document]:
        wanted = wanted_documents(files)
        if not wanted:
            return []
        return documents_at_commit(
            "github-documents", f"{self.full_name}@{sha}", f"{self.full_name}@{sha[:12]}", self.options,
            lambda: self._optional("files", lambda: self._download_documents(sha, files, wanted)), self.gaps)

    def _download_documents(self, sha: str, files: list[FileEntry],
                            wanted: dict[str, int]) -> tuple[list[Document], list[Gap]]:
        plan = plan_reads(files, wanted)
        documents: list[Document] = []
        gaps = skipped_gaps(plan.skipped)
        session = make_session(self.token, self.counter, self.options.max_wait_seconds, self.tuning,
                               plain_session_class())  # documents at a commit are cached as documents
        with session:
            if plan.archive:
                failed_before = len(self.gaps)
                read = self._optional("files", lambda: self._archive_documents(session, sha, plan.archive))
                if read is None:  # the gap names what the archive was to give
                    self.gaps[failed_before:] = [g.model_copy(update={"paths": sorted(plan.archive)})
                                                 for g in self.gaps[failed_before:]]
                else:
                    documents.extend(read[0])
                    gaps.extend(read[1])
            single = documents_one_by_one(plan.single, lambda path: self._optional(
                path, lambda: self._raw(session, path, sha)))
        return documents + single[0], gaps + single[1]

    def _archive_documents(self, session: requests.Session, sha: str,
                           wanted: dict[str, int]) -> tuple[list[Document], list[Gap]]:
        """The wanted documents from the tarball: the API's redirect, then a stream from the archive host."""
        headers, _ = self._get(f"/tarball/{sha}", redirects=False)
        location = headers.get("location")
        if not location:
            raise GithubException(502, {"message": "no archive location in the tarball answer"}, dict(headers))
        with session.get(location, stream=True, timeout=self.tuning.timeout,
                         headers={"Authorization": None}) as response:  # a signed URL: no token to the archive host
            _raise_for_status(response)
            response.raw.decode_content = True
            stream = CountingStream(cast(IO[bytes], response.raw), self.counter)  # urllib3's answer is a binary stream
            try:
                return documents_from_tarball(cast(IO[bytes], stream), wanted, f"files of github:{self.full_name}")
            finally:
                self.document_bytes_downloaded += stream.count

    def _raw(self, session: requests.Session, path: str, sha: str) -> bytes:
        """The first bytes of one file at ``sha`` from the raw host: exactly the file, no JSON or base64."""
        url = f"{raw_base_url()}/{quote(self.full_name)}/{sha}/{quote(path)}"
        with session.get(url, stream=True, timeout=self.tuning.timeout) as response:
            _raise_for_status(response)
            response.raw.decode_content = True
            stream = CountingStream(cast(IO[bytes], response.raw), self.counter)
            try:
                return stream.read(MAX_DOCUMENT_BYTES + 1)
            finally:
                self.document_bytes_downloaded += stream.count

    def _commits_90d(self, commits: list[CommitAnswer]) -> int | None:
        since = self.options.now - timedelta(days=ACTIVITY_DAYS)
        recent = [c for c in commits if (_parse(c.date) or since) > since]
        if len(recent) < COMMITS_PAGE:
            return len(recent)
        weekly = self._optional("commit activity", self._participation)
        return max(weekly, len(recent)) if weekly is not None else None

    def _participation(self) -> int | None:
        """Commits in the last 13 weeks from ``stats/participation``; None while GitHub computes it."""
        for attempt in range(self.tuning.stats_attempts):
            response = self._request("GET", f"{self.repo_url}/stats/participation")
            if response.status_code != 202:
                answer = decode(ParticipationAnswer, _json(response), f"commit activity of github:{self.full_name}")
                return sum(answer.all[-ACTIVITY_WEEKS:])
            if attempt + 1 < self.tuning.stats_attempts and self.counter.budget.remaining() >= self.tuning.stats_wait:
                self.counter.budget.spend(self.tuning.stats_wait, 202, {})
                time.sleep(self.tuning.stats_wait)  # GitHub asks to come back while it computes
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


_EMPTY = Gap(what="repository", kind="empty_repository", reason="the repository is empty: it has no commits")
