"""Comparing our trials with their registry records: each kind of drift is found, and honest differences in
precision (a month against a day, phase 2a against PHASE2) are not."""

from __future__ import annotations

import dataclasses
import re
from datetime import date
from pathlib import Path

import pytest

from tui.core.model import Dataset, PartialDate, Trial
from tui.core.registry.api import Fetched, read_saved
from tui.core.registry.diff import (
    CheckError,
    agree,
    check_trial,
    check_trials,
    differences,
    nct_ids,
    to_dict,
    to_text,
)
from tui.core.registry.errors import NoSavedResponse, RegistryUnreachable
from tui.core.registry.parse import RegistryRecord, parse_study

from .conftest import DRIFT, QUIRKS, SAVED, saved


def trial(dataset: Dataset, reference: str) -> Trial:
    found = dataset.find_trial(reference)
    assert found is not None
    return found


def record(name: str, folder: Path = SAVED) -> RegistryRecord:
    return parse_study(saved(name, folder), name)


def found(dataset: Dataset, reference: str, folder: Path, name: str = "NCT05338450") -> dict[str, tuple[str, str]]:
    """{field: (registry, ours)} of the differences."""
    return {d.field: (d.registry, d.ours) for d in differences(trial(dataset, reference), record(name, folder))}


@pytest.mark.parametrize(
    ("reference", "name"),
    [("rebuild", "NCT02040298"), ("synergy", "NCT01864148"), ("affinity", "NCT03222973"), ("restore", "NCT05338450")],
)
def test_the_saved_records_agree_with_our_data(bundled, reference, name):
    assert list(differences(trial(bundled, reference), record(name))) == []


def test_status_changed(bundled):
    assert found(bundled, "restore", DRIFT / "status") == {"status": ("Active, not recruiting", "Recruiting")}


def test_enrolment_became_actual(bundled):
    assert found(bundled, "restore", DRIFT / "enrolment-actual") == {
        "enrolment": ("80 enrolled (actual)", "80 planned")
    }


def test_results_posted(bundled):
    assert found(bundled, "restore", DRIFT / "results-posted") == {
        "status": ("Completed", "Recruiting"),
        "dates.results_posted": ("posted 2027-06-02", "not reported"),
        "last_reviewed": ("updated 2027-06-02", "last reviewed 2026-11-30"),
    }


def test_terminated_with_a_reason(bundled):
    assert found(bundled, "restore", DRIFT / "terminated") == {
        "status": ("Terminated", "Recruiting"),
        "why_stopped": ("Synthetic reason for a test fixture: recruitment too slow", "not reported"),
    }


def test_dates_moved(bundled):
    assert found(bundled, "restore", DRIFT / "dates") == {
        "dates.start": ("2022-10-03", "2022-08-30"),
        "dates.primary_completion": ("2027-03 (estimated)", "not reported"),
        "dates.completion": ("2027-09 (estimated)", "2026-11"),
    }


def test_sponsor_changed(bundled):
    assert found(bundled, "synergy", DRIFT / "sponsor", "NCT01864148") == {
        "sponsor": ("Synthetic Sponsor Holding B.V.", "Biogen")
    }


def test_merged_record(bundled):
    assert found(bundled, "restore", QUIRKS / "merged") == {
        "registry_ids": ("NCT09999999 (this record absorbed NCT05338450)", "NCT05338450")
    }


def test_quirks_that_are_not_differences(bundled):
    assert found(bundled, "restore", QUIRKS / "enrolment-unknown") == {}
    # A month-only start agrees with our day; the completion day agrees with our month.
    assert found(bundled, "restore", QUIRKS / "month-dates") == {
        "dates.primary_completion": ("2026-05 (estimated)", "not reported")
    }


def test_missing_modules_compare_what_is_there(bundled):
    assert found(bundled, "restore", QUIRKS / "missing-modules") == {
        "dates.start": ("not given", "2022-08-30"),
        "dates.completion": ("not given", "2026-11"),
    }


