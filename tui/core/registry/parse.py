"""A ClinicalTrials.gov API v2 study response -> a neutral `RegistryRecord`, in our vocabulary where one maps.

Real responses vary, and public clients have tripped on each of these: whole modules missing from early
records; dates as YYYY-MM or YYYY-MM-DD, typed ACTUAL or ESTIMATED (or, in old records, not at all); phases
as a list (PHASE1 + PHASE2 is our "1/2"; EARLY_PHASE1; NA); enrolment 99999999 standing for "unknown";
and a record merged into another, so that the study returned is not the id asked for. Each becomes an
explicit None or value plus a note for the curator, never a guess. Text is folded to one line and stripped of
characters the loader would refuse (controls, bidi), so a draft written from it can load.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .. import model, safety, vocab
from .errors import RegistryBadResponse

NCT_PATTERN = re.compile(r"^NCT\d{8}$")
UNKNOWN_ENROLMENT = 99_999_999  # the registry's placeholder for "not known", not a count
MAX_COUNT = 1_000_000  # the loader's ceiling for a participant count
MAX_TEXT = 1_000  # the loader's limit for one-line text

STATUS = {
    "COMPLETED": "completed",
    "TERMINATED": "terminated",
    "WITHDRAWN": "withdrawn",
    "RECRUITING": "recruiting",
    "ACTIVE_NOT_RECRUITING": "active_not_recruiting",
    "NOT_YET_RECRUITING": "not_yet_recruiting",
    "SUSPENDED": "suspended",
    "ENROLLING_BY_INVITATION": "enrolling_by_invitation",
    "UNKNOWN": "unknown",
}
STATUS_WORDS = {
    # Expanded-access records have statuses of their own; they are not trials and have no equivalent here.
    "AVAILABLE": "Available (expanded access)",
    "NO_LONGER_AVAILABLE": "No longer available (expanded access)",
    "TEMPORARILY_NOT_AVAILABLE": "Temporarily not available (expanded access)",
    "APPROVED_FOR_MARKETING": "Approved for marketing (expanded access)",
    "WITHHELD": "Withheld",
}
# The registry's phase list (sorted, no repeats) -> (our value, the values of ours that agree with it).
# The registry has no 1b, 2a or 2b: a trial we record as 2a agrees with PHASE2.
PHASES: dict[tuple[str, ...], tuple[str, frozenset[str]]] = {
    ("EARLY_PHASE1",): ("1", frozenset({"1"})),
    ("PHASE1",): ("1", frozenset({"1", "1b"})),
    ("PHASE1", "PHASE2"): ("1/2", frozenset({"1/2"})),
    ("PHASE2",): ("2", frozenset({"2", "2a", "2b"})),
    ("PHASE2", "PHASE3"): ("2/3", frozenset({"2/3"})),
    ("PHASE3",): ("3", frozenset({"3"})),
    ("PHASE4",): ("4", frozenset({"4"})),
    ("NA",): ("not_applicable", frozenset({"not_applicable"})),
}
PHASE_ORDER = ("NA", "EARLY_PHASE1", "PHASE1", "PHASE2", "PHASE3", "PHASE4")
PHASE_WORDS = {
    "NA": "Not applicable",
    "EARLY_PHASE1": "Early phase 1",
    "PHASE1": "Phase 1",
    "PHASE2": "Phase 2",
    "PHASE3": "Phase 3",
    "PHASE4": "Phase 4",
}
MASKING = {"NONE": "open", "SINGLE": "single", "DOUBLE": "double", "TRIPLE": "triple", "QUADRUPLE": "quadruple"}
ALLOCATION = {
    "PARALLEL": "parallel",
    "CROSSOVER": "crossover",
    "SINGLE_GROUP": "single_group",
    "FACTORIAL": "factorial",
}
RANDOMISED = {"RANDOMIZED": True, "NON_RANDOMIZED": False}
ARM_ROLE = {
    "EXPERIMENTAL": "experimental",
    "PLACEBO_COMPARATOR": "placebo_comparator",
    "SHAM_COMPARATOR": "placebo_comparator",
    "ACTIVE_COMPARATOR": "active_comparator",
    "NO_INTERVENTION": "no_intervention",
    "OTHER": "other",
}
# ACTUAL counts people enrolled; ESTIMATED (ANTICIPATED in older records) is the target.
ENROLMENT_KIND = {"ACTUAL": "enrolled", "ESTIMATED": "planned", "ANTICIPATED": "planned"}
DATE_ACTUAL = {"ACTUAL": True, "ESTIMATED": False, "ANTICIPATED": False}
# How arm groups name an intervention's type ("Drug: Clemastine").
INTERVENTION_TYPE_WORDS = frozenset(
    {
        "Drug",
        "Biological",
        "Device",
        "Procedure",
        "Radiation",
        "Behavioral",
        "Genetic",
        "Dietary Supplement",
        "Combination Product",
        "Diagnostic Test",
        "Other",
    }
)
# Modules a curator would miss, in the words of a note.
MODULES = {
    "statusModule": "status and dates",
    "sponsorCollaboratorsModule": "sponsor",
    "designModule": "phase, design and enrolment",
    "armsInterventionsModule": "arms and interventions",
    "outcomesModule": "outcomes",
    "contactsLocationsModule": "locations",
}


@dataclass(frozen=True, slots=True)
class RegistryDate:
    """A registry date and whether it has happened (ACTUAL), is a plan (ESTIMATED), or is untyped (None)."""

    date: model.PartialDate
    actual: bool | None = None

    def __str__(self) -> str:
        return f"{self.date} (estimated)" if self.actual is False else str(self.date)


@dataclass(frozen=True, slots=True)
class RegistryPhase:
    """The registry's phase list and what it means here."""

    codes: tuple[str, ...] = ()
    ours: str | None = None  # our phase value, None when there is none or no equivalent
    agrees_with: frozenset[str] = frozenset()

    @property
    def label(self) -> str:
        return "/".join(PHASE_WORDS.get(code, code) for code in self.codes) or "not given"


