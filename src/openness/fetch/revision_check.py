"""The cheapest question a source can answer: which commit does a repository stand at now?

``openness watch`` asks it of every member of a target's latest record before rescoring the target,
so a target that did not move costs one small request per member instead of a full fetch:

* GitHub: ``GET /repos/{o}/{r}/commits/{ref or HEAD}`` as ``application/vnd.github.sha`` (a 40-byte
  body), through the shared HTTP cache, so it is sent conditionally and answered 304 while the ref has not
  moved (free under GitHub's rate limit with a token). It is the request a token fetch starts with.
* Hugging Face Hub: the repository info restricted to ``sha`` and ``gated`` (``expand``): gating is a
  setting of the repository, switched on without a commit, so the revision alone would not tell it.

Any failure answers None ("cannot tell"): the caller then rescores, and the full fetch reports the
problem with its own one-line error. Nothing here is cached beyond the HTTP layer's conditional requests.
"""

from __future__ import annotations

from dataclasses import dataclass

import httpx2
import requests
from github.GithubException import GithubException
from huggingface_hub import HfApi
from huggingface_hub.errors import HfHubHTTPError
from huggingface_hub.hf_api import DatasetInfo, ModelInfo

from . import github as github_fetcher
from .github_client import SHA_ACCEPT, commit_id, commit_url, make_session
from .http import RequestCounter, WaitTooLong, github_token, requests_cache_scope
from .hub_client import counting, endpoint

HUB_KINDS = frozenset({"hf_model", "hf_dataset"})
MAX_WAIT = 10.0
"""Seconds a check may wait on a rate limit or a retry: past it, the target is rescored (and the full
fetch meets the limit with its own message)."""


@dataclass(frozen=True)
class Head:
    """Where a repository stands: its commit, and (on the Hub) whether it is gated and how."""

    revision: str
    gated: bool | str | None = None


def current_head(kind: str, repo_id: str, revision: str | None, counter: RequestCounter, *,
                 use_cache: bool = True) -> Head | None:
    """The commit ``revision`` (None: the default branch) of ``repo_id`` points at now; None when the
    source has no cheap check (a local checkout, another forge) or the check failed."""
    if kind == "github":
        return _github(repo_id, revision, counter, use_cache)
    if kind in HUB_KINDS:
        return _hub(kind, repo_id, revision, counter)
    return None


def _github(repo_id: str, revision: str | None, counter: RequestCounter, use_cache: bool) -> Head | None:
    tuning = github_fetcher.DEFAULT_TUNING  # the fetch's own retry policy, read now
    try:
        with requests_cache_scope(offline=False, use_cache=use_cache):
            session = make_session(github_token(), counter, MAX_WAIT, tuning, requests.Session)
            try:
                response = session.get(commit_url(repo_id, revision), headers=SHA_ACCEPT, timeout=tuning.timeout)
            finally:
                session.close()
    except (requests.RequestException, GithubException, WaitTooLong, OSError):
        return None
    sha = commit_id(response.text) if response.status_code == 200 else None
    return Head(sha) if sha else None


def _hub(kind: str, repo_id: str, revision: str | None, counter: RequestCounter) -> Head | None:
    api = HfApi(endpoint=endpoint())
    try:
        with counting(counter):
            info: ModelInfo | DatasetInfo = (
                api.model_info(repo_id, revision=revision, expand=["sha", "gated"]) if kind == "hf_model"
                else api.dataset_info(repo_id, revision=revision, expand=["sha", "gated"]))
    except (HfHubHTTPError, httpx2.HTTPError, OSError, KeyError, TypeError, ValueError):
        return None
    sha = commit_id(info.sha or "")
    return Head(sha, info.gated) if sha else None