def test_phases_that_disagree(bundled):
    assert found(bundled, "restore", QUIRKS / "phases-1-2") == {"phase": ("Phase 1/Phase 2", "Phase 3")}
    assert found(bundled, "restore", QUIRKS / "phase-na") == {"phase": ("Not applicable", "Phase 3")}


# --- the rules, one by one -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "agrees"),
    [
        ("2014-01", "2014-01-31", True),
        ("2014", "2014-06-01", True),
        ("2014-01-31", "2014-01-31", True),
        ("2014-01-30", "2014-01-31", False),
        ("2014-01", "2014-02", False),
        ("2013", "2014", False),
    ],
)
def test_dates_agree_as_far_as_both_are_known(a, b, agrees):
    first, second = PartialDate.parse(a), PartialDate.parse(b)
    assert first is not None and second is not None
    assert agree(first, second) is agrees and agree(second, first) is agrees


def test_our_phase_2a_agrees_with_phase_2(bundled):
    ours = dataclasses.replace(trial(bundled, "restore"), phase="2a")
    payload = saved("NCT05338450")
    payload["protocolSection"]["designModule"]["phases"] = ["PHASE2"]
    assert list(differences(ours, parse_study(payload, "NCT05338450"))) == []


@pytest.mark.parametrize(
    ("ours", "theirs", "differs"),
    [
        ("Biogen", "Biogen", False),
        ("Biogen", "BIOGEN", False),
        ("Riley Bove, MD (University of California, San Francisco)", "Riley Bove, MD", False),
        ("University of California, San Francisco", "University of California", False),
        ("Biogen", "Biogenix", True),
        (None, "Biogen", True),
    ],
)
def test_a_sponsor_agrees_when_one_name_contains_the_other(bundled, ours, theirs, differs):
    mine = dataclasses.replace(trial(bundled, "synergy"), sponsor=ours)
    payload = saved("NCT01864148")
    payload["protocolSection"]["sponsorCollaboratorsModule"]["leadSponsor"]["name"] = theirs
    assert bool(list(differences(mine, parse_study(payload, "NCT01864148")))) is differs


def test_only_the_presence_of_a_reason_for_stopping_is_compared(bundled):
    affinity = trial(bundled, "affinity")
    payload = saved("NCT03222973")
    payload["protocolSection"]["statusModule"]["whyStopped"] = "Worded quite differently by the sponsor"
    assert list(differences(affinity, parse_study(payload, "NCT03222973"))) == []
    del payload["protocolSection"]["statusModule"]["whyStopped"]
    assert [d.field for d in differences(affinity, parse_study(payload, "NCT03222973"))] == ["why_stopped"]


def test_an_estimated_count_is_moot_once_we_know_who_took_part(bundled):
    ours = dataclasses.replace(
        trial(bundled, "restore"),
        enrolment=dataclasses.replace(trial(bundled, "restore").enrolment, planned=None, randomised=78),
    )
    assert list(differences(ours, record("NCT05338450"))) == []
    unknown = dataclasses.replace(ours, enrolment=dataclasses.replace(ours.enrolment, randomised=None))
    assert [d.registry for d in differences(unknown, record("NCT05338450"))] == ["80 planned (estimated)"]


def test_results_we_record_that_the_registry_does_not_have(bundled):
    ours = dataclasses.replace(
        trial(bundled, "restore"),
        dates=dataclasses.replace(trial(bundled, "restore").dates, results_posted=PartialDate(2026, 1)),
    )
    assert {d.field: d.registry for d in differences(ours, record("NCT05338450"))} == {
        "dates.results_posted": "none posted"
    }


def test_a_registry_update_after_our_review_is_worth_a_look(bundled):
    ours = dataclasses.replace(trial(bundled, "restore"), last_reviewed=date(2024, 11, 14))
    assert [(d.label, d.registry, d.ours) for d in differences(ours, record("NCT05338450"))] == [
        ("Last update", "updated 2024-11-15", "last reviewed 2024-11-14")
    ]
    assert list(differences(dataclasses.replace(ours, last_reviewed=date(2024, 11, 15)), record("NCT05338450"))) == []


