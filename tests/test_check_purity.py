"""Checks and framework lenses read facts: none compiles a pattern or looks at paths or text.

The AST of every module under ``checks/`` and ``frameworks/`` is scanned for a regular
expression module (``re``, ``regex``) and for raw evidence access (``.files``,
``.documents``, ``.document(``, ``.text``, ``.card_data``, ``signals``).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "openness"
FORBIDDEN_MODULES = {"re", "regex"}
FORBIDDEN_ATTRIBUTES = {"files", "documents", "document", "text", "card_data", "signals", "search_text", "prose"}
FORBIDDEN_NAMES = {"signals", "Signals"}



def _modules() -> list[str]:
    return sorted(str(p.relative_to(PACKAGE)) for folder in ("checks", "frameworks") for p in (PACKAGE / folder).glob("*.py"))


def violations(source: str) -> list[str]:
    """What in ``source`` reads evidence or patterns directly (empty when it reads only facts)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [f"imports {a.name}" for a in node.names if a.name.split(".")[0] in FORBIDDEN_MODULES]
        elif isinstance(node, ast.ImportFrom):
            if (node.module or "").split(".")[0] in FORBIDDEN_MODULES and node.level == 0:
                found.append(f"imports from {node.module}")
            found += [f"imports {a.name}" for a in node.names if a.name in FORBIDDEN_NAMES]
        elif isinstance(node, ast.Attribute) and node.attr in FORBIDDEN_ATTRIBUTES:
            found.append(f"line {node.lineno}: .{node.attr}")
        elif isinstance(node, ast.Name) and node.id in FORBIDDEN_NAMES:
            found.append(f"line {node.lineno}: {node.id}")
    return found


@pytest.mark.parametrize("module", _modules())
def test_checks_and_lenses_read_only_facts(module: str) -> None:
    found = violations((PACKAGE / module).read_text(encoding="utf-8"))
    assert found == [], f"{module} reads evidence or patterns directly: {found[:5]}"


def test_the_scan_catches_each_kind_of_direct_access() -> None:
    assert violations("import re\n") and violations("from regex import compile\n")
    assert violations("def f(ctx):\n    return ctx.signals.files('x')\n")
    assert violations("def f(doc):\n    return doc.text\n")
    assert violations("def f(m):\n    return m.card_data\n")
    assert violations("from ..inventory import Signals\n")
    assert violations("def f(ctx):\n    return ctx.facts.claim('changelog').value\n") == []
