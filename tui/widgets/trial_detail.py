"""The details of one trial: design card, outcome, result, measures, safety, dates, people, sources."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Static

from ..core import text
from ..core.model import Dataset, Trial
from .detail_view import DetailView, body, heading
from .labels import mark_letter
from .link_list import LinkList
from .render import field_grid, plain, registry_ids, reviewed, source_prompt


class TrialDetail(DetailView):
    """A trial in the order a reader asks about it; measures, interventions and links are lists."""

    def compose(self) -> ComposeResult:
        yield Static(id="trial-title", classes="title")
        yield Static(id="trial-subtitle", classes="subtitle")
        yield heading("Design")
        yield body("trial-card")
        yield heading("Primary outcome")
        yield body("trial-primary")
        yield heading("Result")
        yield body("trial-result")
        yield heading("Measures used (Enter shows what each measures)")
        yield LinkList(empty=text.NOT_REPORTED, id="trial-measures")
        yield heading("Interventions")
        yield LinkList(empty=text.NOT_REPORTED, id="trial-interventions")
        yield heading("Safety")
        yield body("trial-safety")
        yield heading("Status and dates")
        yield body("trial-status")
        yield heading("Sponsor and sites")
        yield body("trial-sponsor")
        yield heading("Publications (Enter opens)")
        yield LinkList(empty="none listed", id="trial-publications")
        yield heading("Sources and what each backs (Enter opens)")
        yield LinkList(empty="none listed", id="trial-sources")
        yield Static(id="trial-reviewed", classes="reviewed")
        yield heading("Notes")
        yield body("trial-notes")

    def show(self, trial: Trial, dataset: Dataset, marked: tuple[str, ...]) -> None:
        title = Text(text.one_line(trial.label), style="bold")
        if trial.label != trial.title:
            title.append(" — ")
            title.append(text.one_line(trial.title))
        self.set("trial-title", title)
        subtitle = (
            f"Trial · {text.phase(trial.phase)} · primary outcome {text.outcome(trial.primary_outcome_met)}"
        )
        subtitle += f" · {text.status(trial.status)}"
        letter = mark_letter(trial.id, marked)
        if letter:
            subtitle += f" · marked [{letter}] for comparison"
        self.set("trial-subtitle", Text(subtitle))
        interventions = dataset.interventions_of(trial)
        self.set(
            "trial-card",
            field_grid(
                [
                    ("Registry ids", registry_ids(trial)),
                    ("Phase", text.phase(trial.phase)),
                    ("Design", text.design(trial)),
                    ("Population", text.population(trial)),
                    ("Background therapy", text.value(trial.population.background_therapy)),
                    ("Enrolment", text.enrollment(trial)),
                    ("Duration", text.duration(trial)),
                    ("Intervention", text.items(i.name for i in interventions)),
                    ("Comparator", text.value(trial.comparator)),
                ]
            ),
        )
        primary = plain(trial.primary_outcome)
        primary.append(f"\nMet: {text.outcome(trial.primary_outcome_met)}", style="bold")
        self.set("trial-primary", primary)
        self.set("trial-result", plain(trial.result_summary))
        self.query_one("#trial-measures", LinkList).show(
            (
                Text(
                    f"{text.one_line(m.label)} — {text.one_line(m.name)}"
                    f" (myelin specificity: {text.label(text.SPECIFICITY_LABELS, m.myelin_specificity)})"
                ),
                m,
            )
            for m in dataset.measures_of(trial)
        )
        self.query_one("#trial-interventions", LinkList).show(
            (Text(f"{text.one_line(i.name)} ({text.label(text.KIND_LABELS, i.kind)})"), i)
            for i in interventions
        )
        self.set("trial-safety", plain(trial.safety_summary))
        self.set(
            "trial-status",
            field_grid([("Status", text.status(trial.status)), ("Years", text.years(trial))]),
        )
        self.set(
            "trial-sponsor",
            field_grid(
                [
                    ("Sponsor", text.value(trial.sponsor)),
                    ("Countries", text.items(trial.countries)),
                    ("Sites", text.number(trial.sites)),
                ]
            ),
        )
        self.query_one("#trial-publications", LinkList).show(
            (Text(text.publication_line(p)), p.link) for p in trial.publications
        )
        self.query_one("#trial-sources", LinkList).show((source_prompt(s), s.link) for s in trial.sources)
        self.set("trial-notes", Text(text.clean(trial.notes) if trial.notes else "none"))
        self.set("trial-reviewed", reviewed(trial.last_reviewed))
