"""The Croissant JSON-LD the Hub serves for a dataset, reduced to what openness reads of it.

The Hub generates it at ``/api/datasets/{id}/croissant`` (the dataset viewer's metadata in
MLCommons' Croissant format, built on schema.org's ``Dataset``). Its responsible-AI fields are
the Croissant RAI vocabulary (``http://mlcommons.org/croissant/RAI/``, compact prefix ``rai:``):
how the data was collected and preprocessed, its biases and limitations, personal and
sensitive information, its maintenance plan. They are kept as written, each bounded, never
interpreted here; the recordSet (the columns), often most of the answer, is not kept.
"""

from __future__ import annotations

import json
from typing import Any

from ..evidence import Croissant

MAX_FIELD_CHARS = 2000
"""Characters kept of one responsible-AI field."""
MAX_FIELDS = 50
"""Responsible-AI fields kept; the RAI vocabulary has about 25."""
RAI_NAMESPACE = "http://mlcommons.org/croissant/RAI/"


class CroissantError(ValueError):
    """The answer is not Croissant metadata; the message says why, in a few words."""


def parse_croissant(text: str, url: str) -> Croissant:
    """The fields openness reads from a Croissant answer; ``CroissantError`` when it is not one."""
    try:
        data = json.loads(text)
    except RecursionError:
        raise CroissantError("nested too deeply to parse") from None
    except ValueError:
        raise CroissantError("not JSON") from None
    if not isinstance(data, dict) or "Dataset" not in str(data.get("@type")):
        raise CroissantError("not a schema.org Dataset")
    prefix = _rai_prefix(data.get("@context"))
    rai: dict[str, str] = {}
    for key, value in data.items():
        name = _rai_name(key, prefix)
        text_value = _text(value)
        if name and text_value and len(rai) < MAX_FIELDS:
            rai[name] = text_value[:MAX_FIELD_CHARS]
    return Croissant(url=url, rai=rai)


def _rai_prefix(context: Any) -> str:
    """The compact prefix the document binds to the RAI namespace (``rai`` by convention)."""
    if isinstance(context, dict):
        for key, value in context.items():
            if value == RAI_NAMESPACE:
                return str(key)
    return "rai"


def _rai_name(key: str, prefix: str) -> str | None:
    """``rai:dataBiases`` for the key written compactly with the document's prefix, or in full."""
    for start in (f"{prefix}:", RAI_NAMESPACE):
        if key.startswith(start) and len(key) > len(start):
            return "rai:" + key[len(start):]
    return None


def _text(value: Any) -> str | None:
    """A field's value as text: a string, the strings of a list joined, a node's ``@value`` or ``name``."""
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, dict):
        return _text(value.get("@value") or value.get("name") or value.get("description"))
    if isinstance(value, list):
        parts = [t for t in (_text(v) for v in value[:MAX_FIELDS]) if t]
        return "; ".join(parts) or None
    return None

