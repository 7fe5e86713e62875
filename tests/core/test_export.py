"""The public export formats: the JSON shape (format_version 2, with its derived fields), the CSV columns of
the field table, and output that is safe in a spreadsheet and in a terminal."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tui.core import export, fields
from tui.core.loader import load_dataset


@pytest.fixture(scope="module")
def exported(mini_dataset) -> dict:
    """The JSON export, as a reader of the file would see it."""
    return json.loads(export.to_json(export.dataset_dict(mini_dataset)))


def trial(exported: dict, trial_id: str) -> dict:
    return next(t for t in exported["trials"] if t["id"] == trial_id)


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


# --- JSON ----------------------------------------------------------------------------------------------------


def test_json_top_level_shape(exported):
    assert list(exported) == ["format_version", "dataset", "interventions", "trials", "measures"]
    assert exported["format_version"] == export.EXPORT_FORMAT_VERSION == 2


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


# The export shape of format_version 2: fields may be added, never removed or renamed.
DOCUMENTED = {
    "interventions": "id name aliases kind mechanism_group mechanism target approvals summary sources last_reviewed",
    "trials": (
        "id acronym title registry_ids intervention_ids comparator phase design population arms enrolment "
        "treatment_duration dates why_stopped related outcomes result_summary measures adverse_events "
        "safety_summary status sponsor countries sites publications sources last_reviewed notes draft "
        # derived
        "treatment_duration_weeks enrolment_headline primary_outcome_met start_year end_year"
    ),
    "measures": (
        "id name abbreviation aliases category what_it_measures myelin_specificity specificity_note caveats "
        "sources last_reviewed"
    ),
}
REMOVED_IN_V2 = {"enrollment", "enrollment_basis", "primary_outcome"}


@pytest.mark.parametrize("kind", sorted(DOCUMENTED))
def test_json_records_have_every_documented_field(exported, kind):
    for record in exported[kind]:
        assert set(DOCUMENTED[kind].split()) <= set(record), record["id"]
        assert not REMOVED_IN_V2 & set(record)


def test_json_every_stored_trial_field_is_exported(exported):
    stored = {f.key for f in fields.STORED}
    for record in exported["trials"]:
        assert stored <= set(record)


def test_json_sub_records(exported):
    alpha = trial(exported, "alpha")
    assert alpha["design"] == {
        "randomised": True,
        "masking": "double",
        "allocation": "parallel",
        "placebo_controlled": True,
    }
    assert alpha["enrolment"] == {"planned": 110, "enrolled": None, "randomised": 120, "analysed": 118}
    assert alpha["dates"] == {
        "registered": "2014-11-02", "start": "2015-01", "primary_completion": "2016-09", "completion": "2017-03",
        "results_posted": None, "published": "2018-02",
    }  # fmt: skip
    assert alpha["arms"][0] == {
        "label": "Fixturamab", "role": "experimental", "intervention_ids": ["fixturamab"], "dose": "10 mg/kg",
        "route": "intravenous", "schedule": "every 4 weeks", "duration": "24 weeks", "n_randomised": 60,
    }  # fmt: skip
    assert alpha["adverse_events"][1] == {
        "group": "Placebo", "participants": 60, "any": 35, "serious": 2, "discontinued": 1, "deaths": 0,
    }  # fmt: skip


def test_json_outcomes_carry_their_effect_estimates(exported):
    primary, secondary = trial(exported, "alpha")["outcomes"]
    assert primary == {
        "kind": "primary",
        "description": "Change in fictional VEP latency from baseline.",
        "measure": "ffvep",
        "time_point": "week 24",
        "population": "itt",
        "met": "yes",
        "result": {
            "estimate_type": "mean_difference",
            "estimate": -2.0,
            "ci_low": -3.1,
            "ci_high": -0.9,
            "ci_level": 0.95,
            "p_value": {"relation": "=", "value": 0.001},
            "alpha": None,
            "unit": "ms",
            "favours": "lower",
            "n_analysed": 118,
        },
        "estimate_note": None,
    }
    assert secondary["result"]["p_value"] == {"relation": "<", "value": 0.2}
    beta = trial(exported, "beta")["outcomes"][0]
    assert beta["result"] is None and beta["estimate_note"].startswith("Reported as the share of eyes")


def test_json_derived_fields(exported):
    alpha, beta, gamma, delta = (trial(exported, i) for i in ("alpha", "beta", "gamma-two", "delta-open"))
    assert (alpha["primary_outcome_met"], beta["primary_outcome_met"]) == ("yes", "no")
    assert (gamma["primary_outcome_met"], delta["primary_outcome_met"]) == ("ongoing", "not_reported")
    assert alpha["enrolment_headline"] == {"kind": "analysed", "count": 118}
    assert gamma["enrolment_headline"] == {"kind": "planned", "count": 70}
    assert delta["enrolment_headline"] is None
    assert (alpha["start_year"], alpha["end_year"]) == (2015, 2017)
    assert (beta["start_year"], beta["end_year"]) == (2013, 2016)
    assert beta["treatment_duration"] == "6 months"
    assert beta["treatment_duration_weeks"] == 26.0


def test_json_trial_value_types(exported):
    for record in exported["trials"]:
        assert all(isinstance(rid, str) for rid in record["registry_ids"])
        assert all(isinstance(iid, str) for iid in record["intervention_ids"])
        assert all(v is None or isinstance(v, int) for v in record["enrolment"].values())
        assert all(v is None or isinstance(v, str) for v in record["dates"].values())
        assert all(isinstance(source, dict) for source in record["sources"])
        assert isinstance(record["draft"], bool)


def test_json_sources_keep_the_citation_and_where_it_was_read(exported):
    assert trial(exported, "alpha")["sources"] == [
        {
            "kind": "registry", "backs": "design", "title": None, "registry_id": "NCT00000001", "doi": None,
            "pmid": None, "url": None, "read_at": None,
        },
        {
            "kind": "publication", "backs": "result", "title": None, "registry_id": None, "doi": "10.1000/fixture.3",
            "pmid": None, "url": None, "read_at": "https://example.org/mirror/fixture-3",
        },
    ]  # fmt: skip


def test_json_relations_and_publications(exported):
    assert trial(exported, "delta-open")["related"] == [{"trial": "alpha", "relation": "follow_up_of"}]
    assert trial(exported, "alpha")["publications"] == [
        {
            "citation": "Doe J et al. Fictional Journal 2018;1:1-10",
            "doi": "10.1000/fixture.3",
            "pmid": "10000001",
            "url": None,
        }
    ]


def test_json_unknowns_are_null(exported):
    delta = trial(exported, "delta-open")
    for key in ("acronym", "phase", "start_year", "end_year", "treatment_duration", "treatment_duration_weeks"):
        assert delta[key] is None, key
    assert set(delta["enrolment"].values()) == {None}
    assert delta["arms"] == [] and delta["outcomes"] == []


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

CSV_HEADER = (
    "id,acronym,title,registry_ids,interventions,mechanism,comparator,phase,design,conditions,arms,"
    "enrolment_planned,enrolment_enrolled,enrolment_randomised,enrolment_analysed,treatment_duration,"
    "date_registered,date_start,date_primary_completion,date_completion,date_results_posted,date_published,"
    "start_year,end_year,why_stopped,related,primary_outcome_met,measures,status,sponsor,countries,sites,dois,"
    "pmids,last_reviewed"
)


def test_csv_columns_come_from_the_field_table(mini_dataset):
    assert tuple(name for name, _ in fields.CSV_COLUMNS) == export.CSV_COLUMNS
    assert ",".join(export.CSV_COLUMNS) == CSV_HEADER
    assert len(set(export.CSV_COLUMNS)) == len(export.CSV_COLUMNS)


def test_csv_has_header_and_one_row_per_trial(mini_dataset):
    text = export.trials_csv(mini_dataset)
    lines = text.splitlines()
    assert lines[0] == CSV_HEADER
    assert len(lines) == 1 + len(mini_dataset.trials)
    assert [row["id"] for row in rows(text)] == ["alpha", "beta", "gamma-two", "delta-open"]


def test_csv_values(mini_dataset):
    alpha, _, gamma, delta = rows(export.trials_csv(mini_dataset))
    assert gamma["interventions"] == "Testastine fumarate; Mockformin"
    assert gamma["mechanism"] == "opc_differentiation; metabolic"
    assert gamma["registry_ids"] == "ISRCTN00000003"
    assert (gamma["enrolment_planned"], gamma["enrolment_randomised"]) == ("70", "")  # unknown is an empty cell
    assert (gamma["date_start"], gamma["date_completion"], gamma["start_year"]) == ("2023-05", "2027", "2023")
    assert gamma["treatment_duration"] == "6 months"
    assert gamma["primary_outcome_met"] == "ongoing"
    assert alpha["arms"] == "2"  # the number of arms
    assert (alpha["dois"], alpha["pmids"]) == ("10.1000/fixture.3", "10000001")
    assert alpha["measures"] == "ffvep; mtr"
    assert alpha["countries"] == "United Kingdom; Canada"
    assert delta["related"] == "follow_up_of alpha"
    assert (delta["arms"], delta["sites"], delta["phase"]) == ("", "", "")


def test_csv_of_some_trials(mini_dataset):
    chosen = (mini_dataset.by_id["beta"],)
    assert [row["id"] for row in rows(export.trials_csv(mini_dataset, chosen))] == ["beta"]


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
        ("  lots   of\n\n space ", "lots of space"),
        # A line separator is made visible, never passed on: it would split the row in some readers.
        ("unicode\u2028line", "unicode<U+2028>line"),
        ("bell\x07", "bell␇"),
    ],
)
def test_csv_cell_folds_line_breaks_and_shows_controls(value, cell):
    assert export.csv_cell(value) == cell


def test_csv_from_hostile_trial_is_inert_and_one_line_per_row(mini_copy):
    trials = mini_copy / "trials.yaml"
    text = trials.read_text()
    text = text.replace(
        "title: A fictional randomised trial of fixturamab in relapsing MS",
        'title: "=HYPERLINK(\\"http://evil.example\\",\\"click\\") with \\"quotes\\""',
    )
    text = text.replace("result_summary: Latency shortened by a fictional 2 ms.", 'result_summary: "two\\nlines"')
    text = text.replace("sponsor: Fixture Pharma", "sponsor: '@evil'", 1)
    trials.write_text(text)
    exported = export.trials_csv(load_dataset(mini_copy))
    assert len(exported.splitlines()) == 5  # header + 4 trials: no row is split by a newline
    alpha = rows(exported)[0]
    assert alpha["title"] == '\'=HYPERLINK("http://evil.example","click") with "quotes"'
    assert alpha["sponsor"] == "'@evil"
