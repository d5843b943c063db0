"""Shared fixtures for the licence tests."""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[3] / "shared"

@pytest.fixture
def shared() -> Path:
    if not (SHARED / "fixtures").is_dir():
        pytest.skip("../shared fixtures are absent")
    return SHARED
