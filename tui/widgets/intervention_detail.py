"""The details of one intervention: names, kind, mechanism, approvals, summary and its trials."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Static

from ..core import text, vocab
from ..core.model import Intervention
from .detail_view import DetailContext, DetailView, body, heading
from .link_list import LinkList
from .render import field_grid, plain, reviewed, source_prompt
from .trial_table import TrialTable, trials_heading


class InterventionDetail(DetailView[Intervention]):
    """An intervention and a table of the trials that tested it."""

    def compose(self) -> ComposeResult:
        yield Static(id="intervention-title", classes="title")
        yield Static(id="intervention-subtitle", classes="subtitle")
        yield heading("About")
        yield body("intervention-card")
        yield heading("Summary")
        yield body("intervention-summary")
        yield Static(id="intervention-trials-heading", classes="heading")
        yield TrialTable(id="intervention-trials")
        yield heading("Sources and what each backs (Enter opens)")
        yield LinkList(empty="none listed", id="intervention-sources")
        yield Static(id="intervention-reviewed", classes="reviewed")

    def fill(self, intervention: Intervention, context: DetailContext) -> None:
        dataset = context.dataset
        self.set("intervention-title", Text(text.one_line(intervention.name), style="bold"))
        kind = vocab.INTERVENTION_KIND.label(intervention.kind)
        group = vocab.MECHANISM_GROUP.label(intervention.mechanism_group)
        highest = dataset.highest_phase(intervention)
        parts = [
            "Intervention",
            kind if kind != group else None,
            f"highest phase reached: {text.phase(highest)}" if highest else None,
        ]
        self.set("intervention-subtitle", Text(" · ".join(p for p in parts if p)))
        self.set(
            "intervention-card",
            field_grid(
                [
                    ("Also known as", text.items(intervention.aliases, empty="no other names")),
                    ("Mechanism group", vocab.MECHANISM_GROUP.label(intervention.mechanism_group)),
                    ("Mechanism", text.value(intervention.mechanism)),
                    ("Target", text.value(intervention.target)),
                    ("Approvals", text.value(intervention.approvals)),
                ]
            ),
        )
        self.set("intervention-summary", plain(intervention.summary))
        trials = dataset.trials_of_intervention.get(intervention.id, ())
        self.set_heading("intervention-trials-heading", trials_heading("Trials", len(trials)))
        self.query_one("#intervention-trials", TrialTable).show(trials, context.marked)
        self.query_one("#intervention-sources", LinkList).show((source_prompt(s), s.link) for s in intervention.sources)
        self.set("intervention-reviewed", reviewed(intervention.last_reviewed))
