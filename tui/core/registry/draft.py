"""Draft trial records (YAML, format v2) from ClinicalTrials.gov records, for a curator to review.

A draft carries `draft: true`, which the curated-data validation refuses until a curator has checked every
fact and removed it. It holds only what the registry says (ids, titles, phase, design, arms, enrolment,
dates, status, sponsor, countries, primary outcomes as registered) and cites the registry record as its
source; what the registry cannot say (did it work, effect estimates, myelin measures, adverse events, prose
in our own words) is left null or empty with a comment. Interventions are matched to ours only on an exact
name or alias; otherwise a `todo-…` id stands in, which validation reports as an unknown intervention.

The YAML is written by hand, not dumped, so that it can carry comments and follow the format's conventions
(quoted dates and phases, folded prose); every scalar goes through `_scalar`, which quotes anything YAML could
read as something else.
"""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from .. import links, model, safety
from .parse import RegistryDate, RegistryRecord

WIDTH = 100
REGISTRY_NAME = "ClinicalTrials.gov"
PLACEBO = re.compile(r"\b(placebo|sham|vehicle)\b", re.IGNORECASE)
# Words in the registry's conditions that name one of our conditions, most specific first.
CONDITION_WORDS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"relapsing[- ]remitting", re.I), "rrms"),
    (re.compile(r"secondary[- ]progressive", re.I), "spms"),
    (re.compile(r"primary[- ]progressive", re.I), "ppms"),
    (re.compile(r"clinically isolated", re.I), "cis"),
    (re.compile(r"optic neuritis", re.I), "optic_neuritis"),
    (re.compile(r"relapsing", re.I), "relapsing_ms"),
    (re.compile(r"progressive", re.I), "progressive_ms"),
    (re.compile(r"multiple sclerosis|\bMS\b", re.I), "ms"),
)
_SPECIAL_WORDS = frozenset({"null", "true", "false", "yes", "no", "on", "off", "y", "n", "~"})
_PLAIN = re.compile(r"^[A-Za-z][A-Za-z0-9 _,.()/'&+-]*$")  # safe unquoted in block context
_PLAIN_FLOW = re.compile(r"^[A-Za-z][A-Za-z0-9 _.()/'&+-]*$")  # and in a [flow, list]: no commas


@dataclass
class Drafted:
    """One drafted record: its YAML (a `trials:` list item) and what the curator must still resolve."""

    trial_id: str
    nct_id: str
    yaml: str
    placeholders: tuple[str, ...] = ()  # todo- intervention ids
    warnings: tuple[str, ...] = ()


@dataclass
class _Lines:
    """YAML lines at a base indent, with trailing comments."""

    lines: list[str] = field(default_factory=list)

    def add(self, indent: int, key: str, value: str, comment: str | None = None) -> None:
        line = f"{' ' * indent}{key}: {value}"
        self.lines.append(f"{line}  # {_comment(comment)}" if comment else line)

    def comment(self, indent: int, words: str) -> None:
        for line in textwrap.wrap(_comment(words), WIDTH - indent - 2, break_on_hyphens=False) or [""]:
            self.lines.append(f"{' ' * indent}# {line}")

    def folded(self, indent: int, key: str, value: str | None, comment: str | None = None) -> None:
        """`key: >-` and the text wrapped below it; null when there is none."""
        if not value:
            self.add(indent, key, "null", comment)
            return
        if comment:
            self.comment(indent, comment)
        self.lines.append(f"{' ' * indent}{key}: >-")
        # Folding joins lines with one space, so a line may only break at a space (never at a hyphen).
        for line in textwrap.wrap(value, WIDTH - indent - 2, break_on_hyphens=False, break_long_words=False):
            self.lines.append(f"{' ' * (indent + 2)}{line}")


def _comment(words: str) -> str:
    return " ".join(words.split())


