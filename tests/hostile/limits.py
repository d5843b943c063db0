"""Run a piece of a test under a time and a memory bound, in-process."""

from __future__ import annotations

import resource
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

MEMORY_HEADROOM = 1024**3
"""How much the address space may grow while a bounded block runs."""


class CaseTimeout(BaseException):
    """Raised by the alarm; not an ``Exception``, so the CLI's own error handling cannot swallow it."""


@contextmanager
def bounded(seconds: float) -> Iterator[None]:
    """Fail the block when it runs longer than ``seconds``; on Linux, an allocation that would grow the
    address space by more than ``MEMORY_HEADROOM`` raises ``MemoryError`` (the CLI reports it as an
    internal error, which fails the case)."""

    def alarm(_signum: int, _frame: Any) -> None:
        raise CaseTimeout

    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    used = _address_space()
    if used is not None:
        limit = used + MEMORY_HEADROOM if hard == resource.RLIM_INFINITY else min(hard, used + MEMORY_HEADROOM)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except CaseTimeout:
        # No traceback: the alarm can land in a frame without a line number, which pytest cannot print.
        pytest.fail(f"still running after {seconds} s", pytrace=False)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        if used is not None:
            resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
        signal.signal(signal.SIGALRM, previous)


def _address_space() -> int | None:
    """This process's address space in bytes; None where ``/proc`` does not say (no memory bound there)."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[0]) * resource.getpagesize()
    except OSError:
        return None
