"""The data model: dataset indexes, look-up by any name, durations, partial dates, enrolment, the derived
verdict and years, links between trials and the highest phase of an intervention."""

from __future__ import annotations

import dataclasses

import pytest

from tui.core import model
from tui.core.model import (
    Dataset,
    DatasetInfo,
    Dates,
    Design,
    Duration,
    Enrolment,
    Intervention,
    Measure,
    Outcome,
    PartialDate,
    Population,
    Related,
    Trial,
)


def ids(trials) -> list[str]:
    return [trial.id for trial in trials]


def make_trial(trial_id: str = "t", **changes) -> Trial:
    """A minimal trial built in Python (no loader), with `changes` applied."""
    values = {
        "id": trial_id, "acronym": None, "title": f"Trial {trial_id}", "registry_ids": (),
        "intervention_ids": ("drug",), "comparator": None, "phase": None, "design": Design(),
        "population": Population(), "arms": (), "enrolment": Enrolment(), "treatment_duration": None,
        "dates": Dates(), "why_stopped": None, "related": (), "outcomes": (), "result_summary": None, "measures": (),
        "adverse_events": (), "safety_summary": None, "status": "completed", "sponsor": None, "countries": (),
        "sites": None, "publications": (), "sources": (), "last_reviewed": None,
    }  # fmt: skip
    values.update(changes)
    return Trial(**values)


def make_intervention(intervention_id: str = "drug") -> Intervention:
    return Intervention(
        intervention_id, intervention_id.title(), (), "small_molecule", "other", None, None, None, None, (), None
    )


def primary(met: str) -> Outcome:
    return Outcome("primary", "an outcome", met=met)


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
    with pytest.raises(dataclasses.FrozenInstanceError):
        mini_dataset.by_id["alpha"].enrolment.randomised = 1  # type: ignore[misc]


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


def test_a_shared_acronym_is_ambiguous_but_slugs_still_win():
    one = make_trial("one", acronym="TWIN")
    two = make_trial("two", acronym="twin")
    slug = make_trial("twin-slug", acronym="one")  # an acronym equal to another trial's slug
    dataset = Dataset(DatasetInfo(), (make_intervention(),), (one, two, slug), ())
    assert dataset.find("TWIN") is None
    assert {r.id for r in dataset.candidates("twin")} == {"one", "two"}
    assert dataset.find("one").id == "one"  # the slug wins over the other trial's acronym
    assert dataset.candidates("nothing") == ()


def test_trial_label_falls_back_to_registry_id_then_title(mini_dataset):
    assert mini_dataset.by_id["alpha"].label == "ALPHA"
    assert mini_dataset.by_id["delta-open"].label == "NCT00000004"
    assert make_trial("x", title="Only a title").label == "Only a title"


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
        ("50 years", 2600, "50 years"),  # the longest allowed
    ],
)
def test_duration_parse_and_weeks(text, weeks, shown):
    duration = Duration.parse(text)
    assert duration is not None
    assert duration.weeks == pytest.approx(weeks)
    assert str(duration) == shown


@pytest.mark.parametrize(
    "text",
    [
        "",
        "weeks",
        "24",
        "24weeks",
        "six months",
        "24 fortnights",
        "-3 weeks",
        "0 weeks",
        "51 years",
        "1" + "0" * 400 + " weeks",
    ],
)
def test_duration_parse_rejects_other_text(text):
    assert Duration.parse(text) is None


def test_loaded_trial_has_parsed_duration(mini_dataset):
    assert mini_dataset.by_id["beta"].treatment_duration == Duration(6.0, "month")
    assert mini_dataset.by_id["delta-open"].treatment_duration is None
    assert mini_dataset.by_id["alpha"].arms[0].duration == Duration(24.0, "week")


# --- partial dates and derived years -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "parts", "shown"),
    [
        ("2014", (2014, None, None), "2014"),
        ("2014-01", (2014, 1, None), "2014-01"),
        ("2014-01-31", (2014, 1, 31), "2014-01-31"),
        ("2024-02-29", (2024, 2, 29), "2024-02-29"),  # a leap day
        (" 2014-01 ", (2014, 1, None), "2014-01"),
    ],
)
def test_partial_date_parse(text, parts, shown):
    day = PartialDate.parse(text)
    assert day == PartialDate(*parts)
    assert str(day) == shown


