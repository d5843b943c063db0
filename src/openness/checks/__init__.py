"""The check functions criteria name, one module per dimension.

``CHECKS`` maps a check name (as written in ``criteria/*.yaml``) to its function. A check
takes a ``CheckContext`` and the criterion's parameters as keyword arguments.
"""

from __future__ import annotations

from . import accessibility, claims, common, frameworks, licensing, reproducibility, transparency  # noqa: F401  (register checks)
from .base import CheckContext, CheckFunction, Outcome
from .registry import CHECKS

__all__ = ["CHECKS", "CheckContext", "CheckFunction", "Outcome"]
