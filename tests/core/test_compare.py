"""Comparing two trials: which rows differ, measure overlap, numeric differences and the three output formats."""

from __future__ import annotations

import json
import re

import pytest

from tui.core import compare, export
from tui.core.loader import load_dataset

ALPHA_BETA_DIFFER = [
    "acronym",
    "title",
    "registry_ids",
    "population",
    "background_therapy",
    "arms",
    "enrolment",
    "treatment_duration",
    "dates",
    "start_year",
    "end_year",
    "related",
    "outcomes",
    "primary_results",
    "verdict",
    "result_summary",
    "measures",
    "adverse_events",
    "safety_summary",
    "countries",
    "sites",
    "publications",
]


def comparison(dataset, a: str, b: str) -> compare.Comparison:
    return compare.compare_trials(dataset, dataset.by_id[a], dataset.by_id[b])


def row(result: compare.Comparison, key: str) -> compare.Row:
    return next(r for r in result.rows if r.key == key)


def edit_trials(folder, *replacements: tuple[str, str]):
    """Apply text replacements to the mini trials.yaml copy and load the folder."""
    path = folder / "trials.yaml"
    text = path.read_text()
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    path.write_text(text)
    return load_dataset(folder)


# --- rows ----------------------------------------------------------------------------------------------------


def test_every_row_key_is_present_once(mini_dataset):
    assert [r.key for r in comparison(mini_dataset, "alpha", "beta").rows] == list(compare.ROW_KEYS)
    assert len(set(compare.ROW_KEYS)) == len(compare.ROW_KEYS)


def test_differing_rows(mini_dataset):
    assert [r.key for r in comparison(mini_dataset, "alpha", "beta").differing] == ALPHA_BETA_DIFFER


def test_rows_show_display_values(mini_dataset):
    result = comparison(mini_dataset, "alpha", "beta")
    assert (row(result, "verdict").a, row(result, "verdict").b) == ("✓ met", "✗ not met")
    assert row(result, "phase").a == row(result, "phase").b == "Phase 2"
    assert row(result, "registry_ids").b == "NCT00000002, 2012-000001-11"


def test_self_compare_has_no_differing_rows(mini_dataset):
    for trial in mini_dataset.trials:
        result = compare.compare_trials(mini_dataset, trial, trial)
        assert result.differing == ()
        assert all(r.difference is None for r in result.rows)


def test_not_reported_on_both_sides_is_the_same(mini_dataset):
    result = comparison(mini_dataset, "gamma-two", "delta-open")
    for key in ("background_therapy", "arms", "why_stopped", "result_summary", "adverse_events", "safety_summary"):
        assert (row(result, key).a, row(result, key).b) == ("not reported", "not reported")
        assert row(result, key).same, key


def test_known_against_unknown_differs(mini_dataset):
    result = comparison(mini_dataset, "gamma-two", "delta-open")
    assert (row(result, "phase").a, row(result, "phase").b) == ("Phase 2a", "not reported")
    assert not row(result, "phase").same
    assert (row(result, "enrolment").a, row(result, "enrolment").b) == ("70 planned", "not reported")
    assert row(result, "enrolment").difference is None  # no number to subtract


# --- measures ------------------------------------------------------------------------------------------------


def test_measure_overlap(mini_dataset):
    overlap = comparison(mini_dataset, "alpha", "beta").measures
    assert (overlap.shared, overlap.only_a, overlap.only_b) == (("VEP",), ("MTR",), ("OCT",))


def test_measure_overlap_with_a_trial_without_measures(mini_dataset):
    overlap = comparison(mini_dataset, "gamma-two", "delta-open").measures
    assert (overlap.shared, overlap.only_a, overlap.only_b) == ((), ("VEP",), ())
    assert compare.overlap_text(overlap) == "shared: none; only A: VEP; only B: none"


# --- numeric differences -------------------------------------------------------------------------------------


ALPHA_RANDOMISED_ONLY = (
    "enrolment: {planned: 110, enrolled: null, randomised: 120, analysed: 118}",
    "enrolment: {planned: null, enrolled: null, randomised: 120, analysed: null}",
)


