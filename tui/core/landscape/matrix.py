"""The evidence matrix: interventions (rows, grouped by mechanism) × measures (columns, grouped by category).

A cell holds the trials that tested that intervention with that measure, each with its result *on that
measure*: all its outcomes on the measure met → ✓, none → ✗, some → ±; none reported → … while the trial
runs, ? after. A row carries the intervention's highest phase reached (over the whole dataset, as the
`maxphase:` filter reads it) and its best primary-outcome verdict over the trials shown (✓ when any met).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from .. import text, vocab
from ..model import Dataset, Intervention, Measure, Outcome, Trial

ORDERS = ("phase", "evidence", "name")
ORDER_TITLES = {"phase": "highest phase", "evidence": "evidence", "name": "name"}
DEFAULT_ORDER = "phase"
# Results from best to worst: the order of markers in a cell and of rows sorted by evidence.
RESULT_ORDER = ("yes", "mixed", "no", "ongoing", "not_reported")
# A row's evidence: a trial still running leaves the question more open than one that failed.
EVIDENCE_ORDER = ("yes", "mixed", "ongoing", "no", "not_reported")
EMPTY_CELL = "·"
SHORT_CATEGORIES = {
    "mri": "MRI",
    "pet": "PET",
    "electrophysiology": "Evoked",
    "retinal_imaging": "Retina",
    "visual_function": "Vision",
    "clinical_scale": "Clinical",
    "other": "Other",
}


def measure_result(trial: Trial, measure_id: str) -> tuple[str, tuple[Outcome, ...]]:
    """A trial's result on one measure (a `vocab.VERDICT` key) and its outcomes on that measure."""
    outcomes = tuple(o for o in trial.outcomes if o.measure == measure_id)
    verdicts = {o.met for o in outcomes} - {"not_applicable", "not_reported"}
    if verdicts == {"yes"}:
        return "yes", outcomes
    if verdicts == {"no"}:
        return "no", outcomes
    if verdicts:
        return "mixed", outcomes
    return ("ongoing" if trial.ongoing else "not_reported"), outcomes


def _rank(order: tuple[str, ...], key: str) -> int:
    return order.index(key) if key in order else len(order)


@dataclass(frozen=True, slots=True)
class CellEntry:
    """One trial in a cell: its result on the cell's measure, and the outcomes that result comes from."""

    trial: Trial
    result: str
    outcomes: tuple[Outcome, ...]


@dataclass(frozen=True, slots=True)
class Cell:
    intervention_id: str
    measure_id: str
    entries: tuple[CellEntry, ...]  # best result first

    @property
    def markers(self) -> str:
        return "".join(text.marker(e.result) for e in self.entries)

    def counts(self) -> dict[str, int]:
        """{result: trials}, best result first."""
        found: dict[str, int] = {}
        for entry in self.entries:
            found[entry.result] = found.get(entry.result, 0) + 1
        return found


@dataclass(frozen=True, slots=True)
class MatrixRow:
    intervention: Intervention
    highest_phase: str | None
    evidence: str  # the best primary-outcome verdict of its trials shown (`EVIDENCE_ORDER`)
    trials: tuple[Trial, ...]
    cells: Mapping[str, Cell]  # by measure id; only cells with trials

    @property
    def met(self) -> int:
        return sum(1 for t in self.trials if t.verdict == "yes")

    def cell(self, measure_id: str) -> Cell:
        return self.cells.get(measure_id) or Cell(self.intervention.id, measure_id, ())


@dataclass(frozen=True, slots=True)
class MatrixGroup:
    key: str  # mechanism group
    title: str
    rows: tuple[MatrixRow, ...]


@dataclass(frozen=True, slots=True)
class MatrixColumn:
    measure: Measure
    category: str

    @property
    def label(self) -> str:
        return text.one_line(self.measure.label)

    @property
    def category_title(self) -> str:
        return vocab.MEASURE_CATEGORY.label(self.category)

    @property
    def short_category(self) -> str:
        """The category in at most eight letters, for the matrix's column heads."""
        return SHORT_CATEGORIES.get(self.category, self.category_title)


@dataclass(frozen=True, slots=True)
class Matrix:
    groups: tuple[MatrixGroup, ...]
    columns: tuple[MatrixColumn, ...]
    order: str

    @property
    def rows(self) -> tuple[MatrixRow, ...]:
        return tuple(row for group in self.groups for row in group.rows)


def _row(dataset: Dataset, intervention: Intervention, trials: tuple[Trial, ...]) -> MatrixRow:
    cells: dict[str, list[CellEntry]] = {}
    for trial in trials:
        measure_ids = dict.fromkeys((*trial.measures, *(o.measure for o in trial.outcomes if o.measure)))
        for measure_id in measure_ids:
            result, outcomes = measure_result(trial, measure_id)
            cells.setdefault(measure_id, []).append(CellEntry(trial, result, outcomes))
    evidence = min((t.verdict for t in trials), key=lambda v: _rank(EVIDENCE_ORDER, v), default="not_reported")
    return MatrixRow(
        intervention=intervention,
        highest_phase=dataset.highest_phase(intervention),
        evidence=evidence,
        trials=trials,
        cells={
            measure_id: Cell(
                intervention.id, measure_id, tuple(sorted(entries, key=lambda e: _rank(RESULT_ORDER, e.result)))
            )
            for measure_id, entries in cells.items()
        },
    )


