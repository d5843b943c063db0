"""Evidence + criteria → Assessment: run every check, score dimensions, weigh the fixes.

Pure: the same evidence and criteria give a byte-identical assessment (the timestamp is
passed in).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from .about import about
from .assessment import (
    Assessment,
    DimensionScore,
    FetchInfo,
    Finding,
    KindInfo,
    MemberInfo,
    ProfileInfo,
    ScoreInfo,
    TargetInfo,
    ToolInfo,
)
from .buyer import summarise
from .checks import CHECKS, CheckContext, Outcome
from .criteria import DIMENSIONS, CriteriaSet, Criterion
from .evidence import Evidence
from .frameworks import evaluate_lenses
from .gates import headline, judge, verdict
from .inventory import DeclaredKind, Inventory, Maintenance, Signals, build_inventory
from .settings import FLAG, Settings, reported_path
from .waiving import excluded, waiver_for, waiver_info


def assess(evidence: Evidence, settings: Settings, generated_at: str, tool_version: str) -> Assessment:
    """Score ``evidence`` against the resolved settings' criteria, and judge the gate."""
    criteria = settings.criteria
    signals = Signals(evidence)
    declared = declared_kind(settings)
    inventory = build_inventory(evidence, signals, declared, declared_status(settings))
    context = CheckContext(inventory=inventory)
    lenses, lenses_note = evaluate_lenses(inventory)
    outcomes = [(criterion, _evaluate(criterion, context, inventory.kind)) for criterion in criteria.criteria]
    policy, statement = criteria.profile.waivers, settings.statement
    today = date.fromisoformat(generated_at[:10])
    waivers = {c.id: waiver_info(w, o, statement, policy, criteria.profile.name, today)
               for c, o in outcomes if statement is not None and (w := waiver_for(statement, c.id)) is not None}
    # A waived criterion the profile excludes is scored as one that does not apply; its finding keeps its status.
    scored = [(c, Outcome("not_applicable", "waived") if excluded(waivers.get(c.id), policy) else o) for c, o in outcomes]
    weights = {c.id: criteria.weight(c) for c, _ in outcomes}
    scores = {c.id: o.score for c, o in scored}
    dimensions, overall, coverage = score_dimensions(scored, scores, weights, criteria)
    findings = [
        Finding(
            criterion=c.id, title=c.title, description=c.description, dimension=c.dimension, status=o.status, score=o.score,
            weight=weights[c.id], reason=o.reason, evidence=o.evidence, remediation=c.remediation,
            gain=None if excluded(waivers.get(c.id), policy) else _gain(c, o, scored, scores, weights, criteria, overall),
            frameworks=c.frameworks, waiver=waivers.get(c.id),
        )
        for c, o in outcomes
    ]
    gates = judge(overall, coverage, criteria.profile.fail_under, criteria.profile.min_coverage,
                  criteria.profile.thresholds, dimensions, findings, settings.require, settings.fail_on_unknown)
    return Assessment(
        tool=ToolInfo(version=tool_version),
        generated_at=generated_at,
        target=TargetInfo(kind=evidence.target.kind, id=evidence.target.id,
                          revision=evidence.target.revision or evidence.primary.revision),
        profile=ProfileInfo(name=criteria.profile.name,
                            criteria_source=criteria.source if criteria.source == "built-in" else reported_path(criteria.source),
                            fail_under=criteria.profile.fail_under, min_coverage=criteria.profile.min_coverage,
                            kind=settings.kind.value, sources=settings.origins(),
                            configuration=None if settings.configuration is None else reported_path(settings.configuration),
                            configuration_note=settings.configuration_note,
                            statement=None if statement is None else statement.source, waivers=policy),
        score=ScoreInfo(overall=overall, grade=grade(overall, criteria.profile.grades), coverage=coverage,
                        passed=verdict(gates), fail_under=criteria.profile.fail_under,
                        min_coverage=None if criteria.profile.fail_under is None else criteria.profile.min_coverage,
                        gate=headline(gates), gates=gates),
        kind=kind_info(inventory, declared),
        dimensions=dimensions,
        findings=findings,
        inventory=inventory,
        members=[MemberInfo(id=m.id, kind=m.kind, role=m.role, revision=m.revision, web_url=m.web_url,
                            source_label=m.source_label, file_url=m.file_url, gated=m.host.gated)
                 for m in evidence.members],
        fetch=FetchInfo(requests=evidence.requests, bytes=evidence.bytes, gaps=evidence.all_gaps()),
        about=about(signals),
        licenses=summarise(inventory),
        frameworks=lenses,
        frameworks_note=lenses_note,
        card_sections=inventory.facts.card_sections if inventory.facts else None,
        gating=inventory.facts.gating if inventory.facts else None,
    )


