"""The public export formats: the JSON shape (kept stable) and a CSV that is safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tui.core import export
from tui.core.loader import load_dataset

TRIAL_KEYS = {
    "id",
    "acronym",
    "title",
    "registry_ids",
    "intervention_ids",
    "phase",
    "enrollment",
    "primary_outcome_met",
    "measures",
    "status",
    "start_year",
    "end_year",
    "sources",
}


@pytest.fixture(scope="module")
def exported(mini_dataset) -> dict:
    """The JSON export, as a reader of the file would see it."""
    return json.loads(export.to_json(export.dataset_dict(mini_dataset)))


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


# --- JSON ----------------------------------------------------------------------------------------------------


def test_json_top_level_shape(exported):
    assert list(exported) == ["format_version", "dataset", "interventions", "trials", "measures"]
    assert exported["format_version"] == export.EXPORT_FORMAT_VERSION == 1


def test_json_dataset_metadata(exported):
    assert exported["dataset"] == {
        "name": "Fixture trials",
        "version": "0.0.1",
        "last_reviewed": "2026-01-15",
        "description": "Fictional records for tests.",
        "references": [],
    }


def test_json_record_counts(exported):
    assert [len(exported[k]) for k in ("interventions", "trials", "measures")] == [3, 4, 3]


def test_json_every_trial_has_the_documented_fields(exported):
    for trial in exported["trials"]:
        assert TRIAL_KEYS <= set(trial), trial["id"]


def test_json_trial_value_types(exported):
    for trial in exported["trials"]:
        assert isinstance(trial["registry_ids"], list)
        assert all(isinstance(rid, str) for rid in trial["registry_ids"])
        assert all(isinstance(iid, str) for iid in trial["intervention_ids"])
        assert trial["enrollment"] is None or isinstance(trial["enrollment"], int)
        assert all(isinstance(source, dict) for source in trial["sources"])


def test_json_trial_values(exported):
    beta = next(t for t in exported["trials"] if t["id"] == "beta")
    assert beta["registry_ids"] == ["NCT00000002", "2012-000001-11"]
    assert beta["intervention_ids"] == ["fixturamab"]
    assert (beta["phase"], beta["enrollment"], beta["primary_outcome_met"], beta["status"]) == (
        "2",
        80,
        "no",
        "completed",
    )
    assert (beta["start_year"], beta["end_year"]) == (2013, 2016)
    assert beta["measures"] == ["ffvep", "oct"]
    assert beta["sources"] == [
        {
            "kind": "registry",
            "backs": "design",
            "title": None,
            "url": "https://clinicaltrials.gov/study/NCT00000002",
            "doi": None,
            "pmid": None,
        }
    ]
    assert beta["treatment_duration"] == "6 months"
    assert beta["treatment_duration_weeks"] == 26.0
    assert beta["last_reviewed"] == "2026-01-15"
    assert beta["design"]["blinding"] == "double_blind"


def test_json_unknowns_are_null(exported):
    delta = next(t for t in exported["trials"] if t["id"] == "delta-open")
    for key in ("acronym", "phase", "enrollment", "start_year", "end_year", "treatment_duration"):
        assert delta[key] is None, key


def test_record_dict_names_its_kind(mini_dataset):
    assert export.record_dict(mini_dataset.by_id["alpha"])["kind"] == "trial"
    assert export.record_dict(mini_dataset.by_id["testastine"])["kind"] == "intervention"
    assert export.record_dict(mini_dataset.by_id["mtr"])["kind"] == "measure"


def test_record_dict_keeps_the_intervention_kind(mini_dataset):
    record = export.record_dict(mini_dataset.by_id["testastine"])
    assert (record["kind"], record["intervention_kind"]) == ("intervention", "small_molecule")


def test_json_keeps_unicode_readable(mini_copy):
    trials = mini_copy / "trials.yaml"
    trials.write_text(trials.read_text().replace("sponsor: Fixture Pharma", "sponsor: Université Fixture", 1))
    text = export.to_json(export.dataset_dict(load_dataset(mini_copy)))
    assert "Université Fixture" in text


# --- CSV -----------------------------------------------------------------------------------------------------


def test_csv_has_header_and_one_row_per_trial(mini_dataset):
    text = export.trials_csv(mini_dataset)
    lines = text.splitlines()
    assert lines[0] == ",".join(export.CSV_COLUMNS)
    assert len(lines) == 1 + len(mini_dataset.trials)
    assert [row["id"] for row in rows(text)] == ["alpha", "beta", "gamma-two", "delta-open"]


def test_csv_values(mini_dataset):
    gamma = rows(export.trials_csv(mini_dataset))[2]
    assert gamma["interventions"] == "Testastine fumarate; Mockformin"
    assert gamma["registry_ids"] == "ISRCTN00000003"
    assert gamma["enrollment"] == "70"
    assert gamma["end_year"] == ""  # unknown is an empty cell
    assert gamma["treatment_duration"] == "6 months"


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("  =hidden behind spaces", "'=hidden behind spaces"),
        ("\t=after a tab", "'=after a tab"),
        ("plain text", "plain text"),
        ("a = b", "a = b"),
        (None, ""),
        (42, "42"),
    ],
)
def test_csv_cell_neutralises_formulas(value, cell):
    assert export.csv_cell(value) == cell


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("two\nlines", "two lines"),
        ("crlf\r\nline", "crlf line"),
        ("cr\rline", "cr line"),
        ("unicode\u2028line", "unicode line"),
        ("  lots   of\n\n space ", "lots of space"),
    ],
)
def test_csv_cell_folds_line_breaks(value, cell):
    assert export.csv_cell(value) == cell


def test_csv_from_hostile_trial_is_inert_and_one_line_per_row(mini_copy):
    trials = mini_copy / "trials.yaml"
    text = trials.read_text()
    text = text.replace(
        "title: A fictional randomised trial of fixturamab in relapsing MS",
        'title: "=HYPERLINK(\\"http://evil.example\\",\\"click\\")\\nsecond line, with \\"quotes\\""',
    )
    text = text.replace("sponsor: Fixture Pharma", "sponsor: '@evil'", 1)
    trials.write_text(text)
    exported = export.trials_csv(load_dataset(mini_copy))
    assert len(exported.splitlines()) == 5  # header + 4 trials: no row is split by a newline
    alpha = rows(exported)[0]
    assert alpha["title"] == "'=HYPERLINK(\"http://evil.example\",\"click\") second line, with \"quotes\""
    assert alpha["sponsor"] == "'@evil"


# The documented export shape (data/README.md, "Export format"): fields may be added, never removed.
DOCUMENTED = {
    "interventions": "id name aliases kind mechanism_group mechanism target approvals summary sources last_reviewed",
    "trials": (
        "id acronym title registry_ids intervention_ids comparator phase design population enrollment "
        "enrollment_basis treatment_duration treatment_duration_weeks primary_outcome primary_outcome_met "
        "result_summary measures safety_summary status start_year end_year sponsor countries sites publications "
        "sources notes last_reviewed"
    ),
    "measures": (
        "id name abbreviation aliases category what_it_measures myelin_specificity specificity_note caveats "
        "sources last_reviewed"
    ),
}


@pytest.mark.parametrize("kind", sorted(DOCUMENTED))
def test_json_records_have_every_documented_field(exported, kind):
    for record in exported[kind]:
        assert set(DOCUMENTED[kind].split()) <= set(record), record["id"]
