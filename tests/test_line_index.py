"""``LineIndex`` must find exactly the lines a plain ``re.IGNORECASE`` whole-line match finds:
its lowercase fast path is an optimisation, never a change of meaning."""

from __future__ import annotations

import re

import pytest

from openness import patterns
from openness.inventory.line_index import LineIndex, _case_blind

LINES = ["README.md", "readme.md", "ReadMe.MD", "LICENSE", "model.safetensors", "Train.PY", "eval_results.json",
         "", "data-00001-of-00002", "caf\u00e9.md", "\u212aelvin.txt", "kelvin.txt", "tab\x1fname", "x@y", "X_Y",
         "run_inference.py", "tokenizer.json", "CITATION.cff", "\u017fample.py", "sample.py"]


def _plain(pattern: str, lines: list[str]) -> set[str]:
    regex = re.compile("^(?:" + pattern.replace("[^/]", "[^/\\n]") + ")$", re.IGNORECASE | re.MULTILINE)
    return {m.group(0) for m in regex.finditer("\n".join(lines))}


PATTERNS = ["readme\\.md", "[^/]*\\.md", "license", "[a-z]+\\.py", "[@-_]+", "[^a-z]*", "(?-i:readme)\\.md",
            "README\\.MD", "\\x52eadme\\.md", "k[^/]*", "s[^/]*\\.py", "(x)[@_]\\1", "x[@_](?P<y>y)",
            "[^/]*\\S", "", ".*", "tab\\x1fname", "[!-~]*", "\\w+\\W\\w+"]


@pytest.mark.parametrize("pattern", PATTERNS)
def test_same_lines_as_ignorecase(pattern: str) -> None:
    assert set(LineIndex(LINES).matching(pattern)) == _plain(pattern, LINES)


def test_same_lines_for_every_file_query_of_the_patterns_file() -> None:
    queries = [part for q in patterns.load().files.values() for part in (q.name, q.under, q.path) if part is not None]
    index = LineIndex(LINES)
    for query in queries:
        assert set(index.matching(query)) == _plain(query, LINES), query


def test_patterns_that_tell_case_apart_take_the_ignorecase_route() -> None:
    for pattern in ("README", "[@-_]", "(?-i:a)", "\\x41", "\\u0041", "(a)\\1", "caf\u00e9", "[\\.-z]"):
        assert not _case_blind(pattern), pattern
    for pattern in ("[^/]*\\.(?:py|sh)", "\\d+\\S\\W", "[a-z0-9_-]+", "(?:a|b)(?=c)(?<!d)"):
        assert _case_blind(pattern), pattern


def test_no_lines_no_match() -> None:
    assert LineIndex([]).matching(".*") == []
