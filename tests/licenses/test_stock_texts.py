"""Stock texts are stock: long licences with their preamble, older appendices, Markdown or HTML
renderings and re-wrapped lines are the licence; only added or removed terms modify it, quoted."""

from __future__ import annotations

import pytest

from openness.licenses import detect_license_file

from . import long_texts as lt
from .license_texts import BSD2_TEXT, BSD3_NOTICE, MIT_TEXT


def _is(text: str, key: str) -> None:
    found = detect_license_file("LICENSE", text)
    assert (found.license_id, found.modified) == (key, False), found.note


def test_gpl3_with_an_older_appendix_is_gpl3() -> None:
    _is(lt.gpl3_older_appendix(), "GPL-3.0-only")


def test_gpl3_markdown_rendering_is_gpl3() -> None:
    text = lt.as_markdown(lt.stock("GPL-3.0-only"))
    assert text.startswith("# GNU GENERAL PUBLIC LICENSE") and "**\u201cThis License\u201d**" in text
    _is(text, "GPL-3.0-only")


def test_gpl3_markdown_rendering_with_older_appendix_is_gpl3() -> None:
    _is(lt.as_markdown(lt.gpl3_older_appendix()), "GPL-3.0-only")


def test_gpl3_html_rendering_is_gpl3() -> None:
    text = lt.as_html(lt.stock("GPL-3.0-only"))
    assert "<p>" in text and "&ldquo;" in text
    _is(text, "GPL-3.0-only")


@pytest.mark.parametrize("build", [lt.gpl2_1991, lt.gpl2_temple_place], ids=["675-mass-ave", "59-temple-place"])
def test_gpl2_older_revisions_are_gpl2(build) -> None:
    _is(build(), "GPL-2.0-only")


def test_lgpl21_with_the_old_address_and_library_wording_is_lgpl21() -> None:
    text = lt.stock("LGPL-2.1-only").replace("51 Franklin Street, Fifth Floor, Boston, MA  02110-1301  USA",
                                             "59 Temple Place, Suite 330, Boston, MA  02111-1307  USA")
    _is(lt.rewrapped(text), "LGPL-2.1-only")


def test_lgpl3_alone_and_with_the_gpl_appended_are_lgpl3() -> None:
    _is(lt.lgpl3_alone(), "LGPL-3.0-only")
    _is(lt.rewrapped(lt.stock("LGPL-3.0-only")), "LGPL-3.0-only")


@pytest.mark.parametrize("key", ["AGPL-3.0-only", "EPL-1.0", "EPL-2.0", "MPL-2.0", "Apache-2.0", "LGPL-2.1-only"])
def test_long_licences_rewrapped_and_in_markdown_are_stock(key: str) -> None:
    _is(lt.rewrapped(lt.stock(key), 66), key)
    _is(lt.as_markdown(lt.stock(key)), key)


@pytest.mark.parametrize("key, marker", [("Apache-2.0", "APPENDIX: How to apply"),
                                         ("MPL-2.0", "Exhibit A - Source Code Form License Notice")])
def test_long_licences_without_their_appendix_are_stock(key: str, marker: str) -> None:
    _is(lt.without_appendix(key, marker), key)


def test_an_added_term_in_the_gpl_is_a_modification_and_is_quoted() -> None:
    clause = "You may not use the Program or any covered work for military purposes."
    text = lt.gpl3_older_appendix().replace("2. Basic Permissions.", f"2. Basic Permissions.\n\n{clause}")
    found = detect_license_file("COPYING", text)
    assert found.modified and found.base_id == "GPL-3.0-only" and found.license_id is None
    assert clause in found.note


def test_a_removed_section_of_the_gpl_is_a_modification_and_is_quoted() -> None:
    text = lt.stock("GPL-3.0-only")
    start = text.index("13. Use with the GNU Affero General Public License.")
    end = text.index("14. Revised Versions of this License.")
    found = detect_license_file("COPYING", text[:start] + text[end:])
    assert found.modified and found.base_id == "GPL-3.0-only"
    assert "removed \u201c13. Use with the GNU Affero General Public License." in found.note


def test_a_restriction_added_to_the_appendix_is_a_modification() -> None:
    text = lt.gpl3_older_appendix() + "\nThe Program may not be used for commercial purposes without a paid licence.\n"
    found = detect_license_file("COPYING", text)
    assert found.modified and "commercial purposes" in found.note


# --- several licences in one file ------------------------------------------------------


def test_bundled_notices_appended_to_a_licence_all_apply() -> None:
    text = MIT_TEXT + "\n\n---\n\nThird-party code bundled in vendor/:\n\n" + BSD3_NOTICE
    found = detect_license_file("LICENSE", text)
    assert found.license_id == "MIT AND BSD-3-Clause" and not found.modified, found.note
    assert [p.license_id for p in found.parts] == ["MIT", "BSD-3-Clause"]


