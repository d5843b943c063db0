"""Sources turn a ``Target`` into ``Evidence``; one module per source, found through ``registry``.

``fetch`` is the single entry point the CLI and the library use.
"""

from __future__ import annotations

import os

# Before any module of this package imports huggingface_hub, which reads its constants once: the
# tool sends no requests but its own (with telemetry on, huggingface_hub's first request of a
# process asks huggingface.co for an "agent harness" list, whatever HF_ENDPOINT says).
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")

from ..errors import NotSupportedError  # noqa: E402
from ..evidence import Evidence  # noqa: E402
from ..targets import Target  # noqa: E402
from . import registry  # noqa: E402
from .interface import FetchOptions, Source  # noqa: E402
from .saved import load_evidence  # noqa: E402

__all__ = ["FetchOptions", "Source", "fetch", "load_evidence", "registry"]


def fetch(target: Target, options: FetchOptions) -> Evidence:
    """Evidence for ``target``; raises an ``OpennessError`` subclass when it cannot be had.

    No exception is translated here: each source turns what a server said into a
    ``FetchError`` or a gap where it reads the answer, so a bug in the tool stays a bug.
    """
    source = registry.get(target.kind)
    if source is None:
        raise NotSupportedError(f"{target}: fetching {target.kind.replace('_', ' ')} targets is not supported yet")
    return source.fetch(target, options)
