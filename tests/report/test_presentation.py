"""What readers see, the same in every format: licence names, unreleased components, labels, numbers, links."""

from __future__ import annotations

import csv
import io
import json
import re

from openness.assessment import Assessment
from openness.batch import Scored
from openness.inventory import EvidenceRef
from openness.report.compare import (
    render_compare_csv,
    render_compare_html,
    render_compare_json,
    render_compare_markdown,
)
from openness.report.html import render_html
from openness.report.markdown import render_markdown
from openness.report.sarif import NO_FILE, render_sarif

RAIL = "LicenseRef-openness-creativeml-openrail-pp-m"
RAIL_NAME = "CreativeML Open RAIL++-M"


def relicensed(a: Assessment, slot: str, license_id: str, *, modified: bool = False) -> Assessment:
    """``a`` with one kind of component under another licence, everywhere reporters read it."""
    terms = {"license_id": license_id, "modified": modified}
    inventory = a.inventory.model_copy(update={
        "licenses": {**a.inventory.licenses, slot: a.inventory.licenses[slot].model_copy(update=terms)},  # type: ignore[index]
        "components": [c.model_copy(update={"license": c.license.model_copy(update=terms)})
                       if c.license_slot == slot and c.license else c for c in a.inventory.components],
    })
    assert a.licenses is not None
    summary = a.licenses.model_copy(update={"components": [
        c.model_copy(update={**terms, "name": None, "url": None}) if c.slot == slot else c for c in a.licenses.components]})
    return a.model_copy(update={"inventory": inventory, "licenses": summary})


def html_row(html: str, header: str) -> str:
    match = re.search(rf'<tr><th scope="row">{re.escape(header)}</th>.*?</tr>', html, re.S)
    assert match, header
    return match.group(0)


def md_row(md: str, first_cell: str) -> str:
    return next(line for line in md.splitlines() if line.startswith(f"| {first_cell} |"))


def csv_row(text: str, question: str) -> list[str]:
    return next(r for r in csv.reader(io.StringIO(text)) if r[1:2] == [question])


def test_unreleased_components_show_no_licence_and_no_answers(software: Assessment, good: Assessment) -> None:
    assert software.licenses is not None
    assert [c.slot for c in software.licenses.components if not c.released] == ["weights", "data"]
    md = render_markdown(software)
    assert md_row(md, "Weights") == "| Weights | no | – (not released) | – | – | – | – |"
    assert md_row(md, "Code").startswith("| Code | yes | MIT | yes |")
    html = render_html(software)
    for slot in ("Weights", "Data"):
        row = html_row(html, slot)
        assert "– (not released)" in row and "✓" not in row and "MIT" not in row, row
    assert "✓ yes" in html_row(html, "Code")
    columns = [Scored("tool", software), Scored("tiny-model", good)]
    assert md_row(render_compare_markdown(columns), "Data licence") == \
        "| Data licence | – (not released) | Apache-2.0 |"
    assert csv_row(render_compare_csv(columns), "Weights licence")[2:] == ["– (not released)", "Apache-2.0"]


def test_licences_are_named_not_given_internal_ids_and_modified_is_said(good: Assessment) -> None:
    a = relicensed(relicensed(good, "weights", RAIL), "code", "MIT", modified=True)
    md = render_markdown(a)
    assert RAIL_NAME in md_row(md, "Weights") and "| Code | yes | modified MIT |" in md
    assert md_row(md, "Model parameters (Final) | ✅ present").endswith(f"| {RAIL_NAME} |")
    assert md_row(md, "Training code | ✅ present").endswith("| modified MIT |")
    html = render_html(a)
    assert f'<span class="lic" title="{RAIL}">{RAIL_NAME}</span>' in html_row(html, "Weights")
    assert '<span class="lic">modified MIT</span>' in html_row(html, "Code")
    assert '<span class="lic">modified MIT</span>' in html_row(html, "Training code")
    assert ".lic { overflow-wrap: anywhere; }" in html  # a long name or id wraps instead of squeezing its neighbours
    columns = [Scored("a", a), Scored("b", good)]
    compare_md = render_compare_markdown(columns)
    assert md_row(compare_md, "Weights licence") == f"| Weights licence | {RAIL_NAME} | Apache-2.0 |"
    assert md_row(compare_md, "Code licence") == "| Code licence | modified MIT | Apache-2.0 |"
    assert csv_row(render_compare_csv(columns), "Weights licence")[2] == RAIL_NAME
    assert f'<td class=" lic">{RAIL_NAME}</td>' in render_compare_html(columns)
    for text in (md_row(md, "Weights"), html_row(html, "Weights"), compare_md):
        assert f">{RAIL}<" not in text and f"| {RAIL} |" not in text


def test_identical_evidence_is_listed_once(good: Assessment) -> None:
    ref = EvidenceRef(member=good.members[0].id, path="LICENSE", note="Apache-2.0")
    findings = [f.model_copy(update={"evidence": [ref, ref, ref.model_copy(), ref]})
                if f.criterion == "commercial-use" else f for f in good.findings]
    a = good.model_copy(update={"findings": findings})
    row = next(line for line in render_markdown(a).splitlines() if "`commercial-use` |" in line)
    assert row.endswith("| [LICENSE (Apache-2.0)](./LICENSE) |")
    html = render_html(a)
    cell = re.search(r'<tr id="c-commercial-use">.*?</tr>', html, re.S)
    assert cell and cell.group(0).count("LICENSE") == 1


