"""Snapshots of the main views at 80×24 and 120×40, on the fixture dataset only (never data/).

Update with `pytest tests/ui --snapshot-update` after looking at the failure report; nothing here
depends on time (no clock in the header, notifications are off under `run_test`).
"""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

from tui.app import MSTrialsApp
from tui.core.model import Dataset

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]


def _show(record_id: str):
    async def run_before(pilot: Pilot) -> None:
        app = pilot.app
        assert isinstance(app, MSTrialsApp)
        await pilot.pause()  # let the browser mount first
        app.browser.show_record(app.dataset.by_id[record_id])
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", SIZES)
def test_main_screen(snap_compare, mini_dataset: Dataset, size: tuple[int, int]) -> None:
    assert snap_compare(MSTrialsApp(mini_dataset), terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_trial_detail(snap_compare, mini_dataset: Dataset, size: tuple[int, int]) -> None:
    app = MSTrialsApp(mini_dataset)
    assert snap_compare(app, terminal_size=size, run_before=_show("alpha"))


@pytest.mark.parametrize("size", SIZES)
def test_intervention_detail(snap_compare, mini_dataset: Dataset, size: tuple[int, int]) -> None:
    app = MSTrialsApp(mini_dataset)
    assert snap_compare(app, terminal_size=size, run_before=_show("fixturamab"))


@pytest.mark.parametrize("size", SIZES)
def test_help_screen(snap_compare, mini_dataset: Dataset, size: tuple[int, int]) -> None:
    assert snap_compare(MSTrialsApp(mini_dataset), terminal_size=size, press=["question_mark"])
