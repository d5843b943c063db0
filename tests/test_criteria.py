from pathlib import Path

import pytest
import yaml

from openness.criteria import (
    DIMENSIONS,
    available_profiles,
    default_criteria_path,
    is_profile_path,
    load_criteria,
    load_criteria_set,
    load_profile,
)
from openness.errors import CriteriaError
from openness.report.criteria_doc import render_criteria_markdown

from .conftest import REPO


def test_builtin_criteria_cover_four_dimensions_with_complete_fields() -> None:
    criteria = load_criteria(default_criteria_path())
    assert len(criteria) >= 24
    assert {c.dimension for c in criteria} == set(DIMENSIONS)
    for criterion in criteria:
        assert criterion.principle and criterion.remediation and criterion.applies_to and criterion.check


def test_criteria_ship_inside_the_package_and_the_root_folder_points_there() -> None:
    assert default_criteria_path().is_file()
    assert (REPO / "criteria" / "openness.yaml").resolve() == default_criteria_path().resolve()
    assert {"default", "ci", "procurement"} <= set(available_profiles())


def test_generated_documentation_is_current() -> None:
    committed = (REPO / "docs" / "criteria.md").read_text(encoding="utf-8")
    assert committed == render_criteria_markdown(load_criteria_set()), (
        "docs/criteria.md is stale: run `openness criteria --format md -o docs/criteria.md`")


def _write_criteria(tmp_path: Path, entries: list[dict] | str) -> Path:
    path = tmp_path / "criteria.yaml"
    path.write_text(entries if isinstance(entries, str) else yaml.safe_dump({"criteria": entries}, sort_keys=False))
    return path


def _valid(**changes: object) -> dict:
    entry = {
        "id": "license-here", "title": "Licence here", "dimension": "licensing",
        "principle": "Licensing and Governance", "description": "A licence file exists.",
        "applies_to": ["software"], "weight": 1, "check": "license_declared",
        "remediation": "Add a LICENSE file.",
    }
    entry.update(changes)
    return entry


@pytest.mark.parametrize(("entries", "message"), [
    ([_valid(check="no_such_check")], "criterion 'license-here': field 'check': unknown check 'no_such_check'"),
    ([_valid(dimension="vibes")], "criterion 'license-here': field 'dimension'"),
    ([_valid(weight=-1)], "field 'weight'"),
    ([_valid(), _valid()], "field 'id': duplicate id"),
    ([_valid(params={"colour": 1})], "field 'params': check 'license_declared' takes no parameter 'colour'"),
    ([_valid(surprise=True)], "field 'surprise'"),
    ([_valid(check="osaid_requirement", params={"requirement": "vibes"})], "field 'params.requirement': Input should be"),
    ([_valid(check="osaid_requirement")], "check 'osaid_requirement' needs parameter 'requirement'"),
    ([_valid(check="fact_present", params={"fact": "changelgo"})], "field 'params.fact': Input should be"),
    ([_valid(check="file_present", params={"name": "changelog"})], "field 'check': unknown check 'file_present'"),
    ([_valid(check="recent_activity", params={"min_commits_90d": "many"})], "field 'params.min_commits_90d'"),
    ([{k: v for k, v in _valid().items() if k != "remediation"}], "field 'remediation': Field required"),
    ([], "the 'criteria' list is empty"),
    ([_valid(weight=True)], "field 'weight': Input should be a valid number"),
    ([_valid(title=b"Licence here")], "field 'title': Input should be a valid string"),
    ([_valid(title="Licence\nhere")], "field 'title': Value error, must be one line of printable text"),
    ([_valid(check="recent_activity", params={"min_commits_90d": True})], "field 'params.min_commits_90d'"),
    ([_valid(check="recent_activity", params={"min_commits_90d": None})],
     "field 'params.min_commits_90d': null; leave the parameter out to use its default"),
    ([_valid(check="card_sections", params={"required": []})], "field 'params.required': empty"),
    ([_valid(check="component_present", params={"component": ""})], "field 'params.component': empty"),
    ([_valid(params=None)], "field 'params': Input should be a valid dictionary"),
    ([_valid(check="no\nsuch")], "field 'check': Value error, must be one line of printable text"),
])
def test_bad_criteria_name_file_line_criterion_and_field(tmp_path: Path, entries: list[dict], message: str) -> None:
    path = _write_criteria(tmp_path, entries)
    with pytest.raises(CriteriaError) as error:
        load_criteria(path)
    text = str(error.value)
    assert message in text and str(path) in text and "\n" not in text
    if entries:
        assert "line " in text


