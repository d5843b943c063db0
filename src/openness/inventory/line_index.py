"""Whole-line, case-insensitive regex queries over a list of distinct lines (file names, folders, paths).

Python's ``re.IGNORECASE`` costs about twice the time of a case-sensitive match, and a tree
query runs over 100,000 names some forty times an assessment. Printable-ASCII lines are
therefore kept lowercased as well, and a query whose pattern cannot tell case apart on
lowercase ASCII text (see ``_case_blind``) runs over them without the flag; every other
line and every other pattern takes the ordinary ``IGNORECASE`` route. Both routes give the
same lines.
"""

from __future__ import annotations

import re

_PRINTABLE_ASCII = re.compile(r"[ -~]*")
_FLAGS = re.IGNORECASE | re.MULTILINE


class LineIndex:
    """Distinct lines (none holding a line break), queried by whole-line regexes."""

    def __init__(self, lines: list[str]) -> None:
        self._lines = lines
        exact: dict[str, bool] = {}
        """Each printable-ASCII line lowercased, and whether that is itself one of the lines."""
        spelled: dict[str, list[str]] = {}
        """The lines that are not lowercase, by their lowercase form (most names are lowercase)."""
        others: list[str] = []
        for line in lines:
            if not _PRINTABLE_ASCII.fullmatch(line):
                others.append(line)
                continue
            low = line.lower()
            if low == line:
                exact[line] = True  # the line itself, not its lowercase copy: one string, not two
            else:
                exact.setdefault(low, False)
                spelled.setdefault(low, []).append(line)
        self._exact, self._spelled = exact, spelled
        self._lowered = "\n".join(exact)
        self._others = "\n".join(others) if others else None
        self._joined: str | None = None

    def matching(self, pattern: str) -> list[str]:
        """The lines ``pattern`` matches as a whole, case-insensitively (``[^/]`` never crosses a line)."""
        if not self._lines:
            return []
        whole = "^(?:" + pattern.replace("[^/]", "[^/\\n]") + ")$"
        regex = re.compile(whole, _FLAGS)
        if not _case_blind(whole):
            if self._joined is None:
                self._joined = "\n".join(self._lines)
            return [m.group(0) for m in regex.finditer(self._joined)]
        found: list[str] = []
        if self._exact:
            for match in re.compile(whole, re.MULTILINE).finditer(self._lowered):
                low = match.group(0)
                if self._exact[low]:
                    found.append(low)
                found.extend(self._spelled.get(low, ()))
        if self._others is not None:
            found.extend(m.group(0) for m in regex.finditer(self._others))
        return found


def _case_blind(pattern: str) -> bool:
    """True when ``pattern`` matches lowercase printable-ASCII text the same with and without
    ``IGNORECASE``, judged conservatively (anything unsure is False): ASCII only, no uppercase letter
    but in an escape such as ``\\d`` or ``\\S``, no escape naming a character by code or a group by
    number, no inline flags, and character ranges only within ``a-z`` or ``0-9``."""
    if not pattern.isascii():
        return False
    in_class, class_start, index = False, 0, 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            escaped = pattern[index + 1: index + 2]
            if not escaped or escaped in "xuUN" or escaped.isdigit():
                return False
            index += 2
            continue
        if char.isupper():
            return False
        if in_class:
            if char == "]" and index > class_start:
                in_class = False
            elif char == "-" and index > class_start and pattern[index + 1: index + 2] not in ("]", ""):
                low, high = pattern[index - 1], pattern[index + 1]
                if pattern[index - 2: index - 1] == "\\" or not (
                        ("a" <= low <= high <= "z") or ("0" <= low <= high <= "9")):
                    return False
        elif char == "[":
            in_class = True
            class_start = index + 1 + (pattern[index + 1: index + 2] == "^")
        elif char == "(" and pattern[index + 1: index + 2] == "?" and pattern[index + 2: index + 3] not in ":=!<P>":
            return False  # inline flags, conditionals, comments
        index += 1
    return True
