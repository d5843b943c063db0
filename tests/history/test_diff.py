"""The diff of two reports (``openness.diff``): a pure function, tested on two real revisions of the
hand-made Hub model and on the report against itself."""

from __future__ import annotations

import pytest

from openness import api
from openness.assessment import Assessment, WaiverInfo
from openness.diff import KIND_ORDER, diff_reports, parse_fail_on, triggered
from openness.diff.excerpt import CONTEXT, LIMIT, changed_span
from openness.errors import UsageError

from .models import revision_one, revision_three, revision_two


@pytest.fixture
def revisions(hub) -> tuple[Assessment, Assessment]:
    hub.add(revision_one())
    old = api.score("hf:acme/tiny-llm", follow_links=False)
    hub.add(revision_two())
    return old, api.score("hf:acme/tiny-llm", follow_links=False)


@pytest.fixture
def terms_changed(hub, revisions) -> tuple[Assessment, Assessment]:
    """Revision two, then three: only the access terms and the gating mode differ."""
    hub.add(revision_three())
    return revisions[1], api.score("hf:acme/tiny-llm", follow_links=False)


def as_schema_1_0(report: Assessment) -> Assessment:
    """The report as an openness before report schema 1.1 saved it: without the facts 1.1 added."""
    data = report.model_dump(mode="json", exclude={"card_sections", "gating"})
    for member in data["members"]:
        del member["gated"]
    return Assessment.model_validate(data | {"schema_version": "1.0"})


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


def test_gating_added_is_reported_for_the_weights_with_its_terms(revisions):
    gating = diff_reports(*revisions).of("gating")
    assert (gating[0].subject, gating[0].before, gating[0].after) == ("Model parameters (Final)", "open", "gated")
    terms = {c.subject: (c.before, c.after) for c in gating[1:]}
    assert terms["access form field “Country”"] == (None, "country")
    assert terms["access prompt"][0] is None and "research use only" in (terms["access prompt"][1] or "")
    assert "access approval" not in terms  # it was not gated before: the gating change above says it


def test_changed_access_terms_are_the_whole_diff_of_a_terms_change(terms_changed):
    diff = diff_reports(*terms_changed)
    assert {c.kind for c in diff.changes} == {"gating"} and diff.notes == []
    by_subject = {c.subject: c for c in diff.changes}
    assert set(by_subject) == {"access approval", "access form field “Affiliation”", "access prompt"}
    assert (by_subject["access approval"].before, by_subject["access approval"].after) == (
        "approved by the authors", "granted on accepting the terms")
    prompt = by_subject["access prompt"]
    assert "no training of other models" in (prompt.after or "") and "no training" not in (prompt.before or "")
    assert prompt.reason == "the wording changed"


def test_card_sections_added_and_removed(revisions):
    sections = {c.subject: c for c in diff_reports(*revisions).of("section")}
    assert set(sections) == {"Limitations and bias", "Environmental impact"}
    assert sections["Limitations and bias"].before.startswith("README.md line ") and sections["Limitations and bias"].after is None
    assert sections["Environmental impact"].before is None and "added" in sections["Environmental impact"].reason


def test_a_schema_1_0_report_still_diffs_and_says_what_it_could_not_compare(revisions):
    old, new = revisions
    diff = diff_reports(as_schema_1_0(old), new)
    assert diff.of("licence") and diff.of("gating")[0].subject == "Model parameters (Final)"
    assert not diff.of("section") and [c.subject for c in diff.of("gating")] == ["Model parameters (Final)"]
    assert [n.split(":")[0] for n in diff.notes] == ["card sections not compared", "access terms not compared"]
    assert all("the older report does not record them" in n for n in diff.notes)
    both = diff_reports(as_schema_1_0(old), as_schema_1_0(old))
    assert both.empty and all("either report" in n for n in both.notes)


def test_a_card_that_could_not_be_read_is_not_compared(revisions):
    old, new = revisions
    assert new.card_sections is not None
    unread = new.card_sections.model_copy(update={"status": "unknown", "value": None, "reason": "README.md: gated"})
    diff = diff_reports(old, new.model_copy(update={"card_sections": unread}))
    assert not diff.of("section")
    assert "card sections not compared: the newer report could not tell (README.md: gated)" in diff.notes


def test_a_waiver_added_is_a_criterion_change_and_stays_its_status(revisions):
    old, _ = revisions
    finding = next(f for f in old.findings if f.status in {"fail", "partial"})
    waiver = WaiverInfo(reason="we publish no paper", owner="ml-team", source=".openness.yaml", state="waived",
                        note="waived")
    waived = old.model_copy(update={"findings": [f.model_copy(update={"waiver": waiver}) if f is finding else f
                                                 for f in old.findings]})
    change, = diff_reports(old, waived).changes
    assert change.subject == finding.criterion and change.after.startswith(f"{finding.status} (") and \
        change.after.endswith(", waived") and change.reason == "waived: we publish no paper (ml-team)"
    assert diff_reports(waived, old).changes[0].reason == "no longer waived"


def test_long_texts_are_shown_by_the_span_that_changed():
    words = [f"w{i}" for i in range(200)]
    after = words[:100] + ["NEW"] + words[100:]
    before_shown, after_shown = changed_span(" ".join(words), " ".join(after))
    kept = words[100 - CONTEXT:100 + CONTEXT]
    assert before_shown == "…" + " ".join(kept) + "…"
    assert after_shown == "…" + " ".join(kept[:CONTEXT] + ["NEW"] + kept[CONTEXT:]) + "…" and len(after_shown) < LIMIT
    assert changed_span("short", "text") == ("short", "text")


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
    back = diff_reports(new, old).of("gating")
    assert (back[0].subject, back[0].before, back[0].after) == ("Model parameters (Final)", "gated", "open")
    assert back[1:] and all(c.after is None and c.reason == "the term was dropped" for c in back[1:])


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


def test_access_form_not_shaped_label_to_type_is_compared_whole(terms_changed):
    old, new = terms_changed
    assert new.gating is not None and new.gating.value is not None
    odd = new.gating.value.model_copy(update={"terms": {**new.gating.value.terms, "fields": ["Name", "Country"]}})
    changed = new.model_copy(update={"gating": new.gating.model_copy(update={"value": odd})})
    form = next(c for c in diff_reports(old, changed).changes if c.subject == "access form")
    assert form.after == '["Name", "Country"]' and "Country" in (form.before or "")
