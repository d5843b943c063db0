"""The HTTP layer every remote source shares: cache, request counting, retries, tokens, notices.

* One ``RequestCounter`` per fetch counts every request that reached the network: requests-based
  clients (PyGithub's retry policy, python-gitlab) through ``CountingRetry`` on their adapter, which
  sees retries too; httpx-based ones (huggingface_hub) through ``count_active_request``, an event
  hook that adds to the counter made current with ``counter.active()``. It also counts the body
  bytes received (``count_response_bytes``, a requests response hook; ``counter.add_bytes`` for
  streams), so a report can show what a fetch downloaded beside what it used.
* ``CountingRetry`` is the one retry policy: a few retries of 5xx answers and dropped connections
  with exponential backoff, a ``Retry-After`` honoured only up to the fetch's ``max_wait_seconds``
  (beyond it ``WaitTooLong`` stops the fetch at once, with the reset time). Every sleep, backoff
  and rate-limit wait alike, is charged to the counter's ``WaitBudget``: a run never waits longer
  in total than its budget, however many requests are retried.
* ``failures`` turns what a host said into one-line errors and gaps, the same way for every host.
* The cache lives in the user's cache directory (``platformdirs``), or in
  ``$OPENNESS_CACHE_DIR``. ``http.sqlite`` is the requests-cache database of the API answers
  (GitHub through ``requests_cache_scope``, GitLab through ``cached_session``); ``derived/`` holds
  small JSON files keyed by an immutable revision (see ``DerivedCache``): documents at a commit,
  and the Hub's repository facts.
* The cache never stores a token: requests-cache drops ``Authorization``, ``PRIVATE-TOKEN`` and
  token parameters from what it saves, and ``always_revalidate`` makes every reuse a conditional
  request (``If-None-Match``), which GitHub answers with a 304 that does not count against its
  rate limit. Messages pass through ``redact``; answers lose every configured token
  (``SECRET_VARIABLES``) in ``redact_response`` before they are parsed or cached.
* ``--offline`` reads the cache only; ``--no-cache`` neither reads nor writes it.
"""

from __future__ import annotations

import json
import os
import re
import sys
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import platformdirs
import requests
import requests_cache
import urllib3
from requests_cache.policy.settings import DEFAULT_IGNORED_PARAMS

from .failures import OfflineError

__all__ = ["OfflineError"]  # where callers have always found it

CACHE_DIR_ENV = "OPENNESS_CACHE_DIR"
GITHUB_TOKEN_VARIABLES = ("GH_TOKEN", "GITHUB_TOKEN")
"""gh's documented precedence: GH_TOKEN is set on purpose, GITHUB_TOKEN is the ambient Actions token."""

IGNORED_PARAMETERS = (*DEFAULT_IGNORED_PARAMS, "token", "private_token", "PRIVATE-TOKEN", "JOB-TOKEN")
"""Headers and query parameters requests-cache leaves out of cache keys and of what it stores."""

CACHEABLE_STATUSES = (200,)
"""Never redirects: requests keeps the next request, Authorization header included, on a redirect
response (``Response._next``), and requests-cache would store it unredacted."""


def cache_dir() -> Path:
    """The openness cache directory (created with mode 0700 on first use)."""
    override = os.environ.get(CACHE_DIR_ENV)
    path = Path(override) if override else Path(platformdirs.user_cache_dir("openness", appauthor=False))
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def http_cache_path() -> Path:
    """The SQLite file of the HTTP cache."""
    return cache_dir() / "http.sqlite"


T = TypeVar("T")

_ACTIVE: ContextVar[RequestCounter | None] = ContextVar("openness_request_counter", default=None)


class WaitBudget:
    """The seconds one run may spend waiting (backoffs and rate-limit waits together)."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.spent = 0.0

    def remaining(self) -> float:
        return max(0.0, self.seconds - self.spent)

    def spend(self, wait: float, status: int, headers: Mapping[str, str]) -> None:
        """Charge ``wait`` seconds, or raise ``WaitTooLong`` when they would exceed the budget."""
        if wait > self.remaining():
            raise WaitTooLong(status, headers, wait, budget=self.seconds)
        self.spent += wait


DEFAULT_WAIT_BUDGET = 60.0


class RequestCounter:
    """Counts HTTP requests that reached the network (retries and 304 revalidations included), and
    the body bytes they brought (decoded; nothing for answers served from the cache).

    A caller that fetches several members (a bundle) passes one counter to each, so requests of a
    member that failed half-way are still counted, and all of them share one ``WaitBudget``.
    """

    def __init__(self, wait_budget: float = DEFAULT_WAIT_BUDGET) -> None:
        self.total = 0
        self.not_modified = 0
        """Of ``total``, the conditional requests answered 304 (GitHub does not count them against its limit)."""
        self.bytes = 0
        self.budget = WaitBudget(wait_budget)

    def add(self, count: int = 1) -> None:
        self.total += count

    def add_bytes(self, count: int) -> None:
        self.bytes += count

    @contextmanager
    def active(self) -> Iterator[RequestCounter]:
        """Within this block (and this thread or task) ``count_active_request`` adds to this counter."""
        token = _ACTIVE.set(self)
        try:
            yield self
        finally:
            _ACTIVE.reset(token)


def count_active_request(*_: Any) -> None:
    """An HTTP client's request hook: one more request for the active counter, if any."""
    counter = _ACTIVE.get()
    if counter is not None:
        counter.add()


