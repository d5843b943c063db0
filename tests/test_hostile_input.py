"""Untrusted input never runs code, crashes the tool or leaks a secret: one line and an exit code.

The CLI runs in-process through its entry point (``run_cli``), except where a real file
descriptor is the point (a full disk on stdout).
"""

import io
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from openness.fetch.git import without_credentials

from .conftest import MIT_TEXT, CliRun, write_tree
from .hostile.limits import bounded

RunCli = Callable[..., CliRun]
LAUGHS = "[&a0 [x,x,x,x,x,x,x,x,x], " + ", ".join(
    f"&a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)) + "]\n"
"""A billion laughs as one flow value: 9⁹ elements once expanded, 300 bytes written."""


def one_clean_line(result: CliRun) -> str:
    errors = [line for line in result.stderr.splitlines() if line.startswith("openness: error")]
    assert len(errors) == 1 and "Traceback" not in result.stderr and "internal error" not in result.stderr
    return errors[0]


def test_a_checkouts_git_config_cannot_run_commands(run_cli: RunCli, tmp_path: Path) -> None:
    repo = write_tree(tmp_path / "evil", {"README.md": "# x\n"})
    marker = tmp_path / "PWNED"
    git = ["git", "-C", str(repo), "-c", "user.name=a", "-c", "user.email=a@b"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-qm", "init"], check=True)
    subprocess.run([*git, "config", "core.fsmonitor", f"touch {marker}; false"], check=True)
    assert run_cli("score", str(repo), "-o", os.devnull).code == 0
    assert not marker.exists()


@pytest.mark.parametrize("front_matter", [
    "license: mit\n1: y\n2024-01-01: date key\nb: !!binary /w==\n",  # keys that are not strings, bytes
    "a: &a [*a]\n",  # a value that contains itself
    "a0: &a0 [x,x,x,x,x,x,x,x,x]\n" + "".join(
        f"a{i}: &a{i} [{','.join([f'*a{i - 1}'] * 9)}]\n" for i in range(1, 10)),  # a billion laughs
    "released: 2024-13-45\n",  # a date Python cannot build
    "n: " + "1" * 5_000 + "\n",  # an integer over Python's conversion limit
])
def test_hostile_card_front_matter_is_a_gap_or_plain_data(run_cli: RunCli, tmp_path: Path, front_matter: str) -> None:
    repo = write_tree(tmp_path / "card", {"README.md": f"---\n{front_matter}---\n# Model\n"})
    result = run_cli("fetch", str(repo), "-o", str(tmp_path / "evidence.json"))
    assert result.code == 0, result.stderr
    evidence = json.loads((tmp_path / "evidence.json").read_text())
    card = evidence["members"][0]["card_data"]
    assert card is None or all(isinstance(key, str) for key in card)


def test_odd_file_names_do_not_break_scoring(run_cli: RunCli, tmp_path: Path) -> None:
    repo = write_tree(tmp_path / "names", {"README.md": "# x\n", "LICENSE": MIT_TEXT, "x\nLICENSE": "", "<b>.py": ""})
    os.mkdir(os.fsencode(repo) + b"/d\xff")
    (Path(os.fsdecode(os.fsencode(repo) + b"/d\xff")) / "notes.txt").write_text("x")
    for fmt in ("md", "json", "html"):
        result = run_cli("score", str(repo), "-f", fmt, "-o", str(tmp_path / f"out.{fmt}"))
        assert result.code == 0, result.stderr


@pytest.mark.parametrize(("remote", "clean"), [
    ("https://user:p@ss@github.com/o/r.git", "https://github.com/o/r.git"),
    ("https://github.com/o/r?access_token=SECRETQ", "https://github.com/o/r"),
    ("https://user:SEC RET@github.com/o/r", "https://github.com/o/r"),
    ("git@github.com:o/r.git", "git@github.com:o/r.git"),
])
def test_remote_urls_lose_their_credentials(remote: str, clean: str) -> None:
    assert without_credentials(remote) == clean


def test_credentials_typed_into_a_target_are_not_repeated(run_cli: RunCli) -> None:
    line = one_clean_line(run_cli("score", "https://user:s3cret@github.com/a/b/issues"))
    assert "s3cret" not in line


@pytest.mark.parametrize(("pyproject", "message"), [
    ("tool = 5\n[project]\nname='x'\n", None),
    ("[tool.openness]\nfail-under = nan\n", "fail-under must be a number from 0 to 100"),
    ("[tool.openness]\nfail-under = 500\n", "fail-under must be a number from 0 to 100"),
    ("[tool.openness]\nfail-under = true\n", "fail-under must be a number from 0 to 100"),
    ("[tool.openness]\nprofile = 3\n", "[tool.openness] profile must be a non-empty string"),
    ("[tool.openness]\ncriteria = ''\n", "[tool.openness] criteria must be a non-empty string"),
    ("[tool.openness]\nkind = 'robot'\n", "[tool.openness] kind must be one of model, dataset, software"),
    ("[tool.openness\n", "cannot read [tool.openness]"),
    ("[tool.openness]\nfail-under = 1\nfail_under = 2\n", "set twice"),
    ("[tool.openness]\ncriteria = []\n", "[tool.openness] criteria must be a non-empty string"),
    ("[tool]\nopenness = 5\n", "[tool.openness] must be a table"),
    ("a = " + "[" * 5_000 + "]" * 5_000 + "\n", "cannot read [tool.openness]: nested too deeply"),
])
def test_project_config_values_are_validated(run_cli: RunCli, tmp_path: Path, pyproject: str,
                                             message: str | None, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = write_tree(tmp_path / "p", {"README.md": "# p\n", "pyproject.toml": pyproject})
    monkeypatch.chdir(repo)  # the current project's table is read, and validated
    result = run_cli("score", str(repo), "-o", os.devnull)
    if message is None:
        assert result.code == 0, result.stderr
    else:
        line = one_clean_line(result)
        assert result.code == 2 and message in line and str(repo / "pyproject.toml") in line


def test_file_names_in_the_project_config_are_relative_to_it(run_cli: RunCli, tmp_path: Path) -> None:
    repo = write_tree(tmp_path / "p", {"pyproject.toml": "[tool.openness]\nprofile = 'nope.yaml'\n"})
    result = run_cli("score", ".", "-o", os.devnull, "--project-config", str(repo / "pyproject.toml"))
    assert result.code == 2 and f"cannot read {repo / 'nope.yaml'}: " in one_clean_line(result)


@pytest.mark.parametrize(("profile", "message"), [
    ("name: p\ndescription: d\ndimension_weights: {transparency: .inf, licensing: 1}\n", "dimension_weights"),
    ("name: p\ndescription: d\nweights: {readme: .nan}\n", "weights"),
    ("name: p\ndescription: d\nfail_under: .nan\n", "fail_under"),
    ("name: p\ndescription: d\nweights: &a {x: *a}\n", "refers to itself"),
    ("name: p\ndescription: d\nweights: " + LAUGHS, "line 3: aliases expand to more than 100,000"),
    ("name: p\ndescription: d\nfail_under: true\n", "field 'fail_under': Input should be a valid number"),
])
def test_profile_values_are_validated(run_cli: RunCli, tmp_path: Path, profile: str, message: str) -> None:
    path = tmp_path / "profile.yaml"
    path.write_text(profile)
    result = run_cli("score", ".", "--profile", str(path), "-o", os.devnull)
    assert result.code == 2 and message in one_clean_line(result)


@pytest.mark.parametrize("family", ["criteria", "profile", "record", "project"])
@pytest.mark.parametrize(("special", "kind"), [("fifo", "a FIFO"), ("zero", "a character device"),
                                               ("huge", "over the limit")])
def test_special_files_are_refused_before_they_are_read(run_cli: RunCli, tmp_path: Path, family: str, special: str,
                                                       kind: str) -> None:
    path = tmp_path / ("pyproject.toml" if family == "project" else f"{family}.yaml")
    if special == "fifo":
        os.mkfifo(path)
    elif special == "zero":
        path.symlink_to("/dev/zero")
    else:
        with path.open("wb") as handle:
            handle.truncate(2 * 1024**3)
    argv = {"criteria": ["criteria", "--criteria", str(path)], "profile": ["criteria", "--profile", str(path)],
            "record": ["mof", str(path)], "project": ["score", str(tmp_path), "-o", os.devnull, "--project-config", str(path)]}[family]
    with bounded(10):
        result = run_cli(*argv)
    assert result.code == 2 and f"{path}: the " in one_clean_line(result) and kind in one_clean_line(result)


def test_a_yaml_bomb_in_a_record_is_one_line(run_cli: RunCli, tmp_path: Path) -> None:
    record = tmp_path / "record.yml"
    record.write_text("release:\n  name: x\n  components: " + LAUGHS)
    with bounded(10):
        result = run_cli("mof", str(record))
    assert result.code == 2 and f"{record}: line 3: aliases expand" in one_clean_line(result)


def test_malformed_evidence_and_records_are_input_errors(run_cli: RunCli, tmp_path: Path, model_repo: Path) -> None:
    evidence = tmp_path / "evidence.json"
    assert run_cli("fetch", str(model_repo), "-o", str(evidence)).code == 0
    data = json.loads(evidence.read_text())
    evidence.write_bytes(b"\xef\xbb\xbf" + json.dumps(data).encode())  # a byte-order mark is fine
    assert run_cli("score", str(evidence), "-o", os.devnull).code == 0
    evidence.write_text(json.dumps(dict(data, members=[])))
    assert run_cli("score", str(evidence)).code == 2
    record = tmp_path / "record.yml"
    record.write_bytes(b"release:\n  name: \xff\n")
    assert "not a UTF-8 text file" in one_clean_line(run_cli("mof", str(record)))


def test_mof_verify_refuses_to_walk_local_paths_named_by_a_record(run_cli: RunCli, tmp_path: Path) -> None:
    record = tmp_path / "record.yml"
    record.write_text("release:\n  name: x\n  huggingface: /etc\n  components: []\n")
    result = run_cli("mof", str(record), "--verify")
    assert result.code == 2 and "--verify needs" in one_clean_line(result)


def test_a_full_disk_on_stdout_is_a_clear_error() -> None:
    """A real process: the point is what happens on a real file descriptor."""
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full")
    with open("/dev/full", "w") as full:
        result = subprocess.run([sys.executable, "-m", "openness", "score", "."], stdout=full,
                                stderr=subprocess.PIPE, text=True, timeout=120)
    assert result.returncode == 2 and "cannot write to standard output" in result.stderr


def test_a_closed_stdout_is_a_clear_error(run_cli: RunCli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdout", None)  # what Python gives a process started with ``>&-``
    result = run_cli("criteria")
    assert result.code == 2 and "cannot write to standard output: it is closed" in one_clean_line(result)


def test_a_stdout_that_cannot_encode_the_report_is_a_clear_error(run_cli: RunCli,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(io.BytesIO(), encoding="ascii"))
    result = run_cli("criteria")
    assert result.code == 2 and "its encoding (ascii) cannot show the report" in one_clean_line(result)
