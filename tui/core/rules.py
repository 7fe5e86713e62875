"""Rules across the fields of a trial and across records: references that must exist, counts that must add
up, dates in order. Each rule returns (path within the trial, message) pairs; the loader locates them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from . import vocab
from .problems import Path

Found = Iterator[tuple[Path, str]]


@dataclass
class Known:
    """The ids a trial may refer to."""

    interventions: set[str] = field(default_factory=set)
    measures: set[str] = field(default_factory=set)
    trials: set[str] = field(default_factory=set)


def _indexed(values: list[Any] | None) -> list[tuple[int, Any]]:
    """(index in the file, value) of the valid items of a checked list."""
    return [(i, v) for i, v in enumerate(values or []) if v is not None]


def trial_problems(clean: dict[str, Any], known: Known, registry_owner: dict[str, str]) -> Found:
    """Every cross-field and cross-record problem of one checked trial.

    A broken record (one with schema problems) has only its valid fields; missing ones are skipped."""
    broken = clean.get("_broken", False)
    if not clean.get("intervention_ids") and not broken:
        yield ("intervention_ids",), "a trial needs at least one intervention id"
    for index, iid in _indexed(clean.get("intervention_ids")):
        if iid not in known.interventions:
            yield ("intervention_ids", index), f"unknown intervention '{iid}'"
    for index, mid in _indexed(clean.get("measures")):
        if mid not in known.measures:
            yield ("measures", index), f"unknown measure '{mid}'"
    for index, rid in _indexed(clean.get("registry_ids")):
        owner = registry_owner.setdefault(rid.upper(), clean.get("id", ""))
        if owner != clean.get("id"):
            yield ("registry_ids", index), f"registry id {rid} is already used by trial '{owner}'"
    yield from _arms(clean, known)
    yield from _outcomes(clean)
    yield from _related(clean, known)
    yield from _dates(clean)
    status, why = clean.get("status"), clean.get("why_stopped")
    if why is not None and status is not None and status not in vocab.STOPPED_STATUSES:
        stopped = ", ".join(sorted(vocab.STOPPED_STATUSES))
        yield ("why_stopped",), f"only a stopped trial ({stopped}) has a reason for stopping; status is '{status}'"


def _arms(clean: dict[str, Any], known: Known) -> Found:
    labels: set[str] = set()
    total = 0
    for index, arm in _indexed(clean.get("arms")):
        label = arm.get("label")
        if label in labels:
            yield ("arms", index, "label"), f"two arms are labelled '{label}'"
        labels.add(label)
        for position, iid in _indexed(arm.get("intervention_ids")):
            if iid not in known.interventions:
                yield ("arms", index, "intervention_ids", position), f"unknown intervention '{iid}'"
        total += arm.get("n_randomised") or 0
    enrolment = clean.get("enrolment") or {}
    ceiling = enrolment.get("randomised")
    kind = "randomised"
    if ceiling is None:
        ceiling, kind = enrolment.get("enrolled"), "enrolled"
    if ceiling is not None and total > ceiling:
        yield ("arms",), f"the arms add up to {total:,} participants, more than the {ceiling:,} {kind}"
    counts = {k: enrolment.get(k) for k in ("enrolled", "randomised", "analysed")}
    if (
        counts["randomised"] is not None
        and counts["enrolled"] is not None
        and counts["randomised"] > counts["enrolled"]
    ):
        yield ("enrolment", "randomised"), "more participants randomised than enrolled"


def _outcomes(clean: dict[str, Any]) -> Found:
    measures = set(clean.get("measures") or [])
    for index, outcome in _indexed(clean.get("outcomes")):
        measure = outcome.get("measure")
        if measure is not None and "measures" in clean and measure not in measures:
            yield ("outcomes", index, "measure"), f"measure '{measure}' is not in the trial's measures list"


def _related(clean: dict[str, Any], known: Known) -> Found:
    for index, link in _indexed(clean.get("related")):
        other = link.get("trial")
        if other == clean.get("id"):
            yield ("related", index, "trial"), "a trial cannot be related to itself"
        elif other is not None and other not in known.trials:
            yield ("related", index, "trial"), f"unknown trial '{other}'"


def _dates(clean: dict[str, Any]) -> Found:
    dates = clean.get("dates") or {}
    start = dates.get("start")
    for kind in ("primary_completion", "completion", "results_posted", "published"):
        day = dates.get(kind)
        if start is not None and day is not None and day.year < start.year:
            label = vocab.DATE_KIND.label(kind).lower()
            yield ("dates", kind), f"{label} {day} is before the start {start}"
    primary, completion = dates.get("primary_completion"), dates.get("completion")
    if primary is not None and completion is not None and completion.year < primary.year:
        yield ("dates", "completion"), f"completion {completion} is before the primary completion {primary}"
