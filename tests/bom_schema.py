"""Validate a CycloneDX document against the official JSON schema of its spec version (the library's validator)."""

from __future__ import annotations

import json

from cyclonedx.schema import SchemaVersion
from cyclonedx.validation.json import JsonStrictValidator


def assert_valid_cyclonedx(text: str) -> dict:
    """The document, after checking it is valid CycloneDX of the spec version it names."""
    document = json.loads(text)
    version = SchemaVersion.from_version(document["specVersion"])
    errors = JsonStrictValidator(version).validate_str(text, all_errors=True)
    assert errors is None, [str(e) for e in errors or []]
    return document
