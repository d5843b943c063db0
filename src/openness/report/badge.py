"""Badges: an offline SVG in the shields.io "flat" look, and a shields endpoint JSON document.

Text widths come from DejaVu Sans metrics (``badge_widths.py``) and are written as
``textLength``, so the text fills its box exactly whatever font the viewer has. Colours
follow the grade; the grade and score are always spelled out in the message.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass

from ..assessment import Assessment
from .badge_widths import UNITS_PER_EM, WIDTHS
from .markup import html_environment

LABEL = "openness"
FONT_SIZE = 11
PADDING = 6
"""Pixels of space left and right of each text."""

# shields.io named colours (brightgreen, green, yellow, orange, red, lightgrey), without '#'.
GRADE_COLORS = {"A": "4c1", "B": "97ca00", "C": "dfb317", "D": "fe7d37", "F": "e05d44"}
UNSCORED_COLOR = "9f9f9f"
OTHER_GRADE_COLOR = "fe7d37"
_FALLBACK_WIDTH = max(WIDTHS.values())
"""Characters outside the table get the widest known width, so text never overflows."""


def text_width(text: str) -> float:
    """Width in pixels of ``text`` in DejaVu Sans at the badge's font size."""
    units = sum(WIDTHS.get(ch, _FALLBACK_WIDTH) for ch in text)
    return units * FONT_SIZE / UNITS_PER_EM


def badge_message(assessment: Assessment) -> str:
    """``"B · 74"``: grade and overall score rounded half up; ``"unscored"`` when there is none."""
    overall = assessment.score.overall
    if overall is None:
        return "unscored"
    return f"{assessment.score.grade} · {math.floor(overall + 0.5)}"


def badge_color(assessment: Assessment) -> str:
    """Hex colour (no '#') by grade."""
    if assessment.score.overall is None:
        return UNSCORED_COLOR
    return GRADE_COLORS.get(assessment.score.grade, OTHER_GRADE_COLOR)


@dataclass(frozen=True)
class BadgeGeometry:
    """Everything the SVG template needs; x positions and lengths in tenths of a pixel."""

    label: str
    message: str
    color: str
    label_box: int
    message_box: int
    label_length: int
    message_length: int

    @property
    def width(self) -> int:
        return self.label_box + self.message_box

    @property
    def label_x(self) -> int:
        return self.label_box * 5

    @property
    def message_x(self) -> int:
        return self.label_box * 10 + self.message_box * 5

    @property
    def text_color(self) -> str:
        """Dark text on bright backgrounds (as shields does), white otherwise."""
        r, g, b = (int(c * 2, 16) for c in self.color) if len(self.color) == 3 else (
            int(self.color[i:i + 2], 16) for i in (0, 2, 4))
        brightness = (299 * r + 587 * g + 114 * b) / 255000
        return "#333" if brightness >= 0.69 else "#fff"

    @property
    def shadow(self) -> str:
        return "#ccc" if self.text_color == "#333" else "#010101"


def geometry(label: str, message: str, color: str) -> BadgeGeometry:
    label_width = math.ceil(text_width(label))
    message_width = math.ceil(text_width(message))
    return BadgeGeometry(
        label=label, message=message, color=color,
        label_box=label_width + 2 * PADDING, message_box=message_width + 2 * PADDING,
        label_length=label_width * 10, message_length=message_width * 10,
    )


def render_badge_svg(assessment: Assessment) -> str:
    """The SVG badge (label "openness", message like "B · 74", colour by grade)."""
    badge = geometry(LABEL, badge_message(assessment), badge_color(assessment))
    return html_environment().get_template("badge.svg.j2").render(b=badge)


def render_badge_json(assessment: Assessment) -> str:
    """A shields.io endpoint document: schemaVersion 1 and only keys shields knows."""
    document = {
        "schemaVersion": 1,
        "label": LABEL,
        "message": badge_message(assessment),
        "color": badge_color(assessment),
        "cacheSeconds": 3600,
    }
    return json.dumps(document, ensure_ascii=False) + "\n"
