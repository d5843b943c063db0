"""Turn an evidence reference into a link at the exact revision that was scored."""

from __future__ import annotations

from urllib.parse import quote

from ..assessment import Assessment, MemberInfo
from ..inventory import EvidenceRef


def evidence_link(ref: EvidenceRef, assessment: Assessment) -> str | None:
    """URL (hosted members) or relative path (local checkouts) of a reference, if it has one."""
    if ref.url:
        return ref.url
    if not ref.path or ref.path.startswith("card metadata"):
        return None
    member = _member(ref.member, assessment)
    if member is None or member.kind == "local" or not member.web_url:
        return ref.path
    revision = quote(member.revision or "HEAD", safe="")
    anchor = f"#L{ref.line}" if ref.line else ""
    return f"{member.web_url}/blob/{revision}/{quote(ref.path)}{anchor}"


def evidence_label(ref: EvidenceRef, assessment: Assessment) -> str:
    """Short text for a reference: member (when not the primary one), path, line, note."""
    parts = []
    if assessment.members and ref.member != assessment.members[0].id:
        parts.append(ref.member)
    if ref.path:
        parts.append(f"{ref.path}:{ref.line}" if ref.line else ref.path)
    if ref.note and not parts:
        parts.append(ref.note)
    elif ref.note:
        parts.append(f"({ref.note})")
    return " ".join(parts) or ref.member


def _member(member_id: str, assessment: Assessment) -> MemberInfo | None:
    return next((m for m in assessment.members if m.id == member_id), None)
