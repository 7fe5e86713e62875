"""The details of one trial, in the order a reader asks about it: what and who (card), arms, outcomes and
effects, result, harms, dates, linked trials, measures, interventions, publications and sources."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Static

from ..core import fields, text
from ..core.model import Trial
from .detail_view import DetailContext, DetailView, body, heading
from .labels import mark_letter
from .link_list import LinkList
from .render import adverse_events_table, arms_table, field_grid, outcomes, plain, reviewed, source_prompt, timeline

# Sections hidden when the trial has nothing for them: (section id, heading id).
OPTIONAL = ("why-stopped", "arms", "adverse", "related", "notes")


def trial_title(trial: Trial) -> Text:
    """'ReBUILD — A Phase II …', without repeating an acronym the title already starts with."""
    title = Text(text.one_line(trial.label), style="bold")
    if trial.title != trial.label and not trial.title.casefold().startswith(trial.label.casefold()):
        title.append(" — ")
        title.append(text.one_line(trial.title))
    elif trial.title != trial.label:
        title = Text(text.one_line(trial.title), style="bold")
    return title


def card_rows(trial: Trial, context: DetailContext) -> list[tuple[str, str]]:
    # Registry ids are listed bare: each links to its registry under Sources.
    return [(field.label, text.one_line(field.show(context.dataset, trial))) for field in fields.CARD_FIELDS]


class TrialDetail(DetailView[Trial]):
    """A trial; measures, interventions, related trials and links are lists Enter acts on."""

    def compose(self) -> ComposeResult:
        yield Static(id="trial-title", classes="title")
        yield Static(id="trial-subtitle", classes="subtitle")
        yield heading("Design")
        yield body("trial-card")
        yield heading("Why it stopped", id="why-stopped-heading")
        yield body("why-stopped")
        yield heading("Arms", id="arms-heading")
        yield body("arms")
        yield heading("Outcomes and effects")
        yield body("trial-outcomes")
        yield heading("Result")
        yield body("trial-result")
        yield heading("Adverse events by arm (participants)", id="adverse-heading")
        yield body("adverse")
        yield heading("Safety")
        yield body("trial-safety")
        yield heading("Dates")
        yield body("trial-dates")
        yield heading("Related trials (Enter shows one)", id="related-heading")
        yield LinkList(empty="none", id="related")
        yield heading("Measures used (Enter shows what each measures)")
        yield LinkList(empty="none listed", id="trial-measures")
        yield heading("Interventions")
        yield LinkList(empty="none listed", id="trial-interventions")
        yield heading("Publications (Enter opens)")
        yield LinkList(empty="none listed", id="trial-publications")
        yield heading("Sources: the original, where it was read, what it backs (Enter opens)")
        yield LinkList(empty="none listed", id="trial-sources")
        yield heading("Notes", id="notes-heading")
        yield body("notes")
        yield Static(id="trial-reviewed", classes="reviewed")

    def fill(self, trial: Trial, context: DetailContext) -> None:
        dataset = context.dataset
        self.set("trial-title", trial_title(trial))
        subtitle = f"Trial · {text.phase(trial.phase)} · primary outcome {text.verdict(trial.verdict)}"
        subtitle += f" · {text.status(trial.status)}"
        letter = mark_letter(trial.id, context.marked)
        if letter:
            subtitle += f" · marked [{letter}] for comparison"
        self.set("trial-subtitle", Text(subtitle))
        self.set("trial-card", field_grid(card_rows(trial, context)))
        present = {
            "why-stopped": trial.why_stopped is not None,
            "arms": bool(trial.arms),
            "adverse": bool(trial.adverse_events),
            "related": trial.id in dataset.links_of,
            "notes": trial.notes is not None,
        }
        for section in OPTIONAL:
            self.reveal(section, present[section])
            self.reveal(f"{section}-heading", present[section])
        if trial.why_stopped:
            self.set("why-stopped", plain(trial.why_stopped))
        if trial.arms:
            self.set("arms", arms_table(trial, dataset))
        self.set("trial-outcomes", outcomes(trial, dataset))
        self.set("trial-result", plain(trial.result_summary))
        if trial.adverse_events:
            self.set("adverse", adverse_events_table(trial))
        self.set("trial-safety", plain(trial.safety_summary))
        self.set("trial-dates", timeline(trial) if trial.dates.known() else plain(None))
        self.query_one("#related", LinkList).show(
            (Text(f"{link.words} {text.one_line(link.trial.label)}"), link.trial)
            for link in dataset.links_of.get(trial.id, ())
        )
        self.query_one("#trial-measures", LinkList).show(
            (
                Text(
                    f"{text.one_line(m.label)} — {text.one_line(m.name)} "
                    f"(myelin specificity: {m.myelin_specificity or text.NOT_REPORTED})"
                ),
                m,
            )
            for m in dataset.measures_of(trial)
        )
        self.query_one("#trial-interventions", LinkList).show(
            (Text(f"{text.one_line(i.name)}"), i) for i in dataset.interventions_of(trial)
        )
        self.query_one("#trial-publications", LinkList).show(
            (Text(text.publication_line(p)), p.link) for p in trial.publications
        )
        registry_first = sorted(trial.sources, key=lambda s: (s.kind != "registry", s.kind != "publication"))
        self.query_one("#trial-sources", LinkList).show((source_prompt(s), s.link) for s in registry_first)
        if trial.notes:
            self.set("notes", plain(trial.notes))
        self.set("trial-reviewed", reviewed(trial.last_reviewed))
