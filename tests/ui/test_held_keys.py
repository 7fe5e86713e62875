"""Held keys (issue 11): a key held down arrives as a burst of key events; the expensive work (filling the
detail pane, applying a theme) runs once per burst, not once per key, and the end state is right.

A burst is posted in one go, as a terminal's auto-repeat delivers it (`pilot.press` would wait for the app
to go idle after every key, which is a slow typist, not a held key)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from textual import events
from textual.pilot import Pilot

from tui.app import MSTrialsApp
from tui.core.model import Dataset
from tui.widgets.detail_pane import DetailPane

from .conftest import Notes
from .helpers import browser, cursor_id, settle, shown_id

pytestmark = pytest.mark.ui

SIZE = (80, 24)
BURST = 200


def counting(calls: list[Any], real: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        calls.append(args[1:] if args else ())
        return real(*args, **kwargs)

    return wrapper


async def hold(pilot: Pilot, key: str, character: str | None, times: int = BURST) -> None:
    """Post `times` presses of `key` at once, then let the app catch up."""
    for _ in range(times):
        pilot.app.post_message(events.Key(key, character))
    await settle(pilot)
    await pilot.wait_for_scheduled_animations()
    await settle(pilot)


async def test_holding_back_and_forward_shows_once_per_burst(
    app: MSTrialsApp, mini_dataset: Dataset, monkeypatch
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        visited = ["alpha", "beta", "gamma-two", "delta-open", "mtr", "fixturamab"]
        for record_id in visited:
            browser(app).show_record(mini_dataset.by_id[record_id])
            await pilot.pause()
        notes = Notes()
        monkeypatch.setattr(app, "notify", notes)
        shows: list[Any] = []
        monkeypatch.setattr(DetailPane, "show", counting(shows, DetailPane.show))

        await hold(pilot, "left_square_bracket", "[")
        assert shown_id(app) == cursor_id(app) == "alpha"  # as far back as it goes
        assert len(shows) <= 3, shows
        assert notes.seen.count("\nNothing further back.") <= 1  # not a toast per key

        shows.clear()
        await hold(pilot, "right_square_bracket", "]")
        assert shown_id(app) == cursor_id(app) == "fixturamab"
        assert len(shows) <= 3, shows

        # A short burst stops where it should: three steps back.
        shows.clear()
        await hold(pilot, "left_square_bracket", "[", times=3)
        assert shown_id(app) == cursor_id(app) == "gamma-two"
        assert len(shows) <= 3, shows


@pytest.mark.parametrize(("times", "flipped"), [(BURST, False), (BURST + 1, True)])
async def test_holding_t_applies_the_theme_once(app: MSTrialsApp, monkeypatch, times: int, flipped: bool) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        before = app.theme
        applied: list[Any] = []
        # The theme's watcher runs each time the theme is set to a new value (restyling every widget).
        real = app._watch_theme

        def watch_theme(theme_name: str) -> None:  # one parameter, as Textual calls it
            applied.append(theme_name)
            real(theme_name)

        monkeypatch.setattr(app, "_watch_theme", watch_theme)
        await hold(pilot, "t", "t", times)
        assert (app.theme != before) is flipped  # an even number of flips changes nothing
        assert len(applied) == (1 if flipped else 0), applied
        assert app.is_running
