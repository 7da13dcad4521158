"""Counts over time -> an inline SVG step chart (the ratification timeline), drawn at build time, no script."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from html import escape
from typing import Callable, Sequence

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 40, 16, 40, 36  # room for the legend above and the axes' labels


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

    The drawing is laid out in fixed coordinates, so on a right-to-left page the SVG says direction="ltr" (else
    the inherited direction would turn every text-anchor round, push the legend over its swatch and the axis
    numbers into the plot). Labels in a right-to-left script still read right to left; on such
    a page the legend starts from the right, each swatch to the right of its label.
    """
    top_count = max([count for line in series for _, count in line.steps] + [1])
    y_max = _nice_ceiling(top_count)
    span = max((end - start).days, 1)

    def x(day: datetime.date) -> float:
        return LEFT + (WIDTH - LEFT - RIGHT) * (day - start).days / span

    def y(count: int) -> float:
        return HEIGHT - BOTTOM - (HEIGHT - TOP - BOTTOM) * count / y_max

    fixed = ' direction="ltr"' if direction == "rtl" else ""  # a left-to-right page needs no word about it
    parts = [f'<svg class="timeline" viewBox="0 0 {WIDTH} {HEIGHT}"{fixed} role="img" '
             f'aria-labelledby="{id_prefix}-title {id_prefix}-desc" xmlns="http://www.w3.org/2000/svg">',
             f'<title id="{id_prefix}-title">{escape(title)}</title>',
             f'<desc id="{id_prefix}-desc">{escape(description)}</desc>']
    for tick in _ticks(y_max):
        parts.append(f'<line class="grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(tick):.1f}" y2="{y(tick):.1f}"/>')
        parts.append(f'<text class="axis" x="{LEFT - 6}" y="{y(tick) + 4:.1f}" text-anchor="end">'
                     f'{escape(number_label(tick))}</text>')
    for year in range(start.year + 1, end.year + 1):
        left = x(datetime.date(year, 1, 1))
        parts.append(f'<line class="tick" x1="{left:.1f}" x2="{left:.1f}" y1="{HEIGHT - BOTTOM}" '
                     f'y2="{HEIGHT - BOTTOM + 4}"/>')
        if (year - start.year) % _year_step(end.year - start.year) == 0:
            parts.append(f'<text class="axis" x="{left:.1f}" y="{HEIGHT - BOTTOM + 18}" text-anchor="middle">'
                         f'{escape(year_label(year))}</text>')
    for line in series:
        parts.append(f'<path class="series {escape(line.css_class)}" d="{_step_path(line.steps, end, x, y)}"/>')
    for index, line in enumerate(series):  # one row above the plot, so it never hides a line
        if direction == "rtl":
            swatch_x = WIDTH - RIGHT - 14 - 200 * index
            label_x, anchor = swatch_x - 6, ' text-anchor="end"'
        else:
            swatch_x, label_x, anchor = LEFT + 200 * index, LEFT + 200 * index + 20, ""
        parts.append(f'<rect class="{escape(line.css_class)}" x="{swatch_x}" y="12" width="14" height="4"/>')
        parts.append(f'<text class="legend" x="{label_x}" y="18"{anchor}>{escape(line.label)}</text>')
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
