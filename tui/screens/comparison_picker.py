"""A small modal to pick one trial by typing: an Input over a list filtered by the search index.

The comparison uses it to replace either side, and `C` with one marked trial uses it to choose the
other. The list comes from `SearchIndex.search(query + " type:trial")`, so the picker finds trials the
same way as search does (acronyms, registry ids, typos, intervention and measure names, filters).
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static

from .. import commands
from ..core import text
from ..widgets.query_list import QueryList, Search
from ..widgets.too_small import TooSmall
from .list_keys import ListKeys
from .size_guard import SizeGuard

__all__ = ["ComparisonPicker", "Search"]


class ComparisonPicker(ListKeys, SizeGuard, ModalScreen[str | None]):
    """Type to filter the trials; Enter picks the highlighted one (its id is the result), Esc cancels."""

    BINDINGS = commands.bindings("picker")

    def __init__(self, search: Search, title: str, sides: dict[str, str] | None = None) -> None:
        super().__init__()
        self.search = search
        self.picker_title = title
        self.sides = sides or {}  # trial id -> "A" / "B": the trials compared now, marked in the list

    @property
    def options(self) -> QueryList:
        return self.query_one(QueryList)

    @property
    def navigated_list(self) -> OptionList:
        return self.options

    def compose(self) -> ComposeResult:
        with Vertical(id="picker-body") as body:
            # As Text: a string would be read as markup, and the title holds data ("[A] ALPHA").
            body.border_title = Text(text.one_line(self.picker_title))
            body.border_subtitle = "Enter picks · Esc cancels"
            yield Input(placeholder="Part of a name, acronym, registry id, drug…", id="picker-query")
            yield Static(Text("Searching…"), id="picker-count", classes="subtitle")
            yield QueryList(self.search, suffix=" type:trial", kind="trial", id="picker-options")
        yield TooSmall()

    def on_mount(self) -> None:
        self.app.clear_notifications()
        self.query_one(Input).focus()
        self.options.run("")

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self.options.run(event.value)

    @on(QueryList.Updated)
    def _updated(self, event: QueryList.Updated) -> None:
        # The trials compared now carry their side's letter, as marks do elsewhere.
        self.options.refresh_marks(tuple(sorted(self.sides, key=lambda tid: self.sides[tid])))
        result = event.result
        count = len(self.options.hits)
        if result is not None and result.errors:
            line = Text("; ".join(text.one_line(e) for e in result.errors), style="italic")
        elif count:
            line = Text(f"{text.count(count, 'trial')} · ↑↓ move")
        else:
            line = Text("No trial matches these words: change them.", style="italic")
        self.query_one("#picker-count", Static).update(line)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_pick()

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_pick()

    # Actions (from the command table) ---------------------------------------------------------------

    def action_pick(self) -> None:
        hit = self.options.highlighted_hit
        if hit is None:
            self.notify("No trial is highlighted: type other words.", severity="warning", markup=False)
            return
        self.dismiss(hit.id)

    def action_close(self) -> None:
        self.dismiss(None)
