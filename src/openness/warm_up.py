"""Build once, before a comparison forks its workers, what every worker would build for itself.

A forked worker inherits its parent's memory, so whatever the parent has already imported or
computed costs the workers nothing. Left to themselves, each of a comparison's workers (up to
four per service) imported the sources' client libraries and built the analysis' process-wide
tables (the licence references and template matcher, the SPDX library, criteria, patterns) on its
first target: 1–2 s of CPU each, which is why a warm ``compare`` of 20 targets took 5–11 s on two
cores and was no faster than a cold one. Here the parent imports the fetch modules of the
targets' sources and assesses one small built-in release (a README and an MIT licence), which
touches every one of those tables, so the workers start warm.
"""

from __future__ import annotations

from collections.abc import Iterable

from . import __version__
from .assess import assess
from .evidence import Document, Evidence, FileEntry, Member, TargetRef
from .fetch import registry
from .licenses.reference import reference
from .settings import Settings

_README = "# warm-up\n\nA small project.\n\n## Install\n\npip install warm-up\n\n## License\n\nMIT\n"


def warm_up(kinds: Iterable[str], settings: Settings) -> None:
    """Import the fetch modules of the sources of ``kinds`` and fill the analysis' tables (``settings``:
    the comparison's, so its criteria are the ones loaded)."""
    for kind in set(kinds):
        source = registry.get(kind)
        prepare = getattr(source, "prepare", None)  # optional: a program's own source may have none
        if prepare is not None:
            prepare()
    mit = reference("MIT")
    documents = [Document(path="README.md", text=_README, size=len(_README))]
    if mit is not None:
        documents.append(Document(path="LICENSE", text=mit.text, size=len(mit.text)))
    member = Member(kind="local", source_label="local checkout", id="warm-up",
                    files=[FileEntry(path=d.path, size=d.size) for d in documents], documents=documents)
    evidence = Evidence(target=TargetRef(kind="local", id="warm-up"), fetched_at="2000-01-01T00:00:00+00:00",
                        members=[member])
    assess(evidence, settings, evidence.fetched_at, __version__)
