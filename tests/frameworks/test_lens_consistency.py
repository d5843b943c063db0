"""The lenses agree with each other and with the Inventory: modified licences, licences stated for
external components, and the research paper standing in for the technical report."""

from __future__ import annotations

import re

import pytest

from openness import api
from openness.frameworks import mof, osai, osaid
from openness.frameworks.model import MofClassification
from openness.frameworks.mot_record import compare, parse_record
from openness.inventory.components import COMPONENTS
from openness.inventory.model import Component, EvidenceRef, Inventory, LicenseSlot, ResolvedLicense

from .checkouts import open_model

MEMBER = "acme/model"
CREATIVEML = "LicenseRef-openness-creativeml-openrail-pp-m"
OPEN_STATUS = {"open", "open_not_type_appropriate"}
BARE_MIT = re.compile(r"(?<!modified )\bMIT\b")


def local(path: str) -> EvidenceRef:
    return EvidenceRef(member=MEMBER, path=path)


def link(url: str) -> EvidenceRef:
    return EvidenceRef(member=MEMBER, path="README.md", url=url)


def distribution(license_id: str, modified: bool = False) -> ResolvedLicense:
    return ResolvedLicense(license_id=license_id, source="distribution", declared_by=local("LICENSE"), modified=modified)


def stated(license_id: str, where: str) -> ResolvedLicense:
    """A licence stated for a component type (a README badge, a LICENSE-MODEL file)."""
    return ResolvedLicense(license_id=license_id, source="type", declared_by=local(where))


def inventory(present: dict[str, tuple[list[EvidenceRef], ResolvedLicense]], dist: ResolvedLicense,
              slots: dict[LicenseSlot, ResolvedLicense] | None = None) -> Inventory:
    """A model release with the given components present (evidence, licence); all others absent."""
    components = [Component(key=spec.key, mof_id=spec.mof_id, name=spec.name, content_type=spec.content_type,
                            license_slot=spec.license_slot, status="present" if spec.key in present else "absent",
                            evidence=present[spec.key][0] if spec.key in present else [],
                            license=present[spec.key][1] if spec.key in present else None,
                            access="open" if spec.key == "final_parameters" else None)
                  for spec in COMPONENTS]
    every: dict[LicenseSlot, ResolvedLicense] = {"code": dist, "weights": dist, "data": dist, "documents": dist}
    return Inventory(kind="model", components=components, licenses=every | (slots or {}), distribution_license=dist,
                     declarations=[])


def texts(lens: MofClassification) -> list[str]:
    return [lens.reason, *lens.warnings]


def component(lens: MofClassification, name: str):
    return next(c for c in lens.components if c.name == name)


def assert_consistent(lens: MofClassification) -> None:
    """What the reason, missing, not_open, warnings and component table of one MOF lens must share."""
    by_name = {c.name: c for c in lens.components}
    assert all(not by_name[name].included for name in lens.missing)
    assert all(by_name[name].included and by_name[name].status not in OPEN_STATUS for name in lens.not_open)
    assert all(blocked in lens.missing for group in re.findall(r"([A-Z][^;:]*?) not included", lens.reason)
               for blocked in group.split(", "))  # one blocker names every component it holds back
    paper = by_name["Research paper"]
    if paper.included:  # the paper stands in: the report is never reported missing or not open
        assert "Technical report" not in lens.missing + lens.not_open
        assert "Technical report not included" not in lens.reason
    counted = any(w.startswith("Research paper counted in place") for w in lens.warnings)
    assert counted == (paper.included and paper.status in OPEN_STATUS and "Technical report" not in
                       [c.name for c in lens.components if c.included and c.status in OPEN_STATUS])
    if "Research paper" in lens.not_open:
        assert not counted
    assert not any("LicenseRef-" in text for text in texts(lens))


# --- 1. a modified licence is never the standard licence ---------------------------------------------------------

def gpt2_like(modified: bool = True) -> Inventory:
    mit = distribution("MIT", modified=modified)
    return inventory({"architecture": ([local("src/model.py")], mit),
                      "final_parameters": ([local("download_model.py")], mit),
                      "model_card": ([local("model_card.md")], mit),
                      "inference_code": ([local("src/sample.py")], mit),
                      "research_paper": ([link("https://cdn.example/language-models.pdf"), local("README.md")], mit)},
                     mit)


