"""Snapshots of the browser and help on the fixture dataset only (never data/): the main screen in every
grouping at 80×24, and at the 60×15 minimum and at 120×40; a trial, an intervention, a trial with many
sources scrolled to its end; help.

Update with `pytest tests/ui --snapshot-update` after looking at the failure report, and look at every SVG
you accept: a clipped column, a cut footer or a cut label in a baseline is a bug. Nothing here depends on
time (no clock in the header; notifications are off under `run_test`).
"""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

from tui.app import MSTrialsApp
from tui.core import groupings
from tui.core.model import Dataset, Source, Trial

from .conftest import replace_trial
from .helpers import browser, settle

pytestmark = pytest.mark.ui

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]


def _settled(*keys: str):
    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press(*keys)
        await settle(pilot)
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()

    return run_before


def _show(record_id: str):
    async def run_before(pilot: Pilot) -> None:
        app = pilot.app
        assert isinstance(app, MSTrialsApp)
        await settle(pilot)  # let the browser mount first
        browser(app).show_record(app.dataset.by_id[record_id])
        await settle(pilot)

    return run_before


@pytest.mark.parametrize("grouping", groupings.GROUPINGS)
def test_main_screen_grouped(snap_compare, mini_dataset: Dataset, grouping: str) -> None:
    key = str(groupings.GROUPINGS.index(grouping) + 1)
    assert snap_compare(MSTrialsApp(mini_dataset), terminal_size=(80, 24), run_before=_settled(key))


@pytest.mark.parametrize("size", [pytest.param((60, 15), id="60x15"), pytest.param((120, 40), id="120x40")])
def test_main_screen(snap_compare, mini_dataset: Dataset, size: tuple[int, int]) -> None:
    assert snap_compare(MSTrialsApp(mini_dataset), terminal_size=size, run_before=_settled())


@pytest.mark.parametrize("size", SIZES)
def test_trial_detail(snap_compare, mini_dataset: Dataset, size: tuple[int, int]) -> None:
    app = MSTrialsApp(mini_dataset)
    assert snap_compare(app, terminal_size=size, run_before=_show("alpha"))


@pytest.mark.parametrize("size", SIZES)
def test_intervention_detail(snap_compare, mini_dataset: Dataset, size: tuple[int, int]) -> None:
    app = MSTrialsApp(mini_dataset)
    assert snap_compare(app, terminal_size=size, run_before=_show("fixturamab"))


def test_many_sources_scrolled_to_the_end(snap_compare, mini_dataset: Dataset) -> None:
    alpha = mini_dataset.by_id["alpha"]
    assert isinstance(alpha, Trial)
    extra = tuple(Source(kind="other", backs=f"fact {n}", url=f"https://example.org/source-{n}") for n in range(1, 31))
    dataset = replace_trial(mini_dataset, "alpha", sources=(*alpha.sources, *extra))
    app = MSTrialsApp(dataset, open_ref="alpha")
    assert snap_compare(app, terminal_size=(80, 24), run_before=_settled("tab", "end"))


@pytest.mark.parametrize("size", SIZES)
def test_help_screen(snap_compare, mini_dataset: Dataset, size: tuple[int, int]) -> None:
    assert snap_compare(MSTrialsApp(mini_dataset), terminal_size=size, run_before=_settled("question_mark"))
