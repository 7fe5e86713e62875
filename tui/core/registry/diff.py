"""Our facts about a trial against its ClinicalTrials.gov record: the differences a curator should look at.

A difference is a prompt, never an edit: the registry can be behind the papers (we record 50 randomised from
the paper while the record says 48), or ahead of us (a trial finished, results posted). So the rules are
lenient where the two legitimately differ in precision: dates agree when they agree as far as both are known
("2014-01" and "2014-01-31"); our phase 2a agrees with the registry's PHASE2; a sponsor agrees when one name
contains the other; our why-stopped text is in our own words, so only its presence is compared.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from .. import model, safety, text, vocab
from .api import Fetched
from .errors import NoSavedResponse, RegistryError, RegistryRateLimited, RegistryUnreachable
from .parse import RegistryDate, RegistryRecord, parse_study

NOT_GIVEN = "not given"


@dataclass(frozen=True, slots=True)
class Difference:
    """One fact on which the registry and we disagree."""

    field: str  # our field: status, why_stopped, phase, enrolment, dates.start, sponsor…
    label: str  # for readers
    registry: str
    ours: str


@dataclass(frozen=True)
class TrialCheck:
    """The result of checking one trial against one registry record."""

    trial_id: str
    trial_label: str
    nct_id: str  # as we list it
    registry_id: str  # the record's id (another one when ours was merged into it)
    version: str | None  # the registry record's version date
    last_update: str | None
    fetched_at: str | None
    origin: str
    differences: tuple[Difference, ...]
    notes: tuple[str, ...] = ()

    @property
    def differs(self) -> bool:
        return bool(self.differences)


def nct_ids(trial: model.Trial) -> tuple[str, ...]:
    """The ClinicalTrials.gov ids of a trial (most have one; a few list two records)."""
    return tuple(rid.upper() for rid in trial.registry_ids if re.fullmatch(r"NCT\d{8}", rid, re.IGNORECASE))


def check_trial(trial: model.Trial, record: RegistryRecord, fetched: Fetched | None = None) -> TrialCheck:
    """Compare a trial with the registry record of one of its NCT ids."""
    return TrialCheck(
        trial_id=trial.id,
        trial_label=trial.label,
        nct_id=record.requested_id,
        registry_id=record.nct_id,
        version=str(record.version) if record.version else None,
        last_update=str(record.last_update.date) if record.last_update else None,
        fetched_at=fetched.fetched_at.isoformat(timespec="seconds") if fetched and fetched.fetched_at else None,
        origin=fetched.origin if fetched else "",
        differences=tuple(differences(trial, record)),
        notes=record.notes + (fetched.warnings if fetched else ()),
    )


def differences(trial: model.Trial, record: RegistryRecord) -> Iterator[Difference]:
    """Every difference: identity and status first (they change what the rest means), then the facts."""
    if record.merged:
        yield Difference(
            "registry_ids",
            "Registry id",
            f"{record.nct_id} (this record absorbed {record.requested_id})",
            record.requested_id,
        )
    yield from _status(trial, record)
    yield from _why_stopped(trial, record)
    yield from _phase(trial, record)
    yield from _enrolment(trial, record)
    for kind in ("start", "primary_completion", "completion"):
        yield from _date(kind, getattr(record, kind), getattr(trial.dates, kind))
    yield from _results(trial, record)
    yield from _sponsor(trial, record)
    yield from _updated(trial, record)


def _status(trial: model.Trial, record: RegistryRecord) -> Iterator[Difference]:
    if record.status_code is None or record.status == trial.status:
        return
    yield Difference("status", "Status", record.status_label, vocab.STATUS.label(trial.status))


def _why_stopped(trial: model.Trial, record: RegistryRecord) -> Iterator[Difference]:
    # Ours is written in our own words, so the wording is never compared: only whether a reason is given.
    if record.why_stopped and not trial.why_stopped:
        yield Difference("why_stopped", "Why stopped", record.why_stopped, text.NOT_REPORTED)
    elif trial.why_stopped and not record.why_stopped and record.status_code is not None:
        yield Difference("why_stopped", "Why stopped", NOT_GIVEN, text.one_line(trial.why_stopped))


def _phase(trial: model.Trial, record: RegistryRecord) -> Iterator[Difference]:
    if not record.phase.codes or trial.phase in record.phase.agrees_with:
        return
    yield Difference("phase", "Phase", record.phase.label, text.phase(trial.phase))


def _counts(enrolment: model.Enrolment) -> str:
    known = enrolment.known()
    return ", ".join(f"{n:,} {vocab.ENROLMENT_KIND.label(k)}" for k, n in known) or text.NOT_REPORTED


def _enrolment(trial: model.Trial, record: RegistryRecord) -> Iterator[Difference]:
    count, kind = record.enrolment.count, record.enrolment.kind
    if count is None or kind is None:
        return  # unknown (the 99999999 placeholder) or untyped: nothing to compare; parse left a note
    ours = trial.enrolment
    registry = f"{count:,} {'enrolled (actual)' if kind == 'enrolled' else 'planned (estimated)'}"
    if kind == "enrolled":
        # An actual count is news whenever ours differs or we only had the target.
        if ours.enrolled != count:
            yield Difference("enrolment", "Enrolment", registry, _counts(ours))
        return
    # An estimated count is compared with our target; once we know who took part, an old target is moot.
    later = (ours.enrolled, ours.randomised, ours.analysed)
    if (ours.planned is not None and ours.planned != count) or (ours.planned is None and all(n is None for n in later)):
        yield Difference("enrolment", "Enrolment", registry, _counts(ours))


def agree(a: model.PartialDate, b: model.PartialDate) -> bool:
    """Whether two dates agree as far as both are known ('2014-01' and '2014-01-31' do)."""
    if a.year != b.year:
        return False
    if a.month is None or b.month is None:
        return True
    if a.month != b.month:
        return False
    return a.day is None or b.day is None or a.day == b.day


def _date(kind: str, registry: RegistryDate | None, ours: model.PartialDate | None) -> Iterator[Difference]:
    label = vocab.DATE_KIND.label(kind)
    label = "Start" if kind == "start" else "Completion" if kind == "completion" else label
    if registry is None:
        if ours is not None:
            yield Difference(f"dates.{kind}", label, NOT_GIVEN, str(ours))
        return
    if ours is None or not agree(registry.date, ours):
        yield Difference(f"dates.{kind}", label, str(registry), text.NOT_REPORTED if ours is None else str(ours))


def _results(trial: model.Trial, record: RegistryRecord) -> Iterator[Difference]:
    ours = trial.dates.results_posted
    posted = record.results_posted
    shown = f"posted {posted.date}" if posted else "posted" if record.has_results else "none posted"
    moved = posted is not None and ours is not None and not agree(posted.date, ours)
    if record.has_results and ours is None:
        yield Difference("dates.results_posted", "Results posted", shown, text.NOT_REPORTED)
    elif (ours is not None and not record.has_results) or moved:
        yield Difference("dates.results_posted", "Results posted", shown, f"posted {ours}")


def _name(value: str) -> str:
    words = re.sub(r"[^\w]+", " ", value.casefold().replace("&", " and ")).split()
    return " ".join(words)


def _sponsor(trial: model.Trial, record: RegistryRecord) -> Iterator[Difference]:
    if record.sponsor is None:
        return
    if trial.sponsor is not None:
        ours, theirs = f" {_name(trial.sponsor)} ", f" {_name(record.sponsor)} "
        # "Biogen" and "Biogen" agree, and so do "Riley Bove, MD" and "Riley Bove, MD (UCSF)": a name we
        # wrote out in full still names the registry's sponsor.
        if ours.strip() and theirs.strip() and (ours in theirs or theirs in ours):
            return
    yield Difference("sponsor", "Sponsor", record.sponsor, text.value(trial.sponsor))


def _as_date(day: model.PartialDate) -> date:
    return date(day.year, day.month or 1, day.day or 1)


def _updated(trial: model.Trial, record: RegistryRecord) -> Iterator[Difference]:
    """A record updated after our last review may have changed in ways not compared here (eligibility,
    outcomes…): worth a look, so it is a difference too."""
    if record.last_update is None:
        return
    updated = _as_date(record.last_update.date)
    if trial.last_reviewed is None or updated > trial.last_reviewed:
        reviewed = f"last reviewed {trial.last_reviewed}" if trial.last_reviewed else "never reviewed"
        yield Difference("last_reviewed", "Last update", f"updated {record.last_update.date}", reviewed)


# --- Reports -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CheckError:
    """A trial that could not be checked, and why."""

    trial_id: str
    trial_label: str
    nct_id: str
    message: str


def _safe(value: str) -> str:
    return safety.visible(" ".join(value.split()))


def header(check: TrialCheck) -> str:
    """'ReBUILD (rebuild) · NCT02040298 · registry version 2025-09-18 · last update posted 2025-09-17'."""
    parts = [f"{_safe(check.trial_label)} ({check.trial_id})", check.nct_id]
    if check.registry_id != check.nct_id:
        parts[-1] += f" → {check.registry_id}"
    parts.append(f"registry version {check.version or 'unknown'}")
    if check.last_update:
        parts.append(f"last update posted {check.last_update}")
    if check.fetched_at:
        parts.append(f"fetched {check.fetched_at}")
    return " · ".join(parts)


def to_text(checks: Iterable[TrialCheck], errors: Iterable[CheckError] = ()) -> str:
    """The report: each trial's header, then each difference as the registry's value over ours."""
    checks, errors = list(checks), list(errors)
    lines: list[str] = []
    for check in checks:
        if not check.differs:
            lines.append(f"{header(check)}: no differences")
        else:
            lines.append(header(check))
            width = max(len(d.label) for d in check.differences) + 2
            for found in check.differences:
                lines.append(f"  {found.label:<{width}}registry: {_safe(found.registry)}")
                lines.append(f"  {'':<{width}}ours:     {_safe(found.ours)}")
        lines.extend(f"  note: {_safe(note)}" for note in check.notes)
    for error in errors:
        lines.append(
            f"{_safe(error.trial_label)} ({error.trial_id}) · {error.nct_id}: not checked: {_safe(error.message)}"
        )
    differing = sum(1 for c in checks if c.differs)
    summary = (
        f"{text.count(len(checks), 'registry record')} checked: {differing} with differences, "
        f"{len(checks) - differing} without"
    )
    if errors:
        summary += f"; {text.count(len(errors), 'record')} could not be checked"
    lines.append(summary)
    return "\n".join(lines)


def to_dict(checks: Iterable[TrialCheck], errors: Iterable[CheckError] = ()) -> dict[str, object]:
    checks, errors = list(checks), list(errors)
    return {
        "checked": len(checks),
        "with_differences": sum(1 for c in checks if c.differs),
        "trials": [
            {
                "id": c.trial_id,
                "label": c.trial_label,
                "nct_id": c.nct_id,
                "registry_id": c.registry_id,
                "registry_version": c.version,
                "last_update_posted": c.last_update,
                "fetched_at": c.fetched_at,
                "read_from": c.origin,
                "differences": [
                    {"field": d.field, "label": d.label, "registry": d.registry, "ours": d.ours} for d in c.differences
                ],
                "notes": list(c.notes),
            }
            for c in checks
        ],
        "errors": [{"id": e.trial_id, "nct_id": e.nct_id, "message": e.message} for e in errors],
    }


# --- Checking many trials --------------------------------------------------------------------------------------


@dataclass
class CheckRun:
    """The outcome of checking several trials: their checks, the failures, and the trials skipped because no
    saved response was at hand (when checking every trial from saved responses)."""

    checks: list[TrialCheck]
    errors: list[CheckError]
    skipped: list[CheckError]


def check_trials(
    trials: Iterable[model.Trial],
    get: Callable[[str], Fetched],
    *,
    skip_missing: bool = False,
    progress: Callable[[int, int, str], None] | None = None,
) -> CheckRun:
    """Check each NCT id of each trial with the record `get` returns for it; `progress(done, total, nct)`
    is called before each (a full online check takes a minute at one request a second).

    A failure for one record is reported and the rest go on; a failure that would repeat for every record
    (no network, the registry limiting us) stops the run by raising."""
    run = CheckRun([], [], [])
    pairs = [(trial, nct) for trial in trials for nct in nct_ids(trial)]
    for done, (trial, nct) in enumerate(pairs):
        if progress is not None:
            progress(done, len(pairs), nct)
        try:
            fetched = get(nct)
            record = parse_study(fetched.payload, nct, fetched.redirected_to)
        except (RegistryUnreachable, RegistryRateLimited):
            raise
        except NoSavedResponse as error:
            (run.skipped if skip_missing else run.errors).append(CheckError(trial.id, trial.label, nct, str(error)))
            continue
        except RegistryError as error:
            run.errors.append(CheckError(trial.id, trial.label, nct, str(error)))
            continue
        run.checks.append(check_trial(trial, record, fetched))
    return run
