"""Model Openness Framework class, by the Model Openness Tool's own rules.

The rules (``frameworks.md`` §1, MOT's ``ModelEvaluator``):

- A class is met when every required component of it and of every weaker class is
  included *and* under an open licence. Classes are cumulative: III (6 required),
  II (+4 = 10), I (+4 = 14). Optional components never change the class.
- Open = ``licenses.is_open_for_mof`` of the exact SPDX id (aliases such as "Apache 2.0"
  are not open). An open licence of the wrong content type still counts; MOT only warns.
- Research-paper substitution: when no open technical report is included but a research
  paper is, the paper stands in for the report in Classes III and II, with its own licence
  status; for Class I, where both are required, an open paper alone suffices (the
  denominator drops by one). The report is then neither missing nor "not open".
- A modified licence (a standard text with terms added or changed) is not that licence:
  never open (Inventory only; a Tool record has no such notion).
- Progress toward class *c* walks down from III: if a stronger class is not fully met,
  progress is 0; otherwise it is open required components / required components, capped
  at 100, rounded to one decimal as the Tool displays it.

The same engine scores a Model Openness Tool record (``mot_record``) and an Inventory
(``from_inventory``); only the way components and licences are read differs. The 17
components, their types and classes come from ``criteria/components.yaml``. As a lens
(``evaluate``) it returns one row per component and the classification itself as ``details``,
so ``openness mof`` and the scorecard show the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from license_expression import OR, ExpressionError, LicenseSymbol, LicenseWithExceptionSymbol, Licensing

from .. import licenses
from ..components_table import ComponentRow, ContentType, component_table
from ..components_table import MofClass as ClassName
from ..grouping import stated_once
from ..inventory.model import Component, EvidenceRef, Inventory
from .interface import LensResult, LensRow, LensSpec, LensStatus, register
from .model import CLASS_LABELS, MofClassification, MofComponent, MofLicenseStatus, MofProgress

TECHNICAL_REPORT = 11
RESEARCH_PAPER = 21
UNLICENSED = "unlicensed"
"""The literal a Tool record uses for "included, but under no licence" (blocks inheritance)."""


SPECS: tuple[ComponentRow, ...] = component_table().components
"""The 17 components of the Tool's configuration, from ``criteria/components.yaml``."""
BY_NAME = {spec.name.lower(): spec for spec in SPECS}
_LICENSING = Licensing()
_CLASSES: tuple[tuple[int, ClassName], ...] = ((3, "III"), (2, "II"), (1, "I"))

TYPED_LICENSES: dict[str, frozenset[ContentType]] = {
    **{lic: frozenset({"code"}) for lic in (
        "0BSD", "AFL-1.1", "AFL-1.2", "AFL-2.0", "AFL-2.1", "AFL-3.0", "Apache-1.0", "Apache-1.1", "ECL-1.0",
        "ECL-2.0", "ISC", "MIT", "MIT-0", "MulanPSL-1.0", "MulanPSL-2.0", "NCSA", "UPL-1.0")},
    **{lic: frozenset({"data"}) for lic in ("CDLA-Permissive-1.0", "CDLA-Permissive-2.0", "C-UDA-1.0", "PDDL-1.0")},
    **{lic: frozenset({"document"}) for lic in (
        "CC-BY-4.0", "CC-BY-SA-3.0", "CC-BY-SA-4.0", "FreeBSD-DOC", "CC-PDDC", "CC0-1.0")},
    "Apache-2.0": frozenset({"code", "document"}),
}
"""Content types the Tool's ``mof-licenses.json`` gives a licence. Quirks kept on purpose:
Apache-2.0 is code and document only (Apache weights draw a warning); CC0-1.0 and CC-PDDC
are typed document, because their second entry replaces the first on import."""


@dataclass(frozen=True)
class MofEntry:
    """One component as reported: included or not, and the licence that covers it."""

    mof_id: int
    included: bool
    license: str | None = None
    license_source: str = "none"
    evidence: list[EvidenceRef] = field(default_factory=list)
    note: str | None = None
    modified: bool = False
    """The licence is a standard one with terms added or changed: not open, whatever its base id."""
    unread: bool = False
    """Published outside the release with no licence stated for it: its own terms were not read."""


