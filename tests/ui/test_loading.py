"""Starting from a DataLoader (issue 15): the loading screen shows at once, keys typed meanwhile are applied
once the data is there, and data that cannot be loaded ends the app with exit code 2 and the problems."""

from __future__ import annotations

import asyncio
import dataclasses
import threading

import pytest
from textual.widgets import Static

from tui.app import DataLoader, MSTrialsApp
from tui.core.model import Dataset
from tui.core.problems import DataError, Problem
from tui.screens.browser import BrowserScreen
from tui.screens.loading import LoadingScreen

from .conftest import Notes
from .helpers import browser, settle, shown_id, widget_text

pytestmark = pytest.mark.ui

SIZE = (80, 24)


class HeldLoader:
    """A loader that reports some progress, then waits until the test lets it finish."""

    def __init__(self, dataset: Dataset) -> None:
        self.dataset = dataset
        self.release = threading.Event()
        self.started = threading.Event()

    def __call__(self, progress) -> Dataset:
        progress(1, 3)
        self.started.set()
        assert self.release.wait(timeout=30), "the test never released the loader"
        progress(3, 3)
        return self.dataset


async def test_keys_typed_while_loading_are_applied_after(mini_dataset: Dataset) -> None:
    load = HeldLoader(mini_dataset)
    app = MSTrialsApp(loader=DataLoader("tests/fixtures/mini", load))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LoadingScreen)
        # Waited for in a thread: the loader's progress report needs the app's loop to run.
        assert await asyncio.to_thread(load.started.wait, 30)
        await pilot.pause()
        screen = app.screen
        assert "Reading the trials in tests/fixtures/mini…" in widget_text(screen.query_one("#loading-what", Static))
        assert widget_text(screen.query_one("#loading-count", Static)).strip() == "1 of 3 files read and checked"
        await pilot.press("6", "down")  # group by status, then the next row
        assert isinstance(app.screen, LoadingScreen)
        load.release.set()
        await settle(pilot)
        await settle(pilot)
        assert isinstance(app.screen, BrowserScreen)
        assert browser(app).grouping == "status"
        assert shown_id(app) == "beta"  # the first trial under "Completed": the "down" came after the "6"
        assert app.title == "Fixture trials"
        assert app.search_session.dataset is mini_dataset  # the index is of the loaded data


async def test_a_loader_that_fails_ends_the_app_with_code_2(mini_dataset: Dataset) -> None:
    error = DataError([Problem("trials.yaml", 3, 5, "trials[0].id", "is required")])

    def broken(progress) -> Dataset:
        raise error

    app = MSTrialsApp(loader=DataLoader("broken", broken))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.pause()
    assert app.return_code == 2
    assert app.load_error is error
    assert "trials.yaml:3:5: trials[0].id: is required" in str(app.load_error)


async def test_files_skipped_while_loading_are_warned_about(mini_dataset: Dataset, monkeypatch) -> None:
    skipped = Problem("extra.yaml", 1, 1, "(file)", "not a mapping; skipped")
    dataset = dataclasses.replace(mini_dataset, warnings=(skipped,))
    app = MSTrialsApp(loader=DataLoader("here", lambda progress: dataset))
    notes = Notes()
    monkeypatch.setattr(app, "notify", notes)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, BrowserScreen)
        said = "Skipped\nextra.yaml:1:1: (file): not a mapping; skipped"
        assert said in notes.seen
        assert notes.severities[notes.seen.index(said)] == "warning"