def _scalar(value: str | int | bool | None, flow: bool = False) -> str:
    """A YAML scalar that reads back as exactly `value`: plain when that is unambiguous, else double-quoted."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    plain = (_PLAIN_FLOW if flow else _PLAIN).match(value)
    if plain and value.casefold() not in _SPECIAL_WORDS and not value.endswith(" "):
        return value
    # JSON's double-quoted strings are YAML double-quoted scalars.
    return json.dumps(value, ensure_ascii=False)


def _flow(values: Iterable[str]) -> str:
    return "[" + ", ".join(_scalar(v, flow=True) for v in values) + "]"


def _date(value: RegistryDate | None) -> str:
    return "null" if value is None else f'"{value.date}"'


def slug(value: str) -> str:
    """A trial id from a name: lowercase letters and digits joined by single hyphens."""
    return "-".join(re.findall(r"[a-z0-9]+", value.casefold()))[:60].strip("-")


def _names(intervention: model.Intervention) -> Iterable[str]:
    yield intervention.id
    yield intervention.name
    yield from intervention.aliases


def _key(name: str) -> str:
    return " ".join(name.casefold().split())


class InterventionMatcher:
    """Our intervention ids by exact (case-insensitive) name, alias or id; `todo-…` placeholders otherwise."""

    def __init__(self, dataset: model.Dataset | None) -> None:
        self.by_name: dict[str, str] = {}
        if dataset is not None:
            for intervention in dataset.interventions:
                for name in _names(intervention):
                    self.by_name.setdefault(_key(name), intervention.id)

    def match(self, name: str, other_names: Sequence[str] = ()) -> str | None:
        for candidate in (name, *other_names):
            found = self.by_name.get(_key(candidate))
            if found:
                return found
        return None


def conditions_of(record: RegistryRecord) -> tuple[str, ...]:
    """Our condition values for the registry's conditions (each condition gives its most specific match)."""
    found: list[str] = []
    for condition in record.conditions:
        for pattern, value in CONDITION_WORDS:
            if pattern.search(condition):
                found.append(value)
                break
    return tuple(dict.fromkeys(found))


def trial_id(record: RegistryRecord, taken: set[str]) -> str:
    """The acronym as a slug, else the NCT id; made unique against `taken` (the NCT id, then a number)."""
    nct = record.nct_id.lower()
    base = slug(record.acronym) if record.acronym else ""
    base = base if base and model.ID_PATTERN.match(base) else nct
    candidates = [base] + ([f"{base}-{nct}"] if base != nct else [])
    for candidate in candidates:
        if candidate not in taken:
            return candidate
    number = 2
    while f"{candidates[-1]}-{number}" in taken:
        number += 1
    return f"{candidates[-1]}-{number}"


