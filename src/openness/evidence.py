"""The Evidence model: everything a fetcher learned, and the only input of analysis.

Evidence is plain data with a lossless JSON round trip (``Evidence.model_validate_json``
of ``evidence.model_dump_json()`` gives an equal object). A release can span several
repositories (a model, its code on GitHub, its datasets): each one is a ``Member`` with
its own files, documents, metadata and gaps, so every judgment can name the member that
supplied it.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator
from pydantic.dataclasses import dataclass

SCHEMA_VERSION = "1.3"
"""1.1 added ``Member.offers``, ``content`` and ``source_label``; 1.0 files still load (derived).
1.2 added ``Gap.paths``, the Hub's model metadata on ``HostFacts`` and ``Evidence.bundle``; 1.1 files load
(their ``host.extra["config"]`` becomes ``architectures``/``model_type``).
1.3 added ``Evidence.bytes``; older files load with 0 (not measured)."""

SUPPORTED_SCHEMAS = ("1.0", "1.1", "1.2", "1.3")
"""Evidence schema versions this openness reads; a saved file must name one of them exactly."""

SourceKind = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,31}$")]
"""The source that fetched a member (``github``, ``hf_model``, ``local`` …): a name the source
registry (``openness.fetch.registry``) knows, not a closed list, so a new source edits nothing here."""

Offer = Literal[
    "card", "git_history", "host_metadata", "releases", "tags", "branches",
    "issue_tracker", "contributors", "commit_activity",
]
"""What a member's source can tell, whatever the host. Analysis branches on these, never on a host name:

* ``card``: the root README's front matter is the host's model or dataset card;
* ``git_history``: history is read from a git checkout (``Member.git``);
* ``host_metadata``: a hosting service answered with facts (``Member.host``);
* ``releases`` / ``tags`` / ``branches``: the host publishes releases, version tags, branches;
* ``issue_tracker``: the host says whether issues are open (``host.has_issues``);
* ``contributors`` / ``commit_activity``: the host counts contributors / recent commits.

An offer says the source *can* tell; a failed fetch of it is a gap, never a missing offer."""

Content = Literal["model", "dataset", "code"]
"""What a repository holds, as its host declares it (a Hub model repository is a model)."""
MemberRole = Literal["primary", "code", "dataset", "base_model", "related"]
GapKind = Literal[
    "not_found",
    "private_or_missing",
    "gated",
    "rate_limited",
    "forbidden",
    "server_error",
    "too_large",
    "truncated",
    "binary",
    "unreadable",
    "symlink_outside",
    "symlink_loop",
    "invalid_metadata",
    "not_supported",
    "offline",
    "empty_repository",
    "pending",
    "no_git",
]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Gap(_Model):
    """Something that could not be learned, and why; gaps make findings ``unknown``."""

    what: str = Field(description=(
        "What was not read, named so ``inventory.gaps`` can tell which facts it hides: a path, "
        "\"tree\" (the file listing), \"documents\" or \"files\" (document texts), \"card\" (the README card), "
        "a bundle member (\"code o/r\", \"dataset o/d\", \"base model o/m\", \"datasets\"), or a host fact."))
    kind: GapKind
    reason: str = Field(description="One line a person can act on.")
    paths: list[str] = Field(default_factory=list, exclude_if=lambda paths: not paths, description=(
        "The paths (or member ids) a gap about several things hides, when it knows them; empty: all of ``what``."))


@dataclass(frozen=True, slots=True, config=ConfigDict(extra="forbid"))
class FileEntry:
    """One file of the repository tree.

    A slotted dataclass, not a model: a tree lists up to a million of them, and a model instance
    takes about five times the memory (some 390 bytes against 80 here, path excluded). Validation,
    JSON and equality are pydantic's as for the models around it."""

    path: str = Field(description="POSIX path relative to the repository root.")
    size: int | None = Field(default=None, description="Bytes; None when the host did not say.")
    lfs: bool = Field(default=False, description="Stored through Git LFS (remote hosts only).")
    sha256: str | None = Field(default=None, exclude_if=lambda digest: digest is None, description=(
        "SHA-256 of the content, when the host gave it (the Hub's Git LFS pointer); never computed here."))


class Document(_Model):
    """The text of a file that matters for openness (README, LICENSE, model card …)."""

    path: str
    text: str
    size: int = Field(description="Size of the whole file in bytes, even when truncated.")
    truncated: bool = Field(default=False, description="Only a bounded prefix was read.")


