"""The data model: dataset indexes, look-up by any name, durations and registry ids."""

from __future__ import annotations

import dataclasses

import pytest

from tui.core import model
from tui.core.model import Duration, Intervention, Measure, Trial, registry_name, registry_url


def ids(trials) -> list[str]:
    return [trial.id for trial in trials]


# --- indexes ---------------------------------------------------------------------------------------------


def test_by_id_holds_every_record_of_every_kind(mini_dataset):
    assert set(mini_dataset.by_id) == {
        "mtr", "ffvep", "oct",
        "fixturamab", "testastine", "mockformin",
        "alpha", "beta", "gamma-two", "delta-open",
    }  # fmt: skip
    assert isinstance(mini_dataset.by_id["alpha"], Trial)
    assert isinstance(mini_dataset.by_id["fixturamab"], Intervention)
    assert isinstance(mini_dataset.by_id["mtr"], Measure)


def test_by_registry_id_indexes_every_registry_id_of_a_trial(mini_dataset):
    assert mini_dataset.by_registry_id["NCT00000002"].id == "beta"
    assert mini_dataset.by_registry_id["2012-000001-11"].id == "beta"
    assert mini_dataset.by_registry_id["ISRCTN00000003"].id == "gamma-two"
    assert len(mini_dataset.by_registry_id) == 5


def test_trials_of_intervention_in_file_order(mini_dataset):
    assert ids(mini_dataset.trials_of_intervention["fixturamab"]) == ["alpha", "beta"]
    assert ids(mini_dataset.trials_of_intervention["testastine"]) == ["gamma-two", "delta-open"]


def test_two_intervention_trial_is_listed_under_both(mini_dataset):
    assert "gamma-two" in ids(mini_dataset.trials_of_intervention["testastine"])
    assert ids(mini_dataset.trials_of_intervention["mockformin"]) == ["gamma-two"]


def test_trials_using_measure(mini_dataset):
    assert ids(mini_dataset.trials_using_measure["ffvep"]) == ["alpha", "beta", "gamma-two"]
    assert ids(mini_dataset.trials_using_measure["mtr"]) == ["alpha"]
    assert ids(mini_dataset.trials_using_measure["oct"]) == ["beta"]


def test_trial_with_no_measures_is_under_no_measure(mini_dataset):
    assert all("delta-open" not in ids(trials) for trials in mini_dataset.trials_using_measure.values())


def test_interventions_and_measures_of_a_trial(mini_dataset):
    gamma = mini_dataset.by_id["gamma-two"]
    assert [i.id for i in mini_dataset.interventions_of(gamma)] == ["testastine", "mockformin"]
    assert [m.id for m in mini_dataset.measures_of(mini_dataset.by_id["alpha"])] == ["ffvep", "mtr"]


def test_typed_getters_return_none_for_another_kind(mini_dataset):
    assert mini_dataset.intervention("testastine").name == "Testastine fumarate"
    assert mini_dataset.intervention("alpha") is None
    assert mini_dataset.measure("oct").label == "OCT"
    assert mini_dataset.measure("testastine") is None


def test_counts(mini_dataset):
    assert mini_dataset.counts() == {"interventions": 3, "trials": 4, "measures": 3}


def test_records_are_frozen(mini_dataset):
    with pytest.raises(dataclasses.FrozenInstanceError):
        mini_dataset.by_id["alpha"].title = "changed"  # type: ignore[misc]


# --- find --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("reference", "expected"),
    [
        ("alpha", "alpha"),  # slug
        ("ALPHA", "alpha"),  # slug, any case
        ("Gamma-Two", "gamma-two"),
        ("gamma two", "gamma-two"),  # acronym "GAMMA Two", case-insensitive
        ("  BETA  ", "beta"),  # surrounding spaces ignored
        ("NCT00000001", "alpha"),  # registry id
        ("nct00000002", "beta"),  # registry id, any case
        ("2012-000001-11", "beta"),  # second registry id of a trial
        ("isrctn00000003", "gamma-two"),
        ("fixturamab", "fixturamab"),  # intervention slug
        ("testastine FUMARATE", "testastine"),  # intervention name
        ("vep", "ffvep"),  # measure abbreviation
        ("MTR", "mtr"),
    ],
)
def test_find(mini_dataset, reference, expected):
    record = mini_dataset.find(reference)
    assert record is not None
    assert record.id == expected


@pytest.mark.parametrize("reference", ["", "nothing", "NCT99999999", "alph"])
def test_find_unknown_is_none(mini_dataset, reference):
    assert mini_dataset.find(reference) is None


