"""A horizontal bar chart as inline SVG, laid out on the server: no JavaScript, no chart library.

Why by hand: one chart type with a few dozen bars does not justify a dependency, and the
page's Content-Security-Policy allows no inline script. This module only computes geometry
and texts; templates/insight/_chart.html draws it, so every label (council names come from
data, and data can be hostile) goes through Jinja's autoescaping like any other text, and the
web UI never builds markup in Python.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

BAR_HEIGHT = 22
GAP = 6
LABEL_WIDTH = 300
CHART_WIDTH = 420
VALUE_WIDTH = 110
MAX_BARS = 60
MAX_LABEL = 48


@dataclass(frozen=True)
class Bar:
    label: str
    value: Decimal


@dataclass(frozen=True)
class DrawnBar:
    """One bar's geometry and texts, ready for the template."""

    label: str  # full label (tooltip)
    short: str  # label as drawn
    value: str  # formatted value
    y: int
    text_y: int
    length: int


@dataclass(frozen=True)
class Chart:
    title: str
    width: int
    height: int
    label_width: int
    bar_height: int
    bars: list[DrawnBar] = field(default_factory=list)


def to_number(text: str | None) -> Decimal:
    """A cell as a number (0 for blanks and non-numbers), for charting only."""
    try:
        return Decimal(text or "0")
    except InvalidOperation:
        return Decimal(0)


def _short(label: str) -> str:
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1] + "…"


def _fmt(value: Decimal) -> str:
    return f"{value:,.0f}" if value == value.to_integral_value() else f"{value:,.2f}"


def bar_chart(bars: Sequence[Bar], title: str) -> Chart | None:
    """The layout of up to MAX_BARS bars scaled to the largest value; None when nothing to draw."""
    shown = list(bars)[:MAX_BARS]
    if not shown:
        return None
    top = max(b.value for b in shown)
    drawn = []
    for i, bar in enumerate(shown):
        y = GAP + i * (BAR_HEIGHT + GAP)
        length = 0 if top <= 0 or bar.value <= 0 else max(1, int(CHART_WIDTH * bar.value / top))
        drawn.append(DrawnBar(bar.label, _short(bar.label), _fmt(bar.value), y, y + BAR_HEIGHT - 6, length))
    return Chart(title, LABEL_WIDTH + CHART_WIDTH + VALUE_WIDTH, len(shown) * (BAR_HEIGHT + GAP) + GAP,
                 LABEL_WIDTH, BAR_HEIGHT, drawn)
