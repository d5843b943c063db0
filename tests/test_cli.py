"""The command line as users and CI pipelines run it.

Most tests run the CLI in-process through its entry point (the ``run_cli`` fixture); the few
at the end start a real process: the installed command, exit codes, the two streams, SIGPIPE.
"""

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest

from openness import api
from openness.errors import OpennessError, UsageError
from openness.report.html import render_html
from openness.settings import reported_path
from openness.targets import parse_target

from .conftest import MIT_TEXT, REPO, CliRun, write_tree

SCHEMA = json.loads((REPO / "src" / "openness" / "schemas" / "report.schema.json").read_text())
RunCli = Callable[..., CliRun]


def test_shipped_schema_is_current(run_cli: RunCli) -> None:
    result = run_cli("schema")
    assert json.loads(result.stdout) == SCHEMA, "run `openness schema -o src/openness/schemas/report.schema.json`"


def test_score_json_has_the_contract_fields_and_validates(run_cli: RunCli, model_repo: Path) -> None:
    result = run_cli("score", str(model_repo), "--format", "json")
    assert result.code == 0, result.stderr
    report = json.loads(result.stdout)
    jsonschema.validate(report, SCHEMA)
    assert report["schema_version"] and report["tool"]["name"] == "openness"
    assert report["target"] == {"kind": "local", "id": "model", "revision": None}
    assert set(report["score"]) == {"overall", "grade", "coverage", "passed", "fail_under",
                                    "min_coverage", "gate", "gates"}
    assert report["score"]["passed"] is None  # no gate
    assert report["profile"]["sources"] == {"profile": "default", "criteria": "default", "fail_under": "default",
                                            "min_coverage": "profile", "kind": "default"}
    assert set(report["dimensions"]) == {"transparency", "reproducibility", "accessibility", "licensing"}
    finding = report["findings"][0]
    assert {"criterion", "dimension", "status", "score", "reason", "evidence", "remediation", "gain"} <= set(finding)
    assert report["fetch"] == {"requests": 0, "bytes": 0, "gaps": []}
    assert len(report["inventory"]["components"]) == 17
    assert "openness: model:" in result.stderr and "openness:" not in result.stdout  # summary on stderr


def test_markdown_is_the_default_and_reads_as_a_scorecard(run_cli: RunCli, model_repo: Path) -> None:
    result = run_cli("score", str(model_repo))
    assert result.code == 0
    text = result.stdout
    assert text.startswith("# Openness scorecard: model")
    for heading in ("## What to fix first", "## Can I use it? Licences by component", "## Release components", "## Findings"):
        assert heading in text
    assert "| Transparency |" in text


def test_fail_under_is_judged_in_the_library_and_mapped_to_exit_code_1(run_cli: RunCli, model_repo: Path) -> None:
    overall = api.score(str(model_repo)).score.overall
    failed = run_cli("score", str(model_repo), "--fail-under", "99.9", "-f", "json")
    assert failed.code == 1 and f"gate failed: score {overall} is below the threshold 99.9 (--fail-under)" in failed.stderr
    score = json.loads(failed.stdout)["score"]
    assert score["passed"] is False and score["fail_under"] == 99.9
    passed = run_cli("score", str(model_repo), "--fail-under", "1", "-f", "json")
    assert passed.code == 0 and json.loads(passed.stdout)["score"]["passed"] is True
    assert run_cli("score", str(model_repo), "--fail-under", str(overall), "-o", os.devnull).code == 0


def test_the_html_report_renders_the_assessments_verdict_and_does_not_judge_again(model_repo: Path) -> None:
    assessment = api.score(str(model_repo), fail_under=1)
    assert "<strong>passed</strong>" in render_html(assessment)
    overruled = assessment.model_copy(update={"score": assessment.score.model_copy(update={"passed": False})})
    assert "<strong>FAILED</strong>" in render_html(overruled)