@dataclass(frozen=True, slots=True)
class RegistryEnrolment:
    count: int | None = None
    kind: str | None = None  # "enrolled" (ACTUAL), "planned" (ESTIMATED), None (untyped or unknown)


@dataclass(frozen=True, slots=True)
class RegistryArm:
    label: str
    kind: str | None  # as registered: EXPERIMENTAL, PLACEBO_COMPARATOR…
    role: str | None  # ours
    intervention_names: tuple[str, ...] = ()  # "Drug: Clemastine" as "Clemastine"


@dataclass(frozen=True, slots=True)
class RegistryIntervention:
    kind: str | None  # DRUG, BIOLOGICAL, DEVICE…
    name: str
    other_names: tuple[str, ...] = ()
    arm_labels: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class RegistryOutcome:
    measure: str
    time_frame: str | None = None


@dataclass(frozen=True, slots=True)
class RegistryReference:
    citation: str
    pmid: str | None
    kind: str | None  # RESULT, BACKGROUND, DERIVED


@dataclass(frozen=True)
class RegistryRecord:
    """What one ClinicalTrials.gov record says, in neutral form."""

    requested_id: str
    nct_id: str
    aliases: tuple[str, ...] = ()
    secondary_ids: tuple[tuple[str, str | None], ...] = ()  # (id, type) e.g. ("2011-006262-40", "EUDRACT_NUMBER")
    brief_title: str | None = None
    official_title: str | None = None
    acronym: str | None = None
    status_code: str | None = None  # as registered
    status: str | None = None  # ours
    why_stopped: str | None = None
    phase: RegistryPhase = RegistryPhase()
    study_type: str | None = None
    randomised: bool | None = None
    allocation: str | None = None
    allocation_code: str | None = None
    masking: str | None = None
    enrolment: RegistryEnrolment = RegistryEnrolment()
    registered: RegistryDate | None = None  # first posted
    start: RegistryDate | None = None
    primary_completion: RegistryDate | None = None
    completion: RegistryDate | None = None
    results_posted: RegistryDate | None = None
    last_update: RegistryDate | None = None  # last update posted
    version: model.PartialDate | None = None  # derivedSection.miscInfoModule.versionHolder
    has_results: bool = False
    sponsor: str | None = None
    conditions: tuple[str, ...] = ()
    arms: tuple[RegistryArm, ...] = ()
    interventions: tuple[RegistryIntervention, ...] = ()
    primary_outcomes: tuple[RegistryOutcome, ...] = ()
    references: tuple[RegistryReference, ...] = ()
    countries: tuple[str, ...] = ()
    sites: int | None = None
    modules: frozenset[str] = frozenset()  # protocolSection modules present
    notes: tuple[str, ...] = ()  # what was unusual about the response, for the curator

    @property
    def merged(self) -> bool:
        """The id asked for now lives on as an alias of another record."""
        return self.nct_id != self.requested_id

    @property
    def status_label(self) -> str:
        if self.status is not None:
            return vocab.STATUS.label(self.status)
        if self.status_code is None:
            return "not given"
        return STATUS_WORDS.get(self.status_code, self.status_code)


