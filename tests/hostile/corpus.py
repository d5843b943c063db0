"""Generate the hostile-input corpus: every family of input the tool reads from a user or a stranger.

A :class:`Case` names its family, the files to create in a folder of its own, the command line
(``{dir}`` stands for that folder), the exit codes it may end with and, when it fails because of
code outside the input-loading modules, why it is expected to fail (``xfail``, run strictly, so a
fix elsewhere shows up). The families: criteria files, profiles (files and names), the project
configuration (``[tool.openness]`` of a scored checkout), Model Openness Tool records, saved
evidence files and targets. Inputs are small by construction; the few big ones are sparse files,
links to devices or FIFOs, which the tool must refuse before reading.
"""

from __future__ import annotations

import copy
import inspect
import json
import os
import random
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import Enum
from importlib import resources
from typing import Any

import yaml

from openness.checks import CHECKS


class Special(Enum):
    """A file that is not plain content."""

    FIFO = "fifo"
    DEV_ZERO = "link to /dev/zero"
    DIRECTORY = "directory"
    HUGE = "sparse 3 GiB file"
    LOOP = "link to itself"
    DANGLING = "link to nothing"


Evidence = dict[str, Any]
Content = str | bytes | Special | Callable[[Evidence], bytes]
"""Text, bytes, a special file, or bytes made from the base evidence (a valid saved evidence file)."""

ANY_EXIT = frozenset({0, 1, 2, 3})
INPUT_ERROR = frozenset({2})
LOADED_OR_REFUSED = frozenset({0, 2})
DEVNULL = os.devnull


@dataclass(frozen=True)
class Case:
    id: str
    family: str
    argv: tuple[str, ...]
    files: Mapping[str, Content] = field(default_factory=dict)
    codes: frozenset[int] = ANY_EXIT
    xfail: str | None = None
    seconds: float = 20.0
    """A hang guard, not a speed target (those are measured in ``benchmarks/``): generous enough for a
    loaded 2-core machine, far below the minutes a hang or a backtracking pattern takes."""


# ── Hostile values ──────────────────────────────────────────────────────────────────────────────
# YAML fragments that fit after ``key: ``: wrong types, odd strings, regular expressions that do not
# compile or backtrack, and values Python cannot build.

VALUES: list[tuple[str, str]] = [
    ("null", "null"), ("true", "true"), ("false", "false"), ("zero", "0"), ("minus-one", "-1"), ("two", "2"),
    ("fraction", "10.5"), ("overflow", "1.0e400"), ("nan", ".nan"), ("inf", ".inf"), ("minus-inf", "-.inf"),
    ("empty", "''"), ("blank", "' '"), ("word", "xyz"), ("long", "'" + "a" * 10_000 + "'"),
    ("nul", '"a\\0b"'), ("newline", '"a\\nb"'), ("bidi", '"\\u202e"'), ("escape", '"\\e[31mred"'),
    ("list-empty", "[]"), ("map-empty", "{}"), ("list", "[x]"), ("list-numbers", "[1, 2]"), ("map", "{a: 1}"),
    ("nested-lists", "[[[[]]]]"), ("binary", "!!binary AAAA"), ("date", "2024-01-01"), ("bad-date", "2024-13-45"),
    ("big-int", "1" * 5_000), ("hex", "0x10"), ("markup", '"[/]"'), ("html", '"<script>x</script>"'),
    ("js-link", '"javascript:alert(1)"'), ("regex-star", "'*'"), ("regex-open", "'('"),
    ("regex-huge-repeat", "'a{99999999}'"), ("regex-backtrack", "'(a+)+$'"), ("set", "!!set {a: null}"),
    ("unhashable-key", "{[a]: b}"),
]
SHORT_VALUES = [v for v in VALUES if v[0] in {
    "null", "true", "zero", "minus-one", "fraction", "nan", "inf", "empty", "word", "long", "nul", "newline",
    "list-empty", "map-empty", "list", "map", "binary", "bad-date", "big-int", "regex-open", "unhashable-key"}]

NEVER_LOADS = {"bad-date", "big-int", "unhashable-key"}
"""Values no loader may accept, whatever the field: YAML that Python cannot build."""


def _expect(label: str, accepted: set[str] | None, loads: frozenset[int] = LOADED_OR_REFUSED) -> frozenset[int]:
    """The exit codes for a hostile value: refused unless ``label`` is ``accepted`` (None: the field takes
    anything typed right, so either)."""
    if label in NEVER_LOADS or (accepted is not None and label not in accepted):
        return INPUT_ERROR
    return loads


