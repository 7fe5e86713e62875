"""The trials table: rows, sorting (unknown values last), the search language as filter, facets with counts."""

from __future__ import annotations

import pytest

from tui.core.landscape import table
from tui.core.landscape.table import (
    NONE,
    apply_facets,
    fit_columns,
    index_search,
    parse_facet,
    sort_rows,
    table_view,
    toggled,
    trial_rows,
)
from tui.core.model import Dataset
from tui.core.search import SearchIndex


@pytest.fixture(scope="module")
def search(landscape: Dataset):
    return index_search(SearchIndex(landscape))


def ids(rows) -> list[str]:
    return [row.id for row in rows]


def test_one_row_per_trial_with_its_interventions_mechanisms_and_measures(landscape: Dataset) -> None:
    rows = {row.id: row for row in trial_rows(landscape)}
    assert len(rows) == len(landscape.trials)
    pavo = rows["pavo"]
    assert pavo.interventions == ("Fakeformin", "Stubastine fumarate")
    assert pavo.mechanisms == ("metabolic", "opc_differentiation")
    assert pavo.measure_labels == ("VEP", "MWF")
    assert rows["tucana"].n == 196  # the headline count: analysed
    assert rows["nullcell-open"].n is None


@pytest.mark.parametrize("column", table.SORT_KEYS)
@pytest.mark.parametrize("descending", [False, True])
def test_every_column_sorts_with_unknown_values_last_either_way(
    landscape: Dataset, column: str, descending: bool
) -> None:
    rows = sort_rows(trial_rows(landscape), column, descending)
    assert sorted(ids(rows)) == sorted(t.id for t in landscape.trials)
    spec = table.BY_KEY[column]
    keys = [spec.sort_key(row) for row in rows]
    known = [k for k in keys if k is not None]
    assert keys[: len(known)] == known, "unknown values come last"
    assert known == sorted(known, reverse=descending)


def test_sorting_by_size_puts_the_largest_first_and_the_unknown_last(landscape: Dataset) -> None:
    rows = sort_rows(trial_rows(landscape), "n", descending=True)
    assert ids(rows)[:2] == ["lyra", "tucana"]
    assert ids(rows)[-1] == "nullcell-open"


def test_sorting_by_phase_counts_a_one_two_trial_as_phase_two(landscape: Dataset) -> None:
    rows = sort_rows(trial_rows(landscape), "phase", descending=True)
    assert ids(rows)[0] == "lyra"  # phase 3
    phases = [row.trial.phase for row in rows]
    assert phases.index("2b") < phases.index("2") < phases.index("1/2") < phases.index("1")


def test_the_query_uses_the_search_language_with_date_and_size_filters(landscape: Dataset, search) -> None:
    assert ids(table_view(landscape, "year:>2018 phase:2", search=search).rows) == ["pavo"]
    assert set(ids(table_view(landscape, "n:>=100", search=search).rows)) == {"tucana", "draco", "lyra"}
    assert set(ids(table_view(landscape, "stubastine", search=search).rows)) == {"orion", "lyra", "pavo"}
    assert set(ids(table_view(landscape, "maxphase:<3", search=search).rows)) == {
        "vega",
        "tucana",
        "draco",
        "cetus",
        "hydra",
        "ara",
        "pavo",
        "nullcell-open",
        "norma",
    }


def test_a_query_with_an_error_lists_nothing_and_says_why(landscape: Dataset, search) -> None:
    view = table_view(landscape, "phase:9", search=search)
    assert view.rows == () and view.errors and "phase" in view.errors[0]


def test_an_empty_query_needs_no_search(landscape: Dataset) -> None:
    assert len(table_view(landscape).rows) == len(landscape.trials)
    with pytest.raises(ValueError):
        table_view(landscape, "vep")


def test_facets_count_what_each_entry_would_show(landscape: Dataset) -> None:
    view = table_view(landscape)
    phase = next(group for group in view.facets if group.name == "phase")
    counts = {entry.value: entry.count for entry in phase.entries}
    assert counts == {"1": 2, "1/2": 2, "2": 5, "2b": 1, "3": 1}
    assert [e.label for e in phase.entries][:2] == ["Phase 1", "Phase 1/2"]
    assert {group.name for group in view.facets} == {"phase", "status", "result", "mechanism", "kind", "measure"}


