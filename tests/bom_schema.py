"""Check bills of materials: CycloneDX against the official JSON schema of its spec version (the library's
validator); SPDX 3.0.1 by reading it back with the official bindings."""

from __future__ import annotations

import io
import json

from cyclonedx.schema import SchemaVersion
from cyclonedx.validation.json import JsonStrictValidator
from spdx_python_model import v3_0_1 as spdx


def assert_valid_cyclonedx(text: str) -> dict:
    """The document, after checking it is valid CycloneDX of the spec version it names."""
    document = json.loads(text)
    version = SchemaVersion.from_version(document["specVersion"])
    errors = JsonStrictValidator(version).validate_str(text, all_errors=True)
    assert errors is None, [str(e) for e in errors or []]
    return document


def load_spdx3(text: str) -> spdx.SHACLObjectSet:
    """The SPDX 3.0.1 objects of a JSON-LD document, read back by the official bindings (which check every
    property's type and cardinality against the model), after checking it names the 3.0.1 context."""
    assert json.loads(text)["@context"] == "https://spdx.org/rdf/3.0.1/spdx-context.jsonld"
    objects = spdx.SHACLObjectSet()
    spdx.JSONLDDeserializer().read(io.BytesIO(text.encode("utf-8")), objects)
    return objects
