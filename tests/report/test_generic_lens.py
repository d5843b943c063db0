"""A new framework is one module: register a lens and every reporter shows it, with no reporter change."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from openness import api
from openness.assessment import Scored
from openness.frameworks import interface
from openness.frameworks.interface import LensResult, LensRow, LensSpec
from openness.inventory.model import Inventory
from openness.report import RENDERERS
from openness.report.compare import render_compare_csv, render_compare_markdown

SPEC = LensSpec(id="example", name="Example Openness Checklist", short_name="Example", version="0.1",
                source_url="https://example.org/checklist", requirement_label="question",
                applies_to=frozenset({"model", "dataset", "software"}), order=99)


def example(inventory: Inventory) -> LensResult:
    card = inventory.component("model_card")
    ok = card.status == "present"
    row = LensRow(id="card", name="Has a card <b>", group="Docs", status="pass" if ok else "fail",
                  value="yes" if ok else "no", reason="the card was read", evidence=card.evidence,
                  to_change=None if ok else "write a model card")
    return SPEC.result(verdict="Level Gold" if ok else "Level Tin", status=row.status, rank=1.0 if ok else 0.0,
                       summary="one question asked", qualifier="an example aside", coverage=1.0,
                       requirements=[row], notes=["a note of the example"])


@pytest.fixture()
def with_example(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(interface._REGISTRY, SPEC.id, interface.Lens(SPEC, example))


def test_a_registered_lens_is_computed_and_rendered_by_every_reporter(with_example, good_repo: Path) -> None:
    assessment = api.score(str(good_repo))
    assert list(assessment.frameworks) == ["mof", "osaid", "osai", "pwc", "example"]
    md = RENDERERS["md"](assessment)
    assert ("| Example Openness Checklist | **Level Gold** (an example aside; 100 % of 1 questions judged) "
            "| one question asked |") in md
    assert "Example notes:\n- a note of the example" in md
    assert "| Example question | Result | Why | Evidence |" in md and "| **Docs** | | | |\n| Has a card &lt;b&gt; | ✅ yes |" in md
    html = RENDERERS["html"](assessment)
    assert "<h3>Example Openness Checklist</h3>" in html and '<p class="big">Level Gold</p>' in html
    assert "Has a card &lt;b&gt;" in html and "<b>" not in html.split("Has a card", 1)[1][:20]
    data = json.loads(RENDERERS["json"](assessment))["frameworks"]["example"]
    assert data["verdict"] == "Level Gold" and data["requirements"][0]["to_change"] is None
    compare = render_compare_markdown([Scored("a", assessment), Scored("b", assessment)])
    assert "| Example Openness Checklist | Level Gold | Level Gold |" in compare
    assert "Example Openness Checklist,Level Gold,Level Gold" in render_compare_csv([Scored("a", assessment),
                                                                                     Scored("b", assessment)])


def test_a_lens_that_does_not_apply_is_named_in_the_note(monkeypatch: pytest.MonkeyPatch, software_repo: Path) -> None:
    only_models = LensSpec(**{**SPEC.__dict__, "applies_to": frozenset({"model"})})
    monkeypatch.setitem(interface._REGISTRY, SPEC.id, interface.Lens(only_models, example))
    assessment = api.score(str(software_repo))
    assert list(assessment.frameworks) == ["pwc"]
    assert assessment.frameworks_note == (
        "scored as software: the MOF, OSAID and OSAI index judge model and dataset releases and the Example judges "
        "model releases, so only the ML code-completeness checklist applies")


def test_registering_one_id_twice_is_an_error() -> None:
    with pytest.raises(ValueError, match="registered twice"):
        interface.register(LensSpec(**{**SPEC.__dict__, "id": "mof"}))(example)


def test_compare_ranks_any_lens_by_its_rank(with_example, good_repo: Path, software_repo: Path) -> None:
    good, software = api.score(str(good_repo)), api.score(str(software_repo))
    row = next(line for line in render_compare_markdown([Scored("g", good), Scored("s", software)]).splitlines()
               if line.startswith("| Example Openness Checklist |"))
    assert row == "| Example Openness Checklist | **Level Gold** ★ | Level Tin |"


def test_no_reporter_names_a_lens() -> None:
    """Reporters read lens results only, never a lens by its id (``mof_record`` renders ``openness mof`` records,
    ``mot_export`` writes one: both are the Model Openness Tool's own format; ``osai_export`` writes the
    European Open Source AI Index's)."""
    import re

    import openness.report as report

    root = Path(report.__file__).parent
    sources = [p for p in root.rglob("*") if p.suffix in {".py", ".j2"} and p.name not in {"mof_record.py", "mot_export.py", "osai_export.py"}]
    named = [(p.name, m.group(0)) for p in sources
             for m in re.finditer(r"""["'.](mof|osaid|osai|pwc)\b""", p.read_text(encoding="utf-8"))]
    assert sources and named == []
