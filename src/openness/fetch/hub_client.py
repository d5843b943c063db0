"""Talk to the Hugging Face Hub through huggingface_hub: repository facts, refs, documents.

Everything network-shaped about the Hub lives here: which endpoint (``HF_ENDPOINT``, read
at call time so a mirror or a test server set after import is honoured), how requests
are counted (the shared ``RequestCounter``, through an event hook on the Hub's httpx client),
how a document is read with a bounded prefix, and how the Hub's exceptions become the shared
one-line ``failures`` that say what to do. Authentication is left entirely to
huggingface_hub (``HF_TOKEN`` or its token file); no token ever passes through here.

Every request goes through ``_get``: the shared retry policy (``http.with_retries``: 5xx answers
and dropped connections retried with backoff, charged to the run's wait budget), the body's bytes
counted, and configured tokens taken out of the body (``http.redact_bytes``) before anything parses
or caches it. That is why the info and refs calls are the same GETs ``HfApi.model_info`` and
``HfApi.list_repo_refs`` make, sent on huggingface_hub's own session and checked by its own
``hf_raise_for_status``, but made here: ``HfApi`` neither retries nor takes an ``If-None-Match``,
and hands back parsed objects, too late to redact. The Hub answers API calls with a weak ``ETag``;
a warm run sends it back, and a ``304`` reuses the cached facts without downloading them again.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any, Literal, NamedTuple, TypeVar
from urllib.parse import quote

import httpx2  # HF_HUB_DISABLE_TELEMETRY is set by the package (``fetch/__init__``) before this import
from huggingface_hub import constants, get_session, hf_hub_url
from huggingface_hub.errors import (
    DisabledRepoError,
    GatedRepoError,
    HfHubHTTPError,
    OfflineModeIsEnabled,
    RemoteEntryNotFoundError,
    RepositoryNotFoundError,
    RevisionNotFoundError,
)
from huggingface_hub.hf_api import DatasetInfo, ModelInfo
from huggingface_hub.utils import build_hf_headers, hf_raise_for_status, parse_ratelimit_headers
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..errors import first_problem
from . import failures
from .failures import Answer, HostTerms, SourceFailure, decode
from .http import RequestCounter, Tuning, WaitTooLong, count_active_request, redact_bytes, with_retries

HubKind = Literal["hf_model", "hf_dataset"]

MALFORMED_INFO = (KeyError, TypeError, ValueError)
"""What huggingface_hub raises while it decodes an info answer of an unexpected shape
(its ``ModelInfo``/``DatasetInfo`` constructors read the JSON body field by field)."""


class HubFile(BaseModel):
    """One file of a Hub repository, as the API lists it (never downloaded for weights)."""

    model_config = ConfigDict(frozen=True)
    path: str
    size: int | None = None
    lfs: bool = False
    sha256: str | None = None


class HubRepo(BaseModel):
    """The facts one repository-info call and one refs call give; cached as JSON for ``--offline``."""

    model_config = ConfigDict(frozen=True)
    kind: HubKind
    id: str = Field(description="Canonical id, after any rename redirect.")
    sha: str | None = None
    author: str | None = None
    created_at: str | None = None
    last_modified: str | None = None
    private: bool | None = None
    gated: bool | Literal["auto", "manual"] | None = None
    disabled: bool | None = None
    downloads: int | None = None
    likes: int | None = None
    library: str | None = None
    pipeline_tag: str | None = None
    tags: list[str] = Field(default_factory=list)
    card_data: dict[str, Any] | None = None
    files: list[HubFile] = Field(default_factory=list)
    parameters: int | None = None
    config: dict[str, Any] = Field(default_factory=dict)
    branches: list[str] | None = Field(default=None, description="None when the refs were not fetched.")
    ref_tags: list[str] = Field(default_factory=list)
    info_etag: str | None = Field(default=None, description="The info answer's ETag, sent back by a warm run.")
    refs_etag: str | None = Field(default=None, description="The refs answer's ETag, sent back by a warm run.")


# --------------------------------------------------------------------------- requests: retries, bytes, redaction

T = TypeVar("T")

TERMS = HostTerms(name="the Hugging Face Hub", token_variables=("HF_TOKEN",), url_variable="HF_ENDPOINT",
                  anonymous_advice="set HF_TOKEN for a higher limit",
                  token_advice="the token from {source} has used its quota: wait, or use another account's")
"""How the shared failure messages name the Hub."""

TUNING = Tuning()
"""Timing of the shared retry policy for Hub requests (tests set the backoff to zero)."""


class Reply(NamedTuple):
    """One Hub answer: its status (200, or 304 to a conditional request), ETag and redacted body."""

    status: int
    etag: str | None
    body: bytes


def _transient(error: Exception) -> bool:
    """A 5xx answer or a dropped connection: worth another try. 429 is not (it says when)."""
    if isinstance(error, httpx2.TransportError):
        return True
    response = getattr(error, "response", None)
    return response is not None and response.status_code >= 500


def _retrying(call: Callable[[], T], counter: RequestCounter) -> T:
    return with_retries(call, counter, TUNING, (HfHubHTTPError, httpx2.TransportError), _transient)


def _get(url: str, counter: RequestCounter, *, params: dict[str, str] | None = None,
         etag: str | None = None) -> Reply:
    """A GET of the Hub API under the shared retry policy, its bytes counted and its body redacted."""
    headers = build_hf_headers()
    if etag:
        headers["If-None-Match"] = etag

    def call() -> Reply:
        response = get_session().get(url, headers=headers, params=params)
        counter.add_bytes(len(response.content))
        if response.status_code == 304 and etag:
            return Reply(304, etag, b"")
        hf_raise_for_status(response)
        return Reply(response.status_code, response.headers.get("etag"), redact_bytes(response.content))

    return _retrying(call, counter)


# --------------------------------------------------------------------------- endpoint & counting

def endpoint() -> str:
    """The Hub endpoint: ``HF_ENDPOINT`` now, else what huggingface_hub read at import."""
    return (os.environ.get("HF_ENDPOINT") or constants.ENDPOINT).rstrip("/")


def web_url(kind: HubKind, repo_id: str) -> str:
    """Browsable URL of a repository (reports append ``/blob/{rev}/{path}``)."""
    prefix = "datasets/" if kind == "hf_dataset" else ""
    return f"{endpoint()}/{prefix}{repo_id}"


@contextmanager
def counting(counter: RequestCounter) -> Iterator[RequestCounter]:
    """Count every HTTP request huggingface_hub sends (redirect hops included) into ``counter``.

    The hook is added once to the Hub's shared client; it counts only inside this block (the
    counter is made current for this thread), so other users of huggingface_hub are unaffected.
    """
    client = get_session()
    hooks = client.event_hooks
    if count_active_request not in hooks["request"]:
        client.event_hooks = {**hooks, "request": [*hooks["request"], count_active_request]}
    with counter.active():
        yield counter


# --------------------------------------------------------------------------- API calls

def _iso(value: datetime | str | None) -> str | None:
    if value is None:
        return None
    return value.isoformat().replace("+00:00", "Z") if isinstance(value, datetime) else str(value)


def _card_dict(card_data: Any) -> dict[str, Any] | None:
    if card_data is None:
        return None
    data = card_data.to_dict() if hasattr(card_data, "to_dict") else dict(card_data)
    return data or None


def _label(kind: HubKind, repo_id: str) -> str:
    return f"{'hf' if kind == 'hf_model' else 'hf-dataset'}:{repo_id}"


def _api_url(kind: HubKind, repo_id: str) -> str:
    return f"{endpoint()}/api/{'models' if kind == 'hf_model' else 'datasets'}/{repo_id}"


def repo_facts(kind: HubKind, repo_id: str, revision: str | None, counter: RequestCounter,
               previous: HubRepo | None = None) -> HubRepo:
    """One info request (two when the Hub redirects a renamed id), conditional on ``previous``'s
    ETag: ``previous`` itself when the Hub says nothing changed (304)."""
    label = _label(kind, repo_id)
    url = _api_url(kind, repo_id) + (f"/revision/{quote(revision, safe='')}" if revision is not None else "")
    with translate_errors(label, revision):
        reply = _get(url, counter, params={"blobs": "true"}, etag=previous.info_etag if previous else None)
    if reply.status == 304 and previous is not None:
        return previous
    try:
        data = json.loads(reply.body)
        info: Any = ModelInfo(**data) if kind == "hf_model" else DatasetInfo(**data)
    except MALFORMED_INFO as error:  # the parse boundary: huggingface_hub decoding the answer
        raise failures.MalformedAnswer(f"{label}: the Hub's answer was not in the expected shape "
                                       f"({type(error).__name__})") from None
    try:
        return _facts(kind, info, reply.etag)
    except ValidationError as error:  # the parse boundary: the decoded answer as our model
        where, message = first_problem(error, "the body")
        raise failures.MalformedAnswer(f"{label}: the Hub's answer was not in the expected shape "
                                       f"({where}: {message})") from None


def _facts(kind: HubKind, info: Any, etag: str | None) -> HubRepo:
    files = [HubFile(path=s.rfilename, size=s.size if s.size is not None else (s.lfs or {}).get("size"),
                     lfs=bool(s.lfs), sha256=(s.lfs or {}).get("sha256")) for s in (info.siblings or [])]
    config = getattr(info, "config", None) or {}
    safetensors = getattr(info, "safetensors", None)
    return HubRepo(
        kind=kind, id=info.id, sha=info.sha, author=info.author,
        created_at=_iso(info.created_at), last_modified=_iso(info.last_modified),
        private=info.private, gated=info.gated, disabled=info.disabled,
        downloads=info.downloads, likes=info.likes,
        library=getattr(info, "library_name", None), pipeline_tag=getattr(info, "pipeline_tag", None),
        tags=list(info.tags or []), card_data=_card_dict(info.card_data),
        files=sorted(files, key=lambda f: f.path),
        parameters=safetensors.total if safetensors is not None else None,
        config={k: config[k] for k in ("architectures", "model_type") if k in config},
        info_etag=etag,
    )


class _Ref(Answer):
    name: str


class _Refs(Answer):
    branches: list[_Ref] = Field(default_factory=list)
    tags: list[_Ref] = Field(default_factory=list)


def with_refs(facts: HubRepo, counter: RequestCounter, previous: HubRepo | None = None) -> HubRepo:
    """``facts`` with the repository's branches and tags: one refs request, conditional on the
    ETag of ``previous``'s refs (a 304 keeps them). Raises a ``SourceFailure`` when it fails."""
    label = _label(facts.kind, facts.id)
    known = previous if previous is not None and previous.branches is not None and previous.id == facts.id else None
    with translate_errors(label, None):
        reply = _get(_api_url(facts.kind, facts.id) + "/refs", counter, etag=known.refs_etag if known else None)
    if reply.status == 304 and known is not None:
        return facts.model_copy(update={"branches": known.branches, "ref_tags": known.ref_tags,
                                        "refs_etag": known.refs_etag})
    try:
        data = json.loads(reply.body)
    except ValueError:
        raise failures.MalformedAnswer(f"refs of {label}: the Hub's answer was not JSON") from None
    refs = decode(_Refs, data, f"refs of {label}")
    return facts.model_copy(update={"branches": sorted(b.name for b in refs.branches),
                                    "ref_tags": sorted(t.name for t in refs.tags), "refs_etag": reply.etag})


