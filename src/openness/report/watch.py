"""What a watch run found (``openness.watch``), as Markdown or JSON: one line per target, then the
changes of each target that changed."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence

from ..watch import Watched
from .diff import render_diff_markdown
from .templating import markdown_cell

STATUS_WORDS = {"new": "first record", "changed": "changed", "unchanged": "unchanged (not recorded again)",
                "failed": "not scored"}


def render_watch_markdown(results: Sequence[Watched]) -> str:
    lines = ["# Openness watch", "", "| target | result | changes | record | requests |", "|---|---|---|---|---|"]
    for r in results:
        count = "–" if r.diff is None else str(len(r.diff.changes))
        result = r.error or STATUS_WORDS[r.status] + (f"; {r.note}" if r.note else "")
        lines.append(f"| {markdown_cell(r.target)} | {markdown_cell(result)} | {count} | {r.record or '–'} | "
                     f"{'–' if r.requests is None else r.requests} |")
    for r in results:
        if r.status == "changed" and r.diff is not None:
            lines += ["", "#" + render_diff_markdown(r.diff).rstrip("\n")]
    return "\n".join(lines) + "\n"


def render_watch_json(results: Sequence[Watched]) -> str:
    return json.dumps([{"target": r.target, "status": r.status, "record": r.record, "error": r.error,
                        "requests": r.requests, "note": r.note,
                        "diff": None if r.diff is None else r.diff.model_dump(mode="json")} for r in results],
                      indent=2) + "\n"


WATCH_RENDERERS: dict[str, Callable[[Sequence[Watched]], str]] = {"md": render_watch_markdown,
                                                                   "json": render_watch_json}
