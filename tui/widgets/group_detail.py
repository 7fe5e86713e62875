"""A summary of a catalog group: how many interventions and trials, their results, and the trials."""

from __future__ import annotations

from collections import Counter

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Static

from ..core import text, vocab
from ..core.groupings import Branch
from .detail_view import DetailContext, DetailView, body
from .link_list import LinkList
from .render import field_grid
from .trial_table import TrialTable, trials_heading


def result_counts(branch: Branch) -> str:
    """'✓ met: 1, ✗ not met: 1' in the order of the result scale."""
    tally = Counter(t.verdict for t in branch.trials)
    parts = [f"{text.verdict(key)}: {tally[key]}" for key in vocab.VERDICT.values if tally[key]]
    return ", ".join(parts) or "no trials"


class GroupDetail(DetailView[Branch]):
    """A group of the catalog: counts, results, its interventions (if any) and its trials."""

    def compose(self) -> ComposeResult:
        yield Static(id="group-title", classes="title")
        yield Static(id="group-subtitle", classes="subtitle")
        yield body("group-summary")
        yield Static(Text("Interventions (Enter shows one)"), id="group-interventions-heading", classes="heading")
        yield LinkList(empty="none", id="group-interventions")
        yield Static(id="group-trials-heading", classes="heading")
        yield TrialTable(id="group-trials")

    def fill(self, branch: Branch, context: DetailContext) -> None:
        self.set("group-title", Text(branch.title, style="bold"))
        self.set("group-subtitle", Text(branch.heading))
        interventions = branch.interventions
        rows = [("Trials", str(len(branch.trials)))]
        if interventions:
            rows.append(("Interventions", str(len(interventions))))
        rows.append(("Primary outcome", result_counts(branch)))
        self.set("group-summary", field_grid(rows))
        # Only groups of interventions have intervention rows; others list trials alone.
        for widget_id in ("#group-interventions-heading", "#group-interventions"):
            self.query_one(widget_id).display = bool(interventions)
        self.query_one("#group-interventions", LinkList).show(
            (Text(f"{text.one_line(i.name)} ({vocab.INTERVENTION_KIND.label(i.kind)})"), i) for i in interventions
        )
        trials = branch.trials
        self.set_heading("group-trials-heading", trials_heading("Trials", len(trials)))
        self.query_one("#group-trials", TrialTable).show(trials, context.marked)
