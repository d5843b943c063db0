"""``python -m openness``: the same as the ``openness`` command."""

from .entry import main

main()
