"""Units of the headline and of the shared report helpers it leans on."""

from __future__ import annotations

from openness.buyer import LicenseSummary
from openness.frameworks.interface import LensRow, LensSpec
from openness.headline import _clause, deciding_requirement, osi_approved
from openness.report.templating import grouped_rows, stated

SPEC = LensSpec(id="t", name="T", short_name="T", version="1", source_url="https://example.org",
                requirement_label="item", applies_to=frozenset({"model"}), order=1)


def row(row_id: str, status: str, group: str | None = None, reason: str = "why") -> LensRow:
    return LensRow(id=row_id, name=row_id.capitalize(), group=group, status=status, value=status, reason=reason)


def test_osi_approval_of_expressions() -> None:
    assert osi_approved("MIT") is True
    assert osi_approved("MIT OR LicenseRef-not-a-licence") is None  # a part the catalogue does not know
    assert osi_approved("CC-BY-NC-4.0") is False
    assert osi_approved("CC-BY-NC-4.0 OR MIT") is True  # one may comply with MIT alone
    assert osi_approved(None) is None


def test_the_deciding_requirement_is_the_first_failing_else_the_first_unknown() -> None:
    lens = SPEC.result(verdict="fail", status="fail", rank=0.0, summary="",
                       requirements=[row("data", "unknown"), row("code", "fail", reason="code is not released")])
    assert deciding_requirement(lens) == "code is not released"
    unknown = SPEC.result(verdict="?", status="unknown", rank=None, summary="", requirements=[row("data", "unknown")])
    assert deciding_requirement(unknown) == "data: why"
    assert _clause("a (an aside) b " + "x" * 100).startswith("a b x") and len(_clause("y" * 200)) == 90


def test_rows_are_grouped_in_first_appearance_order_ungrouped_last() -> None:
    lens = SPEC.result(verdict="", status="pass", rank=1.0, summary="", requirements=[
        row("a", "pass", "G1"), row("b", "pass"), row("c", "fail", "G2"), row("d", "pass", "G1")])
    assert [(g, [r.id for r in rows]) for g, rows in grouped_rows(lens)] == \
        [("G1", ["a", "d"]), ("G2", ["c"]), (None, ["b"])]


def test_a_report_before_schema_1_2_reads_each_restriction_once_too() -> None:
    """Schema 1.1 listed ``slot: text`` once per component type; a saved report still loads, merged."""
    summary = LicenseSummary.model_validate({
        "commercial_use": "no", "fine_tune_and_redistribute": "no", "gated": False, "components": [], "obligations": [],
        "restrictions": ["data: no commercial use", "weights: no commercial use", "code: share-alike"]})
    assert [stated(r) for r in summary.restrictions] == ["data, weights: no commercial use", "code: share-alike"]
    assert [stated(r.model_dump()) for r in summary.restrictions] == [r.line() for r in summary.restrictions]


def test_an_old_restriction_line_without_a_component_still_loads() -> None:
    summary = LicenseSummary.model_validate({
        "commercial_use": "no", "fine_tune_and_redistribute": "no", "gated": False, "components": [], "obligations": [],
        "restrictions": ["no military use", "weights: no commercial use"]})
    assert [(r.text, r.components) for r in summary.restrictions] == [
        ("no military use", []), ("no commercial use", ["weights"])]
