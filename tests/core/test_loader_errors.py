"""Every class of data error is reported as `FILE:LINE:COLUMN: field.path: message`, all at once.

Each fixture in tests/fixtures/invalid/ is a small, otherwise valid file with one kind of mistake
(tests/fixtures/invalid/duplicate_id_across_files/ is a folder, because that mistake needs two files).
Fixtures named `curated_*` are well-formed but break a curation rule: the loader accepts them, `validate`
(curated mode) refuses them and `validate --lenient` accepts them. Paths are given relative to the project
root, so the loader reports them exactly as written here.
"""

from __future__ import annotations

import difflib
import subprocess
import sys

import pytest

from tui.__main__ import main
from tui.core.loader import load_dataset
from tui.core.problems import DataError

INVALID = "tests/fixtures/invalid"
REGISTRY_HELP = (
    "NCT########, ISRCTN########, ACTRN##############, EudraCT NNNN-NNNNNN-NN, EU CT NNNN-NNNNNN-NN-NN, "
    "DRKS########, NTR####/NL####, ChiCTR…, IRCT…N#, jRCT…, UMIN#########, CTRI/YYYY/MM/NNNNNN"
)
STATUSES = (
    "completed, terminated, withdrawn, recruiting, active_not_recruiting, not_yet_recruiting, suspended, "
    "enrolling_by_invitation, unknown"
)
MALFORMED_URL = (
    "malformed URL: expected http:// or https://, a host, then only RFC 3986 characters (no spaces or control "
    "characters; percent-encode anything else)"
)

