"""The gates of a run: what decides exit code 1 of ``openness score``.

``--fail-under`` (or the profile's ``fail_under``) on the overall score, the profile's
per-dimension ``thresholds``, ``--require`` (each named criterion must pass) and
``--fail-on-unknown`` (no applicable criterion may stay unknown). Each gate is judged here,
with a one-line reason, and ``ScoreInfo.passed`` is whether all of them passed (None: no gate).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .assessment import DimensionScore, Finding, GateResult
from .criteria import Dimension


def passed(overall: float | None, fail_under: float | None) -> bool | None:
    """The score gate: the score as printed (one decimal) reaches ``fail_under``; None when there is none.

    An unscored target never passes a gate: nothing could be evaluated, so nothing was shown to be open.
    """
    if fail_under is None:
        return None
    return overall is not None and overall >= fail_under


def judge(overall: float | None, fail_under: float | None, thresholds: Mapping[Dimension, float],
          dimensions: Mapping[str, DimensionScore], findings: Sequence[Finding], require: Sequence[str],
          fail_on_unknown: bool) -> list[GateResult]:
    """Every gate of the run, in the order a CI log lists them."""
    gates: list[GateResult] = []
    if fail_under is not None:
        shown = "unscored" if overall is None else f"{overall:.1f}"
        ok = bool(passed(overall, fail_under))
        gates.append(GateResult(gate="fail-under", passed=ok,
                                reason=f"overall score {shown} {'reaches' if ok else 'is below'} {fail_under:g}"))
    for dimension, minimum in thresholds.items():
        score = dimensions[dimension].score if dimension in dimensions else None
        ok = score is not None and score >= minimum
        said = "unscored" if score is None else f"{score:.1f}"
        gates.append(GateResult(gate=f"threshold {dimension}", passed=ok,
                                reason=f"{dimension} score {said} {'reaches' if ok else 'is below'} {minimum:g}"))
    by_id = {f.criterion: f for f in findings}
    for criterion in require:
        finding = by_id[criterion]
        gates.append(GateResult(gate=f"require {criterion}", passed=finding.status == "pass",
                                reason=_required(finding)))
    if fail_on_unknown:
        unknown = [f for f in findings if f.status == "unknown" and not f.waived]
        reason = ("no applicable criterion is unknown" if not unknown else
                  f"{len(unknown)} unknown: " + "; ".join(f"{f.criterion} ({f.reason})" for f in unknown[:5])
                  + (" …" if len(unknown) > 5 else ""))
        gates.append(GateResult(gate="fail-on-unknown", passed=not unknown, reason=reason))
    return gates


def _required(finding: Finding) -> str:
    """Why a required criterion passed or did not. A waiver does not satisfy ``--require``: whoever
    runs the gate asked for this criterion to pass, and the maintainers' reason is shown instead."""
    said = f"{finding.criterion} is {finding.status.replace('_', ' ')}: {finding.reason}"
    if finding.waived and finding.waiver is not None:
        return f"{said} (waived by {finding.waiver.owner or 'the maintainers'}: {finding.waiver.reason}; " \
               "a required criterion must pass)"
    return said


def verdict(gates: Sequence[GateResult]) -> bool | None:
    """Whether every gate passed; None when the run has none."""
    return all(g.passed for g in gates) if gates else None
