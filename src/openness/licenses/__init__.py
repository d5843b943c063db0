"""Licence knowledge: the catalogue (what a licence allows) and detection (which licence a text is).

Analysis imports only the names re-exported here.
"""

from .catalog import (
    LicenseTerms,
    allows,
    alternatives,
    display_name,
    is_open,
    is_open_for_mof,
    lookup,
    normalise_expression,
    terms_for_expression,
    terms_for_hub_key,
)
from .detect import Detection, detect_all, detect_license_file, detect_readme_license, detect_readme_licenses
from .names import governed_folder, in_licenses_folder, is_license_file, is_third_party, named_slot

__all__ = [
    "Detection",
    "LicenseTerms",
    "allows",
    "alternatives",
    "detect_all",
    "detect_license_file",
    "detect_readme_license",
    "detect_readme_licenses",
    "display_name",
    "governed_folder",
    "in_licenses_folder",
    "is_open",
    "is_license_file",
    "is_third_party",
    "is_open_for_mof",
    "lookup",
    "named_slot",
    "normalise_expression",
    "terms_for_expression",
    "terms_for_hub_key",
]