def _phase_level(row: MatrixRow) -> float:
    return vocab.PHASE_LEVEL.get(row.highest_phase or "", -1.0)


def row_sort_key(order: str) -> Any:
    """The key that orders rows within a mechanism group (ties by name)."""
    if order == "phase":
        return lambda r: (-_phase_level(r), -vocab.PHASE.rank(r.highest_phase), r.intervention.name.casefold())
    if order == "evidence":
        return lambda r: (_rank(EVIDENCE_ORDER, r.evidence), -r.met, -len(r.trials), r.intervention.name.casefold())
    if order == "name":
        return lambda r: r.intervention.name.casefold()
    raise ValueError(f"unknown order {order!r}: one of {', '.join(ORDERS)}")


def evidence_matrix(
    dataset: Dataset,
    trials: Iterable[Trial] | None = None,
    order: str = DEFAULT_ORDER,
    interventions: Collection[str] | None = None,
) -> Matrix:
    """The matrix of `trials` (all by default): the interventions that have one of them (only those in
    `interventions` when given), and the measures their trials used."""
    shown = tuple(dataset.trials if trials is None else trials)
    shown_ids = {t.id for t in shown}
    key = row_sort_key(order)
    groups: dict[str, list[MatrixRow]] = {}
    for intervention in dataset.interventions:
        if interventions is not None and intervention.id not in interventions:
            continue
        own = tuple(t for t in dataset.trials_of_intervention.get(intervention.id, ()) if t.id in shown_ids)
        if own:
            groups.setdefault(intervention.mechanism_group, []).append(_row(dataset, intervention, own))
    used = {measure_id for rows in groups.values() for row in rows for measure_id in row.cells}
    positions = {m.id: n for n, m in enumerate(dataset.measures)}
    measures = sorted(
        (m for m in dataset.measures if m.id in used),
        key=lambda m: (vocab.MEASURE_CATEGORY.rank(m.category), positions[m.id]),
    )
    return Matrix(
        groups=tuple(
            MatrixGroup(group, vocab.MECHANISM_GROUP.label(group), tuple(sorted(rows, key=key)))
            for group, rows in sorted(groups.items(), key=lambda item: vocab.MECHANISM_GROUP.rank(item[0]))
        ),
        columns=tuple(MatrixColumn(m, m.category) for m in measures),
        order=order,
    )


def next_order(order: str, step: int = 1) -> str:
    index = ORDERS.index(order) if order in ORDERS else 0
    return ORDERS[(index + step) % len(ORDERS)]


def cell_text(cell: Cell, width: int) -> str:
    """The cell's markers in at most `width` cells ('✓✓✗', '✓✓+3' when more trials than room, '·' empty)."""
    markers = cell.markers
    if not markers:
        return EMPTY_CELL
    if len(markers) <= width:
        return markers
    for shown in range(width - 2, -1, -1):
        more = f"+{len(markers) - shown}"
        if shown + len(more) <= width:
            return markers[:shown] + more
    return markers[:width]


def cell_summary(cell: Cell) -> str:
    """'3 trials: ✓ 1 met, ✗ 2 not met'; 'no trial' for an empty cell."""
    if not cell.entries:
        return "no trial"
    parts = [f"{text.marker(result)} {count} {vocab.VERDICT.label(result)}" for result, count in cell.counts().items()]
    return f"{text.count(len(cell.entries), 'trial')}: {', '.join(parts)}"


def row_marker(row: MatrixRow) -> str:
    return text.marker(row.evidence)


def matrix_records(matrix: Matrix) -> list[dict[str, Any]]:
    """One object per intervention × measure cell that has trials, with each trial's result (for JSON)."""
    records = []
    for group in matrix.groups:
        for row in group.rows:
            for column in matrix.columns:
                cell = row.cells.get(column.measure.id)
                if cell is None:
                    continue
                records.append(
                    {
                        "intervention": row.intervention.id,
                        "intervention_name": row.intervention.name,
                        "mechanism": group.key,
                        "highest_phase": row.highest_phase,
                        "measure": column.measure.id,
                        "measure_label": column.measure.label,
                        "category": column.category,
                        "trials": [
                            {
                                "id": entry.trial.id,
                                "label": entry.trial.label,
                                "phase": entry.trial.phase,
                                "result_on_measure": entry.result,
                                "marker": text.marker(entry.result),
                                "primary_outcome_met": entry.trial.verdict,
                                "outcomes": [
                                    {
                                        "kind": o.kind,
                                        "description": o.description,
                                        "time_point": o.time_point,
                                        "met": o.met,
                                    }
                                    for o in entry.outcomes
                                ],
                            }
                            for entry in cell.entries
                        ],
                    }
                )
    return records
