"""Helpers for the framework tests: where ../shared is, and Model Openness Tool records as YAML."""

from __future__ import annotations

from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
"""Real data beside the repository; tests that read it skip when it is absent."""


def record_yaml(ground_truth: dict) -> dict:
    """The Tool's per-model YAML for a ground-truth record of ``mot.dev.json``.

    Components licensed by inheritance are written without a licence, so the reader must
    resolve them itself; ``unlicensed`` is written literally, as the Tool's files do.
    """
    components = []
    for name, component in ground_truth["components"].items():
        if not component["included"]:
            continue
        entry: dict[str, Any] = {"name": name, "description": ""}
        if component.get("license_source") == "component":
            entry["license"] = component["license"] if component["license"] is not None else "unlicensed"
        components.append(entry)
    release: dict[str, Any] = {"name": ground_truth["name"], "components": components}
    if ground_truth["global_licenses"]:
        release["license"] = {kind: {"name": name, "path": ""} for kind, name in ground_truth["global_licenses"].items()}
    return {"framework": {"name": "Model Openness Framework", "version": "1.0", "date": "2024-12-15"},
            "release": release}


def release(components: dict[str, str | None], **licenses: str) -> dict:
    """A hand-written record: component name → its own licence (None = inherit)."""
    listed = [{"name": name, **({"license": lic} if lic is not None else {})} for name, lic in components.items()]
    body: dict[str, Any] = {"name": "Hand-made", "components": listed}
    if licenses:
        body["license"] = {kind: {"name": name} for kind, name in licenses.items()}
    return {"release": body}
