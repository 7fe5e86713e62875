"""Data is shown literally: markup in titles, acronyms and names never styles or acts, control characters
are made visible, and the app keeps running after the user interacts with such records."""

from __future__ import annotations

import pytest

from tui.app import MSTrialsApp
from tui.core.model import Dataset

from .conftest import HOSTILE_ACRONYM, HOSTILE_NAME, HOSTILE_TITLE
from .helpers import browser, detail_text, flat, settle, shown_id, tree_text, widget_text

pytestmark = pytest.mark.ui


async def test_markup_in_the_data_is_shown_as_typed(hostile: Dataset) -> None:
    app = MSTrialsApp(hostile)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("down", "down", "down")  # the intervention named "[b]Fixturamab[/b]"
        assert HOSTILE_NAME in tree_text(app)
        assert HOSTILE_NAME in detail_text(app)
        await pilot.press("l", "l")  # its first trial: the acronym "[@click=app.quit]"
        assert app.is_running
        assert f"{HOSTILE_ACRONYM}  P2" in tree_text(app)
        await pilot.press("j")  # ALPHA, whose title is full of markup
        shown = flat(detail_text(app))
        assert HOSTILE_TITLE in shown
        # The escape and the bell are shown as symbols, not sent to the terminal.
        assert "Escape ␛[31mred and bell ␇ here" in shown
        # Click on the title and press Enter on everything: nothing acts.
        await pilot.click("#trial-title")
        await pilot.press("enter", "m", "y")
        assert app.is_running
        assert app.marked == ("alpha",)
        await pilot.click("CatalogTree", offset=(10, 5))
        await pilot.press("tab", "enter", "tab", "enter")
        await pilot.pause()
        assert app.is_running


async def test_markup_in_the_palette_is_shown_as_typed(hostile: Dataset) -> None:
    app = MSTrialsApp(hostile)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p", *"click")
        await settle(pilot)
        palette = "\n".join(widget_text(w) for w in app.screen.query("CommandList"))
        assert f"Trial: {HOSTILE_ACRONYM}" in palette.replace("\n", "")
        await pilot.press("enter")
        await pilot.pause()
        assert app.is_running
        assert shown_id(app) == "beta"
        assert f"{HOSTILE_ACRONYM} — A fictional optic neuritis trial" in detail_text(app)


async def test_markup_in_table_cells_and_status(hostile: Dataset) -> None:
    app = MSTrialsApp(hostile)
    async with app.run_test(size=(120, 40)) as pilot:
        browser(app).show_record(hostile.by_id["beta"])
        await pilot.press("m")
        assert f"[A] {HOSTILE_ACRONYM}" in widget_text(browser(app).query_one("#status"))
        browser(app).show_record(hostile.by_id["fixturamab"])
        await settle(pilot)
        assert f"[A] {HOSTILE_ACRONYM}" in widget_text(browser(app).query_one("#intervention-trials"))
