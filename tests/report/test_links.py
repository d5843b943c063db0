"""Evidence links follow each member's own URL form, whatever the source."""

from __future__ import annotations

from openness.assessment import Assessment, MemberInfo
from openness.inventory import EvidenceRef
from openness.report.html import subject_label
from openness.report.links import evidence_link


def _with_member(assessment: Assessment, member: MemberInfo) -> Assessment:
    return assessment.model_copy(update={"members": [member]})


def test_a_member_file_url_template_decides_the_link(good: Assessment) -> None:
    gitlab = MemberInfo(id="group/sub/project", kind="gitlab", role="primary", revision="abc123",
                        web_url="https://gitlab.example.org/group/sub/project", source_label="GitLab project",
                        file_url="https://gitlab.example.org/group/sub/project/-/blob/{revision}/{path}")
    link = evidence_link(EvidenceRef(member="group/sub/project", path="docs/a b.md", line=3), _with_member(good, gitlab))
    assert link == "https://gitlab.example.org/group/sub/project/-/blob/abc123/docs/a%20b.md#L3"
    assert subject_label(_with_member(good, gitlab)) == "GitLab project"


def test_without_a_template_the_web_url_takes_the_blob_form_and_without_either_the_path_is_relative(
        good: Assessment) -> None:
    hub = MemberInfo(id="org/m", kind="hf_model", role="primary", revision="r1", web_url="https://huggingface.co/org/m")
    assert evidence_link(EvidenceRef(member="org/m", path="README.md"), _with_member(good, hub)) == \
        "https://huggingface.co/org/m/blob/r1/README.md"
    local = MemberInfo(id=".", kind="local", role="primary")
    assert evidence_link(EvidenceRef(member=".", path="javascript:alert(1)"), _with_member(good, local)) == \
        "./javascript%3Aalert%281%29"
    assert subject_label(_with_member(good, local)) == "local"
