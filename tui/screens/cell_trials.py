"""The trials of one evidence-matrix cell (Enter in the matrix): each with its result on the cell's measure
and its primary-outcome verdict. Enter shows the trial in the browser; Esc goes back to the matrix."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from .. import commands
from ..core import text, vocab
from ..core.landscape.forest import KIND_TAGS
from ..core.landscape.matrix import Cell, CellEntry, cell_summary
from ..core.model import Intervention, Measure, Trial
from ..widgets.labels import mark_prefix
from ..widgets.messages import ToggleMark
from ..widgets.too_small import TooSmall
from .size_guard import SizeGuard


def entry_text(entry: CellEntry, measure: Measure, marked: tuple[str, ...]) -> Text:
    """'✓ ORION  P2 · n 50 · 2014–2016 · on VEP: met · primary outcome ✓ met' and its outcomes on the measure."""
    trial = entry.trial
    line = Text(no_wrap=False)
    line.append(f"{text.marker(entry.result)} ", style="bold")
    line.append(mark_prefix(trial.id, marked) + text.one_line(trial.label), style="bold")
    line.append(
        f"  {text.short_phase(trial.phase)} · n {text.headline_count(trial)} · {text.years(trial)}"
        f" · on {text.one_line(measure.label)}: {vocab.VERDICT.label(entry.result)}"
        f" · primary outcome {text.verdict(trial.verdict)}"
    )
    for outcome in entry.outcomes:
        tag = KIND_TAGS.get(outcome.kind, "?")
        when = f" ({text.one_line(outcome.time_point)})" if outcome.time_point else ""
        line.append(
            f"\n    {tag} {text.one_line(outcome.description)}{when}: {vocab.OUTCOME_MET.label(outcome.met)}",
            style="dim",
        )
    return line


class CellTrialsScreen(SizeGuard, ModalScreen[Trial | None]):
    """A list over the landscape; dismissed with the trial chosen, or None."""

    BINDINGS = commands.bindings("cell_trials")

    def __init__(self, intervention: Intervention, measure: Measure, cell: Cell, marked: tuple[str, ...]) -> None:
        super().__init__()
        self.intervention = intervention
        self.measure = measure
        self.cell = cell
        self.marked = marked

    def compose(self) -> ComposeResult:
        with Vertical(id="cell-body") as body:
            body.border_title = f"{text.one_line(self.intervention.name)} × {text.one_line(self.measure.label)}"
            body.border_subtitle = "Enter shows · Esc goes back"
            yield Static(Text(cell_summary(self.cell)), id="cell-summary")
            yield OptionList(*self._options(), id="cell-list")
        yield TooSmall()

    def _options(self) -> list[Option]:
        return [Option(entry_text(e, self.measure, self.marked), id=e.trial.id) for e in self.cell.entries]

    def on_mount(self) -> None:
        self.watch(self.app, "marked", self._marks_changed, init=False)
        self.query_one(OptionList).focus()

    def _marks_changed(self, marked: tuple[str, ...]) -> None:
        self.marked = marked
        options = self.query_one(OptionList)
        highlighted = options.highlighted
        options.clear_options()
        options.add_options(self._options())
        options.highlighted = highlighted

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        trial = next((e.trial for e in self.cell.entries if e.trial.id == event.option.id), None)
        self.dismiss(trial)

    def action_toggle_mark(self) -> None:
        option = self.query_one(OptionList).highlighted_option
        if option is not None and option.id:
            self.post_message(ToggleMark(option.id))

    def action_close(self) -> None:
        self.dismiss(None)