def test_find_trial_only_returns_trials(mini_dataset):
    assert mini_dataset.find_trial("nct00000004").id == "delta-open"
    assert mini_dataset.find_trial("mtr") is None


def test_trial_label_falls_back_to_registry_id(mini_dataset):
    assert mini_dataset.by_id["alpha"].label == "ALPHA"
    assert mini_dataset.by_id["delta-open"].label == "NCT00000004"


def test_kind_of(mini_dataset):
    assert [model.kind_of(mini_dataset.by_id[i]) for i in ("alpha", "testastine", "oct")] == [
        "trial",
        "intervention",
        "measure",
    ]


# --- durations ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "weeks", "shown"),
    [
        ("24 weeks", 24, "24 weeks"),
        ("1 week", 1, "1 week"),
        ("90 days", 90 / 7, "90 days"),
        ("6 months", 26, "6 months"),
        ("1 month", 52 / 12, "1 month"),
        ("2 years", 104, "2 years"),
        ("1.5 years", 78, "1.5 years"),
        ("  12 weeks ", 12, "12 weeks"),
    ],
)
def test_duration_parse_and_weeks(text, weeks, shown):
    duration = Duration.parse(text)
    assert duration is not None
    assert duration.weeks == pytest.approx(weeks)
    assert str(duration) == shown


@pytest.mark.parametrize("text", ["", "weeks", "24", "24weeks", "six months", "24 fortnights", "-3 weeks"])
def test_duration_parse_rejects_other_text(text):
    assert Duration.parse(text) is None


def test_loaded_trial_has_parsed_duration(mini_dataset):
    assert mini_dataset.by_id["beta"].treatment_duration == Duration(6.0, "month")
    assert mini_dataset.by_id["delta-open"].treatment_duration is None


# --- registry ids ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("registry_id", "name"),
    [
        ("NCT02040298", "ClinicalTrials.gov"),
        ("ISRCTN12345678", "ISRCTN"),
        ("ACTRN12617000123456", "ANZCTR"),
        ("2012-000001-11", "EudraCT"),
        ("2023-500001-12-00", "EU CTR"),
        ("DRKS00012345", "DRKS"),
        ("NTR1234", "Netherlands Trial Register"),
        ("NL12345", "Netherlands Trial Register"),
        ("ChiCTR2000029999", "ChiCTR"),
        ("ChiCTR-IOR-17011234", "ChiCTR"),
        ("IRCT20190916044774N1", "IRCT"),
        ("jRCTs031180001", "jRCT"),
        ("UMIN000012345", "UMIN-CTR"),
        ("CTRI/2019/05/019234", "CTRI"),
    ],
)
def test_registry_name(registry_id, name):
    assert registry_name(registry_id) == name


@pytest.mark.parametrize("registry_id", ["", "NCT123", "nct02040298", "NCT020402981", "ISRCTN1234", "12345"])
def test_registry_name_unknown_form(registry_id):
    assert registry_name(registry_id) is None


@pytest.mark.parametrize(
    ("registry_id", "url"),
    [
        ("NCT02040298", "https://clinicaltrials.gov/study/NCT02040298"),
        ("ISRCTN12345678", "https://www.isrctn.com/ISRCTN12345678"),
        ("ACTRN12617000123456", "https://www.anzctr.org.au/ACTRN12617000123456.aspx"),
        ("2012-000001-11", "https://www.clinicaltrialsregister.eu/ctr-search/search?query=2012-000001-11"),
        ("DRKS00012345", None),  # no stable URL scheme known
        ("not-an-id", None),
    ],
)
def test_registry_url(registry_id, url):
    assert registry_url(registry_id) == url


# --- links and helpers -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "link"),
    [
        (model.Source("review", "x", url="https://a.example", doi="10.1000/x"), "https://a.example"),
        (model.Source("review", "x", doi="10.1000/x", pmid="1"), "https://doi.org/10.1000/x"),
        (model.Source("review", "x", pmid="123"), "https://pubmed.ncbi.nlm.nih.gov/123/"),
        (model.Source("review", "x"), None),
    ],
)
def test_source_link_prefers_url_then_doi_then_pmid(source, link):
    assert source.link == link


def test_publication_link_prefers_doi():
    assert model.Publication("c", doi="10.1000/x", url="https://u").link == "https://doi.org/10.1000/x"
    assert model.Publication("c", url="https://u").link == "https://u"


def test_unique_keeps_first_seen_order():
    assert model.unique(["b", "a", "b", "c", "a"]) == ("b", "a", "c")
