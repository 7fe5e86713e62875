"""The Landscape screen (L) with Pilot: tabs, filtering, sorting, facets, the matrix's cells, forest plots,
the timeline, marks, and a trial opened in the browser and back again. Fixture data only."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from textual.widgets import Input, OptionList, TabbedContent

from tui.app import MSTrialsApp
from tui.core.loader import load_dataset
from tui.core.model import Dataset
from tui.screens.browser import BrowserScreen
from tui.screens.cell_trials import CellTrialsScreen
from tui.screens.landscape import LandscapeScreen
from tui.widgets.landscape.chart_view import ChartView
from tui.widgets.landscape.matrix_grid import MatrixGrid
from tui.widgets.landscape.trials_table import FacetBar, LandscapeTable

pytestmark = pytest.mark.ui

LANDSCAPE = Path(__file__).resolve().parents[1] / "fixtures" / "landscape"
TODAY = date(2026, 1, 15)


@pytest.fixture(scope="module")
def landscape() -> Dataset:
    return load_dataset(LANDSCAPE)


@pytest.fixture
def app(landscape: Dataset) -> MSTrialsApp:
    return MSTrialsApp(landscape)


async def settle(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def screen(app: MSTrialsApp) -> LandscapeScreen:
    found = app.screen
    assert isinstance(found, LandscapeScreen), f"expected the landscape, got {found!r}"
    return found


def table_ids(app: MSTrialsApp) -> list[str]:
    view = screen(app).query_one(LandscapeTable).view
    assert view is not None
    return [row.id for row in view.rows]


async def open_landscape(pilot) -> LandscapeScreen:
    await pilot.pause()
    await pilot.press("L")
    await settle(pilot)
    return screen(pilot.app)


async def test_l_opens_the_landscape_on_the_trials_table_and_escape_goes_back(app) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        landscape = await open_landscape(pilot)
        assert landscape.query_one(TabbedContent).active == "table"
        assert isinstance(app.focused, LandscapeTable)
        assert len(table_ids(app)) == 11
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, BrowserScreen)


async def test_number_keys_switch_views_and_focus_them(app) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        landscape = await open_landscape(pilot)
        for key, tab, kind in (("2", "matrix", MatrixGrid), ("3", "forest", ChartView), ("4", "timeline", ChartView)):
            await pilot.press(key)
            await settle(pilot)
            assert landscape.query_one(TabbedContent).active == tab
            assert isinstance(app.focused, kind)
        await pilot.press("1")
        await settle(pilot)
        assert isinstance(app.focused, LandscapeTable)


async def test_sort_keys_cycle_columns_and_reverse(app) -> None:
    async with app.run_test(size=(160, 45)) as pilot:
        landscape = await open_landscape(pilot)
        assert table_ids(app)[:2] == ["tucana", "draco"]  # by start, oldest first
        await pilot.press("r")
        await pilot.pause()
        assert table_ids(app)[:2] == ["norma", "lyra"] and table_ids(app)[-1] == "nullcell-open"
        await pilot.press("s")  # years -> status
        await pilot.press("s")  # status -> result
        await pilot.pause()
        assert landscape.memory.sort == "result"
        assert app.screen.query_one(LandscapeTable).view.descending
        await pilot.press("S", "S", "S")  # result -> status -> years -> n
        await pilot.press("r")
        await pilot.pause()
        assert landscape.memory.sort == "n" and not landscape.memory.descending
        assert table_ids(app)[0] == "hydra" and table_ids(app)[-1] == "nullcell-open"


async def test_the_filter_uses_the_search_language(app) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        landscape = await open_landscape(pilot)
        await pilot.press("slash")
        assert isinstance(app.focused, Input)
        await pilot.press(*"year:>2018")
        await settle(pilot)
        assert set(table_ids(app)) == {"hydra", "pavo", "lyra", "norma"}
        await pilot.press("space", *"phase:2")
        await settle(pilot)
        assert table_ids(app) == ["pavo"]
        await pilot.press("enter")
        assert isinstance(app.focused, LandscapeTable)
        await pilot.press("2")
        await settle(pilot)
        grid = landscape.query_one(MatrixGrid)
        assert grid.matrix is not None
        assert [r.intervention.id for r in grid.matrix.rows] == ["stubastine", "fakeformin"]
        await pilot.press("x")
        await settle(pilot)
        assert len(landscape.view.rows) == 11


async def test_a_bad_filter_lists_nothing_and_says_why(app) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        landscape = await open_landscape(pilot)
        await pilot.press("slash", *"phase:9")
        await settle(pilot)
        assert table_ids(app) == []
        assert "unknown phase" in str(landscape.query_one("#landscape-status").render())


async def test_facet_entries_toggle_with_counts(app) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        landscape = await open_landscape(pilot)
        bar = landscape.query_one(FacetBar)
        bar.focus()
        await pilot.pause()
        ids = [option.id for option in bar.options]
        bar.highlighted = ids.index("phase\x1f2")
        await pilot.press("space")
        await settle(pilot)
        assert landscape.memory.chosen == (("phase", "2"),)
        assert set(table_ids(app)) == {"orion", "vega", "draco", "pavo", "tucana"}
        assert isinstance(app.focused, FacetBar) and bar.highlighted_option.id == "phase\x1f2"
        bar.highlighted = [o.id for o in bar.options].index("result\x1fyes")
        await pilot.press("enter")
        await settle(pilot)
        assert set(table_ids(app)) == {"orion", "tucana"}
        await pilot.press("enter")  # off again
        await settle(pilot)
        assert len(table_ids(app)) == 5
        await pilot.press("F")
        await pilot.pause()
        assert not bar.display and isinstance(app.focused, LandscapeTable)


async def test_enter_opens_the_trial_in_the_browser_and_l_comes_back_to_it(app) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await open_landscape(pilot)
        await pilot.press("down", "down")
        await pilot.press("enter")
        await pilot.pause()
        browser = app.screen
        assert isinstance(browser, BrowserScreen)
        assert browser.shown_record is not None and browser.shown_record.id == "orion"
        await pilot.press("L")
        await settle(pilot)
        back = screen(app)
        assert back.query_one(LandscapeTable).trial_id == "orion"


async def test_enter_on_a_matrix_cell_lists_its_trials_and_opens_one(app) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        landscape = await open_landscape(pilot)
        await pilot.press("2")
        await settle(pilot)
        grid = landscape.query_one(MatrixGrid)
        assert grid.cell_keys == ("stubastine", "mtr")
        await pilot.press("right", "right")  # VEP
        assert grid.cell_keys == ("stubastine", "ffvep")
        await pilot.press("enter")
        await pilot.pause()
        cell = app.screen
        assert isinstance(cell, CellTrialsScreen)
        assert [o.id for o in cell.query_one(OptionList).options] == ["orion", "lyra", "pavo"]
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, BrowserScreen)
        assert app.screen.shown_record.id == "lyra"


async def test_escape_closes_a_cell_list_and_an_empty_cell_says_so(app, monkeypatch) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        landscape = await open_landscape(pilot)
        said: list[str] = []
        monkeypatch.setattr(app, "notify", lambda message, **kw: said.append(message))
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("enter")  # Stubastine × MTR: empty
        await pilot.pause()
        assert isinstance(app.screen, LandscapeScreen) and "No trial" in said[-1]
        await pilot.press("down", "enter")  # Dummyzole × MTR
        await pilot.pause()
        assert isinstance(app.screen, CellTrialsScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is landscape


async def test_matrix_sort_orders_rows_within_mechanisms(app) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        landscape = await open_landscape(pilot)
        await pilot.press("2")
        await settle(pilot)
        grid = landscape.query_one(MatrixGrid)
        assert [r.intervention.id for r in grid.matrix.groups[0].rows] == ["stubastine", "dummyzole"]
        await pilot.press("s", "s")  # phase -> evidence -> name
        await pilot.pause()
        assert landscape.memory.matrix_order == "name"
        assert [r.intervention.id for r in grid.matrix.groups[0].rows] == ["dummyzole", "stubastine"]
        assert grid.cell_keys == ("stubastine", "mtr")  # the cursor stays on its cell


async def test_forest_measures_and_opening_a_row(app) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        landscape = await open_landscape(pilot)
        await pilot.press("3")
        await settle(pilot)
        chart = landscape.query_one("#forest-chart", ChartView)
        assert landscape.memory.measure_id == "ffvep"
        assert chart.target == "orion"
        assert "nothing is pooled" in " ".join(chart.chart.plain().split())
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert landscape.memory.measure_id == "mtr"
        await pilot.press("left_square_bracket", "down")
        await pilot.pause()
        assert landscape.memory.measure_id == "ffvep" and chart.target == "vega"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.shown_record.id == "vega"


async def test_timeline_regroups_and_marks_work_from_any_trial_view(app) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        landscape = await open_landscape(pilot)
        await pilot.press("m")
        await pilot.pause()
        assert app.marked == ("tucana",)
        await pilot.press("4")
        await settle(pilot)
        chart = landscape.query_one("#timeline-chart", ChartView)
        assert chart.target == "tucana"
        await pilot.press("v")
        await pilot.pause()
        assert landscape.memory.grouping == "phase"
        assert chart.chart.plain().splitlines()[2].startswith("Phase 1")
        await pilot.press("down", "m")
        await pilot.pause()
        assert len(app.marked) == 2
        await pilot.press("1")
        await settle(pilot)
        table = landscape.query_one(LandscapeTable)
        assert str(table.get_cell_at((0, 0))).startswith("[A] TUCANA")


async def test_export_saves_the_visible_rows(app, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_landscape(pilot)
        await pilot.press("slash", *"phase:3", "enter")
        await settle(pilot)
        await pilot.press("e", "J", "X")
        await pilot.pause()
    markdown = (tmp_path / "landscape-trials.md").read_text(encoding="utf-8")
    assert "| LYRA |" in markdown and "| ORION |" not in markdown
    assert '"id": "lyra"' in (tmp_path / "landscape-trials.json").read_text(encoding="utf-8")
    assert (tmp_path / "landscape-trials.csv").read_text(encoding="utf-8").count("\n") == 2


async def test_the_landscape_is_listed_in_help_and_the_palette(app) -> None:
    from tui import commands

    assert "LandscapeScreen" in commands.SCREEN_SCOPES
    titles = {c.title for c in commands.palette_commands() if c.scope in ("browser", "landscape")}
    assert {"Landscape", "Show the evidence matrix", "Show the forest plots", "Show the timeline"} <= titles
    async with app.run_test(size=(120, 40)) as pilot:
        await open_landscape(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpScreen"
        assert app.screen.scopes[:2] == ("landscape", "chart")


async def test_the_screen_works_at_eighty_by_twenty_four_with_today_passed_in(landscape) -> None:
    app = MSTrialsApp(landscape)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.push_screen(LandscapeScreen(landscape, app.search_session, today=TODAY))
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        chart = screen(app).query_one("#timeline-chart", ChartView)
        assert "today (2026-01-15)" in chart.chart.plain()
        assert all(len(line) <= chart.size.width for line in chart.chart.plain().splitlines())