# --- Reading JSON safely --------------------------------------------------------------------------------------


def _obj(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def text(value: Any, limit: int = MAX_TEXT) -> str | None:
    """A registry string on one line, without characters the loader refuses; None if empty or not text.

    Over-long text is cut at a word with '…' (the registry allows 1,000+ characters where we allow 1,000)."""
    if not isinstance(value, str):
        return None
    found = " ".join(safety.UNSAFE.sub(" ", value).split())
    if len(found) > limit:
        found = found[: limit - 1].rsplit(" ", 1)[0] + "…"
    return found or None


def _texts(value: Any) -> tuple[str, ...]:
    return tuple(dict.fromkeys(t for t in (text(v) for v in _list(value)) if t))


def _code(value: Any) -> str | None:
    found = text(value, 100)
    return found.upper() if found else None


# --- The parts -------------------------------------------------------------------------------------------------


def _date(value: Any, what: str, notes: list[str]) -> RegistryDate | None:
    """A `{"date": "2014-01", "type": "ACTUAL"}` struct (or a bare date string)."""
    struct = value if isinstance(value, dict) else {"date": value}
    raw = struct.get("date")
    if raw is None:
        return None
    day = model.PartialDate.parse(raw) if isinstance(raw, str) else None
    if day is None:
        notes.append(f"the {what} date {text(str(raw), 40)!r} is not a date; ignored")
        return None
    kind = _code(struct.get("type"))
    return RegistryDate(day, DATE_ACTUAL.get(kind) if kind else None)


def _phase(design: dict[str, Any], notes: list[str]) -> RegistryPhase:
    codes = {c for c in (_code(v) for v in _list(design.get("phases"))) if c}
    ordered = tuple(sorted(codes, key=lambda c: PHASE_ORDER.index(c) if c in PHASE_ORDER else len(PHASE_ORDER)))
    if not ordered:
        return RegistryPhase()
    found = PHASES.get(ordered)
    if found is None:
        notes.append(f"phase {'/'.join(ordered)} has no equivalent here")
        return RegistryPhase(ordered)
    if ordered == ("EARLY_PHASE1",):
        notes.append("Early phase 1 (phase 0) has no value of its own here; a draft records it as phase 1")
    return RegistryPhase(ordered, found[0], found[1])


def _enrolment(design: dict[str, Any], notes: list[str]) -> RegistryEnrolment:
    info = _obj(design.get("enrollmentInfo"))
    count = info.get("count")
    kind_code = _code(info.get("type"))
    kind = ENROLMENT_KIND.get(kind_code) if kind_code else None
    if count is None:
        return RegistryEnrolment(None, kind)
    if isinstance(count, bool) or not isinstance(count, int):
        notes.append(f"the enrolment count {text(str(count), 20)!r} is not a whole number; ignored")
        return RegistryEnrolment(None, kind)
    if count >= UNKNOWN_ENROLMENT:
        notes.append(f"enrolment {count} is the registry's placeholder for an unknown count; read as unknown")
        return RegistryEnrolment(None, kind)
    if not 0 <= count <= MAX_COUNT:
        notes.append(f"enrolment {count} is outside 0–{MAX_COUNT:,}; ignored")
        return RegistryEnrolment(None, kind)
    if kind is None:
        notes.append("the enrolment count is not typed ACTUAL or ESTIMATED")
    return RegistryEnrolment(count, kind)


def _intervention_name(label: str) -> str:
    """'Drug: Clemastine Fumarate' -> 'Clemastine Fumarate' (arm groups prefix each name with its type)."""
    kind, sep, name = label.partition(": ")
    return name.strip() if sep and kind.strip() in INTERVENTION_TYPE_WORDS and name.strip() else label


def _arms(module: dict[str, Any]) -> tuple[RegistryArm, ...]:
    arms = []
    for raw in _list(module.get("armGroups")):
        item = _obj(raw)
        label = text(item.get("label"))
        if not label:
            continue
        kind = _code(item.get("type"))
        names = tuple(_intervention_name(n) for n in _texts(item.get("interventionNames")))
        arms.append(RegistryArm(label, kind, ARM_ROLE.get(kind) if kind else None, names))
    return tuple(arms)


def _interventions(module: dict[str, Any]) -> tuple[RegistryIntervention, ...]:
    found = []
    for raw in _list(module.get("interventions")):
        item = _obj(raw)
        name = text(item.get("name"))
        if name:
            found.append(
                RegistryIntervention(
                    _code(item.get("type")), name, _texts(item.get("otherNames")), _texts(item.get("armGroupLabels"))
                )
            )
    return tuple(found)


def _outcomes(module: dict[str, Any]) -> tuple[RegistryOutcome, ...]:
    found = []
    for raw in _list(module.get("primaryOutcomes")):
        item = _obj(raw)
        measure = text(item.get("measure"))
        if measure:
            found.append(RegistryOutcome(measure, text(item.get("timeFrame"))))
    return tuple(found)


def _references(module: dict[str, Any]) -> tuple[RegistryReference, ...]:
    found = []
    for raw in _list(module.get("references")):
        item = _obj(raw)
        citation = text(item.get("citation"))
        pmid = text(item.get("pmid"), 12)
        if citation:
            found.append(
                RegistryReference(citation, pmid if pmid and pmid.isdigit() else None, _code(item.get("type")))
            )
    return tuple(found)


def _secondary_ids(module: dict[str, Any]) -> tuple[tuple[str, str | None], ...]:
    found = []
    for raw in _list(module.get("secondaryIdInfos")):
        item = _obj(raw)
        sid = text(item.get("id"), 100)
        if sid:
            found.append((sid, _code(item.get("type"))))
    return tuple(found)


def _study(payload: Any, requested: str) -> dict[str, Any]:
    """The study object: the payload itself, or the matching one of a saved search answer ({"studies": […]})."""
    if isinstance(payload, dict) and "protocolSection" not in payload and isinstance(payload.get("studies"), list):
        for study in payload["studies"]:
            ident = _obj(_obj(_obj(study).get("protocolSection")).get("identificationModule"))
            if ident.get("nctId") == requested or requested in _list(ident.get("nctIdAliases")):
                return _obj(study)
        raise RegistryBadResponse(f"{requested}: a list of studies that does not include {requested}")
    if not isinstance(payload, dict):
        raise RegistryBadResponse(f"{requested}: the response is not a JSON object, so not a study record")
    return payload


def parse_study(payload: Any, requested: str, redirected_to: str | None = None) -> RegistryRecord:
    """The record a study response describes. `requested` is the id asked for; a response for another
    study is accepted only when that study lists `requested` as an alias or the registry redirected us to it
    (a merged record), and refused otherwise (a wrong file, a wrong answer)."""
    study = _study(payload, requested)
    protocol = _obj(study.get("protocolSection"))
    ident = _obj(protocol.get("identificationModule"))
    nct_id = ident.get("nctId")
    if not isinstance(nct_id, str) or not NCT_PATTERN.match(nct_id.strip().upper()):
        raise RegistryBadResponse(
            f"{requested}: not a ClinicalTrials.gov study (no protocolSection.identificationModule.nctId)"
        )
    nct_id = nct_id.strip().upper()
    aliases = tuple(a.upper() for a in _texts(ident.get("nctIdAliases")) if NCT_PATTERN.match(a.upper()))
    notes: list[str] = []
    if nct_id != requested:
        if requested not in aliases and nct_id != redirected_to:
            raise RegistryBadResponse(
                f"{requested}: the response is the record of {nct_id}, which does not list {requested} as an alias"
            )
        notes.append(f"{requested} was merged into {nct_id}: the registry now files this study under {nct_id}")
    modules = frozenset(key for key, value in protocol.items() if isinstance(value, dict))
    missing = [words for key, words in MODULES.items() if key not in modules]
    if missing:
        notes.append(f"the record gives no {', no '.join(missing)}")
    status = _obj(protocol.get("statusModule"))
    design = _obj(protocol.get("designModule"))
    design_info = _obj(design.get("designInfo"))
    status_code = _code(status.get("overallStatus"))
    allocation_code = _code(design_info.get("interventionModel"))
    derived = _obj(_obj(study.get("derivedSection")).get("miscInfoModule"))
    version = derived.get("versionHolder")
    arms_module = _obj(protocol.get("armsInterventionsModule"))
    locations = _obj(protocol.get("contactsLocationsModule")).get("locations")
    countries = tuple(dict.fromkeys(c for c in (text(_obj(loc).get("country"), 100) for loc in _list(locations)) if c))
    has_results = study.get("hasResults") is True
    results_posted = _date(status.get("resultsFirstPostDateStruct"), "results first posted", notes)
    if results_posted is not None:
        has_results = True
    return RegistryRecord(
        requested_id=requested,
        nct_id=nct_id,
        aliases=aliases,
        secondary_ids=_secondary_ids(ident),
        brief_title=text(ident.get("briefTitle")),
        official_title=text(ident.get("officialTitle")),
        acronym=text(ident.get("acronym"), 60),
        status_code=status_code,
        status=STATUS.get(status_code) if status_code else None,
        why_stopped=text(status.get("whyStopped")),
        phase=_phase(design, notes),
        study_type=_code(design.get("studyType")),
        randomised=RANDOMISED.get(_code(design_info.get("allocation")) or ""),
        allocation=ALLOCATION.get(allocation_code) if allocation_code else None,
        allocation_code=allocation_code,
        masking=MASKING.get(_code(_obj(design_info.get("maskingInfo")).get("masking")) or ""),
        enrolment=_enrolment(design, notes),
        registered=_date(status.get("studyFirstPostDateStruct"), "first posted", notes),
        start=_date(status.get("startDateStruct"), "start", notes),
        primary_completion=_date(status.get("primaryCompletionDateStruct"), "primary completion", notes),
        completion=_date(status.get("completionDateStruct"), "completion", notes),
        results_posted=results_posted,
        last_update=_date(status.get("lastUpdatePostDateStruct"), "last update posted", notes),
        version=model.PartialDate.parse(version) if isinstance(version, str) else None,
        has_results=has_results,
        sponsor=text(_obj(_obj(protocol.get("sponsorCollaboratorsModule")).get("leadSponsor")).get("name")),
        conditions=_texts(_obj(protocol.get("conditionsModule")).get("conditions")),
        arms=_arms(arms_module),
        interventions=_interventions(arms_module),
        primary_outcomes=_outcomes(_obj(protocol.get("outcomesModule"))),
        references=_references(_obj(protocol.get("referencesModule"))),
        countries=countries,
        sites=len(_list(locations)) if isinstance(locations, list) and locations else None,
        modules=modules,
        notes=tuple(notes),
    )
