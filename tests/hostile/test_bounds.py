"""The bounds themselves: the YAML loader, the regular-file reader, and the corpus's own time and memory limits."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
import yaml

from openness.errors import UsageError
from openness.safe_read import MiB, read_regular_bytes, read_regular_text, shown
from openness.yaml_loading import MAX_ALIASES, MAX_DEPTH, BoundedLoader, YAMLBoundError, load_file, safe_load

from .limits import bounded


def _laughs(width: int, depth: int) -> str:
    levels = [f"&l0 [{', '.join(['lol'] * width)}]"]
    levels += [f"&l{i} [{', '.join([f'*l{i - 1}'] * width)}]" for i in range(1, depth)]
    return f"bomb: [{', '.join(levels)}]\n"


def _problem(text: str) -> tuple[str, int | None]:
    with pytest.raises(YAMLBoundError) as error:
        safe_load(text)
    mark = error.value.problem_mark
    return str(error.value.problem), None if mark is None else mark.line + 1


def test_the_loader_keeps_libyamls_speed_when_it_is_installed() -> None:
    if yaml.__with_libyaml__:
        assert issubclass(BoundedLoader, yaml.CSafeLoader)


@pytest.mark.parametrize(("text", "problem", "line"), [
    (_laughs(9, 9), "aliases expand to more than 100,000 nodes and characters", 1),
    (_laughs(2, 40), "aliases expand to more than 100,000 nodes and characters", 1),
    ("a: 1\nb: &r [*r]\n", "a YAML alias refers to itself", 2),
    ("a: &r {b: [{c: *r}]}\n", "a YAML alias refers to itself", 1),
    ("a: [&s x, " + ", ".join(["*s"] * (MAX_ALIASES + 1)) + "]\n", f"more than {MAX_ALIASES} aliases", 1),
    ("a: " + "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1) + "\n", f"nested deeper than {MAX_DEPTH} levels", 1),
    ("a: 1\nwhen: 2024-13-45\n", "cannot read this value: month must be in 1..12", 2),
    ("n: " + "1" * 5_000 + "\n", "cannot read this value: Exceeds the limit (4300 digits)", 1),
])
def test_bombs_and_unbuildable_values_are_yaml_errors_with_their_line(text: str, problem: str, line: int) -> None:
    found, at = _problem(text)
    assert found.startswith(problem) and at == line


def test_ordinary_aliases_merges_and_nesting_still_load() -> None:
    assert safe_load("a: &s x\nb: [*s, *s]\n") == {"a": "x", "b": ["x", "x"]}
    assert safe_load("base: &m {a: 1}\nmine: {<<: *m, b: 2}\n")["mine"] == {"a": 1, "b": 2}
    assert safe_load("a: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1) + "\n") is not None  # with the mapping
    assert safe_load("") is None


def test_a_bomb_is_refused_before_it_is_built() -> None:
    started = time.perf_counter()
    with pytest.raises(YAMLBoundError):
        safe_load(_laughs(30, 30))
    assert time.perf_counter() - started < 1


def test_load_file_names_the_file_and_the_line(tmp_path: Path) -> None:
    path = tmp_path / "r.yml"
    path.write_text("a: 1\nb: &r [*r]\n")
    with pytest.raises(UsageError, match=rf"^{path}: line 2: a YAML alias refers to itself$"):
        load_file(path, limit=MiB, what="record", error=UsageError)


def _message(path: Path, limit: int = MiB) -> str:
    with bounded(5), pytest.raises(UsageError) as error:
        read_regular_text(path, limit, "test file")
    return str(error.value)


def test_special_files_are_refused_without_reading_them(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    assert _message(fifo) == f"{fifo}: the test file is a FIFO (named pipe), not a regular file"
    assert _message(Path("/dev/zero")) == "/dev/zero: the test file is a character device, not a regular file"
    assert _message(tmp_path) == f"{tmp_path}: the test file is a directory, not a regular file"
    link = tmp_path / "zero"
    link.symlink_to("/dev/zero")
    assert "is a character device" in _message(link)


def test_a_file_over_the_limit_is_refused_from_its_size(tmp_path: Path) -> None:
    huge = tmp_path / "huge"
    with huge.open("wb") as handle:
        handle.truncate(8 * 1024**3)
    assert _message(huge) == f"{huge}: the test file is 8192.0 MiB, over the limit of 1.0 MiB"
    exact = tmp_path / "exact"
    exact.write_bytes(b"x" * 1024)
    assert read_regular_bytes(exact, 1024, "test file") == b"x" * 1024
    assert "is 1 KiB, over the limit of 1023 bytes" in _message(exact, 1023)


@pytest.mark.parametrize(("name", "message"), [
    ("missing", "cannot read {dir}/missing: No such file or directory"),
    ("n" * 300, "cannot read {dir}/nnn"),
    ("a\x00b", "cannot read {dir}/a\\x00b: embedded null byte"),
])
def test_names_the_os_refuses_are_one_line(tmp_path: Path, name: str, message: str) -> None:
    text = _message(tmp_path / name)
    assert text.startswith(message.format(dir=tmp_path)) and "\n" not in text and len(text) < 400


def test_text_must_be_utf8_and_keeps_a_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "t"
    path.write_bytes(b"\xef\xbb\xbfa: 1\n")
    assert read_regular_text(path, MiB, "test file") == "\ufeffa: 1\n"
    path.write_bytes(b"a: \xff\n")
    assert _message(path) == f"{path}: not a UTF-8 text file"


def test_shown_paths_are_one_printable_line() -> None:
    assert shown("a\nb\x1b[2J") == "a\\x0ab\\x1b[2J"
    assert shown(os.fsdecode(b"d\xff")) == "d\\udcff"
    assert len(shown("x" * 10_000)) == 301


def test_the_corpus_limits_can_fail() -> None:
    with pytest.raises(pytest.fail.Exception, match="still running after 0.2 s"), bounded(0.2):
        time.sleep(5)
    with bounded(5), pytest.raises(MemoryError):
        bytearray(3 * 1024**3)
