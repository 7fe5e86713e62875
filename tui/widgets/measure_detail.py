"""The explanation of one outcome measure: what it measures, how specific to myelin, caveats, trials."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Static

from ..core import text, vocab
from ..core.model import Measure
from .detail_view import DetailContext, DetailView, body, heading
from .link_list import LinkList
from .render import field_grid, plain, reviewed, source_prompt
from .trial_table import TrialTable, trials_heading


class MeasureDetail(DetailView[Measure]):
    """A measure explained for a newcomer, with the trials that used it."""

    def compose(self) -> ComposeResult:
        yield Static(id="measure-title", classes="title")
        yield Static(id="measure-subtitle", classes="subtitle")
        yield body("measure-card")
        yield heading("What it measures")
        yield body("measure-what")
        yield heading("How specific to myelin")
        yield body("measure-specificity")
        yield heading("Caveats")
        yield body("measure-caveats")
        yield Static(id="measure-trials-heading", classes="heading")
        yield TrialTable(id="measure-trials")
        yield heading("Sources and what each backs (Enter opens)")
        yield LinkList(empty="none listed", id="measure-sources")
        yield Static(id="measure-reviewed", classes="reviewed")

    def fill(self, measure: Measure, context: DetailContext) -> None:
        dataset = context.dataset
        title = Text(text.one_line(measure.label), style="bold")
        if measure.abbreviation:
            title.append(f" — {text.one_line(measure.name)}")
        self.set("measure-title", title)
        category = vocab.MEASURE_CATEGORY.label(measure.category)
        self.set("measure-subtitle", Text(f"Outcome measure · {category}"))
        specificity = vocab.MYELIN_SPECIFICITY.label(measure.myelin_specificity)
        self.set(
            "measure-card",
            field_grid(
                [
                    ("Also known as", text.items(measure.aliases, empty="no other names")),
                    ("Myelin specificity", specificity),
                ]
            ),
        )
        self.set("measure-what", plain(measure.what_it_measures))
        note = Text(f"{specificity}", style="bold")
        note.append(" — ")
        note.append(text.value(measure.specificity_note), style="not bold")
        self.set("measure-specificity", note)
        self.set("measure-caveats", plain(measure.caveats))
        trials = dataset.trials_using_measure.get(measure.id, ())
        self.set_heading("measure-trials-heading", trials_heading("Trials that used it", len(trials)))
        self.query_one("#measure-trials", TrialTable).show(trials, context.marked)
        self.reveal("measure-trials", bool(trials))
        self.query_one("#measure-sources", LinkList).show((source_prompt(s), s.link) for s in measure.sources)
        self.set("measure-reviewed", reviewed(measure.last_reviewed))
