"""Scales of the charts: linear and log axes in character cells, nice ticks, and intervals clipped with arrows."""

from __future__ import annotations

import itertools
import math

import pytest

from tui.core.landscape.axis import (
    LINEAR,
    LOG,
    Axis,
    axis_range,
    interval_glyphs,
    linear_ticks,
    log_ticks,
    nice_step,
    tick_label,
    tick_labels,
)


def drawn(glyphs) -> str:
    """The glyphs as a string of `width` cells (spaces where nothing is drawn)."""
    width = 21
    cells = [" "] * width
    for glyph in glyphs:
        cells[glyph.column] = glyph.char
    return "".join(cells)


# Linear scale ------------------------------------------------------------------------------------------------


def test_linear_axis_maps_ends_to_the_first_and_last_cell() -> None:
    axis = Axis(-2.0, 2.0)
    assert axis.column(-2.0, 21) == 0
    assert axis.column(2.0, 21) == 20
    assert axis.column(0.0, 21) == 10
    assert axis.column(1.0, 21) == 15


def test_values_off_a_linear_axis_have_no_cell_and_a_side() -> None:
    axis = Axis(0.0, 10.0)
    assert axis.column(-0.01, 11) is None and axis.side(-0.01) == -1
    assert axis.column(10.5, 11) is None and axis.side(10.5) == 1
    assert axis.side(5.0) == 0


@pytest.mark.parametrize(
    ("span", "count", "step"),
    [
        (10.0, 6, 2.0),
        (5.3, 6, 1.0),
        (1.0, 5, 0.25),
        (0.07, 8, 0.01),
        (1234.0, 5, 250.0),
        (4.0, 2, 2.5),
        (3.0, 2, 2.0),
        (9.0, 2, 5.0),
    ],
)
def test_nice_steps_are_one_two_two_and_a_half_or_five_times_a_power_of_ten(span, count, step) -> None:
    found = nice_step(span, count)
    assert found == pytest.approx(step)
    assert math.floor(span / found + 1e-9) <= max(1, count - 1)


