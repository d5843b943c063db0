"""The ``openness`` command line. It only wires the stages together.

Exit codes: 0 done; 1 a gate failed (``--fail-under``: the score, with the coverage
``--min-coverage``; a profile threshold; ``--require``; ``--fail-on-unknown``); 2 usage or input
error; 3 the target (for ``compare``: any target, unless ``--allow-partial``) could not be fetched
or evaluated; 4 an internal error (a bug in the tool). Data goes to stdout (or ``-o``), messages to
stderr. Settings and the gates are decided by the library (``openness.settings``,
``openness.gates``); the CLI only maps them to exit codes.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Sequence
from datetime import datetime
from enum import Enum
from pathlib import Path
from typing import Annotated, NoReturn, Optional

import typer
from rich.console import Console

from . import __version__, api, progress
from .assessment import Assessment
from .batch import DEFAULT_TARGET_TIMEOUT
from .criteria import AppliesTo
from .diff import parse_fail_on, triggered
from .errors import FetchError, OpennessError, UsageError
from .gates import FAIL_UNDER, MIN_COVERAGE
from .report import RENDERERS
from .report.badge import render_badge_json, render_badge_svg
from .report.compare import COMPARE_RENDERERS, sort_columns
from .report.criteria_doc import render_criteria_markdown
from .report.diff import DIFF_RENDERERS
from .report.history import HISTORY_RENDERERS
from .report.mof_record import render_record_json, render_record_text
from .report.mot_export import render_mot_record
from .report.osai_export import render_osai_entry
from .report.progress_display import progress_sink
from .report.terminal import plain, render_terminal
from .report.watch import WATCH_RENDERERS
from .targets import parse_target
from .watch import read_watch_list, watch

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
    cyclonedx = "cyclonedx"
    spdx3 = "spdx3"


class DocFormat(str, Enum):
    md = "md"
    json = "json"


BOM_FORMATS = frozenset({ReportFormat.cyclonedx.value, ReportFormat.spdx3.value})
"""Formats that list what the other reports leave out (a model's hyperparameters), so the fetch reads more."""
_SUFFIX_FORMATS = {".md": "md", ".markdown": "md", ".json": "json", ".html": "html", ".htm": "html", ".sarif": "sarif"}

TargetArg = Annotated[str, typer.Argument(help="github:OWNER/REPO[@REF], hf:ORG/MODEL[@REV], hf-dataset:ORG/NAME, a URL, a directory or an evidence .json file.")]
OutputOpt = Annotated[Optional[str], typer.Option("--output", "-o", help="Write to this file; '-' or nothing for stdout.")]
ProfileOpt = Annotated[Optional[str], typer.Option("--profile", help="Built-in profile (default, ci, procurement) or a profile YAML file.")]
CriteriaOpt = Annotated[Optional[Path], typer.Option("--criteria", help="Use this criteria YAML file instead of the built-in one.")]
OfflineOpt = Annotated[bool, typer.Option("--offline", help="Use only the cache; never touch the network.")]
NoCacheOpt = Annotated[bool, typer.Option("--no-cache", help="Bypass the HTTP cache.")]
NoFollowOpt = Annotated[bool, typer.Option("--no-follow", help="Score the repository alone; do not follow a model's links to code and data.")]
KindOpt = Annotated[Optional[AppliesTo], typer.Option("--kind", help=(
    "Judge the target as a model, dataset or software instead of the kind judged from the evidence "
    "(which criteria and framework lenses apply); the report keeps the judgment."))]
ProjectConfigOpt = Annotated[Optional[Path], typer.Option("--project-config", help=(
    "Take [tool.openness] settings from this pyproject.toml. Without it, only the working directory's own "
    "pyproject.toml counts, and only when the working directory is the target scored."))]
MinCoverageOpt = Annotated[Optional[float], typer.Option("--min-coverage", min=0, max=100, help=(
    "The gate also needs this coverage, in percent (default: the profile's, 80), so a degraded fetch cannot pass."))]
RecordOpt = Annotated[Optional[bool], typer.Option("--record/--no-record", help=(
    "Also record the JSON report into the history store (default: the record setting of [tool.openness], else no)."))]
DbOpt = Annotated[Optional[str], typer.Option("--db", help=(
    "History store: sqlite:///PATH or postgresql://… (default: $OPENNESS_DB, else SQLite in the user data directory)."),
    show_default=False)]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No progress or summary lines on stderr (errors still are).")]

USAGE_ERROR = 2
"""Exit code of a command line the tool cannot parse (the code of every input error)."""
INTERNAL_ERROR = 4
"""Exit code of a bug in the tool, distinct from every user-facing outcome."""


def _write(text: str, output: str | None, append: bool = False) -> None:
    if output is None or output == "-":
        _write_stdout(text)
        return
    path = Path(output)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a" if append else "w", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as error:
        raise UsageError(f"cannot write {path}: {error.strerror}") from None


def _write_stdout(text: str) -> None:
    out = sys.stdout
    if out is None or out.closed:  # started with stdout closed (``openness score . >&-``)
        raise UsageError("cannot write to standard output: it is closed")
    try:
        out.write(text)
        out.flush()
    except BrokenPipeError:  # the reader went away (``openness score . | head``): not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), out.fileno())
    except UnicodeEncodeError:
        raise UsageError(f"cannot write to standard output: its encoding ({out.encoding}) cannot show the report; "
                         "set PYTHONIOENCODING=utf-8 or write it to a file with -o") from None
    except OSError as error:
        raise UsageError(f"cannot write to standard output: {error.strerror or error}") from None


def _choose_format(fmt: Enum | None, output: str | None, suffixes: dict[str, str]) -> str:
    """The flag's format, else the one the output file's suffix names, else Markdown.

    A suffix that names no format (``report.pdf``) is an error, not silent Markdown in a .pdf file.
    """
    if fmt is not None:
        return str(fmt.value)
    if output and output != "-":
        suffix = Path(output).suffix.lower()
        if suffix and suffix not in suffixes:
            known = ", ".join(sorted(suffixes))
            raise UsageError(f"cannot write {output}: {suffix} is not a report format ({known}); "
                             "choose one with --format")
        return suffixes.get(suffix, "md")
    return "md"


def _stdout_is_terminal() -> bool:
    """Whether a person reads stdout: a tty, or ``TTY_COMPATIBLE=1`` (rich's convention); FORCE_COLOR,
    common in CI, does not count, so piped output stays Markdown."""
    override = os.environ.get("TTY_COMPATIBLE")
    if override in {"0", "1"}:
        return override == "1"
    out = sys.stdout
    try:
        return out is not None and not out.closed and out.isatty()
    except ValueError:
        return False


def _say(text: str, quiet: bool = False) -> None:
    """A message line on stderr, taken literally (a target may be named ``[/]``) and without control
    characters (a name from a host may carry a terminal escape)."""
    if not quiet:
        stderr.print(plain(text), markup=False, highlight=False, soft_wrap=True)


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
    fail_under: Annotated[Optional[float], typer.Option("--fail-under", min=0, max=100, help="Exit 1 when the overall score (one decimal, as printed) is strictly below N, or the coverage below --min-coverage.")] = None,
    min_coverage: MinCoverageOpt = None,
    require: Annotated[Optional[list[str]], typer.Option("--require", help="Exit 1 unless each named criterion passes (CRITERION[,…]; a waiver does not count).")] = None,
    fail_on_unknown: Annotated[bool, typer.Option("--fail-on-unknown", help="Exit 1 when an applicable criterion could not be evaluated.")] = False,
    project_config: ProjectConfigOpt = None,
    offline: OfflineOpt = False,
    no_cache: NoCacheOpt = False,
    no_follow: NoFollowOpt = False,
    kind: KindOpt = None,
    badge: Annotated[Optional[Path], typer.Option("--badge", help="Also write an SVG badge (grade and score) to this file.")] = None,
    badge_json: Annotated[Optional[Path], typer.Option("--badge-json", help="Also write a shields.io endpoint JSON badge to this file.")] = None,
    sarif: Annotated[Optional[Path], typer.Option("--sarif", help="Also write SARIF 2.1.0 for code scanning to this file (local checkouts).")] = None,
    aibom: Annotated[Optional[Path], typer.Option("--aibom", help="Also write a CycloneDX 1.6 ML-BOM (JSON) to this file, with the framework verdicts as attestations.")] = None,
    spdx: Annotated[Optional[Path], typer.Option("--spdx", help="Also write SPDX 3.0.1 JSON-LD (AI and Dataset profiles) to this file.")] = None,
    summary: Annotated[Optional[Path], typer.Option("--summary", help="Also append the Markdown scorecard to this file, e.g. $GITHUB_STEP_SUMMARY.")] = None,
    details: Annotated[bool, typer.Option("--details", help="Terminal view: add evidence, fixes and links under each criterion.")] = False,
    record: RecordOpt = None,
    db: DbOpt = None,
    quiet: QuietOpt = False,
) -> None:
    """Score a target and write its scorecard (and, from the same run, any badge, SARIF, ML-BOM or job summary).

    On a terminal, with no --format or --output, a compact table; otherwise Markdown (or the format asked).
    """
    parsed = parse_target(target)
    settings = api.resolve_settings(parsed, profile=profile, criteria_file=criteria, fail_under=fail_under,
                                    min_coverage=min_coverage, kind=kind, project_config=project_config,
                                    record=record, require=require or (),
                                    fail_on_unknown=fail_on_unknown)  # a bad setting fails before any fetch
    chosen = _choose_format(fmt, output, _SUFFIX_FORMATS)  # so does an output file of no known format
    terminal = fmt is None and (output is None or output == "-") and _stdout_is_terminal()
    with progress_sink(stderr, quiet=quiet) as sink, progress.listening(sink):
        boms = bool(aibom or spdx) or chosen in BOM_FORMATS
        evidence = api.fetch_evidence(parsed, offline=offline, use_cache=not no_cache, follow_links=not no_follow,
                                      read_config=boms)
        assessment = api.score_evidence(evidence, settings)
        progress.emit("write", "writing the report" if output in {None, "-"} else f"writing {output}")
        report = None if terminal else RENDERERS[chosen](assessment)
        extras = ((badge, render_badge_svg), (badge_json, render_badge_json), (sarif, RENDERERS["sarif"]),
                  (aibom, RENDERERS["cyclonedx"]), (spdx, RENDERERS["spdx3"]))
        for path, render in extras:
            if path:
                _write(render(assessment), str(path))
        if summary:
            _write(RENDERERS["md"](assessment), str(summary), append=True)
    if report is None:
        render_terminal(assessment, Console(file=sys.stdout, highlight=False, force_terminal=True), details=details)
    else:
        _write(report, output)
    if settings.configuration_note:
        _say(f"openness: {settings.configuration_note}", quiet)
    _say(f"openness: {_summary(assessment)}", quiet)
    if settings.record.value:
        _recorded(api.record([assessment], db), quiet)
    s = assessment.score
    if s.passed is False:
        for gate in s.gates:
            if gate.passed:
                continue
            if gate.gate in {FAIL_UNDER, MIN_COVERAGE}:
                _say(f"openness: gate failed: {gate.reason} ({_gate_name(settings, gate.gate)})")
            else:
                _say(f"openness: gate {gate.gate} failed: {gate.reason}")
        raise typer.Exit(1)


