"""The detection patterns of ``criteria/patterns.yaml``, loaded and compiled once.

Two shapes: a ``FileQuery`` (file name, folder and whole-path expressions, each matched
whole and case-insensitively) and a ``TextPattern`` (one compiled expression searched in
text). Only the inventory's fact builders use them; checks and lenses read facts.
No analysis imports: fetchers may use the weight-format table and ``refs_mentioned`` too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from .yaml_loading import safe_load

PATTERNS_FILE = "patterns.yaml"


class PatternError(ValueError):
    """``patterns.yaml`` is malformed: an unknown key, a missing example, a regex that does not compile."""


@dataclass(frozen=True)
class FileQuery:
    """Files whose name, folder and path each match the given expression (whole, case-insensitive)."""

    id: str
    purpose: str
    name: str | None
    under: str | None
    path: str | None
    matches: tuple[str, ...]
    misses: tuple[str, ...]

    def match(self, path: str) -> bool:
        """Whether the file at ``path`` is one this query finds (``Signals.files`` agrees)."""
        folder, _, name = path.rpartition("/")
        return all(regex is None or re.fullmatch(regex, part, re.IGNORECASE) is not None
                   for regex, part in ((self.name, name), (self.under, folder), (self.path, path)))


@dataclass(frozen=True)
class TextPattern:
    """One expression searched in text."""

    id: str
    purpose: str
    regex: re.Pattern[str]
    matches: tuple[str, ...]
    misses: tuple[str, ...]

    def search(self, text: str) -> re.Match[str] | None:
        return self.regex.search(text)


@dataclass(frozen=True)
class WeightFormat:
    """A weight format, the file extensions that hold it, and whether loading it can run code."""

    name: str
    extensions: tuple[str, ...]
    runs_code: bool


@dataclass(frozen=True)
class Patterns:
    files: dict[str, FileQuery]
    texts: dict[str, TextPattern]
    weight_formats: tuple[WeightFormat, ...]
    fragments: dict[str, str]


def file_query(pattern_id: str) -> FileQuery:
    """The file query named ``pattern_id`` (KeyError for a name not in the file)."""
    return load().files[pattern_id]


def text(pattern_id: str) -> TextPattern:
    """The text pattern named ``pattern_id`` (KeyError for a name not in the file)."""
    return load().texts[pattern_id]


def fragment(name: str) -> str:
    """A shared piece of regex (``{{name}}`` in the file), for the rules still assembled in code."""
    return load().fragments[name]


def weight_formats() -> tuple[WeightFormat, ...]:
    return load().weight_formats


def weight_format(path: str) -> WeightFormat | None:
    """The format of a weight file by its extension, or None (a file named like training state is None)."""
    extension = path.rpartition(".")[2].lower() if "." in path.rpartition("/")[2] else ""
    if not extension or file_query("weight_not_weights").match(path):
        return None
    if file_query("weight_coreml_package").match(path):
        return next((f for f in weight_formats() if f.name == "coreml"), None)
    return next((f for f in weight_formats() if extension in f.extensions), None)


@cache
def load() -> Patterns:
    """Read and compile ``criteria/patterns.yaml`` (once per process)."""
    raw = safe_load(resources.files("openness").joinpath("criteria", PATTERNS_FILE).read_text(encoding="utf-8"))
    return parse(raw)


def parse(raw: Any) -> Patterns:
    """Patterns from the parsed YAML; raises ``PatternError`` naming the entry at fault."""
    if not isinstance(raw, dict) or not isinstance(raw.get("patterns"), dict):
        raise PatternError(f"{PATTERNS_FILE}: needs a 'patterns' mapping")
    fragments = {str(k): str(v) for k, v in (raw.get("fragments") or {}).items()}
    files: dict[str, FileQuery] = {}
    texts: dict[str, TextPattern] = {}
    for pattern_id, entry in raw["patterns"].items():
        where = f"{PATTERNS_FILE}: pattern '{pattern_id}'"
        if not isinstance(entry, dict):
            raise PatternError(f"{where}: must be a mapping")
        unknown = set(entry) - {"for", "name", "under", "path", "text", "case_sensitive", "multiline", "dotall",
                                  "matches", "misses"}
        if unknown:
            raise PatternError(f"{where}: unknown key '{sorted(unknown)[0]}'")
        if not entry.get("for") or not entry.get("matches") or not entry.get("misses"):
            raise PatternError(f"{where}: needs 'for', 'matches' and 'misses'")
        examples = tuple(str(e) for e in entry["matches"]), tuple(str(e) for e in entry["misses"])
        if "text" in entry:
            if {"name", "under", "path"} & set(entry):
                raise PatternError(f"{where}: a text pattern has no 'name', 'under' or 'path'")
            flags = ((0 if entry.get("case_sensitive") else re.IGNORECASE)
                     | (re.MULTILINE if entry.get("multiline", True) else 0) | (re.DOTALL if entry.get("dotall") else 0))
            texts[pattern_id] = TextPattern(pattern_id, entry["for"], _compile(_expand(entry["text"], fragments), flags, where),
                                            *examples)
            continue
        parts = {key: None if entry.get(key) is None else _expand(str(entry[key]), fragments) for key in ("name", "under", "path")}
        if all(v is None for v in parts.values()):
            raise PatternError(f"{where}: needs 'text', or at least one of 'name', 'under', 'path'")
        for value in parts.values():
            if value is not None:
                _compile(value, re.IGNORECASE, where)
        files[pattern_id] = FileQuery(pattern_id, entry["for"], parts["name"], parts["under"], parts["path"], *examples)
    formats = tuple(WeightFormat(str(name), tuple(str(e).lower() for e in spec["extensions"]), bool(spec["runs_code"]))
                    for name, spec in (raw.get("weight_formats") or {}).items())
    if formats:
        files["weight_file"] = _weight_file_query(formats)
    return Patterns(files=files, texts=texts, weight_formats=formats, fragments=fragments)


def _weight_file_query(formats: tuple[WeightFormat, ...]) -> FileQuery:
    """``weight_file``: file names with any extension of the ``weight_formats`` table."""
    extensions = sorted({e for f in formats for e in f.extensions})
    return FileQuery("weight_file", "Files named like weights (by the weight_formats table).",
                     rf"[^/]+\.(?:{'|'.join(re.escape(e) for e in extensions)})", None, None,
                     tuple(f"model.{e}" for e in extensions), ("model.safetensors.index.json", "weights.md"))


def _expand(regex: str, fragments: dict[str, str]) -> str:
    for name, value in fragments.items():
        regex = regex.replace("{{" + name + "}}", value)
    if "{{" in regex:
        raise PatternError(f"{PATTERNS_FILE}: unknown fragment in {regex!r}")
    return regex


def _compile(regex: str, flags: int, where: str) -> re.Pattern[str]:
    try:
        return re.compile(regex, flags)
    except re.error as error:
        raise PatternError(f"{where}: {error}") from None