class Link(_Model):
    """An outbound reference found in a document or metadata (code, paper, dataset …)."""

    kind: Literal["github", "hf_model", "hf_dataset", "arxiv", "doi", "paper", "url"]
    target: str = Field(description="Normalised id (``owner/repo``, ``2307.09288``) or URL.")
    found_in: str = Field(description="Path or metadata key where the link was found.")


class Release(_Model):
    """A published release or tag."""

    tag: str
    name: str | None = None
    date: str | None = None
    url: str | None = None


class GitFacts(_Model):
    """What ``git`` can tell offline about a checkout."""

    head: str | None = None
    remote_url: str | None = None
    last_commit_date: str | None = None
    commits_total: int | None = None
    commits_90d: int | None = None
    authors_total: int | None = None
    authors_90d: int | None = None
    tags: list[str] = Field(default_factory=list)


class HostFacts(_Model):
    """Facts only a hosting service knows (GitHub, GitLab, the Hugging Face Hub …).

    Every field is optional: ``None`` means the host did not say, which analysis treats
    as unknown, never as false.
    """

    description: str | None = None
    homepage: str | None = None
    topics: list[str] = Field(default_factory=list)
    archived: bool | None = None
    fork: bool | None = None
    parent: str | None = None
    default_branch: str | None = None
    created_at: str | None = None
    pushed_at: str | None = None
    last_modified: str | None = None
    stars: int | None = None
    forks: int | None = None
    open_issues: int | None = None
    has_issues: bool | None = None
    has_discussions: bool | None = None
    visibility: str | None = None
    private: bool | None = None
    gated: bool | Literal["auto", "manual"] | None = None
    disabled: bool | None = None
    downloads: int | None = None
    likes: int | None = None
    library: str | None = None
    pipeline_tag: str | None = None
    tags: list[str] = Field(default_factory=list)
    license_detected: str | None = Field(
        default=None, description="Licence the host detected or declares (SPDX id or host key)."
    )
    contributors: int | None = None
    commits_90d: int | None = None
    branches: list[str] = Field(default_factory=list)
    community: dict[str, Any] = Field(
        default_factory=dict, description="GitHub community profile files, by key."
    )
    parameters: int | None = Field(default=None, description="Safetensors parameter count.")
    architectures: list[str] = Field(default_factory=list, description=(
        "Model classes the host read from the repository's config (the Hub's ``config.architectures``)."))
    model_type: str | None = Field(default=None, description="The config's ``model_type``, as the host reports it.")
    base_models: list[str] = Field(default_factory=list, description=(
        "Models the host says this one derives from (card ``base_model``, ``base_model:`` tags)."))
    base_model_relation: str | None = Field(default=None, description=(
        "How it derives from them, as the host says: finetune, adapter, quantized, merge."))
    gated_terms: dict[str, Any] = Field(default_factory=dict, description=(
        "What a user must accept or tell to get access: the card's ``extra_gated_*`` keys, prefix removed."))
    extra: dict[str, Any] = Field(default_factory=dict)

    @model_validator(mode="before")
    @classmethod
    def _config_from_extra(cls, data: Any) -> Any:
        """Schema 1.1 kept the Hub's config metadata in ``extra["config"]``: read it into its fields."""
        if isinstance(data, dict) and isinstance((data.get("extra") or {}).get("config"), dict) \
                and "architectures" not in data:
            extra = dict(data["extra"])
            config = extra.pop("config")
            data = {**data, "extra": extra, "architectures": list(config.get("architectures") or []),
                    "model_type": config.get("model_type")}
        return data


class Croissant(_Model):
    """What the Hub's Croissant JSON-LD of a dataset states (``/api/datasets/{id}/croissant``), as written:
    its responsible-AI fields (``rai:dataCollection``, ``rai:dataBiases`` …). Untrusted text."""

    url: str = Field(description="The route it was read from.")
    rai: dict[str, str] = Field(default_factory=dict, description=(
        "Responsible-AI fields by their compact name (``rai:dataBiases``), each as text (lists joined), bounded."))