def _gate_name(settings: api.Settings, gate: str) -> str:
    """Which setting set the score gate ``gate`` (fail-under or min-coverage), as the user would look for it."""
    setting = settings.min_coverage if gate == MIN_COVERAGE else settings.fail_under
    flag = f"--{gate}"
    if setting.origin == "flag":
        return flag
    if setting.origin == "profile":
        return f"the {flag[2:].replace('-', '_')} of profile '{settings.criteria.profile.name}'"
    return f"the {flag[2:]} in {setting.origin}"


class CompareFormat(str, Enum):
    html = "html"
    md = "md"
    csv = "csv"
    json = "json"


class CompareSort(str, Enum):
    score = "score"
    name = "name"


_COMPARE_SUFFIXES = {".html": "html", ".htm": "html", ".md": "md", ".markdown": "md", ".csv": "csv", ".json": "json"}


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
    kind: KindOpt = None,
    sort: Annotated[Optional[CompareSort], typer.Option("--sort", help="Order the targets by overall score (best first) or by name; default: as given.")] = None,
    allow_partial: Annotated[bool, typer.Option("--allow-partial", help="Exit 0 when some targets could not be scored (their columns say why); at least one must be.")] = False,
    target_timeout: Annotated[float, typer.Option("--target-timeout", envvar="OPENNESS_TARGET_TIMEOUT", help="Give up a target after this many seconds (its column says so); 0: no limit.")] = DEFAULT_TARGET_TIMEOUT,
    project_config: ProjectConfigOpt = None,
    record: RecordOpt = None,
    db: DbOpt = None,
    quiet: QuietOpt = False,
) -> None:
    """Score targets side by side. Fetches run concurrently; a target that fails keeps its column with the reason.

    Exit code 3 when a target could not be scored (unless --allow-partial), and always when none could.
    """
    if len(targets) < 2:
        raise UsageError("compare needs at least two targets")
    if not target_timeout >= 0:  # also refuses nan
        raise UsageError("--target-timeout must be a number of seconds, 0 or more (0: no limit)")
    chosen = _choose_format(fmt, output, _COMPARE_SUFFIXES)
    parsed = [parse_target(t) for t in targets]  # a column is named by its parsed target (batch.score_many)
    recording = {str(t) for t, s in zip(parsed, api.resolve_comparison(parsed, profile=profile, criteria_file=criteria,
                                                                       record=record, project_config=project_config),
                                          strict=True)
                 if s.record.value}
    with progress_sink(stderr, quiet=quiet, total=len(targets)) as sink, progress.listening(sink):
        columns = api.compare(targets, profile=profile, criteria_file=criteria, kind=kind, offline=offline,
                              use_cache=not no_cache, follow_links=not no_follow, project_config=project_config,
                              timeout=target_timeout or None)
    if sort is not None:
        columns = sort_columns(columns, sort.value)
    _write(COMPARE_RENDERERS[chosen](columns), output)
    failed = [column for column in columns if not column.ok]
    for column in failed:
        _say(f"openness: not scored: {column.error}")
    _say(f"openness: compared {len(columns) - len(failed)} of {len(columns)} targets", quiet)
    kept = [c.assessment for c in columns if c.assessment is not None and c.target in recording]
    if kept:
        _recorded(api.record(kept, db), quiet)
    if len(failed) == len(columns):
        raise FetchError(f"none of the {len(columns)} targets could be scored (see the reasons above)")
    if failed and not allow_partial:
        raise FetchError(f"{len(failed)} of {len(columns)} targets could not be scored; the report shows why "
                         "(--allow-partial accepts a partial comparison)")


