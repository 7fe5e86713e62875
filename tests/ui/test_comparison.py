"""Pilot tests of the comparison on the fixture dataset: choosing the pair (marks, C, the picker),
reading it (aligned rows, ≠ marks, hide identical, differences, measure overlap), changing it (swap,
replace a side, and what it remembers when reopened) and taking it away (Markdown and JSON files)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, OptionList

from tui.app import MSTrialsApp
from tui.core import compare, files
from tui.core.files import write_new_file
from tui.core.model import Dataset
from tui.screens.browser import BrowserScreen
from tui.screens.comparison import ComparisonScreen, file_stem
from tui.screens.comparison_picker import ComparisonPicker
from tui.widgets.comparison_table import ComparisonHeads, ComparisonRow
from tui.widgets.query_list import MATCH_STYLE, snippet

from .conftest import HOSTILE_ACRONYM, HOSTILE_TITLE, Notes
from .helpers import browser, status_text, tree_text, widget_text
from .helpers import settle as settle_all

pytestmark = pytest.mark.ui

SIZE = (120, 40)
ROWS = len(compare.ROW_KEYS)


def screen_of(app: MSTrialsApp) -> ComparisonScreen:
    screen = app.screen
    assert isinstance(screen, ComparisonScreen), f"expected the comparison, got {screen!r}"
    return screen


def picker_of(app: MSTrialsApp) -> ComparisonPicker:
    screen = app.screen
    assert isinstance(screen, ComparisonPicker), f"expected the picker, got {screen!r}"
    return screen


def heads(app: MSTrialsApp) -> tuple[str, str]:
    """The column heads as drawn: 'A: …' and 'B: …'."""
    line = widget_text(screen_of(app).query_one(ComparisonHeads)).splitlines()[0]
    a, b = line.split("B: ")
    return a.split("Field", 1)[1].strip(), f"B: {b.strip()}"


def shown_keys(app: MSTrialsApp) -> list[str]:
    return [row.key for row in screen_of(app).table.shown_rows]


def row_of(app: MSTrialsApp, key: str) -> ComparisonRow:
    return screen_of(app).table.row(key)


def picker_title(app: MSTrialsApp) -> str:
    """The picker's border title as drawn on its top border."""
    top = widget_text(picker_of(app).query_one("#picker-body")).splitlines()[0]
    return top.strip("╭─╮ ")


def picker_lines(app: MSTrialsApp) -> list[str]:
    """The picker's rows as 'mark title' (marks '[A] ', else none), then the field that matched, if any."""
    options = picker_of(app).query_one(OptionList)
    rows = []
    for index in range(options.option_count):
        first, _, second = str(options.get_option_at_index(index).prompt).partition("\n")
        mark, title = first[:4].strip(), first[4:].removeprefix("Trial").strip()
        rows.append(" ".join(part for part in (mark, title) if part) + (f" | {second.strip()}" if second else ""))
    return rows


def picker_note(app: MSTrialsApp) -> str:
    return widget_text(picker_of(app).query_one("#picker-count")).strip()


async def settle(pilot: Pilot) -> None:
    """Let the picker's search worker finish and its results reach the screen."""
    await settle_all(pilot)


async def ready(pilot: Pilot) -> ComparisonScreen:
    """Wait until the comparison is open and filled in (`--compare` opens it after the first refresh)."""
    app = pilot.app
    for _ in range(50):
        await pilot.pause()
        screen = app.screen
        if isinstance(screen, ComparisonScreen) and screen.is_mounted and screen.sub_title:
            await pilot.pause()  # and laid out
            return screen
    raise AssertionError(f"the comparison did not open: {app.screen!r}")


@pytest.fixture
def compared(mini_dataset: Dataset) -> MSTrialsApp:
    """The app started as `mstrials-tui --compare alpha beta`."""
    return MSTrialsApp(mini_dataset, compare_refs=("alpha", "beta"))


@pytest.fixture
def clipboard(compared: MSTrialsApp, monkeypatch) -> list[str]:
    copied: list[str] = []
    monkeypatch.setattr(compared, "copy_to_clipboard", copied.append)
    return copied


