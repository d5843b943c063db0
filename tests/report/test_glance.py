"""The answer at a glance: the headline in every format, the terminal view, the output-format error,
and progress on stderr, all through the CLI in-process."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from rich.console import Console

from openness.assessment import Assessment
from openness.report.terminal import plain, terminal_view

from ..conftest import CliRun, write_tree


def recorded(assessment: Assessment, *, details: bool = False, width: int = 120) -> str:
    console = Console(record=True, width=width, file=io.StringIO(), force_terminal=True, color_system="truecolor")
    console.print(terminal_view(assessment, details=details))
    return console.export_text()


def test_markdown_and_html_put_the_headline_first(good_repo: Path, run_cli: Callable[..., CliRun]) -> None:
    md = run_cli("score", str(good_repo), "-f", "md")
    lines = md.stdout.splitlines()
    assert lines[0].startswith("# Openness scorecard") and lines[1] == ""
    assert lines[2].startswith("**At a glance:** judged as a model release: model.safetensors is a weight file")
    assert " · OSAID " in lines[2]
    html = run_cli("score", str(good_repo), "-f", "html").stdout
    header = html.split("<header>", 1)[1].split("</header>", 1)[0]
    assert '<ul class="headline" aria-label="At a glance">' in header
    assert re.search(r'<li class="s-(pass|partial|fail|unknown)">MOF ', header)
    data = json.loads(run_cli("score", str(good_repo), "-f", "json").stdout)
    assert lines[2] == f"**At a glance:** {data['headline']['text'].replace('_', chr(92) + '_')}"


def test_software_headline_names_the_licence_and_osi_approval(software_repo: Path,
                                                              run_cli: Callable[..., CliRun]) -> None:
    headline = json.loads(run_cli("score", str(software_repo), "-f", "json").stdout)["headline"]
    assert headline["kind"] == "software" and headline["license"] == "MIT" and headline["osi_approved"] is True
    assert headline["osaid"] is None and headline["mof_class"] is None
    assert headline["text"].startswith("judged as software: ")
    assert " · licence MIT (OSI-approved) · score " in headline["text"]


def test_terminal_view_is_a_table_grouped_by_dimension_with_docs_links(good: Assessment) -> None:
    shown = recorded(good)
    lines = shown.splitlines()
    assert lines[0].startswith("openness ") and "grade" in lines[0]
    above_table = shown.split("Status", 1)[0]
    assert "OSAID" in above_table and "MOF" in above_table
    header = next(line for line in lines if line.startswith("Status"))
    assert header.split() == ["Status", "Score", "Criterion", "Reason", "Docs"]
    transparency = next(line for line in lines if "Transparency" in line)
    assert "coverage" in transparency and re.search(r"\d+\.\d", transparency)
    readme = next(line for line in lines if "#readme" in line)
    assert re.match(r"^[✓◐✗?] \w+ +\d+/10 +README", readme)
    assert len(lines) < 70 and all(len(line) <= 120 for line in lines)
    detailed = recorded(good, details=True)
    assert "↳ README.md" in detailed
    folded = "".join(detailed.split())  # a long link folds over lines, as the column is narrower
    assert "https://github.com/openness-dev/openness/blob/main/docs/criteria.md#criterion-readme" in folded
    assert len(detailed.splitlines()) > len(lines)


def test_score_on_a_terminal_prints_the_table_and_piped_stays_markdown(
        good_repo: Path, run_cli: Callable[..., CliRun], monkeypatch: pytest.MonkeyPatch) -> None:
    piped = run_cli("score", str(good_repo))
    assert piped.stdout.startswith("# Openness scorecard")
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    monkeypatch.setenv("COLUMNS", "120")
    shown = run_cli("score", str(good_repo))
    assert shown.code == 0 and not shown.stdout.startswith("#")
    assert "Status" in shown.stdout and "#readme" in shown.stdout and "\x1b[" in shown.stdout
    assert run_cli("score", str(good_repo), "-f", "md").stdout.startswith("# Openness scorecard")


def test_markup_and_control_characters_in_names_are_shown_literally(
        tmp_path: Path, run_cli: Callable[..., CliRun], monkeypatch: pytest.MonkeyPatch) -> None:
    repo = write_tree(tmp_path / "[/]", {"README.md": "# [bold red]x[/]\n\n\x1b[2Jcleared\n"})
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    result = run_cli("score", str(repo))
    assert result.code == 0, result.stderr
    assert "internal error" not in result.stderr and "openness: ]: " in result.stderr  # the directory "]" in "["
    assert "\x1b[2J" not in result.stdout and "openness ]" in re.sub(r"\x1b\[[0-9;]*m", "", result.stdout)
    assert plain("a\x1b[31mb\u202ec\nd") == "a[31mbc d"


@pytest.mark.parametrize("output", ["report.pdf", "out.txt", "scorecard.MD.bak"])
def test_an_output_file_of_no_known_format_is_an_error(good_repo: Path, tmp_path: Path, output: str,
                                                       run_cli: Callable[..., CliRun]) -> None:
    result = run_cli("score", str(good_repo), "-o", str(tmp_path / output))
    assert result.code == 2
    assert result.stderr.count("\n") == 1 and "is not a report format" in result.stderr
    assert not (tmp_path / output).exists()
    assert run_cli("compare", str(good_repo), str(good_repo), "-o", str(tmp_path / output)).code == 2


def test_progress_lines_on_stderr_and_quiet(good_repo: Path, tmp_path: Path, run_cli: Callable[..., CliRun]) -> None:
    out = tmp_path / "r.json"
    result = run_cli("score", str(good_repo), "-o", str(out))
    lines = result.stderr.splitlines()
    assert lines[0] == f"openness: fetching {good_repo}"
    assert lines[1].startswith("openness: scoring ")
    assert lines[2] == f"openness: writing {out}"
    assert lines[3].startswith("openness: ") and "grade" in lines[3]
    assert run_cli("score", str(good_repo), "-o", str(out), "-q").stderr == ""
    broken = tmp_path / "broken.json"
    broken.write_text('{"not": "evidence"}', encoding="utf-8")
    compared = run_cli("compare", str(good_repo), str(broken), "-f", "csv").stderr.splitlines()
    assert f"openness: fetching {good_repo}" in compared and f"openness: scored {good_repo}" in compared
    assert any(line.startswith(f"openness: could not score {broken}: ") for line in compared)


def test_every_finding_links_to_its_anchor_in_the_generated_docs(good: Assessment, run_cli: Callable[..., CliRun],
                                                                  tmp_path: Path) -> None:
    docs = run_cli("criteria", "-f", "md").stdout
    for finding in good.findings:
        assert finding.documentation is not None
        base, anchor = finding.documentation.url.split("#")
        assert base.endswith("/docs/criteria.md") and f'<a id="{anchor}"></a>' in docs
    write_tree(tmp_path / "c", {"README.md": "# c\n"})
    sarif = json.loads(run_cli("score", str(tmp_path / "c"), "-f", "sarif").stdout)
    rules = sarif["runs"][0]["tool"]["driver"]["rules"]
    assert all(rule["helpUri"].endswith(f"#criterion-{rule['id']}") for rule in rules)


def test_compare_shows_each_framework_as_a_targets_by_requirements_grid(
        good_repo: Path, hostile_repo: Path, tmp_path: Path, run_cli: Callable[..., CliRun]) -> None:
    outputs = {fmt: tmp_path / f"cmp.{fmt}" for fmt in ("html", "md", "csv", "json")}
    for out in outputs.values():
        assert run_cli("compare", str(hostile_repo), str(good_repo), "--sort", "score", "-o", str(out)).code == 0
    html = outputs["html"].read_text(encoding="utf-8")
    grid = html.split('id="grid-osai-h"', 1)[1].split("</table>", 1)[0]
    assert [g for g in re.findall(r'colspan="\d+" class="section">(\w+)<', grid)] == \
        ["Availability", "Documentation", "Access"]
    assert re.search(r'<td class="cell s-(pass|partial|fail|unknown)" title="End model weights: \w+ \([^"]+\)">', grid)
    rows = re.findall(r'<tr><th scope="row">([^<]+)</th>', grid)
    assert rows == ["tiny-model", "evil&lt;b&gt;model"]  # --sort score: best first
    assert 'id="grid-mof-h"' in html and "Class III" in html.split('id="grid-mof-h"', 1)[1]
    md = outputs["md"].read_text(encoding="utf-8")
    osai = md.split("## European Open Source AI Index: dimensions", 1)[1]
    assert re.search(r"\| tiny-model \| .*\[\^osai-1\]", osai)
    assert re.search(r"^\[\^osai-1\]: \S", osai, re.M)
    assert "## Model Openness Framework: components" in md
    csv_rows = list(csv.reader(io.StringIO(outputs["csv"].read_text(encoding="utf-8"))))
    assert csv_rows[0][2:] == ["tiny-model", "evil<b>model"]
    weights = next(r for r in csv_rows if r[:2] == ["European Open Source AI Index", "End model weights"])
    data = json.loads(outputs["json"].read_text(encoding="utf-8"))
    osai_json = next(g for g in data["grids"] if g["lens"] == "osai")
    index = [c["name"] for c in osai_json["columns"]].index("End model weights")
    assert weights[2:] == [row["cells"][index]["value"] for row in osai_json["rows"]]
    by_name = run_cli("compare", str(hostile_repo), str(good_repo), "--sort", "name", "-f", "csv").stdout
    assert by_name.splitlines()[0].endswith("evil<b>model,tiny-model")
