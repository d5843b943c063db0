"""Licence-file names: which files are licence files, which folder and which component type each names."""

import pytest

from openness.licenses import governed_folder, in_licenses_folder, is_license_file, is_third_party, named_slot


@pytest.mark.parametrize(("path", "folder"), [("LICENSE", ""), ("weights/LICENSE", "weights"),
                                              ("LICENSES/MIT.txt", ""), ("sub/LICENSES/MIT.txt", "sub")])
def test_governed_folder(path: str, folder: str) -> None:
    assert governed_folder(path) == folder


@pytest.mark.parametrize(("name", "slot"), [("LICENSE-MODEL", "weights"), ("WEIGHTS_LICENSE.md", "weights"),
                                            ("DATA_LICENSE", "data"), ("LICENSE-DOCS", "documents"),
                                            ("LICENSE", None), ("LICENSE-APACHE", None), ("Data License", "data"),
                                            ("LICENSES/CC-BY-4.0.txt", None)])
def test_named_slot(name: str, slot: str | None) -> None:
    assert named_slot(name) == slot


def test_licenses_folder_is_only_the_folder_named_so() -> None:
    assert in_licenses_folder("LICENSES/MIT.txt") and in_licenses_folder("a/licenses/x")
    assert not in_licenses_folder("docs/licenses.md") and not in_licenses_folder("LICENSE")


@pytest.mark.parametrize("path", ["LICENSE", "LICENCE.md", "COPYING.LESSER", "LICENSE-MODEL", "MODEL_LICENSE",
                                  "LICENSES/MIT.txt", "LICENSES/LicenseRef-Custom.txt", "sub/LICENSE.txt",
                                  "third_party/foo/LICENSE", "UNLICENSE", "stable-diffusion.LICENSE"])
def test_licence_files(path: str) -> None:
    assert is_license_file(path)


@pytest.mark.parametrize("path", ["licensee.json", "license_check.py", "LICENSE.header", "LICENSE_HEADER.txt",
                                  "license-template.md", "scripts/license-check", "licenses.json", "licensing.py",
                                  "src/pkg/licenses/catalog.py", "src/pkg/licenses/__init__.py", "LICENSES/.gitkeep",
                                  "docs/licenses-report.html", "tests/license_test.go"])
def test_files_that_only_mention_licences_are_not_licence_files(path: str) -> None:
    assert not is_license_file(path)


@pytest.mark.parametrize(("path", "third"), [("LICENSE-THIRD-PARTY", True), ("LICENSE_3rd_party.md", True),
                                             ("LICENSE.vendor", True), ("LICENSE-MIT", False), ("LICENSE", False),
                                             ("third_party/x/LICENSE", False), ("LICENSES/MIT.txt", False)])
def test_third_party_licence_files(path: str, third: bool) -> None:
    assert is_third_party(path) is third
