"""The gates of a run: what decides exit code 1 of ``openness score``.

``--fail-under`` (or the profile's ``fail_under``) on the overall score, with its companion
``--min-coverage`` (the profile's ``min_coverage``) on the coverage, ``--require`` (each named
criterion must pass), ``--fail-on-unknown`` (no applicable criterion may stay unknown) and the
profile's per-dimension ``thresholds``. Each gate is judged here, with a one-line reason;
``ScoreInfo.passed`` is whether all of them passed (None: no gate) and ``ScoreInfo.gate`` the
reason of the first that failed (or that all held).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .assessment import DimensionScore, Finding, GateResult
from .criteria import Dimension

FAIL_UNDER = "fail-under"
MIN_COVERAGE = "min-coverage"


def judge(overall: float | None, coverage: float, fail_under: float | None, min_coverage: float,
          thresholds: Mapping[Dimension, float], dimensions: Mapping[str, DimensionScore],
          findings: Sequence[Finding], require: Sequence[str], fail_on_unknown: bool) -> list[GateResult]:
    """Every gate of the run, in the order a CI log lists them."""
    gates: list[GateResult] = []
    if fail_under is not None:
        gates += [_score_gate(overall, fail_under), _coverage_gate(overall, coverage, min_coverage)]
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
    for dimension, minimum in thresholds.items():
        score = dimensions[dimension].score if dimension in dimensions else None
        ok = score is not None and score >= minimum
        said = "unscored" if score is None else f"{score:.1f}"
        gates.append(GateResult(gate=f"threshold {dimension}", passed=ok,
                                reason=f"{dimension} score {said} {'reaches' if ok else 'is below'} {minimum:g}"))
    return gates


def _score_gate(overall: float | None, fail_under: float) -> GateResult:
    """The score as printed (one decimal) reaches ``fail_under``.

    An unscored target never passes: nothing could be evaluated, so nothing was shown to be open.
    """
    if overall is None:
        return GateResult(gate=FAIL_UNDER, passed=False,
                          reason=f"unscored: no criterion could be evaluated (threshold {fail_under:g})")
    if overall < fail_under:
        return GateResult(gate=FAIL_UNDER, passed=False, reason=f"score {overall:.1f} is below the threshold {fail_under:g}")
    return GateResult(gate=FAIL_UNDER, passed=True, reason=f"score {overall:.1f} ≥ {fail_under:g}")


def _coverage_gate(overall: float | None, coverage: float, min_coverage: float) -> GateResult:
    """The coverage as printed (whole percent) reaches ``min_coverage``; judged with the score gate.

    Unknown criteria leave the score's denominator (an unknown is not a failure), so a fetch that
    read less can score *higher* than a complete one: a truncated tree or a gated card turns
    failing criteria into unknowns. This gate is what keeps such a run from passing.
    """
    shown = round(coverage * 100)
    if shown < min_coverage:
        score = "" if overall is None else f" {overall:.1f}"
        return GateResult(gate=MIN_COVERAGE, passed=False,
                          reason=f"coverage {shown} % is below the minimum {min_coverage:g} %: too much could not "
                                 f"be evaluated for the score{score} to count")
    return GateResult(gate=MIN_COVERAGE, passed=True, reason=f"coverage {shown} % ≥ {min_coverage:g} %")


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


def headline(gates: Sequence[GateResult]) -> str | None:
    """One line for the run's gates: the reason of the first that failed, else every gate's reason."""
    if not gates:
        return None
    failed = next((g for g in gates if not g.passed), None)
    return failed.reason if failed is not None else " and ".join(g.reason for g in gates)
