"""Scoring rules users rely on: unknown is not fail, coverage, gains, grades, determinism."""

from pathlib import Path

import yaml

from openness import api
from openness.assess import grade
from openness.evidence import Evidence, FileEntry, Gap, Member, TargetRef

from .conftest import MIT_TEXT, write_tree


def _criteria(tmp_path: Path) -> Path:
    base = {"principle": "Licensing and Governance", "description": "test criterion", "remediation": "fix it please"}
    entries = [
        dict(base, id="lic", title="Licence", dimension="licensing", applies_to=["software"], weight=3, check="license_declared"),
        dict(base, id="coc", title="Conduct", dimension="licensing", applies_to=["software"], weight=1,
             check="fact_present", params={"fact": "code_of_conduct"}),
        dict(base, id="act", title="Activity", dimension="accessibility", applies_to=["software"], weight=2, check="recent_activity"),
        dict(base, id="card", title="Card", dimension="transparency", applies_to=["model"], weight=2,
             check="component_present", params={"component": "model_card"}),
    ]
    path = tmp_path / "c.yaml"
    path.write_text(yaml.safe_dump({"criteria": entries}))
    return path


def test_unknown_leaves_the_score_and_lowers_coverage(tmp_path: Path) -> None:
    repo = write_tree(tmp_path / "repo", {"LICENSE": MIT_TEXT, "README.md": "# x\n"})
    result = api.score(str(repo), criteria_file=_criteria(tmp_path))
    statuses = {f.criterion: f.status for f in result.findings}
    assert statuses == {"lic": "pass", "coc": "fail", "act": "unknown", "card": "not_applicable"}
    licensing = result.dimensions["licensing"]
    assert licensing.score == 75.0 and licensing.coverage == 1.0
    accessibility = result.dimensions["accessibility"]
    assert accessibility.score is None and accessibility.coverage == 0.0
    assert result.dimensions["transparency"].coverage == 0.0  # nothing applicable
    assert result.score.overall == 75.0  # the unknown dimension does not count as 0
    assert result.score.coverage == 0.5  # licensing fully covered, accessibility not at all


def test_gain_is_the_points_a_fix_adds(tmp_path: Path) -> None:
    repo = write_tree(tmp_path / "repo", {"LICENSE": MIT_TEXT})
    result = api.score(str(repo), criteria_file=_criteria(tmp_path))
    coc = result.finding("coc")
    assert coc.gain == 25.0
    assert result.finding("lic").gain is None
    assert [f.criterion for f in result.fixes()] == ["coc"]


def test_grades_follow_profile_thresholds() -> None:
    thresholds = {"A": 85, "B": 70, "C": 55, "D": 40}
    assert [grade(s, thresholds) for s in (100, 85, 84.9, 70, 55, 40, 39.9, None)] == ["A", "A", "B", "B", "C", "D", "F", "?"]


def test_same_evidence_gives_byte_identical_json(model_repo: Path) -> None:
    evidence = api.fetch_evidence(str(model_repo))
    first = api.score_evidence(evidence).model_dump_json()
    again = api.score_evidence(Evidence.model_validate_json(evidence.model_dump_json())).model_dump_json()
    assert first == again


def test_gated_weights_are_unknown_not_absent() -> None:
    evidence = Evidence(
        target=TargetRef(kind="hf_model", id="org/m"), fetched_at="2025-11-26T00:00:00+00:00",
        members=[Member(kind="hf_model", id="org/m", files=[FileEntry(path="README.md", size=10)],
                        gaps=[Gap(what="files", kind="gated", reason="gated: request access on the Hub")])],
    )
    result = api.score_evidence(evidence)
    weights = result.inventory.component("final_parameters")
    assert weights.status == "unknown" and "request access" in (weights.note or "")
    assert result.finding("weights-available").status == "unknown"


def test_parts_lost_to_errors_are_unknown_not_failed() -> None:
    lost = [Gap(what="releases", kind="rate_limited", reason="rate limit exceeded"),
            Gap(what="contributors", kind="server_error", reason="GitHub answered 502")]
    evidence = Evidence(
        target=TargetRef(kind="github", id="o/r"), fetched_at="2025-11-26T00:00:00+00:00",
        members=[Member(kind="github", id="o/r", files=[FileEntry(path="README.md", size=10)], gaps=lost)],
    )
    result = api.score_evidence(evidence)
    assert result.finding("tagged-releases").status == "unknown"
    assert "rate limit" in result.finding("tagged-releases").reason
    assert result.finding("active-maintainers").status == "unknown"


def test_model_lenses_do_not_judge_plain_software(tmp_path: Path) -> None:
    from openness.report import render_markdown

    repo = write_tree(tmp_path / "lib", {"LICENSE": MIT_TEXT, "README.md": "# lib\n", "src/lib.py": "x = 1\n"})
    result = api.score(str(repo))
    assert result.inventory.kind == "software"
    assert list(result.frameworks) == [] and "software" in (result.frameworks_note or "")
    text = render_markdown(result)
    assert "Model Openness Framework |" not in text and "Scored as software" in text
