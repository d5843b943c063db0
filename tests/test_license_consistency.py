"""Licence statements must agree, and only distinct statements are compared."""

import json
from pathlib import Path

from typer.testing import CliRunner

from openness import api
from openness.cli import app
from openness.evidence import Document, Evidence, FileEntry, HostFacts, Member, TargetRef

from .conftest import MIT_TEXT, write_tree


def _hub_model(card_license: str, licence_text: str | None = None, host_licence: str | None = None) -> Evidence:
    docs = [Document(path="README.md", text=f"---\nlicense: {card_license}\n---\n# Model\n", size=40)]
    if licence_text is not None:
        docs.append(Document(path="LICENSE", text=licence_text, size=len(licence_text)))
    return Evidence(
        target=TargetRef(kind="hf_model", id="org/m"), fetched_at="2025-11-26T00:00:00+00:00",
        members=[Member(kind="hf_model", id="org/m", card_data={"license": card_license},
                        host=HostFacts(license_detected=host_licence),
                        files=[FileEntry(path=d.path, size=d.size) for d in docs], documents=docs)])


def test_a_card_licence_alone_is_one_statement_not_three_that_agree() -> None:
    """The card's ``license`` key, the same key in the README's front matter and the Hub's licence tag
    derived from it are one statement: nothing to compare, never "all 3 statements agree"."""
    result = api.score_evidence(_hub_model("mit", host_licence="mit"))
    finding = result.finding("license-consistent")
    assert finding.status == "not_applicable"
    assert "card metadata" in finding.reason and "agree" not in finding.reason
    card = [d for d in result.inventory.declarations if d.source == "card"]
    assert len(card) == 1 and card[0].ref.line == 2
    assert not [d for d in result.inventory.declarations if d.source == "readme"]


def test_a_licence_file_and_the_card_are_two_distinct_statements() -> None:
    finding = api.score_evidence(_hub_model("mit", MIT_TEXT, host_licence="mit")).finding("license-consistent")
    assert finding.status == "pass"
    assert finding.reason.startswith("2 distinct licence statements agree (MIT)")
    assert "licence file LICENSE" in finding.reason and "card metadata README.md" in finding.reason
    assert {ref.path for ref in finding.evidence} == {"README.md", "LICENSE"}


def test_a_checkout_with_licence_file_card_and_readme_sentence(tmp_path: Path) -> None:
    readme = "---\nlicense: mit\n---\n# Model\n\n## License\n\nReleased under the MIT License.\n"
    repo = write_tree(tmp_path / "m", {"README.md": readme, "LICENSE": MIT_TEXT, "train.py": "x = 1\n"})
    finding = api.score(str(repo)).finding("license-consistent")
    assert finding.status == "pass" and finding.reason.startswith("3 distinct licence statements agree")
    assert "README README.md:8" in finding.reason


def test_a_mismatch_is_a_finding_showing_every_source() -> None:
    finding = api.score_evidence(_hub_model("apache-2.0", MIT_TEXT, host_licence="mit")).finding("license-consistent")
    assert finding.status == "fail"
    assert "licence file LICENSE says MIT" in finding.reason
    assert "card metadata README.md:2 says Apache-2.0" in finding.reason
    assert "host API" not in finding.reason  # the host's reading of LICENSE is not a statement of its own
    assert {ref.path for ref in finding.evidence} >= {"README.md", "LICENSE"}


def test_the_hosts_reading_of_the_licence_file_is_not_a_second_statement() -> None:
    member = Member(kind="github", id="o/r", host=HostFacts(license_detected="other"),
                    files=[FileEntry(path="LICENSE", size=len(MIT_TEXT))],
                    documents=[Document(path="LICENSE", text=MIT_TEXT, size=len(MIT_TEXT))])
    evidence = Evidence(target=TargetRef(kind="github", id="o/r"), fetched_at="2025-11-26T00:00:00+00:00",
                        members=[member])
    finding = api.score_evidence(evidence).finding("license-consistent")
    assert finding.status == "not_applicable" and "licence file LICENSE" in finding.reason


def test_the_hosts_licence_stands_for_a_licence_file_it_could_read_and_we_could_not() -> None:
    member = Member(kind="github", id="o/r", host=HostFacts(license_detected="mit"),
                    files=[FileEntry(path="LICENSE", size=10**7)],
                    documents=[Document(path="README.md", text="# R\n\nReleased under the Apache 2.0 license.\n", size=50)])
    evidence = Evidence(target=TargetRef(kind="github", id="o/r"), fetched_at="2025-11-26T00:00:00+00:00",
                        members=[member])
    finding = api.score_evidence(evidence).finding("license-consistent")
    assert finding.status == "fail"
    assert "host API says MIT" in finding.reason and "README README.md:3 says Apache-2.0" in finding.reason


def test_dual_licensed_card_and_its_hub_tag_are_one_statement() -> None:
    evidence = _hub_model("mit", MIT_TEXT, host_licence="apache-2.0")
    member = evidence.members[0].model_copy(update={"card_data": {"license": ["mit", "apache-2.0"]}})
    evidence = evidence.model_copy(update={"members": [member]})
    finding = api.score_evidence(evidence).finding("license-consistent")
    assert "host API" not in finding.reason
    assert "card metadata README.md:2 says MIT OR Apache-2.0" in finding.reason


