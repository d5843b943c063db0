"""Safe, bounded YAML loading, with libyaml's C parser when it is installed (several times faster).

Every YAML the tool reads, whoever wrote it (criteria, profiles, MOT records, card front matter,
the curated catalogues), goes through :class:`BoundedLoader`. Before anything is constructed it
measures the composed node graph, which aliases share rather than copy, and refuses:

- a value that contains itself (a recursive alias), which would never finish validating;
- more than ``MAX_ALIASES`` alias uses, or aliases that would add more than ``MAX_EXPANSION``
  units (one per node plus the length of each scalar) once expanded: a "billion laughs" is a
  few hundred bytes of text and a few GiB of data;
- nesting deeper than ``MAX_DEPTH`` (libyaml itself stops at 1,000; the pure-Python parser
  would hit the recursion limit).

The measurement is one iterative pass over the node graph, linear in the text. Values Python
cannot build (a date like 2024-13-45, an integer of 5,000 digits) are YAML errors with their
line too, so callers catch ``yaml.YAMLError`` and nothing else.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode

from .errors import OpennessError
from .safe_read import read_regular_text, shown

MAX_DEPTH = 100
MAX_ALIASES = 1_000
MAX_EXPANSION = 100_000

_Base: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class YAMLBoundError(yaml.MarkedYAMLError):
    """The YAML is well formed but over a bound, recursive, or holds a value Python cannot build."""

    def __init__(self, problem: str, mark: yaml.Mark | None) -> None:
        super().__init__(problem=problem, problem_mark=mark)


class BoundedLoader(_Base):  # type: ignore[misc, valid-type]
    """The safe loader (C when available) with alias expansion, aliases and depth bounded."""

    def get_single_node(self) -> Node | None:
        try:
            node: Node | None = super().get_single_node()
        except RecursionError:  # the pure-Python composer on deep nesting
            raise YAMLBoundError(f"nested deeper than {MAX_DEPTH} levels", None) from None
        if node is not None:
            check_bounds(node)
        return node

    def construct_object(self, node: Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep=deep)
        except (ValueError, OverflowError) as error:
            raise YAMLBoundError(f"cannot read this value: {error}", node.start_mark) from None


def _children(node: Node) -> Iterator[Node]:
    if isinstance(node, MappingNode):
        for key, value in node.value:
            yield key
            yield value
    elif not isinstance(node, ScalarNode):
        yield from node.value


def check_bounds(root: Node, max_depth: int = MAX_DEPTH, max_aliases: int = MAX_ALIASES,
                 max_expansion: int = MAX_EXPANSION) -> None:
    """Raise :class:`YAMLBoundError` when the node graph under ``root`` breaks a bound (module docstring).

    A node reached a second time is an alias use: it adds its whole expanded size. A node reached
    again while it is still open is a recursive alias.
    """
    sizes: dict[int, int] = {}  # id(node) → expanded size, for finished nodes
    open_ids: set[int] = set()
    aliases = expansion = 0
    stack: list[tuple[Node, Iterator[Node], list[int]]] = []

    def enter(node: Node) -> int | None:
        """The size of a leaf or an alias; None when ``node`` opened a new frame."""
        nonlocal aliases, expansion
        known = sizes.get(id(node))
        if known is not None:
            aliases += 1
            expansion += known
            if aliases > max_aliases:
                raise YAMLBoundError(f"more than {max_aliases} aliases", node.start_mark)
            if expansion > max_expansion:
                raise YAMLBoundError(f"aliases expand to more than {max_expansion:,} nodes and characters",
                                     node.start_mark)
            return known
        if id(node) in open_ids:
            raise YAMLBoundError("a YAML alias refers to itself", node.start_mark)
        if isinstance(node, ScalarNode):
            sizes[id(node)] = 1 + len(node.value)
            return sizes[id(node)]
        if len(stack) >= max_depth:
            raise YAMLBoundError(f"nested deeper than {max_depth} levels", node.start_mark)
        stack.append((node, _children(node), [1]))
        open_ids.add(id(node))
        return None

    enter(root)
    while stack:
        node, children, total = stack[-1]
        child = next(children, None)
        if child is not None:
            size = enter(child)
            if size is not None:
                total[0] += size
            continue
        stack.pop()
        open_ids.discard(id(node))
        sizes[id(node)] = total[0]
        if stack:
            stack[-1][2][0] += total[0]


def safe_load(text: str, loader: type[BoundedLoader] = BoundedLoader) -> Any:
    """``yaml.safe_load`` through the bounded loader (or a subclass of it)."""
    return yaml.load(text, Loader=loader)  # noqa: S506 - a safe loader


def load_file(path: Path, *, limit: int, what: str, error: type[OpennessError],
              loader: type[BoundedLoader] = BoundedLoader) -> Any:
    """Read ``path`` (a regular file of at most ``limit`` bytes) and parse it; every failure is one
    ``error`` naming the file and, when known, the line: ``PATH: line N: problem``."""
    text = read_regular_text(path, limit, what, error)
    try:
        return safe_load(text, loader)
    except yaml.YAMLError as failure:
        mark = getattr(failure, "problem_mark", None)
        where = f" line {mark.line + 1}:" if mark is not None else ""
        problem = " ".join(str(getattr(failure, "problem", None) or "malformed YAML").split())
        raise error(f"{shown(path)}:{where} {problem}") from None
