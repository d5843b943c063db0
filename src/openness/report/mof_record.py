"""Text and JSON output of ``openness mof FILE.yml``: a Model Openness Tool record's class and checks."""

from __future__ import annotations

from ..frameworks.mot_record import RecordResult


def render_record_json(result: RecordResult) -> str:
    return result.model_dump_json(indent=2) + "\n"


def render_record_text(result: RecordResult) -> str:
    """Plain text for a terminal; record text is printed as is (no markup is interpreted)."""
    mof = result.mof
    lines = [
        f"{result.name}: {mof.label}",
        f"progress: Class III {mof.progress.III:.1f} %, Class II {mof.progress.II:.1f} %, Class I {mof.progress.I:.1f} %",
        f"why: {mof.reason}",
    ]
    if mof.missing:
        lines.append("missing: " + ", ".join(mof.missing))
    if mof.not_open:
        shown = [f"{c.name} ({c.license or 'no licence'})" for c in mof.components if c.name in mof.not_open]
        lines.append("not open: " + ", ".join(shown))
    lines += [f"warning: {w}" for w in mof.warnings]
    lines += [f"ignored: {p}" for p in result.problems]
    if result.verification is not None:
        lines.append(f"verified against {result.verified_against}:")
        if not result.verification:
            lines.append("  the record and the evidence agree on every component")
        for d in result.verification:
            lines.append(f"  {d.component}: record says {d.record}; evidence: {d.evidence}")
    return "\n".join(lines) + "\n"