def test_the_command_line_reports_one_statement_for_a_card_only_hub_model(tmp_path: Path) -> None:
    """End to end through the CLI, from saved evidence: no "statements agree" on one statement."""
    saved = tmp_path / "evidence.json"
    saved.write_text(_hub_model("apache-2.0", host_licence="apache-2.0").model_dump_json(), encoding="utf-8")
    result = CliRunner().invoke(app, ["score", str(saved), "--format", "json"])
    assert result.exit_code == 0, result.output
    finding = next(f for f in json.loads(result.stdout)["findings"] if f["criterion"] == "license-consistent")
    assert finding["status"] == "not_applicable" and "card metadata README.md:2" in finding["reason"]


def test_badges_about_borrowed_code_are_not_statements_of_the_release(tmp_path: Path) -> None:
    """Acknowledgement badges name the licence of other people's code (linked to their repositories)."""
    readme = ("# Tool\n\n[![License: MIT](https://img.shields.io/badge/License-MIT-yellow.svg)](LICENSE)\n\n"
              "## Usage\n\nRun it.\n\n## Acknowledgements\n\n"
              "* Ranking loss from [mantra](https://github.com/someone/mantra) "
              "([![Apache License](https://img.shields.io/badge/license-Apache%202-green.svg)]"
              "(https://github.com/someone/mantra/blob/master/LICENSE))\n")
    repo = write_tree(tmp_path / "tool", {"README.md": readme, "LICENSE": MIT_TEXT, "tool.py": "x = 1\n"})
    result = api.score(str(repo))
    badges = [d for d in result.inventory.declarations if d.origin == "README badge"]
    assert [d.license_id for d in badges] == ["MIT"]
    finding = result.finding("license-consistent")
    assert finding.status == "pass" and "README badge README.md:3" in finding.reason


def test_a_badge_linking_to_another_repositorys_licence_is_not_the_releases() -> None:
    readme = ("# M\n\nUses [lib](https://github.com/other/lib) "
              "[![BSD License](https://img.shields.io/badge/license-BSD-green.svg)](https://github.com/other/lib/blob/main/LICENSE)\n")
    docs = [Document(path="README.md", text=readme, size=len(readme)), Document(path="LICENSE", text=MIT_TEXT, size=1)]
    evidence = Evidence(target=TargetRef(kind="github", id="me/m"), fetched_at="2025-11-26T00:00:00+00:00",
                        members=[Member(kind="github", id="me/m", files=[FileEntry(path=d.path, size=1) for d in docs],
                                        documents=docs)])
    result = api.score_evidence(evidence)
    assert not [d for d in result.inventory.declarations if d.origin == "README badge"]
    assert result.finding("license-consistent").status == "not_applicable"


def test_a_dual_licence_sentence_agrees_with_the_same_choice_in_another_order(tmp_path: Path) -> None:
    readme = "# Lib\n\n## License\n\nThis library is dual-licensed under MIT and Apache-2.0, at your option.\n"
    repo = write_tree(tmp_path / "lib", {"README.md": readme, "LICENSE-APACHE": "SPDX-License-Identifier: Apache-2.0\n",
                                         "LICENSE-MIT": MIT_TEXT, "lib.py": "x = 1\n"})
    result = api.score(str(repo))
    readme_decl = next(d for d in result.inventory.declarations if d.source == "readme")
    assert readme_decl.license_id == "MIT OR Apache-2.0"
    assert result.inventory.distribution_license.license_id == "Apache-2.0 OR MIT"
    assert result.finding("license-consistent").status == "pass"


def test_several_root_licence_files_and_the_hosts_reading_are_one_statement() -> None:
    docs = [Document(path="LICENSE-APACHE", text="SPDX-License-Identifier: Apache-2.0\n", size=40),
            Document(path="LICENSE-MIT", text=MIT_TEXT, size=len(MIT_TEXT))]
    member = Member(kind="github", id="o/lib", host=HostFacts(license_detected="Apache-2.0"),
                    files=[FileEntry(path=d.path, size=d.size) for d in docs], documents=docs)
    evidence = Evidence(target=TargetRef(kind="github", id="o/lib"), fetched_at="2025-11-26T00:00:00+00:00",
                        members=[member])
    assert api.score_evidence(evidence).finding("license-consistent").status == "not_applicable"


def test_a_readme_sentence_about_the_weights_states_their_licence_not_the_whole(tmp_path: Path) -> None:
    readme = ("# M\n\n## License\n\nThe code is released under the MIT License. "
              "The model weights are released under CC-BY-NC-4.0.\n")
    repo = write_tree(tmp_path / "m", {"README.md": readme, "LICENSE": MIT_TEXT, "train.py": "import torch\n",
                                       "model.safetensors": b"\0"})
    result = api.score(str(repo))
    weights = [d for d in result.inventory.declarations if d.slot == "weights"]
    assert [(d.source, d.license_id) for d in weights] == [("readme", "CC-BY-NC-4.0")]
    assert result.inventory.licenses["weights"].license_id == "CC-BY-NC-4.0"
    assert result.finding("license-consistent").status == "pass"  # MIT file and MIT sentence; weights apart
    assert result.licenses is not None and result.licenses.commercial_use == "no"
