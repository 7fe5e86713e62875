"""Scales of the landscape's charts: an axis (linear or log) mapped onto character cells, nice ticks and
where their labels go, and an interval drawn in cells with arrows where it runs off the axis.

Pure arithmetic on purpose: the forest plot's widget, its text rendering and the tests share it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .. import text

LINEAR, LOG = "linear", "log"
# Log-axis ticks, from the finest set of multiples of each power of ten to the coarsest.
LOG_MULTIPLES = ((1, 1.5, 2, 3, 5, 7), (1, 2, 5), (1, 3), (1,))
LINEAR_STEPS = (1, 2, 2.5, 5, 10)
# Glyphs (and their roles, which widgets turn into styles): nothing here depends on colour.
POINT, BAR, LEFT_END, RIGHT_END = "●", "─", "├", "┤"
LEFT_CLIP, RIGHT_CLIP = "◀", "▶"
NULL_LINE, NULL_CROSSED = "│", "┼"


@dataclass(frozen=True, slots=True)
class Axis:
    """A range of values on a linear or log scale; `column` places a value in one of `width` cells."""

    low: float
    high: float
    scale: str = LINEAR

    def __post_init__(self) -> None:
        if not (math.isfinite(self.low) and math.isfinite(self.high)) or self.low >= self.high:
            raise ValueError(f"an axis needs finite low < high, not {self.low}..{self.high}")
        if self.scale == LOG and self.low <= 0:
            raise ValueError("a log axis needs positive values")
        if self.scale not in (LINEAR, LOG):
            raise ValueError(f"unknown scale {self.scale!r}")

    def _t(self, value: float) -> float:
        return math.log10(value) if self.scale == LOG else value

    def fraction(self, value: float) -> float:
        """Where a value lies: 0 at `low`, 1 at `high`, beyond either end outside [0, 1] (a value a log
        axis cannot show, zero or below, is minus infinity)."""
        if self.scale == LOG and value <= 0:
            return -math.inf
        low, high = self._t(self.low), self._t(self.high)
        return (self._t(value) - low) / (high - low)

    def side(self, value: float) -> int:
        """-1 below the axis, +1 above it, 0 on it."""
        where = self.fraction(value)
        return -1 if where < 0 else 1 if where > 1 else 0

    def column(self, value: float, width: int) -> int | None:
        """The cell (0 … width−1) of a value on the axis; None for a value off it."""
        if width < 1 or self.side(value) != 0:
            return None
        return min(width - 1, max(0, round(self.fraction(value) * (width - 1))))

    def ticks(self, max_count: int) -> tuple[float, ...]:
        """At most `max_count` round values on the axis (at least two where the scale allows)."""
        if self.scale == LOG:
            return log_ticks(self.low, self.high, max_count)
        return linear_ticks(self.low, self.high, max_count)


def _round(value: float) -> float:
    """A tick value without floating-point dust (0.30000000000000004 -> 0.3)."""
    return float(f"{value:.12g}")


def nice_step(span: float, max_count: int) -> float:
    """The smallest step of 1, 2, 2.5 or 5 × 10^k that puts at most `max_count` ticks on any range `span` long."""
    if span <= 0:
        raise ValueError("span must be positive")
    intervals = max(1, max_count - 1)
    raw = span / intervals
    power = 10 ** math.floor(math.log10(raw))
    for multiple in LINEAR_STEPS:
        step = multiple * power
        if math.floor(span / step + 1e-9) <= intervals:
            return _round(step)
    return _round(10 * power)


def linear_ticks(low: float, high: float, max_count: int) -> tuple[float, ...]:
    """The multiples of a nice step between `low` and `high`."""
    step = nice_step(high - low, max_count)
    first = math.ceil(low / step - 1e-9)
    last = math.floor(high / step + 1e-9)
    return tuple(_round(k * step) + 0.0 for k in range(first, last + 1))


def log_ticks(low: float, high: float, max_count: int) -> tuple[float, ...]:
    """Round values (1, 2, 5 × 10^k, finer or coarser as room allows) between `low` and `high`."""
    best: tuple[float, ...] = ()
    for multiples in LOG_MULTIPLES:
        found = tuple(
            _round(m * 10.0**k)
            for k in range(math.floor(math.log10(low)) - 1, math.ceil(math.log10(high)) + 1)
            for m in multiples
            if low * (1 - 1e-9) <= m * 10.0**k <= high * (1 + 1e-9)
        )
        if len(found) <= max_count:
            return found if len(found) >= 2 or not best else best[:max_count]
        best = found
    return best[:max_count]


def tick_label(value: float) -> str:
    """'−2', '0.5', '10' (a true minus sign, no exponent)."""
    return text.signed(value, digits=4)


def tick_labels(axis: Axis, width: int, max_count: int | None = None) -> tuple[tuple[int, str], ...]:
    """(first cell, label) of each tick label that fits on one line of `width` cells without touching its
    neighbour: centred under its tick, moved inwards at the ends."""
    count = max_count if max_count is not None else max(2, width // 7)
    placed: list[tuple[int, str]] = []
    end = -2
    for value in axis.ticks(count):
        column = axis.column(value, width)
        if column is None:
            continue
        label = tick_label(value)
        start = min(max(0, column - len(label) // 2), max(0, width - len(label)))
        if start <= end + 1 or start + len(label) > width:
            continue
        placed.append((start, label))
        end = start + len(label) - 1
    return tuple(placed)


def axis_range(
    points: list[float], lows: list[float], highs: list[float], scale: str, stretch: float = 4.0, pad: float = 0.05
) -> Axis:
    """An axis that shows every point estimate and the no-effect value (in `points`), and the intervals
    (`lows`, `highs`) unless one reaches more than `stretch` times the points' own spread beyond them:
    that interval is then clipped (drawn with an arrow) rather than squeezing every other row."""
    log = scale == LOG

    def t(value: float) -> float:
        return math.log10(value) if log else value

    shown = [t(p) for p in points if not log or p > 0]
    if not shown:
        raise ValueError("an axis needs at least one value it can show")
    core_low, core_high = min(shown), max(shown)
    spread = core_high - core_low
    floor = math.log10(2) if log else max(abs(core_low), abs(core_high), 1e-9) * 0.5
    spread = max(spread, floor)
    reach = stretch * spread
    low = min([core_low, *(t(v) for v in lows if not log or v > 0)])
    high = max([core_high, *(t(v) for v in highs if not log or v > 0)])
    low, high = max(low, core_low - reach), min(high, core_high + reach)
    if high - low < spread:  # a single value: give it room on both sides
        middle = (high + low) / 2
        low, high = middle - spread / 2, middle + spread / 2
    margin = (high - low) * pad
    low, high = low - margin, high + margin
    return Axis(10**low, 10**high, LOG) if log else Axis(low, high, LINEAR)


@dataclass(frozen=True, slots=True)
class Glyph:
    column: int
    char: str
    role: str  # "ci", "ci-end", "point", "clip", "null"


def interval_glyphs(
    axis: Axis, width: int, estimate: float, low: float | None, high: float | None, null: float | None = None
) -> tuple[Glyph, ...]:
    """An estimate and its interval in `width` cells: ├──●──┤, with ◀ / ▶ at an end the interval (or the
    estimate) runs past, and the no-effect line │ (┼ where the interval crosses it)."""
    cells: dict[int, Glyph] = {}
    last = width - 1
    if low is not None and high is not None:
        off = axis.side(low) if axis.side(low) == axis.side(high) else 0
        if off:  # the whole interval lies beyond one end: only an arrow there
            edge = 0 if off < 0 else last
            cells[edge] = Glyph(edge, LEFT_CLIP if off < 0 else RIGHT_CLIP, "clip")
        else:
            left, right = axis.column(low, width), axis.column(high, width)
            start = 0 if left is None else left
            stop = last if right is None else right
            for column in range(start, stop + 1):
                cells[column] = Glyph(column, BAR, "ci")
            cells[start] = Glyph(start, LEFT_CLIP, "clip") if left is None else Glyph(start, LEFT_END, "ci-end")
            if right is None:
                cells[stop] = Glyph(stop, RIGHT_CLIP, "clip")
            elif stop != start:
                cells[stop] = Glyph(stop, RIGHT_END, "ci-end")
    null_column = axis.column(null, width) if null is not None else None
    if null_column is not None:
        crossed = null_column in cells and cells[null_column].role == "ci"
        if null_column not in cells or crossed:
            cells[null_column] = Glyph(null_column, NULL_CROSSED if crossed else NULL_LINE, "ci" if crossed else "null")
    point = axis.column(estimate, width)
    if point is not None:
        cells[point] = Glyph(point, POINT, "point")
    else:
        edge = 0 if axis.side(estimate) < 0 else last
        cells[edge] = Glyph(edge, LEFT_CLIP if edge == 0 else RIGHT_CLIP, "clip")
    return tuple(cells[c] for c in sorted(cells) if 0 <= c < width)
