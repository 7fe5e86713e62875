"""The landscape's command line: `table`, `matrix`, `forest MEASURE`, `timeline` in text, Markdown, JSON, CSV."""

from __future__ import annotations

import csv
import io
import json
import sys
import types
from pathlib import Path

import pytest

from tui.__main__ import main
from tui.core.loader import DATA_ENV

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = "tests/fixtures/landscape"


@pytest.fixture(autouse=True)
def _isolated(monkeypatch):
    """Run from the project root on the landscape fixture, with an app that must not start."""
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv(DATA_ENV, FIXTURE)

    def run_app(*args, **kwargs):
        raise AssertionError("the app must not start in CLI tests")

    monkeypatch.setitem(sys.modules, "tui.app", types.SimpleNamespace(run_app=run_app))


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_table_filters_with_the_search_language_and_sorts(capsys) -> None:
    code, out, _ = run(capsys, "table", "year:>2018", "--sort", "n", "--desc", "--width", "100")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split()[:2] == ["Trial", "Intervention"] and "n ▼" in lines[0]
    assert [line.split()[0] for line in lines[1:-1]] == ["LYRA", "PAVO", "NORMA", "HYDRA"]
    assert lines[-1] == "4 of 11 trials · query 'year:>2018' · sorted by n ▼"


def test_table_facets_and_formats(capsys) -> None:
    code, out, _ = run(capsys, "table", "--facet", "mechanism=metabolic", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert [row["id"] for row in data["rows"]] == ["ara", "pavo"]
    assert data["facets"] == {"mechanism": ["metabolic"]}
    code, out, _ = run(capsys, "table", "phase:2", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {row["id"] for row in rows} == {"orion", "vega", "draco", "cetus", "pavo", "tucana"}
    code, out, _ = run(capsys, "table", "--format", "md")
    assert out.splitlines()[2].startswith("| Trial | Intervention | Mechanism | Phase | n |")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["table", "phase:9"], "unknown phase"),
        (["table", "--facet", "colour=red"], "facet"),
        (["table", "--width", "10"], "--width"),
        (["timeline", "--today", "soon"], "--today"),
        (["matrix", "--query", "year:soon"], "year:"),
    ],
)
def test_bad_queries_and_options_exit_2(capsys, argv, message) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert message in err


def test_bad_sort_is_refused_by_the_parser(capsys) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["table", "--sort", "colour"])
    assert exit_info.value.code == 2


def test_matrix_text_and_json_cells(capsys) -> None:
    code, out, _ = run(capsys, "matrix", "--width", "80")
    assert code == 0
    assert "Stubastine fumarate P3 ✓" in " ".join(out.split())
    assert out.splitlines()[1].split() == ["Intervention", "MTR", "MWF", "VEP", "OCT", "EDSS"]
    code, out, _ = run(capsys, "matrix", "--format", "json")
    cells = json.loads(out)["cells"]
    vep = next(c for c in cells if (c["intervention"], c["measure"]) == ("stubastine", "ffvep"))
    assert [t["marker"] for t in vep["trials"]] == ["✓", "○", "○"]
    code, out, _ = run(capsys, "matrix", "--query", "phase:3", "--format", "csv")
    assert {row["trial"] for row in csv.DictReader(io.StringIO(out))} == {"lyra"}


def test_forest_text_json_and_csv(capsys) -> None:
    code, out, _ = run(capsys, "forest", "VEP", "--width", "100")
    assert code == 0
    assert "nothing is pooled" in out
    assert "Mean difference, ms · 95% CI" in out and "Mean difference, ms per eye · 95% CI" in out
    assert "Without an estimate (not plotted)" in out
    code, out, _ = run(capsys, "forest", "edss", "--format", "json")
    data = json.loads(out)
    assert data["pooled"] is False
    assert {p["scale"] for p in data["panels"]} == {"log"}
    code, out, _ = run(capsys, "forest", "mtr", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {row["trial"] for row in rows if row["plotted"] == "False"} == {"cetus", "nullcell-open"}


def test_forest_of_an_unknown_measure_exits_1_naming_the_known_ones(capsys) -> None:
    code, out, err = run(capsys, "forest", "colour")
    assert code == 1 and out == ""
    assert "no measure matches 'colour'" in err and "ffvep" in err


def test_timeline_is_the_same_for_the_same_today(capsys) -> None:
    code, first, _ = run(capsys, "timeline", "--today", "2026-01-15", "--width", "90")
    assert code == 0
    assert "▼" in first and "┊ today (2026-01-15)" in first
    _, again, _ = run(capsys, "timeline", "--today", "2026-01-15", "--width", "90")
    assert first == again
    code, out, _ = run(capsys, "timeline", "--group", "phase", "--format", "json", "--today", "2026-01-15")
    data = json.loads(out)
    assert data["grouping"] == "phase" and len(data["trials"]) == 11


def test_matrix_of_interventions_that_never_reached_phase_three(capsys) -> None:
    code, out, _ = run(capsys, "matrix", "--query", "maxphase:<3", "--format", "json")
    assert code == 0
    assert {c["intervention"] for c in json.loads(out)["cells"]} == {
        "dummyzole",
        "mockalizumab",
        "samplothyrox",
        "fakeformin",
        "nullcell",
    }
