"""Engineering practices seen in the tree: dependency manifests, lock files, reproduction commands.

Detection shared by the reproducibility facts and the ML code-completeness lens, so both
always agree on what counts (the patterns are in ``criteria/patterns.yaml``).
"""

from __future__ import annotations

from .commands import commands_for
from .model import EvidenceRef
from .signals import Hit, Signals


def dependency_manifests(signals: Signals) -> list[Hit]:
    """Manifests a tool can install from: root package files, requirements, environments, Dockerfiles."""
    return signals.find("root_manifest") + signals.find("dependency_file")


def lock_files(signals: Signals) -> list[Hit]:
    return signals.find("lock_file")


def reproduction_commands(signals: Signals) -> list[EvidenceRef]:
    """README lines that run the release's training or evaluation (the checklist's "exact commands")."""
    found = {(c.document.path, c.line): c for job in ("training", "evaluation") for c in commands_for(signals, job)}
    return [EvidenceRef(member=c.member.id, path=c.document.path, line=c.line, note=f"runs {c.target}")
            for _, c in sorted(found.items(), key=lambda item: item[0])][:5]
