"""``python -m openness``: the same as the ``openness`` command."""

from .cli import main

main()
