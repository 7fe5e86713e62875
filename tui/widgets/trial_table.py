"""A table of trials (phase, participants, result, status, years): Enter on a row shows that trial.

Columns are sized to the pane: the short columns always show in full, the trial's name takes the rest
and ends in '…' when it does not fit; the status column is left out when the pane is too narrow for it.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual import on
from textual.widgets import DataTable

from .. import commands
from ..core import text
from ..core.groupings import trial_order
from ..core.model import Trial
from .labels import mark_prefix
from .messages import ShowRecord

LIMIT = 100  # rows shown; a table of thousands is slow to build and useless to read
MIN_NAME = 10
GAPS = 2  # cell padding DataTable adds per column
# (key, heading, width) of the short columns, widest set first; the name column takes what is left, and
# the first set that leaves it MIN_NAME cells is used.
COLUMN_SETS = (
    (("phase", "Phase", 5), ("n", "n", 6), ("result", "Result", 9), ("status", "Status", 14), ("years", "Years", 9)),
    (("phase", "Phase", 5), ("n", "n", 6), ("result", "Result", 9), ("years", "Years", 9)),
    (("phase", "Phase", 5), ("n", "n", 6), ("result", "Result", 9)),
    (("phase", "Ph", 4), ("n", "n", 5), ("marker", "", 1)),
)


def trials_heading(title: str, count: int) -> str:
    """'Trials (2; Enter shows one)', saying so when only the first LIMIT rows are shown."""
    if count == 0:
        return f"{title}: none in this dataset"
    shown = f"; the first {LIMIT} shown" if count > LIMIT else ""
    return f"{title} ({count:,}{shown}; Enter shows one)"


def columns_for(width: int) -> tuple[tuple[str, str, int], ...]:
    """The columns that fit `width` cells, the name column first with the width left for it."""
    for short in COLUMN_SETS:
        name = width - sum(w + GAPS for _, _, w in short) - GAPS - 1
        if name >= MIN_NAME:
            return (("trial", "Trial", name), *short)
    return (("trial", "Trial", MIN_NAME), *COLUMN_SETS[-1])


def cell(trial: Trial, key: str, width: int, marked: tuple[str, ...]) -> Text:
    if key == "trial":
        return Text(text.truncate(mark_prefix(trial.id, marked) + text.one_line(trial.label), width))
    value = {
        "phase": lambda: text.short_phase(trial.phase),
        "n": lambda: text.headline_count(trial),
        "result": lambda: text.verdict(trial.verdict),
        "marker": lambda: text.marker(trial.verdict),
        "status": lambda: text.status(trial.status),
        "years": lambda: text.years(trial).replace(" (planned)", "*"),
    }[key]()
    return Text(text.truncate(value, width))


class TrialTable(DataTable[Text]):
    """One row per trial; row keys are trial ids. Left and right scroll nothing: every column fits."""

    BINDINGS = commands.bindings("lists")

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=False)
        self._trials: list[Trial] = []
        self._marked: tuple[str, ...] = ()
        self._layout: tuple[tuple[str, str, int], ...] = ()

    def show(self, trials: Iterable[Trial], marked: tuple[str, ...] = ()) -> None:
        """Show `trials` in the catalog's order (oldest first), at most LIMIT of them."""
        self._trials = sorted(trials, key=trial_order)[:LIMIT]
        self._marked = marked
        self._rebuild(force=True)

    def _rebuild(self, force: bool = False) -> None:
        width = self.scrollable_content_region.width or self.size.width or 40
        layout = columns_for(width)
        if layout == self._layout and not force:
            return
        self._layout = layout
        self.clear(columns=True)
        for key, heading, cells in layout:
            self.add_column(Text(heading), width=cells, key=key)
        for trial in self._trials:
            self.add_row(*(cell(trial, key, cells, self._marked) for key, _, cells in layout), key=trial.id)

    def on_resize(self) -> None:
        self._rebuild()

    def action_select(self) -> None:
        # The "lists" commands call it `select`, as OptionList does; DataTable calls it `select_cursor`.
        self.action_select_cursor()

    @on(DataTable.RowSelected)
    def _chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        trial = next((t for t in self._trials if t.id == event.row_key.value), None)
        if trial is not None:
            self.post_message(ShowRecord(trial))