def read_document(kind: HubKind, repo_id: str, sha: str, path: str, limit: int, counter: RequestCounter) -> bytes:
    """The first ``limit + 1`` bytes of a file at commit ``sha``: one GET, never a whole huge file.

    Files are addressed by commit, which never changes, so no HEAD/ETag round trip (as
    ``hf_hub_download`` makes) is needed; the caller caches the bytes by (repo, sha, path).
    """
    url = hf_hub_url(repo_id, path, repo_type="model" if kind == "hf_model" else "dataset",
                     revision=sha, endpoint=endpoint())
    with translate_errors(f"{repo_id}/{path}", sha):
        return _retrying(lambda: _read_prefix(url, limit, counter), counter)


def croissant_url(repo_id: str) -> str:
    """The Hub's Croissant metadata route of a dataset."""
    return _api_url("hf_dataset", repo_id) + "/croissant"


def read_croissant(repo_id: str, limit: int, counter: RequestCounter) -> bytes:
    """The first ``limit + 1`` bytes of a dataset's Croissant JSON-LD: one GET, bounded like a document
    (the caller makes it a ``Document``, which redacts configured tokens, and caches it by commit)."""
    with translate_errors(f"Croissant metadata of hf-dataset:{repo_id}", None):
        return _retrying(lambda: _read_prefix(croissant_url(repo_id), limit, counter), counter)