def test_criteria_hold_no_patterns_only_names_of_facts() -> None:
    """Detection patterns live in criteria/patterns.yaml; a criterion names the fact it reads."""
    regex_marks = ("\\", "(?", "[^", ".*", "|")
    for criterion in load_criteria(default_criteria_path()):
        for name, value in criterion.params.items():
            assert not (isinstance(value, str) and any(m in value for m in regex_marks)), (criterion.id, name, value)


def test_malformed_yaml_names_the_line(tmp_path: Path) -> None:
    path = _write_criteria(tmp_path, "criteria:\n  - id: x\n    title: [unclosed\n")
    with pytest.raises(CriteriaError, match=r"criteria.yaml: line \d+"):
        load_criteria(path)


def test_profiles_reweigh_and_disable(tmp_path: Path) -> None:
    ci = load_criteria_set("ci")
    assert "issue-tracker" not in {c.id for c in ci.criteria}
    assert ci.profile.fail_under == 50
    procurement = load_criteria_set("procurement")
    commercial = next(c for c in procurement.criteria if c.id == "commercial-use")
    assert procurement.weight(commercial) == 5 and commercial.weight == 2


def test_profile_errors(tmp_path: Path) -> None:
    with pytest.raises(CriteriaError, match="unknown profile 'nope'; available: ci, default, procurement"):
        load_criteria_set("nope")
    bad = tmp_path / "mine.yaml"
    bad.write_text("name: mine\ndescription: x\nweights: {not-a-criterion: 2}\n")
    with pytest.raises(CriteriaError, match="unknown criterion 'not-a-criterion'"):
        load_criteria_set(str(bad))
    bad.write_text("name: mine\ndescription: x\ndimension_weights: {transparency: -1}\n")
    with pytest.raises(CriteriaError, match="profile: field 'dimension_weights'"):
        load_criteria_set(str(bad))


def test_the_builtin_criteria_are_read_once_per_process() -> None:
    assert load_criteria(default_criteria_path()) is load_criteria(default_criteria_path())


def test_yaml_bombs_in_criteria_are_one_line_with_the_file(tmp_path: Path) -> None:
    laughs = "[&a [x, x, x, x, x, x, x, x, x], " + ", ".join(
        f"&{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]" for i in range(8)) + "]"
    for params, problem in ((laughs, "aliases expand to more than"), ("&r [*r]", "a YAML alias refers to itself"),
                            ("[" * 150 + "]" * 150, "nested deeper than 100 levels")):
        path = _write_criteria(tmp_path, f"criteria:\n  - id: x\n    params: {params}\n")
        with pytest.raises(CriteriaError) as error:
            load_criteria(path)
        assert str(error.value).startswith(f"{path}: line 3: {problem}")


@pytest.mark.parametrize(("text", "is_path"), [
    ("default", False), ("ci", False), ("nope", False), ("mine.yaml", True), ("./ci", True), ("../default", True),
    ("sub/ci", True), ("~/p", True), (".", True),
])
def test_a_profile_is_a_file_when_it_has_a_separator_or_a_suffix(text: str, is_path: bool) -> None:
    assert is_profile_path(text) is is_path


@pytest.mark.parametrize(("name", "message"), [
    ("../default", "cannot read ../default: no such profile file (built-in profiles are named without a path"),
    ("DEFAULT", "unknown profile 'DEFAULT'; available: ci, default, procurement or a profile .yaml file"),
    ("a" * 5_000, "unknown profile 'aaaa"),
    ("de\nfault", "unknown profile 'de\\x0afault'"),
])
def test_profile_names_and_paths_are_told_apart(name: str, message: str) -> None:
    with pytest.raises(CriteriaError) as error:
        load_profile(name)
    assert message in str(error.value) and "\n" not in str(error.value) and len(str(error.value)) < 500


@pytest.mark.parametrize(("line", "field"), [
    ("fail_under: true", "field 'fail_under': Input should be a valid number"),
    ("dimension_weights: {transparency: true}", "field 'dimension_weights.transparency'"),
    ("weights: {readme: '2'}", "field 'weights.readme'"),
    ('grades: {"A\\nB": 80}', "field 'grades': Value error, must be one line of printable text"),
    ("name: ''", "field 'name'"),
])
def test_profile_values_are_strictly_typed(tmp_path: Path, line: str, field: str) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(f"description: d\n{line}\n" + ("" if line.startswith("name:") else "name: p\n"))
    with pytest.raises(CriteriaError) as error:
        load_profile(str(path))
    assert f"profile: {field}" in str(error.value)
