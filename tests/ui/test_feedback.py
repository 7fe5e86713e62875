"""Honest feedback (issue 11): what the app says after copying, opening a page or failing to, and the small
promises of the keyboard: Ctrl+C quits, `?` lists the current screen's keys first, the palette offers only
what works here, search errors are shown as errors, and toasts do not follow the user into the search."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from textual.command import CommandList, CommandPalette

from tui import outside
from tui.app import MSTrialsApp
from tui.core import text
from tui.core.model import Dataset
from tui.screens.comparison import ComparisonScreen
from tui.screens.help import HelpScreen
from tui.screens.search import SearchScreen
from tui.widgets.messages import OpenLink

from .conftest import Notes
from .helpers import browser, settle, toast_lines, toasts, widget_text

pytestmark = pytest.mark.ui

SIZE = (80, 24)


def private_file(base: Path, name: str) -> Path:
    return base / f"mstrials-tui-{os.getuid()}" / name


def browser_script(folder: Path, status: int) -> Path:
    """An executable that exits with `status` (a browser that fails, or one that works)."""
    script = folder / f"browser-{status}"
    script.write_text(f"#!/bin/sh\nexit {status}\n", encoding="utf-8")
    script.chmod(0o755)
    return script


# Copying a citation --------------------------------------------------------------------------------------


async def test_y_says_it_was_sent_to_the_terminals_clipboard_and_saved(
    mini_dataset: Dataset, monkeypatch, private_tmp: Path
) -> None:
    app = MSTrialsApp(mini_dataset, open_ref="alpha")
    sent: list[str] = []
    monkeypatch.setattr(app, "copy_to_clipboard", sent.append)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        citation = text.citation(mini_dataset.by_id["alpha"])  # type: ignore[arg-type]
        assert sent == [citation]
        saved = private_file(private_tmp, "citation-alpha.txt")
        assert saved.read_text(encoding="utf-8") == citation + "\n"
        (toast,) = toasts(app)
        title, *body = toast_lines(toast)
        assert title == "Citation copied"
        said = "".join(body)  # a path may be folded across lines
        assert " ".join(body).startswith("Sent to the terminal's clipboard (some terminals and tmux ignore this).")
        assert str(saved) in said
        assert len(body) <= 3, body  # short: three lines of message at 80 columns


# Opening a web page ---------------------------------------------------------------------------------------------


async def test_o_reports_a_browser_that_fails(
    app: MSTrialsApp, mini_dataset: Dataset, notes: Notes, monkeypatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("BROWSER", str(browser_script(tmp_path, 1)))
    async with app.run_test(size=SIZE) as pilot:
        browser(app).show_record(mini_dataset.by_id["alpha"])
        await pilot.press("o")
        await settle(pilot)
        assert notes.last == (
            "ClinicalTrials.gov record NCT00000001 not opened\n"
            "browser-1 ended with exit status 1. The link: https://clinicaltrials.gov/study/NCT00000001"
        )
        assert notes.severities[-1] == "error"


async def test_o_reports_a_browser_that_worked(
    app: MSTrialsApp, mini_dataset: Dataset, notes: Notes, monkeypatch
) -> None:
    monkeypatch.setenv("BROWSER", "true")
    async with app.run_test(size=SIZE) as pilot:
        browser(app).show_record(mini_dataset.by_id["beta"])
        await pilot.press("o")
        await settle(pilot)
        assert notes.last == (
            "ClinicalTrials.gov record NCT00000002\nOpened with true. The link: https://clinicaltrials.gov/study/NCT00000002"
        )
        assert notes.severities[-1] == "information"


async def test_o_reports_a_browser_that_cannot_run(
    app: MSTrialsApp, mini_dataset: Dataset, notes: Notes, monkeypatch, tmp_path: Path
) -> None:
    script = browser_script(tmp_path, 0)
    monkeypatch.setenv("BROWSER", str(script))

    def refused(*args: object, **options: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(outside.subprocess, "Popen", refused)
    async with app.run_test(size=SIZE) as pilot:
        browser(app).show_record(mini_dataset.by_id["beta"])
        await pilot.press("o")
        await settle(pilot)
        assert "Could not run browser-0: Permission denied." in notes.last
        assert notes.last.endswith("The link: https://clinicaltrials.gov/study/NCT00000002")
        assert notes.severities[-1] == "error"


async def test_with_no_browser_the_link_is_saved_and_shown_on_one_line(
    mini_dataset: Dataset, monkeypatch, private_tmp: Path
) -> None:
    monkeypatch.setattr(outside.sys, "platform", "linux")  # and no $BROWSER or display (conftest)
    app = MSTrialsApp(mini_dataset, open_ref="beta")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        url = "https://clinicaltrials.gov/study/NCT00000002"
        saved = private_file(private_tmp, "link.txt")
        assert saved.read_text(encoding="utf-8") == url + "\n"
        (toast,) = toasts(app)
        title, *body = toast_lines(toast)
        assert title == "ClinicalTrials.gov record NCT00000002"
        assert " ".join(body).startswith("No web browser to open it with (set $BROWSER).")
        assert str(saved) in "".join(body)
        assert any(url in line for line in body), body  # the link whole, on one line, to select and copy
        assert len(body) <= 3, body


async def test_a_link_that_fails_the_url_check_never_reaches_a_browser(
    app: MSTrialsApp, notes: Notes, monkeypatch
) -> None:
    started: list[object] = []
    monkeypatch.setattr(outside.subprocess, "Popen", lambda *args, **options: started.append(args))
    monkeypatch.setenv("BROWSER", "true")
    async with app.run_test(size=SIZE) as pilot:
        # A link as a list entry would post it (Enter on a source): one with a space and one with an escape.
        for url, shown in (
            ("https://example.org/a b", "https://example.org/a b"),
            ("https://example.org/\x1b]52;c;cHduZWQ=\x07", "https://example.org/␛]52;c;cHduZWQ=␇"),
        ):
            browser(app).post_message(OpenLink(url, "a source"))
            await settle(pilot)
            assert started == []
            said = f"a source\nThe recorded link is not a valid web address, so it was not opened: {shown}"
            assert notes.last == said
            assert notes.severities[-1] == "warning"


# Keys that must always work ---------------------------------------------------------------------------------------


async def test_ctrl_c_quits(app: MSTrialsApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert not app.is_running
    assert app.return_code == 0


async def test_ctrl_c_quits_from_the_search_box(app: MSTrialsApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"alp")
        assert isinstance(app.screen, SearchScreen)
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert not app.is_running


def help_headings(app: MSTrialsApp) -> list[str]:
    screen = app.screen
    assert isinstance(screen, HelpScreen)
    return [widget_text(heading).strip() for heading in screen.query(".heading")]


async def test_help_from_the_comparison_lists_its_keys_first(mini_dataset: Dataset) -> None:
    app = MSTrialsApp(mini_dataset, compare_refs=("alpha", "beta"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ComparisonScreen)
        await pilot.press("question_mark")
        headings = help_headings(app)
        assert headings[0] == "Comparison (C)"
        assert headings.index("Catalog tree (left pane)") > 0
        first_keys = widget_text(app.screen.query(".heading").first().parent.query("Static")[2])  # type: ignore[union-attr]
        assert "Hide identical rows" in first_keys
        await pilot.press("escape")
        assert isinstance(app.screen, ComparisonScreen)


async def test_help_from_the_browser_lists_its_keys_first(app: MSTrialsApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        assert help_headings(app)[:4] == [
            "Catalog tree (left pane)",
            "Detail pane (right pane)",
            "Lists and tables inside the detail pane",
            "Browsing",
        ]
        # The search box takes "?" as text (and, being modal, no App keys): its hint says how to get help.
        await pilot.press("escape", "slash", "question_mark")
        assert isinstance(app.screen, SearchScreen) and app.screen.search_input.value == "?"
        await pilot.press("backspace")
        await pilot.pause()
        assert "Esc, then ? lists keys" in widget_text(app.screen.query_one("#search-note"))


async def test_the_palette_offers_no_keys_panel_or_screenshot(app: MSTrialsApp) -> None:
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert isinstance(app.screen, CommandPalette)
        commands = app.screen.query_one(CommandList)
        titles = [str(commands.get_option_at_index(i).prompt).split("\n")[0] for i in range(commands.option_count)]
        assert "Group by phase" in titles and "Show help" in titles and "Theme" in titles
        for unwanted in ("Keys", "Screenshot", "Maximize", "Minimize"):
            assert unwanted not in titles, unwanted
        assert titles.count("Quit") == 1  # ours, with its key
        for typed in ("Keys", "Screenshot"):
            await pilot.press("ctrl+u", *typed)
            await settle(pilot)
            shown = [str(commands.get_option_at_index(i).prompt).split("\n")[0] for i in range(commands.option_count)]
            assert typed not in shown, shown


async def test_a_toast_from_the_browser_is_gone_when_the_search_opens(app: MSTrialsApp) -> None:
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("y")  # on a group: "Highlight a trial to copy its citation."
        await pilot.pause()
        assert [toast_lines(t)[-1] for t in toasts(app)] == ["Highlight a trial to copy its citation."]
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        assert toasts(app) == []
        assert not app._notifications
        await pilot.press("escape")
        await pilot.pause()
        assert toasts(app) == []
