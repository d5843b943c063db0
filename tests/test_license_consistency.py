"""The licence file, the card metadata and the host's detected licence must agree."""

from openness import api
from openness.evidence import Document, Evidence, FileEntry, HostFacts, Member, TargetRef

from .conftest import MIT_TEXT

APACHE_HEADER = "                                 Apache License\n                           Version 2.0, January 2004\n"


def _evidence(card_license: str, licence_text: str, host_licence: str | None = None) -> Evidence:
    docs = [Document(path="README.md", text=f"---\nlicense: {card_license}\n---\n# Model\n", size=40),
            Document(path="LICENSE", text=licence_text, size=len(licence_text))]
    return Evidence(
        target=TargetRef(kind="hf_model", id="org/m"), fetched_at="2025-11-26T00:00:00+00:00",
        members=[Member(kind="hf_model", id="org/m", card_data={"license": card_license},
                        host=HostFacts(license_detected=host_licence),
                        files=[FileEntry(path=d.path, size=d.size) for d in docs], documents=docs)])


def test_agreeing_statements_pass() -> None:
    finding = api.score_evidence(_evidence("mit", MIT_TEXT)).finding("license-consistent")
    assert finding.status == "pass"


def test_a_mismatch_is_a_finding_showing_every_source() -> None:
    finding = api.score_evidence(_evidence("apache-2.0", MIT_TEXT, host_licence="mit")).finding("license-consistent")
    assert finding.status == "fail"
    assert "card" in finding.reason and "license_file" in finding.reason
    assert "Apache-2.0" in finding.reason and "MIT" in finding.reason
    assert {ref.path for ref in finding.evidence} >= {"README.md", "LICENSE"}
