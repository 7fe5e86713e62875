"""Layout at small sizes (issue 15): usable at 80×24 and at the 60×15 minimum, stacked when narrow, a clear
message when too small, and resizing never crashes. Tables fit their pane, labels keep their counts, the
status line and footers are whole, the tree width is the user's, and the detail pane scrolls as one."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Footer

from tui.app import MSTrialsApp
from tui.core import groupings, text
from tui.core.model import Dataset, Source, Trial
from tui.core.settings import TREE_WIDTHS
from tui.widgets.catalog import CatalogTree
from tui.widgets.detail_pane import DetailPane
from tui.widgets.link_list import LinkList
from tui.widgets.too_small import TooSmall
from tui.widgets.trial_table import TrialTable

from .conftest import replace_trial
from .helpers import browser, screen_lines, settle, status_text, tree_text, widget_text

pytestmark = pytest.mark.ui

GROUPING_KEYS = {grouping: str(number) for number, grouping in enumerate(groupings.GROUPINGS, start=1)}


# The too-small message ----------------------------------------------------------------------------------


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


# Panes ----------------------------------------------------------------------------------------------------


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


@pytest.mark.parametrize(("size", "rows"), [((80, 24), 8), ((60, 15), 5)])
async def test_the_tree_shows_enough_rows(app: MSTrialsApp, size: tuple[int, int], rows: int) -> None:
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        catalog = browser(app).catalog
        assert catalog.scrollable_content_region.height >= rows
        assert catalog.region.bottom <= size[1] - 2  # above the status line and the footer


async def test_resizing_never_crashes(app: MSTrialsApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("down", "l", "l")
        for size in ((80, 24), (59, 14), (20, 5), (61, 16), (200, 60), (60, 15), (1, 1), (100, 30)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            await pilot.press("j", "tab", "question_mark", "escape", "v")
        assert app.is_running


# Trial tables fit their pane --------------------------------------------------------------------------------


def visible_tables(app: MSTrialsApp) -> list[TrialTable]:
    return [table for table in browser(app).detail.query(TrialTable) if table.region.area > 0]


def check_table_fits(table: TrialTable, *, status: bool | None = None) -> None:
    """Phase, n, Result and Years are there, each in full on every row, and nothing scrolls sideways."""
    headings = [str(column.label).strip() for column in table.columns.values()]
    assert headings[:4] == ["Trial", "Phase", "n", "Result"], headings
    assert headings[-1] == "Years", headings
    if status is not None:
        assert ("Status" in headings) is status, headings
    assert table.virtual_size.width <= table.scrollable_content_region.width
    assert table.max_scroll_x == 0
    lines = widget_text(table).splitlines()
    assert lines[0].split() == headings
    trials = table._trials
    assert trials, "an empty table proves nothing"
    for trial, line in zip(trials, lines[1:], strict=False):
        cells = line.split()
        name = cells[0]
        assert text.one_line(trial.label).startswith(name.rstrip("…")), (name, trial.label)
        assert text.short_phase(trial.phase) in cells, line
        assert text.headline_count(trial) in cells, line
        assert text.marker(trial.verdict) in line, line
        years = text.years(trial)
        assert (years.replace(" (planned)", "*") if years != text.NOT_REPORTED else "?") in cells, line


async def walk_groups(pilot: Pilot, check) -> int:
    """Put the cursor on each top-level row of the catalog in turn and run `check`; how many were checked."""
    app = pilot.app
    catalog = browser(app).catalog
    checked = 0
    for node in list(catalog.root.children):
        catalog.move_cursor(node)
        await settle(pilot)
        checked += check()
    return checked


@pytest.mark.parametrize("grouping", groupings.GROUPINGS)
async def test_trial_tables_fit_at_80_by_24_in_every_grouping(app: MSTrialsApp, grouping: str) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(GROUPING_KEYS[grouping])
        await settle(pilot)
        assert browser(app).grouping == grouping

        def check() -> int:
            tables = visible_tables(app)
            for table in tables:
                check_table_fits(table)
            return len(tables)

        assert await walk_groups(pilot, check) >= 2


async def test_status_shows_in_the_table_when_there_is_room(app: MSTrialsApp, mini_dataset: Dataset) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        browser(app).show_record(mini_dataset.by_id["fixturamab"])
        await settle(pilot)
        (table,) = visible_tables(app)
        check_table_fits(table, status=True)
        assert "Completed" in widget_text(table)


async def test_a_trial_without_acronym_or_registry_id_fits_too(mini_dataset: Dataset) -> None:
    # Its label is its long title, which gives way ('…'); the short columns do not.
    dataset = replace_trial(mini_dataset, "delta-open", registry_ids=(), phase="2", status="recruiting")
    app = MSTrialsApp(dataset)
    async with app.run_test(size=(80, 24)) as pilot:
        for key in GROUPING_KEYS.values():
            await pilot.press(key)
            await settle(pilot)

            def check() -> int:
                tables = visible_tables(app)
                for table in tables:
                    check_table_fits(table)
                    if any(t.id == "delta-open" for t in table._trials):
                        assert "An open-label" in widget_text(table)
                        assert "fictional study of testastine with very few known facts" not in widget_text(table)
                return len(tables)

            await walk_groups(pilot, check)
        assert app.is_running


# Labels, status line and footers ----------------------------------------------------------------------------

COUNT_AT_END = re.compile(r"  \(\d+\)$")


def group_lines(app: MSTrialsApp) -> list[str]:
    """The drawn lines of the catalog's group and intervention rows (the ones with a count)."""
    lines = [line.strip("│ ") for line in tree_text(app).splitlines()[1:]]
    return [line for line in lines if "▶ " in line or "▼ " in line]