def test_mof_never_counts_a_modified_licence_as_open_and_names_it_modified():
    lens = mof.from_inventory(gpt2_like())
    included = [c for c in lens.components if c.included]
    assert included and all(c.status == "not_open" and c.license == "modified MIT" for c in included)
    assert lens.not_open == ["Model architecture", "Model parameters (Final)", "Model card", "Inference code",
                             "Research paper"]
    assert ("Model architecture, Model parameters (Final), Model card, Research paper (in place of the technical "
            "report) not open: modified MIT; ") in lens.reason  # one licence problem, stated once
    assert not any("is open but not typed" in w for w in lens.warnings)
    assert not any(BARE_MIT.search(text) for text in texts(lens))
    assert_consistent(lens)


def test_the_same_release_under_plain_mit_is_open():
    lens = mof.from_inventory(gpt2_like(modified=False))
    assert all(c.status in OPEN_STATUS for c in lens.components if c.included)
    assert lens.not_open == []


def test_osaid_fails_a_modified_licence_and_says_modified():
    parameters = osaid.parameters_requirement(gpt2_like())
    assert (parameters.status, parameters.license_only) == ("fail", True)
    assert parameters.reason == "not under OSD-conformant terms (model parameters (final): modified MIT)"
    assert not BARE_MIT.search(osaid.code_requirement(gpt2_like()).reason)


def test_osai_licences_name_a_modified_licence_as_modified():
    inv = gpt2_like()
    dim = osai.licenses_dim(inv)
    assert dim.rating == "closed" and "not: code, weights (modified MIT)" in dim.reason
    assert not BARE_MIT.search(dim.reason)


def test_verifying_a_record_that_claims_plain_mit_reports_the_modification():
    record = parse_record({"release": {"name": "gpt-2", "license": {"distribution": {"name": "MIT"}},
                                       "components": [{"name": "Model architecture"}]}})
    differences = compare(record, gpt2_like())
    architecture = next(d for d in differences if d.component == "Model architecture")
    assert (architecture.kind, architecture.record, architecture.evidence) == ("license_differs", "MIT", "modified MIT")


# --- 3. a licence stated for an external component's type covers it ---------------------------------------------

def external_weights(weights: ResolvedLicense) -> Inventory:
    apache = distribution("Apache-2.0")
    return inventory({"final_parameters": ([link("https://huggingface.co/acme/model-wdiff")], weights),
                      "training_code": ([local("train.py")], apache),
                      "model_card": ([local("model_card.md")], apache)},
                     apache, {"weights": weights})


def test_alpaca_like_weights_take_the_badge_licence_although_only_linked():
    inv = external_weights(stated("CC-BY-NC-4.0", "README.md"))
    lens = mof.from_inventory(inv)
    weights = component(lens, "Model parameters (Final)")
    assert (weights.license, weights.license_source, weights.status) == ("CC-BY-NC-4.0", "global:data", "not_open")
    assert "Model parameters (Final) not open: CC-BY-NC-4.0" in lens.reason and "has no licence" not in lens.reason
    assert local("README.md") in weights.evidence
    parameters = osaid.parameters_requirement(inv)
    assert (parameters.status, parameters.license_only) == ("fail", True)
    assert parameters.reason == "not under OSD-conformant terms (model parameters (final): CC-BY-NC-4.0)"
    assert_consistent(lens)


def test_sd_like_license_model_file_covers_linked_weights_and_is_named():
    inv = external_weights(stated(CREATIVEML, "LICENSE-MODEL"))
    lens = mof.from_inventory(inv)
    weights = component(lens, "Model parameters (Final)")
    assert (weights.license, weights.status) == (CREATIVEML, "not_open")
    assert "Model parameters (Final) not open: CreativeML Open RAIL++-M" in lens.reason
    assert osaid.parameters_requirement(inv).reason == \
        "not under OSD-conformant terms (model parameters (final): CreativeML Open RAIL++-M)"
    assert "weights (CreativeML Open RAIL++-M)" in osai.licenses_dim(inv).reason
    assert_consistent(lens)


def test_linked_weights_under_only_the_distribution_licence_stay_unread():
    inv = external_weights(distribution("Apache-2.0"))
    lens = mof.from_inventory(inv)
    weights = component(lens, "Model parameters (Final)")
    assert (weights.license, weights.status) == (None, "unlicensed")
    assert "Model parameters (Final) licence not read, published outside the release" in lens.reason
    parameters = osaid.parameters_requirement(inv)
    assert (parameters.status, parameters.reason) == ("unknown", "published elsewhere, terms not read: "
                                                                 "model parameters (final)")