def test_nct_ids_of_a_trial(bundled):
    assert nct_ids(trial(bundled, "synergy")) == ("NCT01864148",)
    assert nct_ids(trial(bundled, "ccmr-one")) == ()


# --- checking several trials, and the report -----------------------------------------------------------------


def test_check_trials_goes_on_after_a_failure_and_skips_what_is_not_saved(bundled):
    trials = [trial(bundled, r) for r in ("restore", "rebuild", "synergy")]
    run = check_trials(trials, lambda nct: read_saved(DRIFT / "status", nct), skip_missing=True)
    assert [c.trial_id for c in run.checks] == ["restore"]
    assert [e.nct_id for e in run.skipped] == ["NCT02040298", "NCT01864148"] and run.errors == []
    strict = check_trials(trials, lambda nct: read_saved(DRIFT / "status", nct))
    assert [e.nct_id for e in strict.errors] == ["NCT02040298", "NCT01864148"] and strict.skipped == []


def test_check_trials_stops_when_every_request_would_fail(bundled):
    def offline(nct: str) -> Fetched:
        raise RegistryUnreachable("cannot reach clinicaltrials.gov")

    with pytest.raises(RegistryUnreachable):
        check_trials([trial(bundled, "restore")], offline)


def test_a_file_for_the_wrong_study_is_an_error_not_a_difference(bundled, tmp_path):
    (tmp_path / "NCT05338450.json").write_bytes((SAVED / "NCT02040298.json").read_bytes())
    run = check_trials([trial(bundled, "restore")], lambda nct: read_saved(tmp_path, nct))
    assert run.checks == [] and "record of NCT02040298" in run.errors[0].message


def test_text_report(bundled):
    restore = trial(bundled, "restore")
    fetched = read_saved(DRIFT / "terminated", "NCT05338450")
    check = check_trial(restore, parse_study(fetched.payload, "NCT05338450"), fetched)
    error = CheckError("rebuild", "ReBUILD", "NCT02040298", "no saved response for NCT02040298")
    assert to_text([check], [error]).splitlines() == [
        "RESTORE (restore) · NCT05338450 · registry version 2024-11-18 · last update posted 2024-11-15",
        "  Status       registry: Terminated",
        "               ours:     Recruiting",
        "  Why stopped  registry: Synthetic reason for a test fixture: recruitment too slow",
        "               ours:     not reported",
        "ReBUILD (rebuild) · NCT02040298: not checked: no saved response for NCT02040298",
        "1 registry record checked: 1 with differences, 0 without; 1 record could not be checked",
    ]


def test_report_of_terminal_escapes_in_registry_text_is_inert(bundled):
    payload = saved("NCT05338450")
    payload["protocolSection"]["sponsorCollaboratorsModule"]["leadSponsor"]["name"] = "Evil\x1b[2J Sponsor"
    check = check_trial(trial(bundled, "restore"), parse_study(payload, "NCT05338450"))
    assert "\x1b" not in to_text([check])


def test_dict_report(bundled):
    fetched = read_saved(DRIFT / "status", "NCT05338450")
    check = check_trial(trial(bundled, "restore"), parse_study(fetched.payload, "NCT05338450"), fetched)
    report = to_dict([check])
    assert report["checked"] == 1 and report["with_differences"] == 1 and report["errors"] == []
    (entry,) = report["trials"]  # type: ignore[misc]
    assert entry["registry_version"] == "2024-11-18" and entry["last_update_posted"] == "2024-11-15"
    assert entry["differences"] == [
        {"field": "status", "label": "Status", "registry": "Active, not recruiting", "ours": "Recruiting"}
    ]


def test_no_saved_response_is_its_own_error():
    with pytest.raises(NoSavedResponse, match=re.escape("NCT00000000.json does not exist")):
        read_saved(SAVED, "NCT00000000")


def test_check_trials_reports_progress(bundled):
    seen: list[tuple[int, int, str]] = []
    trials = [trial(bundled, r) for r in ("restore", "synergy")]
    check_trials(trials, lambda nct: read_saved(SAVED, nct), progress=lambda *step: seen.append(step))
    assert seen == [(0, 2, "NCT05338450"), (1, 2, "NCT01864148")]
