"""Side-by-side comparison of two trials: which rows, which differ, and the exports of the result.

The screen, the CLI (`mstrials-tui compare`) and the exports all use `compare_trials`, so they always
agree on what is the same and what differs. Values are compared as displayed: "not reported" on both
sides counts as the same.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from typing import Any, Callable

from . import model, text

DIFFERS_MARK = "≠"
SAME_MARK = "="


@dataclass(frozen=True, slots=True)
class Row:
    key: str
    label: str
    a: str
    b: str
    difference: str | None = None  # e.g. "B − A = +30" for numbers that can be compared

    @property
    def same(self) -> bool:
        return self.a == self.b


@dataclass(frozen=True, slots=True)
class MeasureOverlap:
    shared: tuple[str, ...]
    only_a: tuple[str, ...]
    only_b: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Comparison:
    a: model.Trial
    b: model.Trial
    rows: tuple[Row, ...]
    measures: MeasureOverlap
    citations: tuple[str, str]

    @property
    def differing(self) -> tuple[Row, ...]:
        return tuple(row for row in self.rows if not row.same)

    def visible_rows(self, hide_identical: bool) -> tuple[Row, ...]:
        return self.differing if hide_identical else self.rows


def _difference(a: float | None, b: float | None, unit: str = "") -> str | None:
    if a is None or b is None:
        return None
    # Rounded so that float noise (6 months vs 26 weeks) is no difference, and never in exponent form
    # ('.4g' printed an enrolment difference of 12 345 as +1.234e+04).
    delta = round(b - a, 1)
    if delta == 0:
        return None
    number = f"{delta:+,.0f}" if delta == int(delta) else f"{delta:+,.1f}"
    if unit and abs(delta) == 1:
        unit = unit.rstrip("s")  # "+1 year", not "+1 years"
    return f"B − A = {number}{unit}"


def _interventions(dataset: model.Dataset, trial: model.Trial) -> str:
    return text.items(i.name for i in dataset.interventions_of(trial))


def _mechanisms(dataset: model.Dataset, trial: model.Trial) -> str:
    parts = []
    for intervention in dataset.interventions_of(trial):
        group = text.label(text.MECHANISM_LABELS, intervention.mechanism_group)
        target = f" ({text.one_line(intervention.target)})" if intervention.target else ""
        parts.append(group + target)
    return "; ".join(model.unique(parts)) or text.NOT_REPORTED


def _measures(dataset: model.Dataset, trial: model.Trial) -> str:
    return text.items((m.label for m in dataset.measures_of(trial)), empty="none")


def _publications(trial: model.Trial) -> str:
    return "; ".join(text.publication_line(p) for p in trial.publications) or "none listed"


# One definition per row: key, label and how to display the value of one trial.
_ROWS: tuple[tuple[str, str, Callable[[model.Dataset, model.Trial], str]], ...] = (
    ("acronym", "Acronym", lambda d, t: text.value(t.acronym)),
    ("title", "Title", lambda d, t: text.one_line(t.title)),
    ("interventions", "Interventions", _interventions),
    ("mechanism", "Mechanism", _mechanisms),
    ("comparator", "Comparator", lambda d, t: text.value(t.comparator)),
    ("phase", "Phase", lambda d, t: text.phase(t.phase)),
    ("randomised", "Randomised", lambda d, t: text.yes_no(t.design.randomised)),
    ("blinding", "Blinding", lambda d, t: text.label(text.BLINDING_LABELS, t.design.blinding)),
    ("allocation", "Allocation", lambda d, t: text.label(text.ALLOCATION_LABELS, t.design.allocation)),
    ("placebo", "Placebo-controlled", lambda d, t: text.yes_no(t.design.placebo_controlled)),
    ("conditions", "Population", lambda d, t: text.conditions(t)),
    ("population", "Population detail", lambda d, t: text.value(t.population.description)),
    ("background", "Background therapy", lambda d, t: text.value(t.population.background_therapy)),
    ("enrollment", "Enrolment", lambda d, t: text.enrollment(t)),
    ("duration", "Treatment duration", lambda d, t: text.duration(t)),
    ("primary_outcome", "Primary outcome", lambda d, t: text.value(t.primary_outcome)),
    ("primary_outcome_met", "Primary outcome met", lambda d, t: text.outcome(t.primary_outcome_met)),
    ("result", "Result", lambda d, t: text.value(t.result_summary)),
    ("measures", "Remyelination measures", _measures),
    ("safety", "Safety", lambda d, t: text.value(t.safety_summary)),
    ("status", "Status", lambda d, t: text.status(t.status)),
    ("start_year", "Start year", lambda d, t: text.number(t.start_year).replace(",", "")),
    ("end_year", "End year", lambda d, t: text.number(t.end_year).replace(",", "")),
    ("sponsor", "Sponsor", lambda d, t: text.value(t.sponsor)),
    ("countries", "Countries", lambda d, t: text.items(t.countries)),
    ("sites", "Sites", lambda d, t: text.number(t.sites)),
    ("registry_ids", "Registry ids", lambda d, t: text.registry_ids(t)),
    ("publications", "Publications", lambda d, t: _publications(t)),
)
ROW_KEYS = tuple(key for key, _, _ in _ROWS)


def _numeric_difference(key: str, a: model.Trial, b: model.Trial) -> str | None:
    if key == "enrollment":
        return _difference(a.enrollment, b.enrollment)
    if key == "duration":
        weeks_a = a.treatment_duration.weeks if a.treatment_duration else None
        weeks_b = b.treatment_duration.weeks if b.treatment_duration else None
        return _difference(weeks_a, weeks_b, " weeks")
    if key == "start_year":
        return _difference(a.start_year, b.start_year, " years")
    if key == "end_year":
        return _difference(a.end_year, b.end_year, " years")
    if key == "sites":
        return _difference(a.sites, b.sites)
    return None


def measure_overlap(dataset: model.Dataset, a: model.Trial, b: model.Trial) -> MeasureOverlap:
    def labels(ids: tuple[str, ...]) -> tuple[str, ...]:
        found = (dataset.measure(mid) for mid in ids)
        return tuple(text.one_line(m.label) for m in found if m is not None)

    in_b = set(b.measures)
    in_a = set(a.measures)
    return MeasureOverlap(
        shared=labels(tuple(m for m in a.measures if m in in_b)),
        only_a=labels(tuple(m for m in a.measures if m not in in_b)),
        only_b=labels(tuple(m for m in b.measures if m not in in_a)),
    )


def compare_trials(dataset: model.Dataset, a: model.Trial, b: model.Trial) -> Comparison:
    rows = tuple(
        Row(key, label, show(dataset, a), show(dataset, b), _numeric_difference(key, a, b))
        for key, label, show in _ROWS
    )
    return Comparison(a, b, rows, measure_overlap(dataset, a, b), (text.citation(a), text.citation(b)))


def overlap_text(overlap: MeasureOverlap) -> str:
    def part(name: str, labels: tuple[str, ...]) -> str:
        return f"{name}: {', '.join(labels) if labels else 'none'}"

    return "; ".join(
        (part("shared", overlap.shared), part("only A", overlap.only_a), part("only B", overlap.only_b))
    )


def _sources_lines(trial: model.Trial) -> list[str]:
    lines = []
    for source in trial.sources:
        link = source.link
        line = text.source_line(source)
        if link and link not in line:
            line += f" <{text.clean(link)}>"
        lines.append(line)
    return lines


def markdown_cell(value: str) -> str:
    """A Markdown table cell: pipes escaped, line breaks folded, so the table cannot break."""
    return text.one_line(value).replace("\\", "\\\\").replace("|", "\\|")


def to_markdown(comparison: Comparison, hide_identical: bool = False) -> str:
    a, b = comparison.a, comparison.b
    head_a, head_b = markdown_cell(a.label), markdown_cell(b.label)
    lines = [
        f"# {head_a} vs {head_b}",
        "",
        f"| Field | A: {head_a} | B: {head_b} | |",
        "|---|---|---|---|",
    ]
    for row in comparison.visible_rows(hide_identical):
        mark = SAME_MARK if row.same else DIFFERS_MARK
        if row.difference:
            mark += f" {row.difference}"
        lines.append(f"| {markdown_cell(row.label)} | {markdown_cell(row.a)} | {markdown_cell(row.b)} | {mark} |")
    lines += ["", f"Measures — {markdown_cell(overlap_text(comparison.measures))}", "", "## Citations", ""]
    for name, trial, citation in (("A", a, comparison.citations[0]), ("B", b, comparison.citations[1])):
        lines.append(f"**{name}: {markdown_cell(trial.label)}**")
        lines.append("")
        lines += [f"- {markdown_cell(line)}" for line in citation.splitlines()]
        lines += [f"- {markdown_cell(line)}" for line in _sources_lines(trial)]
        lines.append("")
    lines.append(f"`{DIFFERS_MARK}` marks rows that differ; \"not reported\" on both sides counts as the same.")
    return "\n".join(lines)


def to_dict(comparison: Comparison) -> dict[str, Any]:
    overlap = comparison.measures
    return {
        "a": comparison.a.id,
        "b": comparison.b.id,
        "rows": [
            {
                "key": row.key,
                "label": row.label,
                "a": row.a,
                "b": row.b,
                "same": row.same,
                "difference": row.difference,
            }
            for row in comparison.rows
        ],
        "measures": {"shared": list(overlap.shared), "only_a": list(overlap.only_a), "only_b": list(overlap.only_b)},
        "citations": {"a": comparison.citations[0], "b": comparison.citations[1]},
    }


def to_text(comparison: Comparison, width: int = 100, hide_identical: bool = False) -> str:
    """Two wrapped, aligned columns for the terminal (plain text, pipes cleanly)."""
    label_width = 24
    column = max(16, (width - label_width - 6) // 2)
    a, b = comparison.a, comparison.b
    header = f"{'':{label_width}}  {text.one_line(a.label)[:column]:{column}}  {text.one_line(b.label)[:column]}"
    lines = [header.rstrip(), "-" * min(width, label_width + 2 * column + 6)]
    for row in comparison.visible_rows(hide_identical):
        left = textwrap.wrap(row.a, column) or [""]
        right = textwrap.wrap(row.b, column) or [""]
        if row.difference:
            right.append(f"({row.difference})")
        mark = " " if row.same else DIFFERS_MARK
        for i in range(max(len(left), len(right))):
            name = row.label if i == 0 else ""
            lhs = left[i] if i < len(left) else ""
            rhs = right[i] if i < len(right) else ""
            lines.append(f"{mark if i == 0 else ' '} {name:{label_width - 2}}  {lhs:{column}}  {rhs}".rstrip())
    lines += ["", "Measures: " + overlap_text(comparison.measures), "", "Citations"]
    for name, citation in zip("AB", comparison.citations):
        first, *rest = citation.splitlines()
        lines.append(f"  {name}: {first}")
        lines += [f"     {line}" for line in rest]
    lines.append(f"\n{DIFFERS_MARK} marks rows that differ.")
    return "\n".join(lines)
