"""The search screen: a query box over a list of results that update as you type.

The index is built in the background right after start-up (see the App); each query runs in a worker
(`QueryList`), so typing never waits. Enter closes the screen with the highlighted record (the screen
below shows it), Esc closes it with nothing.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, OptionList, Static

from .. import commands
from ..core import text
from ..core.model import Record
from ..core.search import FILTERS, SearchResult, SearchSession
from ..widgets.messages import ToggleMark
from ..widgets.query_list import QueryList
from ..widgets.too_small import TooSmall
from .list_keys import ListKeys
from .size_guard import SizeGuard

HINT = (
    "Type a name, alias, acronym, registry id or word (typos are forgiven; every word must match).\n"
    "Filters: " + " ".join(spec.example for spec in FILTERS) + "   !word excludes · Esc, then ? lists keys"
)


def describe(result: SearchResult | None, limit: int) -> Content:
    """The line under the search box: the hint, errors and warnings, or how many results."""
    if result is None:
        return Content(HINT)
    if result.errors:
        lines = [Content.assemble(("No results: ", "bold $text-error"), text.one_line(e)) for e in result.errors]
        return Content("\n").join(lines)
    lines = [Content.assemble(("Warning: ", "bold $text-warning"), text.one_line(w)) for w in result.warnings]
    shown, total = len(result.hits), result.total
    if not shown:
        lines.append(Content.assemble(("No matches", "bold")))
    elif total > shown:
        lines.append(Content(f"The best {shown} of {total:,} results · ↑↓ move · Enter shows"))
    else:
        lines.append(Content(f"{text.count(shown, 'result')} · ↑↓ move · Enter shows"))
    return Content("\n").join(lines)


class SearchScreen(ListKeys, SizeGuard, ModalScreen[Record | None]):
    """`/`: type to search trials, interventions and measures; Enter shows, Esc goes back."""

    BINDINGS = commands.bindings("search")

    def __init__(self, session: SearchSession) -> None:
        super().__init__()
        self.session = session
        self._note_shown: tuple[str, tuple[object, ...]] | None = None  # the note's text and styles

    @property
    def results(self) -> QueryList:
        return self.query_one(QueryList)

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
            yield QueryList(self.session.search, id="search-results")
        yield Footer()
        yield TooSmall()

    def on_mount(self) -> None:
        # Toasts raised on the screen below would cover the results: they are done with.
        self.app.clear_notifications()
        # init: trials marked before the search opened carry their letter in the results too.
        self.watch(self.app, "marked", self.results.refresh_marks)
        box = self.search_input
        box.focus()
        box.select_all()  # the last query comes back selected: typing replaces it, arrows keep it
        self.run_query(box.value)

    @on(Input.Changed, "#search-input")
    def _typed(self, event: Input.Changed) -> None:
        self.run_query(event.value)

    def run_query(self, query: str) -> None:
        self.session.last_query = query
        if query.strip() and not self.session.ready:
            self._note(Content("Building the search index…"))
        self.results.run(query)

    @on(QueryList.Updated)
    def _updated(self, event: QueryList.Updated) -> None:
        self.results.display = bool(self.results.hits)
        self._note(describe(event.result, self.session.limit))

    def _note(self, content: Content) -> None:
        key = (content.plain, tuple(content.spans))
        if key != self._note_shown:  # an unchanged note is not laid out and painted again
            self._note_shown = key
            self.query_one("#search-note", Static).update(content)

    # Actions (from the command table) -------------------------------------------------------------

    def action_show(self) -> None:
        hit = self.results.highlighted_hit
        if hit is None:
            self.notify("No result to show: type a query first.", severity="warning", markup=False)
            return
        self.dismiss(hit.record)

    def action_toggle_mark(self) -> None:
        hit = self.results.highlighted_hit
        if hit is None or hit.kind != "trial":
            self.notify("Highlight a trial to mark it for comparison.", severity="warning", markup=False)
            return
        self.post_message(ToggleMark(hit.id))

    def action_close(self) -> None:
        self.dismiss(None)

    @on(OptionList.OptionSelected, "#search-results")
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_show()
