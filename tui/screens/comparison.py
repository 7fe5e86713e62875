"""The comparison screen: two trials side by side, field by field, with what differs marked.

Which rows differ, the numeric differences and the exports all come from `core.compare`, so the screen,
the CLI (`mstrials-tui compare`) and the exported files always agree. The screen owns its pair: `a` and
`b` replace a side through the picker and `s` swaps them, without touching the marks in the browser.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer, Header

from .. import commands
from ..core import compare, export, files, text
from ..core.compare import Comparison
from ..core.model import Dataset, Record, Trial
from ..widgets.comparison_table import ComparisonHeads, ComparisonTable
from ..widgets.messages import SetMarks, ShowRecord
from ..widgets.too_small import TooSmall
from .comparison_memory import ComparisonMemory
from .comparison_picker import ComparisonPicker, Search
from .size_guard import SizeGuard

FORMATS = {"md": ("Markdown", ".md"), "json": ("JSON", ".json")}


def file_stem(comparison: Comparison) -> str:
    """'alpha-vs-beta': trial ids (slugs already, but made safe for any file system anyway)."""
    return f"{files.safe_stem(comparison.a.id)}-vs-{files.safe_stem(comparison.b.id)}"


def exported(comparison: Comparison, fmt: str, hide_identical: bool) -> str:
    """The text of an export: Markdown honours hide-identical (and says so); JSON always has every row."""
    if fmt == "json":
        return export.to_json(compare.to_dict(comparison)) + "\n"
    return compare.to_markdown(comparison, hide_identical=hide_identical) + "\n"


class ComparisonScreen(SizeGuard, Screen[Record | None]):
    """Trial A and trial B in aligned columns; `i` hides identical rows, `e` / `J` export."""

    BINDINGS = commands.bindings("comparison")

    hide_identical: reactive[bool] = reactive(False, init=False)

    def __init__(
        self, dataset: Dataset, a: Trial, b: Trial, search: Search, memory: ComparisonMemory | None = None
    ) -> None:
        super().__init__()
        self.dataset = dataset
        self.search = search  # for the picker that replaces a side
        self.memory = memory or ComparisonMemory()
        a, b = self.memory.ordered(a, b)
        self.comparison = compare.compare_trials(dataset, a, b)
        self.memory.pair = (a.id, b.id)
        self.set_reactive(ComparisonScreen.hide_identical, self.memory.hide_identical)

    @property
    def table(self) -> ComparisonTable:
        return self.query_one(ComparisonTable)

    def compose(self) -> ComposeResult:
        yield Header()
        yield ComparisonHeads(self.comparison, id="compare-heads")
        yield ComparisonTable(self.comparison, self.hide_identical, id="compare-table")
        yield Footer()
        yield TooSmall()

    def on_mount(self) -> None:
        self._mark_pair()
        self._describe()
        self.table.focus()

    # Showing ----------------------------------------------------------------------------------------------

    def set_pair(self, a: Trial, b: Trial) -> None:
        self.comparison = compare.compare_trials(self.dataset, a, b)
        self.memory.pair = (a.id, b.id)
        self._mark_pair()
        self._refresh()

    def _mark_pair(self) -> None:
        # The letters everywhere follow the comparison: A is the left column (a trial compared with itself
        # is marked once).
        self.post_message(SetMarks(tuple(dict.fromkeys((self.comparison.a.id, self.comparison.b.id)))))

    def _refresh(self) -> None:
        self.query_one(ComparisonHeads).show(self.comparison)
        self.table.show(self.comparison, self.hide_identical)
        self._describe()

    def _describe(self) -> None:
        """The header: which pair, how many rows differ, and whether identical rows are hidden."""
        comparison = self.comparison
        self.title = f"Compare {text.one_line(comparison.a.label)} vs {text.one_line(comparison.b.label)}"
        differing, total = len(comparison.differing), len(comparison.rows)
        shown = "identical hidden" if self.hide_identical else "showing all"
        self.sub_title = f"{differing} of {total} differ · {shown}"

    def watch_hide_identical(self) -> None:
        self.memory.hide_identical = self.hide_identical
        self._refresh()
        self.table.scroll_home(animate=False)

    # Actions (from the command table) ---------------------------------------------------------------

    def action_toggle_identical(self) -> None:
        self.hide_identical = not self.hide_identical

    def action_swap(self) -> None:
        self.set_pair(self.comparison.b, self.comparison.a)
        self.notify(
            f"Swapped: A is now {text.one_line(self.comparison.a.label)}, "
            f"B is {text.one_line(self.comparison.b.label)}.",
            markup=False,
        )

    def action_pick(self, side: str) -> None:
        current = self.comparison.a if side == "a" else self.comparison.b
        title = f"Replace {side.upper()} ({text.one_line(current.label)}) with…"
        sides = {self.comparison.b.id: "B", self.comparison.a.id: "A"}

        def picked(trial_id: str | None) -> None:
            trial = self.dataset.by_id.get(trial_id) if trial_id else None
            if not isinstance(trial, Trial):
                return
            if side == "a":
                self.set_pair(trial, self.comparison.b)
            else:
                self.set_pair(self.comparison.a, trial)

        self.app.push_screen(ComparisonPicker(self.search, title, sides), picked)

    def action_export(self, fmt: str) -> None:
        name, suffix = FORMATS[fmt]
        content = exported(self.comparison, fmt, self.hide_identical)
        try:
            path = files.save_export(file_stem(self.comparison), suffix, content)
        except OSError as error:
            self.notify(f"Could not save the {name} file: {error.strerror}", severity="error", markup=False)
            return
        rows = " without the identical rows (the file says so)" if fmt == "md" and self.hide_identical else ""
        self.notify(f"Saved as {path}{rows}.", title=f"Comparison exported as {name}", timeout=8, markup=False)

    @on(ShowRecord)
    def _show_elsewhere(self, event: ShowRecord) -> None:
        event.stop()
        self.dismiss(event.record)

    def action_close(self) -> None:
        self.dismiss(None)

    # Scrolling: the keys live on the screen (one help section); the table does the scrolling.

    # Not animated: each key moves from where the last one ended, so a held key scrolls steadily.
    def action_scroll_down(self) -> None:
        self.table.scroll_down(animate=False)

    def action_scroll_up(self) -> None:
        self.table.scroll_up(animate=False)

    def action_page_down(self) -> None:
        self.table.scroll_page_down(animate=False)

    def action_page_up(self) -> None:
        self.table.scroll_page_up(animate=False)

    def action_scroll_home(self) -> None:
        self.table.scroll_home(animate=False)

    def action_scroll_end(self) -> None:
        self.table.scroll_end(animate=False)