def test_numeric_differences(mini_dataset):
    result = comparison(mini_dataset, "alpha", "beta")
    assert row(result, "treatment_duration").difference == "B − A = +2 weeks"  # 24 weeks vs 6 months (26 weeks)
    assert row(result, "start_year").difference == "B − A = -2 years"
    assert row(result, "end_year").difference == "B − A = -1 year"
    assert row(result, "sites").difference is None  # beta's sites are not reported


def test_enrolments_are_subtracted_only_when_they_count_the_same_thing(mini_dataset, mini_copy):
    # alpha's headline is 118 analysed, beta's 80 randomised: subtracting them would mean nothing.
    enrolment = row(comparison(mini_dataset, "alpha", "beta"), "enrolment")
    assert (enrolment.a, enrolment.b, enrolment.difference) == (
        "118 analysed (110 planned, 120 randomised)",
        "80 randomised",
        None,
    )
    dataset = edit_trials(mini_copy, ALPHA_RANDOMISED_ONLY)
    enrolment = row(comparison(dataset, "alpha", "beta"), "enrolment")
    assert (enrolment.a, enrolment.difference) == ("120 randomised", "B − A = -40")


def test_large_enrolment_difference_is_exact(mini_copy):
    dataset = edit_trials(
        mini_copy,
        (ALPHA_RANDOMISED_ONLY[0], ALPHA_RANDOMISED_ONLY[1].replace("120", "1000")),
        ("randomised: 80,", "randomised: 13345,"),
    )
    assert row(comparison(dataset, "alpha", "beta"), "enrolment").difference == "B − A = +12,345"


def test_same_duration_in_other_units_has_no_difference(mini_copy):
    dataset = edit_trials(mini_copy, ("treatment_duration: 24 weeks", "treatment_duration: 26 weeks"))
    duration = row(comparison(dataset, "alpha", "beta"), "treatment_duration")
    assert (duration.a, duration.b, duration.difference) == ("26 weeks", "6 months", None)


def test_fractional_week_difference(mini_copy):
    dataset = edit_trials(mini_copy, ("treatment_duration: 24 weeks", "treatment_duration: 90 days"))
    assert row(comparison(dataset, "alpha", "beta"), "treatment_duration").difference == "B − A = +13.1 weeks"


def test_one_year_apart_is_singular(mini_dataset):
    assert row(comparison(mini_dataset, "alpha", "beta"), "end_year").difference == "B − A = -1 year"


def test_evidence_rows(mini_dataset):
    result = comparison(mini_dataset, "alpha", "beta")
    assert row(result, "primary_results").a == (
        "−2 ms (95% CI −3.1 to −0.9), p = 0.001, ITT, n = 118; favours Fixturamab"
    )
    assert row(result, "primary_results").b.startswith("Reported as the share of eyes recovering")
    assert row(result, "related").a == "followed up by NCT00000004"
    assert row(result, "related").b == "none"
    assert row(result, "dates").b == "Started 2013 · Completed 2016"
    assert row(result, "arms").a.startswith("Fixturamab (experimental, n=60): 10 mg/kg intravenous every 4 weeks")


# --- Markdown ------------------------------------------------------------------------------------------------


@pytest.fixture
def hostile(mini_copy):
    """alpha with pipes, backslashes and line breaks in its values."""
    return edit_trials(
        mini_copy,
        ("acronym: ALPHA", 'acronym: "AL|PHA"'),
        ("title: A fictional randomised trial of fixturamab in relapsing MS", 'title: "one | two three \\\\ four"'),
        (
            "result_summary: Latency shortened by a fictional 2 ms.",
            "result_summary: |\n      line one\n      | line two |",
        ),
    )


def table_cells(line: str) -> list[str]:
    """Cells of a Markdown table line, splitting only on unescaped pipes."""
    return [cell.strip() for cell in re.split(r"(?<!\\)\|", line)[1:-1]]


def test_markdown_escapes_pipes_and_folds_newlines(hostile):
    markdown = compare.to_markdown(comparison(hostile, "alpha", "beta"))
    assert "| Title | one \\| two three \\\\ four | A fictional optic neuritis trial of fixturamab | ≠ |" in markdown
    assert "| Result | line one \\| line two \\| | No fictional difference. | ≠ |" in markdown
    assert markdown.startswith("# AL\\|PHA vs BETA\n")