# fixture -> every problem the loader must report, in order.
EXPECTED: dict[str, list[str]] = {
    "malformed_yaml.yaml": [
        "malformed_yaml.yaml:34:18: (file): malformed YAML: mapping values are not allowed in this context",
    ],
    "missing_field.yaml": [
        "missing_field.yaml:33:5: trials[0]: missing required field 'status'",
    ],
    "wrong_type.yaml": [
        "wrong_type.yaml:50:60: trials[0].enrolment.randomised: expected a whole number, got text 'forty'",
    ],
    "unknown_field.yaml": [
        "unknown_field.yaml:33:5: trials[0]: missing required field 'phase'",
        "unknown_field.yaml:39:5: trials[0].pahse: unknown field 'pahse'; did you mean 'phase'?",
    ],
    "value_not_allowed.yaml": [
        f"value_not_allowed.yaml:71:13: trials[0].status: 'finished' is not allowed; allowed: {STATUSES}",
    ],
    "duplicate_id_in_file.yaml": [
        (
            "duplicate_id_in_file.yaml:87:9: trials[1].id: duplicate id 'solo': already used by an earlier record "
            f"at {INVALID}/duplicate_id_in_file.yaml:trials[0]"
        ),
    ],
    "duplicate_id_across_files": [
        (
            "duplicate_id_across_files/second.yaml:3:9: trials[0].id: duplicate id 'solo': already used by an "
            f"earlier record at {INVALID}/duplicate_id_across_files/first.yaml:trials[0]"
        ),
    ],
    "duplicate_id_across_kinds.yaml": [
        (
            "duplicate_id_across_kinds.yaml:33:9: trials[0].id: duplicate id 'testastine': already used by a record "
            f"of kind 'intervention' at {INVALID}/duplicate_id_across_kinds.yaml:interventions[0]"
        ),
    ],
    "unknown_intervention.yaml": [
        "unknown_intervention.yaml:37:36: trials[0].intervention_ids[1]: unknown intervention 'clemastine'",
    ],
    "unknown_measure.yaml": [
        "unknown_measure.yaml:66:21: trials[0].measures[1]: unknown measure 'vep'",
    ],
    "malformed_registry_id.yaml": [
        (
            "malformed_registry_id.yaml:36:20: trials[0].registry_ids[0]: malformed registry id 'NCT123': "
            f"expected one of {REGISTRY_HELP}"
        ),
    ],
    "malformed_doi.yaml": [
        (
            "malformed_doi.yaml:77:14: trials[0].publications[0].doi: malformed DOI: expected 10.NNNN/suffix "
            "(printable characters, no spaces)"
        ),
    ],
    "malformed_pmid.yaml": [
        "malformed_pmid.yaml:78:15: trials[0].publications[0].pmid: malformed PMID: expected 1 to 9 digits",
    ],
    "year_out_of_range.yaml": [
        "year_out_of_range.yaml:52:25: trials[0].dates.registered: year 1014 is outside 1950–2100",
    ],
    "end_before_start.yaml": [
        (
            "end_before_start.yaml:52:77: trials[0].dates.primary_completion: primary completion 2014-09 is before "
            "the start 2015-01"
        ),
    ],
    "duplicate_registry_id.yaml": [
        (
            "duplicate_registry_id.yaml:90:20: trials[1].registry_ids[0]: registry id NCT00000001 is already used "
            "by trial 'solo'"
        ),
    ],
    "malformed_id.yaml": [
        (
            "malformed_id.yaml:33:9: trials[0].id: malformed id: use lowercase letters and digits joined by single "
            "hyphens or underscores (e.g. ccmr-one)"
        ),
    ],
    "malformed_url.yaml": [
        f"malformed_url.yaml:29:14: interventions[0].sources[0].url: {MALFORMED_URL}",
    ],
    "malformed_duration.yaml": [
        (
            "malformed_duration.yaml:51:25: trials[0].treatment_duration: malformed duration: expected "
            "'<number> days|weeks|months|years' up to 50 years, e.g. '24 weeks'"
        ),
    ],
    "source_without_link.yaml": [
        "source_without_link.yaml:28:9: interventions[0].sources[0]: needs at least one of registry_id, doi, pmid, url",
    ],
    "invalid_date.yaml": [
        "invalid_date.yaml:86:20: trials[0].last_reviewed: '2026-02-30' is not a valid date: expected YYYY-MM-DD",
    ],
    "three_problems.yaml": [
        (
            "three_problems.yaml:39:12: trials[0].phase: '5' is not allowed; allowed: 1, 1b, 1/2, 2, 2a, 2b, 2/3, 3, "
            "4, not_applicable"
        ),
        "three_problems.yaml:50:60: trials[0].enrolment.randomised: -5 is below the minimum 0",
        "three_problems.yaml:66:21: trials[0].measures[1]: unknown measure 'vep'",
    ],
    # --- the evidence model (issue 13) ---
    "effect_wrong_type.yaml": [
        "effect_wrong_type.yaml:63:60: trials[0].outcomes[0].result.estimate: expected a number, got text",
    ],
    "ci_low_above_high.yaml": [
        (
            "ci_low_above_high.yaml:63:73: trials[0].outcomes[0].result.ci_low: the interval's low end 2 is above "
            "its high end 0.4"
        ),
    ],
    "estimate_outside_ci.yaml": [
        (
            "estimate_outside_ci.yaml:63:60: trials[0].outcomes[0].result.estimate: estimate 2.5 lies outside its "
            "interval 0.4 to 2"
        ),
    ],
    "p_value_out_of_range.yaml": [
        "p_value_out_of_range.yaml:63:101: trials[0].outcomes[0].result.p_value: 1.5 is above the maximum 1",
    ],
    "p_value_malformed_bound.yaml": [
        (
            "p_value_malformed_bound.yaml:63:101: trials[0].outcomes[0].result.p_value: malformed p value: expected "
            "a number 0–1 or a bound such as '<0.001'"
        ),
    ],
    "ratio_not_positive.yaml": [
        "ratio_not_positive.yaml:63:70: trials[0].outcomes[0].result.ci_low: a ratio must be above 0, got -0.1",
    ],
    "arms_above_enrolment.yaml": [
        (
            "arms_above_enrolment.yaml:46:7: trials[0].arms: the arms add up to 50 participants, more than the 40 "
            "randomised"
        ),
    ],
    "adverse_events_above_participants.yaml": [
        (
            "adverse_events_above_participants.yaml:69:61: trials[0].adverse_events[1].serious: 21 participants is "
            "more than the group's 20"
        ),
    ],
    "duplicate_arm_label.yaml": [
        "duplicate_arm_label.yaml:48:17: trials[0].arms[1].label: two arms are labelled 'Testastine'",
    ],
    "related_missing_trial.yaml": [
        "related_missing_trial.yaml:56:17: trials[0].related[0].trial: unknown trial 'solo-pilot'",
    ],
    "unknown_relation.yaml": [
        (
            "unknown_relation.yaml:110:33: trials[1].related[0].relation: 'sibling_of' is not allowed; allowed: "
            "extension_of, follow_up_of, substudy_of, arm_of, same_trial_as"
        ),
    ],
    "why_stopped_on_completed.yaml": [
        (
            "why_stopped_on_completed.yaml:54:18: trials[0].why_stopped: only a stopped trial (suspended, "
            "terminated, withdrawn) has a reason for stopping; status is 'completed'"
        ),
    ],
    "outcome_measure_not_listed.yaml": [
        (
            "outcome_measure_not_listed.yaml:58:18: trials[0].outcomes[0].measure: measure 'mtr' is not in the "
            "trial's measures list"
        ),
    ],
    "registry_source_without_id.yaml": [
        (
            "registry_source_without_id.yaml:80:9: trials[0].sources[0].registry_id: a source of kind 'registry' "
            "needs the registry_id of the official record"
        ),
    ],
    "partial_date_invalid.yaml": [
        (
            "partial_date_invalid.yaml:52:46: trials[0].dates.start: '2015-13' is not a valid date: expected YYYY, "
            "YYYY-MM or YYYY-MM-DD"
        ),
    ],
}

