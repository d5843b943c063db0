"""What every source of evidence provides: the ``Source`` protocol and the options of a fetch.

A source turns the text a user typed into a ``Target`` (``github:o/r``, a URL on one of its
hosts) and a ``Target`` into ``Evidence``. Sources are registered in ``registry``; parsing and
fetching ask the registry, so adding a source is one module and one registration line.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from ..evidence import Evidence
    from ..targets import Target


@dataclass(frozen=True)
class FetchOptions:
    """How to fetch: cache use, network use, and whether to follow a bundle's links."""

    now: datetime
    offline: bool = False
    use_cache: bool = True
    follow_links: bool = True
    max_wait_seconds: float = 60.0
    """Wait for a rate-limit reset or a Retry-After only up to this; beyond it, stop with an error."""
    read_config: bool = False
    """Read a Hub model's ``config.json`` even when the info call gives its architecture: one request
    more, for the hyperparameters the bills of materials list (``--aibom``, ``--spdx``)."""


class Source(Protocol):
    """One place evidence comes from (a forge, a model hub, the disk).

    ``kind`` names the source in targets and evidence (``Member.kind``); ``prefixes`` are the
    target prefixes it owns (``"github:"``), the first of them used to print a target back;
    ``hosts()`` the URL host names it accepts (read at call time: an enterprise host may come
    from the environment). ``service`` names the concurrency pool batch runs use for it.

    A source may also have ``prepare()``: import now what ``fetch`` imports on use (its client
    library). A comparison calls it once before forking its workers, which then inherit the
    imported modules instead of each importing them again (``openness.warm_up``).
    """

    kind: str
    label: str
    purl_type: str | None
    """The Package URL type of its repositories (``github``, ``huggingface``); None when the purl
    specification has none for them. Bills of materials name a member by it."""
    prefixes: Sequence[str]
    forms: Sequence[str]
    """How its targets are written, for help and error messages (``github:OWNER/REPO[@REF]``)."""
    service: str
    concurrency: int

    def hosts(self) -> frozenset[str]:
        """Lower-case host names whose URLs this source parses (``github.com``)."""
        ...

    def parse(self, body: str, original: str) -> Target:
        """The target written after one of ``prefixes`` (``owner/repo@ref``); ``TargetError`` if malformed."""
        ...

    def parse_url(self, parts: list[str], original: str) -> Target:
        """The target of a URL on one of ``hosts()``; ``parts`` are its decoded path segments."""
        ...

    def fetch(self, target: Target, options: FetchOptions) -> Evidence:
        """Evidence for ``target``; an ``OpennessError`` subclass when it cannot be had."""
        ...
