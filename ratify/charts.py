"""Counts over time -> an inline SVG step chart (the ratification timeline), drawn at build time, no script."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from html import escape
from typing import Callable, Sequence

WIDTH, HEIGHT = 640, 300
# Room for the legend's two rows above the plot, the counts beside it and the years below it. The stylesheet sets
# the text's size in these units for each screen width, so that on a phone it is still at least 12 CSS pixels.
START, END, TOP, BOTTOM = 60, 20, 76, 44
LEGEND_ROW = 30  # the distance between the legend's rows


@dataclass(frozen=True)
class Series:
    """One line of the chart: a running count that steps up on the days something happened."""

    css_class: str  # colours come from the stylesheet: "series-parties"
    label: str  # shown in the legend, already translated
    steps: tuple[tuple[datetime.date, int], ...]  # (day, count from that day on), in date order


def timeline_svg(series: Sequence[Series], start: datetime.date, end: datetime.date, title: str,
                 description: str, year_label: Callable[[int], str], number_label: Callable[[int], str],
                 id_prefix: str = "timeline", direction: str = "ltr") -> str:
    """A step chart of `series` from `start` to `end`, with year ticks and a legend; labelled for screen readers.

    On a right-to-left page the drawing is mirrored: time runs from right to left, the counts stand on the right
    and each legend swatch is to the right of its label. The coordinates are computed here, so the SVG says
    direction="ltr" (else the inherited direction would turn every text-anchor round a second time); labels in a
    right-to-left script still read right to left.
    """
    top_count = max([count for line in series for _, count in line.steps] + [1])
    y_max = _nice_ceiling(top_count)
    span = max((end - start).days, 1)
    mirrored = direction == "rtl"

    def h(offset: float) -> float:
        """A distance from the chart's starting edge (left, or right on a mirrored chart) -> an x coordinate."""
        return WIDTH - offset if mirrored else offset

    def x(day: datetime.date) -> float:
        return h(START + (WIDTH - START - END) * (day - start).days / span)

    def y(count: int) -> float:
        return HEIGHT - BOTTOM - (HEIGHT - TOP - BOTTOM) * count / y_max

    to_start, to_end = ("start", "end") if mirrored else ("end", "start")  # anchors towards either edge
    fixed = ' direction="ltr"' if mirrored else ""  # a left-to-right page needs no word about it
    parts = [f'<svg class="timeline" viewBox="0 0 {WIDTH} {HEIGHT}"{fixed} role="img" '
             f'aria-labelledby="{id_prefix}-title {id_prefix}-desc" xmlns="http://www.w3.org/2000/svg">',
             f'<title id="{id_prefix}-title">{escape(title)}</title>',
             f'<desc id="{id_prefix}-desc">{escape(description)}</desc>']
    for tick in _ticks(y_max):
        parts.append(f'<line class="grid" x1="{h(START):g}" x2="{h(WIDTH - END):g}" y1="{y(tick):.1f}" '
                     f'y2="{y(tick):.1f}"/>')
        parts.append(f'<text class="axis" x="{h(START - 8):g}" y="{y(tick):.1f}" dy="0.35em" '
                     f'text-anchor="{to_start}">{escape(number_label(tick))}</text>')
    for year in range(start.year + 1, end.year + 1):
        left = x(datetime.date(year, 1, 1))
        parts.append(f'<line class="tick" x1="{left:.1f}" x2="{left:.1f}" y1="{HEIGHT - BOTTOM}" '
                     f'y2="{HEIGHT - BOTTOM + 5}"/>')
        if (year - start.year) % _year_step(end.year - start.year) == 0:
            parts.append(f'<text class="axis" x="{left:.1f}" y="{HEIGHT - BOTTOM + 8}" dy="0.9em" '
                         f'text-anchor="middle">{escape(year_label(year))}</text>')
    for line in series:
        parts.append(f'<path class="series {escape(line.css_class)}" d="{_step_path(line.steps, end, x, y)}"/>')
    for index, line in enumerate(series):  # one row each above the plot, so a long label never meets another
        row = 20 + LEGEND_ROW * index
        swatch = h(START) if not mirrored else h(START) - 18
        parts.append(f'<rect class="{escape(line.css_class)}" x="{swatch:g}" y="{row - 3}" width="18" height="6"/>')
        parts.append(f'<text class="legend" x="{h(START + 26):g}" y="{row}" dy="0.35em" text-anchor="{to_end}">'
                     f'{escape(line.label)}</text>')
    parts.append("</svg>")
    return "\n".join(parts)


def _step_path(steps: tuple[tuple[datetime.date, int], ...], end: datetime.date,
               x: Callable[[datetime.date], float], y: Callable[[int], float]) -> str:
    if not steps:
        return ""
    commands = [f"M{x(steps[0][0]):.1f},{y(0):.1f}"]
    for day, count in steps:
        commands.append(f"H{x(day):.1f}V{y(count):.1f}")
    commands.append(f"H{x(end):.1f}")
    return "".join(commands)


def _nice_ceiling(value: int) -> int:
    """The next round number above `value` for the vertical axis: 10, 20, 50, 100…"""
    for candidate in (5, 10, 20, 25, 50, 100, 200, 250, 500, 1000):
        if value <= candidate:
            return candidate
    return (value // 1000 + 1) * 1000


def _ticks(y_max: int) -> list[int]:
    step = y_max // 5 if y_max >= 10 else 1
    return list(range(0, y_max + 1, step))


def _year_step(years: int) -> int:
    return 1 if years <= 8 else 2 if years <= 16 else 5


def running_counts(days: Sequence[datetime.date]) -> tuple[tuple[datetime.date, int], ...]:
    """(day, how many by then) for each distinct day of `days`."""
    counts: dict[datetime.date, int] = {}
    for total, day in enumerate(sorted(days), start=1):
        counts[day] = total
    return tuple(sorted(counts.items()))
