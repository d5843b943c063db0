"""SARIF 2.1.0 for GitHub code scanning, for a local checkout.

Every criterion is a rule, even passing and not-applicable ones: GitHub closes an alert
only when a later run lists its rule without a result (OpenSSF Scorecard does the same).
Results exist for failed (``error``) and partial (``warning``) findings, located on the
file they concern (their evidence), else on the licence file for a criterion about
licences, else on the README (a missing CONTRIBUTING or SECURITY file has no place of
its own), else on the repository root.
No ``security-severity``: these are not security alerts.
A finding the maintainers waived (``.openness.yaml`` or ``[tool.openness]``) keeps its result,
marked suppressed: ``kind: external`` (the waiver lives in a file of its own, not beside the
flagged line), ``status: accepted`` and the waiver's reason and owner as the justification.
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import quote

from ..assessment import Assessment, Finding
from ..errors import UsageError
from ..inventory import EvidenceRef
from .templating import dimension_label

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/openness-dev/openness"
NO_FILE = "no file associated with this alert"
"""Scorecard's placeholder URI for repository-level results; GitHub accepts it."""
LEVELS = {"fail": "error", "partial": "warning"}
_TEXT_LIMIT = 1024
_ABOUT_LICENCES = re.compile(r"licen[cs]", re.I)


def render_sarif(assessment: Assessment) -> str:
    """The SARIF log as JSON text. Raises ``UsageError`` for targets that are not a checkout."""
    if assessment.target.kind != "local":
        raise UsageError(
            f"SARIF is for a local checkout (GitHub code scanning); {assessment.target.id} is a "
            f"{assessment.target.kind.replace('_', ' ')} target: use --format json or html")
    return json.dumps(sarif_log(assessment), indent=2, ensure_ascii=False) + "\n"


def sarif_log(assessment: Assessment) -> dict[str, Any]:
    index = {f.criterion: i for i, f in enumerate(assessment.findings)}
    results = [_result(f, index[f.criterion], assessment) for f in assessment.findings if f.status in LEVELS]
    run: dict[str, Any] = {
        "tool": {"driver": {
            "name": assessment.tool.name,
            "semanticVersion": assessment.tool.version,
            "informationUri": INFORMATION_URI,
            "rules": [_rule(f) for f in assessment.findings],
        }},
        "automationDetails": {"id": f"openness/{assessment.profile.name}/"},
        "results": results,
    }
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}


def _rule(finding: Finding) -> dict[str, Any]:
    help_text = f"{finding.description or finding.title}\n\nRemediation: {finding.remediation}"
    help_markdown = (f"{finding.description or finding.title}\n\n**Remediation:** {finding.remediation}\n\n"
                     f"Dimension: {dimension_label(finding.dimension)}.")
    return {
        "id": finding.criterion,
        "name": _pascal(finding.criterion),
        "shortDescription": {"text": _limit(finding.title)},
        "fullDescription": {"text": _limit(finding.description or finding.title)},
        "help": {"text": help_text, "markdown": help_markdown},
        **({"helpUri": finding.documentation.url} if finding.documentation else {}),
        "defaultConfiguration": {"level": "warning"},
        "properties": {"tags": ["openness", finding.dimension], "precision": "medium",
                       "problem.severity": "warning"},
    }


def _result(finding: Finding, rule_index: int, assessment: Assessment) -> dict[str, Any]:
    gain = f" Passing it would add {finding.gain:.1f} points." if finding.gain else ""
    message = (f"{finding.title}: {finding.status} ({_sentence(finding.reason)}).{gain} "
               f"Remediation: {finding.remediation}")
    uri, line = _location(finding, assessment)
    if finding.waiver is not None and not finding.waived:
        message += f" ({finding.waiver.note}.)"
    suppression = {"suppressions": [_suppression(finding)]} if finding.waived else {}
    return {
        "ruleId": finding.criterion,
        "ruleIndex": rule_index,
        "level": LEVELS[finding.status],
        "message": {"text": message},
        "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": uri, "uriBaseId": "%SRCROOT%"},
            "region": {"startLine": line},
        }}],
        **suppression,
    }


def _suppression(finding: Finding) -> dict[str, Any]:
    waiver = finding.waiver
    assert waiver is not None  # only waived findings are suppressed
    owner = f" (waived by {waiver.owner}" if waiver.owner else " (waived"
    until = f" until {waiver.expires})" if waiver.expires else ")"
    return {"kind": "external", "status": "accepted",
            "justification": _limit(f"{waiver.reason}{owner}{until} in {waiver.source}")}


def _location(finding: Finding, assessment: Assessment) -> tuple[str, int]:
    """The file a finding concerns; the licence file or the README of the checkout; else the placeholder."""
    candidates: list[EvidenceRef] = list(finding.evidence)
    if _about_licences(finding):
        candidates += [d.ref for d in assessment.inventory.declarations if d.source == "license_file"]
    readme = assessment.about.excerpt_source
    if readme:
        candidates.append(readme.model_copy(update={"line": None}))
    primary = assessment.members[0].id if assessment.members else None
    for ref in candidates:
        if ref.member == primary and ref.path and not ref.url and not ref.path.startswith("card metadata"):
            return quote(ref.path), ref.line or 1
    return NO_FILE, 1


def _about_licences(finding: Finding) -> bool:
    """Whether the criterion judges licence terms (not governance or community files of the same dimension)."""
    return bool(_ABOUT_LICENCES.search(f"{finding.title} {finding.description}"))


def _pascal(criterion: str) -> str:
    return "".join(part.capitalize() for part in re.split(r"[^A-Za-z0-9]+", criterion) if part)


def _sentence(text: str) -> str:
    """A reason as a clause inside a sentence: no trailing full stop."""
    return text.rstrip(". ")


def _limit(text: str) -> str:
    return text if len(text) <= _TEXT_LIMIT else text[: _TEXT_LIMIT - 1] + "…"
