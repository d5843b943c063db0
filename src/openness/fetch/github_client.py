"""The one HTTP client of the GitHub source: a requests session with GitHub's retry policy.

Every request of a GitHub fetch (REST, GraphQL, the archive host) goes through ``make_session``:
the shared counting, wait budget and byte count, on top of PyGithub's ``GithubRetry`` (which reads
GitHub's rate-limit answers, secondary limits on 403 included). PyGithub's own client is not used:
it sleeps between requests on purpose, logs to stderr, and its session takes no hooks.
The API root (``GITHUB_API_URL``: GitHub Actions and GitHub Enterprise set it) and the token are
passed in here.
"""

from __future__ import annotations

import logging
import os
import re
from dataclasses import dataclass
from urllib.parse import quote

import requests
from github import GithubRetry

from .http import CountingMixin, RequestCounter, Token, Tuning, install_hooks, mount_retries

# PyGithub's retry policy logs refused requests and back-off decisions through the ``github``
# logger, to which importing PyGithub adds a stderr handler at INFO; the fetcher turns them into
# one clear line of its own, so that handler goes (set OPENNESS_DEBUG=1 to keep it).
_PYGITHUB_LOG = logging.getLogger("github")
_PYGITHUB_LOG.propagate = False
if not os.environ.get("OPENNESS_DEBUG"):
    _PYGITHUB_LOG.handlers = [logging.NullHandler()]

DEFAULT_API_URL = "https://api.github.com"
DEFAULT_RAW_URL = "https://raw.githubusercontent.com"
RAW_URL_VARIABLE = "OPENNESS_GITHUB_RAW_URL"


@dataclass(frozen=True)
class GithubTuning(Tuning):
    """The shared timing knobs, plus GitHub's own; tests set every wait to zero."""

    seconds_between_requests: float | None = None
    """Unused: no request waits for another (the old client slept 0.1 s before each); kept so
    callers that set it still work."""
    stats_attempts: int = 3
    """How many times to ask a statistics endpoint that answers 202 (still computing)."""
    stats_wait: float = 2.0


DEFAULT_TUNING = GithubTuning()


def api_base_url() -> str:
    """The REST API root: ``$GITHUB_API_URL`` or https://api.github.com, without a trailing slash."""
    return (os.environ.get("GITHUB_API_URL") or DEFAULT_API_URL).rstrip("/")


def raw_base_url() -> str:
    """Where files are downloaded one by one, by commit: ``$OPENNESS_GITHUB_RAW_URL``, else beside the API root.

    github.com serves them from raw.githubusercontent.com; GitHub Enterprise Server from
    ``<host>/raw`` (``raw.<host>`` when subdomain isolation is on, which cannot be told from the API
    root: set the variable then). Any other API root (a mirror, the tests' fake) gets ``<root>/raw``.
    """
    configured = os.environ.get(RAW_URL_VARIABLE)
    if configured:
        return configured.rstrip("/")
    base = api_base_url()
    return DEFAULT_RAW_URL if base == DEFAULT_API_URL else f"{base.removesuffix('/api/v3')}/raw"


SHA_ACCEPT = {"Accept": "application/vnd.github.sha"}
"""The media type under which ``/commits/{ref}`` answers the bare 40-character commit id."""
_SHA = re.compile(r"^[0-9a-f]{40}$")


def commit_url(repo_id: str, revision: str | None) -> str:
    """Where GitHub says which commit ``revision`` (None: the default branch) of ``repo_id`` is at,
    answered under ``SHA_ACCEPT`` with the commit id alone: the fetch's first request and ``watch``'s check."""
    return f"{api_base_url()}/repos/{repo_id}/commits/{quote(revision or 'HEAD', safe='/')}"


def commit_id(body: str) -> str | None:
    """The commit id of a ``commit_url`` answer; None when the body is not one."""
    sha = body.strip()
    return sha if _SHA.match(sha) else None


def graphql_url(base: str | None = None) -> str:
    """The GraphQL endpoint beside a REST root: ``https://api.github.com/graphql``, and on GitHub
    Enterprise Server ``<host>/api/graphql`` for the REST root ``<host>/api/v3``."""
    base = base or api_base_url()
    return f"{base.removesuffix('/v3')}/graphql" if base.endswith("/api/v3") else f"{base}/graphql"


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


def make_session(token: Token | None, counter: RequestCounter, max_wait: float, tuning: GithubTuning,
                 session_class: type = requests.Session) -> requests.Session:
    """A requests session with the retry policy, counting requests and body bytes into ``counter``."""
    session = mount_retries(session_class(), make_retry(counter, max_wait, tuning))
    install_hooks(session, counter)
    session.headers["User-Agent"] = "openness (PyGithub/Python)"
    session.headers["Accept"] = "application/vnd.github+json"
    if token:
        session.headers["Authorization"] = f"token {token.value}"
    return session
