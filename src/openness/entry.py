"""The console entry point: answers ``openness --version`` without importing the tool.

Importing the CLI loads typer, rich, pydantic and the whole pipeline (about half a second);
a version check in a CI step or a shell prompt should not pay for that, so it is answered here
and everything else is handed to ``openness.cli.main``.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else list(argv)
    if args == ["--version"]:
        from . import __version__

        print(f"openness {__version__}")
        return
    from .cli import main as cli_main

    cli_main(args)