def test_osaid_a_known_licence_failure_outweighs_an_unread_one():
    apache = distribution("Apache-2.0")
    inv = inventory({k: ([local(f"{k}.py")], apache) for k in osaid.CODE_COMPONENTS}
                    | {"architecture": ([local("model.py")], stated("CC-BY-NC-4.0", "README.md")),
                       "supporting_libraries": ([link("https://github.com/acme/lib")], apache)}, apache)
    code = osaid.code_requirement(inv)
    assert (code.status, code.reason) == ("fail", "not under OSI-approved terms (model architecture: CC-BY-NC-4.0)")


# --- 2. the research paper standing in for the technical report ---------------------------------------------------

CLASS_III = (9, 10, 12, 13, 14)


def entries(paper: mof.MofEntry | None, report: mof.MofEntry | None = None) -> list[mof.MofEntry]:
    listed = [mof.MofEntry(cid, True, "Apache-2.0", "global:distribution") for cid in CLASS_III]
    return listed + [e for e in (paper, report) if e is not None]


def test_an_open_paper_counts_for_the_report_and_nothing_reports_the_report_missing():
    lens = mof.classify(entries(mof.MofEntry(mof.RESEARCH_PAPER, True, "CC-BY-4.0", "component")), exact=False)
    assert lens.class_ == 3 and "Technical report" not in lens.missing + lens.not_open
    assert "Technical report" not in lens.reason
    assert "Research paper counted in place of the technical report (no open technical report included)" in lens.warnings
    assert_consistent(lens)


def test_an_unread_paper_stands_in_but_blocks_with_the_same_words_everywhere():
    paper = mof.MofEntry(mof.RESEARCH_PAPER, True, None, "none", unread=True,
                         evidence=[link("https://arxiv.org/abs/2401.00001")])
    lens = mof.classify(entries(paper), exact=False)
    assert lens.class_ == 0 and lens.progress.III == 83.3
    assert "Technical report" not in lens.missing and lens.not_open == ["Research paper"]
    phrase = "licence not read, published outside the release"
    assert lens.reason == f"Class III blocked by: Research paper (in place of the technical report) {phrase}"
    assert lens.warnings[-1:] == ["Research paper stands in for the technical report (no open technical report included) "
                             f"but does not count ({phrase})"]
    assert_consistent(lens)


def test_a_paper_under_a_non_open_licence_blocks_in_the_report_place_by_its_licence():
    paper = mof.MofEntry(mof.RESEARCH_PAPER, True, "CC-BY-NC-4.0", "component")
    lens = mof.classify(entries(paper), exact=False)
    assert "Research paper (in place of the technical report) not open: CC-BY-NC-4.0" in lens.reason
    assert "Technical report not included" not in lens.reason and lens.not_open == ["Research paper"]
    assert_consistent(lens)


def test_a_non_open_report_replaced_by_an_open_paper_is_not_reported_not_open():
    lens = mof.classify(entries(mof.MofEntry(mof.RESEARCH_PAPER, True, "CC-BY-4.0", "component"),
                                mof.MofEntry(mof.TECHNICAL_REPORT, True, "CC-BY-NC-4.0", "component")), exact=False)
    assert lens.class_ == 3 and lens.not_open == [] and "Technical report" not in lens.reason
    assert_consistent(lens)


def test_without_a_paper_the_report_is_missing_and_blocks():
    lens = mof.classify(entries(None), exact=False)
    assert "Technical report" in lens.missing and "Technical report not included" in lens.reason
    assert not any("Research paper" in w for w in lens.warnings)
    assert_consistent(lens)


def test_for_class_one_an_unread_paper_is_named_once_in_its_own_place():
    everything = [spec.mof_id for spec in mof.SPECS if spec.mof_class and spec.mof_id not in
                  (mof.TECHNICAL_REPORT, mof.RESEARCH_PAPER)]
    listed = [mof.MofEntry(cid, True, "Apache-2.0", "global:distribution") for cid in everything]
    paper = mof.MofEntry(mof.RESEARCH_PAPER, True, None, "none", unread=True)
    lens = mof.classify(listed + [paper], exact=False)
    assert lens.class_ == 0 and lens.reason.count("Research paper") == 1
    assert "Technical report" not in lens.missing