def test_choosing_entries_narrows_and_other_entries_of_the_same_facet_keep_their_counts(landscape: Dataset) -> None:
    chosen = toggled((), "phase", "2")
    view = table_view(landscape, chosen=chosen)
    assert {row.trial.phase for row in view.rows} == {"2"}
    phase = {e.value: e for e in next(g for g in view.facets if g.name == "phase").entries}
    assert phase["2"].chosen and phase["2"].count == 5
    assert phase["3"].count == 1 and not phase["3"].chosen  # what adding phase 3 would bring
    result = {e.value: e.count for e in next(g for g in view.facets if g.name == "result").entries}
    assert result["yes"] == 2  # ORION and TUCANA among the phase 2 trials
    both = toggled(chosen, "phase", "3")
    assert len(table_view(landscape, chosen=both).rows) == 6
    assert toggled(both, "phase", "3") == chosen


def test_a_combination_trial_counts_under_each_of_its_mechanisms(landscape: Dataset) -> None:
    rows = trial_rows(landscape)
    metabolic = apply_facets(rows, (("mechanism", "metabolic"),))
    opc = apply_facets(rows, (("mechanism", "opc_differentiation"),))
    assert "pavo" in ids(metabolic) and "pavo" in ids(opc)


def test_a_trial_without_measures_has_its_own_facet_entry(landscape: Dataset) -> None:
    view = table_view(landscape)
    measure = {e.value: e for e in next(g for g in view.facets if g.name == "measure").entries}
    assert NONE not in measure  # every fixture trial has a measure
    assert measure["ffvep"].label == "VEP" and measure["ffvep"].count == 6


def test_facets_from_the_command_line(landscape: Dataset) -> None:
    assert parse_facet(landscape, "phase=2b") == ("phase", "2b")
    assert parse_facet(landscape, "measure=VEP") == ("measure", "ffvep")
    assert parse_facet(landscape, "mechanism=Energy and metabolism") == ("mechanism", "metabolic")
    for bad in ("phase", "colour=red", "phase=9"):
        with pytest.raises(ValueError):
            parse_facet(landscape, bad)


@pytest.mark.parametrize("width", [20, 54, 78, 100, 120, 158, 240])
def test_columns_fit_the_width_and_the_trial_name_is_always_there(width: int) -> None:
    columns = fit_columns(width)
    assert columns[0][0].key == "trial"
    assert sum(cells + table.GAP for _, cells in columns) <= max(width, 4 + table.GAP)
    assert all(cells <= column.max_width for column, cells in columns)
    assert [c.key for c, _ in columns] == [c.key for c in table.COLUMNS if c.key in {k.key for k, _ in columns}]


def test_narrow_tables_keep_the_most_useful_columns() -> None:
    assert [c.key for c, _ in fit_columns(54)] == ["trial", "phase", "n", "years", "result"]
    assert len(fit_columns(158)) == len(table.COLUMNS)


def test_exports_of_the_visible_rows(landscape: Dataset, search) -> None:
    view = table_view(landscape, "phase:2", (("mechanism", "inhibitor_blockade"),), "n", True, search)
    markdown = table.rows_markdown(view)
    assert "| DRACO | Mockalizumab |" in markdown
    assert "Mechanism: Blocking myelination inhibitors" in markdown.splitlines()[0]
    data = table.rows_dict(view)
    assert [row["id"] for row in data["rows"]] == ["draco", "cetus"]  # phase:2 includes 2b
    assert data["facets"] == {"mechanism": ["inhibitor_blockade"]}
    csv_text = table.rows_csv(landscape, view)
    assert csv_text.count("\n") == 3 and "draco" in csv_text


def test_markdown_cells_cannot_break_the_table(landscape: Dataset) -> None:
    view = table_view(landscape)
    for line in table.rows_markdown(view).splitlines()[2:]:
        assert line.count(" | ") == len(table.COLUMNS) - 1
