"""GitHub's side of the shared failure mapping: PyGithub's exceptions → ``failures`` classes.

``explain`` turns any exception raised by PyGithub, requests or urllib3 into a
``SourceFailure`` whose message names the repository and says what to do; its ``gap_kind``
classifies the same failure when only an optional part of the evidence was lost.
"""

from __future__ import annotations

import requests
from github.GithubException import BadCredentialsException, GithubException

from ..errors import FetchError
from . import failures
from .http import GITHUB_TOKEN_VARIABLES, Token, WaitTooLong

TERMS = failures.HostTerms(
    name="GitHub",
    token_variables=GITHUB_TOKEN_VARIABLES,
    url_variable="GITHUB_API_URL",
    anonymous_advice=(f"anonymous use allows 60 requests an hour: set {' or '.join(GITHUB_TOKEN_VARIABLES)} "
                      "to a token to raise it to 5,000"),
    token_advice="the token from {source} has used its hourly quota: wait, or use a token of another account "
                 "or a GitHub App",
)

NETWORK_ERRORS = (GithubException, requests.exceptions.RequestException, WaitTooLong)
"""What PyGithub and requests raise when GitHub says no or cannot be reached."""


def _message(error: GithubException) -> str:
    data = error.data
    if isinstance(data, dict) and isinstance(data.get("message"), str):
        return data["message"]
    return error.message or ""


def explain(error: Exception, what: str, token: Token | None, offline: bool = False, *,
            whole: bool = True) -> FetchError:
    """One clear line for ``error``, raised while fetching ``what`` (e.g. ``github:o/r``).

    Server messages are quoted in some lines, so the result is redacted: no token gets through.
    """
    result = _explain(error, what, token, offline, whole)
    return failures.redacted(result, [token.value] if token else []) \
        if isinstance(result, failures.SourceFailure) else result


def _explain(error: Exception, what: str, token: Token | None, offline: bool, whole: bool) -> FetchError:
    if isinstance(error, FetchError):
        return error
    if isinstance(error, WaitTooLong):
        return failures.from_wait(error, what, TERMS, token)
    if isinstance(error, BadCredentialsException):
        return failures.from_status(401, error.headers, _message(error), what, TERMS, token, whole=whole)
    if isinstance(error, GithubException):
        return failures.from_status(error.status, error.headers, _message(error), what, TERMS, token,
                                    whole=whole, offline=offline)
    if isinstance(error, requests.exceptions.RequestException):
        return failures.from_transport(error, what, TERMS, token)
    raise TypeError(f"not a network failure: {type(error).__name__}")  # a caller's bug, not GitHub's