def _recorded(ids: list[int], quiet: bool) -> None:
    _say(f"openness: recorded in the history store (record {', '.join(map(str, ids))})", quiet)


class HistoryFormat(str, Enum):
    md = "md"
    csv = "csv"
    json = "json"
    html = "html"


_HISTORY_SUFFIXES = {".md": "md", ".markdown": "md", ".csv": "csv", ".json": "json", ".html": "html", ".htm": "html"}


@app.command("history")
def history_command(
    target: TargetArg,
    fmt: Annotated[Optional[HistoryFormat], typer.Option("--format", "-f", help="md, csv, json or html (a trend chart); default: from the -o suffix, else md.")] = None,
    output: OutputOpt = None,
    db: DbOpt = None,
) -> None:
    """Print a target's recorded reports over time (recorded by `score --record`)."""
    parsed = parse_target(target)
    chosen = _choose_format(fmt, output, _HISTORY_SUFFIXES)
    entries = api.history(parsed, db)
    _write(HISTORY_RENDERERS[chosen](str(parsed), entries), output)


class DiffFormat(str, Enum):
    md = "md"
    json = "json"
    html = "html"


_DIFF_SUFFIXES = {".md": "md", ".markdown": "md", ".json": "json", ".html": "html", ".htm": "html"}


@app.command("diff")
def diff_command(
    a: Annotated[str, typer.Argument(help="The older side: a saved JSON report, or a target to score now.")],
    b: Annotated[Optional[str], typer.Argument(help="The newer side (not with --since).")] = None,
    since: Annotated[Optional[datetime], typer.Option("--since", formats=["%Y-%m-%d"], help="Diff A's last report recorded before this date (UTC) against its latest.")] = None,
    fmt: Annotated[Optional[DiffFormat], typer.Option("--format", "-f", help="md, json or html (default: from the -o suffix, else md).")] = None,
    output: OutputOpt = None,
    fail_on: Annotated[Optional[str], typer.Option("--fail-on", help="Exit 1 when such a change happened: licence, gating, verdict, score-drop=N (comma-separated).")] = None,
    db: DbOpt = None,
    profile: ProfileOpt = None,
    criteria: CriteriaOpt = None,
    offline: OfflineOpt = False,
    no_cache: NoCacheOpt = False,
    no_follow: NoFollowOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """What changed between two reports: licences, gating, components, framework verdicts, scores."""
    conditions = parse_fail_on(fail_on) if fail_on is not None else None
    chosen = _choose_format(fmt, output, _DIFF_SUFFIXES)
    with progress_sink(stderr, quiet=quiet) as sink, progress.listening(sink):
        result = api.diff(a, b, since=since.date() if since else None, db=db, profile=profile, criteria_file=criteria,
                          offline=offline, use_cache=not no_cache, follow_links=not no_follow)
    _write(DIFF_RENDERERS[chosen](result), output)
    _say(f"openness: {len(result.changes)} change(s)", quiet)
    hits = triggered(result, conditions) if conditions else []
    for hit in hits:
        _say(f"openness: --fail-on {hit}")
    if hits:
        raise typer.Exit(1)


class WatchFormat(str, Enum):
    md = "md"
    json = "json"


@app.command("watch")
def watch_command(
    targets_file: Annotated[Path, typer.Argument(help="A text file of targets, one per line (# comments).")],
    fmt: Annotated[Optional[WatchFormat], typer.Option("--format", "-f", help="md or json (default: from the -o suffix, else md).")] = None,
    output: OutputOpt = None,
    fail_on: Annotated[Optional[str], typer.Option("--fail-on", help="Exit 1 when a target changed so: licence, gating, verdict, score-drop=N.")] = None,
    full: Annotated[bool, typer.Option("--full", help="Rescore every target, even one whose revision did not move (refreshes host facts a commit does not change, and criteria that read the clock).")] = False,
    db: DbOpt = None,
    profile: ProfileOpt = None,
    criteria: CriteriaOpt = None,
    offline: OfflineOpt = False,
    no_cache: NoCacheOpt = False,
    no_follow: NoFollowOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Rescore a list of targets, record those that changed and print the changes (for cron or scheduled CI).

    A target whose repositories still stand at the commits of its latest record is not rescored (one
    small request per repository tells it). Exit code 3 only when no target could be scored.
    """
    conditions = parse_fail_on(fail_on) if fail_on is not None else None
    chosen = _choose_format(fmt, output, {".md": "md", ".markdown": "md", ".json": "json"})
    targets = read_watch_list(targets_file)
    with progress_sink(stderr, quiet=quiet, total=len(targets)) as sink, progress.listening(sink):
        results = watch(targets, db=db, profile=profile, criteria_file=criteria, offline=offline,
                        use_cache=not no_cache, follow_links=not no_follow, full=full)
    _write(WATCH_RENDERERS[chosen](results), output)
    hits = [f"{r.target}: {hit}" for r in results if r.diff is not None and conditions
            for hit in triggered(r.diff, conditions)]
    for r in results:
        if r.error:
            _say(f"openness: not scored: {r.error}")
    _say(f"openness: watched {len(results)} targets: " + ", ".join(
        f"{sum(r.status == s for r in results)} {s}" for s in ("new", "changed", "unchanged", "failed"))
        + f"; {sum(r.requests or 0 for r in results)} HTTP requests", quiet)
    for hit in hits:
        _say(f"openness: --fail-on {hit}")
    if all(r.status == "failed" for r in results):
        raise typer.Exit(3)
    if hits:
        raise typer.Exit(1)


@app.command("fetch")
def fetch_command(
    target: TargetArg,
    output: OutputOpt = None,
    offline: OfflineOpt = False,
    no_cache: NoCacheOpt = False,
    no_follow: NoFollowOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Fetch a target's evidence and save it as JSON, to score later with `openness score FILE`."""
    parsed = parse_target(target)
    with progress_sink(stderr, quiet=quiet) as sink, progress.listening(sink):
        evidence = api.fetch_evidence(parsed, offline=offline, use_cache=not no_cache, follow_links=not no_follow)
    _write(evidence.model_dump_json(indent=2) + "\n", output)
    _say(f"openness: saved evidence of {parsed} ({sum(len(m.files) for m in evidence.members)} files, "
         f"{len(evidence.all_gaps())} gaps)", quiet)


@app.command("criteria")
def criteria_command(
    fmt: Annotated[DocFormat, typer.Option("--format", "-f", help="md: documentation; json: the validated criteria.")] = DocFormat.md,
    output: OutputOpt = None,
    profile: ProfileOpt = None,
    criteria: CriteriaOpt = None,
) -> None:
    """Print the criteria documentation, generated from the criteria files."""
    criteria_set = api.criteria_for("default" if profile is None else profile, criteria)
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


export_app = typer.Typer(no_args_is_help=True, help="Draft entries for the public openness indices from an assessment.")
app.add_typer(export_app, name="export")


def _export_command(render: Callable[[Assessment], str], summary: str) -> Callable[..., None]:
    """One ``export`` command: fetch and score the target, then write what ``render`` makes of it."""

    def command(
        target: TargetArg,
        output: OutputOpt = None,
        offline: OfflineOpt = False,
        no_cache: NoCacheOpt = False,
        no_follow: NoFollowOpt = False,
        quiet: QuietOpt = False,
    ) -> None:
        _write(render(_assess_for_export(target, offline, no_cache, no_follow, quiet)), output)

    command.__doc__ = summary
    return command


export_app.command("mot")(_export_command(
    render_mot_record, "Write a Model Openness Tool record (YAML) of the target; `openness mof` on it gives the same class."))
export_app.command("osai")(_export_command(
    render_osai_entry,
    "Write a European Open Source AI Index entry draft (YAML): the 12 dimensions as the assessment rated them."))


def _assess_for_export(target: str, offline: bool, no_cache: bool, no_follow: bool, quiet: bool) -> Assessment:
    parsed = parse_target(target)
    with progress_sink(stderr, quiet=quiet) as sink, progress.listening(sink):
        evidence = api.fetch_evidence(parsed, offline=offline, use_cache=not no_cache, follow_links=not no_follow)
        return api.score_evidence(evidence, api.resolve_settings(parsed))


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


def _usage_error(error: typer.TyperException) -> NoReturn:
    """A command line the parser refused, as one line; a bare ``openness`` shows the help instead."""
    message = error.format_message() if hasattr(error, "format_message") else str(error)
    if not message and hasattr(error, "show"):
        error.show()  # no arguments at all: the help is the answer
    else:
        context = getattr(error, "ctx", None)
        command = context.command_path if context is not None else "openness"
        stderr.print(f"openness: error: {message} (see '{command} --help')", markup=False, highlight=False,
                     soft_wrap=True)
    sys.exit(getattr(error, "exit_code", USAGE_ERROR))


def main(argv: Sequence[str] | None = None) -> None:
    """Console entry point: turn every user error into one line and an exit code.

    ``argv`` (default: ``sys.argv[1:]``) lets tests run the CLI in-process exactly as users do.
    """
    try:
        # Not standalone: click would print a usage error as a multi-line box; here it is one line.
        code = app(args=None if argv is None else list(argv), prog_name="openness", standalone_mode=False)
    except typer.Abort:
        stderr.print("openness: interrupted")
        sys.exit(130)
    except typer.TyperException as error:  # the parser's usage errors (typer's base of click's exceptions)
        _usage_error(error)
    except OpennessError as error:
        _say(f"openness: error: {error}")
        sys.exit(error.exit_code)
    except KeyboardInterrupt:
        stderr.print("openness: interrupted")
        sys.exit(130)
    except Exception as error:  # a bug: still one line, with a way to see the traceback
        if os.environ.get("OPENNESS_DEBUG"):
            raise
        _say(f"openness: internal error: {type(error).__name__}: {error} "
             "(set OPENNESS_DEBUG=1 to see the traceback, and please report it)")
        sys.exit(INTERNAL_ERROR)
    sys.exit(code if isinstance(code, int) else 0)  # always exits, as click's standalone mode does