PARAM_VALUES = [v for v in VALUES if v[0] in {"null", "true", "minus-one", "nan", "empty", "list", "map",
                                             "regex-open"}]


def _laughs(width: int, depth: int) -> str:
    levels = [f"&l0 [{', '.join(['lol'] * width)}]"]
    levels += [f"&l{i} [{', '.join([f'*l{i - 1}'] * width)}]" for i in range(1, depth)]
    return f"[{', '.join(levels)}]"


def _bombs() -> list[tuple[str, str, bool]]:
    """(label, YAML value fragment, whether the tool must refuse it)."""
    bombs = [(f"laughs-{w}x{d}", _laughs(w, d), True)
             for w, d in ((9, 9), (2, 30), (10, 6), (100, 3), (1000, 2))]
    bombs += [("recursive-list", "&r [*r]", True), ("recursive-map", "&r {k: *r}", True),
              ("recursive-deep", "&r [[[[*r]]]]", True), ("recursive-mixed", "&r {a: [{b: [*r]}]}", True),
              ("recursive-key", "&r {x: [*r]}", True),
              ("many-aliases", "[&s x, " + ", ".join(["*s"] * 1_001) + "]", True),
              ("big-anchor", f"[&s '{'a' * 5_000}', " + ", ".join(["*s"] * 40) + "]", True),
              ("merge-laughs", "[&m0 {a: [x, x, x, x, x, x, x, x]}, "
               + ", ".join(f"&m{i} {{<<: [*m{i - 1}], b{i}: [*m{i - 1}, *m{i - 1}, *m{i - 1}, *m{i - 1}]}}"
                           for i in range(1, 12)) + "]", True),
              ("few-aliases", "[&s x, *s, *s, *s]", False), ("undefined-alias", "*nowhere", True)]
    bombs += [(f"deep-{n}", "[" * n + "]" * n, n > 100) for n in (100, 101, 1_001, 5_000)]
    bombs += [("python-apply", "!!python/object/apply:os.system [echo pwned]", True),
              ("python-name", "!!python/name:builtins.eval", True),
              ("python-object", "!<tag:yaml.org,2002:python/object:object> {}", True),
              ("local-tag", "!custom x", True), ("timestamp", "!!timestamp 2024-02-30", True),
              ("int-digits", "!!int " + "9" * 5_000, True), ("float-huge", "!!float 1e999", False),
              ("binary-bad", "!!binary '===='", True), ("omap", "!!omap [a: 1]", False),
              ("pairs", "!!pairs [a: 1, a: 2]", False), ("map-key", "{{a: 1}: b}", True)]
    return bombs


BOMBS = _bombs()

_DOCUMENTS: list[tuple[str, bytes]] = [
    # (label, whole file): none is a valid file of any family
    ("empty", b""), ("blank-lines", b"\n" * 100_000), ("crlf-runs", b"\r\n" * 50_000),
    ("binary", random.Random(15).randbytes(4_096)), ("not-utf8", b"name: \xff\xfe\n"),
    ("utf16", "name: x\n".encode("utf-16")), ("nul-bytes", b"name: a\x00b\n"),
    ("control-chars", b"name: a\x07\x1b[2J\n"), ("two-documents", b"a: 1\n---\nb: 2\n"),
    ("yaml-directive", b"%YAML 9.9\n---\na: 1\n"), ("tabs", b"a:\n\tb: 1\n"),
    ("unclosed", b"a: [1, 2\n"), ("scalar", b"just text\n"), ("list", b"- 1\n- 2\n"),
    ("deep-block", ("- " * 2_000 + "x\n").encode()),
    ("deep-indent", "".join(" " * i + "a:\n" for i in range(300)).encode()),
    ("long-line", b"a: " + b"b" * 200_000 + b"\n"), ("many-keys", "".join(
        f"k{i}: {i}\n" for i in range(20_000)).encode()),
]

_KINDS: list[tuple[str, Content]] = [(s.value.replace(" ", "-").replace("/", ""), s) for s in Special]


def _yaml_with(data: Any, path: str, fragment: str) -> str:
    """``data`` as YAML with the value at ``path`` (dotted; digits index lists) replaced by ``fragment``."""
    data = copy.deepcopy(data)
    *parents, last = path.split(".")
    node = data
    for part in parents:
        node = node[int(part)] if isinstance(node, list) else node.setdefault(part, {})
    if isinstance(node, list):
        node[int(last)] = "__HOSTILE__"
    else:
        node[last] = "__HOSTILE__"
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1_000_000)
    assert text.count("__HOSTILE__") == 1
    return text.replace("__HOSTILE__", fragment)


