"""Every class of data error is reported as `FILE:LINE:COLUMN: field.path: message`, all at once.

Each fixture in tests/fixtures/invalid/ is a small, otherwise valid file with one kind of mistake
(tests/fixtures/invalid/duplicate_id_across_files/ is a folder, because that mistake needs two files).
Paths are given relative to the project root, so the loader reports them exactly as written here.
"""

from __future__ import annotations

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

# fixture -> every problem the loader must report, in order.
EXPECTED: dict[str, list[str]] = {
    "malformed_yaml.yaml": [
        "malformed_yaml.yaml:34:18: (file): malformed YAML: mapping values are not allowed in this context",
    ],
    "missing_field.yaml": [
        "missing_field.yaml:33:5: trials[0]: missing required field 'status'",
    ],
    "wrong_type.yaml": [
        "wrong_type.yaml:45:17: trials[0].enrollment: expected a whole number, got text",
    ],
    "unknown_field.yaml": [
        "unknown_field.yaml:33:5: trials[0]: missing required field 'phase'",
        "unknown_field.yaml:39:5: trials[0].pahse: unknown field 'pahse'; did you mean 'phase'?",
    ],
    "value_not_allowed.yaml": [
        f"value_not_allowed.yaml:53:13: trials[0].status: 'finished' is not allowed; allowed: {STATUSES}",
    ],
    "duplicate_id_in_file.yaml": [
        "duplicate_id_in_file.yaml:68:9: trials[1].id: duplicate id 'solo': already used by an earlier record "
        f"at {INVALID}/duplicate_id_in_file.yaml:trials[0]",
    ],
    "duplicate_id_across_files": [
        "duplicate_id_across_files/second.yaml:3:9: trials[0].id: duplicate id 'solo': already used by an "
        f"earlier record at {INVALID}/duplicate_id_across_files/first.yaml:trials[0]",
    ],
    "duplicate_id_across_kinds.yaml": [
        "duplicate_id_across_kinds.yaml:33:9: trials[0].id: duplicate id 'testastine': already used by a record "
        f"of kind 'intervention' at {INVALID}/duplicate_id_across_kinds.yaml:interventions[0]",
    ],
    "unknown_intervention.yaml": [
        "unknown_intervention.yaml:37:36: trials[0].intervention_ids[1]: unknown intervention 'clemastine'",
    ],
    "unknown_measure.yaml": [
        "unknown_measure.yaml:51:21: trials[0].measures[1]: unknown measure 'vep'",
    ],
    "malformed_registry_id.yaml": [
        "malformed_registry_id.yaml:36:20: trials[0].registry_ids[0]: malformed registry id 'NCT123': "
        f"expected one of {REGISTRY_HELP}",
    ],
    "malformed_doi.yaml": [
        "malformed_doi.yaml:61:14: trials[0].publications[0].doi: malformed DOI: expected 10.NNNN/suffix",
    ],
    "malformed_pmid.yaml": [
        "malformed_pmid.yaml:62:15: trials[0].publications[0].pmid: malformed PMID: expected 1 to 9 digits",
    ],
    "year_out_of_range.yaml": [
        "year_out_of_range.yaml:54:17: trials[0].start_year: 3020 is above the maximum 2100",
    ],
    "end_before_start.yaml": [
        "end_before_start.yaml:55:15: trials[0].end_year: end_year 2017 is before start_year 2019",
    ],
    "duplicate_registry_id.yaml": [
        "duplicate_registry_id.yaml:71:20: trials[1].registry_ids[0]: registry id NCT00000001 is already used "
        "by trial 'solo'",
    ],
    "malformed_id.yaml": [
        "malformed_id.yaml:33:9: trials[0].id: malformed id: use lowercase letters and digits joined by single "
        "hyphens or underscores (e.g. ccmr-one)",
    ],
    "malformed_url.yaml": [
        "malformed_url.yaml:65:14: trials[0].sources[0].url: malformed URL: expected a web address starting with "
        "https:// or http://, without spaces",
    ],
    "malformed_duration.yaml": [
        "malformed_duration.yaml:47:25: trials[0].treatment_duration: malformed duration: expected "
        "'<number> days|weeks|months|years', e.g. '24 weeks'",
    ],
    "source_without_link.yaml": [
        "source_without_link.yaml:64:9: trials[0].sources[0]: a source needs at least one of url, doi or pmid",
    ],
    "invalid_date.yaml": [
        "invalid_date.yaml:67:20: trials[0].last_reviewed: '2026-02-30' is not a valid date: expected YYYY-MM-DD",
    ],
    "three_problems.yaml": [
        "three_problems.yaml:39:12: trials[0].phase: '5' is not allowed; allowed: 1, 1/2, 2, 2a, 2b, 2/3, 3, 4, "
        "not_applicable",
        "three_problems.yaml:45:17: trials[0].enrollment: -5 is below the minimum 0",
        "three_problems.yaml:51:21: trials[0].measures[1]: unknown measure 'vep'",
    ],
}
FIXTURES = sorted(EXPECTED)


@pytest.fixture(autouse=True)
def _at_project_root(monkeypatch, request):
    """Run from the project root so that relative fixture paths are reported as written."""
    monkeypatch.chdir(request.config.rootpath)


def _problems(fixture: str) -> list[str]:
    with pytest.raises(DataError) as caught:
        load_dataset(f"{INVALID}/{fixture}")
    return [str(problem) for problem in caught.value.problems]


def test_every_invalid_fixture_has_an_expectation(request):
    on_disk = {p.name for p in (request.config.rootpath / INVALID).iterdir()}
    assert on_disk == set(EXPECTED)


@pytest.mark.parametrize("fixture", FIXTURES)
def test_loader_reports_exact_problems(fixture):
    assert _problems(fixture) == [f"{INVALID}/{line}" for line in EXPECTED[fixture]]


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
    assert message.startswith("3 problems in the data:\n")
    assert message.count(f"{INVALID}/three_problems.yaml:") == 3


# --- through the command line ---------------------------------------------------------------------------


def test_validate_valid_data_prints_one_line_summary(capsys):
    assert main(["validate", "--data", "tests/fixtures/mini"]) == 0
    out, err = capsys.readouterr()
    assert out == "ok: 4 trials, 3 interventions, 3 measures (Fixture trials 0.0.1)\n"
    assert err == ""


@pytest.mark.parametrize("fixture", FIXTURES)
def test_validate_invalid_fixture_exits_2_listing_problems(fixture, capsys):
    assert main(["validate", "--data", f"{INVALID}/{fixture}"]) == 2
    out, err = capsys.readouterr()
    expected = EXPECTED[fixture]
    assert out == ""
    assert err.splitlines() == [
        f"mstrials-tui: invalid data: {len(expected)} problem(s)",
        *(f"{INVALID}/{line}" for line in expected),
    ]


def test_validate_in_a_subprocess_exits_2_without_traceback():
    result = subprocess.run(
        [sys.executable, "-m", "tui", "validate", "--data", f"{INVALID}/three_problems.yaml"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines()[0] == "mstrials-tui: invalid data: 3 problem(s)"
    assert result.stdout == ""
