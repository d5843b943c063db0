"""What changed between two reports: licences, gating and access terms, components, card sections,
framework verdicts, scores and waivers.

One pure function of two ``Assessment`` reports, :func:`diff_reports`; every form ``openness diff``
accepts (two saved reports, two revisions, a target and a date from the history) is turned into
two reports first and ends here. The changes come most important first: a licence or gating
change matters more to someone who relies on a model than any score movement (the order is
``KIND_ORDER``; within a kind, the largest movement first). What a run records about itself (the
time, the request count) is not a change: two reports of the same evidence give an empty diff.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..assessment import WAIVER_WORDS, Assessment, Finding
from ..errors import UsageError
from ..history.rows import criteria_digest
from ..inventory.coverage import license_of, released
from ..inventory.model import Component
from ..licenses import display_name
from .card import access_terms, card_sections, not_compared
from .model import FAIL_ON_KINDS, KIND_ORDER, Change, ChangeKind, FailOn, ReportDiff, Side

__all__ = ["FAIL_ON_KINDS", "KIND_ORDER", "Change", "ChangeKind", "FailOn", "ReportDiff", "Side", "diff_reports",
           "parse_fail_on", "triggered"]


def diff_reports(old: Assessment, new: Assessment) -> ReportDiff:
    """The changes from ``old`` to ``new``, most important first."""
    changes = [*_licences(old, new), *_gating(old, new), *access_terms(old, new), *_components(old, new),
               *card_sections(old, new), *_verdicts(old, new), *_scores(old, new), *_criteria(old, new)]
    rank = {kind: i for i, kind in enumerate(KIND_ORDER)}
    changes.sort(key=lambda c: (rank[c.kind], -abs(c.points or 0), c.subject))
    return ReportDiff(old=_side(old), new=_side(new), changes=changes, notes=_notes(old, new))


def _side(a: Assessment) -> Side:
    return Side(target=a.target.id, revision=a.target.revision, generated_at=a.generated_at,
                overall=a.score.overall, grade=a.score.grade)


def _notes(old: Assessment, new: Assessment) -> list[str]:
    notes = []
    if (old.target.kind, old.target.id) != (new.target.kind, new.target.id):
        notes.append(f"two different targets: {old.target.id} and {new.target.id}")
    if criteria_digest(old) != criteria_digest(new):
        notes.append("the two reports were scored by different criteria or profiles "
                     f"({old.profile.name}, openness {old.tool.version} → {new.profile.name}, "
                     f"openness {new.tool.version}): score changes may be the rules', not the target's")
    return notes + not_compared(old, new)


def _by_key(components: Iterable[Component]) -> dict[str, Component]:
    return {c.key: c for c in components}


def _licence_name(component: Component) -> str:
    licence = license_of(component)
    return display_name(licence.license_id) if licence.license_id else "no licence found"


def _licences(old: Assessment, new: Assessment) -> list[Change]:
    before, after = _by_key(old.inventory.components), _by_key(new.inventory.components)
    changes = []
    for key in before.keys() & after.keys():
        was, now = before[key], after[key]
        if license_of(was).license_id != license_of(now).license_id and (_released(now) or _released(was)):
            declared = license_of(now).declared_by
            reason = license_of(now).reason or (f"declared in {declared.path}" if declared and declared.path else "")
            changes.append(Change(kind="licence", subject=now.name, before=_licence_name(was),
                                  after=_licence_name(now), reason=reason))
    # A kind of component whose own components did not say (a software repository's code): its licence.
    named = {after[key].license_slot for key in after if key in before} if changes else set()
    for slot in sorted(old.inventory.licenses.keys() & new.inventory.licenses.keys()):
        was_id, now_id = old.inventory.licenses[slot].license_id, new.inventory.licenses[slot].license_id
        if was_id != now_id and slot not in named and (released(old.inventory, slot) or released(new.inventory, slot)):
            changes.append(Change(kind="licence", subject=f"{slot} licence",
                                  before=display_name(was_id) if was_id else "no licence found",
                                  after=display_name(now_id) if now_id else "no licence found",
                                  reason=new.inventory.licenses[slot].reason or ""))
    return changes


def _released(component: Component) -> bool:
    return component.status in {"present", "partial"}


def _gating(old: Assessment, new: Assessment) -> list[Change]:
    before, after = _by_key(old.inventory.components), _by_key(new.inventory.components)
    changes = []
    for key in before.keys() & after.keys():
        if before[key].access != after[key].access:
            changes.append(Change(kind="gating", subject=after[key].name, before=before[key].access or "not known",
                                  after=after[key].access or "not known",
                                  reason="an access request is now needed" if after[key].access == "gated"
                                  else "no access request any more" if before[key].access == "gated" else ""))
    was = bool(old.licenses and old.licenses.gated)
    now = bool(new.licenses and new.licenses.gated)
    if was != now and not changes:
        changes.append(Change(kind="gating", subject="release", before="gated" if was else "open",
                              after="gated" if now else "open"))
    return changes


def _components(old: Assessment, new: Assessment) -> list[Change]:
    before, after = _by_key(old.inventory.components), _by_key(new.inventory.components)
    changes = []
    for key in sorted(before.keys() | after.keys()):
        was, now = before.get(key), after.get(key)
        if was is not None and now is not None and was.status == now.status:
            continue
        either = now or was
        assert either is not None  # the key came from one of the two
        name = either.name
        status_before, status_after = (was.status if was else None), (now.status if now else None)
        if status_after in {"present", "partial"} and status_before not in {"present", "partial"}:
            reason = "added"
        elif status_before in {"present", "partial"} and status_after not in {"present", "partial"}:
            reason = "removed" if status_after == "absent" else "no longer seen (could not be checked)"
        else:
            reason = "changed"
        changes.append(Change(kind="component", subject=name, before=status_before, after=status_after,
                              reason=reason + (f": {now.note}" if now and now.note else "")))
    return changes


def _verdicts(old: Assessment, new: Assessment) -> list[Change]:
    changes = []
    for lens_id in sorted(old.frameworks.keys() | new.frameworks.keys()):
        was, now = old.frameworks.get(lens_id), new.frameworks.get(lens_id)
        if was is None or now is None:
            either = now or was
            assert either is not None  # the lens id came from one of the two
            changes.append(Change(kind="verdict", subject=either.name,
                                  before=was.verdict if was else None, after=now.verdict if now else None,
                                  reason="the framework was not applied to one of the reports"))
            continue
        if was.verdict != now.verdict:
            changes.append(Change(kind="verdict", subject=now.name, before=was.verdict, after=now.verdict,
                                  reason=now.summary))
        rows_before = {r.id: r for r in was.requirements}
        for row in now.requirements:
            earlier = rows_before.get(row.id)
            if earlier is not None and earlier.value != row.value:
                changes.append(Change(kind="requirement", subject=f"{now.short_name}: {row.name}",
                                      before=earlier.value, after=row.value, reason=row.reason))
    return changes


def _scores(old: Assessment, new: Assessment) -> list[Change]:
    changes = []
    if old.score.overall != new.score.overall:
        changes.append(_score_change("overall", "overall score", old.score.overall, new.score.overall,
                                     f"grade {old.score.grade} → {new.score.grade}"))
    for name in sorted(old.dimensions.keys() & new.dimensions.keys()):
        was, now = old.dimensions[name].score, new.dimensions[name].score
        if was != now:
            changes.append(_score_change("dimension", name, was, now, ""))
    return changes


def _score_change(kind: ChangeKind, subject: str, was: float | None, now: float | None, reason: str) -> Change:
    points = None if was is None or now is None else round(now - was, 1)
    return Change(kind=kind, subject=subject, before=_shown(was), after=_shown(now), reason=reason, points=points)


def _shown(value: float | None) -> str:
    return "unscored" if value is None else f"{value:.1f}"


def _criteria(old: Assessment, new: Assessment) -> list[Change]:
    before = {f.criterion: f for f in old.findings}
    changes = []
    for finding in new.findings:
        earlier = before.get(finding.criterion)
        if earlier is None or _state(earlier) == _state(finding):
            continue
        reason = finding.reason
        if _state(earlier)[2:] != _state(finding)[2:]:
            reason = (f"{finding.waiver.note}: {finding.waiver.reason}" + (f" ({finding.waiver.owner})" if
                      finding.waiver.owner else "")) if finding.waiver else "no longer waived"
        changes.append(Change(kind="criterion", subject=finding.criterion, before=_finding(earlier),
                              after=_finding(finding), reason=reason, points=_points(earlier, finding)))
    return changes


def _state(finding: Finding) -> tuple[object, ...]:
    """What a criterion change is: its status and score, and its waiver (what it did, why, who)."""
    waiver = finding.waiver
    return (finding.status, finding.score, *((waiver.state, waiver.reason, waiver.owner) if waiver else ()))


def _finding(finding: Finding) -> str:
    shown = finding.status if finding.score is None else f"{finding.status} ({finding.score:.2f})"
    return shown + (f", {WAIVER_WORDS[finding.waiver.state]}" if finding.waiver else "")


def _points(old: Finding, new: Finding) -> float | None:
    """The criterion's movement weighed by its weight, so the biggest movers sort first."""
    if old.score is None or new.score is None:
        return None
    return round((new.score - old.score) * new.weight, 2)


