"""The public export formats: JSON of the whole dataset or one record, and CSV with one row per trial.

The JSON shape is documented in data/README.md ("Export format") and kept stable: fields are only ever
added, never renamed or removed.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict
from datetime import date
from typing import Any

from . import model, text

EXPORT_FORMAT_VERSION = 1


def _jsonable(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return value


def trial_dict(trial: model.Trial) -> dict[str, Any]:
    raw = asdict(trial)
    duration = trial.treatment_duration
    raw["treatment_duration"] = str(duration) if duration else None
    raw["treatment_duration_weeks"] = round(duration.weeks, 2) if duration else None
    return _jsonable(raw)


def intervention_dict(intervention: model.Intervention) -> dict[str, Any]:
    return _jsonable(asdict(intervention))


def measure_dict(measure: model.Measure) -> dict[str, Any]:
    return _jsonable(asdict(measure))


def record_dict(record: model.Record) -> dict[str, Any]:
    """One record with "kind" naming the record type (as in search results)."""
    if isinstance(record, model.Trial):
        return {"kind": "trial", **trial_dict(record)}
    if isinstance(record, model.Intervention):
        # The intervention's own `kind` (small_molecule, ...) would overwrite the record type, so it is
        # renamed here; the dataset export keeps it as `kind`.
        fields = intervention_dict(record)
        fields["intervention_kind"] = fields.pop("kind")
        return {"kind": "intervention", **fields}
    return {"kind": "measure", **measure_dict(record)}


def dataset_dict(dataset: model.Dataset) -> dict[str, Any]:
    return {
        "format_version": EXPORT_FORMAT_VERSION,
        "dataset": _jsonable(asdict(dataset.info)),
        "interventions": [intervention_dict(i) for i in dataset.interventions],
        "trials": [trial_dict(t) for t in dataset.trials],
        "measures": [measure_dict(m) for m in dataset.measures],
    }


def to_json(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False)


CSV_COLUMNS = (
    "id",
    "acronym",
    "title",
    "registry_ids",
    "interventions",
    "phase",
    "enrollment",
    "enrollment_basis",
    "treatment_duration",
    "primary_outcome_met",
    "measures",
    "status",
    "start_year",
    "end_year",
    "sponsor",
    "countries",
    "dois",
    "pmids",
    "last_reviewed",
)


def csv_cell(value: Any) -> str:
    """A CSV cell that a spreadsheet will not run as a formula, on one line."""
    if value is None:
        return ""
    cell = text.one_line(str(value))
    if cell[:1] in ("=", "+", "-", "@"):
        cell = "'" + cell  # a leading apostrophe is the usual way to keep a cell inert
    return cell


def trials_csv(dataset: model.Dataset) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for trial in dataset.trials:
        row = (
            trial.id,
            trial.acronym,
            trial.title,
            "; ".join(trial.registry_ids),
            "; ".join(i.name for i in dataset.interventions_of(trial)),
            trial.phase,
            trial.enrollment,
            trial.enrollment_basis,
            str(trial.treatment_duration) if trial.treatment_duration else None,
            trial.primary_outcome_met,
            "; ".join(trial.measures),
            trial.status,
            trial.start_year,
            trial.end_year,
            trial.sponsor,
            "; ".join(trial.countries),
            "; ".join(p.doi for p in trial.publications if p.doi),
            "; ".join(p.pmid for p in trial.publications if p.pmid),
            trial.last_reviewed.isoformat() if trial.last_reviewed else None,
        )
        writer.writerow([csv_cell(v) for v in row])
    return buffer.getvalue()
