"""A table of trials (phase, enrolment, result, ...): Enter on a row shows that trial."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual import on
from textual.widgets import DataTable

from .. import commands
from ..core import text
from ..core.model import Trial
from .groupings import trial_order
from .labels import mark_prefix
from .messages import ShowRecord

COLUMNS = ("Trial", "Phase", "Enrolment", "Result", "Status", "Years")
LIMIT = 100  # rows shown; a table of thousands is slow to build and useless to read


def trials_heading(title: str, count: int) -> str:
    """'Trials (2; Enter shows one)', saying so when only the first LIMIT rows are shown."""
    shown = f"; the first {LIMIT} shown" if count > LIMIT else ""
    return f"{title} ({count:,}{shown}; Enter shows one)"


class TrialTable(DataTable[Text]):
    """One row per trial; row keys are trial ids."""

    BINDINGS = commands.bindings("lists")

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=False)
        self._trials: dict[str, Trial] = {}

    def on_mount(self) -> None:
        self.add_columns(*COLUMNS)

    def show(self, trials: Iterable[Trial], marked: tuple[str, ...] = ()) -> None:
        """Show `trials` in the catalog's order (oldest first), at most LIMIT of them."""
        self.clear()
        self._trials = {}
        for trial in sorted(trials, key=trial_order)[:LIMIT]:
            self._trials[trial.id] = trial
            self.add_row(
                Text(mark_prefix(trial.id, marked) + text.one_line(trial.label)),
                Text(text.short_phase(trial.phase)),
                Text(text.enrollment(trial)),
                Text(text.outcome(trial.primary_outcome_met)),
                Text(text.status(trial.status)),
                Text(text.years(trial)),
                key=trial.id,
            )
        if not self._trials:
            self.add_row(Text(text.NOT_REPORTED, style="italic"), *(Text("") for _ in COLUMNS[1:]))

    def action_select(self) -> None:
        # The "lists" commands call it `select`, as OptionList does; DataTable calls it `select_cursor`.
        self.action_select_cursor()

    @on(DataTable.RowSelected)
    def _chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        trial = self._trials.get(str(event.row_key.value))
        if trial is not None:
            self.post_message(ShowRecord(trial))
