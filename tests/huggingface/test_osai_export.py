"""``openness export osai``: a European Open Source AI Index entry draft, the index lens's rows as they are."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from openness import api
from openness.frameworks.osai import DIMENSIONS
from openness.report.osai_export import Value, _block, render_osai_entry

from ..github.fake import FakeGitHub
from ..github.repos import RepoSpec, serve_repo
from .fakehub import FakeHub
from .models import SHA_TINY, add_bundle, tiny_model


def test_exported_dimensions_equal_the_lens_result(hub: FakeHub, gh: FakeGitHub, run_cli, tmp_path: Path) -> None:
    add_bundle(hub)
    serve_repo(gh, RepoSpec(owner="acme", name="tiny-llm"))
    out = tmp_path / "tiny-llm.yaml"
    result = run_cli("export", "osai", "hf:acme/tiny-llm", "-o", str(out), "-q")
    assert result.code == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert text.startswith("---\n# Drafted by openness")
    entry = yaml.safe_load(text)
    lens = api.score("hf:acme/tiny-llm").frameworks["osai"]
    rows = {row.id: row for row in lens.requirements}
    assert list(entry)[2:] == list(DIMENSIONS)
    assert {key: entry[key]["class"] for key in DIMENSIONS} == {key: rows[key].value for key in DIMENSIONS}
    assert all(entry[key]["notes"] == rows[key].reason for key in DIMENSIONS)
    weights = entry["weights_endmodel"]["link"]
    assert f"{hub.url}/acme/tiny-llm/blob/{SHA_TINY}/model.safetensors" in ([weights] if isinstance(weights, str) else weights)
    system = entry["system"]
    assert (system["name"], system["endmodelname"], system["type"]) == ("tiny-llm", "tiny-llm", "text")
    assert (system["basemodelname"], system["endmodellicense"]) == ("acme/tiny-base", "Apache-2.0")
    assert system["link"] == f"{hub.url}/acme/tiny-llm"
    assert system["performanceclass"] is None and system["releasedate"] is None  # never guessed
    assert entry["org"] == {"name": "acme", "link": f"{hub.url}/acme"}
    assert "    # endmodellicense: weights licence, " in text  # each system value says where it was read


def test_unknown_dimensions_have_no_class_and_say_why(hub: FakeHub, gh: FakeGitHub) -> None:
    hub.add(tiny_model(disabled="flag"))
    assessment = api.score("hf:acme/tiny-llm")
    unknown = [row for row in assessment.frameworks["osai"].requirements if row.value == "unknown"]
    assert unknown
    entry = yaml.safe_load(render_osai_entry(assessment))
    for row in unknown:
        assert entry[row.id]["class"] is None
        assert entry[row.id]["notes"] == f"Not judged: {row.reason.rstrip('.')}."


def test_osai_export_of_software_is_one_clear_error(run_cli, tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# lib\n\nA library.\n", encoding="utf-8")
    (tmp_path / "setup.py").write_text("print(1)\n", encoding="utf-8")
    result = run_cli("export", "osai", str(tmp_path), "-q")
    assert result.code == 2 and result.stderr.count("\n") == 1 and "Open Source AI Index" in result.stderr



def test_hostile_metadata_stays_inside_its_value(hub: FakeHub, gh: FakeGitHub) -> None:
    base = "acme/base\nlicenses:\n    class: open"
    card = f"---\nlicense: apache-2.0\nbase_model: {json.dumps(base)}\n---\n# tiny\n"
    hub.add(tiny_model(files={"README.md": card.encode(), "model.safetensors": 10},
                       info={"cardData": {"license": "apache-2.0", "base_model": base}, "tags": []}))
    assessment = api.score("hf:acme/tiny-llm", follow_links=False)
    entry = yaml.safe_load(render_osai_entry(assessment))
    assert entry["system"]["basemodelname"] == base
    assert entry["licenses"]["class"] == assessment.frameworks["osai"].requirements[-1].value


def test_a_source_comment_is_one_line_and_a_long_value_stays_indented() -> None:
    long_value = "word " * 5000  # beyond the dump's line width: folded over several lines
    text = _block("system", {"name": Value(long_value.strip(), "read from\nlicenses:\n  class: open"),
                             "link": Value("x", "host")})
    assert yaml.safe_load(text) == {"system": {"name": long_value.strip(), "link": "x"}}