def choices(expression: str) -> list[list[str]]:
    """``A OR (B AND C)`` → ``[[A], [B, C]]``: the ways a user may comply. Text that is not an
    SPDX expression (``Gemma Terms of Use``) is one licence."""
    try:
        parsed = _LICENSING.parse(expression)
    except ExpressionError:
        return [[expression.strip()]]
    return _choices(parsed) if parsed is not None else []


def _choices(node) -> list[list[str]]:
    if isinstance(node, LicenseWithExceptionSymbol):
        return [[f"{node.license_symbol.key} WITH {node.exception_symbol.key}"]]
    if isinstance(node, LicenseSymbol):
        return [[node.key]]
    parts = [_choices(arg) for arg in node.args]
    if isinstance(node, OR):
        return [choice for part in parts for choice in part]
    combined: list[list[str]] = [[]]
    for part in parts:  # AND: one choice from every operand
        combined = [done + more for done in combined for more in part]
    return combined


def is_open(license_id: str, exact: bool = True) -> bool:
    """Open under the Tool's rule. ``exact=False`` also accepts an SPDX expression one may comply with
    using open licences only (an Inventory can resolve ``MIT OR Apache-2.0``; a Tool record cannot)."""
    if exact:
        return licenses.is_open_for_mof(license_id.strip())
    return any(all(licenses.is_open_for_mof(part) for part in choice) for choice in choices(license_id))


def license_status(license_id: str | None, content_type: ContentType, exact: bool = True) -> MofLicenseStatus:
    """How the Tool files an included component's licence."""
    if license_id is None or license_id.strip().lower() in {"", UNLICENSED}:
        return "unlicensed"
    if not is_open(license_id, exact):
        return "not_open"
    parts = [license_id.strip()] if exact else [p for choice in choices(license_id) for p in choice]
    typed = all(content_type in TYPED_LICENSES.get(part, frozenset()) for part in parts)
    return "open" if typed else "open_not_type_appropriate"


def classify(entries: list[MofEntry], exact: bool = True) -> MofClassification:
    """The class, progress and explanation for a release's components."""
    return _classify(entries, exact)[0]


def _classify(entries: list[MofEntry], exact: bool) -> tuple[MofClassification, list[str]]:
    """The classification, and what blocks the next class (the components the reason names)."""
    given = {entry.mof_id: entry for entry in entries}
    components = [_component(spec, given.get(spec.mof_id), exact) for spec in SPECS]
    paper = next(c for c in components if c.mof_id == RESEARCH_PAPER)
    unread = {e.mof_id for e in entries if e.included and e.unread}
    is_ok = {c.mof_id: c.included and c.status in {"open", "open_not_type_appropriate"} for c in components}
    substitute = not is_ok[TECHNICAL_REPORT] and paper.included

    def open_count(cls: int) -> int:
        required = [s.mof_id for s in SPECS if s.mof_class and _rank(s.mof_class) >= cls]
        count = sum(is_ok[cid] for cid in required)
        if substitute and cls >= 2 and is_ok[RESEARCH_PAPER]:
            count += 1  # the paper is counted in the report's place
        return count

    progress: dict[ClassName, float] = {}
    for cls, name in _CLASSES:
        progress[name] = _progress(cls, open_count, substitute and is_ok[RESEARCH_PAPER])
    met = [cls for cls, name in _CLASSES if progress[name] == 100.0]
    best = min(met) if met else 0

    required = [c for c in components if c.required_for and not (c.mof_id == TECHNICAL_REPORT and substitute)]
    missing = [c.name for c in required if not c.included]
    not_open = [c.name for c in required if c.included and not is_ok[c.mof_id]]
    warnings = [f"{c.name}: {licenses.display_name(c.license)} is open but not typed for {c.content_type} by the "
                "Model Openness Tool (a warning only; the class is unaffected)"
                for c in components if c.included and c.status == "open_not_type_appropriate"]
    if substitute and is_ok[RESEARCH_PAPER]:
        warnings.append("Research paper counted in place of the technical report (no open technical report included)")
    elif substitute:
        warnings.append("Research paper stands in for the technical report (no open technical report included) "
                        f"but does not count ({_licence_problem(paper, RESEARCH_PAPER in unread)})")
    blocked = _blockers(best, components, is_ok, substitute, unread)
    return MofClassification(
        class_=best, label=CLASS_LABELS[best],
        progress=MofProgress(I=round(progress["I"], 1), II=round(progress["II"], 1), III=round(progress["III"], 1)),
        missing=missing, not_open=not_open, warnings=warnings, reason=_reason(best, blocked),
        components=components,
    ), [f"{name} {problem}" for name, problem in blocked]