@pytest.fixture
def compared_notes(compared: MSTrialsApp, monkeypatch) -> Notes:
    recorder = Notes()
    monkeypatch.setattr(compared, "notify", recorder)
    return recorder


# Choosing the pair --------------------------------------------------------------------------------------


async def test_mark_two_trials_in_the_tree_then_C_compares_them(app: MSTrialsApp, notes) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "l", "l")  # into Testastine's first trial: GAMMA Two
        await pilot.press("m", "j", "m")  # and the next one, which has no acronym
        assert app.marked == ("gamma-two", "delta-open")
        assert "[A] GAMMA Two" in tree_text(app) and "[B] NCT00000004" in tree_text(app)
        assert "Marked 2/2: [A] GAMMA Two, [B] NCT00000004" in status_text(app)
        await pilot.press("C")
        await ready(pilot)
        assert heads(app) == ("A: GAMMA Two", "B: NCT00000004")
        assert screen_of(app).title == "Compare GAMMA Two vs NCT00000004"


async def test_C_with_nothing_marked_says_what_to_do(app: MSTrialsApp, notes) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("C")
        await pilot.pause()
        assert isinstance(app.screen, BrowserScreen)
        assert "No trials are marked. Press m on a trial, then on a second one, then C" in notes.last


async def test_C_with_one_marked_offers_a_picker_for_the_other(app: MSTrialsApp, mini_dataset: Dataset, notes) -> None:
    async with app.run_test(size=SIZE) as pilot:
        browser(app).show_record(mini_dataset.by_id["alpha"])
        await pilot.press("m", "C")
        await settle(pilot)
        picker = picker_of(app)
        assert picker_title(app) == "Compare [A] ALPHA with…"
        assert app.focused is picker.query_one(Input)
        lines = picker_lines(app)
        assert len(lines) == 4 and lines[0].startswith("[A] ALPHA — A fictional randomised trial")
        assert picker_note(app) == "4 trials · ↑↓ move"
        await pilot.press(*"optic")
        await settle(pilot)
        assert picker_lines(app)[0].startswith("BETA — A fictional optic neuritis trial of fixturamab |")
        await pilot.press("enter")
        await ready(pilot)
        assert heads(app) == ("A: ALPHA", "B: BETA")
        assert app.marked == ("alpha", "beta")  # the marks follow the comparison: A is the left column


