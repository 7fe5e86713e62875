"""Pilot tests of the commands that reach outside the app: copy a citation, open a web page; the theme,
the marks, and starting straight into a comparison."""

from __future__ import annotations

import os
import stat
import subprocess
from pathlib import Path

import pytest

from tui import outside
from tui.app import MSTrialsApp, toggled_marks
from tui.core import text
from tui.core.model import Dataset
from tui.screens.browser import BrowserScreen
from tui.screens.comparison import ComparisonScreen
from tui.widgets.link_list import LinkList

from .conftest import Notes
from .helpers import browser, settle, widget_text

pytestmark = pytest.mark.ui

SIZE = (120, 40)


def private_folder(base: Path) -> Path:
    return base / f"mstrials-tui-{os.getuid()}"


async def test_y_copies_the_citation(
    app: MSTrialsApp, mini_dataset: Dataset, notes: Notes, monkeypatch, private_tmp: Path
) -> None:
    copied: list[str] = []
    monkeypatch.setattr(app, "copy_to_clipboard", copied.append)
    async with app.run_test(size=SIZE) as pilot:
        alpha = mini_dataset.by_id["alpha"]
        browser(app).show_record(alpha)
        await pilot.press("y")
        citation = text.citation(alpha)
        assert copied == [citation]
        assert "Doe J et al. Fictional Journal 2018" in citation
        saved = private_folder(private_tmp) / "citation-alpha.txt"
        assert saved.read_text(encoding="utf-8") == citation + "\n"
        assert "Citation copied\nSent to the terminal's clipboard" in notes.last
        assert str(saved) in notes.last


async def test_the_copied_file_is_private_and_never_replaced(
    app: MSTrialsApp, mini_dataset: Dataset, notes: Notes, private_tmp: Path
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        browser(app).show_record(mini_dataset.by_id["beta"])
        await pilot.press("y", "y")
        folder = private_folder(private_tmp)
        first, second = folder / "citation-beta.txt", folder / "citation-beta-2.txt"
        assert first.read_text(encoding="utf-8").startswith("BETA — A fictional optic neuritis trial")
        assert second.read_text(encoding="utf-8") == first.read_text(encoding="utf-8")
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
        assert stat.S_IMODE(first.stat().st_mode) == 0o600
        assert str(second) in notes.last


async def test_a_planted_link_in_place_of_the_private_folder_is_refused(
    app: MSTrialsApp, mini_dataset: Dataset, notes: Notes, private_tmp: Path, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    private_folder(private_tmp).symlink_to(elsewhere)
    async with app.run_test(size=SIZE) as pilot:
        browser(app).show_record(mini_dataset.by_id["beta"])
        await pilot.press("y")
        assert list(elsewhere.iterdir()) == []  # nothing written through the link
        assert "Sent to the terminal's clipboard" in notes.last
        assert "also in" not in notes.last  # and no file is claimed


async def test_y_on_a_group_explains(app: MSTrialsApp, notes: Notes) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("y")
        assert "Highlight a trial to copy its citation" in notes.last


class FakeBrowser:
    """Stands in for `subprocess.Popen` in `tui.outside`: records each command and how it was started."""

    def __init__(self, status: int = 0) -> None:
        self.status = status
        self.argv: list[list[str]] = []
        self.options: list[dict[str, object]] = []

    def __call__(self, argv: list[str], **options: object) -> FakeBrowser:
        self.argv.append(list(argv))
        self.options.append(options)
        return self

    def wait(self, timeout: float | None = None) -> int:
        return self.status

    @property
    def urls(self) -> list[str]:
        return [argv[-1] for argv in self.argv]


@pytest.fixture
def opened(monkeypatch) -> FakeBrowser:
    """$BROWSER is set (to `true`, which exists everywhere) and starting it is recorded, not done."""
    fake = FakeBrowser()
    monkeypatch.setattr(outside.subprocess, "Popen", fake)
    monkeypatch.setenv("BROWSER", "true")
    return fake


async def test_o_opens_the_registry_page(
    app: MSTrialsApp, mini_dataset: Dataset, notes: Notes, opened: FakeBrowser
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        browser(app).show_record(mini_dataset.by_id["alpha"])
        await pilot.press("o")
        await settle(pilot)
        assert opened.urls == ["https://clinicaltrials.gov/study/NCT00000001"]
        assert "ClinicalTrials.gov record NCT00000001" in notes.last
        assert "Opened with true. The link: https://clinicaltrials.gov/study/NCT00000001" in notes.last


async def test_the_browser_runs_detached_from_the_terminal(
    app: MSTrialsApp, mini_dataset: Dataset, opened: FakeBrowser
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        browser(app).show_record(mini_dataset.by_id["alpha"])
        await pilot.press("o")
        await settle(pilot)
        (options,) = opened.options
        assert options["stdin"] is subprocess.DEVNULL
        assert options["stdout"] is subprocess.DEVNULL
        assert options["stderr"] is subprocess.DEVNULL
        assert options["start_new_session"] is True
        assert "shell" not in options  # an argv, never a shell command line


async def test_o_on_an_intervention_opens_its_first_source(
    app: MSTrialsApp, mini_dataset: Dataset, opened: FakeBrowser
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        browser(app).show_record(mini_dataset.by_id["fixturamab"])
        await pilot.press("o")
        await settle(pilot)
        assert opened.urls == ["https://doi.org/10.1000/fixture.2"]


async def test_enter_on_a_publication_opens_it(app: MSTrialsApp, mini_dataset: Dataset, opened: FakeBrowser) -> None:
    async with app.run_test(size=SIZE) as pilot:
        browser(app).show_record(mini_dataset.by_id["alpha"])
        await pilot.pause()
        browser(app).query_one("#trial-publications", LinkList).focus()
        await pilot.press("enter")
        await settle(pilot)
        assert opened.urls == ["https://doi.org/10.1000/fixture.3"]


async def test_without_a_graphical_browser_the_link_is_saved_and_shown(
    app: MSTrialsApp, mini_dataset: Dataset, notes: Notes, monkeypatch, private_tmp: Path
) -> None:
    monkeypatch.setattr(outside.sys, "platform", "linux")  # no display, no $BROWSER (see conftest)
    fake = FakeBrowser()
    monkeypatch.setattr(outside.subprocess, "Popen", fake)
    async with app.run_test(size=SIZE) as pilot:
        browser(app).show_record(mini_dataset.by_id["beta"])
        await pilot.press("o")
        await settle(pilot)
        assert fake.argv == []
        url = "https://clinicaltrials.gov/study/NCT00000002"
        saved = private_folder(private_tmp) / "link.txt"
        assert saved.read_text(encoding="utf-8") == url + "\n"
        assert "No web browser to open it with (set $BROWSER)" in notes.last
        assert f"(also saved in {saved}): {url}" in notes.last


async def test_t_toggles_the_theme_and_the_tree_follows(app: MSTrialsApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        before = app.theme
        catalog = browser(app).catalog
        styles = [segment.style for segment in catalog.render_line(0)]
        await pilot.press("t")
        await pilot.pause()
        assert app.theme != before
        assert [segment.style for segment in catalog.render_line(0)] != styles
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
        await pilot.pause()
        assert app.marked == ("alpha", "beta")
        assert isinstance(app.screen, ComparisonScreen)
        assert app.screen.comparison.a.id == "alpha" and app.screen.comparison.b.id == "beta"
        below = app.screen_stack[-2]
        assert isinstance(below, BrowserScreen)
        assert "Marked 2/2: [A] ALPHA, [B] BETA" in widget_text(below.query_one("#status"))
