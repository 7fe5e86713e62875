"""The search screen: a query box over a list of results that update as you type.

The index is built once per app (`SearchSession`, on first use and in a worker thread: seconds on a large
dataset). Each query runs in a thread worker too, so typing never waits for a search; every query gets
a sequence number and only the results of the newest one are ever shown, whatever order the workers
finish in. Enter shows the highlighted record in the browser, Esc goes back unchanged.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, cast

from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, OptionList, Static
from textual.worker import get_current_worker

from .. import commands
from ..core import text
from ..core.model import Dataset
from ..core.search import SearchIndex, SearchResult
from ..widgets.search_results import SearchResults
from ..widgets.too_small import TooSmall
from .list_keys import ListKeys
from .size_guard import SizeGuard

if TYPE_CHECKING:
    from ..app import MSTrialsApp

RESULT_LIMIT = 50
HINT = (
    "Type any name, alias, acronym, registry id or word (typos are forgiven; every word must match).\n"
    "Filters: phase:2 measure:mtr met:no status:completed kind:antibody type:trial   !word excludes"
)


class SearchSession:
    """The app's one search index, built on first use, and the last query typed (shown again when the
    search is reopened). Thread-safe: the index is built and queried in worker threads."""

    def __init__(self, dataset: Dataset) -> None:
        self.dataset = dataset
        self.last_query = ""
        self._index: SearchIndex | None = None
        self._build_lock = threading.Lock()
        # One search at a time: the index's caches are not meant for concurrent writers, and a search
        # superseded while it waited for the lock is skipped rather than run.
        self._search_lock = threading.Lock()

    @property
    def ready(self) -> bool:
        return self._index is not None

    def index(self) -> SearchIndex:
        """The index, built now if it does not exist yet (other callers wait for that one build)."""
        with self._build_lock:
            if self._index is None:
                self._index = SearchIndex(self.dataset)
            return self._index

    def search(self, query: str, cancelled: Callable[[], bool] = lambda: False) -> SearchResult | None:
        """The results of `query`, or None if `cancelled()` became true while waiting to run."""
        index = self.index()
        with self._search_lock:
            if cancelled():
                return None
            return index.search(query, limit=RESULT_LIMIT)


def _bindings() -> list[BindingType]:
    """The table's search commands as priority bindings: the search box has the focus and would
    otherwise take Enter (its own "submit") first. Keys are shown as the help screen spells them."""
    return [
        replace(command.binding(), priority=True, key_display=commands.display_key(command.keys[0]))
        for command in commands.in_scope("search")
    ]


class SearchScreen(ListKeys, SizeGuard, ModalScreen[None]):
    """`/`: type to search trials, interventions and measures; Enter shows, Esc goes back."""

    BINDINGS = _bindings()

    class Results(Message):
        """A worker's results for query number `sequence` (posted from its thread)."""

        def __init__(self, sequence: int, result: SearchResult) -> None:
            super().__init__()
            self.sequence = sequence
            self.result = result

    def __init__(self, session: SearchSession) -> None:
        super().__init__()
        self.session = session
        self.latest = 0  # the number of the newest query typed
        self.shown = 0  # the number of the query whose results are on screen
        self.result: SearchResult | None = None
        self._note_shown: tuple[str, tuple[object, ...]] | None = None  # the note's text and styles

    @property
    def trials_app(self) -> MSTrialsApp:
        return cast("MSTrialsApp", self.app)

    @property
    def results(self) -> SearchResults:
        return self.query_one(SearchResults)

    @property
    def navigated_list(self) -> OptionList:
        return self.results

    @property
    def search_input(self) -> Input:
        return self.query_one("#search-input", Input)

    def compose(self) -> ComposeResult:
        with Vertical(id="search-body") as body:
            body.border_title = "Search"
            body.border_subtitle = "Esc goes back"
            yield Input(
                self.session.last_query,
                placeholder="Search trials, interventions and measures",
                id="search-input",
                # Selected once on opening (below), not on every focus: the focus also comes back after
                # the terminal was too small, and the next key must not replace the query then.
                select_on_focus=False,
            )
            yield Static(id="search-note")
            yield SearchResults(id="search-results")
        yield Footer()
        yield TooSmall()

    def on_mount(self) -> None:
        self.watch(self.app, "marked", self._marks_changed, init=False)
        if not self.session.ready:
            self._build_index()
        box = self.search_input
        box.focus()
        box.select_all()  # the last query comes back selected: typing replaces it, arrows keep it
        self.run_query(box.value)

    # Querying -----------------------------------------------------------------------------------------

    @on(Input.Changed, "#search-input")
    def _typed(self, event: Input.Changed) -> None:
        self.run_query(event.value)

    def run_query(self, query: str) -> None:
        """Number the query and start searching for it (an empty query shows the hint at once)."""
        self.latest += 1
        self.session.last_query = query
        if not query.strip():
            self.apply_result(self.latest, None)
            return
        if not self.session.ready:
            self._note(Content("Building the search index…"))
        self._search(self.latest, query)

    @work(thread=True, exclusive=True, group="search-index")
    def _build_index(self) -> None:
        self.session.index()

    @work(thread=True, exclusive=True, group="search")
    def _search(self, sequence: int, query: str) -> None:
        worker = get_current_worker()
        result = self.session.search(query, lambda: worker.is_cancelled)
        if result is not None and not worker.is_cancelled:
            # post_message is safe from a thread, and is dropped if the screen has closed meanwhile.
            self.post_message(self.Results(sequence, result))

    @on(Results)
    def _results_ready(self, event: Results) -> None:
        self.apply_result(event.sequence, event.result)

    def apply_result(self, sequence: int, result: SearchResult | None) -> bool:
        """Show the results of query number `sequence`, unless a newer query was typed since: stale
        results are dropped, never shown after newer ones. Returns whether they were shown."""
        if sequence != self.latest or sequence <= self.shown:
            return False
        self.shown = sequence
        self.result = result
        hits = result.hits if result is not None else ()
        # One repaint for the rows and the note together.
        with self.app.batch_update():
            self.results.display = bool(hits)
            self.results.show_hits(hits, self.trials_app.marked)
            self._note(self._describe(result))
        return True

    def _describe(self, result: SearchResult | None) -> Content:
        """The line under the search box: the hint, or warnings and how many results."""
        if result is None:
            return Content(HINT)
        lines = [
            Content.assemble(("Warning: ", "bold $text-warning"), text.one_line(w)) for w in result.warnings
        ]
        count = len(result.hits)
        if not count:
            lines.append(Content.assemble(("No matches", "bold")))
        elif count >= RESULT_LIMIT:
            lines.append(Content(f"The first {count} results · ↑↓ move · Enter shows"))
        else:
            lines.append(Content(f"{text.count(count, 'result')} · ↑↓ move · Enter shows"))
        return Content("\n").join(lines)

    def _note(self, content: Content) -> None:
        key = (content.plain, tuple(content.spans))
        if key != self._note_shown:  # an unchanged note is not laid out and painted again
            self._note_shown = key
            self.query_one("#search-note", Static).update(content)

    def _marks_changed(self, marked: tuple[str, ...]) -> None:
        self.results.refresh_marks(marked)

    # Actions (from the command table) -------------------------------------------------------------

    def action_show(self) -> None:
        hit = self.results.highlighted_hit
        if hit is None:
            self.notify("No result to show: type a query first.", severity="warning", markup=False)
            return
        self.trials_app.show_record(hit.record)  # closes this screen

    def action_toggle_mark(self) -> None:
        hit = self.results.highlighted_hit
        if hit is None or hit.kind != "trial":
            self.notify("Highlight a trial to mark it for comparison.", severity="warning", markup=False)
            return
        self.trials_app.toggle_mark(hit.id)

    def action_close(self) -> None:
        self.dismiss(None)

    @on(OptionList.OptionSelected, "#search-results")
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_show()
