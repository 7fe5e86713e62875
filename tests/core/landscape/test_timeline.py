"""The timeline: bars from start to (actual or planned) end, grouped, with a today line from a given date."""

from __future__ import annotations

import itertools
from datetime import date

import pytest

from tui.core.landscape.render_text import FINISHED, PLANNED, RUNNING, TODAY, timeline_chart
from tui.core.landscape.timeline import (
    bar_cells,
    next_grouping,
    timeline,
    timeline_records,
    year_fraction,
    year_ticks,
)
from tui.core.model import Dataset

TODAY_DATE = date(2026, 1, 15)


def test_year_fractions() -> None:
    assert year_fraction(date(2026, 1, 1)) == 2026.0
    assert year_fraction(date(2024, 7, 1)) == pytest.approx(2024 + 182 / 366)


def test_years_span_every_bar_and_today(landscape: Dataset) -> None:
    line = timeline(landscape, today=TODAY_DATE)
    assert (line.first_year, line.last_year) == (2011, 2029)
    assert line.today == pytest.approx(2026 + 14 / 365)
    later = timeline(landscape, [t for t in landscape.trials if t.id == "orion"], today=date(2030, 6, 1))
    assert (later.first_year, later.last_year) == (2014, 2030)


def test_grouped_by_mechanism_or_phase_and_ordered_by_start(landscape: Dataset) -> None:
    by_mechanism = timeline(landscape, today=TODAY_DATE)
    assert [g.key for g in by_mechanism.groups] == [
        "opc_differentiation",
        "inhibitor_blockade",
        "thyroid_hormone",
        "metabolic",
        "cell_therapy",
    ]
    assert [b.trial.id for b in by_mechanism.groups[0].bars] == ["tucana", "orion", "vega", "lyra"]
    by_phase = timeline(landscape, today=TODAY_DATE, grouping="phase")
    assert [g.title for g in by_phase.groups] == ["Phase 1", "Phase 1/2", "Phase 2", "Phase 2b", "Phase 3"]
    assert next_grouping("mechanism") == "phase" and next_grouping("phase") == "mechanism"
    with pytest.raises(ValueError):
        timeline(landscape, today=TODAY_DATE, grouping="colour")


def test_trials_without_a_start_are_listed_not_drawn(landscape: Dataset) -> None:
    line = timeline(landscape, today=TODAY_DATE)
    assert [t.id for t in line.undated] == ["nullcell-open"]
    assert "nullcell-open" not in [b.trial.id for b in line.bars]
    assert "NCT10000009" in timeline_chart(line, 100).plain()


def test_running_trials_go_to_their_planned_end(landscape: Dataset) -> None:
    bars = {b.trial.id: b for b in timeline(landscape, today=TODAY_DATE).bars}
    assert bars["lyra"].ongoing and bars["lyra"].end == pytest.approx(2027 + 5 / 12 + 14 / 365)
    assert not bars["orion"].ongoing


def test_the_chart_draws_finished_running_and_planned_differently_with_today(landscape: Dataset) -> None:
    chart = timeline_chart(timeline(landscape, today=TODAY_DATE), 100)
    lines = dict(zip(chart.targets, chart.lines, strict=True))
    plain = {key: "".join(part for part, _ in line) for key, line in lines.items() if key}
    assert FINISHED in plain["orion"] and RUNNING not in plain["orion"]
    assert RUNNING in plain["lyra"] and PLANNED in plain["lyra"] and FINISHED not in plain["lyra"]
    assert plain["norma"].count(RUNNING) == 0 and PLANNED in plain["norma"]  # starts after today
    assert plain["orion"].rstrip().endswith("┊") and "✓" in plain["orion"]
    assert plain["vega"].index("✗") > plain["vega"].rindex(FINISHED)  # the marker after the bar's end
    today_columns = {text.index(TODAY) for key, text in plain.items() if TODAY in text}
    assert len(today_columns) == 1
    ruler = "".join(part for part, _ in chart.header[1])
    assert ruler.index("▼") in today_columns
    assert {role for line in chart.lines for _, role in line} >= {"bar", "bar-running", "bar-planned", "today"}


@pytest.mark.parametrize("width", [60, 80, 160])
def test_the_chart_fits_its_width(landscape: Dataset, width: int) -> None:
    chart = timeline_chart(timeline(landscape, today=TODAY_DATE), width)
    assert all(len(line) <= width for line in chart.plain().splitlines())


def test_year_labels_never_touch() -> None:
    for first, last, width in ((2011, 2029, 40), (2002, 2027, 60), (2002, 2027, 130), (1990, 2030, 20)):
        ticks = year_ticks(first, last, width)
        assert ticks
        starts = [column for column, _ in ticks]
        assert all(b - a >= 5 for a, b in itertools.pairwise(starts))
        assert all(column + 4 <= width for column in starts)


def test_bar_cells_cover_start_to_end(landscape: Dataset) -> None:
    line = timeline(landscape, today=TODAY_DATE)
    bars = {b.trial.id: b for b in line.bars}
    first, last = bar_cells(bars["tucana"], line.axis, 190)
    assert first == round((2011 + 3 / 12 + 14 / 365 - 2011) / 19 * 189)
    assert last > first


def test_records_for_json_and_csv(landscape: Dataset) -> None:
    records = timeline_records(timeline(landscape, today=TODAY_DATE))
    assert len(records) == len(landscape.trials)
    lyra = next(r for r in records if r["trial"] == "lyra")
    assert lyra["end"] == "2027-06" and lyra["end_planned"] and lyra["ongoing"]