def parse_fail_on(text: str) -> FailOn:
    """``licence,gating,verdict,score-drop=N`` (any subset; ``license`` is accepted too)."""
    kinds: list[ChangeKind] = []
    drop: float | None = None
    for part in (p.strip().lower() for p in text.split(",")):
        name, _, value = part.partition("=")
        if name in FAIL_ON_KINDS and not value:
            kinds.append(FAIL_ON_KINDS[name])
        elif name == "score-drop" and value:
            try:
                drop = float(value)
            except ValueError:
                drop = -1.0
            if not 0 <= drop <= 100:
                raise UsageError(f"--fail-on score-drop={value}: N must be a number from 0 to 100")
        else:
            raise UsageError(f"--fail-on: unknown condition '{part}' (licence, gating, verdict, score-drop=N)")
    return FailOn(kinds=tuple(kinds), score_drop=drop)


def triggered(diff: ReportDiff, fail_on: FailOn) -> list[str]:
    """Which conditions of ``fail_on`` the diff meets, as the one-line messages the CLI prints."""
    hits = [f"{kind}: {len(diff.of(kind))} change(s)" for kind in fail_on.kinds if diff.of(kind)]
    delta = diff.overall_delta
    if fail_on.score_drop is not None and delta is not None and -delta >= fail_on.score_drop and delta < 0:
        hits.append(f"score-drop: the overall score fell {-delta:.1f} points (limit {fail_on.score_drop:g})")
    return hits
