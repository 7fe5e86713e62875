"""The `mstrials-tui` command line: exit codes, output formats and how the dataset is chosen.

Exit codes: 0 success, 1 record not found, 2 invalid data or usage. The app itself is never started here.
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

    monkeypatch.setitem(sys.modules, "tui.app", types.SimpleNamespace(run_app=run_app))


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
    assert ["Enrolment:", "120", "randomised"] in fields


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
    assert err == "mstrials-tui: nothing matches 'nope'; try: mstrials-tui search 'nope'\n"


def test_show_on_invalid_data_exits_2(capsys):
    code, out, err = run(capsys, "show", "solo", "--data", "tests/fixtures/invalid/three_problems.yaml")
    assert (code, out) == (2, "")
    assert err.startswith("mstrials-tui: invalid data: 3 problem(s)\n")


# --- export --------------------------------------------------------------------------------------------------


def test_export_json_is_the_default(capsys):
    code, out, _ = run(capsys, "export", "--data", MINI)
    assert code == 0
    data = json.loads(out)
    assert list(data) == ["format_version", "dataset", "interventions", "trials", "measures"]
    assert [t["id"] for t in data["trials"]] == ["alpha", "beta", "gamma-two", "delta-open"]


def test_export_csv(capsys):
    code, out, _ = run(capsys, "export", "--format", "csv", "--data", MINI)
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["id"] for r in rows] == ["alpha", "beta", "gamma-two", "delta-open"]


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
    assert "| Field | A: ALPHA | B: BETA | |" in out


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
def test_compare_unknown_trial_exits_2(capsys, a, b, missing):
    code, out, err = run(capsys, "compare", a, b, "--data", MINI)
    assert (code, out) == (2, "")
    assert err == f"mstrials-tui: no trial matches {missing!r} (try: mstrials-tui search {missing!r})\n"


# --- choosing the dataset ------------------------------------------------------------------------------------


def test_data_can_be_a_single_file(capsys, tmp_path):
    single = tmp_path / "all.yaml"
    parts = [(ROOT / MINI / name).read_text() for name in ("dataset.yaml", "measures.yaml", "trials.yaml")]
    single.write_text("\n".join(parts))
    code, out, _ = run(capsys, "validate", "--data", str(single))
    assert code == 0
    assert out == "ok: 4 trials, 3 interventions, 3 measures (Fixture trials 0.0.1)\n"


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
        (["--open", "nope"], "mstrials-tui: --open: nothing matches 'nope'\n"),
        (["--compare", "alpha", "nope"], "mstrials-tui: no trial matches 'nope' (try: mstrials-tui search 'nope')\n"),
    ],
)
def test_browser_arguments_are_checked_first(capsys, argv, message):
    code, _, err = run(capsys, *argv, "--data", MINI)
    assert (code, err) == (2, message)


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


def test_search_json_smoke(capsys):
    pytest.importorskip("tui.core.search")
    code, out, _ = run(capsys, "search", "clemastine", "--json", "--data", MINI)
    assert code == 0
    assert isinstance(json.loads(out), list)
