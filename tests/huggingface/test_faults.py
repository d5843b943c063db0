"""The Hub failing one route at a time: retried, or a gap of its own; never a token kept; costs counted."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

import openness.fetch
from openness import api, clock
from openness.errors import FetchError
from openness.evidence import Evidence
from openness.fetch import FetchOptions
from openness.targets import Target

from ..conftest import CliRun
from .fakehub import FakeHub, FakeRepo
from .models import SHA_TINY, TINY_CARD, tiny_model, tiny_model_read_in_full, tiny_model_with_checkpoints

INFO = "/api/models/acme/tiny-llm"
REFS = "/api/models/acme/tiny-llm/refs"


def without_code_links() -> FakeRepo:
    """The tiny model, its card naming no GitHub repository (so no GitHub is needed to follow it)."""
    model = tiny_model()
    card = TINY_CARD.replace("Code: https://github.com/acme/tiny-llm", "").replace(
        "(built with https://github.com/huggingface/transformers)", "")
    model.files["README.md"] = card.encode()
    return model


def fetch(target: str = "hf:acme/tiny-llm", **kwargs) -> Evidence:
    kwargs.setdefault("follow_links", False)
    return api.fetch_evidence(target, **kwargs)


def test_a_502_on_info_is_retried_then_the_fetch_succeeds(hub: FakeHub) -> None:
    hub.add(tiny_model())
    hub.fail(INFO, 502, times=2)
    evidence = fetch()
    assert [r.status for r in hub.requests(contains=INFO) if r.path == INFO] == [502, 502, 200]
    assert evidence.primary.revision == SHA_TINY
    assert {g.kind for g in evidence.primary.gaps} == {"truncated"}  # only what was not asked, by choice
    assert evidence.requests == len(hub.log)  # the failed attempts count too


def test_info_failing_past_the_retries_is_one_clear_error(hub: FakeHub) -> None:
    hub.add(tiny_model())
    hub.fail(INFO, 502)
    with pytest.raises(FetchError, match="answered HTTP 502") as info:
        fetch()
    assert info.value.exit_code == 3 and "\n" not in str(info.value)
    assert len(hub.requests(contains=INFO)) == 4  # the first attempt and the policy's 3 retries


def test_a_502_on_refs_is_a_tags_gap_and_versioning_unknown(hub: FakeHub) -> None:
    hub.add(tiny_model_with_checkpoints())
    hub.fail(REFS, 502)
    evidence = fetch()
    member = evidence.primary
    gap = next(g for g in member.gaps if g.what == "tags")
    assert gap.kind == "server_error" and "tags and branches" in gap.reason and "502" in gap.reason
    assert member.releases == [] and member.host.branches == []
    assert [d.path for d in member.documents] == ["LICENSE", "README.md"]  # the rest is read
    inventory = api.score_evidence(evidence).inventory
    facts = inventory.facts
    assert facts is not None and facts.versioning.status == "unknown"
    assert facts.versioning.gap == gap
    checkpoints = inventory.component("intermediate_parameters")  # the Hub keeps them as branches
    assert checkpoints.status == "unknown" and "tags and branches" in (checkpoints.note or "")


def test_a_502_on_refs_still_gives_a_report(hub: FakeHub, run_cli: Callable[..., CliRun]) -> None:
    hub.add(tiny_model_with_checkpoints())
    hub.fail(REFS, 502)
    result = run_cli("score", "hf:acme/tiny-llm", "--no-follow", "--format", "json")
    assert result.code in (0, 1), result.stderr
    report = json.loads(result.stdout)
    assert ("tags", "server_error") in {(g["what"], g["kind"]) for g in report["fetch"]["gaps"]}


def test_a_refused_document_is_remembered_for_its_revision(hub: FakeHub) -> None:
    hub.add(tiny_model_read_in_full())
    hub.fail(f"/acme/tiny-llm/resolve/{SHA_TINY}/LICENSE", 401)
    cold = fetch()
    assert ("LICENSE", "forbidden") in {(g.what, g.kind) for g in cold.primary.gaps}
    hub.log.clear()
    warm = fetch()
    assert not hub.requests(contains="/resolve/")
    assert [r.status for r in hub.log] == [304, 304]  # info and refs: conditional, nothing downloaded
    assert warm.primary.gaps == cold.primary.gaps and warm.bytes == 0


def test_a_refused_document_is_asked_again_with_another_token(hub: FakeHub, monkeypatch: pytest.MonkeyPatch) -> None:
    hub.add(tiny_model_read_in_full())
    hub.fail(f"/acme/tiny-llm/resolve/{SHA_TINY}/LICENSE", 401, times=1)
    fetch()
    monkeypatch.setenv("HF_TOKEN", "hf_AnotherToken0123456789")
    hub.log.clear()
    assert fetch().primary.document("LICENSE") is not None
    assert len(hub.requests(contains="/resolve/")) == 1


def test_a_server_error_on_a_document_is_not_remembered(hub: FakeHub) -> None:
    hub.add(tiny_model())
    hub.fail(f"/acme/tiny-llm/resolve/{SHA_TINY}/README.md", 503, times=4)
    cold = fetch()
    assert ("README.md", "server_error") in {(g.what, g.kind) for g in cold.primary.gaps}
    hub.log.clear()
    assert fetch().primary.document("README.md") is not None


def test_a_token_echoed_by_the_hub_is_kept_nowhere(hub: FakeHub, monkeypatch: pytest.MonkeyPatch,
                                                   tmp_path: Path) -> None:
    secret = "hf_EchoedSecret0123456789"
    monkeypatch.setenv("HF_TOKEN", secret)
    model = tiny_model()
    model.info = {**model.info, "author": secret, "tags": [*model.info["tags"], f"echo:{secret}"],
                  "cardData": {**model.info["cardData"], "model_name": f"named {secret}"}}
    model.tags = [f"v-{secret}"]
    hub.add(model)
    evidence = fetch()
    assert f"Bearer {secret}" in {r.authorization for r in hub.log}  # it was sent, so it could be echoed
    dumped = evidence.model_dump_json()
    assert secret not in dumped and "echo:***" in dumped
    assert secret not in api.score_evidence(evidence).model_dump_json()
    cached = [path for path in (tmp_path / "cache").rglob("*") if path.is_file()]
    assert cached and not [path for path in cached if secret.encode() in path.read_bytes()]


def test_requests_and_bytes_are_counted(hub: FakeHub, run_cli: Callable[..., CliRun]) -> None:
    hub.add(tiny_model())
    result = run_cli("score", "hf:acme/tiny-llm", "--no-follow", "--format", "json")
    fetched = json.loads(result.stdout)["fetch"]
    assert fetched["requests"] == len(hub.log) == 3
    model = tiny_model()
    documents = sum(len(model.files[p]) for p in ("README.md", "LICENSE"))  # type: ignore[arg-type]
    assert documents < fetched["bytes"] < documents + 10_000  # the card, the licence and one small JSON answer
    hub.log.clear()
    warm = json.loads(run_cli("score", "hf:acme/tiny-llm", "--no-follow", "--format", "json").stdout)["fetch"]
    assert (warm["requests"], warm["bytes"]) == (1, 0)  # the info call, answered 304


def test_a_followed_member_that_fails_is_counted(hub: FakeHub) -> None:
    hub.add(without_code_links())  # its dataset and base model are not on the Hub
    hub.fail("/api/datasets/acme/tiny-corpus", 502)
    evidence = api.fetch_evidence("hf:acme/tiny-llm", follow_links=True)
    assert {g.what for g in evidence.gaps} >= {"dataset acme/tiny-corpus", "base model acme/tiny-base"}
    assert len(hub.requests(contains="/api/datasets/acme/tiny-corpus")) == 4
    assert evidence.requests == len(hub.log)


def test_bundle_progress_names_each_member_before_its_first_request(hub: FakeHub) -> None:
    """A slow host must not leave the run silent: "following …" comes before the member's first request,
    "could not reach" after its last."""
    from openness import progress

    hub.add(without_code_links())
    hub.fail("/api/datasets/acme/tiny-corpus", 502)
    events: list[tuple[str, str, list[str]]] = []
    with progress.listening(lambda e: events.append((e.kind, e.message, [r.path for r in hub.log]))):
        api.fetch_evidence("hf:acme/tiny-llm", follow_links=True)
    bundle = [(kind, message.split(":")[0]) for kind, message, _ in events if kind in {"follow", "unreachable"}]
    assert bundle == [("follow", "following dataset acme/tiny-corpus"), ("unreachable", "dataset acme/tiny-corpus"),
                      ("follow", "following base model acme/tiny-base"), ("unreachable", "base model acme/tiny-base")]
    asked = {message: seen for kind, message, seen in events}
    assert not [p for p in asked["following dataset acme/tiny-corpus"] if "tiny-corpus" in p]
    assert not [p for p in asked["following base model acme/tiny-base"] if "tiny-base" in p]
    assert [p for p in asked["fetching hf:acme/tiny-llm"]] == []


def test_retries_stop_at_the_runs_wait_budget(hub: FakeHub, monkeypatch: pytest.MonkeyPatch) -> None:
    from openness.fetch import hub_client
    from openness.fetch.http import Tuning

    monkeypatch.setattr(hub_client, "TUNING", Tuning(backoff_factor=10))  # 10 s, then 20 s: past a 15 s budget
    monkeypatch.setattr("openness.fetch.http.time.sleep", lambda seconds: None)
    hub.add(tiny_model())
    hub.fail(INFO, 503)
    options = FetchOptions(now=clock.now(), follow_links=False, max_wait_seconds=15)
    with pytest.raises(FetchError, match="15 s wait budget") as info:
        openness.fetch.fetch(Target("hf_model", "acme/tiny-llm"), options)
    assert info.value.exit_code == 3 and len(hub.requests(contains=INFO)) == 2


def test_a_502_on_a_document_is_retried(hub: FakeHub) -> None:
    hub.add(tiny_model())
    hub.fail(f"/acme/tiny-llm/resolve/{SHA_TINY}/README.md", 502, times=1)
    member = fetch().primary
    assert member.document("README.md") is not None and {g.kind for g in member.gaps} == {"truncated"}


def test_refs_lost_online_are_an_offline_gap_later(hub: FakeHub) -> None:
    hub.add(tiny_model_with_checkpoints())
    hub.fail(REFS, 502)
    fetch()
    hub.log.clear()
    gap = next(g for g in fetch(offline=True).primary.gaps if g.what == "tags")
    assert gap.kind == "offline" and hub.log == []