def test_neither_inside_bsd3_is_not_either_or() -> None:
    """BSD-3-Clause's "Neither the name … nor" holds "either" and "or": never dual licensing."""
    found = detect_license_file("LICENSE", BSD3_NOTICE + "\n\n" + MIT_TEXT)
    assert found.license_id == "BSD-3-Clause AND MIT", found.note


def test_explicit_dual_licensing_language_is_an_or() -> None:
    text = ("You may use this software under either the MIT License or the BSD 2-Clause License, "
            "at your option.\n\n" + MIT_TEXT + "\n\n" + BSD2_TEXT)
    assert detect_license_file("LICENSE", text).license_id == "MIT OR BSD-2-Clause"


def test_a_one_sentence_preface_naming_bundled_code_is_not_a_modification() -> None:
    text = "This project includes code adapted from Example Tools (see vendor/example).\n\n" + MIT_TEXT
    _is(text, "MIT")
    text = "Portions of this software are derived from the Example project by Jane Doe.\n\n" + BSD3_NOTICE
    _is(text, "BSD-3-Clause")


def test_a_restrictive_preface_is_a_modification_and_is_quoted() -> None:
    text = "This software is licensed for non-commercial research only.\n\n" + MIT_TEXT
    found = detect_license_file("LICENSE", text)
    assert found.modified and found.base_id == "MIT"
    assert "non-commercial research only" in found.note


def test_gpl_text_with_its_own_either_or_is_one_licence() -> None:
    """GPL's own "either version 3 … or (at your option)" notice is part of the GPL, not a second licence."""
    found = detect_license_file("COPYING", lt.gpl3_older_appendix())
    assert found.license_id == "GPL-3.0-only" and not found.parts


# --- notices and headings ------------------------------------------------------------------

APACHE_NOTICE = """Copyright 2020 Example Corp

Licensed under the Apache License, Version 2.0 (the "License");
you may not use this file except in compliance with the License.
You may obtain a copy of the License at

    http://www.apache.org/licenses/LICENSE-2.0

Unless required by applicable law or agreed to in writing, software
distributed under the License is distributed on an "AS IS" BASIS,
WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
See the License for the specific language governing permissions and
limitations under the License.
"""


def test_a_notice_applying_a_long_licence_is_that_licence() -> None:
    found = detect_license_file("LICENSE", APACHE_NOTICE)
    assert found.license_id == "Apache-2.0" and not found.modified and "notice" in found.note


def test_a_notice_followed_by_the_licence_text_is_the_licence() -> None:
    _is("   Example\n\n" + APACHE_NOTICE + "\n\n" + lt.rewrapped(lt.stock("Apache-2.0")), "Apache-2.0")


def test_a_restriction_beside_a_notice_is_a_modification() -> None:
    found = detect_license_file("LICENSE", APACHE_NOTICE + "\nCommercial use of this software is prohibited.\n")
    assert found.modified and found.base_id == "Apache-2.0" and "Commercial use of this software is prohibited." in found.note


@pytest.mark.parametrize("key", ["CC-BY-4.0", "CC-BY-NC-SA-4.0", "AFL-3.0"])
def test_a_heading_in_the_licences_own_words_is_not_added_text(key: str) -> None:
    """A Markdown title with words such as "NonCommercial" or "Academic" names the licence; it adds nothing."""
    _is(lt.as_markdown(lt.stock(key)), key)


def test_either_or_about_something_else_is_not_dual_licensing() -> None:
    text = ("This project includes build scripts for either Linux or macOS.\n\n" + MIT_TEXT
            + "\n\n" + BSD2_TEXT)
    assert detect_license_file("LICENSE", text).license_id == "MIT AND BSD-2-Clause"


@pytest.mark.parametrize("cut", ["sublicense, and/or sell", "merge, publish, "])
def test_removing_a_right_from_mit_is_a_modification_and_is_quoted(cut: str) -> None:
    text = MIT_TEXT.replace(cut, "sublicense" if "sell" in cut else "")
    found = detect_license_file("LICENSE", text)
    assert found.modified and found.base_id == "MIT" and "removed" in found.note


def test_a_filled_in_name_is_not_a_modification() -> None:
    _is(BSD3_NOTICE.replace("Neither the name of Example Vendor nor", "Neither the name of the copyright holder nor"),
        "BSD-3-Clause")


def test_a_request_to_cite_the_paper_is_not_a_term() -> None:
    text = MIT_TEXT + ("\n\nIf you use this code in your research, please cite our paper:\n\n"
                       "@inproceedings{doe2019tool,\n  title={A Tool for Things},\n  author={Doe, Jane and Roe, Rick},\n"
                       "  booktitle={Advances in Neural Information Processing Systems},\n  year={2019}\n}\n")
    _is(text, "MIT")
    found = detect_license_file("LICENSE", MIT_TEXT + "\n\nAny publication using this software must cite our paper.\n")
    assert found.modified and "must cite our paper" in found.note
