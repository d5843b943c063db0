"""The fake GitHub and the fake Hub together: a source fails one route, the report says unknown."""

from __future__ import annotations

from ..github.conftest import fake
from ..huggingface.conftest import hub

__all__ = ["fake", "hub"]