# Well-formed, but against the curation rules: refused only by `load_dataset(..., curated=True)`.
CURATED: dict[str, list[str]] = {
    "curated_registry_url_off_registry.yaml": [
        (
            "curated_registry_url_off_registry.yaml:82:14: trials[0].sources[0].url: ctv.veeva.com is not an "
            "official registry site: give it as read_at"
        ),
    ],
    "curated_mirror_url.yaml": [
        (
            "curated_mirror_url.yaml:85:14: trials[0].sources[1].url: pmc.ncbi.nlm.nih.gov is a copy of a registry "
            "record or paper: cite its registry_id, doi or pmid and give this address as read_at"
        ),
    ],
    "curated_unsuitable_host.yaml": [
        (
            "curated_unsuitable_host.yaml:85:18: trials[0].sources[1].read_at: fixture-notes.blogspot.com is a blog: "
            "cite another source"
        ),
    ],
}
FIXTURES = sorted(EXPECTED)
ALL = {**EXPECTED, **CURATED}


@pytest.fixture(autouse=True)
def _at_project_root(monkeypatch, request):
    """Run from the project root so that relative fixture paths are reported as written."""
    monkeypatch.chdir(request.config.rootpath)


def _problems(fixture: str, curated: bool = False) -> list[str]:
    with pytest.raises(DataError) as caught:
        load_dataset(f"{INVALID}/{fixture}", curated=curated)
    return [str(problem) for problem in caught.value.problems]


def test_every_invalid_fixture_has_an_expectation(request):
    on_disk = {p.name for p in (request.config.rootpath / INVALID).iterdir()}
    assert on_disk == set(ALL)


TWO_TRIALS = {"duplicate_id_in_file.yaml", "duplicate_registry_id.yaml", "unknown_relation.yaml"}


