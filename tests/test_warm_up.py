"""A comparison builds once, before forking its workers, what each worker would otherwise build itself."""

from __future__ import annotations

import pytest

from openness import warm_up as warm
from openness.licenses import reference
from openness.settings import resolve_settings


class _Source:
    def __init__(self) -> None:
        self.prepared = 0

    def prepare(self) -> None:
        self.prepared += 1


def test_the_sources_are_prepared_and_the_licence_tables_built(monkeypatch: pytest.MonkeyPatch) -> None:
    source = _Source()
    monkeypatch.setattr(warm.registry, "get", lambda kind: source if kind == "forge" else object())
    reference.references.cache_clear()
    warm.warm_up(["forge", "forge", "other"], resolve_settings())  # "other": a source without prepare()
    assert source.prepared == 1
    assert reference.references.cache_info().currsize == 1


def test_compare_warms_up_before_scoring(monkeypatch: pytest.MonkeyPatch) -> None:
    from openness import api

    calls: list[list[str]] = []
    monkeypatch.setattr(api, "warm_up", lambda kinds, settings: calls.append(list(kinds)))
    monkeypatch.setattr(api, "score_many", lambda targets, score, **_: [])
    api.compare(["github:octo-org/a", "hf:acme/b"])
    assert calls == [["github", "hf_model"]]
