"""Describe a repository's weight files from the listing alone: formats, sizes, where.

Weights are never downloaded. The format matters for openness and safety: safetensors
and GGUF hold tensors only, pickle-based ``.bin``/``.pt``/``.ckpt`` can run code on load.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from ..evidence import FileEntry

_FORMATS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("safetensors", re.compile(r"\.safetensors$", re.I)),
    ("gguf", re.compile(r"\.gguf$", re.I)),
    ("ggml", re.compile(r"\.ggml$|ggml[^/]*\.bin$", re.I)),
    ("onnx", re.compile(r"\.onnx(_data)?$", re.I)),
    ("pickle", re.compile(r"\.(bin|pt|pth|ckpt|pkl|pickle)$", re.I)),
    ("keras_h5", re.compile(r"\.(h5|keras)$", re.I)),
    ("flax_msgpack", re.compile(r"\.msgpack$", re.I)),
    ("tflite", re.compile(r"\.tflite$", re.I)),
    ("coreml", re.compile(r"\.mlmodel$|\.mlpackage/", re.I)),
    ("nemo", re.compile(r"\.nemo$", re.I)),
)
_NOT_WEIGHTS = re.compile(r"(^|/)(training_args\.bin|optimizer\.(pt|bin)|scheduler\.pt|rng_state[^/]*\.pth)$", re.I)
PICKLE_FORMATS = frozenset({"pickle"})


def weight_format(path: str) -> str | None:
    """The weight format of ``path``, or None when it is not a weight file."""
    if _NOT_WEIGHTS.search(path):
        return None
    for name, pattern in _FORMATS:
        if pattern.search(path):
            return name
    return None


def summarize(files: Iterable[FileEntry]) -> dict[str, Any]:
    """Per format: file count, total bytes, folders; plus whether any pickle-based file exists."""
    formats: dict[str, dict[str, Any]] = {}
    for entry in files:
        name = weight_format(entry.path)
        if name is None:
            continue
        slot = formats.setdefault(name, {"files": 0, "bytes": 0, "folders": set(), "lfs": 0})
        slot["files"] += 1
        slot["bytes"] += entry.size or 0
        slot["lfs"] += int(entry.lfs)
        slot["folders"].add(entry.path.rsplit("/", 1)[0] if "/" in entry.path else ".")
    for slot in formats.values():
        slot["folders"] = sorted(slot["folders"])
    return {
        "formats": dict(sorted(formats.items())),
        "total_bytes": sum(s["bytes"] for s in formats.values()),
        "pickle_only": bool(formats) and set(formats) <= PICKLE_FORMATS,
    }
