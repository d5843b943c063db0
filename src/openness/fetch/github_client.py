"""A PyGithub client configured for openness: endpoint, token, bounded retries and waits, counting.

PyGithub reads no environment variables, so the endpoint (``GITHUB_API_URL``, as GitHub
Actions and GitHub Enterprise set it) and the token are passed in here.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from typing import Any

import requests
from github import Auth, Github, GithubRetry
from github.GithubException import RateLimitExceededExceedsMaxWait

from .http import RequestCounter, Token

# PyGithub logs refused requests and back-off decisions to stderr through the root logger; the
# fetcher turns them into one clear error line of its own, so its records stay quiet
# (set OPENNESS_DEBUG=1 to see them).
logging.getLogger("github").addHandler(logging.NullHandler())
logging.getLogger("github").propagate = bool(os.environ.get("OPENNESS_DEBUG"))

DEFAULT_API_URL = "https://api.github.com"


@dataclass(frozen=True)
class GithubTuning:
    """Timing knobs; tests set every wait to zero."""

    retries: int = 3
    """Retries of a 5xx answer or a connection error, after the first attempt."""
    backoff_factor: float = 0.5
    """Sleep between retries: backoff_factor × 2^(retry-1) seconds (0.5, 1, 2)."""
    timeout: float = 15.0
    seconds_between_requests: float | None = 0.1
    stats_attempts: int = 3
    """How many times to ask a statistics endpoint that answers 202 (still computing)."""
    stats_wait: float = 2.0


DEFAULT_TUNING = GithubTuning()


def api_base_url() -> str:
    """The REST API root: ``$GITHUB_API_URL`` or https://api.github.com, without a trailing slash."""
    return (os.environ.get("GITHUB_API_URL") or DEFAULT_API_URL).rstrip("/")


class CountingRetry(GithubRetry):
    """PyGithub's retry policy, plus: count every attempt, and never sleep longer than ``max_rate_limit_wait``.

    urllib3 calls ``is_retry`` once per response and ``increment`` with ``error`` once per failed
    connection, so counting there sees every request that reached the network, retries included.
    GithubRetry bounds waits for a rate-limit reset; this also bounds a ``Retry-After`` on 403/429,
    which urllib3 would otherwise honour whatever its length.
    """

    def __init__(self, counter: RequestCounter | None = None, **kwargs: Any) -> None:
        self.counter = counter or RequestCounter()
        super().__init__(**kwargs)

    def new(self, **kwargs: Any) -> CountingRetry:
        kwargs["counter"] = self.counter
        return super().new(**kwargs)  # type: ignore[return-value]

    def is_retry(self, method: str, status_code: int, has_retry_after: bool = False) -> bool:
        self.counter.add()
        return super().is_retry(method, status_code, has_retry_after)

    def increment(self, method: str | None = None, url: str | None = None, response: Any = None,  # type: ignore[override]
                  error: Exception | None = None, _pool: Any = None, _stacktrace: Any = None) -> Any:
        if error is not None:
            self.counter.add()
        if response is not None and response.status in (403, 429) and self.max_rate_limit_wait is not None:
            wait = self.get_retry_after(response)
            if wait is not None and wait > self.max_rate_limit_wait:
                raise RateLimitExceededExceedsMaxWait(response.status, {"message": "rate limited"},
                                                      dict(response.headers), wait=wait)
        return super().increment(method, url, response, error, _pool, _stacktrace)


def make_retry(counter: RequestCounter, max_wait: float, tuning: GithubTuning) -> CountingRetry:
    return CountingRetry(
        counter=counter,
        total=tuning.retries,
        backoff_factor=tuning.backoff_factor,
        secondary_rate_wait=min(60.0, max_wait),
        max_rate_limit_wait=max_wait,
        retry_after_max=24 * 3600,  # never silently shorten a Retry-After: we refuse long ones above
        raise_on_status=True,
    )


def make_github(token: Token | None, counter: RequestCounter, max_wait: float, tuning: GithubTuning) -> Github:
    """A PyGithub client against ``api_base_url()``; anonymous when ``token`` is None."""
    return Github(
        base_url=api_base_url(),
        auth=Auth.Token(token.value) if token else None,
        timeout=int(tuning.timeout),
        retry=make_retry(counter, max_wait, tuning),
        seconds_between_requests=tuning.seconds_between_requests,
        per_page=100,
    )


def make_session(token: Token | None, counter: RequestCounter, max_wait: float, tuning: GithubTuning,
                 session_class: type = requests.Session) -> requests.Session:
    """A requests session with the same retry policy, for the calls PyGithub cannot make bounded.

    (PyGithub retries a 202 forever and cannot download from the archive host.)
    """
    session = session_class()
    adapter = requests.adapters.HTTPAdapter(max_retries=make_retry(counter, max_wait, tuning))
    session.mount("https://", adapter)
    session.mount("http://", adapter)
    session.headers["User-Agent"] = "openness (PyGithub/Python)"
    if token:
        session.headers["Authorization"] = f"token {token.value}"
    return session