def _rank(name: ClassName) -> int:
    return {"III": 3, "II": 2, "I": 1}[name]


def _required_in(cls: int) -> int:
    return sum(1 for s in SPECS if s.mof_class and _rank(s.mof_class) == cls)


def _progress(cls: int, open_count, paper_alone: bool) -> float:
    total = 0
    for stronger in (3, 2, 1):
        if stronger < cls:
            break
        total += _required_in(stronger)
        if stronger > cls and open_count(stronger) < total:
            return 0.0
    if cls == 1 and paper_alone:
        total -= 1
    return min(open_count(cls) / total * 100, 100.0)


def _component(spec: ComponentRow, entry: MofEntry | None, exact: bool) -> MofComponent:
    if entry is None or not entry.included:
        return MofComponent(name=spec.name, mof_id=spec.mof_id, content_type=spec.content_type,
                            required_for=spec.mof_class, included=False, license_source="none",
                            evidence=entry.evidence if entry else [], note=entry.note if entry else None)
    status: MofLicenseStatus = "not_open" if entry.modified else license_status(entry.license, spec.content_type, exact)
    return MofComponent(name=spec.name, mof_id=spec.mof_id, content_type=spec.content_type,
                        required_for=spec.mof_class, included=True, license=entry.license,
                        license_source=entry.license_source, status=status, evidence=entry.evidence, note=entry.note)


def _licence_problem(component: MofComponent, unread: bool) -> str:
    """Why an included component's licence does not count, worded the same in every MOF reason."""
    if component.status == "unlicensed":
        return "licence not read, published outside the release" if unread else "has no licence"
    return f"not open: {licenses.display_name(component.license)}"


def _blockers(best: int, components: list[MofComponent], is_ok: dict[int, bool], substitute: bool,
              unread: set[int]) -> list[tuple[str, str]]:
    """The required components that keep the release from the next class, each with why."""
    if best == 1:
        return []
    target = best - 1 if best else 3
    paper = next(c for c in components if c.mof_id == RESEARCH_PAPER)
    blocked: list[tuple[str, str]] = []
    for c in components:
        if c.required_for is None or _rank(c.required_for) < target or is_ok[c.mof_id]:
            continue
        if c.mof_id == TECHNICAL_REPORT and substitute:
            if target >= 2 and not is_ok[RESEARCH_PAPER]:  # for Class I the paper is judged in its own place
                blocked.append((f"{paper.name} (in place of the technical report)",
                                _licence_problem(paper, RESEARCH_PAPER in unread)))
            continue
        if not c.included:
            blocked.append((c.name, "not included" + (f" ({c.note})" if c.note else "")))
        else:
            blocked.append((c.name, _licence_problem(c, c.mof_id in unread)))
    return blocked


def _reason(best: int, blocked: list[tuple[str, str]]) -> str:
    """The class and what blocks the next, one cause once with every component it holds back ("Model
    architecture, Model card not open: …"); the lens's ``blockers`` keep one line per component."""
    if best == 1:
        return "every component required for Class I is included under an open licence"
    met = f"{CLASS_LABELS[best]} met; " if best else ""
    causes = [f"{', '.join(names)} {problem}" for names, problem in stated_once(blocked)]
    return f"{met}{_NAMES[best - 1 if best else 3]} blocked by: " + "; ".join(causes) if causes else met.rstrip("; ")


_NAMES = {3: "Class III", 2: "Class II", 1: "Class I"}


def from_inventory(inventory: Inventory) -> MofClassification:
    """The MOF classification of an Inventory: a component is included when it was found in the release."""
    return _classify(_entries(inventory), exact=False)[0]


def _entries(inventory: Inventory) -> list[MofEntry]:
    return [_entry(c) for c in inventory.components]


def is_external(component: Component) -> bool:
    """Found only as links to elsewhere (a paper on arXiv, weights on the Hub not fetched)."""
    return bool(component.evidence) and all(ref.url for ref in component.evidence)


