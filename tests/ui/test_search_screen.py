"""Pilot tests of the search screen: opening and closing, results as you type (typos, aliases, filters,
warnings), showing a result in the browser, marking from the results, the guard against stale results,
and hostile input."""

from __future__ import annotations

import threading

import pytest
from textual.content import Content
from textual.pilot import Pilot
from textual.widgets import Input, Static

from tui.app import MSTrialsApp
from tui.core import model
from tui.core.loader import bundled_data_path, load_dataset
from tui.core.model import Dataset
from tui.core.search import SearchIndex
from tui.core.search import session as search_session
from tui.screens.browser import BrowserScreen
from tui.screens.search import SearchScreen
from tui.widgets.query_list import QueryList, hit_row, snippet

from .conftest import HOSTILE_ACRONYM, HOSTILE_TITLE
from .helpers import browser, cursor_id, detail_text, flat, shown_id, widget_text

pytestmark = pytest.mark.ui

SIZE = (120, 40)


@pytest.fixture(scope="module")
def bundled() -> Dataset:
    return load_dataset(bundled_data_path())


def screen_of(app: MSTrialsApp) -> SearchScreen:
    screen = app.screen
    assert isinstance(screen, SearchScreen), f"expected the search screen, got {screen!r}"
    return screen


async def settle(pilot: Pilot) -> None:
    """Wait for the search workers to finish and their results to be shown."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def search_for(pilot: Pilot, query: str) -> SearchScreen:
    """Open the search (if needed), type `query` key by key and wait for its results."""
    app = pilot.app
    assert isinstance(app, MSTrialsApp)
    if not isinstance(app.screen, SearchScreen):
        await pilot.press("slash")
    await pilot.press(*query)
    await settle(pilot)
    return screen_of(app)


def note(screen: SearchScreen) -> str:
    return flat(widget_text(screen.query_one("#search-note", Static)))


def results_text(screen: SearchScreen) -> str:
    return widget_text(screen.results)


def result_ids(screen: SearchScreen) -> list[str]:
    return [hit.id for hit in screen.results.hits]


def highlighted(content: Content) -> list[str]:
    """The pieces of a row drawn as matches (bold and underlined)."""
    return [
        content.plain[span.start : span.end]
        for span in content.spans
        if isinstance(span.style, str) and "underline" in span.style
    ]


# Opening and closing ------------------------------------------------------------------------------------


async def test_slash_opens_search_with_the_hint_and_escape_goes_back(app: MSTrialsApp, mini_dataset: Dataset) -> None:
    async with app.run_test(size=SIZE) as pilot:
        browser(app).show_record(mini_dataset.by_id["beta"])
        await pilot.pause()
        before = (shown_id(app), cursor_id(app))
        await pilot.press("slash")
        screen = screen_of(app)
        assert app.focused is screen.search_input
        assert "Filters: phase:2 measure:mtr met:no status:completed kind:antibody type:trial" in note(screen)
        assert "!word excludes" in note(screen)
        assert screen.results.hits == ()
        await pilot.press(*"alpha")
        await settle(pilot)
        await pilot.press("down", "escape")
        assert isinstance(app.screen, BrowserScreen)
        assert (shown_id(app), cursor_id(app)) == before == ("beta", "beta")
        assert app.focused is browser(app).catalog


async def test_typing_q_and_question_mark_goes_into_the_box(app: MSTrialsApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await search_for(pilot, "q?/t")
        assert app.is_running
        assert screen.search_input.value == "q?/t"
        assert app.screen is screen


async def test_search_from_the_palette(app: MSTrialsApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p", *"Search")
        await settle(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)


async def test_the_palette_still_jumps_to_records(app: MSTrialsApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p", *"Testavil")
        await settle(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert shown_id(app) == "testastine"


# Results ------------------------------------------------------------------------------------------------


async def test_a_typo_finds_clemastine_and_rebuild(bundled: Dataset) -> None:
    app = MSTrialsApp(bundled)
    async with app.run_test(size=SIZE) as pilot:
        screen = await search_for(pilot, "clemastin")
        ids = result_ids(screen)
        assert ids[0] == "clemastine"
        assert "rebuild" in ids
        shown = results_text(screen)
        assert "Intervention  Clemastine fumarate" in shown
        assert "Trial         ReBUILD — " in shown
        first = screen.results.get_option_at_index(0).prompt
        assert isinstance(first, Content)
        assert "name: Clemastine fumarate" in first.plain
        assert highlighted(first) == ["Clemastin"]


async def test_a_code_name_finds_opicinumab(bundled: Dataset) -> None:
    app = MSTrialsApp(bundled)
    async with app.run_test(size=SIZE) as pilot:
        screen = await search_for(pilot, "BIIB033")
        assert result_ids(screen)[0] == "opicinumab"
        first = screen.results.get_option_at_index(0).prompt
        assert isinstance(first, Content)
        assert "alias: BIIB033" in first.plain
        assert highlighted(first) == ["BIIB033"]
        assert "Intervention  Opicinumab" in results_text(screen)


async def test_filters_list_matching_trials(bundled: Dataset) -> None:
    app = MSTrialsApp(bundled)
    async with app.run_test(size=SIZE) as pilot:
        screen = await search_for(pilot, "phase:2 met:no")
        hits = screen.results.hits
        assert hits
        for hit in hits:
            assert isinstance(hit.record, model.Trial)
            assert hit.record.phase in ("2", "2a", "2b")
            assert any(o.met == "no" for o in hit.record.primary_outcomes)
        assert f"{len(hits)} results" in note(screen)
        assert "Warning" not in note(screen)
        # Nothing was matched, so each row says what the filters looked at instead.
        assert "Phase 2 · primary outcome ✗ not met · Completed" in results_text(screen)


async def test_an_unknown_filter_is_an_error_with_no_results(app: MSTrialsApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await search_for(pilot, "fixturamab colour:blue")
        assert note(screen).startswith("No results: unknown filter 'colour:' — the filters are phase:, measure:")
        assert screen.results.hits == ()
        assert not screen.results.display
        await pilot.press("enter")  # nothing to show: the search stays open
        assert app.screen is screen


async def test_no_matches_is_said(app: MSTrialsApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await search_for(pilot, "zzzzqqq")
        assert note(screen) == "No matches"
        await pilot.press("enter")  # nothing to show: the search stays open
        assert app.screen is screen


async def test_clearing_the_box_shows_the_hint_again(app: MSTrialsApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await search_for(pilot, "mtr")
        assert screen.results.hits
        await pilot.press("ctrl+u")
        await settle(pilot)
        assert "Filters: phase:2" in note(screen)
        assert screen.results.hits == ()


# Showing a result ---------------------------------------------------------------------------------------


async def test_enter_shows_the_result_in_the_browser(bundled: Dataset) -> None:
    app = MSTrialsApp(bundled)
    async with app.run_test(size=SIZE) as pilot:
        screen = await search_for(pilot, "rebuild")
        assert result_ids(screen)[0] == "rebuild"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, BrowserScreen)
        assert shown_id(app) == cursor_id(app) == "rebuild"
        title = bundled.by_id["rebuild"].title
        assert isinstance(title, str)
        assert flat(title)[:60] in flat(detail_text(app))


async def test_arrows_move_and_enter_shows_the_highlighted_result(app: MSTrialsApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await search_for(pilot, "fixturamab")
        ids = result_ids(screen)
        assert ids[:3] == ["fixturamab", "alpha", "beta"]
        await pilot.press("down", "down", "up")
        assert screen.results.highlighted == 1
        await pilot.press("enter")
        await pilot.pause()
        assert shown_id(app) == "alpha"
        assert "ALPHA — A fictional randomised trial of fixturamab" in detail_text(app)


async def test_clicking_a_result_shows_it(app: MSTrialsApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await search_for(pilot, "fixturamab")
        await pilot.click(QueryList, offset=(20, 2))  # the second row (two lines per row)
        await pilot.pause()
        assert screen is not app.screen
        assert shown_id(app) == "alpha"


async def test_reopening_keeps_the_last_query_selected(app: MSTrialsApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await search_for(pilot, "testa")
        await pilot.press("escape", "slash")
        await settle(pilot)
        screen = screen_of(app)
        assert screen.search_input.value == "testa"
        assert result_ids(screen)[0] == "testastine"
        await pilot.press(*"mock")  # the old query was selected: typing replaces it
        await settle(pilot)
        assert screen.search_input.value == "mock"
        assert result_ids(screen)[0] == "mockformin"


async def test_a_too_small_terminal_keeps_the_query_and_the_focus(app: MSTrialsApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await search_for(pilot, "testa")
        await pilot.resize_terminal(50, 12)
        await pilot.pause()
        await pilot.resize_terminal(*SIZE)
        await pilot.pause()
        await pilot.pause()
        assert app.focused is screen.search_input
        await pilot.press(*"stine")  # added to the query, not replacing it
        await settle(pilot)
        assert screen.search_input.value == "testastine"
        assert result_ids(screen)[0] == "testastine"


# Marking --------------------------------------------------------------------------------------------------


async def test_ctrl_t_marks_the_highlighted_trial(app: MSTrialsApp, notes) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await search_for(pilot, "fixturamab")
        await pilot.press("ctrl+t")  # an intervention: cannot be marked
        assert app.marked == ()
        assert "Highlight a trial to mark it" in notes.last
        await pilot.press("down", "ctrl+t")
        await pilot.pause()
        assert app.marked == ("alpha",)
        assert "[A] Trial         ALPHA — " in results_text(screen)
        await pilot.press("down", "ctrl+t")
        await pilot.pause()
        assert app.marked == ("alpha", "beta")
        assert "[B] Trial         BETA — " in results_text(screen)
        assert screen.results.highlighted == 2  # marking does not move the highlight
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert app.marked == ("alpha",)
        assert "[B]" not in results_text(screen)
        await pilot.press("escape")
        assert "Marked 1/2: [A] ALPHA" in widget_text(browser(app).query_one("#status"))


# Workers and stale results ---------------------------------------------------------------------------------


async def test_results_of_an_older_query_are_never_shown_after_newer_ones(app: MSTrialsApp, monkeypatch) -> None:
    started: list[tuple[int, str]] = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        screen = screen_of(app)
        results = screen.results
        # Hold the workers back: the test delivers their results itself, in the wrong order.
        monkeypatch.setattr(results, "_search", lambda sequence, query: started.append((sequence, query)))
        screen.run_query("alpha")
        screen.run_query("beta")
        (old, _), (new, _) = started
        session = app.search_session
        old_result, new_result = session.search("alpha"), session.search("beta")
        assert old_result is not None and new_result is not None
        assert not results.apply(old, old_result)  # a newer query is waiting: not shown
        assert results.apply(new, new_result)
        assert not results.apply(old, old_result)  # late: dropped
        assert not results.apply(new, new_result)  # twice: once is enough
        await pilot.pause()
        assert result_ids(screen)[0] == "beta"
        # Stale results arriving as messages (the way workers deliver them) are dropped too.
        results.post_message(QueryList._Results(old, old_result))
        await pilot.pause()
        assert result_ids(screen)[0] == "beta"
        assert results.result is new_result


async def test_fast_typing_ends_on_the_results_of_the_last_query(app: MSTrialsApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await search_for(pilot, "mtr")
        await pilot.press("backspace", "backspace", "backspace", *"vep")
        await settle(pilot)
        assert screen.results.result is not None and screen.results.result.query == "vep"
        assert result_ids(screen)[0] == "ffvep"


async def test_the_index_is_built_once_per_app(app: MSTrialsApp, monkeypatch) -> None:
    built: list[object] = []
    real = search_session.SearchIndex

    def counting(dataset: Dataset) -> object:
        built.append(dataset)
        return real(dataset)

    monkeypatch.setattr(search_session, "SearchIndex", counting)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)  # built in the background once the first screen is drawn
        assert built == [app.dataset]
        await search_for(pilot, "alpha")
        await pilot.press("escape")
        await search_for(pilot, "beta")
        await pilot.press(*"gamma")
        await settle(pilot)
        assert built == [app.dataset]


async def test_typing_goes_on_while_the_index_is_built(app: MSTrialsApp, monkeypatch) -> None:
    release = threading.Event()
    real = search_session.SearchIndex

    def slow(dataset: Dataset) -> object:
        release.wait(timeout=10)  # a large dataset: the build takes a while
        return real(dataset)

    monkeypatch.setattr(search_session, "SearchIndex", slow)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"alp")
        await pilot.pause()
        screen = screen_of(app)
        assert note(screen) == "Building the search index…"
        await pilot.press(*"ha")  # the interface still answers
        assert screen.search_input.value == "alpha"
        release.set()
        await settle(pilot)
        assert result_ids(screen)[0] == "alpha"
        assert screen.results.result is not None and screen.results.result.query == "alpha"


# Hostile input ---------------------------------------------------------------------------------------------


async def test_markup_typed_into_the_box_is_taken_literally(app: MSTrialsApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await search_for(pilot, "[bold]x[/]")
        assert app.is_running
        assert screen.search_input.value == "[bold]x[/]"
        assert "[bold]x[/]" in screen.search_input.render_line(0).text
        await pilot.press("enter", "ctrl+t", "down", "up")
        assert app.is_running


async def test_a_very_long_query_is_shortened_with_a_warning(app: MSTrialsApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        screen = screen_of(app)
        screen.query_one(Input).value = "[@click=app.quit]fixturamab " * 400
        await settle(pilot)
        assert app.is_running
        assert "Warning: query shortened to its first 1000 characters" in note(screen)


async def test_markup_in_the_data_is_shown_literally_in_results(hostile: Dataset) -> None:
    app = MSTrialsApp(hostile)
    async with app.run_test(size=SIZE) as pilot:
        screen = await search_for(pilot, "fixturamab")
        shown = results_text(screen)
        assert "[b]Fixturamab[/b]" in shown
        assert HOSTILE_TITLE[:40] in flat(shown)
        screen.search_input.value = "optic neuritis"
        await settle(pilot)
        assert f"{HOSTILE_ACRONYM} — A fictional optic neuritis trial" in results_text(screen)
        await pilot.press("enter")
        await pilot.pause()
        assert app.is_running
        assert shown_id(app) == "beta"


# Rows -------------------------------------------------------------------------------------------------------


def test_snippet_highlights_across_collapsed_spaces_and_control_characters() -> None:
    value = "Alpha\n\n  beta\x1b gamma"
    content = snippet(value, [(0, 5), (9, 13)])
    assert content.plain == "Alpha beta␛ gamma"
    assert highlighted(content) == ["Alpha", "beta"]


def test_snippet_starts_near_a_late_match() -> None:
    value = "word " * 40 + "needle and the rest"
    start = value.index("needle")
    content = snippet(value, [(start, start + 6)])
    assert content.plain.startswith("…")
    assert content.plain.index("needle") < 30
    assert highlighted(content) == ["needle"]


def test_snippet_ignores_spans_out_of_range() -> None:
    content = snippet("short", [(3, 99), (50, 60), (2, 1)])
    assert content.plain == "short"
    assert highlighted(content) == ["rt"]


def test_rows_name_the_kind_and_the_mark_in_words(mini_dataset: Dataset) -> None:
    index = SearchIndex(mini_dataset)
    hits = {hit.id: hit for hit in index.search("fixturamab").hits}
    trial = hit_row(hits["alpha"], ("beta", "alpha")).plain
    assert trial.startswith("[B] Trial         ALPHA — ")
    assert "\n" in trial
    assert hit_row(hits["fixturamab"], ("alpha",)).plain.startswith("    Intervention  Fixturamab\n")


def test_row_heights_are_counted_as_laid_out(mini_dataset: Dataset) -> None:
    """Rows count their lines instead of laying themselves out (the list measures every row on each
    keystroke): the count must be the height the text would have."""
    index = SearchIndex(mini_dataset)
    hits = index.search("fixturamab").hits
    assert hits
    for rules in ({"text_wrap": "nowrap", "text_overflow": "ellipsis"}, {"text_wrap": "wrap"}):
        for width in (12, 40, 118):
            for hit in hits:
                row = hit_row(hit, ())
                laid_out = Content(row.plain, list(row.spans)).get_height(rules, width)  # type: ignore[arg-type]
                assert row.get_height(rules, width) == laid_out  # type: ignore[arg-type]


async def test_trials_marked_before_the_search_opens_show_their_letter(app: MSTrialsApp, mini_dataset: Dataset) -> None:
    async with app.run_test(size=SIZE) as pilot:
        browser(app).show_record(mini_dataset.by_id["beta"])
        await pilot.press("m")
        screen = await search_for(pilot, "fixturamab")
        assert "[A] Trial         BETA — " in results_text(screen)
