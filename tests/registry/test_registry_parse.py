"""Reading API v2 study responses: the shapes of real records and the quirks that have bitten public clients."""

from __future__ import annotations

from typing import Any

import pytest

from tui.core.model import PartialDate
from tui.core.registry.errors import RegistryBadResponse
from tui.core.registry.parse import RegistryDate, parse_study

from .conftest import QUIRKS, saved


def design(payload: dict[str, Any]) -> dict[str, Any]:
    return payload["protocolSection"]["designModule"]


def status(payload: dict[str, Any]) -> dict[str, Any]:
    return payload["protocolSection"]["statusModule"]


# --- the four saved records --------------------------------------------------------------------------------


def test_a_completed_record():
    record = parse_study(saved("NCT02040298"), "NCT02040298")
    assert (record.nct_id, record.acronym, record.status, record.phase.ours) == (
        "NCT02040298",
        "ReBUILD",
        "completed",
        "2",
    )
    assert (record.randomised, record.masking, record.allocation) == (True, "quadruple", "crossover")
    assert (record.enrolment.count, record.enrolment.kind) == (50, "enrolled")
    assert record.start == RegistryDate(PartialDate(2014, 1, 31), True)
    assert record.results_posted is None
    assert not record.has_results and not record.merged
    assert record.sponsor == "University of California, San Francisco"
    assert record.countries == ("United States",) and record.sites == 1
    assert [a.intervention_names for a in record.arms] == [("Clemastine fumarate", "Placebo")] * 2
    assert record.version == PartialDate(2025, 9, 18)
    assert record.notes == ()


def test_a_terminated_record_gives_its_reason_secondary_ids_and_results():
    record = parse_study(saved("NCT03222973"), "NCT03222973")
    assert record.results_posted == RegistryDate(PartialDate(2022, 4, 28), True) and record.has_results
    assert record.status == "terminated"
    assert record.why_stopped and record.why_stopped.startswith("Part 1 missed")
    assert record.secondary_ids == (("2017-001224-22", "EUDRACT_NUMBER"),)
    assert len(record.countries) == 11 and record.sites == 11


def test_a_recruiting_record_has_an_estimated_enrolment_and_completion():
    record = parse_study(saved("NCT05338450"), "NCT05338450")
    assert (record.status, record.enrolment.count, record.enrolment.kind) == ("recruiting", 80, "planned")
    assert record.completion == RegistryDate(PartialDate(2026, 11), False)
    assert str(record.completion) == "2026-11 (estimated)"
    assert not record.has_results and record.results_posted is None


def test_a_record_without_locations_says_so():
    record = parse_study(saved("NCT01864148"), "NCT01864148")
    assert record.countries == () and record.sites is None
    assert record.notes == ("the record gives no locations",)
    assert record.start == RegistryDate(PartialDate(2013, 8), None)  # untyped, as in older records


# --- phases ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phases", "ours", "agrees_with", "label"),
    [
        (["PHASE2"], "2", {"2", "2a", "2b"}, "Phase 2"),
        (["PHASE1", "PHASE2"], "1/2", {"1/2"}, "Phase 1/Phase 2"),
        (["PHASE2", "PHASE1"], "1/2", {"1/2"}, "Phase 1/Phase 2"),  # order as given does not matter
        (["PHASE2", "PHASE3"], "2/3", {"2/3"}, "Phase 2/Phase 3"),
        (["EARLY_PHASE1"], "1", {"1"}, "Early phase 1"),
        (["NA"], "not_applicable", {"not_applicable"}, "Not applicable"),
        (["PHASE4"], "4", {"4"}, "Phase 4"),
        ([], None, set(), "not given"),
        (["PHASE1", "PHASE3"], None, set(), "Phase 1/Phase 3"),
    ],
)
def test_phase_lists(phases, ours, agrees_with, label):
    payload = saved("NCT05338450")
    design(payload)["phases"] = phases
    phase = parse_study(payload, "NCT05338450").phase
    assert (phase.ours, set(phase.agrees_with), phase.label) == (ours, agrees_with, label)


def test_saved_phase_quirks():
    assert parse_study(saved("NCT05338450", QUIRKS / "phases-1-2"), "NCT05338450").phase.ours == "1/2"
    early = parse_study(saved("NCT05338450", QUIRKS / "early-phase-1"), "NCT05338450")
    assert early.phase.ours == "1" and "Early phase 1" in early.notes[0]
    assert parse_study(saved("NCT05338450", QUIRKS / "phase-na"), "NCT05338450").phase.ours == "not_applicable"


# --- enrolment -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("info", "count", "kind"),
    [
        ({"count": 80, "type": "ACTUAL"}, 80, "enrolled"),
        ({"count": 80, "type": "ESTIMATED"}, 80, "planned"),
        ({"count": 80, "type": "ANTICIPATED"}, 80, "planned"),  # the older word for ESTIMATED
        ({"count": 80}, 80, None),
        ({"count": 99999999, "type": "ESTIMATED"}, None, "planned"),
        ({"count": "80", "type": "ACTUAL"}, None, "enrolled"),
        ({"count": True, "type": "ACTUAL"}, None, "enrolled"),
        ({"count": -3, "type": "ACTUAL"}, None, "enrolled"),
        ({}, None, None),
    ],
)
def test_enrolment(info, count, kind):
    payload = saved("NCT05338450")
    design(payload)["enrollmentInfo"] = info
    enrolment = parse_study(payload, "NCT05338450").enrolment
    assert (enrolment.count, enrolment.kind) == (count, kind)


