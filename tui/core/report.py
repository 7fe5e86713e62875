"""Plain-text reports of records for the command line (`show`), built from the shared display strings."""

from __future__ import annotations

import textwrap

from . import model, text

WIDTH = 88


def _field(name: str, value: str) -> list[str]:
    label = f"{name}:".ljust(22)
    lines = textwrap.wrap(value, WIDTH - 22) or [""]
    return [label + lines[0], *(" " * 22 + line for line in lines[1:])]


def _paragraph(title: str, value: str | None) -> list[str]:
    body = textwrap.wrap(text.one_line(value), WIDTH) if value else [text.NOT_REPORTED]
    return ["", title, *("  " + line for line in body)]


def _sources(sources: tuple[model.Source, ...]) -> list[str]:
    lines = ["", "Sources"]
    for source in sources:
        lines.append("  - " + text.source_line(source))
        if source.url and source.title:  # without a title, source_line already shows the URL
            lines.append("    " + text.clean(source.url))
        lines.append("    backs: " + text.one_line(source.backs))
    return lines


def trial_report(dataset: model.Dataset, trial: model.Trial) -> str:
    interventions = ", ".join(text.one_line(i.name) for i in dataset.interventions_of(trial))
    measures = ", ".join(text.one_line(m.label) for m in dataset.measures_of(trial))
    lines = [text.one_line(trial.label) + " — " + text.one_line(trial.title), ""]
    for name, value in (
        ("Registry ids", text.registry_ids(trial)),
        ("Interventions", interventions or text.NOT_REPORTED),
        ("Comparator", text.value(trial.comparator)),
        ("Phase", text.phase(trial.phase)),
        ("Design", text.design(trial)),
        ("Population", text.population(trial)),
        ("Background therapy", text.value(trial.population.background_therapy)),
        ("Enrolment", text.enrollment(trial)),
        ("Treatment duration", text.duration(trial)),
        ("Primary outcome met", text.outcome(trial.primary_outcome_met)),
        ("Measures", measures or text.NOT_REPORTED),
        ("Status", text.status(trial.status)),
        ("Years", text.years(trial)),
        ("Sponsor", text.value(trial.sponsor)),
        ("Countries", text.items(trial.countries)),
        ("Sites", text.number(trial.sites)),
        ("Last reviewed", trial.last_reviewed.isoformat() if trial.last_reviewed else text.NOT_REPORTED),
    ):
        lines += _field(name, text.one_line(value))
    lines += _paragraph("Primary outcome", trial.primary_outcome)
    lines += _paragraph("Result", trial.result_summary)
    lines += _paragraph("Safety", trial.safety_summary)
    if trial.notes:
        lines += _paragraph("Notes", trial.notes)
    lines += ["", "Publications"]
    lines += ["  - " + text.publication_line(p) for p in trial.publications] or ["  none listed"]
    lines += _sources(trial.sources)
    return "\n".join(lines)


def intervention_report(dataset: model.Dataset, intervention: model.Intervention) -> str:
    lines = [text.one_line(intervention.name), ""]
    for name, value in (
        ("Aliases", text.items(intervention.aliases, empty="none")),
        ("Kind", text.label(text.KIND_LABELS, intervention.kind)),
        ("Mechanism group", text.label(text.MECHANISM_LABELS, intervention.mechanism_group)),
        ("Target", text.value(intervention.target)),
        ("Approvals", text.value(intervention.approvals)),
    ):
        lines += _field(name, text.one_line(value))
    lines += _paragraph("Mechanism", intervention.mechanism)
    lines += _paragraph("Summary", intervention.summary)
    lines += ["", "Trials"]
    for trial in dataset.trials_of_intervention.get(intervention.id, ()):
        lines.append(
            f"  - {text.one_line(trial.label)} ({text.phase(trial.phase)}, n={text.number(trial.enrollment)}, "
            f"{text.outcome(trial.primary_outcome_met)})"
        )
    lines += _sources(intervention.sources)
    return "\n".join(lines)


def measure_report(dataset: model.Dataset, measure: model.Measure) -> str:
    title = text.one_line(measure.name)
    if measure.abbreviation:
        title = f"{text.one_line(measure.abbreviation)} — {title}"
    lines = [title, ""]
    for name, value in (
        ("Aliases", text.items(measure.aliases, empty="none")),
        ("Category", text.label(text.CATEGORY_LABELS, measure.category)),
        ("Myelin specificity", text.label(text.SPECIFICITY_LABELS, measure.myelin_specificity)),
    ):
        lines += _field(name, text.one_line(value))
    lines += _paragraph("What it measures", measure.what_it_measures)
    lines += _paragraph("Why (not) specific to myelin", measure.specificity_note)
    lines += _paragraph("Caveats", measure.caveats)
    lines += ["", "Trials using it"]
    trials = dataset.trials_using_measure.get(measure.id, ())
    lines += [f"  - {text.one_line(t.label)} — {text.one_line(t.title)}" for t in trials] or ["  none"]
    lines += _sources(measure.sources)
    return "\n".join(lines)


def record_report(dataset: model.Dataset, record: model.Record) -> str:
    if isinstance(record, model.Trial):
        return trial_report(dataset, record)
    if isinstance(record, model.Intervention):
        return intervention_report(dataset, record)
    return measure_report(dataset, record)