@pytest.mark.parametrize("fixture", sorted(name for name in ALL if name.endswith(".yaml") and name not in TWO_TRIALS))
def test_each_fixture_changes_the_valid_base_in_one_place(fixture, request):
    """The fixtures share one valid base (duplicate_id_across_files/first.yaml); each changes it in one
    place (three_problems.yaml in three), so each shows one kind of mistake."""
    folder = request.config.rootpath / INVALID
    base = (folder / "duplicate_id_across_files" / "first.yaml").read_text().splitlines()[1:]
    lines = (folder / fixture).read_text().splitlines()[1:]  # line 1 is the comment saying what is wrong
    changes = [op for op in difflib.SequenceMatcher(None, base, lines).get_opcodes() if op[0] != "equal"]
    assert len(changes) == (3 if fixture == "three_problems.yaml" else 1), changes


@pytest.mark.parametrize("fixture", FIXTURES)
def test_loader_reports_exact_problems(fixture):
    assert _problems(fixture) == [f"{INVALID}/{line}" for line in EXPECTED[fixture]]


@pytest.mark.parametrize("fixture", FIXTURES)
def test_curated_mode_reports_nothing_more_on_malformed_data(fixture):
    # The curation rules only run on well-formed data: they would otherwise echo the format problems.
    assert _problems(fixture, curated=True) == _problems(fixture)


@pytest.mark.parametrize("fixture", sorted(CURATED))
def test_curation_problems_are_reported_only_in_curated_mode(fixture):
    assert load_dataset(f"{INVALID}/{fixture}").trials  # well-formed
    assert _problems(fixture, curated=True) == [f"{INVALID}/{line}" for line in CURATED[fixture]]


def test_all_problems_in_a_file_are_reported_at_once():
    assert len(_problems("three_problems.yaml")) == 3


def test_unknown_field_suggests_the_intended_field():
    assert any("did you mean 'phase'?" in line for line in _problems("unknown_field.yaml"))


def test_value_outside_allowed_set_lists_the_allowed_values():
    (line,) = _problems("value_not_allowed.yaml")
    assert "allowed: completed, terminated" in line


def test_data_error_message_counts_and_lists_problems():
    with pytest.raises(DataError) as caught:
        load_dataset(f"{INVALID}/three_problems.yaml")
    message = str(caught.value)
    assert message.startswith("3 problems in the data\n")
    assert message.count(f"{INVALID}/three_problems.yaml:") == 3
    assert caught.value.summary() == "3 problems in the data"


# --- through the command line ---------------------------------------------------------------------------


def test_validate_valid_data_prints_one_line_summary(capsys):
    assert main(["validate", "--data", "tests/fixtures/mini"]) == 0
    out, err = capsys.readouterr()
    assert out == "ok (format and curation rules): 4 trials, 3 interventions, 3 measures (Fixture trials 0.0.1)\n"
    assert err == ""
    assert main(["validate", "--lenient", "--data", "tests/fixtures/mini"]) == 0
    assert capsys.readouterr().out == "ok (format): 4 trials, 3 interventions, 3 measures (Fixture trials 0.0.1)\n"


def _summary(count: int) -> str:
    return f"mstrials-tui: invalid data: {count} problem{'' if count == 1 else 's'} in the data"


@pytest.mark.parametrize("fixture", sorted(ALL))
def test_validate_invalid_fixture_exits_2_listing_problems(fixture, capsys):
    assert main(["validate", "--data", f"{INVALID}/{fixture}"]) == 2
    out, err = capsys.readouterr()
    expected = ALL[fixture]
    assert out == ""
    assert err.splitlines() == [_summary(len(expected)), *(f"{INVALID}/{line}" for line in expected)]


@pytest.mark.parametrize("fixture", sorted(CURATED))
def test_validate_lenient_accepts_what_only_curation_refuses(fixture, capsys):
    assert main(["validate", "--lenient", "--data", f"{INVALID}/{fixture}"]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("ok (format): 1 trial, 1 intervention, 1 measure")
    assert err == ""


def test_validate_in_a_subprocess_exits_2_without_traceback():
    result = subprocess.run(
        [sys.executable, "-m", "tui", "validate", "--data", f"{INVALID}/three_problems.yaml"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines()[0] == _summary(3)
    assert result.stdout == ""
