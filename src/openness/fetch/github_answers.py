"""The shapes of the GitHub REST answers the fetcher reads (only the fields it uses).

Decoding an answer through these models (``failures.decode``) is the GitHub source's parse
boundary: a body of another shape is a ``MalformedAnswer`` there, and nowhere else.
"""

from __future__ import annotations

from pydantic import RootModel

from .failures import Answer


class LicenseAnswer(Answer):
    key: str | None = None
    spdx_id: str | None = None


class ParentAnswer(Answer):
    full_name: str | None = None


class RepoAnswer(Answer):
    url: str
    full_name: str | None = None
    html_url: str | None = None
    description: str | None = None
    homepage: str | None = None
    topics: list[str] | None = None
    archived: bool | None = None
    fork: bool | None = None
    parent: ParentAnswer | None = None
    default_branch: str | None = None
    created_at: str | None = None
    pushed_at: str | None = None
    stargazers_count: int | None = None
    forks_count: int | None = None
    open_issues_count: int | None = None
    has_issues: bool | None = None
    has_discussions: bool | None = None
    visibility: str | None = None
    private: bool | None = None
    disabled: bool | None = None
    license: LicenseAnswer | None = None


class PersonDate(Answer):
    date: str | None = None


class CommitInfo(Answer):
    committer: PersonDate | None = None
    author: PersonDate | None = None


class CommitAnswer(Answer):
    sha: str
    commit: CommitInfo | None = None

    @property
    def date(self) -> str | None:
        info = self.commit or CommitInfo()
        return (info.committer or PersonDate()).date or (info.author or PersonDate()).date


class Commits(RootModel[list[CommitAnswer]]):
    pass


class TreeItem(Answer):
    path: str
    type: str | None = None
    size: int | None = None


class TreeAnswer(Answer):
    tree: list[TreeItem] = []
    truncated: bool = False


class ReleaseAnswer(Answer):
    tag_name: str
    name: str | None = None
    draft: bool = False
    published_at: str | None = None
    html_url: str | None = None


class Releases(RootModel[list[ReleaseAnswer]]):
    pass


class TagAnswer(Answer):
    name: str


class Tags(RootModel[list[TagAnswer]]):
    pass


class ParticipationAnswer(Answer):
    all: list[int] = []