def test_an_external_paper_from_an_inventory_is_unread_everywhere():
    apache = distribution("Apache-2.0")
    inv = inventory({key: ([local(f"{key}.md")], apache)
                     for key in ("architecture", "final_parameters", "evaluation_results", "model_card", "data_card")}
                    | {"research_paper": ([link("https://arxiv.org/abs/2401.00001")], apache)}, apache)
    lens = mof.from_inventory(inv)
    paper = component(lens, "Research paper")
    assert (paper.license, paper.status) == (None, "unlicensed")
    assert "Research paper (in place of the technical report) licence not read" in lens.reason
    assert_consistent(lens)


# --- the same on the recorded real repositories (skipped without ../shared) ---------------------------------------

@pytest.mark.parametrize("name", ["openai__gpt-2", "tatsu-lab__stanford_alpaca", "Stability-AI__stablediffusion",
                                  "google-research__bert"])
def test_real_mof_lenses_are_consistent(real_checkout, name):
    lens = api.score(str(real_checkout(name))).frameworks["mof"].details
    assert isinstance(lens, MofClassification)
    assert_consistent(lens)


def test_real_gpt2_modified_mit_is_never_called_mit(real_checkout):
    result = api.score(str(real_checkout("openai__gpt-2")))
    assert result.inventory.distribution_license.modified
    frameworks = result.frameworks
    classification = frameworks["mof"].details
    assert not any(c.status in OPEN_STATUS for c in classification.components if c.included)
    shown = texts(classification) + [frameworks["osaid"].summary, frameworks["osai"].row("licenses").reason]
    shown += [row.reason for lens in frameworks.values() for row in lens.requirements] + frameworks["mof"].blockers
    assert not any(BARE_MIT.search(text) for text in shown)
    assert "modified MIT" in frameworks["osaid"].row("parameters").reason


@pytest.mark.parametrize("name, licence", [("tatsu-lab__stanford_alpaca", "CC-BY-NC-4.0"),
                                           ("Stability-AI__stablediffusion", "CreativeML Open RAIL++-M")])
def test_real_weights_licence_stated_for_the_weights_decides(real_checkout, name, licence):
    frameworks = api.score(str(real_checkout(name))).frameworks
    weights = component(frameworks["mof"].details, "Model parameters (Final)")
    assert weights.included and weights.status == "not_open"
    assert f"Model parameters (Final) not open: {licence}" in frameworks["mof"].summary
    assert frameworks["mof"].row("final_parameters").value == "not open"
    parameters = frameworks["osaid"].row("parameters")
    assert parameters.status == "fail" and parameters.reason.endswith(f"model parameters (final): {licence})")


def test_osai_data_only_named_is_closed_described_partial_released_judged_by_licence(tmp_path):
    """The index's rule: open when the data is released or inspectable. A dataset a publisher hosts on
    the Hub is inspectable, whoever publishes it; a canonical id without an organisation (a loader for a
    corpus published elsewhere) is only named."""
    hosted = api.score(str(open_model(tmp_path / "hosted"))).frameworks["osai"].row("datasources_endmodel")
    assert hosted.value == "open" and "public on the Hub (dataset example/corpus)" in hosted.reason
    assert "not followed" in hosted.reason
    described_root = open_model(tmp_path / "described")
    readme = described_root / "README.md"
    readme.write_text(readme.read_text(encoding="utf-8").replace("- example/corpus", "- wikipedia"), encoding="utf-8")
    described = api.score(str(described_root)).frameworks["osai"].row("datasources_endmodel")
    assert described.value == "partial" and "described in a datasheet but not released" in described.reason
    named_root = described_root
    (named_root / "datasheet.md").unlink()
    named = api.score(str(named_root)).frameworks["osai"].row("datasources_endmodel")
    assert named.value == "closed" and named.reason.startswith("training data is only named")
    (named_root / "data").mkdir()
    (named_root / "data" / "train.jsonl").write_text('{"text": "a"}\n', encoding="utf-8")
    released = api.score(str(named_root)).frameworks["osai"].row("datasources_endmodel")
    assert (released.value, released.reason) == ("partial", "training data is released, but no licence of its own "
                                                            "was found")
