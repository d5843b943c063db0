"""The licence catalogue: lookups, buyer properties, the MOF rule, YAML validation."""

from __future__ import annotations

import json

import pytest

from openness.licenses import catalog, is_open_for_mof, lookup, normalise_expression, spdx
from openness.licenses.curated import CatalogError, parse_catalog


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("MIT", "MIT"), ("mit", "MIT"), ("MIT License", "MIT"), ("The MIT License", "MIT"),
        ("apache-2.0", "Apache-2.0"), ("Apache 2.0", "Apache-2.0"),
        ("Apache License, Version 2.0", "Apache-2.0"), ("GPL-2.0+", "GPL-2.0-or-later"),
        ("gpl-2.0", "GPL-2.0-only"), ("agpl-3.0", "AGPL-3.0-only"), ("bsd-3-clause", "BSD-3-Clause"),
        ("llama2", "LicenseRef-openness-llama2"), ("llama3", "LicenseRef-openness-llama3"),
        ("llama3.1", "LicenseRef-openness-llama3.1"), ("llama4", "LicenseRef-openness-llama4"),
        ("openrail++", "LicenseRef-openness-creativeml-openrail-pp-m"),
        ("creativeml-openrail-m", "LicenseRef-openness-creativeml-openrail-m"),
        ("gemma", "LicenseRef-openness-gemma"), ("cc-by-nc-4.0", "CC-BY-NC-4.0"),
        ("odc-by", "ODC-By-1.0"), ("pddl", "PDDL-1.0"), ("openmdw-1.0", "OpenMDW-1.0"),
        ("LicenseRef-scancode-llama-2-license-2023", "LicenseRef-openness-llama2"),
        ("other", "LicenseRef-openness-hf-other"),
    ],
)
def test_lookup_resolves_ids_aliases_and_hub_keys(given: str, expected: str) -> None:
    terms = lookup(given)
    assert terms is not None and terms.id == expected


@pytest.mark.parametrize("given", ["", "   ", "no such licence", "MIT OR Apache-2.0"])
def test_lookup_returns_none_for_unknown_or_compound(given: str) -> None:
    assert lookup(given) is None


def test_every_hub_picker_key_resolves() -> None:
    missing = [key for key in catalog.hub_picker_keys() if lookup(key) is None]
    assert missing == []
    assert len(catalog.hub_picker_keys()) >= 70


def test_hub_keys_in_recorded_cards_resolve(shared) -> None:
    api = shared / "fixtures" / "huggingface" / "api"
    keys = set()
    for path in api.glob("*.json"):
        body = json.loads(path.read_text(encoding="utf-8")).get("body") or {}
        key = (body.get("cardData") or {}).get("license")
        if isinstance(key, str):
            keys.add(key)
    assert keys, "expected licence keys in the recorded Hub responses"
    assert {key: lookup(key) is not None for key in keys} == {key: True for key in keys}


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("GPL-2.0+", "GPL-2.0-or-later"), ("mit or apache-2.0", "MIT OR Apache-2.0"),
        ("MIT AND (Apache-2.0 OR BSD-3-Clause)", "MIT AND (Apache-2.0 OR BSD-3-Clause)"),
        ("gpl-2.0+ with classpath-exception-2.0", "GPL-2.0-or-later WITH Classpath-exception-2.0"),
        ("Apache 2.0", "Apache-2.0"), ("llama3", "LicenseRef-openness-llama3"),
        ("LicenseRef-openness-llama3 OR mit", "LicenseRef-openness-llama3 OR MIT"),
    ],
)
def test_normalise_expression(given: str, expected: str) -> None:
    assert normalise_expression(given) == expected


@pytest.mark.parametrize("given", ["", "not a licence at all", "MIT OR", "https://example.com/x"])
def test_normalise_expression_rejects_garbage(given: str) -> None:
    assert normalise_expression(given) is None


def test_terms_for_expression_lists_each_licence() -> None:
    assert [t.id for t in catalog.terms_for_expression("mit OR apache-2.0")] == ["MIT", "Apache-2.0"]


# --- buyer properties ----------------------------------------------------------------


def test_llama3_terms_for_a_buyer() -> None:
    terms = lookup("llama3")
    assert terms.category == "open_restricted"
    assert terms.commercial_use is True and terms.use_restrictions is True
    assert "700 million" in terms.user_threshold
    assert "Built with Meta Llama 3" in terms.obligations
    assert terms.osaid_ok is False and terms.mof_open is False and terms.osi_approved is False
    assert terms.sources and terms.url.startswith("https://")


def test_cc_by_nc_is_non_commercial() -> None:
    terms = lookup("cc-by-nc-4.0")
    assert terms.category == "non_commercial" and terms.commercial_use is False
    assert terms.mof_open is False


