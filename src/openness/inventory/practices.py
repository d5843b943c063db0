"""Engineering practices seen in the tree: dependency manifests, lock files, reproduction commands.

Detection shared by the reproducibility facts and the ML code-completeness lens, so both
always agree on what counts (the patterns are in ``criteria/patterns.yaml``).
"""

from __future__ import annotations

from .. import patterns
from .commands import commands_for, readme_commands
from .model import EvidenceRef
from .prose import Line
from .signals import Hit, Signals


def dependency_manifests(signals: Signals) -> list[Hit]:
    """Manifests a tool can install from: root package files, requirements, environments, Dockerfiles."""
    return signals.find("root_manifest") + signals.find("dependency_file")


def installation(signals: Signals) -> list[EvidenceRef]:
    """Installation instructions: a README section under an installation heading (Requirements,
    Prerequisites, Dependencies, Getting started, Setup, Installation, Environment), or an install
    command (pip, conda, poetry, uv, docker). The one rule for the installation fact."""
    return signals.memo("installation", lambda: _sections_or_lines(signals, "install_section", "install_command",
                                                                   "install_content"))


def usage_instructions(signals: Signals) -> list[EvidenceRef]:
    """Installation or usage: the installation instructions, a usage heading, or a command that runs the code."""
    found = installation(signals) + _sections_or_lines(signals, "usage_heading", None)
    found += [EvidenceRef(member=c.member.id, path=c.document.path, line=c.line, note=f"runs {c.target}")
              for c in readme_commands(signals)]
    return found[:5]


def _sections_or_lines(signals: Signals, heading_pattern: str, line_pattern: str | None,
                       content_pattern: str | None = None) -> list[EvidenceRef]:
    """Each section whose heading matches (where ``content_pattern`` is given, only once a line of its
    body matches it or is code), and each line the line pattern matches."""
    heading = patterns.text(heading_pattern)
    command = patterns.text(line_pattern) if line_pattern else None
    content = patterns.text(content_pattern) if content_pattern else None
    refs: list[EvidenceRef] = []
    seen: set[tuple[int, str]] = set()
    starts: dict[tuple[int, str], Line] = {}
    for line in signals.prose:
        key = (id(line.document), line.heading)
        start = starts.setdefault(key, line)
        if line.heading and key not in seen and heading.search(line.heading) and (
                content is None or line.in_code or (line.text.strip() != line.heading and (
                    content.search(line.text) or (command is not None and command.search(line.text))))):
            seen.add(key)
            refs.append(start.ref(f"section '{line.heading}'"))
        elif command is not None and command.search(line.text):
            refs.append(line.ref(" ".join(line.text.split())[:80]))
        if len(refs) >= 5:
            break
    return refs


def lock_files(signals: Signals) -> list[Hit]:
    return signals.find("lock_file")


def reproduction_commands(signals: Signals) -> list[EvidenceRef]:
    """README lines that run the release's training or evaluation (the checklist's "exact commands")."""
    found = {(c.document.path, c.line): c for job in ("training", "evaluation") for c in commands_for(signals, job)}
    return [EvidenceRef(member=c.member.id, path=c.document.path, line=c.line, note=f"runs {c.target}")
            for _, c in sorted(found.items(), key=lambda item: item[0])][:5]
