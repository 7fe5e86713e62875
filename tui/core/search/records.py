"""What the index reads of each record: its fields, each with a tier that says how much a match in it counts.

Trials are read through the field table (`core.fields`), so a new searchable field is one row there.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .. import fields, vocab
from ..fields import DESCRIPTOR, DETAIL, IDENTITY, PROSE, TITLE
from ..model import Dataset, Intervention, Measure, Record, Trial

# A trial found through the name of one of its interventions or measures.
VIA_INTERVENTION, VIA_MEASURE = 5, 6
TIER_WEIGHT = (1.0, 0.9, 0.8, 0.7, 0.55, 0.85, 0.8)
VIA_TIERS = frozenset({VIA_INTERVENTION, VIA_MEASURE})
__all__ = ["DESCRIPTOR", "DETAIL", "IDENTITY", "PROSE", "TITLE", "VIA_INTERVENTION", "VIA_MEASURE"]


@dataclass(frozen=True, slots=True)
class IndexedField:
    name: str
    tier: int
    text: str


def indexed(entries: Iterable[tuple[str, int, str | None]]) -> tuple[IndexedField, ...]:
    return tuple(IndexedField(name, tier, value) for name, tier, value in entries if value and value.strip())


def intervention_fields(intervention: Intervention) -> tuple[IndexedField, ...]:
    return indexed(
        [
            ("name", IDENTITY, intervention.name),
            *(("alias", IDENTITY, alias) for alias in intervention.aliases),
            ("id", DESCRIPTOR, intervention.id),
            ("target", DESCRIPTOR, intervention.target),
            ("kind", DESCRIPTOR, vocab.INTERVENTION_KIND.label(intervention.kind)),
            ("mechanism_group", DESCRIPTOR, vocab.MECHANISM_GROUP.label(intervention.mechanism_group)),
            ("mechanism", DETAIL, intervention.mechanism),
            ("summary", PROSE, intervention.summary),
            ("approvals", PROSE, intervention.approvals),
        ]
    )


def measure_fields(measure: Measure) -> tuple[IndexedField, ...]:
    return indexed(
        [
            ("abbreviation", IDENTITY, measure.abbreviation),
            ("name", IDENTITY, measure.name),
            *(("alias", IDENTITY, alias) for alias in measure.aliases),
            ("id", DESCRIPTOR, measure.id),
            ("category", DESCRIPTOR, vocab.MEASURE_CATEGORY.label(measure.category)),
            ("what_it_measures", PROSE, measure.what_it_measures),
            ("specificity_note", PROSE, measure.specificity_note),
            ("caveats", PROSE, measure.caveats),
        ]
    )


def trial_fields(trial: Trial) -> tuple[IndexedField, ...]:
    """The searched fields of the field table, each under its key ("acronym", "registry_ids", …)."""
    return indexed(
        (field.key, tier, value) for field in fields.SEARCHED for tier, texts in field.search for value in texts(trial)
    )


def linked_fields(dataset: Dataset, trial: Trial) -> tuple[IndexedField, ...]:
    """The names a trial can also be found by: those of its interventions and of its measures."""
    entries: list[tuple[str, int, str | None]] = []
    for intervention in dataset.interventions_of(trial):
        names = (intervention.name, *intervention.aliases, intervention.id)
        entries.extend(("intervention", VIA_INTERVENTION, name) for name in names)
    for measure in dataset.measures_of(trial):
        measure_names = (measure.abbreviation, measure.name, *measure.aliases, measure.id)
        entries.extend(("measure", VIA_MEASURE, name) for name in measure_names)
    return indexed(entries)


def hit_title(record: Record) -> str:
    if isinstance(record, Trial):
        # Many official titles already start with the acronym ("CCMR Two: A Phase IIa ..."): don't repeat it.
        if not record.acronym or record.title.casefold().startswith(record.acronym.casefold()):
            return record.title
        return f"{record.acronym} — {record.title}"
    if isinstance(record, Measure):
        return f"{record.abbreviation} — {record.name}" if record.abbreviation else record.name
    return record.name
