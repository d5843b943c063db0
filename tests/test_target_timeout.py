"""A target over ``--target-timeout`` becomes a failed column while the others complete.

The slow target is a source registered through the source registry (as a plug-in would add one)
whose fetch sleeps far longer than the limit: the worker process is killed, not waited for.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable

import pytest

from openness import api
from openness.evidence import Evidence, Member, TargetRef
from openness.fetch import FetchOptions, registry
from openness.targets import Target

from .conftest import CliRun


class _SlowForge:
    kind = "slowforge"
    label = "Slow forge repository"
    prefixes = ("slowforge:",)
    forms = ("slowforge:NAME",)
    service = "slowforge"
    concurrency = 2

    def hosts(self) -> frozenset[str]:
        return frozenset({"slowforge.example"})

    def parse(self, body: str, original: str) -> Target:
        return Target(self.kind, body)

    def parse_url(self, parts: list[str], original: str) -> Target:
        return Target(self.kind, "/".join(parts))

    def fetch(self, target: Target, options: FetchOptions) -> Evidence:
        if target.id.startswith("hangs"):
            time.sleep(600)
        member = Member(kind=self.kind, source_label=self.label, id=target.id, revision=str(os.getpid()))
        return Evidence(target=TargetRef(kind=self.kind, id=target.id), fetched_at="2025-11-26T00:00:00+00:00",
                        members=[member])


@pytest.fixture
def slow_forge(monkeypatch: pytest.MonkeyPatch) -> None:
    registry.sources()
    monkeypatch.setattr(registry, "_sources", dict(registry._sources))
    registry.register(_SlowForge())


@pytest.mark.usefixtures("slow_forge")
def test_a_target_over_its_time_limit_is_a_failed_column(run_cli: Callable[..., CliRun]) -> None:
    args = ("compare", "slowforge:quick", "slowforge:hangs", "--target-timeout", "1", "-f", "json")
    started = time.monotonic()
    result = run_cli(*args, "--allow-partial")
    assert time.monotonic() - started < 60  # the hung worker was stopped, not waited for
    assert result.code == 0, result.stderr
    targets = json.loads(result.stdout)["targets"]
    assert [(t["ok"], t["error"]) for t in targets] == [(True, None), (False, "timed out after 1 s")]
    assert "openness: not scored: timed out after 1 s" in result.stderr
    assert run_cli(*args).code == 3


@pytest.mark.usefixtures("slow_forge")
def test_the_time_limit_through_the_api() -> None:
    """Both workers the service may have hang; they are replaced, and the target after them is scored."""
    columns = api.compare(["slowforge:hangs", "slowforge:hangs-too", "slowforge:quick"], timeout=0.5)
    assert [c.error for c in columns] == ["timed out after 0.5 s", "timed out after 0.5 s", None]
    assert columns[2].assessment is not None and columns[2].assessment.target.id == "quick"


@pytest.mark.usefixtures("slow_forge")
def test_workers_serve_several_targets() -> None:
    """A worker scores one target after another (what it builds once is reused): no more worker
    processes than the service's limit, and none of them is this process."""
    columns = api.compare([f"slowforge:quick{i}" for i in range(6)], timeout=None)
    workers = {c.assessment.members[0].revision for c in columns if c.assessment}
    assert len(columns) == 6 and 1 <= len(workers) <= _SlowForge.concurrency and str(os.getpid()) not in workers
