"""Plain-text reports of records for the command line (`show`), built from the field table and the shared
display strings, wrapped at word boundaries to the width asked for."""

from __future__ import annotations

import textwrap

from . import effects, fields, model, text, vocab

WIDTH = 88
LABEL = 22


def _field(name: str, value: str, width: int) -> list[str]:
    label_width = min(LABEL, max(12, width // 4))
    label = f"{name}:".ljust(label_width)
    lines = textwrap.wrap(value, max(20, width - label_width), break_long_words=False, break_on_hyphens=False) or [""]
    return [label + lines[0], *(" " * label_width + line for line in lines[1:])]


def _wrapped(value: str, width: int, indent: str = "  ") -> list[str]:
    return textwrap.wrap(
        value,
        max(20, width),
        initial_indent=indent,
        subsequent_indent=indent,
        break_long_words=False,
        break_on_hyphens=False,
    ) or [indent.rstrip()]


def _paragraph(title: str, value: str | None, width: int) -> list[str]:
    body = text.one_line(value) if value else text.NOT_REPORTED
    return ["", title, *_wrapped(body, width)]


def _list(title: str, entries: list[str], width: int, empty: str = "none listed") -> list[str]:
    lines = ["", title]
    for entry in entries or [empty]:
        wrapped = _wrapped(entry, width, "    ")
        lines.append("  - " + wrapped[0].lstrip())
        lines.extend(wrapped[1:])
    return lines


def _sources(sources: tuple[model.Source, ...], width: int) -> list[str]:
    lines = ["", "Sources"]
    for source in sources:
        lines += (
            _wrapped(text.source_line(source), width, "  - ")[:1]
            + _wrapped(text.source_line(source), width, "    ")[1:]
        )
        canonical = source.canonical_link
        if canonical:
            lines.append("    " + text.one_line(canonical))
        if source.read_at and source.read_at != canonical:
            lines.append("    read at " + text.one_line(source.read_at))
        lines += _wrapped("backs: " + text.one_line(source.backs), width, "    ")
    return lines


def trial_report(dataset: model.Dataset, trial: model.Trial, width: int = WIDTH) -> str:
    title = (
        f"{text.one_line(trial.label)} — {text.one_line(trial.title)}" if trial.acronym else text.one_line(trial.title)
    )
    lines = [*_wrapped(title, width, ""), ""]
    for field in fields.CARD_FIELDS:
        lines += _field(field.label, text.one_line(field.show(dataset, trial)), width)
    lines += _field("Primary outcome met", text.verdict(trial.verdict), width)
    lines += _field("Years", text.years(trial), width)
    lines += _field(
        "Last reviewed", trial.last_reviewed.isoformat() if trial.last_reviewed else text.NOT_REPORTED, width
    )
    lines += _list("Arms", [text.arm(arm) for arm in trial.arms], width, text.NOT_REPORTED)
    lines += _list(
        "Outcomes", [effects.outcome_line(dataset, trial, o) for o in trial.outcomes], width, text.NOT_REPORTED
    )
    for field in fields.PROSE_FIELDS:
        value = getattr(trial, field.key)
        if value is not None or field.key in ("result_summary", "safety_summary"):
            lines += _paragraph(field.label, value, width)
    lines += _list(
        "Adverse events by arm", [text.adverse_events(row) for row in trial.adverse_events], width, text.NOT_REPORTED
    )
    lines += _list(
        "Dates",
        [f"{vocab.DATE_KIND.label(kind)}: {day}" for kind, day in trial.dates.known()],
        width,
        text.NOT_REPORTED,
    )
    lines += _list(
        "Measures", [text.one_line(m.label) + " — " + text.one_line(m.name) for m in dataset.measures_of(trial)], width
    )
    links = dataset.links_of.get(trial.id, ())
    lines += _list(
        "Related trials", [f"{link.words} {text.one_line(link.trial.label)}" for link in links], width, "none"
    )
    lines += _list("Publications", [text.publication_line(p) for p in trial.publications], width)
    lines += _sources(trial.sources, width)
    return "\n".join(lines)


def intervention_report(dataset: model.Dataset, intervention: model.Intervention, width: int = WIDTH) -> str:
    lines = [text.one_line(intervention.name), ""]
    for name, value in (
        ("Aliases", text.items(intervention.aliases, empty="none")),
        ("Kind", vocab.INTERVENTION_KIND.label(intervention.kind)),
        ("Mechanism group", vocab.MECHANISM_GROUP.label(intervention.mechanism_group)),
        ("Target", text.value(intervention.target)),
        ("Highest phase", text.phase(dataset.highest_phase(intervention))),
        ("Approvals", text.value(intervention.approvals)),
    ):
        lines += _field(name, text.one_line(value), width)
    lines += _paragraph("Mechanism", intervention.mechanism, width)
    lines += _paragraph("Summary", intervention.summary, width)
    trials = dataset.trials_of_intervention.get(intervention.id, ())
    lines += _list(
        "Trials",
        [
            f"{text.one_line(t.label)} ({text.phase(t.phase)}, n={text.headline_count(t)}, {text.verdict(t.verdict)})"
            for t in trials
        ],
        width,
        "none",
    )
    lines += _sources(intervention.sources, width)
    return "\n".join(lines)


def measure_report(dataset: model.Dataset, measure: model.Measure, width: int = WIDTH) -> str:
    title = text.one_line(measure.name)
    if measure.abbreviation:
        title = f"{text.one_line(measure.abbreviation)} — {title}"
    lines = [title, ""]
    for name, value in (
        ("Aliases", text.items(measure.aliases, empty="none")),
        ("Category", vocab.MEASURE_CATEGORY.label(measure.category)),
        ("Myelin specificity", vocab.MYELIN_SPECIFICITY.label(measure.myelin_specificity)),
    ):
        lines += _field(name, text.one_line(value), width)
    lines += _paragraph("What it measures", measure.what_it_measures, width)
    lines += _paragraph("Why (not) specific to myelin", measure.specificity_note, width)
    lines += _paragraph("Caveats", measure.caveats, width)
    trials = dataset.trials_using_measure.get(measure.id, ())
    lines += _list(
        "Trials using it", [f"{text.one_line(t.label)} — {text.one_line(t.title)}" for t in trials], width, "none"
    )
    lines += _sources(measure.sources, width)
    return "\n".join(lines)


def record_report(dataset: model.Dataset, record: model.Record, width: int = WIDTH) -> str:
    if isinstance(record, model.Trial):
        return trial_report(dataset, record, width)
    if isinstance(record, model.Intervention):
        return intervention_report(dataset, record, width)
    return measure_report(dataset, record, width)