def declared_kind(settings: Settings) -> DeclaredKind | None:
    """The kind the user set, with where they set it; None: judge it from the evidence."""
    if settings.kind.value is None:
        return None
    by = "--kind" if settings.kind.origin == FLAG else f"kind = \"{settings.kind.value}\" in {settings.kind.origin}"
    return DeclaredKind(kind=settings.kind.value, by=by)


def declared_status(settings: Settings) -> Maintenance | None:
    """The maintained status the project's statement declares, if any; a profile that ignores the
    project's waivers ignores its declared status too (a deprecation notice or an archived repository,
    being evidence, still count)."""
    statement = settings.statement
    if statement is None or statement.status is None or settings.criteria.profile.waivers == "ignore":
        return None
    return Maintenance(status=statement.status, by=f"declared in {statement.source}", successor=statement.successor)


def kind_info(inventory: Inventory, declared: DeclaredKind | None) -> KindInfo:
    """The kind the assessment judged by, in one line, and the judgment when the user set the kind."""
    facts = inventory.facts
    reason = (facts.kind.reason if facts else None) or f"judged as {inventory.kind}"
    if declared is None or facts is None:
        return KindInfo(kind=inventory.kind, reason=reason)
    return KindInfo(kind=inventory.kind, reason=reason, judged=facts.kind_judged.value,
                    judged_reason=facts.kind_judged.reason)


def _evaluate(criterion: Criterion, context: CheckContext, kind: str) -> Outcome:
    if kind not in criterion.applies_to:
        return Outcome("not_applicable", f"applies to {_plural(criterion.applies_to)}, not to {_plural([kind])}")
    return CHECKS[criterion.check](context, **criterion.params)


def _plural(kinds: Sequence[str]) -> str:
    names = {"model": "models", "dataset": "datasets", "software": "software"}
    shown = [names.get(k, k) for k in kinds]
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]


def score_dimensions(
    outcomes: list[tuple[Criterion, Outcome]],
    scores: dict[str, float | None],
    weights: dict[str, float],
    criteria: CriteriaSet,
) -> tuple[dict[str, DimensionScore], float | None, float]:
    """Dimension scores with coverage, then the overall score and coverage.

    Unknown criteria leave the score (they are not failures) and lower coverage;
    not-applicable criteria leave both.
    """
    dimensions: dict[str, DimensionScore] = {}
    applicable_dimensions: list[DimensionScore] = []
    for dimension in DIMENSIONS:
        applicable = [(c, o) for c, o in outcomes if c.dimension == dimension and o.status != "not_applicable"]
        known = [c for c, _ in applicable if scores[c.id] is not None]
        total = sum(weights[c.id] for c, _ in applicable)
        known_weight = sum(weights[c.id] for c in known)
        score = (100 * sum(weights[c.id] * (scores[c.id] or 0.0) for c in known) / known_weight) if known_weight else None
        dimensions[dimension] = DimensionScore(
            score=None if score is None else round(score, 1),
            coverage=round(known_weight / total, 3) if total else 0.0,
            weight=criteria.profile.dimension_weights.get(dimension, 0.0),
        )
        if total and dimensions[dimension].weight > 0:
            applicable_dimensions.append(dimensions[dimension])
    scored = [d for d in applicable_dimensions if d.score is not None]
    overall = round(sum(d.weight * (d.score or 0.0) for d in scored) / sum(d.weight for d in scored), 1) if scored else None
    weight_sum = sum(d.weight for d in applicable_dimensions)
    coverage = round(sum(d.weight * d.coverage for d in applicable_dimensions) / weight_sum, 3) if weight_sum else 0.0
    return dimensions, overall, coverage


def _gain(criterion: Criterion, outcome: Outcome, outcomes: list[tuple[Criterion, Outcome]],
          scores: dict[str, float | None], weights: dict[str, float], criteria: CriteriaSet,
          overall: float | None) -> float | None:
    """How many overall points passing this criterion would add."""
    if outcome.status not in {"fail", "partial"} or overall is None:
        return None
    improved = dict(scores, **{criterion.id: 1.0})
    _, better, _ = score_dimensions(outcomes, improved, weights, criteria)
    return round((better or 0.0) - overall, 1)


def grade(overall: float | None, thresholds: dict[str, float]) -> str:
    """Letter for a score: the best grade whose threshold it reaches, else F."""
    if overall is None:
        return "?"
    for letter, minimum in sorted(thresholds.items(), key=lambda item: -item[1]):
        if overall >= minimum:
            return letter
    return "F"
