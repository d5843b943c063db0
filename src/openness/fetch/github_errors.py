"""What to tell the user when GitHub says no: one line per failure, never a token, never a traceback.

``explain`` turns any exception raised by PyGithub, requests or urllib3 into a ``FetchError``
subclass whose message names the repository and says what to do; ``gap_kind`` classifies the
same failure for a ``Gap`` when only an optional part of the evidence was lost.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

import requests
from github.GithubException import (
    BadCredentialsException,
    GithubException,
    RateLimitExceededExceedsMaxWait,
    RateLimitExceededException,
)

from ..errors import FetchError
from .http import GITHUB_TOKEN_VARIABLES, OfflineError, Token, redact


class GitHubNotFound(FetchError):
    """404: the repository or revision does not exist, or is private and the token cannot see it."""


class GitHubAuthError(FetchError):
    """401: the token was refused."""


class GitHubRateLimited(FetchError):
    """403/429 rate limit, with a reset too far away to wait for."""


class GitHubUnavailable(FetchError):
    """5xx answers or connection failures that outlasted the retries."""


def _header(headers: Mapping[str, Any] | None, name: str) -> str | None:
    for key, value in (headers or {}).items():
        if key.lower() == name.lower():
            return str(value)
    return None


def _message(error: GithubException) -> str:
    data = error.data
    if isinstance(data, dict) and isinstance(data.get("message"), str):
        return data["message"]
    return error.message or ""


def is_rate_limit(error: Exception) -> bool:
    """A primary or secondary rate limit, whatever PyGithub made of it."""
    if isinstance(error, (RateLimitExceededException, RateLimitExceededExceedsMaxWait)):
        return True
    if isinstance(error, GithubException) and error.status in (403, 429):
        headers = error.headers or {}
        return (error.status == 429 or _header(headers, "x-ratelimit-remaining") == "0"
                or "rate limit" in _message(error).lower() or _header(headers, "retry-after") is not None)
    return False


def reset_time(error: GithubException) -> str | None:
    """When the limit resets, in local time, from ``X-RateLimit-Reset`` or ``Retry-After``."""
    reset = _header(error.headers, "x-ratelimit-reset")
    if reset and reset.strip().isdigit():
        moment = datetime.fromtimestamp(int(reset.strip())).astimezone()
    else:
        after = getattr(error, "wait", None) or _header(error.headers, "retry-after")
        try:
            seconds = float(after) if after is not None else None
        except ValueError:
            seconds = None
        if seconds is None:
            return None
        moment = datetime.now().astimezone() + timedelta(seconds=seconds)
    return moment.strftime("%H:%M:%S %Z").strip() + f" ({moment.date().isoformat()})"


def rate_limit_advice(token: Token | None) -> str:
    if token is None:
        return (f"anonymous use allows 60 requests an hour: set {' or '.join(GITHUB_TOKEN_VARIABLES)} "
                "to a token to raise it to 5,000")
    return f"the token from {token.source} has used its hourly quota: wait, or use a token of another account or a GitHub App"


def explain(error: Exception, what: str, token: Token | None, offline: bool = False) -> FetchError:
    """One clear line for ``error``, raised while fetching ``what`` (e.g. ``github:o/r``).

    Server messages are quoted in some lines, so the result is redacted: no token gets through.
    """
    result = _explain(error, what, token, offline)
    clean = redact(str(result), [token.value] if token else [])
    return result if clean == str(result) else type(result)(clean)


def _explain(error: Exception, what: str, token: Token | None, offline: bool) -> FetchError:
    if isinstance(error, FetchError):
        return error
    if offline and isinstance(error, GithubException) and error.status == 504:
        return OfflineError(f"{what}: not in the cache and --offline forbids the network; "
                            "run once without --offline to fill the cache")
    if isinstance(error, BadCredentialsException) or (isinstance(error, GithubException) and error.status == 401):
        source = token.source if token else "the environment"
        return GitHubAuthError(f"{what}: GitHub refused the token from {source} (401 bad credentials); "
                               f"check or unset {source}")
    if is_rate_limit(error):
        assert isinstance(error, GithubException)
        when = reset_time(error)
        resets = f"the limit resets at {when}" if when else "the reset time was not given"
        return GitHubRateLimited(f"{what}: GitHub rate limit exceeded; {resets}; {rate_limit_advice(token)}")
    if isinstance(error, GithubException) and error.status == 404:
        access = (f"the token from {token.source} has no access to it" if token
                  else f"you need a token with access to it in {' or '.join(GITHUB_TOKEN_VARIABLES)}")
        return GitHubNotFound(f"{what}: not found on GitHub; it does not exist, or it is private and {access}")
    if isinstance(error, GithubException) and error.status == 403:
        return FetchError(f"{what}: GitHub refused access (403): {_message(error) or 'forbidden'}")
    if isinstance(error, GithubException) and error.status >= 500:
        return GitHubUnavailable(f"{what}: GitHub answered {error.status} (server error); try again later")
    if isinstance(error, requests.exceptions.RetryError):
        return GitHubUnavailable(f"{what}: GitHub kept failing (server errors) after several retries; try again later")
    if isinstance(error, requests.exceptions.Timeout):
        return GitHubUnavailable(f"{what}: GitHub did not answer in time after several retries; try again later")
    if isinstance(error, requests.exceptions.ConnectionError):
        return GitHubUnavailable(f"{what}: cannot connect to GitHub ({_host(error)}); check the network "
                                 "or GITHUB_API_URL, or use --offline with a filled cache")
    if isinstance(error, GithubException):
        return FetchError(f"{what}: GitHub answered {error.status}: {_message(error) or 'unexpected error'}")
    return FetchError(f"{what}: {type(error).__name__}")


def _host(error: requests.exceptions.ConnectionError) -> str:
    request = getattr(error, "request", None)
    url = getattr(request, "url", None) or ""
    return url.split("/")[2] if url.count("/") >= 2 else "no connection"


def gap_kind(error: Exception, offline: bool = False) -> str:
    """The ``GapKind`` of a failure that cost only an optional part of the evidence."""
    if offline and isinstance(error, GithubException) and error.status == 504:
        return "offline"
    if isinstance(error, OfflineError):
        return "offline"
    if is_rate_limit(error) or isinstance(error, GitHubRateLimited):
        return "rate_limited"
    if isinstance(error, GithubException) and error.status == 404:
        return "not_found"
    if isinstance(error, GithubException) and error.status in (401, 403):
        return "forbidden"
    return "server_error"
