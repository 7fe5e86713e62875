"""The typed data model shared by the loader, search, compare, the CLI and the screens.

Records are frozen dataclasses: once loaded, the dataset cannot change under a screen's feet. Enumerated
values are plain strings (validated by the loader against `vocab`) so that JSON export is trivial. What can
be derived is derived here, once: a trial's verdict on its primary outcomes, its start and end years, its
headline enrolment count.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from . import links, vocab

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")
DURATION_PATTERN = re.compile(r"^(\d{1,4}(?:\.\d{1,2})?)\s+(day|week|month|year)s?$")
PARTIAL_DATE_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
MAX_DURATION_WEEKS = 52 * 50


@dataclass(frozen=True, slots=True)
class Source:
    """A document that backs facts of a record: what it is (registry record, paper…), how to cite it, where
    it was read if not at its canonical address, and which facts it backs."""

    kind: str
    backs: str
    title: str | None = None
    registry_id: str | None = None
    doi: str | None = None
    pmid: str | None = None
    url: str | None = None
    read_at: str | None = None

    @property
    def canonical_link(self) -> str | None:
        """The original: the registry's own page, the DOI, PubMed, else the URL given."""
        if self.registry_id:
            found = links.registry_url(self.registry_id)
            if found:
                return found
        if self.doi:
            return links.doi_url(self.doi)
        if self.pmid:
            return links.pubmed_url(self.pmid)
        return self.url

    @property
    def link(self) -> str | None:
        """The page `o` opens: the canonical link, else where it was read."""
        return self.canonical_link or self.read_at


@dataclass(frozen=True, slots=True)
class Publication:
    """A publication reporting a trial."""

    citation: str
    doi: str | None = None
    pmid: str | None = None
    url: str | None = None

    @property
    def link(self) -> str | None:
        if self.doi:
            return links.doi_url(self.doi)
        if self.pmid:
            return links.pubmed_url(self.pmid)
        return self.url


@dataclass(frozen=True, slots=True)
class Design:
    """How a trial was designed; every part may be unknown."""

    randomised: bool | None = None
    masking: str | None = None
    allocation: str | None = None
    placebo_controlled: bool | None = None


@dataclass(frozen=True, slots=True)
class Population:
    """Who took part."""

    conditions: tuple[str, ...] = ()
    description: str | None = None
    background_therapy: str | None = None