def test_linear_ticks_are_round_multiples_inside_the_range_without_float_dust() -> None:
    assert linear_ticks(-3.1, 2.2, 6) == (-3.0, -2.0, -1.0, 0.0, 1.0, 2.0)
    assert linear_ticks(0.05, 0.95, 10) == (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
    assert all(str(t) == f"{t:.12g}" or str(t).endswith(".0") for t in linear_ticks(0.05, 0.95, 10))


def test_tick_labels_use_a_true_minus_and_no_exponent() -> None:
    assert tick_label(-2.0) == "−2"
    assert tick_label(0.5) == "0.5"
    assert tick_label(10.0) == "10"
    assert tick_label(0.0001) == "0.0001"


def test_tick_labels_never_touch_and_stay_inside_the_width() -> None:
    for width in (12, 20, 37, 80):
        placed = tick_labels(Axis(-12.5, 3.7), width)
        assert placed, width
        ends = [(start, start + len(label) - 1) for start, label in placed]
        assert all(a >= 0 and b < width for a, b in ends)
        assert all(later[0] > earlier[1] + 1 for earlier, later in itertools.pairwise(ends))


# Log scale -------------------------------------------------------------------------------------------------


def test_log_axis_puts_equal_ratios_at_equal_distances() -> None:
    axis = Axis(0.1, 10.0, LOG)
    assert axis.column(1.0, 21) == 10
    assert axis.column(0.1, 21) == 0 and axis.column(10.0, 21) == 20
    assert axis.fraction(2.0) - axis.fraction(1.0) == pytest.approx(axis.fraction(1.0) - axis.fraction(0.5))


def test_log_axis_cannot_show_zero_or_less() -> None:
    axis = Axis(0.1, 10.0, LOG)
    assert axis.fraction(0.0) == -math.inf
    assert axis.column(0.0, 21) is None and axis.side(-1.0) == -1
    with pytest.raises(ValueError):
        Axis(0.0, 10.0, LOG)


@pytest.mark.parametrize("bounds", [(1.0, 1.0), (2.0, 1.0), (0.0, math.inf), (math.nan, 1.0)])
def test_an_axis_needs_finite_increasing_bounds(bounds) -> None:
    with pytest.raises(ValueError):
        Axis(*bounds)


def test_log_ticks_are_one_two_five_or_coarser_as_room_allows() -> None:
    assert log_ticks(0.1, 10.0, 7) == (0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0)
    assert log_ticks(0.1, 10.0, 5) == (0.1, 0.3, 1.0, 3.0, 10.0)
    assert log_ticks(0.01, 100.0, 5) == (0.01, 0.1, 1.0, 10.0, 100.0)
    assert log_ticks(0.6, 1.2, 6) == (0.7, 1.0)


def test_log_axis_tick_labels_include_the_no_effect_value() -> None:
    labels = [label for _, label in tick_labels(Axis(0.05, 20.0, LOG), 40)]
    assert "1" in labels


# Ranges ----------------------------------------------------------------------------------------------------


def test_axis_range_shows_every_point_the_no_effect_value_and_ordinary_intervals() -> None:
    axis = axis_range([-1.7, 0.4, 0.0], [-2.9, -1.2], [-0.5, 2.0], LINEAR)
    assert axis.scale == LINEAR
    for value in (-2.9, -1.7, 0.0, 0.4, 2.0):
        assert axis.side(value) == 0


def test_axis_range_clips_an_interval_far_wider_than_the_points_spread() -> None:
    axis = axis_range([1.0, 1.2, 1.0], [0.9], [500.0], LOG)
    assert axis.scale == LOG
    assert axis.side(500.0) == 1  # drawn with an arrow rather than squeezing every row
    assert axis.side(0.9) == 0 and axis.side(1.2) == 0


def test_axis_range_gives_a_single_value_room_on_both_sides() -> None:
    axis = axis_range([0.0, 0.0], [], [], LINEAR)
    assert axis.low < 0 < axis.high
    ratio = axis_range([1.0], [], [], LOG)
    assert ratio.low < 1 < ratio.high


# Intervals in cells ----------------------------------------------------------------------------------------


def test_an_interval_inside_the_axis_has_two_ends_a_point_and_the_no_effect_line() -> None:
    axis = Axis(-5.0, 5.0)
    assert drawn(interval_glyphs(axis, 21, -3.0, -4.0, -2.0, 0.0)) == "  ├─●─┤   │          "


def test_an_interval_crossing_no_effect_shows_the_crossing() -> None:
    axis = Axis(-5.0, 5.0)
    assert drawn(interval_glyphs(axis, 21, 1.0, -1.0, 3.0, 0.0)) == "        ├─┼─●───┤    "


def test_interval_ends_beyond_the_axis_are_arrows_at_the_axis_ends() -> None:
    axis = Axis(-5.0, 5.0)
    glyphs = interval_glyphs(axis, 21, 0.5, -9.0, 40.0, None)
    assert drawn(glyphs) == "◀──────────●────────▶"
    assert {g.role for g in glyphs if g.char in "◀▶"} == {"clip"}
    assert drawn(interval_glyphs(axis, 21, 4.0, 3.0, 9.0, None)) == "                ├─●─▶"
    assert drawn(interval_glyphs(axis, 21, -4.0, -11.0, -3.0, None)) == "◀─●─┤                "


def test_an_interval_wholly_beyond_one_end_is_a_single_arrow() -> None:
    axis = Axis(-5.0, 5.0)
    assert drawn(interval_glyphs(axis, 21, 8.0, 6.0, 9.0, 0.0)) == "          │         ▶"
    assert drawn(interval_glyphs(axis, 21, -8.0, -9.0, -6.0, None)) == "◀                    "


def test_a_ratio_interval_reaching_zero_is_clipped_on_a_log_axis() -> None:
    axis = Axis(0.25, 4.0, LOG)
    assert drawn(interval_glyphs(axis, 21, 0.5, 0.0, 2.0, 1.0)) == "◀────●────┼────┤     "


def test_a_point_without_an_interval_is_just_the_point() -> None:
    axis = Axis(-5.0, 5.0)
    assert drawn(interval_glyphs(axis, 21, 2.5, None, None, 0.0)) == "          │    ●     "