def terms_unread(component: Component) -> bool:
    """External, and no licence is stated for it or its type: the release's own (distribution)
    licence does not cover it, and its terms were not read. A licence stated for the component
    or its type (a weights badge, ``LICENSE-MODEL``) covers it wherever it is published.

    Decided per component, unlike ``Inventory.published_elsewhere(slot)``: a dataset linked on
    the Hub is not covered by the repository's licence because evaluation data sits in the
    repository. The one rule for every lens and framework criterion."""
    resolved = component.license
    stated = resolved is not None and resolved.license_id is not None and resolved.source in {"component", "type"}
    return is_external(component) and not stated


def _entry(component: Component) -> MofEntry:
    if component.status != "present":
        note = {"partial": f"only described: {component.note}" if component.note else "only described",
                "unknown": f"could not be checked: {component.note}" if component.note else "could not be checked",
                }.get(component.status, component.note)
        return MofEntry(component.mof_id, included=False, evidence=component.evidence, note=note)
    if terms_unread(component):
        return MofEntry(component.mof_id, included=True, license=None, license_source="none",
                        evidence=component.evidence, unread=True,
                        note="published outside the release; its licence was not read (the release's licence "
                             "does not cover it)")
    resolved = component.license
    if resolved is None or resolved.license_id is None:
        return MofEntry(component.mof_id, included=True, evidence=component.evidence, note=component.note)
    source = {"component": "component", "type": f"global:{component.content_type}",
              "distribution": "global:distribution"}.get(resolved.source, "none")
    evidence = component.evidence + ([resolved.declared_by] if resolved.declared_by else [])
    shown = licenses.display_name(resolved.license_id, True) if resolved.modified else resolved.license_id
    return MofEntry(component.mof_id, included=True, license=shown, license_source=source,
                    evidence=evidence, note=component.note, modified=resolved.modified)


SPEC = LensSpec(id="mof", name="Model Openness Framework", short_name="MOF",
                version="1.0 (Model Openness Tool @ 8b5d30e)", source_url="https://github.com/lfai/model_openness_tool",
                requirement_label="component",
                applies_to=frozenset({"model", "dataset"}), order=10)
_RANK = {1: 1.0, 2: 0.667, 3: 0.333, 0: 0.0}
"""Class I (Open Science) is the most open; Unclassified ranks last."""
_OPEN: frozenset[MofLicenseStatus | None] = frozenset({"open", "open_not_type_appropriate"})


@register(SPEC)
def evaluate(inventory: Inventory) -> LensResult:
    """The MOF class of a release, one row per component, the classification itself as ``details``."""
    result, blockers = _classify(_entries(inventory), exact=False)
    rows = [_row(spec, component, inventory.component(spec.key))
            for spec, component in zip(SPECS, result.components, strict=True)]
    rows.sort(key=lambda row: GROUP_ORDER.index(row.group))  # stable: the table's order within a class
    status: LensStatus = "pass" if result.class_ == 1 else "fail" if result.class_ == 0 else "partial"
    return SPEC.result(
        verdict=result.label, status=status, rank=_RANK[result.class_], summary=result.reason,
        progress={"III": result.progress.III, "II": result.progress.II, "I": result.progress.I},
        requirements=rows, blockers=blockers, notes=result.warnings, details=result,
    )


GROUP_ORDER = ("Class III", "Class II", "Class I", "optional")
"""Rows by class, the first class a release reaches first; components no class requires last."""


def _row(spec: ComponentRow, component: MofComponent, found: Component) -> LensRow:
    group = f"Class {spec.mof_class}" if spec.mof_class else "optional"
    if not component.included:
        unknown = found.status == "unknown"
        status: LensStatus = "unknown" if unknown else "fail"
        value = "could not be checked" if unknown else "not included"
        return LensRow(id=spec.key, name=spec.name, group=group, status=status, value=value,
                       reason=component.note or "not found in the release", evidence=component.evidence,
                       to_change=f"release the {spec.name.lower()}")
    shown = licenses.display_name(component.license) if component.license else "no licence"
    if component.status in _OPEN:
        typed = "" if component.status == "open" else f" (not typed for {spec.content_type})"
        return LensRow(id=spec.key, name=spec.name, group=group, status="pass", value="open" + typed,
                       reason=f"included under {shown}", evidence=component.evidence)
    return LensRow(id=spec.key, name=spec.name, group=group, status="fail",
                   value=("licence not read" if terms_unread(found) else "no licence") if component.status == "unlicensed"
                   else "not open",
                   reason=component.note or f"included under {shown}", evidence=component.evidence,
                   to_change="release it under an open licence")
