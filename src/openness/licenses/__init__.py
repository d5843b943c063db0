"""Licence knowledge: the catalogue (what a licence allows) and detection (which licence a text is).

Analysis imports only the names re-exported here.
"""

from .catalog import LicenseTerms, is_open_for_mof, lookup, normalise_expression
from .detect import Detection, detect_license_file, detect_readme_license

__all__ = [
    "Detection",
    "LicenseTerms",
    "detect_license_file",
    "detect_readme_license",
    "is_open_for_mof",
    "lookup",
    "normalise_expression",
]
