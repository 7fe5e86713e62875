"""Pilot tests of the commands that reach outside the app: copy a citation, open a web page, theme,
and the placeholders for search and comparison."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui import app as app_module
from tui.app import MSTrialsApp, toggled_marks
from tui.core import text
from tui.core.model import Dataset
from tui.screens.comparison import ComparisonScreen
from tui.widgets.link_list import LinkList

from .helpers import browser, widget_text

SIZE = (120, 40)


async def test_y_copies_the_citation(app: MSTrialsApp, mini_dataset: Dataset, notes, monkeypatch) -> None:
    copied: list[str] = []
    monkeypatch.setattr(app, "copy_to_clipboard", copied.append)
    async with app.run_test(size=SIZE) as pilot:
        alpha = mini_dataset.by_id["alpha"]
        browser(app).show_record(alpha)
        await pilot.press("y")
        citation = text.citation(alpha)
        assert copied == [citation]
        assert "Doe J et al. Fictional Journal 2018" in citation
        assert "copied to the clipboard" in notes.last and citation in notes.last


async def test_y_saves_to_a_file_when_the_clipboard_fails(
    app: MSTrialsApp, mini_dataset: Dataset, notes, monkeypatch, tmp_path: Path
) -> None:
    def broken(_text: str) -> None:
        raise OSError("no clipboard here")

    monkeypatch.setattr(app, "copy_to_clipboard", broken)
    monkeypatch.setattr(app_module.tempfile, "gettempdir", lambda: str(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        browser(app).show_record(mini_dataset.by_id["beta"])
        await pilot.press("y")
        saved = tmp_path / app_module.FALLBACK_FILE
        assert saved.read_text(encoding="utf-8").startswith("BETA — A fictional optic neuritis trial")
        assert str(saved) in notes.last and "no clipboard here" in notes.last


async def test_y_on_a_group_explains(app: MSTrialsApp, notes) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("y")
        assert "Highlight a trial to copy its citation" in notes.last


@pytest.fixture
def opened(app: MSTrialsApp, monkeypatch) -> list[str]:
    urls: list[str] = []
    monkeypatch.setattr(app, "open_url", lambda url, **options: urls.append(url))
    monkeypatch.setenv("BROWSER", "firefox")
    return urls


async def test_o_opens_the_registry_page(app: MSTrialsApp, mini_dataset: Dataset, notes, opened) -> None:
    async with app.run_test(size=SIZE) as pilot:
        browser(app).show_record(mini_dataset.by_id["alpha"])
        await pilot.press("o")
        assert opened == ["https://clinicaltrials.gov/study/NCT00000001"]
        assert "ClinicalTrials.gov record NCT00000001" in notes.last


async def test_o_on_an_intervention_opens_its_first_source(
    app: MSTrialsApp, mini_dataset: Dataset, opened
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        browser(app).show_record(mini_dataset.by_id["fixturamab"])
        await pilot.press("o")
        assert opened == ["https://doi.org/10.1000/fixture.2"]


async def test_enter_on_a_publication_opens_it(app: MSTrialsApp, mini_dataset: Dataset, opened) -> None:
    async with app.run_test(size=SIZE) as pilot:
        browser(app).show_record(mini_dataset.by_id["alpha"])
        await pilot.pause()
        browser(app).query_one("#trial-publications", LinkList).focus()
        await pilot.press("enter")
        assert opened == ["https://doi.org/10.1000/fixture.3"]


async def test_without_a_graphical_browser_the_link_is_copied(
    app: MSTrialsApp, mini_dataset: Dataset, notes, monkeypatch
) -> None:
    for variable in ("BROWSER", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setattr(app_module.sys, "platform", "linux")
    opened: list[str] = []
    copied: list[str] = []
    monkeypatch.setattr(app, "open_url", lambda url, **options: opened.append(url))
    monkeypatch.setattr(app, "copy_to_clipboard", copied.append)
    async with app.run_test(size=SIZE) as pilot:
        browser(app).show_record(mini_dataset.by_id["beta"])
        await pilot.press("o")
        assert opened == []
        assert copied == ["https://clinicaltrials.gov/study/NCT00000002"]
        assert "No graphical web browser" in notes.last


async def test_t_toggles_the_theme_and_the_tree_follows(app: MSTrialsApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        before = app.theme
        group = browser(app).catalog.root.children[0]
        count_style = group.label.spans[-1].style  # the muted "(2 trials)"
        await pilot.press("t")
        await pilot.pause()
        assert app.theme != before
        assert group.label.spans[-1].style != count_style
        await pilot.press("j", "t")
        await pilot.pause()
        assert app.theme == before


def test_toggled_marks_keeps_at_most_two() -> None:
    assert toggled_marks((), "a") == ("a",)
    assert toggled_marks(("a",), "b") == ("a", "b")
    assert toggled_marks(("a", "b"), "c") == ("b", "c")
    assert toggled_marks(("a", "b"), "a") == ("b",)


async def test_compare_refs_start_marked_and_compared(mini_dataset: Dataset) -> None:
    app = MSTrialsApp(mini_dataset, compare_refs=("alpha", "beta"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.marked == ("alpha", "beta")
        assert "Marked 2/2: [A] ALPHA, [B] BETA" in widget_text(app.browser.query_one("#status"))
        assert isinstance(app.screen, ComparisonScreen)
        assert app.screen.comparison.a.id == "alpha" and app.screen.comparison.b.id == "beta"
