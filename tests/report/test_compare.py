"""openness compare: side by side, concurrent within each service's limits, failures keep their column."""

from __future__ import annotations

import csv
import io
import json
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from openness import api
from openness.batch import SERVICE_LIMITS, Scored, score_many
from openness.cli import app
from openness.errors import FetchError
from openness.report.compare import render_compare_csv
from openness.targets import Target

from ..conftest import CliRun
from .htmlcheck import assert_inert

runner = CliRunner()


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    """A saved-evidence target that cannot be read back: fails without any network."""
    path = tmp_path / "broken.json"
    path.write_text('{"not": "evidence"}', encoding="utf-8")
    return path


def test_one_failing_target_keeps_its_column(good_repo: Path, hostile_repo: Path, broken: Path,
                                             run_cli: Callable[..., CliRun]) -> None:
    args = ["compare", str(good_repo), str(broken), str(hostile_repo), "-f", "json"]
    partial = run_cli(*args)
    assert partial.code == 3, partial.stderr
    assert partial.stderr.splitlines()[-1] == ("openness: error: 1 of 3 targets could not be scored; the report shows "
                                               "why (--allow-partial accepts a partial comparison)")
    result = run_cli(*args, "--allow-partial")
    assert result.code == 0, result.stderr
    assert result.stdout == partial.stdout  # the same report either way: only the exit code differs
    document = json.loads(result.stdout)
    assert [t["ok"] for t in document["targets"]] == [True, False, True]
    assert "is not an openness evidence file" in document["targets"][1]["error"]
    status = next(r for r in document["rows"] if r["question"] == "Status")
    assert status["values"][1].startswith("could not score: ")
    overall = next(r for r in document["rows"] if r["question"] == "Overall score")
    assert overall["values"][1] == "–" and overall["best"]
    assert "not scored" in result.stderr


@pytest.mark.parametrize("fmt", ["md", "html", "csv", "json"])
def test_a_failed_target_shows_its_reason_in_every_format(good_repo: Path, broken: Path,
                                                         run_cli: Callable[..., CliRun], fmt: str) -> None:
    result = run_cli("compare", str(good_repo), str(broken), "-f", fmt)
    assert result.code == 3
    assert "is not an openness evidence file" in result.stdout and "tiny-model" in result.stdout
    assert run_cli("compare", str(good_repo), str(broken), "-f", fmt, "--allow-partial").code == 0


def test_every_target_failing_exits_3_and_still_writes(broken: Path, tmp_path: Path,
                                                       run_cli: Callable[..., CliRun]) -> None:
    other = tmp_path / "also-broken.json"
    other.write_text("[]", encoding="utf-8")
    out = tmp_path / "cmp.md"
    for flags in ((), ("--allow-partial",)):
        result = run_cli("compare", str(broken), str(other), "-o", str(out), *flags)
        assert result.code == 3
        assert result.stderr.splitlines()[-1] == ("openness: error: none of the 2 targets could be scored "
                                                  "(see the reasons above)")
        assert out.read_text().count("could not score") == 2


def test_needs_two_valid_targets(good_repo: Path, run_cli: Callable[..., CliRun]) -> None:
    for args in ([str(good_repo)], [str(good_repo), "github:not a repo"]):
        result = run_cli("compare", *args)
        assert result.code == 2 and "Traceback" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1


def test_all_failing_exit_code_through_the_entry_point(broken: Path, run_cli: Callable[..., CliRun]) -> None:
    result = run_cli("compare", str(broken), str(broken), "-f", "csv")
    assert result.code == 3 and "compared 0 of 2 targets" in result.stderr


