"""The one place the current time comes from.

Reports carry timestamps; everything else is a pure function of the evidence. Setting
``SOURCE_DATE_EPOCH`` (the reproducible-builds convention) fixes the time, which makes
whole runs byte-identical for tests and for the example reports.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime


def now() -> datetime:
    """Current UTC time, or the time fixed by ``SOURCE_DATE_EPOCH``."""
    fixed = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if fixed.isdigit():
        return datetime.fromtimestamp(int(fixed), tz=UTC)
    return datetime.now(tz=UTC).replace(microsecond=0)
