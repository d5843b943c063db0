"""A PyGithub client configured for openness: endpoint, token, the shared retry policy, counting.

PyGithub reads no environment variables, so the endpoint (``GITHUB_API_URL``, as GitHub
Actions and GitHub Enterprise set it) and the token are passed in here.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass

import requests
from github import Auth, Github, GithubRetry

from .http import CountingMixin, RequestCounter, Token, Tuning, mount_retries

# PyGithub logs refused requests and back-off decisions to stderr through the root logger; the
# fetcher turns them into one clear error line of its own, so its records stay quiet
# (set OPENNESS_DEBUG=1 to see them).
logging.getLogger("github").addHandler(logging.NullHandler())
logging.getLogger("github").propagate = bool(os.environ.get("OPENNESS_DEBUG"))

DEFAULT_API_URL = "https://api.github.com"


@dataclass(frozen=True)
class GithubTuning(Tuning):
    """The shared timing knobs, plus GitHub's own; tests set every wait to zero."""

    seconds_between_requests: float | None = 0.1
    stats_attempts: int = 3
    """How many times to ask a statistics endpoint that answers 202 (still computing)."""
    stats_wait: float = 2.0


DEFAULT_TUNING = GithubTuning()


def api_base_url() -> str:
    """The REST API root: ``$GITHUB_API_URL`` or https://api.github.com, without a trailing slash."""
    return (os.environ.get("GITHUB_API_URL") or DEFAULT_API_URL).rstrip("/")


class CountingGithubRetry(CountingMixin, GithubRetry):
    """The shared counting and bounded waits on top of PyGithub's policy, which also reads GitHub's
    rate-limit headers (primary resets and secondary limits on 403)."""


def make_retry(counter: RequestCounter, max_wait: float, tuning: GithubTuning) -> CountingGithubRetry:
    return CountingGithubRetry(
        counter=counter,
        max_wait=max_wait,
        total=tuning.retries,
        backoff_factor=tuning.backoff_factor,
        secondary_rate_wait=min(60.0, max_wait),
        max_rate_limit_wait=max_wait,
        retry_after_max=24 * 3600,  # never silently shorten a Retry-After: we refuse long ones
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
    session = mount_retries(session_class(), make_retry(counter, max_wait, tuning))
    session.headers["User-Agent"] = "openness (PyGithub/Python)"
    if token:
        session.headers["Authorization"] = f"token {token.value}"
    return session
