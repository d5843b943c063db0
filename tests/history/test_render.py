"""The history renderers and the trend chart geometry, on hand-made timelines."""

from __future__ import annotations

from openness.history import HistoryEntry
from openness.report.charts import trend_chart
from openness.report.history import render_history_csv, render_history_html, render_history_markdown, verdict_changes


def _entry(i: int, overall: float | None, mof: str, digest: str = "d" * 64) -> HistoryEntry:
    return HistoryEntry(id=i, target="acme/<b>x</b>", revision=f"{i:040x}", recorded_at=f"2026-01-0{i}T00:00:00+00:00",
                        tool_version="0.1.0", profile="default", criteria_digest=digest, overall=overall, grade="C",
                        coverage=0.9, dimensions={"licensing": overall}, verdicts={"mof": mof})


def test_an_unscored_point_breaks_the_line():
    chart = trend_chart("t", ["a", "b", "c"], [("Overall", [10.0, None, 30.0])], [])
    assert len(chart.series[0].segments) == 2 and len(chart.series[0].dots) == 2


def test_verdict_changes_and_rule_changes_are_marked():
    entries = [_entry(1, 50.0, "Class III"), _entry(2, 60.0, "Class II"), _entry(3, 60.0, "Class II", "e" * 64)]
    assert verdict_changes(entries) == [(1, "mof: Class III → Class II")]
    markdown = render_history_markdown("acme/<b>x</b>", entries)
    assert "Class III → Class II" in markdown and "criteria or profile changed" in markdown
    assert "<b>" not in markdown


def test_untrusted_names_are_escaped_and_csv_formulas_defused():
    entries = [_entry(1, 50.0, "=HYPERLINK(1)")]
    page = render_history_html("acme/<b>x</b>", entries)
    assert "<b>x</b>" not in page and "&lt;b&gt;" in page
    assert ",'=HYPERLINK(1)" in render_history_csv("acme/x", entries)
