"""Engineering practices seen in the tree: dependency manifests, lock files, reproduction commands.

Detection shared by the reproducibility checks and the ML code-completeness lens, so both
always agree on what counts.
"""

from __future__ import annotations

from .model import EvidenceRef
from .signals import Hit, Signals

DEPENDENCY_FILES = r"requirements[^/]*\.(?:txt|in)|environment[^/]*\.ya?ml|conda[^/]*\.ya?ml|dockerfile[^/]*|[^/]+\.dockerfile"
ROOT_MANIFESTS = r"pyproject\.toml|setup\.py|setup\.cfg|pipfile|cargo\.toml|package\.json|go\.mod"
LOCK_FILES = (r"poetry\.lock|uv\.lock|pipfile\.lock|pdm\.lock|conda-lock\.ya?ml|cargo\.lock|"
              r"package-lock\.json|yarn\.lock|pnpm-lock\.yaml|go\.sum|requirements[^/]*\.lock")
REPRODUCTION_COMMAND = (r"^```(?:bash|sh|shell|console|train|eval)?\s*\n\s*\$?\s*"
                        r"(python|bash|sh|torchrun|accelerate|deepspeed|make)\b")
"""A fenced shell block starting with a command: the checklist's "exact commands"."""


def dependency_manifests(signals: Signals) -> list[Hit]:
    """Manifests a tool can install from: root package files, requirements, environments, Dockerfiles."""
    return signals.files(ROOT_MANIFESTS, under="") + signals.files(DEPENDENCY_FILES)


def lock_files(signals: Signals) -> list[Hit]:
    return signals.files(LOCK_FILES)


def reproduction_commands(signals: Signals) -> list[EvidenceRef]:
    """README passages giving commands to run (training, evaluation, reproduction)."""
    return signals.search_text(REPRODUCTION_COMMAND)
