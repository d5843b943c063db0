"""Nothing hostile reaches a reader: Markdown (and the job summary) and the terminal view.

Hostile strings come from where they would in use: a profile file a pipeline was handed (its name and
grade names are printed), tampered evidence (links), and a directory named to look like markup.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from rich.console import Console

from openness import api
from openness.assessment import Assessment
from openness.inventory import EvidenceRef
from openness.report import render_markdown
from openness.report.markdown import markdown_href
from openness.report.templating import markdown_cell, markdown_code
from openness.report.terminal import render_terminal

from ..conftest import CliRun, write_tree

TRACKER = "![img](http://tracker.example/p.png)"
HOSTILE_NAME = f"a|b `c` {TRACKER}"


def _links(markdown: str) -> list[str]:
    """Every Markdown link or image target that is not escaped, outside code spans (where nothing is a link)."""
    return re.findall(r"(?<!\\)\]\(([^)]*)\)", re.sub(r"(`+).*?\1", "", markdown))


def test_javascript_links_give_no_link_in_markdown(hostile: Assessment) -> None:
    member = hostile.members[0].model_copy(update={"web_url": "javascript:alert(1)"})
    finding = hostile.findings[0].model_copy(update={"evidence": [
        EvidenceRef(member=member.id, path="README.md", url="javascript:alert(2)"),
        EvidenceRef(member=member.id, path="LICENSE", url="JaVa\tScRiPt:alert(3)"),
        EvidenceRef(member=member.id, path="ok.md", url="https://example.com/ok")]})
    tampered = hostile.model_copy(update={"members": [member, member], "findings": [finding, *hostile.findings[1:]]})
    markdown = render_markdown(tampered)
    assert "alert(" not in "".join(_links(markdown))
    assert "https://example.com/ok" in _links(markdown)
    assert markdown_href("javascript:alert(1)") is None and markdown_href("//evil.example") is None
    assert markdown_href("https://a.example/x y") == "https://a.example/x%20y"


def test_the_escaping_helpers_neutralise_cells_code_and_images() -> None:
    cell = markdown_cell(HOSTILE_NAME + "\nnext | row")
    assert "\n" not in cell and "|" not in cell.replace("\\|", "") and "![" not in cell.replace("!\\[", "")
    code = markdown_code("x`y``z|w")
    assert code == "```x`y``z\\|w```"
    assert markdown_code("`edge`") == "`` `edge` ``"


def _hostile_profile(tmp_path: Path) -> Path:
    path = tmp_path / "profile.yaml"
    path.write_text(f"name: '{HOSTILE_NAME}'\ndescription: d\ngrades: {{'{TRACKER}': 0}}\n", encoding="utf-8")
    return path


def test_profile_and_grade_names_are_escaped_in_markdown_and_the_job_summary(
        run_cli: Callable[..., CliRun], tmp_path: Path, good_repo: Path) -> None:
    summary = tmp_path / "summary.md"
    result = run_cli("score", str(good_repo), "--profile", str(_hostile_profile(tmp_path)), "--summary", str(summary),
                     "-f", "md")
    assert result.code == 0, result.stderr
    for markdown in (result.stdout, summary.read_text(encoding="utf-8")):
        assert "tracker.example" not in "".join(_links(markdown))
        assert "grade !\\[img\\](http://tracker.example/p.png)" in markdown
        assert "profile ``a\\|b `c` ![img](http://tracker.example/p.png)``" in markdown  # a code span: inert
        for line in markdown.splitlines():
            if line.startswith("| ") and "profile" in line.lower():
                assert "a|b" not in line


@pytest.mark.parametrize("name", ["[/]", "[bold red]x[/]", "\x1b]0;title\x07x"])
def test_terminal_output_is_literal_and_free_of_control_characters(tmp_path: Path, name: str) -> None:
    folder = name.replace("\x1b", "").replace("\x07", "") if "/" not in name else name.replace("/", "slash")
    repo = write_tree(tmp_path / folder, {"README.md": "# x\n"})
    assessment = api.score(str(repo))
    hostile = assessment.model_copy(update={"target": assessment.target.model_copy(update={"id": name}),
                                            "profile": assessment.profile.model_copy(update={"name": name})})
    out = io.StringIO()
    render_terminal(hostile, Console(file=out, force_terminal=True, width=200), details=True)
    shown = out.getvalue()
    assert "\x07" not in shown and "\x1b]0;" not in shown
    visible = re.sub(r"\x1b\[[0-9;]*m|\x1b]8;[^\x1b]*\x1b\\", "", shown)
    assert name.replace("\x1b", "").replace("\x07", "") in visible


def test_a_directory_named_like_markup_and_a_title_escape_through_the_cli(
        run_cli: Callable[..., CliRun], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = write_tree(tmp_path / "[red]x[bold]", {"README.md": "# x\n"})
    monkeypatch.setenv("TTY_COMPATIBLE", "1")  # the terminal view, as a person would see it
    result = run_cli("score", str(repo))
    assert result.code == 0, result.stderr
    assert "[red]x[bold]" in result.stdout and "[red]x[bold]" in result.stderr
    compared = run_cli("compare", str(repo), "\x1b]0;title\x07", "--allow-partial")
    assert compared.code == 2 and "\x07" not in compared.stderr and "\x1b]" not in compared.stderr