@pytest.mark.parametrize("narrower", [0, 2])
async def test_tree_labels_end_with_their_count_even_when_cut(app: MSTrialsApp, narrower: int) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*["W"] * narrower)
        await settle(pilot)
        for key in GROUPING_KEYS.values():
            await pilot.press(key)
            await settle(pilot)
            lines = group_lines(app)
            assert lines
            for line in lines:
                assert COUNT_AT_END.search(line), line
        if narrower:
            assert any("…  (" in line for line in lines)  # cut, count kept


async def test_status_line_and_footer_are_whole_at_80_columns(app: MSTrialsApp, mini_dataset: Dataset) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert status_text(app).strip() == "Marked 0/2  │  4 trials · 3 interventions · 3 measures  │  by mechanism"
        footer = screen_lines(app)[-1].rstrip()
        for item in ("v Group", "C Compare", "L Landscape", "m Mark", "? Help", "/ Search", "q Quit"):
            assert item in footer, footer
        assert footer.endswith("^p palette")
        # Long names and a long grouping: the counts give way first, then names are cut, never the end.
        for trial_id in ("gamma-two", "delta-open"):
            browser(app).show_record(mini_dataset.by_id[trial_id])
            await pilot.press("m")
        await pilot.press("2")
        await settle(pilot)
        status = status_text(app).strip()
        assert status.startswith("Marked 2/2: [A] GAMMA Two, [B] NCT00000004")
        assert status.endswith("by intervention kind")


