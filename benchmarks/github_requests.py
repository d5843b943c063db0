"""Print how many HTTP requests (and bytes) the GitHub fetcher costs, cold, warm and offline.

Kept for the command the README names; the figures come from ``fetch_cost.py`` (the fake GitHub,
no network): ``python benchmarks/github_requests.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fetch_cost import main  # noqa: E402

if __name__ == "__main__":
    main()
