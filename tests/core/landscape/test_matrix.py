"""The evidence matrix: interventions by mechanism × measures by category, each cell the trials' results."""

from __future__ import annotations

import pytest

from tui.core.landscape.matrix import (
    ORDERS,
    Cell,
    CellEntry,
    cell_summary,
    cell_text,
    evidence_matrix,
    matrix_records,
    measure_result,
)
from tui.core.landscape.records import matrix_csv_records, matrix_markdown
from tui.core.model import Dataset


def test_rows_are_interventions_grouped_by_mechanism_in_vocabulary_order(landscape: Dataset) -> None:
    matrix = evidence_matrix(landscape)
    assert [g.key for g in matrix.groups] == [
        "opc_differentiation",
        "inhibitor_blockade",
        "thyroid_hormone",
        "metabolic",
        "cell_therapy",
    ]
    assert [r.intervention.id for r in matrix.groups[0].rows] == ["stubastine", "dummyzole"]  # phase 3 first


def test_columns_are_the_measures_used_grouped_by_category(landscape: Dataset) -> None:
    matrix = evidence_matrix(landscape)
    assert [c.measure.id for c in matrix.columns] == ["mtr", "mwf", "ffvep", "oct", "edss"]
    assert [c.category_title for c in matrix.columns] == [
        "MRI",
        "MRI",
        "Electrophysiology",
        "Retinal imaging",
        "Clinical scale",
    ]


def test_each_row_has_its_highest_phase_and_whether_a_trial_met_its_primary_outcome(landscape: Dataset) -> None:
    rows = {r.intervention.id: r for r in evidence_matrix(landscape).rows}
    assert rows["stubastine"].highest_phase == "3" and rows["stubastine"].evidence == "yes"
    assert rows["mockalizumab"].highest_phase == "2b" and rows["mockalizumab"].evidence == "no"
    assert rows["nullcell"].evidence == "ongoing"  # NORMA has not started; the other reported nothing
    assert rows["fakeformin"].evidence == "ongoing"


def test_a_cell_holds_each_trial_with_its_result_on_that_measure(landscape: Dataset) -> None:
    rows = {r.intervention.id: r for r in evidence_matrix(landscape).rows}
    vep = rows["stubastine"].cell("ffvep")
    assert [(e.trial.id, e.result) for e in vep.entries] == [("orion", "yes"), ("lyra", "ongoing"), ("pavo", "ongoing")]
    assert vep.markers == "✓○○"
    # ORION met its primary outcome, but its OCT outcome was not met: the cell says so.
    assert rows["stubastine"].cell("oct").markers == "✗"
    assert rows["dummyzole"].cell("mtr").markers == "✓✗"
    assert rows["dummyzole"].cell("oct").entries == ()


def test_a_result_on_a_measure_combines_its_outcomes_and_ignores_descriptive_ones(landscape: Dataset) -> None:
    trials = {t.id: t for t in landscape.trials}
    assert measure_result(trials["hydra"], "mwf")[0] == "not_reported"  # only a descriptive outcome
    assert measure_result(trials["cetus"], "mwf") == ("not_reported", ())  # used, no outcome recorded
    assert measure_result(trials["norma"], "oct")[0] == "ongoing"
    assert measure_result(trials["draco"], "edss")[0] == "no"


@pytest.mark.parametrize("order", ORDERS)
def test_every_order_keeps_the_groups_and_all_rows(landscape: Dataset, order: str) -> None:
    matrix = evidence_matrix(landscape, order=order)
    assert len(matrix.rows) == 6
    assert [g.key for g in matrix.groups] == [g.key for g in evidence_matrix(landscape).groups]


def test_sorting_by_evidence_puts_met_first_then_more_trials_met_then_more_trials(landscape: Dataset) -> None:
    ranks = ("yes", "mixed", "ongoing", "no", "not_reported")
    matrix = evidence_matrix(landscape, order="evidence")
    for group in matrix.groups:
        found = [ranks.index(r.evidence) for r in group.rows]
        assert found == sorted(found)
    opc = [r.intervention.id for r in matrix.groups[0].rows]
    assert opc == ["stubastine", "dummyzole"]  # each met once: the one with more trials first
    by_name = evidence_matrix(landscape, order="name")
    assert [r.intervention.id for r in by_name.groups[0].rows] == ["dummyzole", "stubastine"]
    with pytest.raises(ValueError):
        evidence_matrix(landscape, order="colour")