def test_an_unscored_target_fails_a_gate(run_cli: RunCli, tmp_path: Path) -> None:
    criteria = tmp_path / "criteria.yaml"
    criteria.write_text(
        "criteria:\n  - id: architecture\n    title: Architecture described\n    dimension: transparency\n"
        "    principle: A model's architecture is documented.\n    description: Only models have one.\n"
        "    applies_to: [model]\n    weight: 1\n    check: component_present\n"
        "    params: {component: architecture}\n    remediation: Describe the architecture.\n")
    repo = write_tree(tmp_path / "tool", {"README.md": "# a tool\n", "main.py": "print(1)\n"})
    result = run_cli("score", str(repo), "--criteria", str(criteria), "--fail-under", "0", "-f", "json")
    score = json.loads(result.stdout)["score"]
    assert score["overall"] is None and score["passed"] is False
    assert result.code == 1 and "gate failed: unscored: no criterion could be evaluated (threshold 0) (--fail-under)" in result.stderr


def test_fetch_then_score_gives_identical_results(run_cli: RunCli, model_repo: Path, tmp_path: Path) -> None:
    evidence = tmp_path / "evidence.json"
    assert run_cli("fetch", str(model_repo), "-o", str(evidence)).code == 0
    direct = run_cli("score", str(model_repo), "-f", "json").stdout
    later = run_cli("score", str(evidence), "-f", "json").stdout
    assert direct == later


