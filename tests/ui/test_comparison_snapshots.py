"""Snapshots of the comparison at 80×24 and 160×45, on the fixture dataset only (never data/).

Update with `pytest tests/ui/test_comparison_snapshots.py --snapshot-update` after looking at the failure
report; nothing here depends on time or on the folder the tests run in.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from textual.pilot import Pilot

from tui.app import MSTrialsApp
from tui.core.model import Dataset
from tui.screens.comparison import ComparisonScreen

pytestmark = pytest.mark.ui

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((160, 45), id="160x45")]


def _compared(*keys: str) -> Callable[[Pilot], Awaitable[None]]:
    """Wait for `--compare` to open the comparison, press `keys`, and let any picker search finish."""

    async def run_before(pilot: Pilot) -> None:
        for _ in range(50):
            await pilot.pause()
            if isinstance(pilot.app.screen, ComparisonScreen) and pilot.app.screen.sub_title:
                break
        await pilot.press(*keys)
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", SIZES)
def test_comparison(snap_compare, mini_dataset: Dataset, size: tuple[int, int]) -> None:
    app = MSTrialsApp(mini_dataset, compare_refs=("alpha", "beta"))
    assert snap_compare(app, terminal_size=size, run_before=_compared())


@pytest.mark.parametrize("size", SIZES)
def test_comparison_identical_rows_hidden(snap_compare, mini_dataset: Dataset, size: tuple[int, int]) -> None:
    app = MSTrialsApp(mini_dataset, compare_refs=("alpha", "beta"))
    assert snap_compare(app, terminal_size=size, run_before=_compared("i"))


def test_comparison_picker(snap_compare, mini_dataset: Dataset) -> None:
    app = MSTrialsApp(mini_dataset, compare_refs=("alpha", "gamma-two"))
    assert snap_compare(app, terminal_size=(80, 24), run_before=_compared("b", *"testastine"))