def test_markdown_table_keeps_four_columns_with_hostile_values(hostile):
    markdown = compare.to_markdown(comparison(hostile, "alpha", "beta"))
    table = [line for line in markdown.splitlines() if line.startswith("|")]
    assert len(table) == 2 + len(compare.ROW_KEYS)
    assert all(len(table_cells(line)) == 4 for line in table)


def test_markdown_marks_rows_and_shows_differences(mini_dataset):
    markdown = compare.to_markdown(comparison(mini_dataset, "alpha", "beta"))
    assert "| Phase | Phase 2 | Phase 2 | = |" in markdown
    assert "| Enrolment | 118 analysed (110 planned, 120 randomised) | 80 randomised | ≠ |" in markdown
    assert "| Treatment duration | 24 weeks | 6 months | ≠ B − A = +2 weeks |" in markdown
    assert "Measures — shared: VEP; only A: MTR; only B: OCT" in markdown
    assert "- Doe J et al. Fictional Journal 2018;1:1-10 doi:10.1000/fixture.3 PMID 10000001" in markdown


def test_markdown_hide_identical(mini_dataset):
    result = comparison(mini_dataset, "alpha", "beta")
    full = compare.to_markdown(result)
    short = compare.to_markdown(result, hide_identical=True)
    assert "| Phase |" in full and "| Phase |" not in short
    assert sum(line.startswith("| ") for line in short.splitlines()) == 1 + len(ALPHA_BETA_DIFFER)


def test_visible_rows(mini_dataset):
    result = comparison(mini_dataset, "alpha", "beta")
    assert result.visible_rows(hide_identical=False) == result.rows
    assert result.visible_rows(hide_identical=True) == result.differing


# --- text ----------------------------------------------------------------------------------------------------


def test_text_output(mini_dataset):
    text = compare.to_text(comparison(mini_dataset, "alpha", "beta"))
    lines = text.splitlines()
    assert lines[0].split() == ["ALPHA", "BETA"]
    assert any(line.startswith("≠ Enrolment") for line in lines)
    assert any(line.strip() == "(B − A = +2 weeks)" for line in lines)
    assert any(line.startswith("  Phase ") for line in lines)
    assert "Measures: shared: VEP; only A: MTR; only B: OCT" in lines
    # The table fits the width; citations are not wrapped, so that their links stay whole.
    table = lines[: lines.index("Citations")]
    assert all(len(line) <= 100 for line in table)
    assert "  A: ALPHA — A fictional randomised trial of fixturamab in relapsing MS" in lines
    assert "     ClinicalTrials.gov NCT00000001 <https://clinicaltrials.gov/study/NCT00000001>" in lines


def test_text_hide_identical(mini_dataset):
    text = compare.to_text(comparison(mini_dataset, "alpha", "beta"), hide_identical=True)
    assert "Phase 2" not in text
    assert "Enrolment" in text


def test_text_output_has_no_control_characters(hostile):
    text = compare.to_text(comparison(hostile, "alpha", "beta"))
    assert not re.search(r"[\x00-\x09\x0b-\x1f\x7f]", text)


# --- JSON ----------------------------------------------------------------------------------------------------


def test_json_shape(mini_dataset):
    data = json.loads(export.to_json(compare.to_dict(comparison(mini_dataset, "alpha", "beta"))))
    assert list(data) == ["a", "b", "rows", "measures", "citations"]
    assert (data["a"], data["b"]) == ("alpha", "beta")
    assert [r["key"] for r in data["rows"]] == list(compare.ROW_KEYS)
    assert all(list(r) == ["key", "label", "a", "b", "same", "difference"] for r in data["rows"])
    duration = next(r for r in data["rows"] if r["key"] == "treatment_duration")
    assert duration == {
        "key": "treatment_duration",
        "label": "Treatment duration",
        "a": "24 weeks",
        "b": "6 months",
        "same": False,
        "difference": "B − A = +2 weeks",
    }
    assert data["measures"] == {"shared": ["VEP"], "only_a": ["MTR"], "only_b": ["OCT"]}
    citation = data["citations"]["a"].splitlines()
    assert citation[0] == "ALPHA — A fictional randomised trial of fixturamab in relapsing MS"