async def test_comparison_and_search_footers_are_whole_at_80_columns(mini_dataset: Dataset) -> None:
    app = MSTrialsApp(mini_dataset, compare_refs=("alpha", "beta"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        footer = screen_lines(app)[-1].rstrip()
        for item in ("i Hide same", "s Swap", "e Export", "esc Close", "? Help", "/ Search"):
            assert item in footer, footer
        assert footer.endswith("^p palette")
        await pilot.press("slash")
        await settle(pilot)
        footer = screen_lines(app)[-1].rstrip()
        assert footer.strip() == "enter Show  ^t Mark  esc Close"


@pytest.mark.parametrize("compare", [False, True])
async def test_footers_are_whole_at_the_minimum_size(mini_dataset: Dataset, compare: bool) -> None:
    app = MSTrialsApp(mini_dataset, compare_refs=("alpha", "beta") if compare else None)
    async with app.run_test(size=(60, 15)) as pilot:
        await settle(pilot)
        footer = screen_lines(app)[-1].rstrip()
        last = "/ Search" if compare else "q Quit"
        assert footer.endswith(last), footer


# The tree's width -------------------------------------------------------------------------------------------


async def test_w_and_W_change_the_tree_width_and_it_is_remembered(mini_dataset: Dataset, tmp_path: Path) -> None:
    settings = tmp_path / "settings.toml"
    app = MSTrialsApp(mini_dataset, settings_path=settings)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        start = browser(app).catalog.outer_size.width
        await pilot.press("w")
        await pilot.pause()
        wider = browser(app).catalog.outer_size.width
        assert wider > start and wider in TREE_WIDTHS
        assert f"tree_width = {wider}" in settings.read_text(encoding="utf-8")
        await pilot.press("W", "W")
        await pilot.pause()
        narrower = browser(app).catalog.outer_size.width
        assert narrower < start and narrower in TREE_WIDTHS
        assert f"tree_width = {narrower}" in settings.read_text(encoding="utf-8")
    again = MSTrialsApp(mini_dataset, settings_path=settings)
    async with again.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert browser(again).catalog.outer_size.width == narrower


async def test_the_tree_width_stops_at_its_limits(app: MSTrialsApp, monkeypatch) -> None:
    seen: list[str] = []
    monkeypatch.setattr(app, "notify", lambda message, **options: seen.append(message))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press(*["W"] * (len(TREE_WIDTHS) + 1))
        await pilot.pause()
        assert browser(app).catalog.outer_size.width == TREE_WIDTHS[0]
        assert seen[-1] == "The tree is as narrow as it gets."
        await pilot.press(*["w"] * (len(TREE_WIDTHS) + 1))
        await pilot.pause()
        assert browser(app).catalog.outer_size.width == TREE_WIDTHS[-1]
        assert seen[-1] == "The tree is as wide as it gets."


# One scroll for the whole detail pane ------------------------------------------------------------------------

SOURCES = 30


@pytest.fixture
def many_sources(mini_dataset: Dataset) -> Dataset:
    """ALPHA with 30 web sources (more than any screen holds)."""
    sources = tuple(
        Source(kind="other", backs=f"fact {n}", url=f"https://example.org/source-{n}") for n in range(1, SOURCES + 1)
    )
    alpha = mini_dataset.by_id["alpha"]
    assert isinstance(alpha, Trial)
    return replace_trial(mini_dataset, "alpha", sources=(*alpha.sources, *sources))


async def test_end_shows_the_last_source_and_last_reviewed(many_sources: Dataset) -> None:
    app = MSTrialsApp(many_sources, open_ref="alpha")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("tab")
        pane = browser(app).detail
        assert app.focused is pane
        assert pane.max_scroll_y > 0
        sources = pane.query_one("#trial-sources", LinkList)
        assert sources.max_scroll_y == 0  # the list is as tall as its entries: one scroll, the pane's
        await pilot.press("end")
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()
        assert pane.scroll_y == pane.max_scroll_y
        shown = "\n".join(screen_lines(app))
        assert f"https://example.org/source-{SOURCES}" in shown
        assert "Last reviewed: 2026-01-15" in shown
        await pilot.press("home")
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()
        assert pane.scroll_y == 0


async def test_moving_in_the_sources_list_scrolls_the_pane(many_sources: Dataset) -> None:
    app = MSTrialsApp(many_sources, open_ref="alpha")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        pane = browser(app).detail
        sources = pane.query_one("#trial-sources", LinkList)
        for _ in range(12):  # Tab through the pane and its lists to the sources
            if app.focused is sources:
                break
            await pilot.press("tab")
        assert app.focused is sources
        top = pane.scroll_y
        for step in range(1, sources.count):
            await pilot.press("j")
            await pilot.pause()
            assert sources.highlighted == step
            # The highlighted entry is inside the pane's visible part.
            line = sources.region.y + sources._index_to_line[step]
            assert pane.content_region.y <= line < pane.content_region.bottom, step
        assert pane.scroll_y > top
        assert f"https://example.org/source-{SOURCES}" in "\n".join(screen_lines(app))