async def test_compare_from_the_palette(app: MSTrialsApp, mini_dataset: Dataset) -> None:
    async with app.run_test(size=SIZE) as pilot:
        app.marked = ("beta", "alpha")
        await pilot.press("ctrl+p", *"Compare marked")
        await settle(pilot)
        await pilot.press("enter")
        await ready(pilot)
        assert heads(app) == ("A: BETA", "B: ALPHA")
        # The comparison's own commands are in the palette while it is open.
        await pilot.press("ctrl+p", *"Hide identical")
        await settle(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert screen_of(app).hide_identical


async def test_compare_refs_open_straight_into_the_comparison(compared: MSTrialsApp) -> None:
    async with compared.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert heads(compared) == ("A: ALPHA", "B: BETA")
        assert len(compared.screen_stack) == 2  # over the browser, so Esc goes back to it
        await pilot.press("C")  # already comparing: nothing is replaced
        assert heads(compared) == ("A: ALPHA", "B: BETA")


async def test_escape_and_q_close_the_comparison_without_quitting(compared: MSTrialsApp) -> None:
    async with compared.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("escape")
        assert isinstance(compared.screen, BrowserScreen)
        await pilot.press("C")
        await ready(pilot)
        assert isinstance(compared.screen, ComparisonScreen)
        await pilot.press("q")
        assert isinstance(compared.screen, BrowserScreen)
        assert compared.is_running


# Reading it -----------------------------------------------------------------------------------------------


async def test_one_row_per_field_with_differences_marked(compared: MSTrialsApp) -> None:
    async with compared.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert shown_keys(compared) == list(compare.ROW_KEYS)
        assert row_of(compared, "acronym").cells == ("≠", "Acronym", "ALPHA", "BETA")
        assert row_of(compared, "phase").cells == ("", "Phase", "Phase 2", "Phase 2")
        assert row_of(compared, "acronym").has_class("-differs")
        assert not row_of(compared, "phase").has_class("-differs")
        # Numbers that can be compared show their difference under the field name; enrolment counts of
        # different kinds (analysed vs randomised) are not subtracted.
        assert row_of(compared, "enrolment").cells == (
            "≠",
            "Enrolment",
            "118 analysed (110 planned, 120 randomised)",
            "80 randomised",
        )
        assert row_of(compared, "start_year").cells[1] == "Start year\nB − A = -2 years"
        assert row_of(compared, "treatment_duration").cells[1] == "Treatment duration\nB − A = +2 weeks"
        # "not reported" on one side only differs.
        assert row_of(compared, "background_therapy").cells == (
            "≠",
            "Background therapy",
            "interferon beta allowed",
            "not reported",
        )
        # The evidence: effects, verdicts, harms.
        assert row_of(compared, "primary_results").cells[2] == (
            "−2 ms (95% CI −3.1 to −0.9), p = 0.001, ITT, n = 118; favours Fixturamab"
        )
        assert row_of(compared, "verdict").cells == ("≠", "Primary outcome met", "✓ met", "✗ not met")
        assert row_of(compared, "adverse_events").cells[3] == "not reported"
        # Measures: shared, only in A, only in B.
        assert row_of(compared, "measures").cells == ("≠", "Remyelination measures", "VEP, MTR", "VEP, OCT")
        assert row_of(compared, "measures_shared").cells[1:3] == ("In both", "VEP")
        assert row_of(compared, "measures_only").cells == ("≠", "Only in one", "MTR", "OCT")
        cite_a, cite_b = row_of(compared, "citations").cells[2:]
        assert "Doe J et al. Fictional Journal 2018" in cite_a and cite_b.startswith("BETA — ")
        assert screen_of(compared).sub_title == "22 of 30 differ · showing all"


async def test_long_values_wrap_inside_aligned_columns(compared: MSTrialsApp) -> None:
    async with compared.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        screen = screen_of(compared)
        heads_widget = screen.query_one(ComparisonHeads)
        head_line = widget_text(heads_widget).splitlines()[0]
        a_column = heads_widget.region.x + head_line.index("A: ALPHA")
        b_column = heads_widget.region.x + head_line.index("B: BETA")
        assert b_column - a_column >= 24  # readable at 80 columns

        def columns(key: str) -> tuple[int, int, list[str]]:
            row = row_of(compared, key)
            lines = widget_text(row).splitlines()
            _, _, a, b = row.cells
            first = lines[0]
            return row.region.x + first.index(a.split()[0]), row.region.x + first.rindex(b.split()[0]), lines

        for key in ("acronym", "title", "population", "countries"):
            a_at, b_at, _ = columns(key)
            assert (a_at, b_at) == (a_column, b_column), key
        # The title wrapped inside its column, and the column did not move.
        _, _, lines = columns("title")
        assert len(lines) >= 2
        left = [line[a_column - 1 : b_column - 1].strip() for line in lines]
        title = "A fictional randomised trial of fixturamab in relapsing MS"
        assert " ".join(part for part in left if part) == title


async def test_hide_identical_keeps_only_rows_that_differ(compared: MSTrialsApp) -> None:
    async with compared.run_test(size=SIZE) as pilot:
        await ready(pilot)
        comparison = screen_of(compared).comparison
        await pilot.press("i")
        await pilot.pause()
        assert shown_keys(compared) == [row.key for row in comparison.differing]
        assert len(shown_keys(compared)) == 22 < ROWS
        assert all(row.cells[0] == "≠" for row in screen_of(compared).table.shown_rows)
        assert screen_of(compared).sub_title == "22 of 30 differ · identical hidden"
        await pilot.press("d")  # the other key for the same toggle
        await pilot.pause()
        assert len(shown_keys(compared)) == ROWS


async def test_a_trial_compared_with_itself_is_all_the_same(mini_dataset: Dataset) -> None:
    app = MSTrialsApp(mini_dataset, compare_refs=("alpha", "alpha"))
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert app.marked == ("alpha",)
        table = screen_of(app).table
        assert row_of(app, "acronym").cells == ("", "Acronym", "ALPHA", "ALPHA")
        assert all(row.cells[0] == "" for row in table.query(ComparisonRow))
        assert not any(row.has_class("-differs") for row in table.query(ComparisonRow))
        assert screen_of(app).sub_title.startswith("0 of 30 differ")
        await pilot.press("i")
        await pilot.pause()
        assert shown_keys(app) == []
        note = table.query_one("#compare-all-same")
        assert note.display and "Every row is the same" in widget_text(note)


async def test_scroll_keys_move_through_the_rows(compared: MSTrialsApp) -> None:
    async with compared.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        table = screen_of(compared).table
        assert table.max_scroll_y > 0
        await pilot.press("j")
        await pilot.pause()
        assert table.scroll_y == 1
        await pilot.press("G")
        await pilot.wait_for_scheduled_animations()
        assert table.scroll_y == table.max_scroll_y
        await pilot.press("k", "g")
        await pilot.wait_for_scheduled_animations()
        assert table.scroll_y == 0
        await pilot.press("pagedown")
        await pilot.wait_for_scheduled_animations()
        assert table.scroll_y > 5


async def test_theme_and_resizing_keep_the_comparison_working(compared: MSTrialsApp) -> None:
    async with compared.run_test(size=SIZE) as pilot:
        await ready(pilot)
        row = row_of(compared, "acronym")
        before = row.get_component_rich_style("compare-row--differs")
        await pilot.press("t")
        await pilot.pause()
        assert row.get_component_rich_style("compare-row--differs") != before
        for size in ((80, 24), (59, 14), (20, 5), (160, 45), (61, 16), (100, 30)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            await pilot.press("j", "i", "G", "s")
        assert isinstance(compared.screen, ComparisonScreen)
        assert compared.focused is screen_of(compared).table  # back after the too-small message


# Changing it ----------------------------------------------------------------------------------------------


async def test_s_swaps_the_sides(compared: MSTrialsApp, compared_notes: Notes) -> None:
    async with compared.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("s")
        await pilot.pause()
        assert heads(compared) == ("A: BETA", "B: ALPHA")
        assert row_of(compared, "start_year").cells[1:] == ("Start year\nB − A = +2 years", "2013", "2015")
        assert "Swapped: A is now BETA, B is ALPHA." in compared_notes.last
        assert compared.marked == ("beta", "alpha")  # the marks follow: A is the left column


async def test_a_replaces_side_a_with_a_picked_trial(compared: MSTrialsApp) -> None:
    async with compared.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("a")
        await settle(pilot)
        assert picker_title(compared) == "Replace A (ALPHA) with…"
        lines = picker_lines(compared)
        assert lines[0].startswith("[A] ALPHA") and lines[1].startswith("[B] BETA")
        await pilot.press(*"testastne")  # a typo, forgiven by the search index
        await settle(pilot)
        titles = [line.split(" — ")[0].split(" | ")[0] for line in picker_lines(compared)]
        assert titles == ["GAMMA Two", "An open-label fictional study of testastine with very few known facts"]
        await pilot.press("down", "enter")
        await pilot.pause()
        assert heads(compared) == ("A: NCT00000004", "B: BETA")
        assert row_of(compared, "acronym").cells[2:] == ("not reported", "BETA")
        assert compared.marked == ("delta-open", "beta")


async def test_b_picker_escape_changes_nothing(compared: MSTrialsApp) -> None:
    async with compared.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("b")
        await settle(pilot)
        await pilot.press(*"zzzzqqq")
        await settle(pilot)
        assert picker_lines(compared) == []
        assert picker_note(compared) == "No trial matches these words: change them."
        await pilot.press("enter")  # nothing to pick: the picker stays open
        assert isinstance(compared.screen, ComparisonPicker)
        await pilot.press("escape")
        await pilot.pause()
        assert heads(compared) == ("A: ALPHA", "B: BETA")


async def test_picker_matches_registry_ids_and_other_fields(compared: MSTrialsApp) -> None:
    async with compared.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("b", *"2012-000001")
        await settle(pilot)
        lines = picker_lines(compared)
        assert len(lines) == 1 and lines[0].startswith("[B] BETA")
        assert "2012-000001-11" in lines[0].split(" | ")[1]
        await pilot.press("ctrl+u", *"type:measure")  # only trials, whatever the words say
        await settle(pilot)
        labels = [line.split(" — ")[0].split(" | ")[0] for line in picker_lines(compared)]
        delta = "An open-label fictional study of testastine with very few known facts"
        assert labels == ["[A] ALPHA", "[B] BETA", "GAMMA Two", delta]
        assert picker_note(compared) == "4 trials · ↑↓ move"


# Taking it away -------------------------------------------------------------------------------------------
# Exports go to the current folder (the test's own: see conftest), never replacing a file. They are no longer
# also sent to the clipboard: the toast says where the file is.


async def test_e_exports_markdown_to_the_current_folder(
    compared: MSTrialsApp, clipboard: list[str], compared_notes: Notes, tmp_path: Path
) -> None:
    async with compared.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("e")
        saved = tmp_path / "alpha-vs-beta.md"
        content = saved.read_text(encoding="utf-8")
        assert content.startswith("# ALPHA vs BETA\n")
        assert "| Field | A: ALPHA | B: BETA | Differs |" in content
        assert "| Start year | 2015 | 2013 | ≠ B − A = -2 years |" in content
        assert "| Phase | Phase 2 | Phase 2 | = |" in content
        assert "left out" not in content
        assert "## Citations" in content and "Doe J et al. Fictional Journal 2018;1:1-10" in content
        assert clipboard == []
        assert compared_notes.last == f"Comparison exported as Markdown\nSaved as {saved}."
        assert [p.name for p in tmp_path.iterdir()] == ["alpha-vs-beta.md"]  # no temporary file left

        # A second export never overwrites the first; hidden identical rows are left out of it, and it says so.
        await pilot.press("i", "e")
        second = (tmp_path / "alpha-vs-beta-2.md").read_text(encoding="utf-8")
        assert "| Phase |" not in second and "| Start year |" in second
        assert "| Field | A: ALPHA | B: BETA | Differs |" in second
        assert "8 rows where both trials have the same value are left out." in second
        assert "without the identical rows (the file says so)" in compared_notes.last
        assert content == saved.read_text(encoding="utf-8")


async def test_J_and_E_export_json(compared: MSTrialsApp, tmp_path: Path) -> None:
    async with compared.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("s", "i", "J")  # JSON always has every row, each with `same`
        data = json.loads((tmp_path / "beta-vs-alpha.json").read_text(encoding="utf-8"))
        assert (data["a"], data["b"]) == ("beta", "alpha")
        assert len(data["rows"]) == ROWS
        assert sum(not row["same"] for row in data["rows"]) == 22
        assert data["measures"] == {"shared": ["VEP"], "only_a": ["OCT"], "only_b": ["MTR"]}
        assert "Doe J et al." in data["citations"]["b"]
        await pilot.press("E")
        assert (tmp_path / "beta-vs-alpha-2.json").exists()


async def test_export_falls_back_to_the_temporary_folder(
    compared: MSTrialsApp, compared_notes: Notes, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setattr(files.Path, "cwd", staticmethod(lambda: tmp_path / "gone"))
    fallback = tmp_path / "tmp"
    fallback.mkdir()
    monkeypatch.setattr(files.tempfile, "gettempdir", lambda: str(fallback))
    async with compared.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("e")
        assert (fallback / "alpha-vs-beta.md").exists()
        assert str(fallback / "alpha-vs-beta.md") in compared_notes.last


# What it remembers -------------------------------------------------------------------------------------------


async def test_swap_and_hidden_rows_are_remembered_when_reopened(compared: MSTrialsApp) -> None:
    async with compared.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("s", "i")
        await pilot.pause()
        await pilot.press("escape")
        assert isinstance(compared.screen, BrowserScreen)
        assert compared.marked == ("beta", "alpha")
        await pilot.press("C")
        screen = await ready(pilot)
        assert heads(compared) == ("A: BETA", "B: ALPHA")
        assert screen.hide_identical
        assert screen.sub_title == "22 of 30 differ · identical hidden"
        assert len(shown_keys(compared)) == 22
        await pilot.press("i", "q", "C")  # showing them again is remembered too
        screen = await ready(pilot)
        assert not screen.hide_identical and len(shown_keys(compared)) == ROWS


async def test_after_a_swap_the_marks_follow_everywhere(compared: MSTrialsApp) -> None:
    async with compared.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("s")
        await pilot.pause()
        assert compared.marked == ("beta", "alpha")
        await pilot.press("escape")
        await pilot.pause()
        assert "Marked 2/2: [A] BETA, [B] ALPHA" in status_text(compared)
        await pilot.press("5")  # by result: both trials are on screen
        await settle(pilot)
        tree = tree_text(compared)
        assert "[A] BETA" in tree and "[B] ALPHA" in tree


# Hostile data ---------------------------------------------------------------------------------------------


async def test_markup_in_the_data_is_shown_as_typed(hostile: Dataset) -> None:
    app = MSTrialsApp(hostile, compare_refs=("alpha", "beta"))
    async with app.run_test(size=(200, 40)) as pilot:  # wide enough for the title on one line
        await ready(pilot)
        assert heads(app) == ("A: ALPHA", f"B: {HOSTILE_ACRONYM}")
        assert row_of(app, "title").cells[2] == HOSTILE_TITLE
        assert HOSTILE_TITLE in widget_text(row_of(app, "title"))
        assert "␛[31mred and bell ␇ here" in row_of(app, "result_summary").cells[2]
        await pilot.press("a", *"fixturamab")
        await settle(pilot)
        assert any(line.startswith(f"[B] {HOSTILE_ACRONYM}") for line in picker_lines(app))
        assert app.is_running


# Pure helpers ---------------------------------------------------------------------------------------------


def test_write_new_file_never_reuses_a_name(tmp_path: Path) -> None:
    (tmp_path / "a-vs-b.md").touch()
    (tmp_path / "a-vs-b-2.md").touch()
    assert write_new_file(tmp_path, "a-vs-b", ".md", "x") == tmp_path / "a-vs-b-3.md"
    assert (tmp_path / "a-vs-b.md").read_text(encoding="utf-8") == ""


def test_write_new_file_is_atomic_and_leaves_nothing_behind(tmp_path: Path, monkeypatch) -> None:
    path = write_new_file(tmp_path, "x", ".md", "hello\n")
    assert path.read_text(encoding="utf-8") == "hello\n"
    umask = os.umask(0o022)
    os.umask(umask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~umask  # not private like a mkstemp file

    def broken(*args: object, **options: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(files.os, "link", broken)
    with pytest.raises(OSError):
        write_new_file(tmp_path, "y", ".md", "never")
    assert sorted(os.listdir(tmp_path)) == ["x.md"]


def test_file_stem_is_safe(mini_dataset: Dataset) -> None:
    alpha, gamma = mini_dataset.find_trial("alpha"), mini_dataset.find_trial("gamma-two")
    assert alpha is not None and gamma is not None
    comparison = compare.compare_trials(mini_dataset, alpha, gamma)
    assert file_stem(comparison) == "alpha-vs-gamma-two"


def test_snippet_styles_spans_of_the_raw_text() -> None:
    line = snippet("Clemastine\tfumarate \x1b x", ((0, 5), (3, 8)))
    assert line.plain == "Clemastine fumarate ␛ x"
    styled = {i for span in line.spans if span.style == MATCH_STYLE for i in range(span.start, span.end)}
    assert styled == set(range(8))  # overlapping spans: each character once


def test_snippet_keeps_the_match_in_view() -> None:
    raw = "word " * 40 + "target" + " tail" * 60
    start = raw.index("target")
    shown = snippet(raw, ((start, start + 6),))
    assert shown.plain.startswith("…") and shown.plain.endswith("…")
    (span,) = shown.spans
    assert shown.plain[span.start : span.end] == "target"