def test_cc_by_sa_is_share_alike_open_data() -> None:
    terms = lookup("CC-BY-SA-4.0")
    assert terms.category == "open_data" and terms.share_alike is True and terms.mof_open is True


def test_research_only_licences_forbid_commercial_use() -> None:
    for key in ("deepfloyd-if-license", "apple-amlr", "fair-noncommercial-research-license",
                "mistral-research-license", "qwen-research", "tongyi-qianwen-research"):
        terms = lookup(key)
        assert terms.category == "research_only", key
        assert terms.commercial_use is False, key


def test_spdx_flags_come_from_the_spdx_list() -> None:
    apache = lookup("Apache-2.0")
    assert apache.osi_approved and apache.fsf_libre and not apache.deprecated and apache.curated
    deprecated = lookup("GPL-2.0+")
    assert deprecated.id == "GPL-2.0-or-later" and not deprecated.deprecated


def test_uncurated_osi_licence_gets_only_what_the_osd_guarantees() -> None:
    terms = lookup("Zlib")
    assert not terms.curated and terms.category == "osi"
    assert terms.commercial_use is True and terms.use_restrictions is False
    assert terms.attribution is None and terms.share_alike is None


def test_uncurated_non_free_licence_is_unknown() -> None:
    terms = lookup("Beerware")
    assert terms.category == "unknown" and terms.commercial_use is None


def test_hub_trio_other_with_license_name_and_link() -> None:
    assert catalog.terms_for_hub_key("other", "qwen").id == "LicenseRef-openness-qwen"
    assert catalog.terms_for_hub_key("other", "deepseek").id == "LicenseRef-openness-deepseek"
    linked = catalog.terms_for_hub_key("other", None, "https://llama.meta.com/llama3/license/")
    assert linked.id == "LicenseRef-openness-llama3"
    assert catalog.terms_for_hub_key("other", "our own terms").id == "LicenseRef-openness-hf-other"
    assert catalog.terms_for_hub_key("apache-2.0").id == "Apache-2.0"
    assert catalog.terms_for_hub_key(None) is None


# --- MOF rule ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("Apache-2.0", True), ("MIT", True), ("CC-BY-4.0", True), ("CC0-1.0", True),
        ("CDLA-Permissive-2.0", True), ("ODC-By-1.0", True), ("OpenMDW-1.0", True),
        ("ODC-PDDL-1.0", True), ("PDDL-1.0", False), ("apache-2.0", False), ("Apache 2.0", False),
        ("MIT License", False), ("CC-BY-NC-4.0", False), ("LicenseRef-openness-llama3", False),
        ("LicenseRef-openness-creativeml-openrail-m", False), ("", False),
    ],
)
def test_is_open_for_mof_follows_mot_exactly(given: str, expected: bool) -> None:
    assert is_open_for_mof(given) is expected


# --- YAML validation -----------------------------------------------------------------

_MINIMAL = """
sources: {{hub: https://example.org}}
hub_picker: [mit]
mof_open_data: []
licenses:
{entries}
"""


def _parse(entries: str):
    return parse_catalog(_MINIMAL.format(entries=entries), "test.yaml", spdx.ids())


def test_valid_minimal_catalogue_parses() -> None:
    parsed = _parse("  - {id: MIT, category: osi, sources: [https://x]}")
    assert parsed.licenses[0].id == "MIT"


@pytest.mark.parametrize(
    ("entries", "needle"),
    [
        ("  - {id: MIT, category: permissive, sources: [https://x]}", "licenses[0] (MIT).category"),
        ("  - {id: MIT, category: osi}", "licenses[0] (MIT).sources"),
        ("  - {id: MIT, category: osi, sources: [x], colour: red}", "licenses[0] (MIT).colour"),
        ("  - {id: NotSPDX, category: osi, sources: [x]}", "not an SPDX licence id"),
        ("  - {id: LicenseRef-openness-x, category: osi, sources: [x]}", "needs name and url"),
        ("  - {id: MIT, category: osi, sources: [x]}\n  - {id: MIT, category: osi, sources: [x]}",
         "duplicate id"),
        ("  - {id: MIT, category: osi, sources: [x], hub_keys: [k]}\n"
         "  - {id: ISC, category: osi, sources: [x], hub_keys: [K]}", "already belongs to MIT"),
    ],
)
def test_bad_catalogue_names_file_entry_and_field(entries: str, needle: str) -> None:
    with pytest.raises(CatalogError) as err:
        _parse(entries)
    assert "test.yaml" in str(err.value) and needle in str(err.value)


def test_invalid_yaml_is_reported_with_the_file_name() -> None:
    with pytest.raises(CatalogError, match="test.yaml: not valid YAML"):
        parse_catalog("licenses: [", "test.yaml", spdx.ids())
