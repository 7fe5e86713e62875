"""The public export formats: JSON of the whole dataset or one record, and CSV with one row per trial.

The JSON shape is documented in data/README.md ("Export format"); `format_version` 2 is the evidence
model. JSON text is made inert for terminals (`safety.json_inert`), so `cat`-ing an export is safe.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict, is_dataclass
from dataclasses import fields as dataclass_fields
from datetime import date
from typing import Any

from . import fields, model, safety, text

EXPORT_FORMAT_VERSION = 2


def _jsonable(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (model.PartialDate, model.Duration)):
        return str(value)
    if isinstance(value, model.PValue):
        return {"relation": value.relation, "value": value.value}
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _jsonable(getattr(value, f.name)) for f in dataclass_fields(value)}
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return value


def trial_dict(trial: model.Trial) -> dict[str, Any]:
    raw: dict[str, Any] = _jsonable(trial)
    duration = trial.treatment_duration
    headline = trial.enrolment.headline
    raw.update(
        treatment_duration_weeks=round(duration.weeks, 2) if duration else None,
        enrolment_headline={"kind": headline[0], "count": headline[1]} if headline else None,
        primary_outcome_met=trial.verdict,
        start_year=trial.start_year,
        end_year=trial.end_year,
    )
    return raw


def intervention_dict(intervention: model.Intervention) -> dict[str, Any]:
    found: dict[str, Any] = _jsonable(asdict(intervention))
    return found


def measure_dict(measure: model.Measure) -> dict[str, Any]:
    found: dict[str, Any] = _jsonable(asdict(measure))
    return found


def record_dict(record: model.Record) -> dict[str, Any]:
    """One record with "kind" naming the record type (as in search results)."""
    if isinstance(record, model.Trial):
        return {"kind": "trial", **trial_dict(record)}
    if isinstance(record, model.Intervention):
        # The intervention's own `kind` (small_molecule, ...) would overwrite the record type, so it is
        # renamed here; the dataset export keeps it as `kind`.
        found = intervention_dict(record)
        found["intervention_kind"] = found.pop("kind")
        return {"kind": "intervention", **found}
    return {"kind": "measure", **measure_dict(record)}


def dataset_dict(dataset: model.Dataset) -> dict[str, Any]:
    return {
        "format_version": EXPORT_FORMAT_VERSION,
        "dataset": _jsonable(dataset.info),
        "interventions": [intervention_dict(i) for i in dataset.interventions],
        "trials": [trial_dict(t) for t in dataset.trials],
        "measures": [measure_dict(m) for m in dataset.measures],
    }


def to_json(data: Any) -> str:
    """Indented JSON, UTF-8 text with every character a terminal would act on written as a \\u escape."""
    return safety.json_inert(json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False))


CSV_COLUMNS = tuple(name for name, _ in fields.CSV_COLUMNS)


def csv_cell(value: Any) -> str:
    """A CSV cell that a spreadsheet will not run as a formula, on one line."""
    if value is None or value == text.NOT_REPORTED:
        return ""
    cell = text.one_line(str(value))
    if cell[:1] in ("=", "+", "-", "@"):
        cell = "'" + cell  # a leading apostrophe is the usual way to keep a cell inert
    return cell


def trials_csv(dataset: model.Dataset, trials: tuple[model.Trial, ...] | None = None) -> str:
    """One row per trial (all, or `trials`), the columns of the field table."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for trial in dataset.trials if trials is None else trials:
        writer.writerow([csv_cell(cell(dataset, trial)) for _, cell in fields.CSV_COLUMNS])
    return buffer.getvalue()