@dataclass(frozen=True, slots=True)
class Duration:
    """A duration as written ("24 weeks"), with a week count for comparisons."""

    value: float
    unit: str

    @classmethod
    def parse(cls, text: str) -> Duration | None:
        """The duration, or None if the text is not '<number> <unit>' within 50 years."""
        match = DURATION_PATTERN.match(text.strip())
        if match is None:
            return None
        duration = cls(float(match.group(1)), match.group(2))
        return duration if 0 < duration.weeks <= MAX_DURATION_WEEKS else None

    @property
    def weeks(self) -> float:
        return self.value * vocab.DURATION_UNIT_WEEKS[self.unit]

    def __str__(self) -> str:
        plural = "" if self.value == 1 else "s"
        return f"{self.value:g} {self.unit}{plural}"


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date known to the year, month or day ("2014", "2014-01", "2014-01-31").

    Ordered by what is known: "2014" < "2014-01" < "2014-01-01" < "2014-02"."""

    year: int
    month: int | None = None
    day: int | None = None

    def _key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)

    def __lt__(self, other: PartialDate) -> bool:
        return self._key() < other._key()

    def __le__(self, other: PartialDate) -> bool:
        return self._key() <= other._key()

    def __gt__(self, other: PartialDate) -> bool:
        return self._key() > other._key()

    def __ge__(self, other: PartialDate) -> bool:
        return self._key() >= other._key()

    @classmethod
    def parse(cls, text: str) -> PartialDate | None:
        """The date, or None if the text is not a real YYYY, YYYY-MM or YYYY-MM-DD."""
        match = PARTIAL_DATE_PATTERN.match(text.strip())
        if match is None:
            return None
        year, month, day = (int(part) if part else None for part in match.groups())
        assert year is not None
        try:
            date(year, 1 if month is None else month, 1 if day is None else day)
        except ValueError:
            return None
        return cls(year, month, day)

    def __str__(self) -> str:
        parts = [f"{self.year:04d}"]
        if self.month is not None:
            parts.append(f"{self.month:02d}")
            if self.day is not None:
                parts.append(f"{self.day:02d}")
        return "-".join(parts)

    @property
    def fraction(self) -> float:
        """The date as a fractional year (mid-month or mid-year when less is known), for timelines."""
        if self.month is None:
            return self.year + 0.5
        day = self.day if self.day is not None else 15
        return self.year + (self.month - 1) / 12 + (day - 1) / 365


@dataclass(frozen=True, slots=True)
class Dates:
    """The milestones of a trial; any may be unknown."""

    registered: PartialDate | None = None
    start: PartialDate | None = None
    primary_completion: PartialDate | None = None
    completion: PartialDate | None = None
    results_posted: PartialDate | None = None
    published: PartialDate | None = None

    def known(self) -> tuple[tuple[str, PartialDate], ...]:
        """(kind, date) of the known dates, in the order of `vocab.DATE_KIND`."""
        found = ((kind, getattr(self, kind)) for kind in vocab.DATE_KIND.values)
        return tuple((kind, day) for kind, day in found if day is not None)

    @property
    def end(self) -> PartialDate | None:
        """The documented end of a trial: its completion, else its primary completion."""
        return self.completion or self.primary_completion


@dataclass(frozen=True, slots=True)
class Enrolment:
    """How many people a trial planned, enrolled, randomised and analysed."""

    planned: int | None = None
    enrolled: int | None = None
    randomised: int | None = None
    analysed: int | None = None

    def known(self) -> tuple[tuple[str, int], ...]:
        found = ((kind, getattr(self, kind)) for kind in vocab.ENROLMENT_KIND.values)
        return tuple((kind, count) for kind, count in found if count is not None)

    @property
    def headline(self) -> tuple[str, int] | None:
        """The most advanced count present (analysed, else randomised, enrolled, planned) and its kind."""
        known = self.known()
        return known[-1] if known else None

    @property
    def participants(self) -> int | None:
        """People who actually took part: randomised, else enrolled (planned and analysed are not that)."""
        return self.randomised if self.randomised is not None else self.enrolled


@dataclass(frozen=True, slots=True)
class Arm:
    """One group a trial assigned participants to."""

    label: str
    role: str
    intervention_ids: tuple[str, ...] = ()
    dose: str | None = None
    route: str | None = None
    schedule: str | None = None
    duration: Duration | None = None
    n_randomised: int | None = None


@dataclass(frozen=True, slots=True)
class PValue:
    """A p value as reported: exact ("= 0.0048") or a bound ("< 0.001")."""

    value: float
    relation: str = "="  # "=", "<", ">", "≤", "≥"

    def __str__(self) -> str:
        return f"p {self.relation} {self.value:g}"


@dataclass(frozen=True, slots=True)
class Effect:
    """A between-group estimate as reported, intervention minus (or over) comparator."""

    estimate_type: str
    estimate: float
    ci_low: float | None = None
    ci_high: float | None = None
    ci_level: float = 0.95
    p_value: PValue | None = None
    alpha: float | None = None
    unit: str | None = None
    favours: str | None = None  # "lower" | "higher": which side of no effect favours the intervention
    n_analysed: int | None = None

    @property
    def is_ratio(self) -> bool:
        return self.estimate_type in vocab.RATIO_ESTIMATES

    @property
    def no_effect(self) -> float:
        return 1.0 if self.is_ratio else 0.0


@dataclass(frozen=True, slots=True)
class Outcome:
    """A primary, secondary or exploratory endpoint and, where reported, its result."""

    kind: str
    description: str
    measure: str | None = None
    time_point: str | None = None
    population: str | None = None
    met: str = "not_reported"
    result: Effect | None = None
    estimate_note: str | None = None


@dataclass(frozen=True, slots=True)
class AdverseEvents:
    """Adverse events in one arm (or reported group): counts of participants."""

    group: str
    participants: int
    any: int | None = None
    serious: int | None = None
    discontinued: int | None = None
    deaths: int | None = None


@dataclass(frozen=True, slots=True)
class Related:
    """A link from one trial to another."""

    trial: str
    relation: str


@dataclass(frozen=True, slots=True)
class Measure:
    """An outcome technique (MTR, VEP, OCT, ...) explained for a newcomer."""

    id: str
    name: str
    abbreviation: str | None
    aliases: tuple[str, ...]
    category: str
    what_it_measures: str | None
    myelin_specificity: str | None
    specificity_note: str | None
    caveats: str | None
    sources: tuple[Source, ...]
    last_reviewed: date | None

    @property
    def label(self) -> str:
        return self.abbreviation or self.name


@dataclass(frozen=True, slots=True)
class Intervention:
    """A drug, antibody, cell product or device tested in one or more trials."""

    id: str
    name: str
    aliases: tuple[str, ...]
    kind: str
    mechanism_group: str
    mechanism: str | None
    target: str | None
    approvals: str | None
    summary: str | None
    sources: tuple[Source, ...]
    last_reviewed: date | None

    @property
    def label(self) -> str:
        return self.name


@dataclass(frozen=True, slots=True)
class Trial:
    """One clinical trial (or a myelin-sensitive substudy of one). The attributes are the trial fields of
    `fields.TRIAL_FIELDS`, in its order."""

    id: str
    acronym: str | None
    title: str
    registry_ids: tuple[str, ...]
    intervention_ids: tuple[str, ...]
    comparator: str | None
    phase: str | None
    design: Design
    population: Population
    arms: tuple[Arm, ...]
    enrolment: Enrolment
    treatment_duration: Duration | None
    dates: Dates
    why_stopped: str | None
    related: tuple[Related, ...]
    outcomes: tuple[Outcome, ...]
    result_summary: str | None
    measures: tuple[str, ...]
    adverse_events: tuple[AdverseEvents, ...]
    safety_summary: str | None
    status: str
    sponsor: str | None
    countries: tuple[str, ...]
    sites: int | None
    publications: tuple[Publication, ...]
    sources: tuple[Source, ...]
    last_reviewed: date | None
    notes: str | None = None
    draft: bool = False

    @property
    def label(self) -> str:
        """A short name: the acronym, else the first registry id, else the title."""
        if self.acronym:
            return self.acronym
        if self.registry_ids:
            return self.registry_ids[0]
        return self.title

    @property
    def primary_outcomes(self) -> tuple[Outcome, ...]:
        return tuple(o for o in self.outcomes if o.kind == "primary")

    @property
    def verdict(self) -> str:
        """Whether the primary outcome was met (`vocab.VERDICT`), derived from the primary outcomes:
        all met → yes, none met → no, some → mixed; nothing reported → ongoing for a running trial."""
        verdicts = {o.met for o in self.primary_outcomes} - {"not_applicable", "not_reported"}
        if verdicts == {"yes"}:
            return "yes"
        if verdicts == {"no"}:
            return "no"
        if verdicts:
            return "mixed"
        return "ongoing" if self.status in vocab.ONGOING_STATUSES else "not_reported"

    @property
    def start_year(self) -> int | None:
        """The year the trial started (`dates.start`)."""
        return self.dates.start.year if self.dates.start else None

    @property
    def end_year(self) -> int | None:
        """The year it ended (or is planned to): completion, else primary completion."""
        end = self.dates.end
        return end.year if end else None

    @property
    def ongoing(self) -> bool:
        return self.status in vocab.ONGOING_STATUSES


@dataclass(frozen=True, slots=True)
class DatasetInfo:
    """Metadata of the whole dataset."""

    name: str = "mstrials"
    version: str = "unversioned"
    last_reviewed: date | None = None
    description: str | None = None
    references: tuple[Source, ...] = ()


Record = Trial | Intervention | Measure


@dataclass(frozen=True, slots=True)
class Link:
    """A relation between two trials as read from one of them: 'extension of RENEW', 'extended by …'."""

    words: str
    trial: Trial


@dataclass(frozen=True)
class Dataset:
    """Everything loaded, with the indexes that screens, search and compare need."""

    info: DatasetInfo
    interventions: tuple[Intervention, ...]
    trials: tuple[Trial, ...]
    measures: tuple[Measure, ...]
    warnings: tuple[object, ...] = field(default=(), repr=False, compare=False)  # problems.Problem: files skipped
    # The key of the cache it was read through (`cache.py`), so that what is derived from it (the search
    # index) can be cached with it; None when it was loaded without the cache.
    cache_key: str | None = field(default=None, repr=False, compare=False)
    by_id: dict[str, Record] = field(init=False, repr=False, compare=False)
    by_registry_id: dict[str, Trial] = field(init=False, repr=False, compare=False)
    trials_of_intervention: dict[str, tuple[Trial, ...]] = field(init=False, repr=False, compare=False)
    trials_using_measure: dict[str, tuple[Trial, ...]] = field(init=False, repr=False, compare=False)
    links_of: dict[str, tuple[Link, ...]] = field(init=False, repr=False, compare=False)
    _lookup: dict[str, Record] = field(init=False, repr=False, compare=False)
    _ambiguous: dict[str, tuple[Record, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_id: dict[str, Record] = {}
        records: tuple[Record, ...] = (*self.interventions, *self.trials, *self.measures)
        for record in records:
            by_id.setdefault(record.id, record)
        by_registry = {rid.upper(): t for t in self.trials for rid in t.registry_ids}
        of_intervention: dict[str, list[Trial]] = {i.id: [] for i in self.interventions}
        using_measure: dict[str, list[Trial]] = {m.id: [] for m in self.measures}
        linked: dict[str, list[Link]] = {}
        for trial in self.trials:
            for iid in trial.intervention_ids:
                of_intervention.setdefault(iid, []).append(trial)
            for mid in trial.measures:
                using_measure.setdefault(mid, []).append(trial)
            for related in trial.related:
                other = by_id.get(related.trial)
                if isinstance(other, Trial):
                    linked.setdefault(trial.id, []).append(Link(vocab.RELATION.label(related.relation), other))
                    inverse = vocab.RELATION_INVERSE.get(related.relation, related.relation)
                    linked.setdefault(other.id, []).append(Link(inverse, trial))
        object.__setattr__(self, "by_id", by_id)
        object.__setattr__(self, "by_registry_id", by_registry)
        object.__setattr__(self, "trials_of_intervention", {k: tuple(v) for k, v in of_intervention.items()})
        object.__setattr__(self, "trials_using_measure", {k: tuple(v) for k, v in using_measure.items()})
        object.__setattr__(self, "links_of", {k: tuple(v) for k, v in linked.items()})
        self._index_names(by_id, by_registry)

    def _index_names(self, by_id: dict[str, Record], by_registry: dict[str, Trial]) -> None:
        """Names a record can be found by; a name two records share (an acronym, say) is ambiguous."""
        named: dict[str, dict[str, Record]] = {}

        def add(name: str | None, record: Record) -> None:
            if name:
                named.setdefault(name.strip().casefold(), {})[record.id] = record

        for trial in self.trials:
            add(trial.acronym, trial)
        for measure in self.measures:
            add(measure.abbreviation, measure)
        for intervention in self.interventions:
            add(intervention.name, intervention)
        lookup = {name: next(iter(found.values())) for name, found in named.items() if len(found) == 1}
        ambiguous = {name: tuple(found.values()) for name, found in named.items() if len(found) > 1}
        # Registry ids and slugs are unique, so they always win over a shared name.
        for rid, trial in by_registry.items():
            lookup[rid.casefold()] = trial
        for key, record in by_id.items():
            lookup[key.casefold()] = record
        object.__setattr__(self, "_lookup", lookup)
        object.__setattr__(self, "_ambiguous", {k: v for k, v in ambiguous.items() if k not in lookup})

    def find(self, reference: str) -> Record | None:
        """A record by slug, acronym, registry id, intervention name or measure abbreviation.

        Case-insensitive; surrounding spaces are ignored. None when nothing, or more than one record,
        has that name (see `candidates`)."""
        return self._lookup.get(reference.strip().casefold())

    def find_trial(self, reference: str) -> Trial | None:
        record = self.find(reference)
        return record if isinstance(record, Trial) else None

    def candidates(self, reference: str) -> tuple[Record, ...]:
        """The records a name could mean: one if it is unique, several if it is shared, else ()."""
        key = reference.strip().casefold()
        if key in self._lookup:
            return (self._lookup[key],)
        return self._ambiguous.get(key, ())

    def interventions_of(self, trial: Trial) -> tuple[Intervention, ...]:
        found = (self.by_id.get(iid) for iid in trial.intervention_ids)
        return tuple(i for i in found if isinstance(i, Intervention))

    def measures_of(self, trial: Trial) -> tuple[Measure, ...]:
        found = (self.by_id.get(mid) for mid in trial.measures)
        return tuple(m for m in found if isinstance(m, Measure))

    def intervention(self, intervention_id: str) -> Intervention | None:
        record = self.by_id.get(intervention_id)
        return record if isinstance(record, Intervention) else None

    def measure(self, measure_id: str) -> Measure | None:
        record = self.by_id.get(measure_id)
        return record if isinstance(record, Measure) else None

    def highest_phase(self, intervention: Intervention) -> str | None:
        """The furthest phase any trial of an intervention reached (a 1/2 trial counts as phase 2)."""
        phases = [t.phase for t in self.trials_of_intervention.get(intervention.id, ()) if t.phase]
        ranked = [p for p in phases if p in vocab.PHASE_LEVEL]
        if not ranked:
            return None
        return max(ranked, key=lambda p: (vocab.PHASE_LEVEL[p], vocab.PHASE.rank(p)))

    def counts(self) -> dict[str, int]:
        return {
            "interventions": len(self.interventions),
            "trials": len(self.trials),
            "measures": len(self.measures),
        }


def kind_of(record: Record) -> str:
    """'trial', 'intervention' or 'measure'."""
    if isinstance(record, Trial):
        return "trial"
    if isinstance(record, Intervention):
        return "intervention"
    return "measure"


def unique(items: Iterable[str]) -> tuple[str, ...]:
    """Items in first-seen order without repeats."""
    return tuple(dict.fromkeys(items))
