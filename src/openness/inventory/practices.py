"""Engineering practices seen in the tree: dependency manifests, lock files, reproduction commands.

Detection shared by the reproducibility facts and the ML code-completeness lens, so both
always agree on what counts (the patterns are in ``criteria/patterns.yaml``).
"""

from __future__ import annotations

from .model import EvidenceRef
from .signals import Hit, Signals


def dependency_manifests(signals: Signals) -> list[Hit]:
    """Manifests a tool can install from: root package files, requirements, environments, Dockerfiles."""
    return signals.find("root_manifest") + signals.find("dependency_file")


def lock_files(signals: Signals) -> list[Hit]:
    return signals.find("lock_file")


def reproduction_commands(signals: Signals) -> list[EvidenceRef]:
    """README passages giving commands to run (training, evaluation, reproduction)."""
    return signals.search("reproduction_command")
