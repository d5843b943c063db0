"""The ``openness`` command line. It only wires the stages together.

Exit codes: 0 done; 1 score below ``--fail-under``; 2 usage or input error; 3 the target
could not be fetched or evaluated. Data goes to stdout (or ``-o``), messages to stderr.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from . import __version__, api
from .assessment import Assessment
from .errors import OpennessError, UsageError
from .report import RENDERERS
from .report.badge import render_badge_json, render_badge_svg
from .report.compare import COMPARE_RENDERERS
from .report.criteria_doc import render_criteria_markdown
from .report.mof_record import render_record_json, render_record_text
from .targets import parse_target

app = typer.Typer(
    add_completion=False,
    pretty_exceptions_enable=False,
    no_args_is_help=True,
    help="How open is this AI model or project? Scores GitHub, Hugging Face and local checkouts, with evidence.",
)
stderr = Console(stderr=True, highlight=False)


class ReportFormat(str, Enum):
    md = "md"
    json = "json"
    html = "html"
    sarif = "sarif"


class DocFormat(str, Enum):
    md = "md"
    json = "json"


_SUFFIX_FORMATS = {".md": "md", ".markdown": "md", ".json": "json", ".html": "html", ".htm": "html", ".sarif": "sarif"}

TargetArg = Annotated[str, typer.Argument(help="github:OWNER/REPO[@REF], hf:ORG/MODEL[@REV], hf-dataset:ORG/NAME, a URL, a directory or an evidence .json file.")]
OutputOpt = Annotated[Optional[str], typer.Option("--output", "-o", help="Write to this file; '-' or nothing for stdout.")]
ProfileOpt = Annotated[Optional[str], typer.Option("--profile", help="Built-in profile (default, ci, procurement) or a profile YAML file.")]
CriteriaOpt = Annotated[Optional[Path], typer.Option("--criteria", help="Use this criteria YAML file instead of the built-in one.")]
OfflineOpt = Annotated[bool, typer.Option("--offline", help="Use only the cache; never touch the network.")]
NoCacheOpt = Annotated[bool, typer.Option("--no-cache", help="Bypass the HTTP cache.")]
NoFollowOpt = Annotated[bool, typer.Option("--no-follow", help="Score the repository alone; do not follow a model's links to code and data.")]


def _write(text: str, output: str | None, append: bool = False) -> None:
    if output in (None, "-"):
        try:
            sys.stdout.write(text)
            sys.stdout.flush()
        except BrokenPipeError:  # the reader went away (``openness score . | head``): not an error
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except (OSError, ValueError, AttributeError) as error:
            raise UsageError(f"cannot write to standard output: {getattr(error, 'strerror', None) or error}") from None
        return
    path = Path(output)  # type: ignore[arg-type]
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a" if append else "w", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as error:
        raise UsageError(f"cannot write {path}: {error.strerror}") from None


def _choose_format(fmt: ReportFormat | None, output: str | None) -> str:
    if fmt is not None:
        return fmt.value
    if output and output != "-":
        return _SUFFIX_FORMATS.get(Path(output).suffix.lower(), "md")
    return "md"


def _summary(assessment: Assessment) -> str:
    s = assessment.score
    overall = "unscored" if s.overall is None else f"{s.overall:.1f}/100 grade {s.grade}"
    return f"{assessment.target.id}: {overall}, coverage {round(s.coverage * 100)} %"


@app.command()
def score(
    target: TargetArg,
    fmt: Annotated[Optional[ReportFormat], typer.Option("--format", "-f", help="Report format (default: from the -o suffix, else md).")] = None,
    output: OutputOpt = None,
    profile: ProfileOpt = None,
    criteria: CriteriaOpt = None,
    fail_under: Annotated[Optional[float], typer.Option("--fail-under", min=0, max=100, help="Exit 1 when the overall score (one decimal, as printed) is strictly below N.")] = None,
    offline: OfflineOpt = False,
    no_cache: NoCacheOpt = False,
    no_follow: NoFollowOpt = False,
    badge: Annotated[Optional[Path], typer.Option("--badge", help="Also write an SVG badge (grade and score) to this file.")] = None,
    badge_json: Annotated[Optional[Path], typer.Option("--badge-json", help="Also write a shields.io endpoint JSON badge to this file.")] = None,
    sarif: Annotated[Optional[Path], typer.Option("--sarif", help="Also write SARIF 2.1.0 for code scanning to this file (local checkouts).")] = None,
    summary: Annotated[Optional[Path], typer.Option("--summary", help="Also append the Markdown scorecard to this file, e.g. $GITHUB_STEP_SUMMARY.")] = None,
) -> None:
    """Score a target and write its scorecard (and, from the same run, any badge, SARIF or job summary)."""
    parsed = parse_target(target)
    config = api.load_project_config(parsed)
    chosen_profile = profile or config.profile or "default"
    criteria_file = criteria or config.criteria
    criteria_set = api.criteria_for(chosen_profile, criteria_file)  # validate before any fetch
    threshold = fail_under if fail_under is not None else config.fail_under
    if threshold is None:
        threshold = criteria_set.profile.fail_under
    stderr.print(f"openness: fetching {parsed}", style="dim")
    evidence = api.fetch_evidence(parsed, offline=offline, use_cache=not no_cache, follow_links=not no_follow)
    assessment = api.score_evidence(evidence, profile=chosen_profile, criteria_file=criteria_file, fail_under=threshold)
    _write(RENDERERS[_choose_format(fmt, output)](assessment), output)
    extras = ((badge, render_badge_svg), (badge_json, render_badge_json), (sarif, RENDERERS["sarif"]))
    for path, render in extras:
        if path:
            _write(render(assessment), str(path))
    if summary:
        _write(RENDERERS["md"](assessment), str(summary), append=True)
    stderr.print(f"openness: {_summary(assessment)}")
    overall = assessment.score.overall
    if threshold is not None and (overall is None or overall < threshold):
        stderr.print(f"openness: score {overall if overall is not None else 'unscored'} is below --fail-under {threshold:g}")
        raise typer.Exit(1)


class CompareFormat(str, Enum):
    html = "html"
    md = "md"
    csv = "csv"
    json = "json"


_COMPARE_SUFFIXES = {".html": "html", ".htm": "html", ".md": "md", ".markdown": "md", ".csv": "csv", ".json": "json"}


@contextmanager
def _progress(total: int, label: str) -> Iterator[Callable[[object], None]]:
    """A progress bar on stderr when it is a terminal; otherwise a silent callback."""
    if not stderr.is_terminal:
        yield lambda _result: None
        return
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=stderr, transient=True) as progress:
        task = progress.add_task(label, total=total)
        yield lambda _result: progress.advance(task)


@app.command("compare")
def compare_command(
    targets: Annotated[list[str], typer.Argument(help="Two or more targets, in any form `score` accepts.")],
    fmt: Annotated[Optional[CompareFormat], typer.Option("--format", "-f", help="html, md, csv or json (default: from the -o suffix, else md).")] = None,
    output: OutputOpt = None,
    profile: ProfileOpt = None,
    criteria: CriteriaOpt = None,
    offline: OfflineOpt = False,
    no_cache: NoCacheOpt = False,
    no_follow: NoFollowOpt = False,
) -> None:
    """Score targets side by side. Fetches run concurrently; a target that fails keeps its column with the reason.

    Exit code 3 only when no target could be scored.
    """
    if len(targets) < 2:
        raise UsageError("compare needs at least two targets")
    chosen = fmt.value if fmt else _COMPARE_SUFFIXES.get(Path(output).suffix.lower(), "md") if output and output != "-" else "md"
    with _progress(len(targets), "openness: scoring") as advance:
        columns = api.compare(targets, profile=profile or "default", criteria_file=criteria, offline=offline,
                              use_cache=not no_cache, follow_links=not no_follow, on_done=advance)
    _write(COMPARE_RENDERERS[chosen](columns), output)
    for column in columns:
        if not column.ok:
            stderr.print(f"openness: not scored: {column.error}", markup=False, highlight=False, soft_wrap=True)
    scored = sum(column.ok for column in columns)
    stderr.print(f"openness: compared {scored} of {len(columns)} targets")
    if not scored:
        raise typer.Exit(3)


@app.command("fetch")
def fetch_command(
    target: TargetArg,
    output: OutputOpt = None,
    offline: OfflineOpt = False,
    no_cache: NoCacheOpt = False,
    no_follow: NoFollowOpt = False,
) -> None:
    """Fetch a target's evidence and save it as JSON, to score later with `openness score FILE`."""
    parsed = parse_target(target)
    evidence = api.fetch_evidence(parsed, offline=offline, use_cache=not no_cache, follow_links=not no_follow)
    _write(evidence.model_dump_json(indent=2) + "\n", output)
    stderr.print(f"openness: saved evidence of {parsed} ({sum(len(m.files) for m in evidence.members)} files, "
                 f"{len(evidence.all_gaps())} gaps)")


