"""One GraphQL query for everything GitHub knows about a repository at a commit, documents included.

With a token (GitHub's GraphQL API needs one) a repository costs three requests cold: the commit
the ref points at (REST, a conditional request later runs repeat for free), the recursive tree
(REST), and this query, which asks the metadata, the history counts, releases, tags, the
community files and every wanted document (``object(expression: "<sha>:<path>") { ... on Blob }``),
so only the documents' own bytes are downloaded, never an archive.

GraphQL reports a lost field in ``errors`` beside the rest of ``data``; each such error becomes
the gap of the part it names (``PART_OF_FIELD``), with GitHub's own message.
"""

from __future__ import annotations

from typing import Any

from github.GithubException import GithubException
from pydantic import Field

from ..evidence import Document, FileEntry, Gap, GapKind, HostFacts, Release
from .documents import MAX_DOCUMENT_BYTES, make_document
from .failures import Answer, MalformedAnswer
from .github_documents import wanted_documents

RELEASES = 10
MAX_QUERY_BYTES = 16 * 1024 * 1024
"""The documents one query downloads add up to at most this (a bounded answer)."""
LATEST_COMMITS = 100
"""Distinct authors of this many latest commits stand for the contributor count."""

_COMMIT = """
    commit: object(oid: $sha) {
      ... on Commit {
        committedDate
        recent: history(since: $since) { totalCount }
        latest: history(first: %d) { totalCount nodes { author { email user { login } } } }
      }
    }""" % LATEST_COMMITS

_REPOSITORY = """
    nameWithOwner url description homepageUrl isArchived isFork isPrivate isDisabled visibility
    createdAt pushedAt stargazerCount forkCount hasIssuesEnabled hasDiscussionsEnabled
    parent { nameWithOwner }
    defaultBranchRef { name }
    licenseInfo { key spdxId }
    repositoryTopics(first: 20) { nodes { topic { name } } }
    issues(states: OPEN) { totalCount }
    releases(first: %d, orderBy: {field: CREATED_AT, direction: DESC}) {
      nodes { tagName name isDraft publishedAt url }
    }
    tags: refs(refPrefix: "refs/tags/", first: %d, orderBy: {field: TAG_COMMIT_DATE, direction: DESC}) {
      nodes { name }
    }
    codeOfConduct { key url }
    contributingGuidelines { url }
    isSecurityPolicyEnabled securityPolicyUrl
    issueTemplates { name }
    pullRequestTemplates { filename }""" % (RELEASES, RELEASES)

PART_OF_FIELD = {
    "releases": "releases", "tags": "tags", "codeOfConduct": "community profile",
    "contributingGuidelines": "community profile", "issueTemplates": "community profile",
    "pullRequestTemplates": "community profile", "securityPolicyUrl": "community profile",
    "commit": "commit activity",
}
"""The optional part each top-level field of the repository belongs to."""


def document_alias(index: int) -> str:
    return f"d{index}"


def build_query(sha: str | None, paths: list[str]) -> tuple[str, dict[str, str]]:
    """The query text and the variables beyond ``owner``/``name``/``sha``/``since`` for ``paths``.

    Each document is one aliased ``object`` lookup whose expression is a variable (``$e0`` …), so a
    path never has to be escaped into the query text. Without ``sha`` (an empty repository) only
    the metadata is asked.
    """
    variables = {f"e{i}": f"{sha}:{path}" for i, path in enumerate(paths)} if sha else {}
    declarations = ["$owner: String!", "$name: String!"]
    body = [_REPOSITORY]
    if sha:
        declarations += ["$sha: GitObjectID!", "$since: GitTimestamp!"]
        body.append(_COMMIT)
        declarations += [f"${name}: String!" for name in variables]
        body += [f"    {document_alias(i)}: object(expression: $e{i}) "
                 "{ ... on Blob { text byteSize isBinary isTruncated } }" for i in range(len(paths))]
    query = f"query({', '.join(declarations)}) {{\n  repository(owner: $owner, name: $name) {{{''.join(body)}\n  }}\n}}"
    return query, variables


# --- the answer's shape --------------------------------------------------------------------------


class _Name(Answer):
    name: str | None = None


class _Owner(Answer):
    nameWithOwner: str | None = None  # noqa: N815 - GitHub's field names


class _License(Answer):
    key: str | None = None
    spdxId: str | None = None  # noqa: N815


class _Topic(Answer):
    topic: _Name | None = None


class _Topics(Answer):
    nodes: list[_Topic | None] = []


class _Count(Answer):
    totalCount: int = 0  # noqa: N815


class _User(Answer):
    login: str | None = None


class _Author(Answer):
    email: str | None = None
    user: _User | None = None


class _AuthorNode(Answer):
    author: _Author | None = None


class _History(Answer):
    totalCount: int = 0  # noqa: N815
    nodes: list[_AuthorNode | None] = []


