"""Side-by-side comparison of two trials: which rows, which differ, and the exports of the result.

The screen, the CLI (`mstrials-tui compare`) and the exports all use `compare_trials`, so they always
agree on what is the same and what differs. Values are compared as displayed: "not reported" on both
sides counts as the same.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from typing import Any

from . import fields, model, text

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


def _comparable(field: fields.TrialField, a: model.Trial, b: model.Trial) -> bool:
    """Numbers are subtracted only where the difference means something: enrolment counts of the same
    kind (randomised vs randomised, not randomised vs planned)."""
    if field.key == "enrolment":
        head_a, head_b = a.enrolment.headline, b.enrolment.headline
        return head_a is not None and head_b is not None and head_a[0] == head_b[0]
    return True


def _row(dataset: model.Dataset, field: fields.TrialField, a: model.Trial, b: model.Trial) -> Row:
    difference = None
    if field.difference is not None and _comparable(field, a, b):
        difference = _difference(field.difference(a), field.difference(b), field.difference_unit)
    return Row(field.key, field.label, field.show(dataset, a), field.show(dataset, b), difference)


ROW_KEYS = tuple(f.key for f in fields.COMPARED)


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
    rows = tuple(_row(dataset, field, a, b) for field in fields.COMPARED)
    return Comparison(a, b, rows, measure_overlap(dataset, a, b), (text.citation(a), text.citation(b)))


def overlap_text(overlap: MeasureOverlap) -> str:
    def part(name: str, labels: tuple[str, ...]) -> str:
        return f"{name}: {', '.join(labels) if labels else 'none'}"

    return "; ".join((part("shared", overlap.shared), part("only A", overlap.only_a), part("only B", overlap.only_b)))


def _sources_lines(trial: model.Trial) -> list[str]:
    return [text.source_with_links(source) for source in trial.sources]


def markdown_cell(value: str) -> str:
    """A Markdown table cell: pipes escaped, line breaks folded, so the table cannot break."""
    return text.one_line(value).replace("\\", "\\\\").replace("|", "\\|")


def to_markdown(comparison: Comparison, hide_identical: bool = False) -> str:
    a, b = comparison.a, comparison.b
    head_a, head_b = markdown_cell(a.label), markdown_cell(b.label)
    lines = [
        f"# {head_a} vs {head_b}",
        "",
        f"| Field | A: {head_a} | B: {head_b} | Differs |",
        "|---|---|---|---|",
    ]
    for row in comparison.visible_rows(hide_identical):
        mark = SAME_MARK if row.same else DIFFERS_MARK
        if row.difference:
            mark += f" {row.difference}"
        lines.append(f"| {markdown_cell(row.label)} | {markdown_cell(row.a)} | {markdown_cell(row.b)} | {mark} |")
    hidden = len(comparison.rows) - len(comparison.visible_rows(hide_identical))
    if hidden:
        lines += ["", f"{hidden} rows where both trials have the same value are left out."]
    lines += ["", f"Measures — {markdown_cell(overlap_text(comparison.measures))}", "", "## Citations", ""]
    for name, trial, citation in (("A", a, comparison.citations[0]), ("B", b, comparison.citations[1])):
        lines.append(f"**{name}: {markdown_cell(trial.label)}**")
        lines.append("")
        lines += [f"- {markdown_cell(line)}" for line in citation.splitlines()]
        lines += [f"- {markdown_cell(line)}" for line in _sources_lines(trial)]
        lines.append("")
    lines.append(f'`{DIFFERS_MARK}` marks rows that differ; "not reported" on both sides counts as the same.')
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
    for name, citation in zip("AB", comparison.citations, strict=True):
        first, *rest = citation.splitlines()
        lines.append(f"  {name}: {first}")
        lines += [f"     {line}" for line in rest]
    lines.append(f"\n{DIFFERS_MARK} marks rows that differ.")
    return "\n".join(lines)
