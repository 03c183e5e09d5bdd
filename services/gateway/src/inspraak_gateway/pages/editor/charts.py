"""Horizontal bar charts as data for server-rendered inline SVG: no script, no inline style
(the CSP forbids both), the colours come from the style sheet. Every chart is drawn next to
a table with the same figures, which is what screen readers and printouts use."""

from dataclasses import dataclass

WIDTH = 600  # the SVG's viewBox width; it scales to the page
LABEL_WIDTH = 220
BAR_HEIGHT = 22
GAP = 10


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    shown: str  # the value as the table shows it
    y: int
    width: int


@dataclass(frozen=True)
class Chart:
    bars: list[Bar]
    height: int
    label_width: int = LABEL_WIDTH
    width: int = WIDTH


def bar_chart(rows: list[tuple[str, float, str]]) -> Chart:
    """(label, value, value as shown) per bar; bars scaled to the largest value."""
    top = max((value for _, value, _ in rows), default=0) or 1
    room = WIDTH - LABEL_WIDTH - 60  # leaves space for the value after the bar
    bars = [
        Bar(
            label=label if len(label) <= 32 else label[:31] + "…",
            value=value,
            shown=shown,
            y=i * (BAR_HEIGHT + GAP),
            width=max(1, round(room * value / top)) if value > 0 else 0,
        )
        for i, (label, value, shown) in enumerate(rows)
    ]
    return Chart(bars=bars, height=max(1, len(bars) * (BAR_HEIGHT + GAP)))
