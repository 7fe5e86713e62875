"""Forest plots: one panel per estimate type and unit (ratios on a log axis), nothing pooled, and every
outcome without an estimate listed rather than left out."""

from __future__ import annotations

import pytest

from tui.core.landscape.axis import LINEAR, LOG
from tui.core.landscape.forest import (
    NOTHING_POOLED,
    find_measure,
    forest_dict,
    forest_measures,
    forest_plot,
    forest_records,
)
from tui.core.landscape.render_text import forest_chart
from tui.core.model import Dataset


def plot_of(dataset: Dataset, name: str):
    measure = find_measure(dataset, name)
    assert measure is not None
    return forest_plot(dataset, measure)


def test_measures_are_found_by_id_abbreviation_name_or_alias(landscape: Dataset) -> None:
    for name in ("ffvep", "VEP", "vep", "Full-field visual evoked potential", "p100 latency"):
        measure = find_measure(landscape, name)
        assert measure is not None and measure.id == "ffvep", name
    assert find_measure(landscape, "nope") is None


def test_measures_with_the_most_estimates_come_first(landscape: Dataset) -> None:
    assert [m.id for m in forest_measures(landscape)][:2] == ["ffvep", "mtr"]
    assert "sep" not in [m.id for m in forest_measures(landscape)]  # no trial uses it


def test_estimates_of_different_types_or_units_never_share_a_panel(landscape: Dataset) -> None:
    plot = plot_of(landscape, "vep")
    # Most rows first, then in the vocabulary's order of estimate types.
    assert [p.key for p in plot.panels] == [
        ("mean_difference", "ms"),
        ("mean_difference", "ms per eye"),
        ("difference_in_change", "ms"),
    ]
    for panel in plot.panels:
        assert {(r.effect.estimate_type, r.effect.unit) for r in panel.rows} == {panel.key}
    assert [r.trial.id for r in plot.panels[0].rows] == ["orion", "vega"]  # oldest first


def test_ratios_are_on_a_log_axis_and_differences_on_a_linear_one(landscape: Dataset) -> None:
    edss = plot_of(landscape, "edss")
    assert {p.estimate_type: p.axis.scale for p in edss.panels} == {"hazard_ratio": LOG, "odds_ratio": LOG}
    assert all(p.no_effect == 1.0 for p in edss.panels)
    vep = plot_of(landscape, "vep")
    assert all(p.axis.scale == LINEAR and p.no_effect == 0.0 for p in vep.panels)


def test_each_panel_axis_shows_its_points_and_the_no_effect_value(landscape: Dataset) -> None:
    for name in ("vep", "mtr", "edss"):
        for panel in plot_of(landscape, name).panels:
            assert panel.axis.side(panel.no_effect) == 0
            assert all(panel.axis.side(row.effect.estimate) == 0 for row in panel.rows)


def test_a_very_wide_interval_is_clipped_with_an_arrow(landscape: Dataset) -> None:
    odds = next(p for p in plot_of(landscape, "edss").panels if p.estimate_type == "odds_ratio")
    assert odds.axis.side(40.0) == 1  # DRACO's 0.05 to 40 runs off the right end
    chart = forest_chart(plot_of(landscape, "edss"), 100).plain()
    draco = next(line for line in chart.splitlines() if "DRACO" in line)
    assert draco.rstrip().endswith("1.4 (0.05 to 40)")
    assert "▶" in draco


def test_rows_are_labelled_with_the_trial_its_size_and_time_point(landscape: Dataset) -> None:
    rows = {r.trial.id: r for r in plot_of(landscape, "vep").rows}
    assert rows["orion"].label == "1° ORION n=50 5 months"
    assert rows["orion"].value == "−1.7 (−2.9 to −0.5)"
    assert rows["draco"].label == "1° DRACO n=150 week 32"


def test_outcomes_without_an_estimate_are_listed_with_their_verdict(landscape: Dataset) -> None:
    vep = plot_of(landscape, "vep")
    assert [(u.trial.id, u.verdict) for u in vep.unplotted] == [("pavo", "○ ongoing"), ("lyra", "○ ongoing")]
    mtr = plot_of(landscape, "mtr")
    unplotted = {u.trial.id: u for u in mtr.unplotted}
    assert unplotted["cetus"].verdict == "? not reported"
    assert unplotted["nullcell-open"].outcome is None  # used MTR, no outcome on it recorded
    assert "no outcome on it recorded" in unplotted["nullcell-open"].detail
    mwf = plot_of(landscape, "mwf")
    assert mwf.panels == ()
    assert {u.trial.id for u in mwf.unplotted} == {"cetus", "hydra", "pavo"}
    hydra = next(u for u in mwf.unplotted if u.trial.id == "hydra")
    assert hydra.verdict.startswith("descriptive")


@pytest.mark.parametrize("width", [60, 80, 120, 160])
def test_the_chart_says_nothing_is_pooled_and_fits_its_width(landscape: Dataset, width: int) -> None:
    for name in ("vep", "mtr", "edss", "mwf", "oct"):
        chart = forest_chart(plot_of(landscape, name), width)
        assert NOTHING_POOLED in " ".join(chart.plain().split())
        assert all(len(line) <= width for line in chart.plain().splitlines())
        assert len(chart.lines) == len(chart.targets)
        assert "◆" not in chart.plain()  # no summary diamond


def test_each_panel_has_its_own_axis_and_favours_line(landscape: Dataset) -> None:
    text = forest_chart(plot_of(landscape, "vep"), 100).plain()
    assert text.count("◀ favours intervention") == 3
    assert "Mean difference, ms · 95% CI" in text and "Mean difference, ms per eye · 95% CI" in text
    edss = forest_chart(plot_of(landscape, "edss"), 100).plain()
    assert "◀ favours comparator" in edss  # higher odds favour the intervention there
    assert "Odds ratio (log scale)" in edss


def test_cursor_targets_are_the_trials_of_plotted_and_unplotted_lines(landscape: Dataset) -> None:
    chart = forest_chart(plot_of(landscape, "vep"), 100)
    assert [t for t in chart.targets if t] == ["orion", "vega", "ara", "draco", "pavo", "lyra"]


def test_records_for_json_and_csv_include_the_unplotted(landscape: Dataset) -> None:
    plot = plot_of(landscape, "vep")
    records = forest_records(plot)
    assert [r["plotted"] for r in records].count(False) == 2
    orion = next(r for r in records if r["trial"] == "orion")
    assert orion["estimate"] == -1.7 and orion["p_value"] == "p = 0.0048" and orion["scale"] == LINEAR
    data = forest_dict(plot)
    assert data["pooled"] is False and len(data["panels"]) == 3
