"""A comparison builds once, before forking its workers, what each worker would otherwise build itself."""

from __future__ import annotations

import pytest

from openness import warm_up as warm
from openness.settings import resolve_settings


class _Source:
    def __init__(self) -> None:
        self.prepared = 0

    def prepare(self) -> None:
        self.prepared += 1


def test_the_sources_are_prepared_and_a_small_release_assessed(monkeypatch: pytest.MonkeyPatch) -> None:
    source = _Source()
    monkeypatch.setattr(warm.registry, "get", lambda kind: source if kind == "forge" else object())
    assessed = []
    real = warm.assess
    monkeypatch.setattr(warm, "assess", lambda evidence, *args: assessed.append(real(evidence, *args)))
    settings = resolve_settings()
    warm.warm_up(["forge", "forge", "other"], settings)  # "other": a source without prepare()
    assert source.prepared == 1
    [assessment] = assessed  # every table the analysis builds on first use: criteria, patterns, licences
    assert any(d.license_id == "MIT" for d in assessment.inventory.declarations)


def test_compare_warms_up_before_scoring(monkeypatch: pytest.MonkeyPatch) -> None:
    from openness import api

    calls: list[list[str]] = []
    monkeypatch.setattr(api, "warm_up", lambda kinds, settings: calls.append(list(kinds)))
    monkeypatch.setattr(api, "score_many", lambda targets, score, **_: [])
    api.compare(["github:octo-org/a", "hf:acme/b"])
    assert calls == [["github", "hf_model"]]
