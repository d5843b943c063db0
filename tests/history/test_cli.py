"""The history commands end to end: two revisions of the hand-made model on the fake Hub, recorded
with ``score --record``, then ``history`` and ``diff`` in every format, and ``--fail-on``."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from ..conftest import MIT_TEXT, write_tree
from ..github.repos import serve_repo
from .models import REV1, REV2, REV3, revision_one, revision_three, revision_two

LATER = "1767225600"  # 2026-01-01T00:00:00Z


@pytest.fixture
def recorded(hub, run_cli, sqlite_url, monkeypatch, tmp_path) -> tuple[Path, Path]:
    """Revision one recorded on 2025-11-26, revision two on 2026-01-01; both saved as JSON too."""
    hub.add(revision_one())
    first = run_cli("score", "hf:acme/tiny-llm", "--no-follow", "--record", "-f", "json", "-o", str(tmp_path / "a.json"))
    assert first.code == 0 and "recorded in the history store (record 1)" in first.stderr
    hub.add(revision_two())
    monkeypatch.setenv("SOURCE_DATE_EPOCH", LATER)
    second = run_cli("score", "hf:acme/tiny-llm", "--no-follow", "--record", "-f", "json", "-o", str(tmp_path / "b.json"))
    assert second.code == 0 and "(record 2)" in second.stderr
    return tmp_path / "a.json", tmp_path / "b.json"


def test_history_markdown_lists_each_record_with_verdict_changes(recorded, run_cli):
    result = run_cli("history", "hf:acme/tiny-llm")
    assert result.code == 0
    rows = [line for line in result.stdout.splitlines() if re.match(r"\| \d+ \|", line)]
    assert len(rows) == 2 and REV1[:12] in rows[0] and REV2[:12] in rows[1]
    assert "→" in rows[1] and "→" not in rows[0]


def test_history_csv_and_json(recorded, run_cli):
    csv_out = run_cli("history", "hf:acme/tiny-llm", "-f", "csv").stdout.splitlines()
    assert csv_out[0].startswith("record,target,recorded_at,revision") and len(csv_out) == 3
    data = json.loads(run_cli("history", "hf:acme/tiny-llm", "-f", "json").stdout)
    assert [r["revision"] for r in data["records"]] == [REV1, REV2]
    assert data["records"][1]["licences"]["final_parameters"] == "acme-tiny"
    assert data["verdict_changes"] and data["verdict_changes"][0]["record"] == data["records"][1]["id"]


def test_history_html_is_self_contained_with_a_trend_chart(recorded, run_cli, tmp_path):
    out = tmp_path / "history.html"
    assert run_cli("history", "hf:acme/tiny-llm", "-o", str(out)).code == 0
    page = out.read_text(encoding="utf-8")
    assert "default-src 'none'" in page and "<script" not in page and "http://" not in page.split("<body")[1]
    assert page.count('<polyline class="line') >= 1 + 4  # overall and each dimension
    assert 'class="mark"' in page  # the verdict change between the two records


def test_diff_of_saved_reports_most_important_first(recorded, run_cli):
    a, b = recorded
    result = run_cli("diff", str(a), str(b))
    assert result.code == 0
    table = [line for line in result.stdout.splitlines() if line.startswith("| ") and "---" not in line][1:]
    assert table[0].startswith("| Licence |") and any(line.startswith("| Gating | Model parameters (Final) | open | gated")
                                                       for line in table)


def test_diff_since_a_date_uses_the_history(recorded, run_cli):
    data = json.loads(run_cli("diff", "hf:acme/tiny-llm", "--since", "2025-12-01", "-f", "json").stdout)
    assert data["old"]["revision"] == REV1 and data["new"]["revision"] == REV2 and not data["empty"]
    kinds = {c["kind"] for c in data["changes"]}
    assert {"licence", "gating", "verdict", "criterion"} <= kinds


def test_diff_html_escapes_and_loads_nothing(recorded, run_cli, tmp_path):
    a, b = recorded
    out = tmp_path / "diff.html"
    assert run_cli("diff", str(a), str(b), "-o", str(out)).code == 0
    page = out.read_text(encoding="utf-8")
    assert "default-src 'none'" in page and "<script" not in page and "acme-tiny" in page


def test_identical_inputs_give_an_empty_diff_and_pass_every_gate(recorded, run_cli):
    a, _ = recorded
    result = run_cli("diff", str(a), str(a), "--fail-on", "licence,gating,verdict,score-drop=0")
    assert result.code == 0 and "No changes." in result.stdout


@pytest.mark.parametrize(("fail_on", "code"), [("licence", 1), ("gating", 1), ("verdict", 1), ("score-drop=5", 1),
                                               ("score-drop=90", 0)])
def test_fail_on_turns_the_diff_into_a_monitor(recorded, run_cli, fail_on, code):
    a, b = recorded
    result = run_cli("diff", str(a), str(b), "--fail-on", fail_on, "-q")
    assert result.code == code
    assert ("--fail-on" in result.stderr) == (code == 1)


def test_diff_of_two_targets_scores_both(hub, run_cli):
    hub.add(revision_one())
    gated = revision_two()
    gated.id = "acme/tiny-llm-gated"
    hub.add(gated)
    result = run_cli("diff", "hf:acme/tiny-llm", "hf:acme/tiny-llm-gated", "--no-follow", "-f", "json", "-q")
    data = json.loads(result.stdout)
    assert result.code == 0 and data["changes"][0]["kind"] == "licence"
    assert any("two different targets" in note for note in data["notes"])


def test_record_setting_in_pyproject_records_without_the_flag(tmp_path, run_cli, sqlite_url, monkeypatch):
    project = write_tree(tmp_path / "proj", {"README.md": "# Proj\n\nA tool.\n", "LICENSE": MIT_TEXT,
                                             "pyproject.toml": "[tool.openness]\nrecord = true\n"})
    monkeypatch.chdir(project)  # a project's own table counts only for the project being worked in
    assert "recorded in the history store" in run_cli("score", ".", "-f", "json").stderr
    assert "recorded" not in run_cli("score", ".", "-f", "json", "--no-record").stderr
    data = json.loads(run_cli("history", ".", "-f", "json").stdout)
    assert len(data["records"]) == 1


def test_bad_record_setting_is_one_line(tmp_path, run_cli, sqlite_url, monkeypatch):
    project = write_tree(tmp_path / "proj", {"README.md": "# P\n", "pyproject.toml": "[tool.openness]\nrecord = 1\n"})
    monkeypatch.chdir(project)
    result = run_cli("score", ".")
    assert result.code == 2 and "record must be true or false" in result.stderr


def test_compare_record_records_every_scored_column(hub, tmp_path, run_cli, sqlite_url):
    hub.add(revision_one())
    one = write_tree(tmp_path / "one", {"README.md": "# One\n", "LICENSE": MIT_TEXT})
    result = run_cli("compare", str(one), "https://huggingface.co/acme/tiny-llm", "--no-follow", "--record", "-f", "json")
    assert result.code == 0 and "(record 1, 2)" in result.stderr
    assert len(json.loads(run_cli("history", "hf:acme/tiny-llm", "-f", "json").stdout)["records"]) == 1


@pytest.mark.parametrize(("args", "code", "words"), [
    (("history", "hf:acme/x", "--db", "mysql://h/db"), 2, "unsupported backend"),
    (("history", "hf:acme/x", "--db", "::"), 2, "not a database URL"),
    (("diff", "hf:acme/x", "--since", "2026-01-01"), 2, "nothing recorded"),
    (("diff", "hf:acme/x"), 2, "needs two reports"),
    (("diff", "a.json", "b.json", "--since", "2026-01-01"), 2, "one target with --since"),
])
def test_bad_history_input_is_one_line(run_cli, sqlite_url, args, code, words):
    result = run_cli(*args)
    assert result.code == code and words in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_an_unreachable_postgresql_is_exit_3_without_the_password(run_cli):
    result = run_cli("history", "hf:acme/x", "--db", "postgresql://u:s3cretpw@127.0.0.1:1/db")
    assert result.code == 3 and "s3cretpw" not in result.stderr and "history database" in result.stderr


def test_diff_of_two_revisions_of_one_model(hub, run_cli):
    """``hf:org/m@rev1 hf:org/m@rev2``: the fake Hub serves both states of the repository."""
    hub.add_revision(revision_one())
    hub.add(revision_two())
    result = run_cli("diff", f"hf:acme/tiny-llm@{REV1}", f"hf:acme/tiny-llm@{REV2}", "--no-follow", "-f", "json",
                     "--fail-on", "gating", "-q")
    data = json.loads(result.stdout)
    assert result.code == 1 and "--fail-on gating" in result.stderr
    assert (data["old"]["revision"], data["new"]["revision"]) == (REV1, REV2) and data["notes"] == []
    assert [c["after"] for c in data["changes"] if c["kind"] == "gating"][0] == "gated"
    assert any(c["kind"] == "licence" and c["after"] == "acme-tiny" for c in data["changes"])


def watch_json(run_cli, watch_list: Path, *args: str) -> list[dict]:
    result = run_cli("watch", str(watch_list), "--no-follow", "-f", "json", *args)
    assert result.code == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture
def watch_list(tmp_path: Path) -> Path:
    path = tmp_path / "watch.txt"
    path.write_text("# models we rely on\nhf:acme/tiny-llm\n\n", encoding="utf-8")
    return path


def test_watch_records_changes_and_skips_unchanged_targets(hub, run_cli, sqlite_url, watch_list, monkeypatch):
    hub.add(revision_one())
    assert [r["status"] for r in watch_json(run_cli, watch_list)] == ["new"]
    again = run_cli("watch", str(watch_list), "--no-follow", "-f", "json", "--fail-on", "licence")
    assert again.code == 0 and [r["status"] for r in json.loads(again.stdout)] == ["unchanged"]
    hub.add(revision_two())
    monkeypatch.setenv("SOURCE_DATE_EPOCH", LATER)
    changed = run_cli("watch", str(watch_list), "--no-follow", "--fail-on", "licence")
    assert changed.code == 1 and "--fail-on hf:acme/tiny-llm: licence" in changed.stderr
    assert "| hf:acme/tiny-llm | changed" in changed.stdout and "## Openness diff" in changed.stdout
    assert "| Card section | Limitations and bias |" in changed.stdout
    assert len(json.loads(run_cli("history", "hf:acme/tiny-llm", "-f", "json").stdout)["records"]) == 2


def test_a_quiet_watch_costs_one_small_request_per_target(hub, run_cli, sqlite_url, watch_list):
    """An unchanged target is not rescored: one info request restricted to sha and gating, nothing else."""
    hub.add(revision_one())
    watch_json(run_cli, watch_list)
    hub.log.clear()
    quiet = run_cli("watch", str(watch_list), "--no-follow")
    assert [(r.method, r.path, r.query) for r in hub.log] == [("GET", "/api/models/acme/tiny-llm",
                                                               "expand=sha&expand=gated")]
    assert "not rescored: still at 111111111111" in quiet.stdout and "; 1 HTTP requests" in quiet.stderr
    data = watch_json(run_cli, watch_list)
    assert (data[0]["status"], data[0]["requests"], data[0]["diff"]) == ("unchanged", 1, None)
    hub.log.clear()
    full = watch_json(run_cli, watch_list, "--full")
    assert full[0]["status"] == "unchanged" and full[0]["requests"] == len(hub.log)
    assert [r.query for r in hub.log] == ["blobs=true"]  # the full info call (a 304: the fetch is warm), no check


def test_watch_sees_gating_switched_on_without_a_commit(hub, run_cli, sqlite_url, watch_list):
    """The Hub's gating is a setting, not a commit: the check compares it too, and the terms are diffed."""
    hub.add(revision_two())
    watch_json(run_cli, watch_list)
    hub.add(revision_three())
    changed = watch_json(run_cli, watch_list)[0]
    assert changed["status"] == "changed" and changed["note"].startswith("rescored: acme/tiny-llm moved to 333")
    assert {c["subject"] for c in changed["diff"]["changes"]} == {
        "access approval", "access form field “Affiliation”", "access prompt"}
    switched = revision_three()
    switched.gated = "manual"  # the same commit, approval switched back to the authors
    hub.add(switched)
    result = watch_json(run_cli, watch_list)[0]
    assert result["note"] == "rescored: the gating of acme/tiny-llm changed" and result["status"] == "changed"
    approval = next(c for c in result["diff"]["changes"] if c["subject"] == "access approval")
    assert (approval["before"], approval["after"]) == ("granted on accepting the terms", "approved by the authors")


