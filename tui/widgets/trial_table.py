"""A table of trials (phase, participants, result, status, years): Enter on a row shows that trial.

Columns are sized to the pane: each short column is as wide as its longest cell, so it always shows in
full; the trial's name takes the rest and ends in '…' when it does not fit. When the pane is too narrow,
the status column goes first, then the result's words give way to its marker (✓ ✗ ± ? …), then the years.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual import on
from textual.containers import ScrollableContainer
from textual.geometry import Region
from textual.widgets import DataTable

from .. import commands
from ..core import text
from ..core.groupings import trial_order
from ..core.model import Trial
from .labels import mark_prefix
from .messages import ShowRecord

LIMIT = 100  # rows shown; a table of thousands is slow to build and useless to read
MIN_NAME = 10
GAP = 1  # one space before each short column (DataTable's own padding would spend two per column)
# (key, heading) of the short columns, the widest set first; the first set that leaves the name column
# MIN_NAME cells is used.
COLUMN_SETS: tuple[tuple[tuple[str, str], ...], ...] = (
    (("phase", "Phase"), ("n", "n"), ("result", "Result"), ("status", "Status"), ("years", "Years")),
    (("phase", "Phase"), ("n", "n"), ("result", "Result"), ("years", "Years")),
    (("phase", "Phase"), ("n", "n"), ("marker", "Result"), ("years", "Years")),
    (("phase", "Phase"), ("n", "n"), ("marker", "Result")),
    (("phase", "Ph"), ("n", "n"), ("marker", "")),
)
RIGHT_ALIGNED = frozenset({"n"})

Layout = tuple[tuple[str, str, int], ...]


def trials_heading(title: str, count: int) -> str:
    """'Trials (2; Enter shows one)', saying so when only the first LIMIT rows are shown."""
    if count == 0:
        return f"{title}: none in this dataset"
    shown = f"; the first {LIMIT} shown" if count > LIMIT else ""
    return f"{title} ({count:,}{shown}; Enter shows one)"


def value(trial: Trial, key: str) -> str:
    """The text of a short column's cell (in full: the column is sized to fit it)."""
    if key == "years":
        years = text.years(trial)
        return "?" if years == text.NOT_REPORTED else years.replace(" (planned)", "*")
    return {
        "phase": lambda: text.short_phase(trial.phase),
        "n": lambda: text.headline_count(trial),
        "result": lambda: text.verdict(trial.verdict),
        "marker": lambda: text.marker(trial.verdict),
        "status": lambda: text.status(trial.status),
    }[key]()


def columns_for(width: int, trials: Iterable[Trial] = ()) -> Layout:
    """(key, heading, cells) of the columns that fit `width` cells: the name column first, with the width
    the short columns (as wide as their longest cell, plus a gap) leave it."""
    trials = tuple(trials)
    layout: Layout = ()
    for short in COLUMN_SETS:
        layout = tuple(
            (key, heading, GAP + max([text.width(heading), *(text.width(value(t, key)) for t in trials)]))
            for key, heading in short
        )
        name = width - sum(cells for _, _, cells in layout)
        if name >= MIN_NAME:
            return (("trial", "Trial", name), *layout)
    return (("trial", "Trial", MIN_NAME), *layout)


def column_heading(key: str, heading: str, width: int) -> str:
    """A heading placed like its cells: right-aligned numbers, a gap before each short column."""
    if key in RIGHT_ALIGNED:
        return heading.rjust(width)
    return heading if key == "trial" else " " * GAP + heading


def cell(trial: Trial, key: str, width: int, marked: tuple[str, ...]) -> Text:
    if key == "trial":
        return Text(text.truncate(mark_prefix(trial.id, marked) + text.one_line(trial.label), width))
    shown = value(trial, key)
    return Text(shown.rjust(width) if key in RIGHT_ALIGNED else " " * GAP + shown)


class TrialTable(DataTable[Text]):
    """One row per trial; row keys are trial ids. Left and right scroll nothing: every column fits."""

    BINDINGS = commands.bindings("lists")

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=False, cell_padding=0)
        self._trials: list[Trial] = []
        self._marked: tuple[str, ...] = ()
        self._layout: Layout = ()

    def show(self, trials: Iterable[Trial], marked: tuple[str, ...] = ()) -> None:
        """Show `trials` in the catalog's order (oldest first), at most LIMIT of them."""
        self._trials = sorted(trials, key=trial_order)[:LIMIT]
        self._marked = marked
        self._rebuild(force=True)

    def _width(self) -> int:
        """The width for the columns: the table's, less its scrollbar when the rows will need one (it
        appears only after the rows are added, so it is not in `scrollable_content_region` yet)."""
        width = self.size.width or 40
        max_height = self.styles.max_height
        if max_height is not None and max_height.is_cells and len(self._trials) + 1 > max_height.value:
            width -= self.styles.scrollbar_size_vertical
        return width

    def _rebuild(self, force: bool = False) -> None:
        layout = columns_for(self._width(), self._trials)
        if layout == self._layout and not force:
            return
        self._layout = layout
        self.clear(columns=True)
        for key, heading, cells in layout:
            self.add_column(Text(column_heading(key, heading, cells)), width=cells, key=key)
        for trial in self._trials:
            self.add_row(*(cell(trial, key, cells, self._marked) for key, _, cells in layout), key=trial.id)

    def on_resize(self) -> None:
        self._rebuild()

    def action_select(self) -> None:
        # The "lists" commands call it `select`, as OptionList does; DataTable calls it `select_cursor`.
        self.action_select_cursor()

    @on(DataTable.RowHighlighted)
    def _reveal(self, event: DataTable.RowHighlighted) -> None:
        # The table is as tall as its rows and the detail pane scrolls: keep the cursor's row in view.
        if self.has_focus:
            self.call_after_refresh(self._scroll_pane_to_row, event.cursor_row)

    def _scroll_pane_to_row(self, row: int) -> None:
        pane = next((a for a in self.ancestors if isinstance(a, ScrollableContainer)), None)
        if pane is None or not self.is_mounted:
            return
        top_in_pane = self.region.y - pane.scrollable_content_region.y + int(pane.scroll_y)
        header = 1 if self.show_header else 0
        pane.scroll_to_region(Region(0, top_in_pane + header + row, 1, 1), animate=False, immediate=True)

    @on(DataTable.RowSelected)
    def _chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        trial = next((t for t in self._trials if t.id == event.row_key.value), None)
        if trial is not None:
            self.post_message(ShowRecord(trial))