def test_dimension_labels_and_framework_note(software: Assessment, good: Assessment) -> None:
    md = render_markdown(software)
    assert "### Licensing & governance" in md and "| Licensing & governance |" in md
    note = ("Scored as software: the MOF, OSAID and OSAI index judge model and dataset releases, so only the "
            "ML code-completeness checklist applies")
    assert note in md
    html = render_html(software)
    assert "<h3>Licensing &amp; governance <span" in html and ">Licensing &amp; governance</text>" in html
    assert note in html
    compare = render_compare_markdown([Scored("tool", software), Scored("tiny-model", good)])
    assert "| Licensing & governance |" in compare and "| Licensing |" not in compare
    assert "Licensing &amp; governance score" in render_compare_html([Scored("tool", software), Scored("m", good)])


def test_numbers_read_the_same_in_every_format(good: Assessment) -> None:
    fw = good.frameworks
    score = fw["osai"].details.score
    assert score is not None
    osai = f"{round(score * 100)} %"
    mof = f"{round(fw['mof'].details.progress.III)} %"
    checklist = f"{fw['pwc'].details.ticks} of 5"
    md = render_markdown(good)
    assert f"| European Open Source AI Index | **{osai}** (" in md
    assert f"(progress III {mof}, II" in md and f"| **{checklist}** |" in md
    html = render_html(good)
    assert f'<p class="big">{osai}</p>' in html and f'<p class="big">{checklist}</p>' in html
    assert f'<span class="num">{mof}</span>' in html
    compare = render_compare_markdown([Scored("a", good), Scored("b", good)])
    assert f"| {osai} | {osai} |" in md_row(compare, "European Open Source AI Index")
    assert md_row(compare, "ML code-completeness checklist (Papers with Code)").endswith(f"| {checklist} | {checklist} |")


def test_comparison_names_its_profile_ranks_no_coverage_and_warns_of_mixed_kinds(software: Assessment,
                                                                                  good: Assessment) -> None:
    mixed = [Scored("tool", software), Scored("tiny-model", good)]
    assert software.score.coverage != good.score.coverage  # so a ★ would have been given
    document = json.loads(render_compare_json(mixed))
    coverage = next(r for r in document["rows"] if r["question"] == "Coverage")
    assert coverage["best"] == []
    assert next(r for r in document["rows"] if r["question"] == "Profile")["values"] == ["default", "default"]
    md = render_compare_markdown(mixed)
    assert "★" not in md_row(md, "Coverage") and md_row(md, "Profile") == "| Profile | default | default |"
    rows = list(csv.reader(io.StringIO(render_compare_csv(mixed))))
    assert rows[1] == ["Overview", "Profile", "default", "default"]
    html = render_compare_html(mixed)
    assert "best" not in html_row(html, "Coverage") and html_row(html, "Profile")
    note = "These targets are of different kinds (tool: software; tiny-model: model)."
    assert note in md and note in html
    same = [Scored("a", good), Scored("b", good)]
    assert "different kinds" not in render_compare_markdown(same) + render_compare_html(same)


def test_local_evidence_links_to_the_web_when_the_checkout_has_a_github_remote(good: Assessment) -> None:
    member = good.members[0]
    hosted = good.model_copy(update={"members": [member.model_copy(update={
        "web_url": "https://github.com/o/tiny", "revision": "abc123"})]})
    md = render_markdown(hosted)
    assert "[train.py (training code)](https://github.com/o/tiny/blob/abc123/train.py)" in md
    assert '<a href="https://github.com/o/tiny/blob/abc123/train.py" rel="noopener noreferrer">' in render_html(hosted)
    assert member.web_url is None
    assert "[train.py (training code)](./train.py)" in render_markdown(good)  # no remote: the relative path
    html = render_html(good)
    assert "<code>train.py</code> (training code)" in html and 'href="train.py"' not in html


def test_sarif_places_missing_files_on_the_readme_and_pinning_on_its_manifest(software: Assessment) -> None:
    def locations(a: Assessment) -> dict[str, tuple[str, int]]:
        run = json.loads(render_sarif(a))["runs"][0]
        return {r["ruleId"]: (r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
                              r["locations"][0]["physicalLocation"]["region"]["startLine"]) for r in run["results"]}

    found = locations(software)
    for criterion in ("governance", "code-of-conduct", "security-policy", "contributing-guide"):
        assert found[criterion] == ("README.md", 1), criterion
    assert found["dependencies-pinned"] == ("requirements.txt", 1)
    no_readme = software.model_copy(update={"about": software.about.model_copy(update={"excerpt_source": None})})
    assert locations(no_readme)["governance"] == (NO_FILE, 1)
    unlicensed = [f.model_copy(update={"status": "fail", "evidence": []}) if f.criterion == "license-declared" else f
                  for f in software.findings]
    assert locations(software.model_copy(update={"findings": unlicensed}))["license-declared"] == ("LICENSE", 1)


def test_a_file_name_cannot_become_a_link_scheme(tmp_path) -> None:
    from openness import api
    from openness.report import render_markdown

    from ..conftest import write_tree

    repo = write_tree(tmp_path / "m", {"README.md": "# m\n", "javascript:alert(document.domain).safetensors": b"\0"})
    text = render_markdown(api.score(str(repo)))
    assert "](javascript:" not in text and "](./javascript%3Aalert" in text


def test_markdown_cells_escape_entities_but_keep_a_plain_ampersand() -> None:
    from openness.report.templating import markdown_cell

    assert markdown_cell("R&D <b>x</b> &lt;") == "R&D &lt;b&gt;x&lt;/b&gt; &amp;lt;"
