"""Licence knowledge: the catalogue (what a licence allows) and detection (which licence a text is).

Analysis imports only the names re-exported here.
"""

from .catalog import (
    LicenseTerms,
    display_name,
    is_open_for_mof,
    lookup,
    normalise_expression,
    terms_for_expression,
    terms_for_hub_key,
)
from .detect import Detection, detect_all, detect_license_file, detect_readme_license, is_license_file

__all__ = [
    "Detection",
    "LicenseTerms",
    "detect_all",
    "display_name",
    "detect_license_file",
    "detect_readme_license",
    "is_license_file",
    "is_open_for_mof",
    "lookup",
    "normalise_expression",
    "terms_for_expression",
    "terms_for_hub_key",
]