def count_response_bytes(counter: RequestCounter) -> Any:
    """A requests ``response`` hook adding each answer's body size to ``counter``.

    Streamed answers are left to their reader (reading them here would consume the stream); a
    304 brings no body, and an answer from the cache is not counted. requests-cache dispatches
    the hooks a second time for what it returns, so each response is counted once.
    """

    def hook(response: requests.Response, *_: Any, stream: bool = False, **__: Any) -> requests.Response:
        if stream or getattr(response, "from_cache", False) or getattr(response, "_openness_counted", False):
            return response
        response._openness_counted = True  # type: ignore[attr-defined]
        counter.add_bytes(len(response.content))
        return response

    return hook


def redact_response(response: requests.Response, *_: Any, stream: bool = False, **__: Any) -> requests.Response:
    """A requests ``response`` hook: configured tokens out of the body before anything reads or
    caches it (requests-cache stores a response after its hooks ran).

    This is the one redaction of what a host answers, for every source on requests: a host that
    echoes a token in a field (a description, a name) gets it into no evidence, cache or report.
    It works on the raw bytes, once per answer, so a 300k-entry tree costs one ``bytes.replace``
    per configured token, not a walk over its strings. Streamed answers (archives) hold documents,
    which ``documents.make_document`` redacts.
    """
    if stream or getattr(response, "from_cache", False) or not configured_secrets():
        return response
    response._content = redact_bytes(response.content)
    return response


def redact_bytes(content: bytes) -> bytes:
    """``content`` (an answer's raw body) with every configured token replaced by ``***``: the one
    redaction of what a host answers, for the requests hook above and for the Hub's httpx answers."""
    for secret in configured_secrets():
        content = content.replace(secret.encode(), b"***")
    return content


def install_hooks(session: requests.Session, counter: RequestCounter) -> requests.Session:
    """Count the bytes of every answer into ``counter``, then redact configured tokens from it."""
    session.hooks["response"].extend([count_response_bytes(counter), redact_response])
    return session


@dataclass(frozen=True)
class Tuning:
    """Timing knobs of the shared retry policy; tests set every wait to zero."""

    retries: int = 3
    """Retries of a 5xx answer or a connection error, after the first attempt."""
    backoff_factor: float = 0.5
    """Sleep between retries: backoff_factor × 2^(retry-1) seconds (0.5, 1, 2)."""
    timeout: float = 15.0


class WaitTooLong(Exception):  # noqa: N818 - a signal raised through the HTTP client, not an error type
    """The host asked to wait (Retry-After, a rate-limit reset) longer than the fetch may wait."""

    def __init__(self, status: int, headers: Mapping[str, str], wait: float, budget: float | None = None) -> None:
        super().__init__(f"HTTP {status}: asked to wait {wait:.0f} s")
        self.status = status
        self.headers = dict(headers)
        self.wait = wait
        self.budget = budget
        """The run's wait budget when that (not one long wait) was the limit."""


class CountingMixin:
    """Count every attempt, never sleep longer than ``max_wait`` for a 403/429, and charge every
    sleep to the counter's ``WaitBudget``.

    urllib3 calls ``is_retry`` once per response and ``increment`` with ``error`` once per failed
    connection, so counting there sees every request that reached the network, retries included;
    it calls ``sleep`` before each retry, with the answer that caused it.
    """

    def __init__(self, *args: Any, counter: RequestCounter | None = None, max_wait: float | None = None,
                 **kwargs: Any) -> None:
        self.counter = counter or RequestCounter()
        self.max_wait = max_wait
        super().__init__(*args, **kwargs)

    def new(self, **kwargs: Any) -> Any:
        kwargs.setdefault("counter", self.counter)
        kwargs.setdefault("max_wait", self.max_wait)
        return super().new(**kwargs)  # type: ignore[misc]

    def is_retry(self, method: str, status_code: int, has_retry_after: bool = False) -> bool:
        self.counter.add()
        if status_code == 304:
            self.counter.not_modified += 1
        return super().is_retry(method, status_code, has_retry_after)  # type: ignore[misc]

    def increment(self, method: str | None = None, url: str | None = None, response: Any = None,
                  error: Exception | None = None, _pool: Any = None, _stacktrace: Any = None) -> Any:
        if error is not None:
            self.counter.add()
        if response is not None and response.status in (403, 429) and self.max_wait is not None:
            wait = requested_wait(response.headers)
            if wait is not None and wait > self.max_wait:
                raise WaitTooLong(response.status, response.headers, wait)
        return super().increment(method, url, response, error, _pool, _stacktrace)  # type: ignore[misc]

    def sleep(self, response: Any = None) -> None:
        wait = None
        if response is not None and self.respect_retry_after_header:  # type: ignore[attr-defined]
            wait = self.get_retry_after(response)  # type: ignore[attr-defined]
        if wait is None:
            wait = self.get_backoff_time()  # type: ignore[attr-defined]
        status = response.status if response is not None else 0
        self.counter.budget.spend(wait, status, response.headers if response is not None else {})
        if wait > 0:
            time.sleep(wait)


