"""What the scored project says about itself: its host description and the opening of its README.

Reports show it so a reader recognises the subject. The text is untrusted (anyone can
write a model card); reporters escape or sanitise it. Pure: evidence in, ``AboutInfo`` out.
"""

from __future__ import annotations

from .assessment import AboutInfo
from .cards import CardMetadataError, split_front_matter
from .inventory import EvidenceRef, Signals

EXCERPT_CHARS = 1500
"""Longest excerpt kept, cut at a paragraph boundary where possible."""


def about(signals: Signals) -> AboutInfo:
    """Description and README excerpt of the primary member."""
    primary = signals.primary
    readme = signals.readme()
    excerpt = source = None
    if readme is not None:
        try:
            _, body = split_front_matter(readme.text)
        except CardMetadataError:
            body = readme.text
        excerpt = _cut(body.strip()) or None
        source = EvidenceRef(member=primary.id, path=readme.path) if excerpt else None
    return AboutInfo(description=primary.host.description or None, excerpt=excerpt, excerpt_source=source)


def _cut(text: str) -> str:
    if len(text) <= EXCERPT_CHARS:
        return text
    head = text[:EXCERPT_CHARS]
    paragraph = head.rfind("\n\n")
    return (head[:paragraph] if paragraph > EXCERPT_CHARS // 3 else head).rstrip() + "\n\n…"