class CommitObject(Answer):
    committedDate: str | None = None  # noqa: N815
    recent: _Count | None = None
    latest: _History | None = None


class _ReleaseNode(Answer):
    tagName: str  # noqa: N815
    name: str | None = None
    isDraft: bool = False  # noqa: N815
    publishedAt: str | None = None  # noqa: N815
    url: str | None = None


class _Releases(Answer):
    nodes: list[_ReleaseNode | None] = []


class _Tags(Answer):
    nodes: list[_Name | None] = []


class _Url(Answer):
    url: str | None = None


class Blob(Answer):
    text: str | None = None
    byteSize: int = 0  # noqa: N815
    isBinary: bool | None = None  # noqa: N815
    isTruncated: bool = False  # noqa: N815


class RepositoryAnswer(Answer):
    nameWithOwner: str  # noqa: N815
    url: str | None = None
    description: str | None = None
    homepageUrl: str | None = None  # noqa: N815
    isArchived: bool | None = None  # noqa: N815
    isFork: bool | None = None  # noqa: N815
    isPrivate: bool | None = None  # noqa: N815
    isDisabled: bool | None = None  # noqa: N815
    visibility: str | None = None
    createdAt: str | None = None  # noqa: N815
    pushedAt: str | None = None  # noqa: N815
    stargazerCount: int | None = None  # noqa: N815
    forkCount: int | None = None  # noqa: N815
    hasIssuesEnabled: bool | None = None  # noqa: N815
    hasDiscussionsEnabled: bool | None = None  # noqa: N815
    parent: _Owner | None = None
    defaultBranchRef: _Name | None = None  # noqa: N815
    licenseInfo: _License | None = None  # noqa: N815
    repositoryTopics: _Topics | None = None  # noqa: N815
    issues: _Count | None = None
    releases: _Releases | None = None
    tags: _Tags | None = None
    codeOfConduct: _Url | None = None  # noqa: N815
    contributingGuidelines: _Url | None = None  # noqa: N815
    isSecurityPolicyEnabled: bool | None = None  # noqa: N815
    securityPolicyUrl: str | None = None  # noqa: N815
    issueTemplates: list[_Name] | None = None  # noqa: N815
    pullRequestTemplates: list[dict[str, Any]] | None = None  # noqa: N815
    commit: CommitObject | None = None

    model_config = {**Answer.model_config, "extra": "allow"}  # the aliased documents d0, d1 …

    def blob(self, index: int) -> Blob | None:
        value = (self.model_extra or {}).get(document_alias(index))
        return Blob.model_validate(value) if isinstance(value, dict) else None


class GraphQLError(Answer):
    message: str = ""
    type: str | None = None
    path: list[str | int] = Field(default_factory=list)


class GraphQLAnswer(Answer):
    data: dict[str, Any] | None = None
    errors: list[GraphQLError] = []


# --- from the answer to facts --------------------------------------------------------------------


def host_facts(repo: RepositoryAnswer) -> HostFacts:
    spdx = repo.licenseInfo.spdxId if repo.licenseInfo else None
    return HostFacts(
        description=repo.description,
        homepage=repo.homepageUrl or None,
        topics=[t.topic.name for t in (repo.repositoryTopics.nodes if repo.repositoryTopics else [])
                if t and t.topic and t.topic.name],
        archived=repo.isArchived,
        fork=repo.isFork,
        parent=repo.parent.nameWithOwner if repo.parent else None,
        default_branch=repo.defaultBranchRef.name if repo.defaultBranchRef else None,
        created_at=repo.createdAt,
        pushed_at=repo.pushedAt,
        stars=repo.stargazerCount,
        forks=repo.forkCount,
        open_issues=repo.issues.totalCount if repo.issues else None,
        has_issues=repo.hasIssuesEnabled,
        has_discussions=repo.hasDiscussionsEnabled,
        visibility=repo.visibility.lower() if repo.visibility else None,
        private=repo.isPrivate,
        disabled=repo.isDisabled,
        license_detected=spdx if spdx and spdx != "NOASSERTION" else (repo.licenseInfo.key if repo.licenseInfo else None),
    )


def contributors(commit: CommitObject) -> tuple[int, bool]:
    """Distinct authors (account, else e-mail) of the latest commits, and whether that is all of them."""
    history = commit.latest or _History()
    people = {(node.author.user.login if node.author.user and node.author.user.login else node.author.email)
              for node in history.nodes if node and node.author}
    people.discard(None)
    return len(people), history.totalCount <= LATEST_COMMITS


