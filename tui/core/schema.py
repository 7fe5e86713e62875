"""The shape of each record kind, and the checks that turn raw YAML values into clean ones.

A schema is a dict of field name -> `Field`. `check_record` walks a raw mapping, reports every problem
(missing, unknown with a "did you mean" hint, wrong type, value outside its allowed set, bad format) and
returns the cleaned values. It never raises for bad data.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass
from typing import Any, Callable

from . import model
from .problems import Path
from .yamlsource import describe_type

MIN_YEAR = 1950
MAX_YEAR = 2100
MAX_ENROLLMENT = 1_000_000
MAX_TEXT = 20_000
URL_PATTERN = re.compile(r"^https?://[^\s/]+\S*$")


@dataclass(frozen=True, slots=True)
class Issue:
    """A problem before it is located in a file: where in the record, and what."""

    path: Path
    message: str
    at_key: bool = False  # point at the key (unknown field) rather than at the value


@dataclass(frozen=True, slots=True)
class Field:
    kind: str  # text | int | bool | date | texts | record | records
    required: bool = True
    nullable: bool = True
    choices: tuple[str, ...] | None = None
    check: Callable[[Any], str | None] | None = None
    schema: dict[str, Field] | None = None
    minimum: int | None = None
    maximum: int | None = None
    rule: Callable[[dict[str, Any]], str | None] | None = None  # a check across fields of each record


def _check_doi(value: str) -> str | None:
    return None if model.DOI_PATTERN.match(value) else "malformed DOI: expected 10.NNNN/suffix"


def _check_pmid(value: str) -> str | None:
    return None if model.PMID_PATTERN.match(value) else "malformed PMID: expected 1 to 9 digits"


def _check_url(value: str) -> str | None:
    # Links are opened in a browser from the app, so only web addresses (no file:, javascript:, ...).
    if URL_PATTERN.match(value):
        return None
    return "malformed URL: expected a web address starting with https:// or http://, without spaces"


def _check_id(value: str) -> str | None:
    if model.ID_PATTERN.match(value):
        return None
    return "malformed id: use lowercase letters and digits joined by single hyphens or underscores (e.g. ccmr-one)"


def _check_registry_id(value: str) -> str | None:
    if model.registry_name(value):
        return None
    return f"malformed registry id {value!r}: expected one of {model.REGISTRY_FORMAT_HELP}"


def _check_duration(value: str) -> str | None:
    if model.Duration.parse(value):
        return None
    return "malformed duration: expected '<number> days|weeks|months|years', e.g. '24 weeks'"


def _check_source_link(source: dict[str, Any]) -> str | None:
    if any(source.get(key) for key in ("url", "doi", "pmid")):
        return None
    return "a source needs at least one of url, doi or pmid"


SOURCE = {
    "kind": Field("text", nullable=False, choices=model.SOURCE_KINDS),
    "backs": Field("text", nullable=False),
    "title": Field("text", required=False),
    "url": Field("text", required=False, check=_check_url),
    "doi": Field("text", required=False, check=_check_doi),
    "pmid": Field("text", required=False, check=_check_pmid),
}
PUBLICATION = {
    "citation": Field("text", nullable=False),
    "doi": Field("text", required=False, check=_check_doi),
    "pmid": Field("text", required=False, check=_check_pmid),
    "url": Field("text", required=False, check=_check_url),
}
DESIGN = {
    "randomised": Field("bool"),
    "blinding": Field("text", choices=model.BLINDING),
    "allocation": Field("text", choices=model.ALLOCATION),
    "placebo_controlled": Field("bool"),
}
POPULATION = {
    "conditions": Field("texts", choices=model.CONDITIONS),
    "description": Field("text"),
    "background_therapy": Field("text"),
}
SOURCES = Field("records", schema=SOURCE, nullable=False, rule=_check_source_link)

MEASURE = {
    "id": Field("text", nullable=False, check=_check_id),
    "name": Field("text", nullable=False),
    "abbreviation": Field("text"),
    "aliases": Field("texts", nullable=False),
    "category": Field("text", nullable=False, choices=model.MEASURE_CATEGORIES),
    "what_it_measures": Field("text"),
    "myelin_specificity": Field("text", choices=model.MYELIN_SPECIFICITY),
    "specificity_note": Field("text"),
    "caveats": Field("text"),
    "sources": SOURCES,
    "last_reviewed": Field("date"),
}
INTERVENTION = {
    "id": Field("text", nullable=False, check=_check_id),
    "name": Field("text", nullable=False),
    "aliases": Field("texts", nullable=False),
    "kind": Field("text", nullable=False, choices=model.INTERVENTION_KINDS),
    "mechanism_group": Field("text", nullable=False, choices=model.MECHANISM_GROUPS),
    "mechanism": Field("text"),
    "target": Field("text"),
    "approvals": Field("text"),
    "summary": Field("text"),
    "sources": SOURCES,
    "last_reviewed": Field("date"),
}
TRIAL = {
    "id": Field("text", nullable=False, check=_check_id),
    "acronym": Field("text"),
    "title": Field("text", nullable=False),
    "registry_ids": Field("texts", nullable=False, check=_check_registry_id),
    "intervention_ids": Field("texts", nullable=False),
    "comparator": Field("text"),
    "phase": Field("text", choices=model.PHASES),
    "design": Field("record", nullable=False, schema=DESIGN),
    "population": Field("record", nullable=False, schema=POPULATION),
    "enrollment": Field("int", minimum=0, maximum=MAX_ENROLLMENT),
    "enrollment_basis": Field("text", choices=model.ENROLLMENT_BASIS),
    "treatment_duration": Field("text", check=_check_duration),
    "primary_outcome": Field("text"),
    "primary_outcome_met": Field("text", nullable=False, choices=model.OUTCOME_MET),
    "result_summary": Field("text"),
    "measures": Field("texts", nullable=False),
    "safety_summary": Field("text"),
    "status": Field("text", nullable=False, choices=model.STATUSES),
    "start_year": Field("int", minimum=MIN_YEAR, maximum=MAX_YEAR),
    "end_year": Field("int", minimum=MIN_YEAR, maximum=MAX_YEAR),
    "sponsor": Field("text"),
    "countries": Field("texts", nullable=False),
    "sites": Field("int", minimum=0, maximum=100_000),
    "publications": Field("records", nullable=False, schema=PUBLICATION),
    "sources": SOURCES,
    "notes": Field("text", required=False),
    "last_reviewed": Field("date"),
}
DATASET_INFO = {
    "name": Field("text", nullable=False),
    "version": Field("text", nullable=False),
    "last_reviewed": Field("date", nullable=False),
    "description": Field("text", required=False),
    "references": Field("records", required=False, schema=SOURCE, rule=_check_source_link),
}

# Fields where an unquoted YAML value has an obvious intended text: `phase: 2`, `pmid: 123`, `met: yes`.
_NUMBER_AS_TEXT = {"phase", "pmid", "version"}
_BOOL_AS_TEXT = {"primary_outcome_met"}


def check_record(raw: Any, schema: dict[str, Field], path: Path, issues: list[Issue]) -> dict[str, Any]:
    """Cleaned values of a raw mapping; every problem found is appended to `issues`."""
    if not isinstance(raw, dict):
        issues.append(Issue(path, f"expected a mapping of fields, got {describe_type(raw)}"))
        return {}
    clean: dict[str, Any] = {}
    for key in raw:
        if key not in schema:
            hint = difflib.get_close_matches(key, list(schema), n=1, cutoff=0.6)
            suffix = f"; did you mean '{hint[0]}'?" if hint else ""
            issues.append(Issue((*path, key), f"unknown field '{key}'{suffix}", at_key=True))
    for name, spec in schema.items():
        if name not in raw:
            if spec.required:
                issues.append(Issue(path, f"missing required field '{name}'"))
            continue
        clean[name] = _check_value(raw[name], spec, (*path, name), name, issues)
    return clean


def _check_value(value: Any, spec: Field, path: Path, name: str, issues: list[Issue]) -> Any:
    if value is None:
        if spec.nullable and spec.kind not in ("texts", "records"):
            return None
        if spec.kind in ("texts", "records"):
            issues.append(Issue(path, "expected a list (use [] when empty), got null"))
        else:
            issues.append(Issue(path, "must not be null"))
        return None
    if spec.kind == "text":
        return _check_text(value, spec, path, name, issues)
    if spec.kind == "int":
        return _check_int(value, spec, path, issues)
    if spec.kind == "bool":
        if isinstance(value, bool):
            return value
        issues.append(Issue(path, f"expected true, false or null, got {describe_type(value)}"))
        return None
    if spec.kind == "date":
        return _check_date(value, path, issues)
    if spec.kind == "record":
        assert spec.schema is not None
        return check_record(value, spec.schema, path, issues)
    if not isinstance(value, list):
        issues.append(Issue(path, f"expected a list, got {describe_type(value)}"))
        return []
    if spec.kind == "records":
        assert spec.schema is not None
        records = []
        for i, item in enumerate(value):
            before = len(issues)
            record = check_record(item, spec.schema, (*path, i), issues)
            message = spec.rule(record) if spec.rule and len(issues) == before else None
            if message:
                issues.append(Issue((*path, i), message))
            records.append(record)
        return records
    item_spec = Field("text", nullable=False, choices=spec.choices, check=spec.check)
    # Invalid items stay as None so that later checks report the remaining items at their own index;
    # a record with an invalid item has an issue, so it is never built.
    return [_check_value(item, item_spec, (*path, i), name, issues) for i, item in enumerate(value)]


def _check_text(value: Any, spec: Field, path: Path, name: str, issues: list[Issue]) -> str | None:
    if isinstance(value, bool) and name in _BOOL_AS_TEXT:
        value = "yes" if value else "no"
    elif isinstance(value, (int, float)) and not isinstance(value, bool) and name in _NUMBER_AS_TEXT:
        value = f"{value:g}" if isinstance(value, float) else str(value)
    if not isinstance(value, str):
        issues.append(Issue(path, f"expected text, got {describe_type(value)}"))
        return None
    text = value.strip()
    if not text:
        issues.append(Issue(path, "must not be empty (use null when unknown)"))
        return None
    if len(text) > MAX_TEXT:
        issues.append(Issue(path, f"text is {len(text)} characters, over the {MAX_TEXT} limit"))
        return None
    if spec.choices is not None and text not in spec.choices:
        hint = difflib.get_close_matches(text, spec.choices, n=1, cutoff=0.6)
        suffix = f" (did you mean '{hint[0]}'?)" if hint else ""
        allowed = ", ".join(spec.choices)
        issues.append(Issue(path, f"'{text}' is not allowed{suffix}; allowed: {allowed}"))
        return None
    if spec.check is not None:
        message = spec.check(text)
        if message:
            issues.append(Issue(path, message))
            return None
    return text


def _check_int(value: Any, spec: Field, path: Path, issues: list[Issue]) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int):
        issues.append(Issue(path, f"expected a whole number, got {describe_type(value)}"))
        return None
    if spec.minimum is not None and value < spec.minimum:
        issues.append(Issue(path, f"{value} is below the minimum {spec.minimum}"))
        return None
    if spec.maximum is not None and value > spec.maximum:
        issues.append(Issue(path, f"{value} is above the maximum {spec.maximum}"))
        return None
    return value


def _check_date(value: Any, path: Path, issues: list[Issue]) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            issues.append(Issue(path, f"'{value.strip()[:40]}' is not a valid date: expected YYYY-MM-DD"))
            return None
    issues.append(Issue(path, f"expected a date YYYY-MM-DD, got {describe_type(value)}"))
    return None
