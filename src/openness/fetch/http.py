"""The HTTP layer every remote fetcher shares: cache location, request counting, tokens, notices.

* The cache lives in the user's cache directory (``platformdirs``), or in
  ``$OPENNESS_CACHE_DIR``. ``http.sqlite`` is the requests-cache database used for the GitHub
  API; ``derived/`` holds small JSON files keyed by an immutable revision (see ``DerivedCache``),
  which other fetchers (the Hugging Face one) can use as well.
* The cache never stores a token: requests-cache drops ``Authorization`` and token parameters
  from what it saves, and ``always_revalidate`` makes every reuse a conditional request
  (``If-None-Match``), which GitHub answers with a 304 that does not count against its rate limit.
* ``--offline`` reads the cache only; ``--no-cache`` neither reads nor writes it.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs
import requests_cache
from requests_cache.policy.settings import DEFAULT_IGNORED_PARAMS

from ..errors import FetchError

CACHE_DIR_ENV = "OPENNESS_CACHE_DIR"
GITHUB_TOKEN_VARIABLES = ("GH_TOKEN", "GITHUB_TOKEN")
"""gh's documented precedence: GH_TOKEN is set on purpose, GITHUB_TOKEN is the ambient Actions token."""

IGNORED_PARAMETERS = (*DEFAULT_IGNORED_PARAMS, "token")
"""Headers and query parameters requests-cache leaves out of cache keys and of what it stores."""

CACHEABLE_STATUSES = (200,)
"""Never redirects: requests keeps the next request, Authorization header included, on a redirect
response (``Response._next``), and requests-cache would store it unredacted."""


class OfflineError(FetchError):
    """``--offline`` was given and something needed is not in the cache."""


def cache_dir() -> Path:
    """The openness cache directory (created with mode 0700 on first use)."""
    override = os.environ.get(CACHE_DIR_ENV)
    path = Path(override) if override else Path(platformdirs.user_cache_dir("openness", appauthor=False))
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def http_cache_path() -> Path:
    """The SQLite file of the HTTP cache."""
    return cache_dir() / "http.sqlite"


class RequestCounter:
    """Counts HTTP requests that reached the network (retries and 304 revalidations included)."""

    def __init__(self) -> None:
        self.total = 0

    def add(self, count: int = 1) -> None:
        self.total += count


@dataclass(frozen=True)
class Token:
    """A credential and the environment variable it came from (the name is safe to print)."""

    value: str
    source: str

    def __repr__(self) -> str:  # never show the value, even in a debugger or a traceback
        return f"Token(source={self.source!r})"


def github_token(environ: Mapping[str, str] | None = None) -> Token | None:
    """The GitHub token from ``GH_TOKEN``, then ``GITHUB_TOKEN``; None when neither is set."""
    env = os.environ if environ is None else environ
    for name in GITHUB_TOKEN_VARIABLES:
        value = env.get(name, "").strip()
        if value:
            return Token(value, name)
    return None


def redact(text: str, secrets: list[str]) -> str:
    """``text`` with every secret and anything shaped like a GitHub token replaced by ``***``."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, "***")
    return re.sub(r"\b(gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})\b", "***", text)


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

    def send(self, request: Any, **kwargs: Any) -> Any:
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