def test_output_file_and_format_from_suffix(run_cli: RunCli, model_repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "reports" / "card.json"
    result = run_cli("score", str(model_repo), "-o", str(out))
    assert result.code == 0 and result.stdout == ""
    jsonschema.validate(json.loads(out.read_text()), SCHEMA)


@pytest.mark.parametrize(("args", "message"), [
    (["score", "github:nobody"], "malformed GitHub target"),
    (["score", "./no/such/dir"], "no such directory"),
    (["score", ".", "--profile", "nope"], "unknown profile 'nope'"),
    (["score", ".", "--criteria", "/no/such/criteria.yaml"], "cannot read /no/such/criteria.yaml"),
])
def test_input_errors_are_one_line_and_exit_2(run_cli: RunCli, args: list[str], message: str) -> None:
    result = run_cli(*args)
    assert result.code == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_bad_evidence_file_is_a_clear_error(run_cli: RunCli, tmp_path: Path) -> None:
    broken = tmp_path / "evidence.json"
    broken.write_text('{"schema_version": "1.0"')
    result = run_cli("score", str(broken))
    assert result.code == 2 and "is not an openness evidence file" in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_criteria_file_names_file_line_and_field(run_cli: RunCli, tmp_path: Path) -> None:
    criteria = tmp_path / "mine.yaml"
    criteria.write_text("criteria:\n  - id: x1x\n    title: T\n")
    result = run_cli("score", ".", "--criteria", str(criteria))
    assert result.code == 2
    assert f"{criteria}: line 2: criterion 'x1x': field" in result.stderr


def test_project_config_in_pyproject_is_used_and_flags_override(run_cli: RunCli, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    repo = write_tree(tmp_path / "proj", {
        "LICENSE": MIT_TEXT, "README.md": "# p\n",
        "pyproject.toml": "[project]\nname='p'\n[tool.openness]\nprofile = 'ci'\nfail-under = 99\n",
    })
    monkeypatch.chdir(repo)  # the project scoring itself
    configured = run_cli("score", ".", "-f", "json")
    assert configured.code == 1 and f"(the fail-under in {repo / 'pyproject.toml'})" in configured.stderr
    profile = json.loads(configured.stdout)["profile"]
    # Reports are shared: the file is named relative to the project, never by the user's absolute path.
    assert profile["name"] == "ci" and profile["configuration"] == "pyproject.toml"
    assert profile["sources"]["profile"] == profile["sources"]["fail_under"] == "pyproject.toml"
    assert str(tmp_path) not in configured.stdout
    overridden = run_cli("score", ".", "-f", "json", "--profile", "default", "--fail-under", "0")
    assert overridden.code == 1 and "(the min_coverage of profile 'default')" in overridden.stderr
    overridden = run_cli("score", ".", "-f", "json", "--profile", "default", "--fail-under", "0",
                         "--min-coverage", "0")
    assert overridden.code == 0
    assert json.loads(overridden.stdout)["profile"]["name"] == "default"
    (repo / "pyproject.toml").write_text("[tool.openness]\ncolour = 'red'\n")
    assert "unknown key 'colour'" in run_cli("score", ".").stderr


LENIENT = "[project]\nname='vendor'\n[tool.openness]\nprofile = 'ci'\nfail-under = 0\nmin-coverage = 0\n"
"""A vendor's checkout that would grade itself leniently."""


def test_a_scored_checkout_does_not_grade_itself(run_cli: RunCli, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    vendor = write_tree(tmp_path / "vendor", {"README.md": "# v\n", "pyproject.toml": LENIENT})
    monkeypatch.chdir(tmp_path)
    for command in (("score", str(vendor)), ("compare", str(vendor), str(vendor))):
        result = run_cli(*command, "-f", "json", "--quiet")
        assert result.code == 0, result.stderr
        document = json.loads(result.stdout)
        profile = (document["targets"][0]["assessment"] if command[0] == "compare" else document)["profile"]
        assert profile["name"] == "default" and profile["configuration"] is None
        assert profile["configuration_note"] == ("vendor/pyproject.toml: [tool.openness] not used: the scored "
                                                 "directory is not the current project (pass --project-config to use it)")
    gated = run_cli("score", str(vendor), "--fail-under", "99", "-o", os.devnull)
    assert gated.code == 1 and "(--fail-under)" in gated.stderr
    chosen = run_cli("score", str(vendor), "--project-config", str(vendor / "pyproject.toml"), "-f", "md")
    assert chosen.code == 0 and "profile `ci`" in chosen.stdout
    assert "configuration vendor/pyproject.toml" in chosen.stdout.replace("\\", "")
    html = run_cli("score", str(vendor), "-f", "html", "--fail-under", "99").stdout
    assert "<dt>Configuration</dt><dd>none (" in html and "not the current project" in html
    assert "FAILED</strong>: score" in html
    # The buyer's profile refuses the working directory's table too.
    monkeypatch.chdir(vendor)
    buyer = run_cli("score", ".", "--profile", "procurement", "-f", "json")
    assert json.loads(buyer.stdout)["profile"]["configuration"] is None
    assert "the profile does not take a project's own configuration" in buyer.stderr
    assert json.loads(run_cli("score", ".", "-f", "json").stdout)["profile"]["name"] == "ci"


def test_project_config_through_the_api(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    vendor = write_tree(tmp_path / "vendor", {"README.md": "# v\n", "pyproject.toml": LENIENT})
    assert api.score(str(vendor)).profile.name == "default"
    assert api.score(str(vendor), project_config=vendor / "pyproject.toml").profile.name == "ci"
    monkeypatch.chdir(vendor)
    assert api.score(".").profile.name == "ci"
    assert api.score(".", profile="procurement").score.passed is None  # the vendor's fail-under is not taken
    with pytest.raises(OpennessError, match="no such project configuration file"):
        api.score(".", project_config=tmp_path / "nope.toml")


def test_compare_reads_the_project_config_too(run_cli: RunCli, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """``compare`` resolves its settings as ``score`` does: one profile for every column."""
    configured = write_tree(tmp_path / "proj", {"README.md": "# p\n",
                                                "pyproject.toml": "[tool.openness]\nprofile = 'procurement'\n"})
    plain = write_tree(tmp_path / "plain", {"README.md": "# q\n"})
    monkeypatch.chdir(configured)

    def profiles(*flags: str) -> list[str]:
        result = run_cli("compare", ".", str(plain), "-f", "json", *flags)
        assert result.code == 0, result.stderr
        return next(r["values"] for r in json.loads(result.stdout)["rows"] if r["question"] == "Profile")

    assert profiles() == ["procurement", "procurement"]
    assert profiles("--profile", "ci") == ["ci", "ci"]


def test_in_a_comparison_each_target_keeps_its_own_gate(tmp_path: Path) -> None:
    def project(name: str, fail_under: int) -> Path:
        files = {"README.md": f"# {name}\n", "pyproject.toml": f"[tool.openness]\nfail-under = {fail_under}\n"}
        return write_tree(tmp_path / name, files)

    strict, lax = project("strict", 99), project("lax", 0)
    columns = api.compare([strict.as_posix(), lax.as_posix()], project_config=strict / "pyproject.toml")
    assert [(c.assessment.score.passed, c.assessment.score.fail_under) for c in columns if c.assessment] == [
        (False, 99.0), (False, 99.0)]
    assert [c.assessment.score.passed for c in api.compare([str(strict), str(lax)], fail_under=50)
            if c.assessment] == [False, False]


def test_settings_record_where_each_value_came_from(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = write_tree(tmp_path / "p", {"profiles/mine.yaml": "name: mine\ndescription: d\nfail_under: 40\n",
                                       "pyproject.toml": "[tool.openness]\nprofile = 'profiles/mine.yaml'\n"
                                                         "kind = 'dataset'\n"})
    monkeypatch.chdir(repo)
    settings = api.resolve_settings(parse_target(str(repo)))
    assert settings.profile == api.Resolved(str(repo / "profiles" / "mine.yaml"), str(repo / "pyproject.toml"))
    assert settings.fail_under == api.Resolved(40.0, "profile")
    assert settings.kind == api.Resolved("dataset", str(repo / "pyproject.toml"))
    assert settings.criteria_file == api.Resolved(None, "default")
    flagged = api.resolve_settings(parse_target(str(repo)), fail_under=70, kind="model")
    assert (flagged.fail_under, flagged.kind) == (api.Resolved(70.0, "flag"), api.Resolved("model", "flag"))
    assert flagged.criteria.profile.fail_under == 70
    assessment = api.score(str(repo), kind="software")
    assert assessment.profile.kind == "software" and assessment.profile.sources["kind"] == "flag"


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"fail_under": float("nan")}, "--fail-under must be a number from 0 to 100"),
    ({"fail_under": 101}, "--fail-under must be a number from 0 to 100"),
    ({"kind": "robot"}, "--kind must be one of model, dataset, software"),
])
def test_library_flags_are_validated_like_the_cli(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(UsageError, match=message):
        api.resolve_settings(**kwargs)  # type: ignore[arg-type]


def test_remote_kinds_are_parsed_but_may_not_be_fetchable_offline(run_cli: RunCli,
                                                                  monkeypatch: pytest.MonkeyPatch,
                                                                  tmp_path: Path) -> None:
    monkeypatch.setenv("OPENNESS_CACHE_DIR", str(tmp_path / "cache"))
    result = run_cli("score", "hf:org/model", "--offline")
    assert result.code in {2, 3}
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) <= 3


def test_an_internal_error_is_one_line_with_its_own_exit_code(run_cli: RunCli, monkeypatch: pytest.MonkeyPatch,
                                                              model_repo: Path) -> None:
    """A bug is reported as a bug: not as a user error, not as a server's answer."""
    def broken(*_args: object, **_kwargs: object) -> None:
        raise TypeError("unsupported operand")

    monkeypatch.setattr(api, "fetch_evidence", broken)
    result = run_cli("score", str(model_repo))
    assert result.code == 4 and result.stdout == ""
    assert result.stderr.splitlines()[-1] == ("openness: internal error: TypeError: unsupported operand "
                                              "(set OPENNESS_DEBUG=1 to see the traceback, and please report it)")
    monkeypatch.setenv("OPENNESS_DEBUG", "1")
    with pytest.raises(TypeError):
        run_cli("score", str(model_repo))


def test_criteria_command_prints_generated_docs(run_cli: RunCli) -> None:
    result = run_cli("criteria", "--format", "md")
    assert result.code == 0 and result.stdout == (REPO / "docs" / "criteria.md").read_text()
    as_json = json.loads(run_cli("criteria", "--format", "json").stdout)
    assert len(as_json) >= 24


def test_evidence_from_an_incompatible_schema_is_refused(run_cli: RunCli, model_repo: Path, tmp_path: Path) -> None:
    evidence = tmp_path / "evidence.json"
    assert run_cli("fetch", str(model_repo), "-o", str(evidence)).code == 0
    evidence.write_text(evidence.read_text().replace('"schema_version": "1.', '"schema_version": "9.', 1))
    result = run_cli("score", str(evidence))
    assert result.code == 2 and "evidence schema 9.x" in result.stderr


def test_one_run_writes_the_report_badges_sarif_and_an_appended_job_summary(run_cli: RunCli, model_repo: Path,
                                                                            tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n")
    result = run_cli("score", str(model_repo), "-f", "json", "-o", str(tmp_path / "r.json"), "--summary", str(summary),
                     "--sarif", str(tmp_path / "r.sarif"), "--badge", str(tmp_path / "b.svg"))
    assert result.code == 0, result.stderr
    assert summary.read_text().startswith("earlier step\n# Openness scorecard: model")
    assert json.loads((tmp_path / "r.sarif").read_text())["version"] == "2.1.0"
    assert (tmp_path / "b.svg").read_text().startswith("<svg")


# End to end: the installed command in a real process. Keep these few; test behaviour in-process above.

def _installed() -> str:
    command = Path(sys.executable).with_name("openness")
    if not command.is_file():
        pytest.skip("the openness console script is not installed next to this Python")
    return str(command)


def test_the_installed_command_keeps_data_and_messages_apart_and_its_exit_codes(model_repo: Path) -> None:
    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([_installed(), *args], capture_output=True, text=True, timeout=120,
                              env={k: v for k, v in os.environ.items() if k != "OPENNESS_DEBUG"})

    scored = run("score", str(model_repo), "-f", "json", "--fail-under", "1")
    assert scored.returncode == 0, scored.stderr
    assert json.loads(scored.stdout)["score"]["passed"] is True and "openness: model:" in scored.stderr
    assert run("score", str(model_repo), "--fail-under", "99.9", "-o", os.devnull).returncode == 1
    bad = run("score", str(model_repo), "--profile", "nope")
    assert bad.returncode == 2 and bad.stdout == "" and bad.stderr.count("\n") == 1


def test_a_reader_that_goes_away_is_not_an_error(model_repo: Path) -> None:
    """``openness score . | head``: the closed pipe ends the run quietly, exit 0."""
    process = subprocess.Popen([sys.executable, "-m", "openness", "score", str(model_repo), "-f", "html"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()
    _, err = process.communicate(timeout=120)
    assert process.returncode == 0
    assert b"Traceback" not in err and b"BrokenPipe" not in err
    assert b"openness: model:" in err


def test_the_version_is_answered_without_loading_the_tool() -> None:
    import subprocess
    import sys

    from openness import __version__

    code = ("import sys; from openness.entry import main; main(['--version']); "
            "print('cli' if 'openness.cli' in sys.modules else 'lean')")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines() == [f"openness {__version__}", "lean"]


def test_a_command_that_records_nothing_does_not_load_the_database_layer() -> None:
    """SQLAlchemy and Alembic cost about 0.4 s of every start-up: only history commands import them."""
    import subprocess
    import sys

    code = ("import sys, openness.cli; "
            "print(sorted(m for m in ('sqlalchemy', 'alembic', 'github') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


@pytest.mark.parametrize("argv", [("score", "--bogus"), ("score",), ("score", ".", "--fail-under", "200")])
def test_a_command_line_the_parser_refuses_is_one_line_and_exit_2(run_cli, argv) -> None:
    result = run_cli(*argv)
    assert result.code == 2 and result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("openness: error: ") and "'openness score --help'" in lines[0]


def test_configuration_paths_in_reports_hide_the_home_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home, elsewhere = tmp_path / "home" / "alice", tmp_path / "work"
    config = home / "projects" / "p" / "pyproject.toml"
    config.parent.mkdir(parents=True)
    elsewhere.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(elsewhere)
    assert reported_path(config) == "~/projects/p/pyproject.toml"
    monkeypatch.chdir(config.parent)
    assert reported_path(config) == "pyproject.toml"
    assert reported_path(tmp_path / "x.toml") == str(tmp_path / "x.toml")  # neither: shown as it is
