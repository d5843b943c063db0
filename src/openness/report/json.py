"""The JSON scorecard: the Assessment as validated by ``schemas/report.schema.json``."""

from __future__ import annotations

from ..assessment import Assessment


def render_json(assessment: Assessment) -> str:
    return assessment.model_dump_json(indent=2) + "\n"