def test_the_unknown_enrolment_placeholder_is_noted():
    record = parse_study(saved("NCT05338450", QUIRKS / "enrolment-unknown"), "NCT05338450")
    assert record.enrolment.count is None
    assert any("99999999" in note and "unknown" in note for note in record.notes)


# --- dates -----------------------------------------------------------------------------------------------------


def test_month_dates_typed_and_untyped():
    record = parse_study(saved("NCT05338450", QUIRKS / "month-dates"), "NCT05338450")
    assert record.start == RegistryDate(PartialDate(2022, 8), None)
    assert record.primary_completion == RegistryDate(PartialDate(2026, 5), False)
    assert record.completion == RegistryDate(PartialDate(2026, 11, 30), False)


@pytest.mark.parametrize("bad", ["2022-13", "2022-02-30", "soon", 20220830])
def test_a_date_that_is_not_one_is_ignored_with_a_note(bad):
    payload = saved("NCT05338450")
    status(payload)["startDateStruct"] = {"date": bad, "type": "ACTUAL"}
    record = parse_study(payload, "NCT05338450")
    assert record.start is None
    assert any("start date" in note for note in record.notes)


# --- identity: merged records, wrong answers -----------------------------------------------------------------


def test_a_merged_record_is_accepted_through_its_alias():
    record = parse_study(saved("NCT05338450", QUIRKS / "merged"), "NCT05338450")
    assert record.merged and record.nct_id == "NCT09999999" and record.aliases == ("NCT05338450",)
    assert "merged into NCT09999999" in record.notes[0]


def test_a_redirect_vouches_for_the_record_even_without_the_alias():
    payload = saved("NCT05338450", QUIRKS / "merged")
    del payload["protocolSection"]["identificationModule"]["nctIdAliases"]
    assert parse_study(payload, "NCT05338450", redirected_to="NCT09999999").merged
    with pytest.raises(RegistryBadResponse, match="does not list NCT05338450"):
        parse_study(payload, "NCT05338450")


def test_the_record_of_another_study_is_refused():
    with pytest.raises(RegistryBadResponse, match="record of NCT02040298"):
        parse_study(saved("NCT02040298"), "NCT05338450")


@pytest.mark.parametrize("payload", [[], "text", None, {}, {"protocolSection": {"identificationModule": {"nctId": 5}}}])
def test_what_is_not_a_study_is_refused(payload):
    with pytest.raises(RegistryBadResponse):
        parse_study(payload, "NCT05338450")


def test_a_saved_search_answer_gives_its_matching_study():
    answer = {"studies": [saved("NCT02040298"), saved("NCT05338450")], "nextPageToken": "x"}
    assert parse_study(answer, "NCT05338450").acronym == "RESTORE"
    with pytest.raises(RegistryBadResponse, match="does not include"):
        parse_study(answer, "NCT01864148")


def test_missing_modules_leave_nothing_but_notes():
    record = parse_study(saved("NCT05338450", QUIRKS / "missing-modules"), "NCT05338450")
    assert (record.status, record.phase.ours, record.enrolment.count, record.sponsor) == (
        "recruiting",
        None,
        None,
        None,
    )
    assert (record.arms, record.primary_outcomes, record.start, record.version) == ((), (), None, None)
    assert "no sponsor, no phase, design and enrolment, no arms and interventions" in record.notes[0]


def test_an_expanded_access_status_has_no_equivalent():
    payload = saved("NCT05338450")
    status(payload)["overallStatus"] = "NO_LONGER_AVAILABLE"
    record = parse_study(payload, "NCT05338450")
    assert record.status is None and record.status_label == "No longer available (expanded access)"


# --- text ------------------------------------------------------------------------------------------------------


def test_text_loses_what_the_loader_would_refuse():
    payload = saved("NCT05338450")
    ident = payload["protocolSection"]["identificationModule"]
    ident["acronym"] = "RE\u202eSTORE\x1b[31m"
    ident["officialTitle"] = "A  title\non\ttwo lines"
    record = parse_study(payload, "NCT05338450")
    assert record.acronym == "RE STORE [31m"
    assert record.official_title == "A title on two lines"


def test_arm_intervention_names_lose_their_type_prefix_only():
    payload = saved("NCT05338450")
    arms = payload["protocolSection"]["armsInterventionsModule"]["armGroups"]
    arms[0]["interventionNames"] = ["Dietary Supplement: Biotin", "Note: not a type", "Plain name"]
    assert parse_study(payload, "NCT05338450").arms[0].intervention_names == (
        "Biotin",
        "Note: not a type",
        "Plain name",
    )