def draft_record(
    record: RegistryRecord, dataset: model.Dataset | None = None, taken: set[str] | None = None
) -> Drafted:
    """A `trials:` list item for one registry record."""
    taken = taken if taken is not None else (set(dataset.by_id) if dataset else set())
    matcher = InterventionMatcher(dataset)
    warnings: list[str] = []
    if dataset is not None:
        for rid in (record.requested_id, record.nct_id):
            existing = dataset.by_registry_id.get(rid)
            if existing is not None:
                warnings.append(f"{rid} is already in the data as '{existing.id}': use `registry check` to compare")
                break
    tid = trial_id(record, taken)
    out = _Lines()
    out.add(2, "- id", tid)
    out.add(4, "draft", "true", "remove once a curator has checked every fact below")
    out.add(4, "acronym", _scalar(record.acronym))
    title = record.official_title or record.brief_title
    brief = f"brief title: {record.brief_title}" if record.official_title and record.brief_title else None
    out.folded(4, "title", title or record.nct_id, brief if title else "the registry gives no title")
    ids_note = None
    if record.merged:
        ids_note = f"asked for {record.requested_id}, which the registry merged into this record"
    others = [f"{sid} ({(kind or 'other').replace('_', ' ').lower()})" for sid, kind in record.secondary_ids]
    if others:
        out.comment(
            4,
            "secondary ids on the registry record (add one with its own kind: registry source once read): "
            + ", ".join(others),
        )
    out.add(4, "registry_ids", _flow([record.nct_id]), ids_note)

    placeholders: dict[str, str] = {}  # placeholder id -> the registry's name
    ids_of_name: dict[str, str] = {}
    for intervention in record.interventions:
        if PLACEBO.search(intervention.name):
            continue  # placebo and sham are comparators, never interventions of ours
        found = matcher.match(intervention.name, intervention.other_names)
        if found is None:
            found = f"todo-{slug(intervention.name) or 'intervention'}"
            placeholders[found] = intervention.name
        ids_of_name[_key(intervention.name)] = found
    trial_interventions = list(dict.fromkeys(ids_of_name.values()))
    if not trial_interventions:
        trial_interventions = ["todo-intervention"]
        placeholders["todo-intervention"] = "(none registered)"
    for placeholder, name in placeholders.items():
        out.comment(
            4,
            f"{placeholder}: the registry's intervention {name!r} matches no name or alias of ours: "
            "use an existing intervention id or add an intervention record",
        )
    out.add(4, "intervention_ids", _flow(trial_interventions))

    roles = {arm.role for arm in record.arms}
    sham = any(arm.kind == "SHAM_COMPARATOR" for arm in record.arms)
    comparator = "sham" if sham else "placebo" if "placebo_comparator" in roles else None
    out.add(
        4,
        "comparator",
        _scalar(comparator),
        None if comparator else "what the intervention was compared with, from the record",
    )
    phase_note = f"registry: {record.phase.label}" if record.phase.codes else "the registry gives no phase"
    out.add(4, "phase", f'"{record.phase.ours}"' if record.phase.ours else "null", phase_note)

    out.lines.append("    design:")
    out.add(6, "randomised", _scalar(record.randomised))
    out.add(6, "masking", _scalar(record.masking))
    model_note = f"registry: {record.allocation_code}" if record.allocation_code and not record.allocation else None
    out.add(6, "allocation", _scalar(record.allocation), model_note)
    # A placebo arm makes a trial placebo-controlled; its absence does not prove the opposite (a crossover
    # trial registers its sequences, not a placebo arm).
    placebo = True if "placebo_comparator" in roles else None
    out.add(6, "placebo_controlled", _scalar(placebo), None if placebo else "check the record's arms")

    out.lines.append("    population:")
    registered = ", ".join(record.conditions) or "none"
    out.add(6, "conditions", _flow(conditions_of(record)), f"registry conditions: {registered}")
    out.add(6, "description", "null", "own words: who was eligible (the registry's criteria are not copied)")
    out.add(6, "background_therapy", "null")

    if record.arms:
        out.comment(4, "arms as registered; dose, route, schedule and duration are in the record's arm descriptions")
        out.lines.append("    arms:")
        for arm in record.arms:
            arm_ids = [ids_of_name[_key(n)] for n in arm.intervention_names if _key(n) in ids_of_name]
            out.add(6, "- label", _scalar(arm.label))
            out.add(8, "role", arm.role or "other", None if arm.role else f"registry: {arm.kind or 'no type'}")
            out.add(8, "intervention_ids", _flow(dict.fromkeys(arm_ids)))
            for key in ("dose", "route", "schedule", "duration", "n_randomised"):
                out.add(8, key, "null")
    else:
        out.add(4, "arms", "[]", "the registry lists no arms")

    out.lines.append("    enrolment:")
    count, kind = record.enrolment.count, record.enrolment.kind
    enrolment_note = None if count is not None else "the registry gives no usable count"
    for key in ("planned", "enrolled", "randomised", "analysed"):
        value = count if key == kind else None
        note = ("registry: actual" if key == "enrolled" else "registry: estimated") if value is not None else None
        out.add(6, key, _scalar(value), note or (enrolment_note if key == "planned" else None))
    out.add(4, "treatment_duration", "null")

    out.lines.append("    dates:")
    dates: dict[str, RegistryDate | None] = {
        "registered": record.registered,
        "start": record.start,
        "primary_completion": record.primary_completion,
        "completion": record.completion,
        "results_posted": record.results_posted,
    }
    for key, day in dates.items():
        out.add(6, key, _date(day), "estimated" if day is not None and day.actual is False else None)
    out.add(6, "published", "null", "main results paper, if any")
    if record.why_stopped:
        out.comment(4, f"the registry's reason for stopping, to put in own words: {record.why_stopped}")
    out.add(4, "why_stopped", "null")
    out.add(4, "related", "[]")

    if record.primary_outcomes:
        out.comment(
            4,
            "primary outcomes as registered: rewrite each description in own words; "
            "whether it was met is not in the registry's record",
        )
        out.lines.append("    outcomes:")
        for outcome in record.primary_outcomes:
            out.add(6, "- kind", "primary")
            out.add(8, "measure", "null", "a measure id from measures.yaml (then add it to measures)")
            out.folded(8, "description", outcome.measure)
            out.add(8, "time_point", _scalar(outcome.time_frame))
            out.add(8, "population", "null")
            out.add(8, "met", "not_reported", "did it work? from the results, once read")
            out.add(8, "result", "null", "the effect estimate as reported, from the results")
            out.add(8, "estimate_note", "null")
    else:
        out.add(4, "outcomes", "[]", "the registry lists no primary outcome")
    out.add(4, "result_summary", "null", "own words, from the results")
    out.add(4, "measures", "[]", "the remyelination measures used: ids from measures.yaml")
    out.add(4, "adverse_events", "[]", "from the posted results or the paper")
    out.add(4, "safety_summary", "null")
    status = record.status or "unknown"
    status_note = None if record.status else f"registry: {record.status_code or 'no status'}"
    out.add(4, "status", status, status_note)
    out.add(4, "sponsor", _scalar(record.sponsor))
    out.add(4, "countries", _flow(record.countries))
    out.add(4, "sites", _scalar(record.sites), "registered locations" if record.sites is not None else None)
    results = [r for r in record.references if r.kind == "RESULT"]
    for reference in results:
        pmid = f"PMID {reference.pmid}: " if reference.pmid else ""
        out.comment(4, f"a results reference on the record: {pmid}{reference.citation}")
    out.add(4, "publications", "[]", "citations with DOI or PMID, once checked")

    backs = _backs(record)
    out.lines.append("    sources:")
    out.add(6, "- kind", "registry")
    version = f" (version {record.version})" if record.version else ""
    out.add(8, "title", _scalar(f"{REGISTRY_NAME} record {record.nct_id}{version}"))
    out.add(8, "registry_id", record.nct_id, links.registry_url(record.nct_id))
    out.folded(8, "backs", backs)
    out.add(4, "notes", "null")
    out.add(4, "last_reviewed", "null", "the date a curator checked this record")
    return Drafted(tid, record.nct_id, "\n".join(out.lines) + "\n", tuple(placeholders), tuple(warnings))


