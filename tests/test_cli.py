"""The `mstrials-tui` command line: exit codes, output formats and how the dataset is chosen.

Exit codes: 0 success, 1 record not found (or a name that means several), 2 invalid data or usage, 3 the
output could not be written (tested in tests/core/test_hostile_data.py). The app itself is never started
here.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import types
from pathlib import Path

import pytest

from tui import __version__
from tui.__main__ import main
from tui.core.loader import DATA_ENV

ROOT = Path(__file__).resolve().parents[1]
MINI = "tests/fixtures/mini"


@pytest.fixture(autouse=True)
def _isolated(monkeypatch):
    """Run from the project root, with no dataset chosen by the environment, and an app that must not start."""
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv(DATA_ENV, raising=False)

    def run_app(*args, **kwargs):
        raise AssertionError("the app must not start in CLI tests")

    monkeypatch.setitem(sys.modules, "tui.app", types.SimpleNamespace(run_app=run_app, DataLoader=run_app))


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# --- version and help ----------------------------------------------------------------------------------------


def test_version(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out == f"mstrials-tui {__version__}\n"


def test_help_lists_commands_and_examples(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert "examples:" in out
    assert "mstrials-tui compare ccmr-one rebuild --format md" in out
    for command in ("validate", "export", "show", "search", "compare"):
        assert command in out


def test_unknown_command_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["frobnicate"])
    assert exit_info.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


# --- show ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("reference", ["alpha", "ALPHA", "Alpha", "NCT00000001", "nct00000001", " alpha "])
def test_show_trial_by_slug_acronym_or_registry_id(capsys, reference):
    code, out, err = run(capsys, "show", reference, "--data", MINI)
    assert (code, err) == (0, "")
    assert out.startswith("ALPHA — A fictional randomised trial of fixturamab in relapsing MS\n")
    fields = [line.split() for line in out.splitlines()]
    assert ["Registry", "ids:", "NCT00000001"] in fields
    assert ["Enrolment:", "118", "analysed", "(110", "planned,", "120", "randomised)"] in fields
    assert ["Primary", "outcome", "met:", "✓", "met"] in fields
    assert "    https://clinicaltrials.gov/study/NCT00000001" in out.splitlines()
    assert "    read at https://example.org/mirror/fixture-3" in out.splitlines()


def test_show_second_registry_id(capsys):
    code, out, _ = run(capsys, "show", "2012-000001-11", "--data", MINI)
    assert code == 0
    assert out.startswith("BETA — ")


def test_show_json(capsys):
    code, out, _ = run(capsys, "show", "gamma two", "--json", "--data", MINI)
    assert code == 0
    record = json.loads(out)
    assert (record["kind"], record["id"], record["intervention_ids"]) == (
        "trial",
        "gamma-two",
        ["testastine", "mockformin"],
    )
    # The derived fields of the export are there too.
    assert (record["primary_outcome_met"], record["start_year"], record["enrolment_headline"]) == (
        "ongoing",
        2023,
        {"kind": "planned", "count": 70},
    )


@pytest.mark.parametrize(
    ("reference", "first_line", "kind"),
    [
        ("testastine", "Testastine fumarate", "intervention"),
        ("VEP", "VEP — Full-field visual evoked potential", "measure"),
    ],
)
def test_show_intervention_and_measure(capsys, reference, first_line, kind):
    code, out, _ = run(capsys, "show", reference, "--data", MINI)
    assert code == 0
    assert out.splitlines()[0] == first_line
    code, out, _ = run(capsys, "show", reference, "--json", "--data", MINI)
    assert json.loads(out)["kind"] == kind


def test_show_unknown_exits_1_with_a_hint(capsys):
    code, out, err = run(capsys, "show", "nope", "--data", MINI)
    assert (code, out) == (1, "")
    assert err == "mstrials-tui: no record matches 'nope' (try: mstrials-tui search 'nope')\n"


def test_show_suggests_close_names(capsys):
    code, _, err = run(capsys, "show", "fixturamib", "--data", MINI)
    assert code == 1
    assert (
        err == "mstrials-tui: no record matches 'fixturamib'; did you mean fixturamab? "
        "(try: mstrials-tui search 'fixturamib')\n"
    )


def test_a_unique_start_of_a_name_is_enough(capsys):
    code, out, _ = run(capsys, "show", "alph", "--data", MINI)
    assert code == 0
    assert out.startswith("ALPHA — ")


def test_a_name_two_records_share_exits_1_listing_them(capsys, mini_copy):
    trials = mini_copy / "trials.yaml"
    text = trials.read_text().replace("acronym: BETA", "acronym: TWIN").replace("acronym: GAMMA Two", "acronym: twin")
    trials.write_text(text)
    code, out, err = run(capsys, "show", "Twin", "--data", str(mini_copy))
    assert (code, out) == (1, "")
    assert (
        err == "mstrials-tui: 'Twin' could mean several records: beta (TWIN), gamma-two (twin); give one of these ids\n"
    )
    code, _, err = run(capsys, "compare", "alpha", "twin", "--data", str(mini_copy))
    assert code == 1
    assert "could mean several trials" in err


def test_show_on_invalid_data_exits_2(capsys):
    code, out, err = run(capsys, "show", "solo", "--data", "tests/fixtures/invalid/three_problems.yaml")
    assert (code, out) == (2, "")
    assert err.startswith("mstrials-tui: invalid data: 3 problems in the data\n")
    assert len(err.splitlines()) == 4


# --- export --------------------------------------------------------------------------------------------------


def test_export_json_is_the_default(capsys):
    code, out, _ = run(capsys, "export", "--data", MINI)
    assert code == 0
    data = json.loads(out)
    assert list(data) == ["format_version", "dataset", "interventions", "trials", "measures"]
    assert data["format_version"] == 2
    assert [t["id"] for t in data["trials"]] == ["alpha", "beta", "gamma-two", "delta-open"]


def test_export_csv(capsys):
    code, out, _ = run(capsys, "export", "--format", "csv", "--data", MINI)
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["id"] for r in rows] == ["alpha", "beta", "gamma-two", "delta-open"]
    assert [r["primary_outcome_met"] for r in rows] == ["yes", "no", "ongoing", "not_reported"]


def test_export_rejects_unknown_format(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["export", "--format", "xml", "--data", MINI])
    assert exit_info.value.code == 2


# --- compare -------------------------------------------------------------------------------------------------


def test_compare_text_is_the_default(capsys):
    code, out, _ = run(capsys, "compare", "alpha", "beta", "--data", MINI)
    assert code == 0
    assert out.splitlines()[0].split() == ["ALPHA", "BETA"]
    assert "≠ marks rows that differ." in out


def test_compare_markdown(capsys):
    code, out, _ = run(capsys, "compare", "ALPHA", "nct00000002", "--format", "md", "--data", MINI)
    assert code == 0
    assert out.startswith("# ALPHA vs BETA\n")
    assert "| Field | A: ALPHA | B: BETA | Differs |" in out


def test_compare_json(capsys):
    code, out, _ = run(capsys, "compare", "alpha", "beta", "--format", "json", "--data", MINI)
    assert code == 0
    data = json.loads(out)
    assert (data["a"], data["b"]) == ("alpha", "beta")
    assert data["measures"] == {"shared": ["VEP"], "only_a": ["MTR"], "only_b": ["OCT"]}


@pytest.mark.parametrize(
    ("a", "b", "missing"),
    [("alpha", "nope", "nope"), ("ghost", "beta", "ghost"), ("alpha", "mtr", "mtr")],  # mtr is a measure
)
def test_compare_unknown_trial_exits_1(capsys, a, b, missing):
    code, out, err = run(capsys, "compare", a, b, "--data", MINI)
    assert (code, out) == (1, "")
    assert err == f"mstrials-tui: no trial matches {missing!r} (try: mstrials-tui search {missing!r})\n"


# --- choosing the dataset ------------------------------------------------------------------------------------


def test_data_can_be_a_single_file(capsys, tmp_path):
    single = tmp_path / "all.yaml"
    parts = [(ROOT / MINI / name).read_text() for name in ("dataset.yaml", "measures.yaml", "trials.yaml")]
    single.write_text("\n".join(parts))
    code, out, _ = run(capsys, "validate", "--data", str(single))
    assert code == 0
    assert out == "ok (format and curation rules): 4 trials, 3 interventions, 3 measures (Fixture trials 0.0.1)\n"


def test_data_option_before_the_command(capsys):
    code, out, _ = run(capsys, "--data", MINI, "validate")
    assert code == 0
    assert "Fixture trials" in out


def test_environment_variable_chooses_the_dataset(capsys, monkeypatch):
    monkeypatch.setenv(DATA_ENV, MINI)
    code, out, _ = run(capsys, "show", "alpha")
    assert code == 0
    assert out.startswith("ALPHA — ")


def test_data_option_wins_over_environment(capsys, monkeypatch):
    monkeypatch.setenv(DATA_ENV, "tests/fixtures/invalid/three_problems.yaml")
    code, out, _ = run(capsys, "validate", "--data", MINI)
    assert code == 0
    assert "Fixture trials" in out


def test_missing_data_path_exits_2(capsys):
    code, _, err = run(capsys, "validate", "--data", "no/such/folder")
    assert code == 2
    assert "no/such/folder:1:1: (path): no such file or folder" in err


def test_an_empty_data_path_exits_2(capsys):
    code, out, err = run(capsys, "show", "alpha", "--data", "")
    assert (code, out) == (2, "")
    assert err.splitlines()[1] == "--data:1:1: (path): the data path is empty; give a YAML file or a folder"


def test_validate_lenient_checks_the_format_only(capsys):
    code, out, _ = run(capsys, "validate", "--lenient", "--data", "tests/fixtures/invalid/curated_mirror_url.yaml")
    assert code == 0
    assert out.startswith("ok (format): ")
    code, _, err = run(capsys, "validate", "--data", "tests/fixtures/invalid/curated_mirror_url.yaml")
    assert code == 2
    assert "is a copy of a registry record or paper" in err


def test_stats(capsys):
    from tui.core.loader import load_dataset
    from tui.core.stats import stats_markdown

    code, out, _ = run(capsys, "stats", "--data", MINI)
    assert code == 0
    assert out == stats_markdown(load_dataset(ROOT / MINI)) + "\n"
    assert out.startswith("4 trials, 3 interventions, 3 measures (version 0.0.1).\n")
    assert "| trials with a structured effect (estimate) | 1 of 4 |" in out
    assert "| registry ids cited by their official registry record | 5 of 5 |" in out


# --- the browser ---------------------------------------------------------------------------------------------


def test_browser_refuses_to_start_without_a_terminal(capsys):
    code, out, err = run(capsys, "--data", MINI)
    assert (code, out) == (2, "")
    assert err.startswith("mstrials-tui: the browser needs an interactive terminal;")
    assert "search, show, compare, export and validate" in err


def test_browser_refuses_when_only_stdin_is_a_terminal(capsys, monkeypatch):
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    code, _, err = run(capsys, "--data", MINI)
    assert code == 2
    assert "interactive terminal" in err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--open", "nope"], "mstrials-tui: no record matches 'nope' (try: mstrials-tui search 'nope')\n"),
        (["--compare", "alpha", "nope"], "mstrials-tui: no trial matches 'nope' (try: mstrials-tui search 'nope')\n"),
    ],
)
def test_browser_arguments_are_checked_before_the_screen_is_taken(capsys, monkeypatch, argv, message):
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    code, _, err = run(capsys, *argv, "--data", MINI)
    assert (code, err) == (1, message)


def test_browser_in_a_pipe_exits_2_without_traceback():
    result = subprocess.run(
        [sys.executable, "-m", "tui", "--data", MINI],
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "interactive terminal" in result.stderr


# --- search (owned by the search module; a smoke test only) ---------------------------------------------------


def test_search_json(capsys):
    code, out, _ = run(capsys, "search", "vep", "--json", "--limit", "2", "--data", MINI)
    assert code == 0
    result = json.loads(out)
    assert (result["query"], result["total"], result["shown"]) == ("vep", 4, 2)
    assert result["hits"][0] == {
        "kind": "measure",
        "id": "ffvep",
        "title": "VEP — Full-field visual evoked potential",
        "score": 100.0,
        "field": "abbreviation",
    }


def test_search_table_says_how_many_more_there_are(capsys):
    code, out, err = run(capsys, "search", "fictional", "--limit", "2", "--data", MINI)
    assert code == 0
    assert out.splitlines()[0].split() == ["KIND", "ID", "TITLE", "MATCHED", "SCORE"]
    assert len(out.splitlines()) == 3
    assert err == "2 of 6 results shown; --all shows every one, --limit N the best N\n"
    code, out, err = run(capsys, "search", "fictional", "--all", "--data", MINI)
    assert (len(out.splitlines()), err) == (7, "")


def test_search_with_evidence_filters(capsys):
    code, out, _ = run(capsys, "search", "year:2013..2015", "n:>100", "--json", "--data", MINI)
    assert code == 0
    assert [hit["id"] for hit in json.loads(out)["hits"]] == ["alpha"]


def test_search_without_matches(capsys):
    assert run(capsys, "search", "zzzqqq", "--data", MINI) == (0, "no matches\n", "")


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("foo:bar vep", ("mstrials-tui: unknown filter 'foo:' — the filters are phase:, measure:, met:, status:, "
                         "kind:, type:, year:, n:, stopped:, rel:, maxphase:\n")),
        ("phase:9", "mstrials-tui: unknown phase '9' — known: 1, 1b, 1/2, 2, 2a, 2b, 2/3, 3, 4, not_applicable\n"),
    ],
)  # fmt: skip
def test_search_with_a_bad_filter_exits_2(capsys, query, message):
    assert run(capsys, "search", query, "--data", MINI) == (2, "", message)


def test_search_limit_must_be_positive(capsys):
    assert run(capsys, "search", "vep", "--limit", "0", "--data", MINI) == (
        2,
        "",
        "mstrials-tui: --limit must be at least 1\n",
    )