@pytest.mark.parametrize(
    "text", ["", "14", "2014-1", "2014-13", "2014-00", "2023-02-29", "2014-04-31", "2014/01", "2014-01-01T00"]
)
def test_partial_date_rejects_what_is_not_a_calendar_date(text):
    assert PartialDate.parse(text) is None


def test_partial_dates_order_and_fraction():
    assert PartialDate(2014) < PartialDate(2014, 1) < PartialDate(2014, 2, 1) < PartialDate(2015)
    assert PartialDate(2014).fraction == 2014.5
    assert PartialDate(2014, 7).fraction == pytest.approx(2014 + 6 / 12 + 14 / 365)


def test_start_year_is_derived_from_the_start_date(mini_dataset):
    assert mini_dataset.by_id["alpha"].start_year == 2015  # start "2015-01"
    assert mini_dataset.by_id["beta"].start_year == 2013  # start "2013"
    assert mini_dataset.by_id["delta-open"].start_year is None


def test_end_year_is_completion_else_primary_completion():
    completion = make_trial(dates=Dates(primary_completion=PartialDate(2018, 5), completion=PartialDate(2019)))
    primary_only = make_trial(dates=Dates(primary_completion=PartialDate(2018, 5)))
    assert (completion.end_year, primary_only.end_year, make_trial().end_year) == (2019, 2018, None)
    assert completion.dates.end == PartialDate(2019)


def test_known_dates_keep_the_order_of_the_milestones(mini_dataset):
    kinds = [kind for kind, _ in mini_dataset.by_id["alpha"].dates.known()]
    assert kinds == ["registered", "start", "primary_completion", "completion", "published"]


# --- enrolment -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("counts", "headline", "participants"),
    [
        ({"planned": 110, "randomised": 120, "analysed": 118}, ("analysed", 118), 120),
        ({"planned": 70}, ("planned", 70), None),
        ({"enrolled": 30, "randomised": 28}, ("randomised", 28), 28),
        ({"enrolled": 30}, ("enrolled", 30), 30),
        ({"randomised": 0}, ("randomised", 0), 0),  # zero is a count, not unknown
        ({}, None, None),
    ],
)
def test_enrolment_headline_and_participants(counts, headline, participants):
    enrolment = Enrolment(**counts)
    assert enrolment.headline == headline
    assert enrolment.participants == participants


def test_loaded_enrolment(mini_dataset):
    assert mini_dataset.by_id["alpha"].enrolment == Enrolment(planned=110, randomised=120, analysed=118)
    assert mini_dataset.by_id["delta-open"].enrolment == Enrolment()


# --- verdict ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("primaries", "status", "verdict"),
    [
        (["yes"], "completed", "yes"),
        (["yes", "yes"], "completed", "yes"),
        (["no"], "completed", "no"),
        (["no", "no"], "terminated", "no"),
        (["yes", "no"], "completed", "mixed"),
        (["mixed"], "completed", "mixed"),
        (["yes", "not_reported"], "completed", "yes"),  # an unreported one does not make it mixed
        (["no", "not_applicable"], "completed", "no"),
        (["not_reported"], "completed", "not_reported"),
        ([], "completed", "not_reported"),
        ([], "recruiting", "ongoing"),
        (["not_reported"], "active_not_recruiting", "ongoing"),
        (["yes"], "recruiting", "yes"),  # a reported interim result counts even while running
        ([], "unknown", "not_reported"),
    ],
)
def test_verdict_is_derived_from_the_primary_outcomes(primaries, status, verdict):
    trial = make_trial(outcomes=tuple(primary(met) for met in primaries), status=status)
    assert trial.verdict == verdict


