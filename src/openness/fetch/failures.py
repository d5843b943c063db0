"""When a host says no: one classification of failures and one failure → gap mapping for every source.

A source turns its client library's exceptions into one of the ``SourceFailure`` classes below
(through ``from_status``, ``from_transport`` and ``from_wait`` for HTTP answers, the same for
every host); the class fixes the ``GapKind`` a lost optional part is recorded with, and the
message is one line that names the target and says what to do, never a token.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

import requests
from pydantic import BaseModel, ConfigDict, ValidationError

from ..errors import FetchError, first_problem
from ..evidence import Gap, GapKind

if TYPE_CHECKING:
    from .http import Token, WaitTooLong


class SourceFailure(FetchError):
    """A host refused or failed. Exit code 3 when the target itself is lost; a gap when only a part is."""

    gap_kind: ClassVar[GapKind] = "server_error"


class NotFound(SourceFailure):
    """A revision, a file or another part that does not exist."""

    gap_kind = "not_found"


class PrivateOrMissing(SourceFailure):
    """The repository is not there for us: it does not exist, or it is private and we lack access."""

    gap_kind = "private_or_missing"


class AuthRefused(SourceFailure):
    """401/403: the token was refused, or access is forbidden (disabled repositories too)."""

    gap_kind = "forbidden"


class Gated(SourceFailure):
    """Access needs an approval the account does not have."""

    gap_kind = "gated"


class RateLimited(SourceFailure):
    """A rate limit, with a reset too far away to wait for."""

    gap_kind = "rate_limited"


class Unavailable(SourceFailure):
    """5xx answers or connection failures that outlasted the retries."""

    gap_kind = "server_error"


class OfflineError(SourceFailure):
    """``--offline`` was given and something needed is not in the cache."""

    gap_kind = "offline"


class MalformedAnswer(SourceFailure):
    """The host answered, but not in the shape its API documents (raised only where an answer is decoded)."""

    gap_kind = "server_error"


def gap_for(error: FetchError, what: str) -> Gap:
    """The gap for an optional part ``what`` lost to ``error``."""
    kind = error.gap_kind if isinstance(error, SourceFailure) else "server_error"
    return Gap(what=what, kind=kind, reason=str(error))


@dataclass(frozen=True)
class HostTerms:
    """How messages name a host and what they advise; one per source."""

    name: str
    token_variables: tuple[str, ...]
    url_variable: str
    anonymous_advice: str
    token_advice: str
    """With ``{source}``, the variable the token came from."""

    def variables(self) -> str:
        return " or ".join(self.token_variables)

    def limit_advice(self, token: Token | None) -> str:
        return self.token_advice.format(source=token.source) if token else self.anonymous_advice


def header(headers: Mapping[str, object] | None, name: str) -> str | None:
    for key, value in (headers or {}).items():
        if key.lower() == name.lower():
            return str(value)
    return None


def is_rate_limited(status: int, headers: Mapping[str, object] | None, message: str) -> bool:
    """A primary or secondary rate limit: 429, or a 403 that says so (GitHub's form)."""
    if status == 429:
        return True
    return status == 403 and (header(headers, "x-ratelimit-remaining") == "0" or "rate limit" in message.lower()
                              or header(headers, "retry-after") is not None)


def reset_time(headers: Mapping[str, object] | None, wait: float | None = None) -> str | None:
    """When the limit resets, in local time: ``X-RateLimit-Reset``/``RateLimit-Reset``, else ``Retry-After``."""
    reset = header(headers, "x-ratelimit-reset") or header(headers, "ratelimit-reset")
    if reset and reset.strip().isdigit() and int(reset) > 10**9:
        moment = datetime.fromtimestamp(int(reset.strip())).astimezone()
    else:
        after = wait if wait is not None else header(headers, "retry-after")
        try:
            seconds = float(after) if after is not None else None
        except ValueError:
            seconds = None
        if seconds is None:
            return None
        moment = datetime.now().astimezone() + timedelta(seconds=seconds)
    return moment.strftime("%H:%M:%S %Z").strip() + f" ({moment.date().isoformat()})"


def rate_limited(what: str, terms: HostTerms, token: Token | None, when: str | None) -> RateLimited:
    resets = f"the limit resets at {when}" if when else "the reset time was not given"
    return RateLimited(f"{what}: {terms.name} rate limit exceeded; {resets}; {terms.limit_advice(token)}")


def from_status(status: int, headers: Mapping[str, object] | None, message: str, what: str, terms: HostTerms,
                token: Token | None, *, whole: bool, offline: bool = False) -> SourceFailure:
    """The failure for an HTTP error answer. ``whole``: ``what`` is the repository itself, so a
    404 may hide a private one; otherwise it is a part of it (a file, a revision)."""
    if offline and status == 504:  # requests-cache's answer to a miss with only_if_cached
        return OfflineError(f"{what}: not in the cache and --offline forbids the network; "
                            "run once without --offline to fill the cache")
    if status == 401:
        if token is None:
            return AuthRefused(f"{what}: {terms.name} asks for authentication (401); "
                               f"set {terms.variables()} to a token with access")
        return AuthRefused(f"{what}: {terms.name} refused the token from {token.source} (401 bad credentials); "
                           f"check or unset {token.source}")
    if is_rate_limited(status, headers, message):
        return rate_limited(what, terms, token, reset_time(headers))
    if status == 404 and whole:
        access = (f"the token from {token.source} has no access to it" if token
                  else f"you need a token with access to it in {terms.variables()}")
        return PrivateOrMissing(f"{what}: not found on {terms.name}; it does not exist, or it is private and {access}")
    if status == 404:
        return NotFound(f"{what}: not found on {terms.name}")
    if status == 403:
        return AuthRefused(f"{what}: {terms.name} refused access (403): {message or 'forbidden'}")
    if status >= 500:
        return Unavailable(f"{what}: {terms.name} answered {status} (server error); try again later")
    return SourceFailure(f"{what}: {terms.name} answered {status}: {message or 'unexpected error'}")


def from_wait(error: WaitTooLong, what: str, terms: HostTerms, token: Token | None) -> SourceFailure:
    """The failure for a wait the run may not make: a rate limit, or server errors that outlasted
    the run's wait budget (a backoff of a 5xx answer, no rate limit at all)."""
    if error.budget is not None and not (error.status in (403, 429) or header(error.headers, "retry-after")):
        return Unavailable(f"{what}: {terms.name} kept failing, and retrying longer would exceed this run's "
                           f"{error.budget:.0f} s wait budget; try again later")
    failure = rate_limited(what, terms, token, reset_time(error.headers, error.wait))
    if error.budget is not None:
        return RateLimited(f"{failure}; waiting {error.wait:.0f} s more would exceed this run's "
                           f"{error.budget:.0f} s wait budget")
    return failure


def from_transport(error: requests.exceptions.RequestException, what: str, terms: HostTerms,
                   token: Token | None) -> SourceFailure:
    """The failure for a request that got no usable answer after the retries."""
    if isinstance(error, requests.exceptions.RetryError):
        if _LIMIT_STATUSES.search(str(error)):  # retries spent on a (secondary) rate limit
            return rate_limited(what, terms, token, None)
        return Unavailable(f"{what}: {terms.name} kept failing (server errors) after several retries; try again later")
    if isinstance(error, requests.exceptions.Timeout):
        return Unavailable(f"{what}: {terms.name} did not answer in time after several retries; try again later")
    if isinstance(error, requests.exceptions.ConnectionError):
        return Unavailable(f"{what}: cannot connect to {terms.name} ({_host(error)}); check the network "
                           f"or {terms.url_variable}, or use --offline with a filled cache")
    return Unavailable(f"{what}: the request to {terms.name} failed ({type(error).__name__})")


_LIMIT_STATUSES = re.compile(r"too many (403|429) error responses")
"""urllib3's reason when the retries ran out on rate-limit answers."""


def _host(error: requests.exceptions.RequestException) -> str:
    request = getattr(error, "request", None)
    url = getattr(request, "url", None) or ""
    return url.split("/")[2] if url.count("/") >= 2 else "no connection"


def redacted(failure: SourceFailure, secrets: list[str]) -> SourceFailure:
    """``failure`` with every secret (and anything token-shaped) out of its message."""
    from .http import redact

    clean = redact(str(failure), secrets)
    return failure if clean == str(failure) else type(failure)(clean)


M = TypeVar("M", bound=BaseModel)


def decode(model: type[M], data: Any, what: str) -> M:
    """``data`` (one decoded JSON answer) as ``model``: the parse boundary of a source.

    (Configured tokens were already taken out of the body it came from: ``http.redact_response``.)
    A body of another shape becomes a ``MalformedAnswer`` naming the first field that did not
    fit; nothing else in a fetch turns an exception into "the server's answer was wrong".
    """
    try:
        return model.model_validate(data)
    except ValidationError as error:
        where, message = first_problem(error, "the body")
        raise MalformedAnswer(f"{what}: the server's answer was not in the expected shape "
                              f"({where}: {message})") from None


class Answer(BaseModel):
    """Base of the models that describe a host's JSON answers: unknown fields are ignored."""

    model_config = ConfigDict(extra="ignore", frozen=True)


T = TypeVar("T")


class OptionalParts:
    """The optional parts of one fetch (releases, contributors, a document …).

    A part that fails costs a gap of the shared kind, never the fetch; after a rate limit every
    later part would fail the same way, so they are skipped without a request, each recorded with
    a reason of its own that points at the part that met the limit.
    Only ``network_errors`` (what the client raises when the host says no) and a
    ``MalformedAnswer`` from a parse boundary are caught: anything else is a bug and propagates.
    """

    def __init__(self, network_errors: tuple[type[Exception], ...],
                 explain: Callable[[Exception, str], FetchError], gaps: list[Gap]) -> None:
        self.network_errors = network_errors
        self.explain = explain
        """``explain(error, what)``: the one-line failure for a part ``what``."""
        self.gaps = gaps
        self.stopped: str | None = None
        """The part whose request met a rate limit, once one did."""

    def skip(self, what: str) -> bool:
        """Record ``what`` as not asked when a rate limit stopped optional requests; True if so."""
        if not self.stopped:
            return False
        self.gaps.append(Gap(what=what, kind="rate_limited", reason=(
            f"{what} not asked: the host's rate limit was met while fetching {self.stopped}, so no "
            "further optional requests were made")))
        return True

    def get(self, what: str, call: Callable[[], T]) -> T | None:
        """``call()``, or None with a gap when it fails."""
        if self.skip(what):
            return None
        try:
            return call()
        except MalformedAnswer as error:
            self.gaps.append(gap_for(error, what))
            return None
        except self.network_errors as error:
            gap = gap_for(self.explain(error, what), what)
            self.gaps.append(gap)
            if gap.kind == "rate_limited":
                from .http import notice

                self.stopped = what
                notice(f"{gap.reason}; what was not fetched is reported as unknown")
            return None