def test_formats(good_repo: Path, hostile_repo: Path, broken: Path, tmp_path: Path) -> None:
    targets = [str(good_repo), str(hostile_repo), str(broken)]
    for suffix in ("html", "md", "csv", "json"):
        out = tmp_path / f"cmp.{suffix}"
        result = runner.invoke(app, ["compare", *targets, "-o", str(out), "--allow-partial"])
        assert result.exit_code == 0, result.output
    html = (tmp_path / "cmp.html").read_text()
    assert_inert(html)
    assert "evil&lt;b&gt;model" in html and "★" in html and 'class="best' in html
    assert html.count('role="img"') == 5  # overall + four dimensions, each with title and desc
    rows = list(csv.reader(io.StringIO((tmp_path / "cmp.csv").read_text())))
    assert rows[0] == ["section", "question", "tiny-model", "evil<b>model", str(broken)]
    questions = [r[1] for r in rows[1:]]
    for expected in ("Overall score", "Coverage", "Transparency", "Commercial use", "Use restrictions",
                     "User or revenue thresholds", "Gated access", "Data licence"):
        assert expected in questions
    md = (tmp_path / "cmp.md").read_text()
    assert "| Overall score |" in md and "evil&lt;b&gt;model" in md


def test_csv_defuses_formulas() -> None:
    text = render_compare_csv([Scored("=HYPERLINK(1)", error="x"), Scored("@b", error="y")])
    cells = [c for row in csv.reader(io.StringIO(text)) for c in row]
    assert "'=HYPERLINK(1)" in cells and "'@b" in cells
    assert not [c for c in cells if c[:1] in {"=", "+", "-", "@"}]


def test_fetches_run_concurrently_within_each_service_limit(tmp_path: Path) -> None:
    """Workers are processes, so they meet in files: each marks itself active, notes how many of its
    service are active with it, and waits until every service is full (or 10 s pass)."""
    targets = [Target("github", f"o/r{i}") for i in range(7)] + [Target("hf_model", f"o/m{i}") for i in range(6)]
    limits = {"github": SERVICE_LIMITS["github"], "huggingface": SERVICE_LIMITS["huggingface"]}

    def fake_score(target: Target):
        service = "github" if target.kind == "github" else "huggingface"
        mark = tmp_path / f"{service}-{target.id.replace('/', '-')}"
        mark.touch()
        give_up = time.monotonic() + 10
        while time.monotonic() < give_up:
            active = {s: len(list(tmp_path.glob(f"{s}-*"))) for s in limits}
            (tmp_path / f"seen-{mark.name}").write_text(str(active[service]))
            if (tmp_path / "release").exists() or active == limits:
                (tmp_path / "release").touch()
                break
            time.sleep(0.01)
        mark.unlink()
        raise FetchError(f"{target} fails on purpose")

    results = score_many(targets, fake_score)
    seen = {s: max(int(p.read_text()) for p in tmp_path.glob(f"seen-{s}-*")) for s in limits}
    assert (tmp_path / "release").exists(), "fetches did not overlap up to each service's limit"
    assert seen == limits
    assert [r.target for r in results] == [str(t) for t in targets]  # order kept
    assert all(not r.ok and "fails on purpose" in r.error for r in results)


def test_progress_callback_sees_every_target(good_repo: Path, broken: Path) -> None:
    seen: list[str] = []
    api.compare([str(good_repo), str(broken)], on_done=lambda r: seen.append(r.target))
    assert sorted(seen) == sorted([str(good_repo), str(broken)])


def test_chart_labels_keep_the_end_that_tells_similar_targets_apart() -> None:
    from openness.report.charts import bar_chart

    chart = bar_chart("Overall", [("meta-llama/Llama-3-8B-Instruct", 40.0, ""), ("meta-llama/Llama-3-70B-Instruct", 50.0, "")],
                      compact=True)
    labels = [bar.label for bar in chart.bars]
    assert len(set(labels)) == 2 and all(label.startswith("…") for label in labels)
    assert "-8B-" in labels[0] and "-70B-" in labels[1]
    unlike = bar_chart("Overall", [("acme-ai/Acme-Llama-3-8B-Instruct", 35.0, ""), ("acme/tiny-llm", 64.0, "")],
                       compact=True)
    assert [bar.label for bar in unlike.bars] == ["acme-ai/Acme-L…", "acme/tiny-llm"]  # the start tells them apart
