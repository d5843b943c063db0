"""Each test gets its own fake Hub, HF cache, openness cache and no token of the developer's."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from huggingface_hub import constants

from openness.fetch import hub_client
from openness.fetch.http import Tuning

from .fakehub import FakeHub

REPO_ROOT = Path(__file__).resolve().parents[2]
SHARED = REPO_ROOT.parent / "shared"


@pytest.fixture
def hub(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeHub]:
    fake = FakeHub()
    monkeypatch.setenv("HF_ENDPOINT", fake.url)
    monkeypatch.setenv("OPENNESS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "hf" / "hub"))
    for var in ("HF_TOKEN", "HUGGING_FACE_HUB_TOKEN", "HF_HUB_OFFLINE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setattr(constants, "HF_TOKEN_PATH", str(tmp_path / "hf" / "token"))
    monkeypatch.setattr(constants, "HF_HUB_DISABLE_IMPLICIT_TOKEN", False)
    monkeypatch.setattr(constants, "HF_HUB_OFFLINE", False)
    # huggingface_hub fetches an "agent harness" registry for its User-Agent unless telemetry is off.
    monkeypatch.setattr(constants, "HF_HUB_DISABLE_TELEMETRY", True)
    monkeypatch.setattr(hub_client, "TUNING", Tuning(backoff_factor=0))  # the policy, without its sleeps
    try:
        yield fake
    finally:
        fake.close()


@pytest.fixture
def shared_hf_api() -> Path:
    path = SHARED / "fixtures" / "huggingface" / "api"
    if not path.is_dir():
        pytest.skip("../shared/fixtures/huggingface/api is absent")
    return path
