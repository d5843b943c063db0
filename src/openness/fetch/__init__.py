"""Sources turn a ``Target`` into ``Evidence``; one module per source, found through ``registry``.

``fetch`` is the single entry point the CLI and the library use.
"""

from __future__ import annotations

from ..errors import NotSupportedError
from ..evidence import Evidence
from ..targets import Target
from . import registry
from .interface import FetchOptions, Source
from .saved import load_evidence

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
