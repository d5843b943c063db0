"""What one recorded report becomes in the store: the whole report and its indexed columns.

Pure functions of the ``Assessment``, so a saved JSON report records exactly as a fresh run does.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from ..assessment import Assessment
from ..fetch.http import configured_secrets, redact
from ..inventory.coverage import license_of


@dataclass(frozen=True)
class HistoryEntry:
    """One point of a target's timeline: the indexed columns of one record, not the report."""

    id: int
    target: str
    revision: str | None
    recorded_at: str
    tool_version: str
    profile: str
    criteria_digest: str
    overall: float | None
    grade: str
    coverage: float
    dimensions: dict[str, float | None] = field(default_factory=dict)
    verdicts: dict[str, str] = field(default_factory=dict)
    licences: dict[str, str | None] = field(default_factory=dict)


def criteria_digest(assessment: Assessment) -> str:
    """A digest of what the scores rest on, as the report itself states it: the profile, its gate,
    the dimension weights and every criterion's id, dimension, weight and text.

    Taken from the report rather than the criteria files so a saved report records the same digest
    as the run that wrote it; two records with different digests were scored by different rules,
    and a timeline says so instead of showing the change as the target's.
    """
    basis = {
        "profile": [assessment.profile.name, assessment.profile.criteria_source, assessment.profile.fail_under],
        "dimensions": {name: d.weight for name, d in sorted(assessment.dimensions.items())},
        "criteria": sorted((f.criterion, f.dimension, f.weight, f.title, f.description) for f in assessment.findings),
    }
    return hashlib.sha256(json.dumps(basis, sort_keys=True).encode()).hexdigest()


def report_text(assessment: Assessment) -> str:
    """The JSON report as stored: canonical, and with every configured token (and anything shaped like
    one) replaced, though reports hold none: the store is the one file that keeps every report."""
    return redact(assessment.model_dump_json(), configured_secrets())


def record_row(assessment: Assessment, report: str) -> dict[str, Any]:
    s = assessment.score
    return {
        "target_kind": assessment.target.kind, "target_id": assessment.target.id,
        "revision": assessment.target.revision, "recorded_at": assessment.generated_at,
        "tool_version": assessment.tool.version, "profile": assessment.profile.name,
        "criteria_digest": criteria_digest(assessment), "overall": s.overall, "grade": s.grade,
        "coverage": s.coverage, "report": report, "report_digest": hashlib.sha256(report.encode()).hexdigest(),
    }


def dimension_rows(assessment: Assessment) -> list[dict[str, Any]]:
    return [{"dimension": name, "score": d.score, "coverage": d.coverage} for name, d in assessment.dimensions.items()]


def verdict_rows(assessment: Assessment) -> list[dict[str, Any]]:
    return [{"lens": lens_id, "verdict": lens.verdict[:255], "status": lens.status, "rank": lens.rank}
            for lens_id, lens in assessment.frameworks.items()]


def licence_rows(assessment: Assessment) -> list[dict[str, Any]]:
    rows = []
    for c in assessment.inventory.components:
        licence = license_of(c).license_id
        rows.append({"component": c.key, "slot": c.license_slot, "status": c.status,
                     "license_id": licence[:255] if licence else None, "access": c.access})
    return rows