def test_a_subset_of_trials_shows_only_their_interventions_and_measures(landscape: Dataset) -> None:
    trials = [t for t in landscape.trials if t.id in ("orion", "draco")]
    matrix = evidence_matrix(landscape, trials)
    assert [r.intervention.id for r in matrix.rows] == ["stubastine", "mockalizumab"]
    assert [c.measure.id for c in matrix.columns] == ["ffvep", "oct", "edss"]
    assert matrix.rows[0].highest_phase == "3"  # highest phase is over the whole dataset


def test_cell_text_fits_its_width() -> None:
    def cell(results: str) -> Cell:
        return Cell("i", "m", tuple(CellEntry(None, r, ()) for r in results.split()))  # type: ignore[arg-type]

    assert cell_text(cell(""), 5) == "·"
    assert cell_text(cell("yes no"), 5) == "✓✗"
    assert cell_text(cell("yes yes no no ongoing not_reported mixed"), 5) == "✓✓✗+4"
    assert cell_text(cell(" ".join(["yes"] * 120)), 4) == "+120"
    assert cell_summary(cell("yes no no")) == "3 trials: ✓ 1 met, ✗ 2 not met"
    assert cell_summary(cell("")) == "no trial"


def test_records_have_one_object_per_cell_with_trials(landscape: Dataset) -> None:
    records = matrix_records(evidence_matrix(landscape))
    cells = {(r["intervention"], r["measure"]): r for r in records}
    assert ("dummyzole", "oct") not in cells
    vep = cells[("stubastine", "ffvep")]
    assert vep["highest_phase"] == "3"
    assert [(t["id"], t["result_on_measure"], t["marker"]) for t in vep["trials"]] == [
        ("orion", "yes", "✓"),
        ("lyra", "ongoing", "○"),
        ("pavo", "ongoing", "○"),
    ]
    assert vep["trials"][0]["outcomes"][0]["kind"] == "primary"
    assert len(matrix_csv_records(evidence_matrix(landscape))) == sum(len(r["trials"]) for r in records)


def test_markdown_has_a_row_per_intervention(landscape: Dataset) -> None:
    lines = matrix_markdown(evidence_matrix(landscape)).splitlines()
    assert lines[0].startswith("| Mechanism | Intervention | Highest phase | Best result | MTR | MWF | VEP")
    assert len(lines) == 2 + 6
    assert "| Stubastine fumarate | Phase 3 | ✓ met | · | ○ | ✓○○ | ✗ | ○ |" in lines[2]


def test_rows_can_be_limited_to_the_interventions_a_query_selects(landscape: Dataset) -> None:
    from tui.core.landscape.table import index_search, table_view
    from tui.core.search.index import SearchIndex

    view = table_view(landscape, "maxphase:<3", search=index_search(SearchIndex(landscape)))
    assert "pavo" in [row.id for row in view.rows]  # a combination trial with stubastine (phase 3)
    assert view.interventions is not None and "stubastine" not in view.interventions
    rows = [r.intervention.id for r in evidence_matrix(landscape, view.trials, interventions=view.interventions).rows]
    assert rows == ["dummyzole", "mockalizumab", "samplothyrox", "fakeformin", "nullcell"]
    assert table_view(landscape, "year:>2018", search=index_search(SearchIndex(landscape))).interventions is None


def test_a_word_of_an_intervention_summary_does_not_limit_the_rows(landscape: Dataset) -> None:
    from tui.core.landscape.table import index_search, table_view
    from tui.core.search.index import SearchIndex

    search = index_search(SearchIndex(landscape))
    assert table_view(landscape, "fictional", search=search).interventions is None  # in every summary
    assert table_view(landscape, "stubastine", search=search).interventions == frozenset({"stubastine"})
