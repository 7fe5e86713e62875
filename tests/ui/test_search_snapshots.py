"""Snapshots of the search screen at 80×24 and 120×40 on the fixture dataset (never data/): the hint of
an empty query, a typed query with its results and highlighted matches, and an error.

Update with `pytest tests/ui/test_search_snapshots.py --snapshot-update` after looking at the report.
The search box's cursor blink is turned off, and the workers are waited for, so nothing depends on time.
"""

from __future__ import annotations

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from tui.app import MSTrialsApp
from tui.core.model import Dataset

pytestmark = pytest.mark.ui

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]


def _search(query: str, *, marked: tuple[str, ...] = ()):
    async def run_before(pilot: Pilot) -> None:
        app = pilot.app
        assert isinstance(app, MSTrialsApp)
        await pilot.pause()
        await app.workers.wait_for_complete()
        app.marked = marked
        await pilot.press("slash")
        app.screen.query_one(Input).cursor_blink = False
        await pilot.press(*query)
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", SIZES)
def test_search_hint(snap_compare, mini_dataset: Dataset, size: tuple[int, int]) -> None:
    assert snap_compare(MSTrialsApp(mini_dataset), terminal_size=size, run_before=_search(""))


@pytest.mark.parametrize("size", SIZES)
def test_search_results(snap_compare, mini_dataset: Dataset, size: tuple[int, int]) -> None:
    # A prefix ("fixtur") highlights part of words; BETA is marked, so its row shows [A].
    app = MSTrialsApp(mini_dataset)
    assert snap_compare(app, terminal_size=size, run_before=_search("fixtur", marked=("beta",)))


def test_search_error(snap_compare, mini_dataset: Dataset) -> None:
    # An unknown filter is an error: no results, and the known filters listed.
    app = MSTrialsApp(mini_dataset)
    assert snap_compare(app, terminal_size=(80, 24), run_before=_search("phase:2 colour:red"))
