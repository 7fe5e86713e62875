"""The help screen and the command table behind it (one source for keys, footer, palette and help)."""

from __future__ import annotations

import re

import pytest
from textual.widgets import Static

from tui import commands
from tui.app import MSTrialsApp
from tui.screens.browser import BrowserScreen
from tui.screens.cell_trials import CellTrialsScreen
from tui.screens.comparison import ComparisonScreen
from tui.screens.comparison_picker import ComparisonPicker
from tui.screens.help import HelpScreen
from tui.screens.landscape import LandscapeScreen
from tui.screens.search import SearchScreen
from tui.widgets.catalog import CatalogTree
from tui.widgets.detail_pane import DetailPane
from tui.widgets.landscape.chart_view import ChartView
from tui.widgets.landscape.matrix_grid import MatrixGrid
from tui.widgets.landscape.trials_table import FacetBar, LandscapeTable
from tui.widgets.link_list import LinkList
from tui.widgets.trial_table import TrialTable

from .helpers import flat, screen_lines, settle, widget_text

pytestmark = pytest.mark.ui

OWNERS = {
    "catalog": (CatalogTree,),
    "detail": (DetailPane,),
    "lists": (LinkList, TrialTable),
    "browser": (BrowserScreen,),
    "search": (SearchScreen,),
    "comparison": (ComparisonScreen,),
    "picker": (ComparisonPicker,),
    "app": (MSTrialsApp,),
    "help": (HelpScreen,),
    # The landscape (issue #16).
    "landscape": (LandscapeScreen,),
    "chart": (ChartView, LandscapeTable),
    "matrix": (MatrixGrid,),
    "facets": (FacetBar,),
    "cell_trials": (CellTrialsScreen,),
}


async def test_question_mark_opens_help_and_escape_closes_it(app: MSTrialsApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        shown = flat("\n".join(widget_text(w) for w in app.screen.query(Static)))
        for command in commands.COMMANDS:
            if command.scope != "help":  # the screen's own keys are on its border: "Esc closes"
                assert f"{command.title} — {command.help}"[:40] in shown, command.title
        assert "Esc closes" in "\n".join(screen_lines(app))
        assert "✓ met · ✗ not met · ± mixed · ? not reported · ○ ongoing" in shown
        await pilot.press("escape")
        assert isinstance(app.screen, BrowserScreen)


async def test_q_and_question_mark_close_help_without_quitting(app: MSTrialsApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        for key in ("q", "question_mark", "f1"):
            await pilot.press("question_mark")
            assert isinstance(app.screen, HelpScreen)
            await pilot.press("j", "k")
            await pilot.press(key)
            assert isinstance(app.screen, BrowserScreen)
        assert app.is_running


async def test_help_from_the_palette(app: MSTrialsApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p", *"Show help")
        await settle(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_q_quits(app: MSTrialsApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


def test_every_action_exists_where_it_is_bound() -> None:
    for command in commands.COMMANDS:
        name = re.match(r"[a-z_]+", command.action)
        assert name is not None
        for owner in OWNERS[command.scope]:
            assert hasattr(owner, f"action_{name.group(0)}"), (owner.__name__, command.action)


def test_no_key_is_bound_twice_in_one_scope() -> None:
    for scope in commands.SCOPES:
        keys = [key for command in commands.in_scope(scope) for key in command.keys]
        assert len(keys) == len(set(keys)), scope


def test_bindings_come_from_the_table() -> None:
    assert [b.key for b in CatalogTree.BINDINGS if hasattr(b, "key")] == [
        ",".join(c.keys) for c in commands.in_scope("catalog")
    ]
    assert MSTrialsApp.COMMAND_PALETTE_BINDING == "ctrl+p"
    footer = [c.footer for c in commands.COMMANDS if c.footer and c.scope in ("browser", "app")]
    assert footer == ["Group", "Compare", "Landscape", "Mark", "Help", "Search", "Quit"]
    comparison = [c.footer for c in commands.in_scope("comparison") if c.footer]
    assert comparison == ["Hide same", "Swap", "Export", "Close"]


def test_key_display() -> None:
    assert commands.display_key("question_mark") == "?"
    assert commands.display_key("left_square_bracket") == "["
    assert commands.display_key("ctrl+p") == "^p"
    assert commands.command_for("back").key_display == "[ alt+←"
