"""Display strings for model values, shared by the screens, the CLI, compare and exports.

Unknown is explicit: every `None` becomes NOT_REPORTED here, in one place. Strings from the data are also
made safe to print here (`clean`), as a second line of defence behind the loader's character checks.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from decimal import Decimal

from . import links, model, safety, vocab
from .vocab import NOT_REPORTED

__all__ = ["NOT_REPORTED"]  # re-exported: callers write text.NOT_REPORTED

MINUS = "−"  # U+2212, as papers print negative numbers


def clean(value: str) -> str:
    """Text from the data, safe for a terminal: control and bidi characters made visible, line feeds kept."""
    return safety.visible(value)


def one_line(value: str) -> str:
    """Text folded to one line (for tree labels, table cells and CSV)."""
    return " ".join(clean(value).split())


def value(text: str | None) -> str:
    """A text field for display: cleaned, or NOT_REPORTED when unknown."""
    return NOT_REPORTED if text is None else clean(text)


def phase(key: str | None) -> str:
    return vocab.PHASE.label(key)


def short_phase(key: str | None) -> str:
    """'P2', 'P1/2', 'n/a', 'P?' — for tree labels and narrow tables."""
    if key is None:
        return "P?"
    if key == "not_applicable":
        return "n/a"
    return f"P{key}"


def verdict(key: str) -> str:
    """'✓ met', '✗ not met', … — a symbol as well as the word, so no meaning rests on colour."""
    return f"{vocab.VERDICT_MARKER.get(key, '?')} {vocab.VERDICT.label(key)}"


def marker(key: str) -> str:
    return vocab.VERDICT_MARKER.get(key, "?")


def status(key: str) -> str:
    return vocab.STATUS.label(key)


def yes_no(flag: bool | None, yes: str = "yes", no: str = "no") -> str:
    if flag is None:
        return NOT_REPORTED
    return yes if flag else no


def number(count: float | None) -> str:
    if count is None:
        return NOT_REPORTED
    if isinstance(count, float) and not count.is_integer():
        return f"{count:,.1f}"
    return f"{int(count):,}"


def signed(value: float, digits: int = 6) -> str:
    """A number as reported ('-1.7' -> '−1.7', 0.0048 stays '0.0048'), never in exponent form."""
    shown = f"{value:.{digits}g}"
    if "e" in shown and abs(value) >= 1:
        shown = f"{value:.{digits}f}".rstrip("0").rstrip(".")
    elif "e" in shown:  # 1e-07 -> "0.0000001" (`digits` fixed places printed it as "0")
        shown = format(Decimal(shown), "f")
    return shown.replace("-", MINUS)


def items(values: Iterable[str], empty: str = NOT_REPORTED) -> str:
    joined = ", ".join(one_line(v) for v in values)
    return joined or empty


def count(amount: int, noun: str) -> str:
    """'1 trial', '3 trials' (regular plurals only)."""
    return f"{amount:,} {noun}{'' if amount == 1 else 's'}"


# --- Trials -----------------------------------------------------------------------------------------------


def enrolment(trial: model.Trial) -> str:
    """The headline count and its kind ('50 randomised'), then the other counts in brackets."""
    known = trial.enrolment.known()
    if not known:
        return NOT_REPORTED
    kind, amount = known[-1]
    others = [f"{n:,} {vocab.ENROLMENT_KIND.label(k)}" for k, n in known[:-1]]
    head = f"{amount:,} {vocab.ENROLMENT_KIND.label(kind)}"
    return f"{head} ({', '.join(others)})" if others else head


def headline_count(trial: model.Trial) -> str:
    """The headline count alone ('50'), for narrow tables."""
    headline = trial.enrolment.headline
    return f"{headline[1]:,}" if headline else "?"


def duration(trial: model.Trial) -> str:
    return NOT_REPORTED if trial.treatment_duration is None else str(trial.treatment_duration)


def years(trial: model.Trial) -> str:
    """'2014–2016', '2019–?' (end not known), '2023–2027 (planned)' for a running trial."""
    start, end = trial.start_year, trial.end_year
    if start is None and end is None:
        return NOT_REPORTED
    shown = f"{start if start is not None else '?'}–{end if end is not None else '?'}"
    return shown + (" (planned)" if trial.ongoing and end is not None else "")


def date(day: model.PartialDate | None) -> str:
    return NOT_REPORTED if day is None else str(day)


def dates(trial: model.Trial) -> str:
    """'Started 2014-01 · Completed 2016-04 · Published 2017-10'."""
    known = trial.dates.known()
    if not known:
        return NOT_REPORTED
    return " · ".join(f"{vocab.DATE_KIND.label(kind)} {day}" for kind, day in known)


def design(trial: model.Trial) -> str:
    d = trial.design
    parts = [
        yes_no(d.randomised, "randomised", "not randomised") if d.randomised is not None else None,
        vocab.MASKING.label(d.masking) if d.masking else None,
        vocab.ALLOCATION.label(d.allocation) if d.allocation else None,
        yes_no(d.placebo_controlled, "placebo-controlled", "no placebo") if d.placebo_controlled is not None else None,
    ]
    known = [p for p in parts if p]
    return ", ".join(known) if known else NOT_REPORTED


def conditions(trial: model.Trial) -> str:
    return items(vocab.CONDITION.label(c) for c in trial.population.conditions)


def population(trial: model.Trial) -> str:
    parts = [conditions(trial)]
    if trial.population.description:
        parts.append(one_line(trial.population.description))
    return " — ".join(parts)


def arm(arm: model.Arm, dataset: model.Dataset | None = None) -> str:
    """'Clemastine first (experimental, n=25): 5.36 mg oral twice daily for 90 days'."""
    head = f"{one_line(arm.label)} ({vocab.ARM_ROLE.label(arm.role)}"
    head += f", n={arm.n_randomised:,})" if arm.n_randomised is not None else ")"
    shown = regimen(arm)
    return f"{head}: {shown}" if shown else head


def regimen(arm: model.Arm) -> str:
    """'5.36 mg oral twice daily for 90 days' (the duration only when the schedule does not say it)."""
    shown = " ".join(one_line(part) for part in (arm.dose, arm.route, arm.schedule) if part)
    if arm.duration is not None and str(arm.duration) not in shown:
        shown += f"{' for ' if shown else 'for '}{arm.duration}"
    return shown


def arms(trial: model.Trial) -> str:
    return "; ".join(arm(a) for a in trial.arms) or NOT_REPORTED


def adverse_events(row: model.AdverseEvents) -> str:
    """'Clemastine: 25 participants · any AE 10 · serious 0 · stopped for AE 0 · deaths 0'."""
    parts = [f"{one_line(row.group)}: {row.participants:,} participants"]
    for name, amount in (
        ("any AE", row.any),
        ("serious", row.serious),
        ("stopped for AE", row.discontinued),
        ("deaths", row.deaths),
    ):
        if amount is not None:
            parts.append(f"{name} {amount:,}")
    return " · ".join(parts)


def adverse_events_summary(trial: model.Trial) -> str:
    return "; ".join(adverse_events(row) for row in trial.adverse_events) or NOT_REPORTED


def related(dataset: model.Dataset, trial: model.Trial) -> str:
    return (
        "; ".join(f"{link.words} {one_line(link.trial.label)}" for link in dataset.links_of.get(trial.id, ())) or "none"
    )


def registry_ids(trial: model.Trial) -> str:
    return items(trial.registry_ids, empty="none")


# --- Sources and citations ------------------------------------------------------------------------------------


def source_line(source: model.Source) -> str:
    """One line naming a source: kind, title, identifiers."""
    parts = [vocab.SOURCE_KIND.label(source.kind) + ":"]
    if source.title:
        parts.append(one_line(source.title))
    if source.registry_id:
        parts.append(f"{links.registry_name(source.registry_id) or 'registry'} {one_line(source.registry_id)}")
    if source.doi:
        parts.append(f"doi:{one_line(source.doi)}")
    if source.pmid:
        parts.append(f"PMID {one_line(source.pmid)}")
    if not (source.title or source.registry_id or source.doi or source.pmid) and source.url:
        parts.append(one_line(source.url))
    return " ".join(parts)


def source_with_links(source: model.Source) -> str:
    """A source with its canonical link, and where it was read when that was elsewhere."""
    line = source_line(source)
    canonical = source.canonical_link
    if canonical:
        line += f" <{one_line(canonical)}>"
    if source.read_at and source.read_at != canonical:
        line += f" (read at <{one_line(source.read_at)}>)"
    return line


def publication_line(publication: model.Publication) -> str:
    parts = [one_line(publication.citation)]
    if publication.doi:
        parts.append(f"doi:{one_line(publication.doi)}")
    if publication.pmid:
        parts.append(f"PMID {one_line(publication.pmid)}")
    return " ".join(parts)


def citation(trial: model.Trial) -> str:
    """How to cite a trial: label, registry records (canonical links) and its publications."""
    lines = [f"{one_line(trial.label)} — {one_line(trial.title)}" if trial.acronym else one_line(trial.title)]
    for rid in trial.registry_ids:
        url = links.registry_url(rid)
        lines.append(f"{links.registry_name(rid) or 'Registry'} {one_line(rid)}" + (f" <{url}>" if url else ""))
    for publication in trial.publications:
        link = publication.link
        lines.append(publication_line(publication) + (f" <{one_line(link)}>" if link else ""))
    return "\n".join(lines)


def width(value: str) -> int:
    """Terminal cell width, counting wide (East Asian, emoji) characters as two and combining as zero."""
    total = 0
    for char in value:
        if unicodedata.combining(char):
            continue
        total += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return total


def truncate(value: str, cells: int) -> str:
    """At most `cells` terminal cells, ending in '…' when shortened."""
    if width(value) <= cells:
        return value
    shown, used = [], 0
    for char in value:
        char_width = (
            0 if unicodedata.combining(char) else (2 if unicodedata.east_asian_width(char) in ("W", "F") else 1)
        )
        if used + char_width > cells - 1:
            break
        shown.append(char)
        used += char_width
    return "".join(shown) + "…"