def _read_prefix(url: str, limit: int, counter: RequestCounter) -> bytes:
    chunks: list[bytes] = []
    with get_session().stream("GET", url, headers=build_hf_headers()) as response:
        if response.status_code >= 400:
            counter.add_bytes(len(response.read()))
            hf_raise_for_status(response)
        received = 0
        for chunk in response.iter_bytes():
            chunks.append(chunk)
            received += len(chunk)
            if received > limit:
                break
        counter.add_bytes(received)
    return b"".join(chunks)[: limit + 1]


# --------------------------------------------------------------------------- errors

class translate_errors:  # noqa: N801 - used as a context manager, reads like a statement
    """Turn huggingface_hub and transport exceptions into the shared one-line ``failures``."""

    def __init__(self, label: str, revision: str | None) -> None:
        self.label = label
        self.revision = revision

    def __enter__(self) -> None:
        return None

    def __exit__(self, exc_type: type[BaseException] | None, error: BaseException | None,
                 tb: object) -> Literal[False]:
        if error is None or isinstance(error, SourceFailure):
            return False
        translated = _translate(error, self.label, self.revision)
        if translated is None:
            return False
        raise translated from None


def _translate(error: BaseException, label: str, revision: str | None) -> SourceFailure | None:
    """huggingface_hub has already classified the answer (by status and ``X-Error-Code``); its
    classes map onto the shared failure classes, and so onto the same gap kinds as every source."""
    if isinstance(error, GatedRepoError):
        return failures.Gated(f"{label} is gated: request access on its Hub page, then set HF_TOKEN "
                              "to a token of an account that was granted access")
    if isinstance(error, DisabledRepoError):
        return failures.AuthRefused(f"{label} has been disabled by the Hugging Face Hub")
    if isinstance(error, RevisionNotFoundError):
        return failures.NotFound(f"{label}: revision {revision!r} not found")
    if isinstance(error, RemoteEntryNotFoundError):
        return failures.NotFound(f"{label}: file not found")
    if isinstance(error, RepositoryNotFoundError):
        return failures.PrivateOrMissing(f"{label} not found on the Hugging Face Hub, or private "
                                         "(set HF_TOKEN to a token with access if it is private)")
    if isinstance(error, HfHubHTTPError) and error.response is not None:
        status = error.response.status_code
        if status == 429:
            info = parse_ratelimit_headers(error.response.headers)
            wait = f"; retry in {info.reset_in_seconds} s" if info is not None else ""
            return failures.RateLimited(f"rate limited by the Hugging Face Hub while fetching {label}{wait}; "
                                        "set HF_TOKEN for a higher limit")
        if status in (401, 403):
            return failures.AuthRefused(f"{label}: access refused by the Hugging Face Hub (HTTP {status}); "
                                        "set HF_TOKEN to a token with access")
        return failures.Unavailable(f"{label}: the Hugging Face Hub answered HTTP {status}"
                                    + (f" {TUNING.retries + 1} times; try again later" if status >= 500 else ""))
    if isinstance(error, WaitTooLong):  # the retries of 5xx answers would outlast the run's wait budget
        return failures.from_wait(error, label, TERMS, None)
    if isinstance(error, OfflineModeIsEnabled):
        return failures.OfflineError(f"{label}: HF_HUB_OFFLINE is set; unset it or use --offline with a warm cache")
    if isinstance(error, httpx2.TransportError):
        return failures.Unavailable(f"cannot reach the Hugging Face Hub at {endpoint()} ({type(error).__name__})")
    return None