def _backs(record: RegistryRecord) -> str:
    """Which prefilled facts the registry record backs (those it gave)."""
    facts = ["title"]
    facts += ["phase"] if record.phase.ours else []
    facts += ["design"] if record.masking or record.allocation or record.randomised is not None else []
    facts += ["arms"] if record.arms else []
    facts += ["enrolment"] if record.enrolment.count is not None else []
    facts += ["dates"] if record.start or record.completion or record.registered else []
    facts += ["status"] if record.status else []
    facts += ["sponsor"] if record.sponsor else []
    facts += ["countries and sites"] if record.countries else []
    facts += ["primary outcomes as registered"] if record.primary_outcomes else []
    return ", ".join(facts)


def draft_document(drafts: Sequence[Drafted], today: date, origins: Sequence[str] = ()) -> str:
    """A YAML file of drafted records, with the review checklist at the top."""
    # Paths and addresses as given on the command line: one line each, nothing a YAML comment cannot hold.
    read = "; ".join(dict.fromkeys(_comment(safety.UNSAFE.sub("?", origin)) for origin in origins))
    head = [
        f"# Draft trial records written by `mstrials-tui registry draft` on {today.isoformat()} from",
        f"# ClinicalTrials.gov ({read})." if read else "# ClinicalTrials.gov.",
        "# Nothing here has been reviewed. Before it joins the curated data, a curator: checks every fact",
        "# against the registry record and the papers; replaces each todo- intervention id; writes the prose",
        "# in own words; fills what the registry cannot say (results, effects, measures, adverse events);",
        "# sets last_reviewed; and removes `draft: true`. `mstrials-tui validate` refuses the record until then.",
        "trials:",
    ]
    return "\n".join(head) + "\n" + "\n".join(d.yaml for d in drafts)