class CountingRetry(CountingMixin, urllib3.Retry):
    """The shared retry policy for a plain requests session (see ``retry_policy``)."""


def with_retries(call: Callable[[], T], counter: RequestCounter, tuning: Tuning,
                 errors: tuple[type[Exception], ...], transient: Callable[[Exception], bool]) -> T:
    """``call()`` under the shared policy, for a client that has no urllib3 adapter to mount it on
    (huggingface_hub's httpx): an error of ``errors`` that is ``transient`` (a 5xx answer, a dropped
    connection) is retried up to ``tuning.retries`` times with the same backoff, each wait charged
    to the counter's budget (``WaitTooLong`` once it would be exceeded); the call counts its own
    requests (an httpx event hook, ``count_active_request``).
    """
    attempt = 0
    while True:
        try:
            return call()
        except errors as error:
            if attempt >= tuning.retries or not transient(error):
                raise
            wait = tuning.backoff_factor * 2**attempt
            counter.budget.spend(wait, 0, {})
            if wait > 0:
                time.sleep(wait)
            attempt += 1


def requested_wait(headers: Mapping[str, str]) -> float | None:
    """Seconds the host asks to wait: ``Retry-After``, else a ``(X-)RateLimit-Reset`` epoch; None if it does not say."""
    lowered = {k.lower(): str(v) for k, v in headers.items()}
    after = lowered.get("retry-after", "").strip()
    if after.isdigit():
        return float(after)
    reset = (lowered.get("ratelimit-reset") or lowered.get("x-ratelimit-reset") or "").strip()
    if reset.isdigit() and lowered.get("ratelimit-remaining", lowered.get("x-ratelimit-remaining")) == "0":
        return max(0.0, int(reset) - time.time())
    return None


def retry_policy(counter: RequestCounter, max_wait: float, tuning: Tuning) -> CountingRetry:
    """Retry GETs on 429/5xx and dropped connections with backoff; raise when retries run out."""
    return CountingRetry(
        counter=counter,
        max_wait=max_wait,
        total=tuning.retries,
        backoff_factor=tuning.backoff_factor,
        status_forcelist=(429, 500, 502, 503, 504),
        allowed_methods=("GET", "HEAD"),
        retry_after_max=24 * 3600,  # never silently shorten a Retry-After: long ones are refused above
        raise_on_status=True,
    )


def mount_retries(session: requests.Session, retry: urllib3.Retry) -> requests.Session:
    adapter = requests.adapters.HTTPAdapter(max_retries=retry)
    session.mount("https://", adapter)
    session.mount("http://", adapter)
    return session


@dataclass(frozen=True)
class Token:
    """A credential and the environment variable it came from (the name is safe to print)."""

    value: str
    source: str

    def __repr__(self) -> str:  # never show the value, even in a debugger or a traceback
        return f"Token(source={self.source!r})"


def github_token(environ: Mapping[str, str] | None = None) -> Token | None:
    """The GitHub token from ``GH_TOKEN``, then ``GITHUB_TOKEN``; None when neither is set."""
    return token_from(GITHUB_TOKEN_VARIABLES, environ)


def token_from(names: tuple[str, ...], environ: Mapping[str, str] | None = None) -> Token | None:
    """The first non-empty variable of ``names``; None when none is set."""
    env = os.environ if environ is None else environ
    for name in names:
        value = env.get(name, "").strip()
        if value:
            return Token(value, name)
    return None


_TOKEN_SHAPES = re.compile(
    r"\b(gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}|glpat-[A-Za-z0-9_-]{20,}|hf_[A-Za-z0-9]{20,})\b")
"""GitHub, GitLab and Hugging Face token formats: redacted even when not ours."""
_TOKEN_MARKS = ("gh", "github_pat_", "glpat-", "hf_")


