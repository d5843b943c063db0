"""The registry of check functions, filled by the ``@check`` decorator."""

from __future__ import annotations

from collections.abc import Callable

from .base import CheckFunction

CHECKS: dict[str, CheckFunction] = {}


def check(name: str) -> Callable[[CheckFunction], CheckFunction]:
    """Register ``function`` under ``name``; criteria refer to it by that name."""

    def register(function: CheckFunction) -> CheckFunction:
        if name in CHECKS:
            raise RuntimeError(f"check '{name}' registered twice")
        CHECKS[name] = function
        return function

    return register
