"""Badges: the SVG parses, its text fits its boxes; the endpoint JSON obeys the shields rules."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from openness.assessment import Assessment, ScoreInfo
from openness.cli import app
from openness.report.badge import PADDING, badge_color, badge_message, render_badge_json, render_badge_svg, text_width

SVG = "{http://www.w3.org/2000/svg}"
# shields.io endpoint schema (services/endpoint-common.js): these keys and no others.
SHIELDS_KEYS = {"schemaVersion", "label", "message", "color", "labelColor", "isError", "namedLogo", "logoSvg",
                "logoColor", "logoWidth", "logoPosition", "style", "cacheSeconds"}


def with_score(assessment: Assessment, overall: float | None, grade: str) -> Assessment:
    return assessment.model_copy(update={"score": ScoreInfo(overall=overall, grade=grade, coverage=0.5)})


def boxes(svg: ET.Element) -> list[tuple[float, float]]:
    """(x, width) of the label and message rectangles."""
    rects = svg.find(f"{SVG}g").findall(f"{SVG}rect")[:2]
    return [(float(r.get("x", 0)), float(r.get("width"))) for r in rects]


@pytest.mark.parametrize(("overall", "grade"), [(74.4, "B"), (100.0, "A"), (3.0, "F"), (None, "?"), (55.5, "<x&>")])
def test_svg_parses_and_text_fits(good: Assessment, overall: float | None, grade: str) -> None:
    assessment = with_score(good, overall, grade)
    svg = ET.fromstring(render_badge_svg(assessment))
    width = float(svg.get("width"))
    (label_x, label_w), (message_x, message_w) = boxes(svg)
    assert label_x == 0 and message_x == label_w and label_w + message_w == width
    texts = [t for t in svg.iter(f"{SVG}text") if t.get("aria-hidden") is None]
    assert [t.text for t in texts] == ["openness", badge_message(assessment)]
    for text, (box_x, box_w) in zip(texts, [(label_x, label_w), (message_x, message_w)], strict=True):
        length = float(text.get("textLength")) / 10  # tenths of a pixel, font-size 110 scaled by .1
        assert length >= text_width(text.text) - 0.01, "text squeezed below its natural width"
        assert length + 2 * PADDING <= box_w + 0.01, "text overflows its box"
        assert float(text.get("x")) / 10 == pytest.approx(box_x + box_w / 2)  # centred
    assert svg.find(f"{SVG}title").text == f"openness: {badge_message(assessment)}"


def test_message_and_colour_follow_the_grade(good: Assessment) -> None:
    assert badge_message(with_score(good, 74.4, "B")) == "B · 74"
    assert badge_message(with_score(good, 73.5, "B")) == "B · 74"  # half up, not to even
    assert badge_message(with_score(good, None, "?")) == "unscored"
    colours = [badge_color(with_score(good, s, g)) for s, g in [(90, "A"), (74, "B"), (60, "C"), (45, "D"), (10, "F")]]
    assert len(set(colours)) == 5


def test_untrusted_grade_is_escaped(good: Assessment) -> None:
    text = render_badge_svg(with_score(good, 50.0, "<x&>"))
    assert "<x&>" not in text and "&lt;x&amp;&gt;" in text


@pytest.mark.parametrize(("overall", "grade"), [(74.4, "B"), (None, "?")])
def test_endpoint_json_obeys_shields_rules(good: Assessment, overall: float | None, grade: str) -> None:
    document = json.loads(render_badge_json(with_score(good, overall, grade)))
    assert document["schemaVersion"] == 1
    assert set(document) <= SHIELDS_KEYS
    assert isinstance(document["label"], str) and document["message"]
    assert isinstance(document["cacheSeconds"], int) and document["cacheSeconds"] >= 0
    assert all(c in "0123456789abcdef" for c in document["color"])


def test_cli_writes_both_badges(good_repo: Path, tmp_path: Path) -> None:
    svg, endpoint = tmp_path / "b" / "badge.svg", tmp_path / "badge.json"
    result = CliRunner().invoke(app, ["score", str(good_repo), "-f", "json", "--badge", str(svg),
                                      "--badge-json", str(endpoint)])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    message = json.loads(endpoint.read_text())["message"]
    assert message.startswith(report["score"]["grade"] + " · ")
    assert message in svg.read_text()