@app.command("criteria")
def criteria_command(
    fmt: Annotated[DocFormat, typer.Option("--format", "-f", help="md: documentation; json: the validated criteria.")] = DocFormat.md,
    output: OutputOpt = None,
    profile: ProfileOpt = None,
    criteria: CriteriaOpt = None,
) -> None:
    """Print the criteria documentation, generated from the criteria files."""
    criteria_set = api.criteria_for(profile or "default", criteria)
    if fmt is DocFormat.md:
        text = render_criteria_markdown(criteria_set)
    else:
        text = json.dumps([c.model_dump() for c in criteria_set.criteria], indent=2) + "\n"
    _write(text, output)


class MofFormat(str, Enum):
    text = "text"
    json = "json"


@app.command("mof")
def mof_command(
    record: Annotated[Path, typer.Argument(help="A Model Openness Tool record (models/NAME.yml).")],
    fmt: Annotated[MofFormat, typer.Option("--format", "-f", help="text or json.")] = MofFormat.text,
    output: OutputOpt = None,
    verify: Annotated[bool, typer.Option("--verify", help="Fetch the record's Hugging Face or GitHub repository and report where the record and the evidence disagree.")] = False,
    offline: OfflineOpt = False,
    no_cache: NoCacheOpt = False,
) -> None:
    """Classify a Model Openness Tool record by the Tool's own rules (class and progress)."""
    result = api.classify_mot_record(record, verify=verify, offline=offline, use_cache=not no_cache)
    _write(render_record_json(result) if fmt is MofFormat.json else render_record_text(result), output)


@app.command("schema")
def schema_command(output: OutputOpt = None) -> None:
    """Print the JSON Schema of the JSON scorecard."""
    _write(json.dumps(Assessment.model_json_schema(), indent=2, sort_keys=True) + "\n", output)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"openness {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")] = False,
) -> None:
    """openness: evidence-based openness scorecards."""


def main() -> None:
    """Console entry point: turn every user error into one line and an exit code."""
    try:
        app(standalone_mode=True)
    except OpennessError as error:
        stderr.print(f"openness: error: {error}", markup=False, highlight=False, soft_wrap=True)
        sys.exit(error.exit_code)
    except KeyboardInterrupt:
        stderr.print("openness: interrupted")
        sys.exit(130)
    except Exception as error:  # a bug: still one line, with a way to see the traceback
        if os.environ.get("OPENNESS_DEBUG"):
            raise
        stderr.print(f"openness: internal error: {type(error).__name__}: {error} "
                     "(set OPENNESS_DEBUG=1 to see the traceback, and please report it)",
                     markup=False, highlight=False, soft_wrap=True)
        sys.exit(3)