class Member(_Model):
    """One repository of a release, with everything fetched from it."""

    role: MemberRole = "primary"
    kind: SourceKind
    source_label: str = Field(description="What the member is, for people: \"GitHub repository\", \"local checkout\".")
    offers: list[Offer] = Field(default_factory=list, description="What its source can tell (see ``Offer``).")
    content: Content | None = Field(default=None, description="What the host says it holds; None when it does not say.")
    id: str = Field(description="Canonical id: ``owner/repo``, ``org/model`` or a local path.")
    revision: str | None = Field(default=None, description="Commit or revision the facts were read at.")
    web_url: str | None = Field(
        default=None, description="Base URL for links to files at this revision, when hosted."
    )
    file_url: str | None = Field(
        default=None, description="URL of one file at a revision, with ``{revision}`` and ``{path}`` to fill in; "
                                  "defaults to ``web_url/blob/{revision}/{path}`` (GitHub's and the Hub's form).")
    files: list[FileEntry] = Field(default_factory=list)
    documents: list[Document] = Field(default_factory=list)
    card_data: dict[str, Any] | None = Field(
        default=None, description="YAML front matter of the model or dataset card."
    )
    croissant: Croissant | None = Field(default=None, description="A Hub dataset's Croissant metadata, when read.")
    host: HostFacts = Field(default_factory=HostFacts)
    git: GitFacts | None = None
    releases: list[Release] = Field(default_factory=list)
    links: list[Link] = Field(default_factory=list)
    gaps: list[Gap] = Field(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _derive_capabilities(cls, data: Any) -> Any:
        """Schema 1.0 members name only their ``kind``: derive what that kind offered then
        (and the file URL every source then had)."""
        if isinstance(data, dict) and "source_label" not in data:
            label, offers, content = LEGACY_KINDS.get(str(data.get("kind")), (str(data.get("kind")), (), None))
            data = {"source_label": label, "offers": list(offers), "content": content, **data}
        if isinstance(data, dict) and data.get("web_url") and "file_url" not in data:
            data = {**data, "file_url": f"{data['web_url']}/blob/{{revision}}/{{path}}"}
        return data

    def document(self, path: str) -> Document | None:
        """The document at ``path`` (case-sensitive), if it was read."""
        for doc in self.documents:
            if doc.path == path:
                return doc
        return None


LEGACY_KINDS: dict[str, tuple[str, tuple[Offer, ...], Content | None]] = {
    "local": ("local checkout", ("git_history", "tags"), None),
    "github": ("GitHub repository", ("host_metadata", "releases", "tags", "issue_tracker", "contributors",
                                     "commit_activity"), None),
    "hf_model": ("Hugging Face model", ("card", "host_metadata", "tags", "branches"), "model"),
    "hf_dataset": ("Hugging Face dataset", ("card", "host_metadata", "tags", "branches"), "dataset"),
}
"""The kinds of schema 1.0 evidence, and what each offered; only old files are read through this:
every source now states its member's offers itself."""


BundleOutcome = Literal["followed", "unreachable", "skipped"]


class BundleNote(_Model):
    """What the bundle did about one linked member: followed it, could not reach it, or left it out."""

    role: MemberRole
    id: str
    outcome: BundleOutcome
    reason: str | None = Field(default=None, description="Why it could not be reached or was left out.")

    def line(self) -> str:
        """One line for people: "dataset acme/corpus: followed", "code o/r: could not reach: …"."""
        said = {"followed": "followed", "unreachable": "could not reach", "skipped": "skipped"}[self.outcome]
        return f"{self.role.replace('_', ' ')} {self.id}: {said}" + (f": {self.reason}" if self.reason else "")


class TargetRef(_Model):
    """What was asked for, as parsed from the command line."""

    kind: SourceKind
    id: str
    revision: str | None = None


class Evidence(_Model):
    """Everything fetched for one target: the primary member and any bundle members."""

    schema_version: str = SCHEMA_VERSION
    target: TargetRef
    fetched_at: str = Field(description="ISO 8601 UTC time of the fetch.")
    members: list[Member] = Field(min_length=1)
    requests: int = Field(default=0, description=(
        "HTTP requests made to fetch this evidence, every member's (retries and failed members included)."))
    bytes: int = Field(default=0, description=(
        "Body bytes those requests downloaded (decoded; 0 for answers from the cache and for files older than 1.3)."))
    gaps: list[Gap] = Field(default_factory=list, description="Gaps not tied to one member.")
    bundle: list[BundleNote] = Field(default_factory=list, description=(
        "What following the primary member's links did, one note per linked member, in order."))

    @property
    def primary(self) -> Member:
        return self.members[0]

    def all_gaps(self) -> list[Gap]:
        """Every gap of the evidence and of its members, in a stable order."""
        gaps = list(self.gaps)
        for member in self.members:
            gaps.extend(member.gaps)
        return gaps
