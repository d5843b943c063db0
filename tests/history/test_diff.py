"""The diff of two reports (``openness.diff``): a pure function, tested on two real revisions of the
hand-made Hub model and on the report against itself."""

from __future__ import annotations

import pytest

from openness import api
from openness.assessment import Assessment
from openness.diff import KIND_ORDER, diff_reports, parse_fail_on, triggered
from openness.errors import UsageError

from .models import revision_one, revision_two


@pytest.fixture
def revisions(hub) -> tuple[Assessment, Assessment]:
    hub.add(revision_one())
    old = api.score("hf:acme/tiny-llm", follow_links=False)
    hub.add(revision_two())
    return old, api.score("hf:acme/tiny-llm", follow_links=False)


def test_identical_reports_give_an_empty_diff(revisions):
    old, _ = revisions
    later = old.model_copy(update={"generated_at": "2030-01-01T00:00:00+00:00"})
    diff = diff_reports(old, later)
    assert diff.empty and diff.changes == [] and diff.notes == []


def test_licence_change_per_component_comes_first(revisions):
    diff = diff_reports(*revisions)
    licences = diff.of("licence")
    assert licences and diff.changes[0].kind == "licence"
    weights = next(c for c in licences if c.subject == "Model parameters (Final)")
    assert (weights.before, weights.after) == ("Apache-2.0", "acme-tiny")


def test_gating_added_is_reported_for_the_weights(revisions):
    gating = diff_reports(*revisions).of("gating")
    assert [(c.subject, c.before, c.after) for c in gating] == [("Model parameters (Final)", "open", "gated")]


def test_verdicts_and_scores_change_with_reasons(revisions):
    diff = diff_reports(*revisions)
    verdicts = diff.of("verdict")
    assert verdicts and all(c.before != c.after and c.reason for c in verdicts)
    weights = next(c for c in diff.of("criterion") if c.subject == "weights-license-open")
    assert weights.before.startswith("pass") and weights.after.startswith("fail") and "acme-tiny" in weights.reason
    assert diff.overall_delta is not None and diff.overall_delta < 0


def test_changes_are_ordered_by_kind_then_size(revisions):
    changes = diff_reports(*revisions).changes
    ranks = [KIND_ORDER.index(c.kind) for c in changes]
    assert ranks == sorted(ranks)
    criteria = [abs(c.points or 0) for c in changes if c.kind == "criterion"]
    assert criteria == sorted(criteria, reverse=True)


def test_the_reverse_diff_undoes_the_change(revisions):
    old, new = revisions
    back = diff_reports(new, old)
    assert [(c.subject, c.before, c.after) for c in back.of("gating")] == [("Model parameters (Final)", "gated", "open")]


def test_fail_on_conditions(revisions):
    diff = diff_reports(*revisions)
    assert triggered(diff, parse_fail_on("licence"))
    assert triggered(diff, parse_fail_on("gating,verdict"))
    assert triggered(diff, parse_fail_on("score-drop=5"))
    assert not triggered(diff, parse_fail_on("score-drop=50"))
    assert not triggered(diff_reports(revisions[0], revisions[0]), parse_fail_on("licence,gating,verdict,score-drop=0"))


@pytest.mark.parametrize("text", ["licence,colour", "score-drop=abc", "score-drop=101", "score-drop"])
def test_bad_fail_on_is_a_usage_error(text):
    with pytest.raises(UsageError):
        parse_fail_on(text)