def _file_cases(family: str, name: str, argv: tuple[str, ...], valid: str | bytes,
                xfail: Mapping[str, str] | None = None) -> Iterator[Case]:
    """The file-level cases of one family: special files, odd names, whole documents, top-level bombs."""
    xfail = xfail or {}
    for label, special in _KINDS:
        yield Case(f"{family}-kind-{label}", family, argv, {name: special}, INPUT_ERROR, xfail.get(label))
    long_name = "{dir}/" + "n" * 5_000 + ".yaml"
    for label, path in (("name-too-long", long_name), ("nul-in-name", "{dir}/a\x00b.yaml"),
                        ("missing", "{dir}/missing.yaml"), ("dir-slash", "{dir}/"), ("dev-null", "/dev/null")):
        yield Case(f"{family}-{label}", family, tuple(path if a == "{dir}/" + name else a for a in argv), {},
                   INPUT_ERROR, xfail.get(label))
    yield Case(f"{family}-newline-in-name", family,
               tuple("{dir}/a\nb.yaml" if a == "{dir}/" + name else a for a in argv), {"a\nb.yaml": b"[\n"},
               INPUT_ERROR)
    text = valid if isinstance(valid, bytes) else valid.encode()
    yield Case(f"{family}-valid", family, argv, {name: text}, frozenset({0, 1}))
    yield Case(f"{family}-bom", family, argv, {name: b"\xef\xbb\xbf" + text}, frozenset({0, 1}))
    yield Case(f"{family}-truncated", family, argv, {name: text[: len(text) // 2]}, ANY_EXIT)
    for label, document in _DOCUMENTS:
        yield Case(f"{family}-doc-{label}", family, argv, {name: document}, INPUT_ERROR, xfail.get(label))
    for label, fragment, _ in BOMBS:  # never a mapping of the family's shape, so refused even when it loads
        yield Case(f"{family}-top-{label}", family, argv, {name: fragment + "\n"}, INPUT_ERROR, xfail.get(label))


# ── Criteria files ──────────────────────────────────────────────────────────────────────────────

def _builtin(*parts: str) -> Any:
    return yaml.safe_load(resources.files("openness").joinpath("criteria", *parts).read_text(encoding="utf-8"))


def _criteria_cases() -> Iterator[Case]:
    builtin = _builtin("openness.yaml")["criteria"]
    argv = ("criteria", "--criteria", "{dir}/criteria.yaml", "--profile", "default", "-f", "json", "-o", DEVNULL)
    yield from _file_cases("criteria", "criteria.yaml", argv, yaml.safe_dump({"criteria": builtin[:3]}))
    base = {"criteria": [builtin[0]]}
    for name in builtin[0]:
        for label, fragment in VALUES if name in {"weight", "params"} else SHORT_VALUES:
            yield Case(f"criteria-{name}-{label}", "criteria", argv,
                       {"criteria.yaml": _yaml_with(base, f"criteria.0.{name}", fragment)},
                       _expect(label, CRITERION_ACCEPTS.get(name)))
    for label, fragment in VALUES[:12]:
        yield Case(f"criteria-extra-field-{label}", "criteria", argv,
                   {"criteria.yaml": _yaml_with(base, "criteria.0.extra", fragment)}, INPUT_ERROR)
        yield Case(f"criteria-list-{label}", "criteria", argv,
                   {"criteria.yaml": _yaml_with(base, "criteria", fragment)}, INPUT_ERROR)
        yield Case(f"criteria-item-{label}", "criteria", argv,
                   {"criteria.yaml": _yaml_with(base, "criteria.0", fragment)}, INPUT_ERROR)
    for label, fragment, must_fail in BOMBS:
        for where in ("criteria.0.params", "criteria"):
            yield Case(f"criteria-bomb-{where.rsplit('.', 1)[-1]}-{label}", "criteria", argv,
                       {"criteria.yaml": _yaml_with(base, where, fragment)},
                       INPUT_ERROR if must_fail else LOADED_OR_REFUSED)
    yield from _param_cases(builtin, argv)


CRITERION_ACCEPTS: dict[str, set[str]] = {
    "id": {"word"}, "weight": {"two"}, "check": set(), "dimension": set(), "applies_to": set(),
    "params": {"map-empty"}, "frameworks": {"map-empty"}, "title": {"word", "blank"},
}
"""The hostile values each strictly typed criterion field accepts (``weight: true`` is not a number)."""


def _param_cases(builtin: list[dict[str, Any]], argv: tuple[str, ...]) -> Iterator[Case]:
    """Every parameter of every check, set to each short hostile value, on a criterion that uses the check."""
    for check_name, function in sorted(CHECKS.items()):
        users = [c for c in builtin if c["check"] == check_name]
        params = [p for p in inspect.signature(function).parameters if p != "ctx"]
        if not users or not params:
            continue
        base = {"criteria": [users[0]]}
        for param in params:
            for label, fragment in PARAM_VALUES:
                yield Case(f"criteria-params-{check_name}-{param}-{label}", "criteria", argv,
                           {"criteria.yaml": _yaml_with(base, f"criteria.0.params.{param}", fragment)},
                           INPUT_ERROR if label in {"null", "empty", "list-empty", "map-empty"} else LOADED_OR_REFUSED)


# ── Profiles ────────────────────────────────────────────────────────────────────────────────────

_PROFILE_FIELDS = ("name", "dimension_weights", "dimension_weights.transparency", "dimension_weights.robots",
                   "weights", "weights.commercial-use", "fail_under", "grades", "grades.A", "extra")


_NUMBER = {"zero", "two", "fraction", "hex"}
PROFILE_ACCEPTS: dict[str, set[str]] = {
    "extra": set(), "dimension_weights.robots": set(), "dimension_weights.transparency": _NUMBER,
    "weights.commercial-use": _NUMBER, "grades.A": _NUMBER, "fail_under": {"null", *_NUMBER},
    "dimension_weights": set(), "weights": {"map-empty"}, "grades": {"map-empty", "map"},
    "name": {"word", "blank", "markup", "html", "js-link", "regex-star", "regex-open", "regex-huge-repeat",
             "regex-backtrack"},
}
"""The hostile values each profile field accepts: numbers are numbers (not booleans), names one printable line."""


def _profile_cases() -> Iterator[Case]:
    base = _builtin("profiles", "procurement.yaml")
    argv = ("criteria", "--profile", "{dir}/profile.yaml", "-f", "json", "-o", DEVNULL)
    yield from _file_cases("profile", "profile.yaml", argv, yaml.safe_dump(base))
    for name in _PROFILE_FIELDS:
        for label, fragment in SHORT_VALUES:
            yield Case(f"profile-{name}-{label}", "profile", argv,
                       {"profile.yaml": _yaml_with(base, name, fragment)}, _expect(label, PROFILE_ACCEPTS.get(name)))
    for label, fragment, must_fail in BOMBS:
        yield Case(f"profile-bomb-{label}", "profile", argv, {"profile.yaml": _yaml_with(base, "weights", fragment)},
                   INPUT_ERROR if must_fail else LOADED_OR_REFUSED)
    names = [("builtin", "default", frozenset({0})), ("builtin-ci", "ci", frozenset({0})),
             ("upper", "DEFAULT", INPUT_ERROR), ("unknown", "nope", INPUT_ERROR), ("space", "de fault", INPUT_ERROR),
             ("traversal", "../default", INPUT_ERROR), ("traversal-deep", "../../../../../../etc/passwd", INPUT_ERROR),
             ("builtin-suffix", "default.yaml", INPUT_ERROR), ("dot", ".", INPUT_ERROR), ("dotdot", "..", INPUT_ERROR),
             ("root", "/", INPUT_ERROR), ("dev-zero", "/dev/zero", INPUT_ERROR), ("proc", "/proc/self/environ",
                                                                                   INPUT_ERROR),
             ("home", "~nosuchuser/p.yaml", INPUT_ERROR), ("tilde", "~", INPUT_ERROR),
             ("long-name", "a" * 5_000, INPUT_ERROR), ("long-path", "a" * 5_000 + ".yaml", INPUT_ERROR),
             ("long-dirs", "/".join(["d" * 200] * 30) + ".yaml", INPUT_ERROR), ("nul", "de\x00fault", INPUT_ERROR),
             ("nul-path", "a\x00.yaml", INPUT_ERROR), ("newline", "default\n", INPUT_ERROR),
             ("markup", "[/]", INPUT_ERROR), ("escape", "\x1b]0;pwned\x07", INPUT_ERROR),
             ("unicode", "défault", INPUT_ERROR), ("dash", "-", INPUT_ERROR),
             ("url", "https://example.com/p.yaml", INPUT_ERROR), ("windows", "C:\\p.yaml", INPUT_ERROR),
             ("dir-as-profile", "{dir}", INPUT_ERROR), ("missing-in-dir", "{dir}/missing", INPUT_ERROR)]
    for label, name, codes in names:
        yield Case(f"profile-arg-{label}", "profile", ("criteria", "--profile", name, "-f", "json", "-o", DEVNULL),
                   {}, codes)
    yield Case("profile-arg-empty", "profile", ("criteria", "--profile", "", "-f", "json", "-o", DEVNULL), {},
               INPUT_ERROR)
    yield Case("profile-arg-empty-score", "profile", ("score", "{dir}", "--profile", "", "-o", DEVNULL),
               {"README.md": "# x\n"}, INPUT_ERROR)


# ── Project configuration ───────────────────────────────────────────────────────────────────────

TOML_VALUES: list[tuple[str, str]] = [
    ("empty", '""'), ("word", '"x"'), ("default", '"default"'), ("ci", '"ci"'), ("unknown", '"nope"'),
    ("yaml-missing", '"nope.yaml"'), ("traversal", '"../../../../../../etc/passwd"'), ("dev-zero", '"/dev/zero"'),
    ("root", '"/"'), ("self", '"pyproject.toml"'), ("long", '"' + "a" * 5_000 + '"'), ("nul", '"a\\u0000b"'),
    ("newline", '"a\\nb"'), ("markup", '"[/]"'), ("escape", '"\\u001b[2J"'), ("zero", "0"), ("minus", "-1"),
    ("fifty", "50"), ("hundred", "100"), ("over", "100.5"), ("nan", "nan"), ("inf", "inf"), ("true", "true"),
    ("false", "false"), ("list-empty", "[]"), ("list", '["x"]'), ("table", "{a = 1}"), ("date", "1979-05-27"),
    ("model", '"model"'), ("dataset", '"dataset"'), ("upper", '"MODEL"'), ("big-int", "9" * 30),
    ("huge-int", "9" * 5_000),
]
CONFIG_ACCEPTS = {"profile": {"default", "ci"}, "criteria": set(), "fail-under": {"zero", "fifty", "hundred"},
                  "min-coverage": {"zero", "fifty", "hundred"},
                  "kind": {"model", "dataset"}, "surprise": set()}
"""The values each ``[tool.openness]`` key accepts among TOML_VALUES (``criteria = []`` is not a file name)."""
_CONFIG_KEYS = ("profile", "criteria", "fail-under", "min-coverage", "kind", "surprise")


def _config_cases() -> Iterator[Case]:
    # The table is read only when it is the current project's: named with --project-config here.
    argv = ("score", "{dir}", "--offline", "-o", DEVNULL, "--project-config", "{dir}/pyproject.toml")
    ignored = ("score", "{dir}", "--offline", "-o", DEVNULL)
    readme = {"README.md": "# p\n"}
    for key in _CONFIG_KEYS:
        for label, value in TOML_VALUES:
            yield Case(f"config-{key}-{label}", "config", argv,
                       {**readme, "pyproject.toml": f"[tool.openness]\n{key} = {value}\n"},
                       ANY_EXIT if label in CONFIG_ACCEPTS[key] else INPUT_ERROR)
    deep = 300
    documents = [
        ("tool-number", "tool = 5\n", frozenset({0})), ("openness-number", "[tool]\nopenness = 5\n", INPUT_ERROR),
        ("openness-list", "[tool]\nopenness = []\n", INPUT_ERROR),
        ("openness-array-of-tables", "[[tool.openness]]\nprofile = 'ci'\n", INPUT_ERROR),
        ("twice", "[tool.openness]\nprofile = 'ci'\n[tool.openness]\nkind = 'model'\n", INPUT_ERROR),
        ("unknown-key-newline", '[tool.openness]\n"a\\nb" = 1\n', INPUT_ERROR),
        ("deep-inline-tables", "a = " + "{b = " * deep + "1" + "}" * deep + "\n", ANY_EXIT),
        ("deep-arrays", "a = " + "[" * deep + "]" * deep + "\n", ANY_EXIT),
        ("deep-dotted", "[" + ".".join(["a"] * deep) + "]\nb = 1\n", ANY_EXIT),
        ("deep-in-openness", "[tool.openness]\nprofile = " + "[" * deep + "]" * deep + "\n", INPUT_ERROR),
        ("very-deep-arrays", "a = " + "[" * 5_000 + "]" * 5_000 + "\n", ANY_EXIT),
        ("many-keys", "".join(f"k{i} = {i}\n" for i in range(20_000)), frozenset({0})),
        ("fail_under", "[tool.openness]\nfail_under = 'x'\n", INPUT_ERROR),
        ("both-spellings", "[tool.openness]\nfail_under = 1\nfail-under = 2\n", INPUT_ERROR),
        ("unclosed", "[tool.openness\n", INPUT_ERROR), ("nul", "a = 'x\x00'\n", INPUT_ERROR),
        ("not-utf8", "a = '\udcff'\n", INPUT_ERROR),
    ]
    for label, text, codes in documents:
        content: Content = text.encode("utf-8", "surrogateescape")
        yield Case(f"config-doc-{label}", "config", argv, {**readme, "pyproject.toml": content}, codes)
    for label, special in _KINDS:
        yield Case(f"config-kind-{label}", "config", argv, {**readme, "pyproject.toml": special}, INPUT_ERROR)
        yield Case(f"config-ignored-kind-{label}", "config", ignored, {**readme, "pyproject.toml": special},
                   frozenset({0}))
    for label, text, _ in documents:  # another checkout's settings are never read, a broken file states no waivers
        yield Case(f"config-ignored-doc-{label}", "config", ignored,
                   {**readme, "pyproject.toml": text.encode("utf-8", "surrogateescape")}, frozenset({0}))
    for label, value in TOML_VALUES:
        yield Case(f"config-ignored-fail-under-{label}", "config", ignored + ("--fail-under", "99"),
                   {**readme, "pyproject.toml": f"[tool.openness]\nfail-under = {value}\nmin-coverage = 0\n"},
                   frozenset({1}))  # the checkout's lenient or broken gate is not its own judge
    for label, document in _DOCUMENTS[:8]:
        yield Case(f"config-bytes-{label}", "config", argv, {**readme, "pyproject.toml": document}, ANY_EXIT)


# ── Model Openness Tool records ─────────────────────────────────────────────────────────────────

RECORD: dict[str, Any] = {
    "framework": {"name": "Model Openness Framework", "version": "1.0", "date": "2024-12-15"},
    "release": {
        "name": "example", "version": "1.0", "date": "2024-01-01", "type": "language", "producer": "Example",
        "repository": "https://github.com/example/example", "huggingface": "https://huggingface.co/example/example",
        "license": {"distribution": {"name": "Apache-2.0"}, "code": {"name": "Apache-2.0"}},
        "components": [{"name": "Model architecture", "description": "x", "license": "Apache-2.0"},
                       {"name": "Model parameters (Final)", "license": "Apache-2.0"}],
    },
}
_RECORD_FIELDS = ("release", "release.name", "release.huggingface", "release.license", "release.license.code.name",
                  "release.components", "release.components.0", "release.components.0.name",
                  "release.components.1.license_name", "framework")


def _record_cases() -> Iterator[Case]:
    argv = ("mof", "{dir}/record.yml", "-f", "json", "-o", DEVNULL)
    yield from _file_cases("record", "record.yml", argv, yaml.safe_dump(RECORD))
    for name in _RECORD_FIELDS:
        for label, fragment in SHORT_VALUES:
            yield Case(f"record-{name}-{label}", "record", argv, {"record.yml": _yaml_with(RECORD, name, fragment)},
                       LOADED_OR_REFUSED)
    for label, fragment, must_fail in BOMBS:
        yield Case(f"record-bomb-{label}", "record", argv,
                   {"record.yml": _yaml_with(RECORD, "release.components.0.license", fragment)},
                   INPUT_ERROR if must_fail else LOADED_OR_REFUSED)
    verify = ("mof", "{dir}/record.yml", "--verify", "--offline", "-o", DEVNULL)
    for label, where in (("root", "/"), ("etc", "/etc"), ("file-url", "file:///etc/passwd"),
                         ("dir", "{dir}"), ("home", "~"), ("github-ok", "https://github.com/a/b")):
        record = copy.deepcopy(RECORD)
        record["release"]["huggingface"] = where
        record["release"]["repository"] = where
        yield Case(f"record-verify-{label}", "record", verify, {"record.yml": yaml.safe_dump(record)},
                   frozenset({2, 3}))


# ── Evidence files ──────────────────────────────────────────────────────────────────────────────

_TYPE_VALUES: list[tuple[str, Any]] = [("null", None), ("true", True), ("number", 5), ("float", 1.5), ("text", "x"),
                                       ("list", []), ("map", {}), ("list-of-null", [None])]


def _evidence_bytes(change: Callable[[Evidence], Any]) -> Callable[[Evidence], bytes]:
    def make(base: Evidence) -> bytes:
        data = copy.deepcopy(base)
        result = change(data)
        return json.dumps(data if result is None else result).encode()

    return make


def _setter(path: str, value: Any) -> Callable[[Evidence], None]:
    def change(data: Evidence) -> None:
        *parents, last = path.split(".")
        node: Any = data
        for part in parents:
            node = node[int(part)] if isinstance(node, list) else node[part]
        node[last] = value

    return change


def _remover(key: str) -> Callable[[Evidence], None]:
    def change(data: Evidence) -> None:
        del data[key]

    return change


_EVIDENCE_TOP = ("schema_version", "target", "fetched_at", "members", "requests", "gaps")
_EVIDENCE_MEMBER = ("role", "kind", "id", "revision", "web_url", "files", "documents", "card_data", "host", "git",
                    "releases", "links", "gaps")


def _evidence_cases() -> Iterator[Case]:
    argv = ("score", "{dir}/evidence.json", "-o", DEVNULL)
    name = "evidence.json"
    for label, version, codes in [
        ("current", "1.0", frozenset({0})), ("empty", "", INPUT_ERROR), ("major", "1", INPUT_ERROR),
        ("minor-future", "1.99", INPUT_ERROR), ("future", "2.0", INPUT_ERROR), ("far-future", "99.0", INPUT_ERROR),
        ("past", "0.9", INPUT_ERROR), ("nonsense", "abc", INPUT_ERROR), ("three-parts", "1.0.0", INPUT_ERROR),
        ("padded", " 1.0", INPUT_ERROR), ("newline", "1.0\n", INPUT_ERROR), ("number", 1, INPUT_ERROR),
        ("float", 1.0, INPUT_ERROR), ("null", None, INPUT_ERROR), ("true", True, INPUT_ERROR),
        ("list", ["1.0"], INPUT_ERROR), ("map", {}, INPUT_ERROR), ("long", "1." + "0" * 10_000, INPUT_ERROR),
    ]:
        yield Case(f"evidence-schema-{label}", "evidence", argv,
                   {name: _evidence_bytes(_setter("schema_version", version))}, codes)
    yield Case("evidence-schema-missing", "evidence", argv, {name: _evidence_bytes(_remover("schema_version"))},
               INPUT_ERROR)
    for key in _EVIDENCE_TOP[1:]:
        yield Case(f"evidence-missing-{key}", "evidence", argv, {name: _evidence_bytes(_remover(key))},
                   LOADED_OR_REFUSED)
        for label, value in _TYPE_VALUES:
            yield Case(f"evidence-{key}-{label}", "evidence", argv, {name: _evidence_bytes(_setter(key, value))},
                       LOADED_OR_REFUSED)
    for key in _EVIDENCE_MEMBER:
        for label, value in _TYPE_VALUES:
            yield Case(f"evidence-member-{key}-{label}", "evidence", argv,
                       {name: _evidence_bytes(_setter(f"members.0.{key}", value))}, LOADED_OR_REFUSED)
    deep = 100_000
    structures: list[tuple[str, Content]] = [
        ("empty", b""), ("whitespace", b" \n\t"), ("null", b"null"), ("list", b"[]"), ("text", b'"x"'), ("number", b"5"),
        ("object-empty", b"{}"), ("binary", random.Random(10).randbytes(4_096)), ("not-utf8", b'{"a": "\xff"}'),
        ("utf16", json.dumps({"schema_version": "1.0"}).encode("utf-16")), ("deep-arrays", b"[" * deep + b"]" * deep),
        ("deep-objects", b'{"a":' * 10_000 + b"1" + b"}" * 10_000), ("nan", b'{"schema_version": NaN}'),
        ("huge-int", b'{"requests": ' + b"9" * 10_000 + b"}"), ("truncated", _truncated),
        ("duplicate-keys", _duplicated_schema), ("bom", lambda base: b"\xef\xbb\xbf" + json.dumps(base).encode()),
        ("trailing-garbage", lambda base: json.dumps(base).encode() + b"\n}{"),
        ("many-members", _evidence_bytes(lambda d: d["members"].extend([d["members"][0]] * 200))),
        ("long-string", _evidence_bytes(_setter("members.0.id", "x" * 1_000_000))),
    ]
    for label, content in structures:
        yield Case(f"evidence-doc-{label}", "evidence", argv, {name: content}, ANY_EXIT)
    for label, special in _KINDS:
        codes = frozenset({0}) if special is Special.DIRECTORY else INPUT_ERROR  # a directory is a checkout
        yield Case(f"evidence-kind-{label}", "evidence", argv, {name: special}, codes)


def _truncated(base: Evidence) -> bytes:
    text = json.dumps(base).encode()
    return text[: len(text) // 2]


def _duplicated_schema(base: Evidence) -> bytes:
    return b'{"schema_version": "99.0", ' + json.dumps(base).encode()[1:]


# ── Targets ─────────────────────────────────────────────────────────────────────────────────────

def _target_cases() -> Iterator[Case]:
    strings = [
        "", " ", "\t", "\n", "github:", "github:/", "github:a", "github:a/", "github:/b", "github:a/b/c", "github:a/b@",
        "github:a/b@..", "github:a/b@" + "r" * 300, "github:-a/b", "github:" + "a" * 40 + "/b", "github:a/.",
        "github:a/..", "github:a/b.git.git", "github:a/b@ref with space", "hf:", "hf:/", "hf:../x", "hf:a/b/c",
        "hf:datasets/x", "hf:a/b@", "hf-dataset:", "hf-dataset:a/../b", "https://github.com",
        "https://github.com/a", "https://github.com/a/b/issues", "https://github.com/a/b/tree/",
        "https://huggingface.co", "https://huggingface.co/spaces/a/b", "https://huggingface.co/a/b/c/d",
        "https://evil.example/a/b", "http://localhost:1/a", "file:///etc/passwd", "ftp://x/y", "javascript:alert(1)",
        "https://user:secret@github.com/a/b/issues", "git@github.com:a/b.git", "ssh://git@github.com/a/b",
        "a/b", "a" * 10_000, "a\x00b", "a\nb", "[/]", "[bold]x[/bold]", "\x1b]0;pwned\x07", "\u202egnp.exe",
        "~nosuchuser", "~nosuchuser/x", "/nonexistent/path", "/dev/null", "/dev/zero", "/proc/self/mem",
        "/etc/passwd", "/etc/hostname.json", "-", "--help-me", "{dir}/fifo", "{dir}/fifo.json", "{dir}/loop",
        "{dir}/loop.json", "{dir}/dangling", "{dir}/readme.md", "{dir}/huge.json", "{dir}/" + "n" * 300,
        "{dir}/" + "/".join(["d" * 250] * 20),
    ]
    files: dict[str, Content] = {"fifo": Special.FIFO, "fifo.json": Special.FIFO, "loop": Special.LOOP,
                                 "loop.json": Special.LOOP, "dangling": Special.DANGLING, "readme.md": "# x\n",
                                 "huge.json": Special.HUGE}
    for index, text in enumerate(strings):
        yield Case(f"target-{index:02d}", "target", ("score", "--offline", "-o", DEVNULL, "--", text), files,
                   frozenset({2, 3}))
    yield Case("target-markup-directory", "target", ("score", "--offline", "-o", DEVNULL, "{dir}/[/]"),
               {"[/]/README.md": "# x\n"}, frozenset({0}))
    yield Case("target-root", "target", ("score", "--offline", "-o", DEVNULL, "/"), {}, INPUT_ERROR)
    pair = {"[red]x[bold]/README.md": "# x\n", "broken.json": "{}", "empty.json": "[]"}
    for label, argv, codes in (
            ("compare-partial", ("{dir}/[red]x[bold]", "{dir}/broken.json"), frozenset({3})),
            ("compare-allow-partial", ("{dir}/[red]x[bold]", "{dir}/broken.json", "--allow-partial"), frozenset({0})),
            ("compare-all-fail", ("{dir}/empty.json", "{dir}/broken.json", "--allow-partial"), frozenset({3})),
            ("compare-timeout-zero", ("{dir}/[red]x[bold]", "{dir}/[red]x[bold]", "--target-timeout", "0"),
             frozenset({0})),
            ("compare-timeout-negative", ("{dir}/[red]x[bold]", "{dir}/broken.json", "--target-timeout", "-1"),
             INPUT_ERROR)):
        yield Case(f"target-{label}", "target", ("compare", "--offline", "-o", DEVNULL, *argv), pair, codes)


# ── The corpus ──────────────────────────────────────────────────────────────────────────────────

FAMILIES: dict[str, Callable[[], Iterator[Case]]] = {
    "criteria": _criteria_cases, "profile": _profile_cases, "config": _config_cases, "record": _record_cases,
    "evidence": _evidence_cases, "target": _target_cases,
}


def corpus() -> list[Case]:
    """Every case, in a stable order, with unique ids."""
    cases = [case for family in FAMILIES.values() for case in family()]
    ids = [case.id for case in cases]
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
    return cases
