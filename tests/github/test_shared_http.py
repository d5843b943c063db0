"""The shared HTTP layer's pieces that every source uses: the wait budget, retries, the configured secrets."""

from __future__ import annotations

import pytest

from openness.fetch import http
from openness.fetch.failures import Unavailable, from_wait
from openness.fetch.github_errors import TERMS
from openness.fetch.http import RequestCounter, Tuning, WaitTooLong, configured_secrets, with_retries


class Flaky(Exception):
    pass


def test_with_retries_retries_transient_errors_within_the_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    waits: list[float] = []
    monkeypatch.setattr(http.time, "sleep", waits.append)
    answers = [Flaky("502"), Flaky("503"), "ok"]

    def call() -> str:
        answer = answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer

    assert with_retries(call, RequestCounter(), Tuning(retries=3, backoff_factor=0.5), (Flaky,), lambda _: True) == "ok"
    assert waits == [0.5, 1.0]


def test_with_retries_stops_at_the_budget_and_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(http.time, "sleep", lambda _: None)
    calls: list[int] = []

    def call() -> None:
        calls.append(1)
        raise Flaky("502")

    with pytest.raises(WaitTooLong) as caught:
        with_retries(call, RequestCounter(wait_budget=3), Tuning(retries=5, backoff_factor=1), (Flaky,), lambda _: True)
    assert len(calls) == 3  # waits of 1 and 2 s fit a 3 s budget; the next 4 s does not
    failure = from_wait(caught.value, "hf:org/model", TERMS, None)
    assert isinstance(failure, Unavailable) and "3 s wait budget" in str(failure)


def test_with_retries_does_not_retry_what_is_not_transient() -> None:
    calls: list[int] = []

    def call() -> None:
        calls.append(1)
        raise Flaky("404")

    with pytest.raises(Flaky):
        with_retries(call, RequestCounter(), Tuning(backoff_factor=0), (Flaky,), lambda error: str(error) != "404")
    assert len(calls) == 1


def test_a_value_too_short_to_be_a_token_is_not_redacted(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_TOKEN", "x")
    monkeypatch.setenv("GH_TOKEN", "ghp_" + "y" * 36)
    assert configured_secrets() == ["ghp_" + "y" * 36]
