"""Layout at small sizes: usable at 80×24, stacked when narrow, a clear message when too small, and
resizing never crashes."""

from __future__ import annotations

from textual.widgets import Footer

from tui.app import MSTrialsApp
from tui.widgets.catalog import CatalogTree
from tui.widgets.detail_pane import DetailPane
from tui.widgets.too_small import TooSmall

from .helpers import browser, widget_text


async def test_too_small_terminal_shows_a_message(app: MSTrialsApp) -> None:
    async with app.run_test(size=(50, 12)) as pilot:
        await pilot.pause()
        screen = browser(app)
        message = screen.query_one(TooSmall)
        assert message.display and message.region.area > 0
        assert "Terminal too small (need 60×15, have 50×12)" in widget_text(message)
        assert screen.query_one(CatalogTree).region.area == 0
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert message.region.area == 0
        assert screen.query_one(CatalogTree).region.area > 0


async def test_focus_comes_back_after_a_too_small_terminal(app: MSTrialsApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("tab")
        assert isinstance(app.focused, DetailPane)
        await pilot.resize_terminal(50, 12)
        await pilot.pause()
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert isinstance(app.focused, DetailPane)
        await pilot.press("shift+tab", "j")
        assert browser(app).shown_record is not None


async def test_too_short_counts_too(app: MSTrialsApp) -> None:
    async with app.run_test(size=(120, 14)) as pilot:
        await pilot.pause()
        assert browser(app).query_one(TooSmall).region.area > 0


async def test_help_screen_is_covered_too(app: MSTrialsApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("question_mark")
        await pilot.resize_terminal(40, 10)
        await pilot.pause()
        assert app.screen.query_one(TooSmall).region.area > 0


async def test_80_by_24_keeps_both_panes_side_by_side(app: MSTrialsApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = browser(app)
        tree = screen.query_one(CatalogTree).region
        detail = screen.query_one(DetailPane).region
        assert tree.right <= detail.x and tree.width >= 30 and detail.width >= 44
        assert screen.query_one(Footer).region.area > 0


async def test_narrow_terminal_stacks_the_panes(app: MSTrialsApp) -> None:
    async with app.run_test(size=(70, 24)) as pilot:
        await pilot.pause()
        screen = browser(app)
        tree = screen.query_one(CatalogTree).region
        detail = screen.query_one(DetailPane).region
        assert tree.bottom <= detail.y and tree.width == detail.width


async def test_resizing_never_crashes(app: MSTrialsApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("down", "l", "l")
        for size in ((80, 24), (59, 14), (20, 5), (61, 16), (200, 60), (60, 15), (1, 1), (100, 30)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            await pilot.press("j", "tab", "question_mark", "escape", "v")
        assert app.is_running
