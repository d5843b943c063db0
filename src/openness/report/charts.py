"""Geometry of the inline SVG charts, computed here so templates only place numbers.

Hand-made SVG rather than a chart library: no dependency, deterministic output, themable
through CSS variables, and the accessibility markup (``<title>``, ``<desc>``) under our
control. Every chart is accompanied by a table with the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass
from os.path import commonprefix

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
    labels = _shorts([label for label, _, _ in items], int((label_width - 14) / CHAR_WIDTH))
    bars = [
        Bar(label=shown, value=value, note=note, y=TOP + i * ROW_HEIGHT,
            width=0.0 if value is None else round(plot_width * max(0.0, min(value, 100.0)) / 100, 1))
        for i, (shown, (_, value, note)) in enumerate(zip(labels, items, strict=True))
    ]
    desc = "; ".join(f"{label}: {'unscored' if value is None else f'{value:.1f} of 100'}"
                     f"{f' ({note})' if note else ''}" for label, value, note in items)
    return BarChart(title=title, desc=desc + ".", bars=bars, label_width=label_width, plot_width=plot_width,
                    value_width=value_width)


def _shorts(labels: list[str], limit: int) -> list[str]:
    """Each label in ``limit`` characters, keeping what tells it from the others: targets compared side
    by side often share a long start (one organisation's models), so a label that shares more than half
    its room with another starts just before where they differ."""
    shown = []
    for index, label in enumerate(labels):
        if len(label) <= limit:
            shown.append(label)
            continue
        shared = max((len(commonprefix([label, other])) for i, other in enumerate(labels) if i != index), default=0)
        start = 0 if shared < limit // 2 else shared - 3
        piece = ("…" if start else "") + label[start:]
        shown.append(piece if len(piece) <= limit else piece[: limit - 1] + "…")
    return shown


TREND_LEFT = 40
TREND_PLOT = (560, 220)
"""Width and height of a trend chart's plot area; the left margin holds the 0–100 axis labels."""
TREND_TOP = 12
TREND_BOTTOM = 40


@dataclass(frozen=True)
class Series:
    name: str
    css: str
    segments: list[str]
    """Polylines of ``x,y`` pairs: a point with no value (unscored) breaks the line."""
    dots: list[tuple[float, float, str]]


@dataclass(frozen=True)
class TrendChart:
    """Scores over time on a 0–100 scale: one line per series, vertical marks where a verdict changed."""

    title: str
    desc: str
    series: list[Series]
    marks: list[tuple[float, str]]
    labels: list[tuple[float, str]]

    width: int = TREND_LEFT + TREND_PLOT[0] + 20
    height: int = TREND_TOP + TREND_PLOT[1] + TREND_BOTTOM
    left: int = TREND_LEFT
    top: int = TREND_TOP
    bottom: int = TREND_TOP + TREND_PLOT[1]

    @property
    def ticks(self) -> list[tuple[float, int]]:
        return [(self._y(t), t) for t in (0, 25, 50, 75, 100)]

    @staticmethod
    def _y(value: float) -> float:
        return round(TREND_TOP + TREND_PLOT[1] * (1 - max(0.0, min(value, 100.0)) / 100), 1)


def trend_chart(title: str, times: list[str], series: list[tuple[str, list[float | None]]],
                marks: list[tuple[int, str]]) -> TrendChart:
    """``times``: one label per point; ``series``: (name, one value or None per point); ``marks``:
    (point index, what changed there). Points are evenly spaced: the table beside the chart has the dates."""
    count = len(times)
    step = TREND_PLOT[0] / (count - 1) if count > 1 else 0.0

    def x(i: int) -> float:
        return round(TREND_LEFT + (step * i if count > 1 else TREND_PLOT[0] / 2), 1)

    lines = []
    for index, (name, values) in enumerate(series):
        segments: list[list[str]] = [[]]
        dots = []
        for i, value in enumerate(values):
            if value is None:
                segments.append([])
                continue
            y = TrendChart._y(value)
            segments[-1].append(f"{x(i)},{y}")
            dots.append((x(i), y, f"{name}, {times[i]}: {value:.1f}"))
        kept = [" ".join(s) for s in segments if s]
        lines.append(Series(name=name, css=f"series-{index % 6}", segments=kept, dots=dots))
    every = max(1, count // 8)
    labels = [(x(i), times[i][:10]) for i in range(0, count, every)]
    desc = "; ".join(f"{name}: " + ", ".join("unscored" if v is None else f"{v:.1f}" for v in values)
                     for name, values in series)
    return TrendChart(title=title, desc=desc + ".", series=lines,
                      marks=[(x(i), what) for i, what in marks], labels=labels)
