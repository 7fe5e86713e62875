"""Flat records of the landscape's views as CSV and Markdown (JSON is `export.to_json` of the same records)."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

from .. import compare, export, text
from .matrix import Matrix, cell_text


def records_csv(records: Sequence[dict[str, Any]]) -> str:
    """One row per record, the keys of the first as columns; lists joined with '; ', cells made inert."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    if not records:
        return ""
    columns = list(records[0])
    writer.writerow(columns)
    for record in records:
        row = []
        for key in columns:
            value = record.get(key)
            if isinstance(value, (list, tuple)):
                value = "; ".join(str(v) for v in value)
            row.append(export.csv_cell(value))
        writer.writerow(row)
    return buffer.getvalue()


def matrix_csv_records(matrix: Matrix) -> list[dict[str, Any]]:
    """One record per trial in a cell: intervention, measure, trial and its result on the measure."""
    found = []
    for group in matrix.groups:
        for row in group.rows:
            for column in matrix.columns:
                cell = row.cells.get(column.measure.id)
                for entry in cell.entries if cell else ():
                    found.append(
                        {
                            "intervention": row.intervention.id,
                            "mechanism": group.key,
                            "highest_phase": row.highest_phase,
                            "measure": column.measure.id,
                            "category": column.category,
                            "trial": entry.trial.id,
                            "trial_label": entry.trial.label,
                            "result_on_measure": entry.result,
                            "primary_outcome_met": entry.trial.verdict,
                        }
                    )
    return found


def matrix_markdown(matrix: Matrix) -> str:
    """The matrix as a Markdown table: an intervention per row (its group, highest phase and best result),
    a measure per column, the markers of its trials in each cell."""
    heads = ["Mechanism", "Intervention", "Highest phase", "Best result", *(c.label for c in matrix.columns)]
    lines = [
        "| " + " | ".join(compare.markdown_cell(h) for h in heads) + " |",
        "| " + " | ".join("---" for _ in heads) + " |",
    ]
    for group in matrix.groups:
        for row in group.rows:
            cells = [
                group.title,
                row.intervention.name,
                text.phase(row.highest_phase),
                text.verdict(row.evidence),
                *(cell_text(row.cell(c.measure.id), 99) for c in matrix.columns),
            ]
            lines.append("| " + " | ".join(compare.markdown_cell(c) for c in cells) + " |")
    return "\n".join(lines)
