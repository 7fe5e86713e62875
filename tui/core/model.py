"""The typed data model shared by the loader, search, compare, the CLI and the screens.

Records are frozen dataclasses: once loaded, the dataset cannot change under a screen's feet. Enumerated
values are plain strings (validated by the loader against the tuples below) so that JSON export is trivial.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Iterable

# Allowed values of enumerated fields. The loader validates against these; `text.py` holds their labels.
SOURCE_KINDS = ("registry", "publication", "review", "news", "conference", "other")
INTERVENTION_KINDS = (
    "small_molecule",
    "antibody",
    "biologic",
    "cell_therapy",
    "neuromodulation",
    "hormone",
    "supplement",
    "dmt",
    "other",
)
MECHANISM_GROUPS = (
    "opc_differentiation",
    "inhibitor_blockade",
    "remyelinating_antibody",
    "thyroid_hormone",
    "metabolic",
    "neuroprotection",
    "hormonal",
    "cell_therapy",
    "neuromodulation",
    "immunomodulation",
    "antiviral",
    "other",
)
MEASURE_CATEGORIES = (
    "mri",
    "pet",
    "electrophysiology",
    "retinal_imaging",
    "visual_function",
    "clinical_scale",
    "other",
)
MYELIN_SPECIFICITY = ("high", "moderate", "low", "none")
PHASES = ("1", "1/2", "2", "2a", "2b", "2/3", "3", "4", "not_applicable")
BLINDING = ("open_label", "single_blind", "double_blind")
ALLOCATION = ("parallel", "crossover", "single_group", "factorial", "delayed_start")
CONDITIONS = (
    "rrms",
    "spms",
    "ppms",
    "relapsing_ms",
    "progressive_ms",
    "cis",
    "optic_neuritis",
    "ms",
)
OUTCOME_MET = ("yes", "no", "mixed", "not_reported", "ongoing")
STATUSES = (
    "completed",
    "terminated",
    "withdrawn",
    "recruiting",
    "active_not_recruiting",
    "not_yet_recruiting",
    "suspended",
    "enrolling_by_invitation",
    "unknown",
)
ENROLLMENT_BASIS = ("randomised", "enrolled", "target")
DURATION_UNITS = {"day": 1 / 7, "week": 1.0, "month": 52 / 12, "year": 52.0}

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")
DOI_PATTERN = re.compile(r"^10\.\d{4,9}/\S+$")
PMID_PATTERN = re.compile(r"^[1-9]\d{0,8}$")
DURATION_PATTERN = re.compile(r"^(\d+(?:\.\d+)?)\s+(day|week|month|year)s?$")

# Registry id formats as each registry writes them; the name is shown next to the id.
REGISTRY_FORMATS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("ClinicalTrials.gov", re.compile(r"^NCT\d{8}$")),
    ("ISRCTN", re.compile(r"^ISRCTN\d{8}$")),
    ("ANZCTR", re.compile(r"^ACTRN\d{14}$")),
    ("EudraCT", re.compile(r"^\d{4}-\d{6}-\d{2}$")),
    ("EU CTR", re.compile(r"^\d{4}-\d{6}-\d{2}-\d{2}$")),
    ("DRKS", re.compile(r"^DRKS\d{8}$")),
    ("Netherlands Trial Register", re.compile(r"^(?:NTR|NL)\d{1,6}$")),
    ("ChiCTR", re.compile(r"^ChiCTR[-A-Z0-9]{6,20}$")),
    ("IRCT", re.compile(r"^IRCT\d{6,20}N\d{1,3}$")),
    ("jRCT", re.compile(r"^jRCT[a-z]?\d{6,12}$")),
    ("UMIN-CTR", re.compile(r"^UMIN\d{9}$")),
    ("CTRI", re.compile(r"^CTRI/\d{4}/\d{2,3}/\d{6}$")),
)
REGISTRY_FORMAT_HELP = (
    "NCT########, ISRCTN########, ACTRN##############, EudraCT NNNN-NNNNNN-NN, "
    "EU CT NNNN-NNNNNN-NN-NN, DRKS########, NTR####/NL####, ChiCTR…, IRCT…N#, jRCT…, UMIN#########, "
    "CTRI/YYYY/MM/NNNNNN"
)


def registry_name(registry_id: str) -> str | None:
    """The registry that issues ids of this form, or None if the form is unknown."""
    for name, pattern in REGISTRY_FORMATS:
        if pattern.match(registry_id):
            return name
    return None


def registry_url(registry_id: str) -> str | None:
    """The public page of a registry id, where the registry has a stable URL scheme."""
    name = registry_name(registry_id)
    if name == "ClinicalTrials.gov":
        return f"https://clinicaltrials.gov/study/{registry_id}"
    if name == "ISRCTN":
        return f"https://www.isrctn.com/{registry_id}"
    if name == "ANZCTR":
        return f"https://www.anzctr.org.au/ACTRN{registry_id[5:]}.aspx"
    if name == "EudraCT":
        return f"https://www.clinicaltrialsregister.eu/ctr-search/search?query={registry_id}"
    return None


@dataclass(frozen=True, slots=True)
class Source:
    """A document that backs facts of a record, and which facts it backs."""

    kind: str
    backs: str
    title: str | None = None
    url: str | None = None
    doi: str | None = None
    pmid: str | None = None

    @property
    def link(self) -> str | None:
        """The best URL to open: the URL itself, else the DOI or PubMed page."""
        if self.url:
            return self.url
        if self.doi:
            return f"https://doi.org/{self.doi}"
        if self.pmid:
            return f"https://pubmed.ncbi.nlm.nih.gov/{self.pmid}/"
        return None


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
            return f"https://doi.org/{self.doi}"
        if self.pmid:
            return f"https://pubmed.ncbi.nlm.nih.gov/{self.pmid}/"
        return self.url


@dataclass(frozen=True, slots=True)
class Design:
    """How a trial was designed; every part may be unknown."""

    randomised: bool | None = None
    blinding: str | None = None
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
    """A treatment duration as written ("24 weeks"), with a week count for comparisons."""

    value: float
    unit: str

    @classmethod
    def parse(cls, text: str) -> Duration | None:
        match = DURATION_PATTERN.match(text.strip())
        if match is None:
            return None
        return cls(float(match.group(1)), match.group(2))

    @property
    def weeks(self) -> float:
        return self.value * DURATION_UNITS[self.unit]

    def __str__(self) -> str:
        number = f"{self.value:g}"
        plural = "" if self.value == 1 else "s"
        return f"{number} {self.unit}{plural}"


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
    """One clinical trial (or a myelin-sensitive substudy of one)."""

    id: str
    acronym: str | None
    title: str
    registry_ids: tuple[str, ...]
    intervention_ids: tuple[str, ...]
    comparator: str | None
    phase: str | None
    design: Design
    population: Population
    enrollment: int | None
    enrollment_basis: str | None
    treatment_duration: Duration | None
    primary_outcome: str | None
    primary_outcome_met: str
    result_summary: str | None
    measures: tuple[str, ...]
    safety_summary: str | None
    status: str
    start_year: int | None
    end_year: int | None
    sponsor: str | None
    countries: tuple[str, ...]
    sites: int | None
    publications: tuple[Publication, ...]
    sources: tuple[Source, ...]
    last_reviewed: date | None
    notes: str | None = None

    @property
    def label(self) -> str:
        """A short name: the acronym, else the first registry id, else the title."""
        if self.acronym:
            return self.acronym
        if self.registry_ids:
            return self.registry_ids[0]
        return self.title


@dataclass(frozen=True, slots=True)
class DatasetInfo:
    """Metadata of the whole dataset."""

    name: str = "mstrials"
    version: str = "unversioned"
    last_reviewed: date | None = None
    description: str | None = None
    references: tuple[Source, ...] = ()


Record = Trial | Intervention | Measure


@dataclass(frozen=True)
class Dataset:
    """Everything loaded, with the indexes that screens, search and compare need."""

    info: DatasetInfo
    interventions: tuple[Intervention, ...]
    trials: tuple[Trial, ...]
    measures: tuple[Measure, ...]
    by_id: dict[str, Record] = field(init=False, repr=False, compare=False)
    by_registry_id: dict[str, Trial] = field(init=False, repr=False, compare=False)
    trials_of_intervention: dict[str, tuple[Trial, ...]] = field(init=False, repr=False, compare=False)
    trials_using_measure: dict[str, tuple[Trial, ...]] = field(init=False, repr=False, compare=False)
    _lookup: dict[str, Record] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_id: dict[str, Record] = {}
        for record in (*self.interventions, *self.trials, *self.measures):
            by_id.setdefault(record.id, record)
        by_registry = {rid.upper(): t for t in self.trials for rid in t.registry_ids}
        of_intervention: dict[str, list[Trial]] = {i.id: [] for i in self.interventions}
        using_measure: dict[str, list[Trial]] = {m.id: [] for m in self.measures}
        for trial in self.trials:
            for iid in trial.intervention_ids:
                of_intervention.setdefault(iid, []).append(trial)
            for mid in trial.measures:
                using_measure.setdefault(mid, []).append(trial)
        lookup: dict[str, Record] = {}
        # Later assignments win, so the most specific key (the slug) is written last.
        for trial in self.trials:
            if trial.acronym:
                lookup.setdefault(trial.acronym.casefold(), trial)
        for measure in self.measures:
            if measure.abbreviation:
                lookup.setdefault(measure.abbreviation.casefold(), measure)
        for intervention in self.interventions:
            lookup.setdefault(intervention.name.casefold(), intervention)
        for rid, trial in by_registry.items():
            lookup[rid.casefold()] = trial
        for key, record in by_id.items():
            lookup[key.casefold()] = record
        object.__setattr__(self, "by_id", by_id)
        object.__setattr__(self, "by_registry_id", by_registry)
        object.__setattr__(
            self, "trials_of_intervention", {k: tuple(v) for k, v in of_intervention.items()}
        )
        object.__setattr__(self, "trials_using_measure", {k: tuple(v) for k, v in using_measure.items()})
        object.__setattr__(self, "_lookup", lookup)

    def find(self, reference: str) -> Record | None:
        """A record by slug, acronym, registry id, intervention name or measure abbreviation.

        Case-insensitive; surrounding spaces are ignored.
        """
        return self._lookup.get(reference.strip().casefold())

    def find_trial(self, reference: str) -> Trial | None:
        record = self.find(reference)
        return record if isinstance(record, Trial) else None

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