def test_secondary_outcomes_do_not_change_the_verdict():
    outcomes = (primary("yes"), Outcome("secondary", "x", met="no"), Outcome("exploratory", "y", met="no"))
    trial = make_trial(outcomes=outcomes)
    assert trial.verdict == "yes"
    assert trial.primary_outcomes == (outcomes[0],)


def test_loaded_verdicts(mini_dataset):
    verdicts = {t.id: t.verdict for t in mini_dataset.trials}
    assert verdicts == {"alpha": "yes", "beta": "no", "gamma-two": "ongoing", "delta-open": "not_reported"}


# --- links between trials --------------------------------------------------------------------------------------


def test_links_of_reads_a_relation_from_both_sides(mini_dataset):
    (forward,) = mini_dataset.links_of["delta-open"]
    (backward,) = mini_dataset.links_of["alpha"]
    assert (forward.words, forward.trial.id) == ("follow-up of", "alpha")
    assert (backward.words, backward.trial.id) == ("followed up by", "delta-open")
    assert "beta" not in mini_dataset.links_of


@pytest.mark.parametrize(
    ("relation", "forward", "backward"),
    [
        ("extension_of", "extension of", "extended by"),
        ("substudy_of", "substudy of", "has substudy"),
        ("arm_of", "arm of", "platform with arm"),
        ("same_trial_as", "same trial as", "same trial as"),
    ],
)
def test_every_relation_has_words_for_both_sides(relation, forward, backward):
    parent = make_trial("parent")
    child = make_trial("child", related=(Related("parent", relation),))
    dataset = Dataset(DatasetInfo(), (make_intervention(),), (parent, child), ())
    assert [(link.words, link.trial.id) for link in dataset.links_of["child"]] == [(forward, "parent")]
    assert [(link.words, link.trial.id) for link in dataset.links_of["parent"]] == [(backward, "child")]


def test_a_relation_to_a_record_that_is_not_a_trial_gives_no_link():
    dataset = Dataset(
        DatasetInfo(), (make_intervention(),), (make_trial("t", related=(Related("drug", "extension_of"),)),), ()
    )
    assert dataset.links_of == {}


# --- highest phase ---------------------------------------------------------------------------------------------


def test_highest_phase_of_the_fixture(mini_dataset):
    phases = {i.id: mini_dataset.highest_phase(i) for i in mini_dataset.interventions}
    assert phases == {"fixturamab": "2", "testastine": "2a", "mockformin": "2a"}


@pytest.mark.parametrize(
    ("phases", "highest"),
    [
        (["1", "2", "1/2"], "2"),
        (["1", "1/2"], "1/2"),  # a phase 1/2 trial reached phase 2
        (["1b", "1"], "1b"),
        (["2b", "2/3"], "2/3"),
        (["3", "2/3", "4"], "4"),
        (["not_applicable"], None),  # not a phase at all
        ([None, None], None),
        ([], None),
    ],
)
def test_highest_phase(phases, highest):
    trials = tuple(make_trial(f"t{n}", phase=phase) for n, phase in enumerate(phases))
    drug = make_intervention()
    dataset = Dataset(DatasetInfo(), (drug,), trials, ())
    assert dataset.highest_phase(drug) == highest


# --- effects ---------------------------------------------------------------------------------------------------


def test_ratios_have_no_effect_at_one_and_differences_at_zero():
    assert model.Effect("hazard_ratio", 0.7).is_ratio and model.Effect("hazard_ratio", 0.7).no_effect == 1.0
    assert not model.Effect("mean_difference", -1.7).is_ratio
    assert model.Effect("risk_difference", -5).no_effect == 0.0


# --- sources and publications ------------------------------------------------------------------------------


def test_publication_link_prefers_doi_then_pmid_then_url():
    assert model.Publication("c", doi="10.1000/x", url="https://u").link == "https://doi.org/10.1000/x"
    assert model.Publication("c", pmid="123", url="https://u").link == "https://pubmed.ncbi.nlm.nih.gov/123/"
    assert model.Publication("c", url="https://u").link == "https://u"
    assert model.Publication("c").link is None


def test_unique_keeps_first_seen_order():
    assert model.unique(["b", "a", "b", "c", "a"]) == ("b", "a", "c")
