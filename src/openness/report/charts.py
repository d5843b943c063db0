"""Geometry of the inline SVG charts, computed here so templates only place numbers.

Hand-made SVG rather than a chart library: no dependency, deterministic output, themable
through CSS variables, and the accessibility markup (``<title>``, ``<desc>``) under our
control. Every chart is accompanied by a table with the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

LABEL_WIDTH = 185
PLOT_WIDTH = 330
VALUE_WIDTH = 150
COMPACT = (130, 190, 165)
"""Label, plot and value widths of a small-multiple chart, drawn about half as wide."""
ROW_HEIGHT = 30
TOP = 8
AXIS_HEIGHT = 22
CHAR_WIDTH = 7.5
"""Generous average width of a 13 px sans-serif character: labels are shortened to fit (the table has them in full)."""


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | None
    note: str
    y: int
    width: float


@dataclass(frozen=True)
class BarChart:
    """Horizontal bars on a 0–100 scale."""

    title: str
    desc: str
    bars: list[Bar]

    label_width: int = LABEL_WIDTH
    plot_width: int = PLOT_WIDTH
    value_width: int = VALUE_WIDTH

    @property
    def width(self) -> int:
        return self.label_width + self.plot_width + self.value_width

    @property
    def height(self) -> int:
        return TOP + ROW_HEIGHT * len(self.bars) + AXIS_HEIGHT

    @property
    def axis_y(self) -> int:
        return TOP + ROW_HEIGHT * len(self.bars)

    @property
    def ticks(self) -> list[tuple[float, int]]:
        return [(self.label_width + self.plot_width * t / 100, t) for t in (0, 25, 50, 75, 100)]


def bar_chart(title: str, items: list[tuple[str, float | None, str]], *, compact: bool = False) -> BarChart:
    """``items``: (label, value 0–100 or None, note such as "coverage 83 %")."""
    label_width, plot_width, value_width = COMPACT if compact else (LABEL_WIDTH, PLOT_WIDTH, VALUE_WIDTH)
    bars = [
        Bar(label=_short(label, int((label_width - 14) / CHAR_WIDTH)), value=value, note=note, y=TOP + i * ROW_HEIGHT,
            width=0.0 if value is None else round(plot_width * max(0.0, min(value, 100.0)) / 100, 1))
        for i, (label, value, note) in enumerate(items)
    ]
    desc = "; ".join(f"{label}: {'unscored' if value is None else f'{value:.1f} of 100'}"
                     f"{f' ({note})' if note else ''}" for label, value, note in items)
    return BarChart(title=title, desc=desc + ".", bars=bars, label_width=label_width, plot_width=plot_width,
                    value_width=value_width)


def _short(label: str, limit: int) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"
