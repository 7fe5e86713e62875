"""Snapshots of the landscape's four views at 80×24 and 160×45, on the fictional landscape fixture only.

"Today" is passed to the screen, so the timeline never moves. Update with `--snapshot-update` only after
looking at the failure report (a clipped column is a bug, not a new snapshot).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tui.app import MSTrialsApp
from tui.core.loader import load_dataset
from tui.screens.landscape import LandscapeScreen

pytestmark = pytest.mark.ui

LANDSCAPE = Path(__file__).resolve().parents[1] / "fixtures" / "landscape"
SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((160, 45), id="160x45")]
TODAY = date(2026, 1, 15)


def landscape_then(*keys: str):
    """Open the landscape (today fixed), then press `keys`, waiting for the search after each."""

    async def run_before(pilot: Pilot) -> None:
        app = pilot.app
        assert isinstance(app, MSTrialsApp)
        await pilot.pause()
        # The index is built by a worker started after the first refresh: wait until it exists and is done,
        # so that the views are drawn from search results, however busy the machine is.
        while not app.search_session.ready:
            await app.workers.wait_for_complete()
            await pilot.pause()
        app.push_screen(LandscapeScreen(app.dataset, app.search_session, today=TODAY))
        await app.workers.wait_for_complete()
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
            await app.workers.wait_for_complete()
            await pilot.pause()

    return run_before


def app() -> MSTrialsApp:
    return MSTrialsApp(load_dataset(LANDSCAPE))


@pytest.mark.parametrize("size", SIZES)
def test_landscape_table(snap_compare, size: tuple[int, int]) -> None:
    assert snap_compare(app(), terminal_size=size, run_before=landscape_then("down", "down"))


@pytest.mark.parametrize("size", SIZES)
def test_landscape_matrix(snap_compare, size: tuple[int, int]) -> None:
    assert snap_compare(app(), terminal_size=size, run_before=landscape_then("2", "right", "right"))


@pytest.mark.parametrize("size", SIZES)
def test_landscape_forest(snap_compare, size: tuple[int, int]) -> None:
    assert snap_compare(app(), terminal_size=size, run_before=landscape_then("3"))


@pytest.mark.parametrize("size", SIZES)
def test_landscape_forest_ratios(snap_compare, size: tuple[int, int]) -> None:
    # EDSS: a hazard ratio and an odds ratio in separate log-scale panels, one interval clipped.
    keys = ("3", "right_square_bracket", "right_square_bracket")
    assert snap_compare(app(), terminal_size=size, run_before=landscape_then(*keys))


@pytest.mark.parametrize("size", SIZES)
def test_landscape_timeline(snap_compare, size: tuple[int, int]) -> None:
    assert snap_compare(app(), terminal_size=size, run_before=landscape_then("4"))


def test_landscape_filtered_with_a_facet(snap_compare) -> None:
    keys = ("slash", *"year:>2015", "enter", "shift+tab", "down", "down", "down", "space")
    assert snap_compare(app(), terminal_size=(80, 24), run_before=landscape_then(*keys))


def test_landscape_cell_trials(snap_compare) -> None:
    keys = ("2", "right", "right", "enter")
    assert snap_compare(app(), terminal_size=(100, 30), run_before=landscape_then(*keys))
