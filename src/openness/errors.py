"""The exceptions users see. Each carries the exit code the CLI returns for it.

The CLI prints ``str(error)`` as one line and exits with ``error.exit_code``; no user
error ever shows a traceback.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pydantic import ValidationError


def first_problem(error: ValidationError, top: str = "(top level)") -> tuple[str, str]:
    """Where pydantic's first complaint is (a dotted field path, ``top`` for the whole value) and what it
    says: every one-line "bad file" or "bad answer" message is made from these two."""
    first = error.errors()[0]
    return ".".join(str(part) for part in first["loc"]) or top, first["msg"]


class OpennessError(Exception):
    """Base of every error the CLI turns into one line and an exit code."""

    exit_code = 2


class UsageError(OpennessError):
    """Bad command-line input: a malformed target, an unknown option value, a missing file."""

    exit_code = 2


class CriteriaError(OpennessError):
    """A criteria, profile or configuration file is malformed."""

    exit_code = 2


class EvidenceFileError(OpennessError):
    """A saved evidence file cannot be read back."""

    exit_code = 2


class FetchError(OpennessError):
    """The target could not be fetched: not found, private, rate limited, server down."""

    exit_code = 3


class NotSupportedError(OpennessError):
    """A target kind whose fetcher does not exist yet."""

    exit_code = 2