def redact(text: str, secrets: list[str]) -> str:
    """``text`` with every secret and anything shaped like a known host's token replaced by ``***``."""
    for secret in secrets:
        if secret and secret in text:
            text = text.replace(secret, "***")
    if any(mark in text for mark in _TOKEN_MARKS):  # the common case, cheaply: no token shape at all
        text = _TOKEN_SHAPES.sub("***", text)
    return text


SECRET_VARIABLES = (*GITHUB_TOKEN_VARIABLES, "GITLAB_TOKEN", "CI_JOB_TOKEN", "HF_TOKEN", "HUGGING_FACE_HUB_TOKEN")
"""Every environment variable a source reads a credential from."""


def configured_secrets(environ: Mapping[str, str] | None = None) -> list[str]:
    """The values of the configured credentials (``SECRET_VARIABLES``), to keep out of what is stored.

    Values shorter than ``MIN_SECRET_LENGTH`` are no real token, and replacing them would mangle text.
    """
    env = os.environ if environ is None else environ
    return [value for value in (env.get(name, "").strip() for name in SECRET_VARIABLES)
            if len(value) >= MIN_SECRET_LENGTH]


MIN_SECRET_LENGTH = 8


_shown_notices: set[str] = set()


def notice(message: str) -> None:
    """Tell the user something once per process, on stderr (stdout carries reports)."""
    if message in _shown_notices:
        return
    _shown_notices.add(message)
    print(f"openness: {message}", file=sys.stderr, flush=True)


def cache_settings(*, offline: bool) -> dict[str, Any]:
    """requests-cache settings: revalidate every reuse online; serve only cached answers offline."""
    return {
        "backend": "sqlite",
        "allowable_codes": CACHEABLE_STATUSES,
        "ignored_parameters": IGNORED_PARAMETERS,
        "always_revalidate": not offline,
        "only_if_cached": offline,
    }


@contextmanager
def cached_session(*, offline: bool, use_cache: bool) -> Iterator[requests.Session]:
    """A requests session on the shared HTTP cache (a plain one with ``use_cache=False``), closed after."""
    if not use_cache and not offline:
        # The unpatched class: a GitHub fetch in another thread may have patched requests.Session.
        with requests_cache.OriginalSession() as plain:
            yield plain
        return
    path = http_cache_path()
    factory = _OfflineSession if offline else requests_cache.CachedSession
    with factory(str(path), **cache_settings(offline=offline)) as session:
        yield session
    if path.exists():
        path.chmod(0o600)


@contextmanager
def requests_cache_scope(*, offline: bool, use_cache: bool) -> Iterator[None]:
    """Within this block every ``requests.Session`` created (PyGithub's too) uses the cache.

    PyGithub builds its own session and takes none from outside (PyGithub#2865), so the
    documented hook is requests-cache's scoped patch of ``requests.Session``.
    """
    if not use_cache and not offline:
        yield
        return
    path = http_cache_path()
    factory = _OfflineSession if offline else requests_cache.CachedSession
    with requests_cache.enabled(str(path), session_factory=factory, **cache_settings(offline=offline)):
        yield
    if path.exists():
        path.chmod(0o600)


class _OfflineSession(requests_cache.CachedSession):
    """Serves any stored answer for the request, whatever its ``Vary`` headers say.

    A response stored by an authenticated run varies on ``Authorization``; offline no token is
    sent, and requests-cache would treat the mismatch as a miss and go to the network.
    Anything not stored gets requests-cache's 504 (``only_if_cached``), never a network request.
    """

    def send(self, request: Any, **kwargs: Any) -> Any:  # type: ignore[override]
        cached = self.cache.get_response(self.cache.create_key(request))
        return cached if cached is not None else super().send(request, **kwargs)


def plain_session_class() -> type:
    """The unpatched ``requests.Session``, for downloads that must never enter the HTTP cache."""
    return requests_cache.OriginalSession


class DerivedCache:
    """JSON values derived from immutable content (e.g. documents at a commit), one file each.

    Honours the fetch options: nothing is read with ``use_cache=False``, nothing written offline.
    """

    def __init__(self, namespace: str, *, use_cache: bool, offline: bool) -> None:
        self.namespace = namespace
        self.enabled = use_cache or offline
        self.offline = offline

    def _path(self, key: str) -> Path:
        safe = re.sub(r"[^A-Za-z0-9._-]+", "__", key)
        return cache_dir() / "derived" / self.namespace / f"{safe}.json"

    def get(self, key: str) -> Any | None:
        if not self.enabled:
            return None
        try:
            return json.loads(self._path(key).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def put(self, key: str, value: Any) -> None:
        if not self.enabled or self.offline:
            return
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            tmp = path.with_suffix(".tmp")
            tmp.write_text(json.dumps(value), encoding="utf-8")
            tmp.chmod(0o600)
            tmp.replace(path)
        except OSError:
            pass  # a cache that cannot be written only costs requests next time