def community(repo: RepositoryAnswer, readme: str | None) -> dict[str, Any]:
    """The community files in the shape of the REST community profile (``files`` by key).

    GraphQL has no health percentage: it is None here.
    """
    def present(url: str | None, known: bool) -> str | bool:
        return url or known

    files = {
        "code_of_conduct": present(repo.codeOfConduct.url if repo.codeOfConduct else None, repo.codeOfConduct is not None),
        "contributing": present(repo.contributingGuidelines.url if repo.contributingGuidelines else None,
                                repo.contributingGuidelines is not None),
        "issue_template": bool(repo.issueTemplates),
        "license": repo.licenseInfo is not None,
        "pull_request_template": bool(repo.pullRequestTemplates),
        "readme": readme or False,
        "security": present(repo.securityPolicyUrl, bool(repo.isSecurityPolicyEnabled)),
    }
    return {"health_percentage": None, "files": dict(sorted(files.items()))}


def releases(repo: RepositoryAnswer) -> list[Release]:
    result = [Release(tag=r.tagName, name=r.name or None, date=r.publishedAt, url=r.url)
              for r in (repo.releases.nodes if repo.releases else []) if r and not r.isDraft]
    seen = {r.tag for r in result}
    result.extend(Release(tag=t.name) for t in (repo.tags.nodes if repo.tags else [])
                  if t and t.name and t.name not in seen)
    return result


_ERROR_KINDS: dict[str, GapKind] = {"RATE_LIMITED": "rate_limited", "FORBIDDEN": "forbidden", "NOT_FOUND": "not_found"}


def error_kind(error: GraphQLError) -> GapKind:
    return _ERROR_KINDS.get(error.type or "", "server_error")


def part_gaps(errors: list[GraphQLError], documents: list[str]) -> tuple[list[Gap], set[str]]:
    """One gap per optional part an error names (its own message), and the parts lost."""
    gaps: list[Gap] = []
    lost: set[str] = set()
    for error in errors:
        field = str(error.path[1]) if len(error.path) > 1 and error.path[0] == "repository" else ""
        if field.startswith("d") and field[1:].isdigit() and int(field[1:]) < len(documents):
            part = documents[int(field[1:])]
        else:
            part = PART_OF_FIELD.get(field, "")
        if not part or part in lost:
            continue
        lost.add(part)
        gaps.append(Gap(what=part, kind=error_kind(error),
                        reason=f"GitHub's GraphQL API did not give it: {error.message or error.type or 'error'}"))
    return gaps, lost


def wanted_blobs(files: list[FileEntry], gaps: list[Gap]) -> dict[str, int]:
    """The wanted documents that a blob lookup reads whole; larger ones become gaps.

    A blob's text comes whole or not at all, so a document over ``MAX_DOCUMENT_BYTES`` would cost
    its full size for a prefix: it is left out, which keeps the bytes downloaded near those used.
    """
    wanted = wanted_documents(files)
    total = 0
    for path, size in list(wanted.items()):  # most important first
        if size > MAX_DOCUMENT_BYTES:
            del wanted[path]
            gaps.append(Gap(what=path, kind="too_large", reason=(
                f"{size} bytes, over the {MAX_DOCUMENT_BYTES // 1024} KiB read of a document; not downloaded")))
        elif total + size > MAX_QUERY_BYTES:
            del wanted[path]
            gaps.append(Gap(what=path, kind="too_large", reason=(
                f"the documents add up to more than {MAX_QUERY_BYTES // 2**20} MiB; the least important were not read")))
        else:
            total += size
    return wanted


def blob_documents(repo: RepositoryAnswer, wanted: dict[str, int],
                   lost: set[str]) -> tuple[list[Document], list[Gap], int]:
    """The documents of the answer's blobs (``wanted`` in query order), their gaps, and the bytes of text received."""
    documents: list[Document] = []
    gaps: list[Gap] = []
    received = 0
    for index, (path, size) in enumerate(wanted.items()):
        if path in lost:
            continue
        blob = repo.blob(index)
        if blob is None:
            gaps.append(Gap(what=path, kind="unreadable", reason="listed in the tree but not a file GitHub could give"))
            continue
        if blob.isBinary or blob.text is None:
            gaps.append(Gap(what=path, kind="binary", reason="binary content in a file named like a document"))
            continue
        data = blob.text.encode()
        received += len(data)
        document, document_gaps = make_document(path, data[: MAX_DOCUMENT_BYTES + 1], blob.byteSize or size)
        gaps.extend(document_gaps)
        if document:
            documents.append(document)
    return sorted(documents, key=lambda d: d.path), gaps, received


def failure(errors: list[GraphQLError], what: str) -> Exception:
    """What stands for an answer without the repository: GitHub's REST status for the error type
    (so it is explained like any other), or a ``MalformedAnswer`` for an error of no known type."""
    first = errors[0] if errors else GraphQLError(message="no repository in the answer")
    status = {"NOT_FOUND": 404, "RATE_LIMITED": 403, "FORBIDDEN": 403}.get(first.type or "")
    if status is None:
        return MalformedAnswer(f"{what}: GitHub's GraphQL API gave no repository: {first.message or first.type}")
    message = f"API rate limit exceeded: {first.message}" if first.type == "RATE_LIMITED" else first.message
    return GithubException(status, {"message": message}, {})