def test_watch_rescores_a_record_of_other_rules(hub, run_cli, sqlite_url, watch_list):
    hub.add(revision_one())
    watch_json(run_cli, watch_list)
    hub.log.clear()
    other = watch_json(run_cli, watch_list, "--profile", "procurement")[0]
    assert other["note"].startswith("rescored: its latest record was scored by other rules")
    assert "blobs=true" in [r.query for r in hub.log]  # a full fetch (warm), not only the revision check


def test_watch_of_a_github_target_asks_for_the_head_commit_only(gh, run_cli, sqlite_url, tmp_path, monkeypatch):
    monkeypatch.setenv("GH_TOKEN", "ghp_" + "watchtest0" * 4)
    serve_repo(gh)
    watch_list = tmp_path / "watch.txt"
    watch_list.write_text("github:octo-org/llm-kit\n", encoding="utf-8")
    assert watch_json(run_cli, watch_list)[0]["status"] == "new"
    before = len(gh.log)
    quiet = watch_json(run_cli, watch_list)[0]
    seen = gh.log[before:]
    assert [(s.path, s.status) for s in seen] == [("/repos/octo-org/llm-kit/commits/HEAD", 304)]
    assert quiet["status"] == "unchanged" and quiet["requests"] == 1


def test_a_saved_report_of_schema_1_0_diffs_with_a_note(recorded, run_cli, tmp_path):
    a, b = recorded
    data = json.loads(a.read_text(encoding="utf-8"))
    for key in ("card_sections", "gating"):
        del data[key]
    for member in data["members"]:
        del member["gated"]
    old = tmp_path / "old.json"
    old.write_text(json.dumps(data | {"schema_version": "1.0"}), encoding="utf-8")
    result = run_cli("diff", str(old), str(b))
    assert result.code == 0 and "| Licence |" in result.stdout and "| Card section |" not in result.stdout
    assert "> card sections not compared: the older report does not record them" in result.stdout
    assert "> access terms not compared" in result.stdout


def test_diff_of_revisions_two_and_three_lists_the_changed_terms(hub, run_cli):
    hub.add_revision(revision_two())
    hub.add(revision_three())
    result = run_cli("diff", f"hf:acme/tiny-llm@{REV2}", f"hf:acme/tiny-llm@{REV3}", "--no-follow", "--fail-on",
                     "gating", "-q")
    assert result.code == 1
    rows = [line for line in result.stdout.splitlines() if line.startswith("| Gating |")]
    assert len(rows) == 3 and any("| access prompt | …" in row and "no training of other models" in row for row in rows)


def test_watch_of_an_empty_list_is_a_usage_error(run_cli, tmp_path):
    empty = tmp_path / "watch.txt"
    empty.write_text("# nothing\n", encoding="utf-8")
    result = run_cli("watch", str(empty))
    assert result.code == 2 and "no targets" in result.stderr
