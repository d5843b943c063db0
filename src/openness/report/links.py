"""Turn evidence references into what a reader sees: a label, and a link at the exact revision scored."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import quote

from ..assessment import Assessment, MemberInfo
from ..inventory import EvidenceRef


@dataclass(frozen=True)
class ShownRef:
    """An evidence reference as shown; two references that would read the same are equal."""

    member: str | None
    """The member it came from, when that is not the primary one (or when nothing else names it)."""
    location: str | None
    """Path, with ``:line`` when known."""
    note: str | None
    link: str | None
    """URL, or the repository-relative path of a local checkout that has no web URL."""

    @property
    def note_text(self) -> str | None:
        """The note as it follows the member and location: in parentheses, unless it stands alone."""
        if not self.note:
            return None
        return f"({self.note})" if self.member or self.location else self.note

    @property
    def label(self) -> str:
        return " ".join(p for p in (self.member, self.location, self.note_text) if p)


def shown_refs(refs: Iterable[EvidenceRef], assessment: Assessment) -> list[ShownRef]:
    """References as shown, in order, each distinct one once (checks often cite the same file twice)."""
    return list(dict.fromkeys(_shown(ref, assessment) for ref in refs))


def _shown(ref: EvidenceRef, assessment: Assessment) -> ShownRef:
    primary = assessment.members[0].id if assessment.members else None
    location = (f"{ref.path}:{ref.line}" if ref.line else ref.path) if ref.path else None
    member = ref.member if ref.member != primary or not (location or ref.note) else None
    return ShownRef(member, location, ref.note, evidence_link(ref, assessment))


def evidence_link(ref: EvidenceRef, assessment: Assessment) -> str | None:
    """URL of a reference at the scored revision when its member has a web URL, else its relative path."""
    if ref.url:
        return ref.url
    if not ref.path or ref.path.startswith("card metadata"):
        return None
    member = _member(ref.member, assessment)
    if member is None or not (member.file_url or member.web_url):
        # Always a relative URL: a file named ``javascript:alert(1)`` must not become a link scheme.
        return "./" + quote(ref.path)
    template = member.file_url or f"{member.web_url}/blob/{{revision}}/{{path}}"
    anchor = f"#L{ref.line}" if ref.line else ""
    return template.format(revision=quote(member.revision or "HEAD", safe=""), path=quote(ref.path)) + anchor


def _member(member_id: str, assessment: Assessment) -> MemberInfo | None:
    return next((m for m in assessment.members if m.id == member_id), None)
