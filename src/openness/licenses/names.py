"""Which files are licence files, which folder each governs, and which component type it names.

One rule for the whole tool: the inventory, ``detect_all`` and the benchmarks ask here.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath
from typing import Literal

Slot = Literal["code", "weights", "data", "documents"]

# --- licence-file name patterns (to move into criteria/patterns.yaml) -------------------
# Each is matched case-insensitively against a file's name (not its folder).

LICENSE_FILE_NAME = r"(?:[\w.+-]*[-_.])?(?:un)?(?:licen[cs]e|copying|copyright)(?:[-_.][\w.+-]*)?"
"""A licence file: LICENSE, LICENCE.md, COPYING.LESSER, UNLICENSE, LICENSE-MODEL, LICENSE_MIT,
MODEL_LICENSE, data-license.txt, stable-diffusion.LICENSE. Not ``licensee.json`` (the stem must end
at a separator) and not ``licensing.py``."""

NOT_LICENSE_FILE = (r".*\.(?:py|pyi|js|mjs|ts|tsx|json|header|sh|bash|ya?ml|toml|cfg|ini|go|rs|java|kt|c|h|cc|"
                    r"cpp|hpp|rb|php|pl|css|scss|lock|xml|csv|tsv|ipynb|tmpl|j2|jinja)")
"""Names that mention a licence but are code, configuration or templates (``license_check.py``,
``LICENSE.header``, ``licenses.json``)."""

NOT_LICENSE_WORD = r"header|headers|template|templates|check|checks|checker|scan|scanner|report|test|tests|spec"
"""A word of the name (between ``-``, ``_``, ``.``) that makes it a tool or a template about licences:
``LICENSE_HEADER.txt``, ``license-template.md``, ``license-check``, ``licenses-report.html``."""

THIRD_PARTY_WORD = r"third|3rd|thirdparty|party|vendor|vendored|bundled|dependencies|deps|notices?|external"
"""A word of a licence file's name that makes it the licences of other people's code bundled with the
release (``LICENSE-THIRD-PARTY``, ``LICENSE_VENDOR.md``), not the release's own licence."""

LICENSES_FOLDER = r"licenses"
"""A REUSE ``LICENSES/`` folder: every file in it is a licence text (``LICENSES/MIT.txt``); the
texts serve the folder that holds ``LICENSES/``, not ``LICENSES/`` itself."""

SLOT_NAME_PATTERNS: tuple[tuple[Slot, str], ...] = (
    ("weights", r"model|weight|checkpoint|param"),
    ("data", r"data"),
    ("documents", r"doc|content"),
)
"""The component type a licence file or badge is named for (``LICENSE-MODEL``, ``DATA_LICENSE``,
a "Data License" badge); first match wins. A name matching none is the distribution licence."""

# ----------------------------------------------------------------------------------------

_FILE = re.compile(rf"^{LICENSE_FILE_NAME}$", re.I)
_NOT_FILE = re.compile(rf"^{NOT_LICENSE_FILE}$", re.I)
_NOT_WORD = re.compile(rf"(?:^|[-_.])(?:{NOT_LICENSE_WORD})(?:$|[-_.])", re.I)
_FOLDER = re.compile(rf"^{LICENSES_FOLDER}$", re.I)
_THIRD_PARTY = re.compile(rf"(?:^|[-_.])(?:{THIRD_PARTY_WORD})(?:$|[-_.])", re.I)
_SLOTS = tuple((slot, re.compile(pattern, re.I)) for slot, pattern in SLOT_NAME_PATTERNS)


def _name_and_folder(path: str) -> tuple[str, str]:
    """The file name and the name of the folder it sits in, by string splitting: this runs on
    every path of the tree, where ``PurePosixPath`` costs several microseconds a call."""
    head, _, name = path.rpartition("/")
    return name, head.rpartition("/")[2]


def in_licenses_folder(path: str) -> bool:
    """A file of a REUSE ``LICENSES/`` folder."""
    return bool(_FOLDER.match(_name_and_folder(path)[1]))


def is_license_file(path: str) -> bool:
    """LICENSE, LICENCE.md, COPYING, LICENSE-MODEL, MODEL_LICENSE, LICENSES/<id>.txt, *.LICENSE."""
    name = _name_and_folder(path)[0]
    if _NOT_FILE.match(name) or _NOT_WORD.search(name):
        return False  # also in a ``licenses/`` package of code (``licenses/catalog.py``)
    if in_licenses_folder(path):
        return not name.startswith(".")
    return bool(_FILE.match(name))


def is_third_party(path: str) -> bool:
    """A licence file named for bundled third-party code (``LICENSE-THIRD-PARTY``, ``LICENSE.vendor``)."""
    return is_license_file(path) and not in_licenses_folder(path) and bool(_THIRD_PARTY.search(PurePosixPath(path).name))


def governed_folder(path: str) -> str:
    """The folder a licence file governs ("" for the repository root)."""
    parent = PurePosixPath(path).parent
    if in_licenses_folder(path):
        parent = parent.parent
    return "" if str(parent) == "." else str(parent)


def named_slot(name: str) -> Slot | None:
    """The component type a licence file name or badge label is named for, if any."""
    base = PurePosixPath(name).name
    if in_licenses_folder(name):
        return None
    return next((slot for slot, pattern in _SLOTS if pattern.search(base)), None)
