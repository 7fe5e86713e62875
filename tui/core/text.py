"""Display strings for model values, shared by the screens, the CLI, compare and exports.

Unknown is explicit: every `None` becomes NOT_REPORTED here, in one place. Strings from the data are
also made safe to print here (`clean`): control characters are made visible rather than interpreted.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Iterable

from . import model

NOT_REPORTED = "not reported"

PHASE_LABELS = {
    "1": "Phase 1",
    "1/2": "Phase 1/2",
    "2": "Phase 2",
    "2a": "Phase 2a",
    "2b": "Phase 2b",
    "2/3": "Phase 2/3",
    "3": "Phase 3",
    "4": "Phase 4",
    "not_applicable": "Not applicable",
}
OUTCOME_LABELS = {
    "yes": "met",
    "no": "not met",
    "mixed": "mixed",
    "not_reported": NOT_REPORTED,
    "ongoing": "ongoing",
}
# Readable without colour: each result has its own symbol as well as its word.
OUTCOME_MARKERS = {
    "yes": "✓",
    "no": "✗",
    "mixed": "±",
    "not_reported": "?",
    "ongoing": "…",
}
STATUS_LABELS = {
    "completed": "Completed",
    "terminated": "Terminated",
    "withdrawn": "Withdrawn",
    "recruiting": "Recruiting",
    "active_not_recruiting": "Active, not recruiting",
    "not_yet_recruiting": "Not yet recruiting",
    "suspended": "Suspended",
    "enrolling_by_invitation": "Enrolling by invitation",
    "unknown": "Unknown status",
}
KIND_LABELS = {
    "small_molecule": "Small molecule",
    "antibody": "Antibody",
    "biologic": "Biologic",
    "cell_therapy": "Cell therapy",
    "neuromodulation": "Neuromodulation",
    "hormone": "Hormone",
    "supplement": "Supplement",
    "dmt": "Disease-modifying therapy",
    "other": "Other",
}
MECHANISM_LABELS = {
    "opc_differentiation": "OPC differentiation (repurposed receptor drugs)",
    "inhibitor_blockade": "Blocking myelination inhibitors",
    "remyelinating_antibody": "Remyelination-promoting antibodies",
    "thyroid_hormone": "Thyroid hormone pathway",
    "metabolic": "Energy and metabolism",
    "neuroprotection": "Neuroprotection",
    "hormonal": "Hormonal and neuroendocrine",
    "cell_therapy": "Cell therapy",
    "neuromodulation": "Neuromodulation",
    "immunomodulation": "Immunomodulation (DMTs)",
    "antiviral": "Antiviral (HERV-W)",
    "other": "Other",
}
CONDITION_LABELS = {
    "rrms": "relapsing-remitting MS",
    "spms": "secondary progressive MS",
    "ppms": "primary progressive MS",
    "relapsing_ms": "relapsing MS",
    "progressive_ms": "progressive MS",
    "cis": "clinically isolated syndrome",
    "optic_neuritis": "optic neuritis",
    "ms": "MS",
}
BLINDING_LABELS = {"open_label": "open label", "single_blind": "single blind", "double_blind": "double blind"}
ALLOCATION_LABELS = {
    "parallel": "parallel groups",
    "crossover": "crossover",
    "single_group": "single group",
    "factorial": "factorial",
    "delayed_start": "delayed start",
}
CATEGORY_LABELS = {
    "mri": "MRI",
    "pet": "PET",
    "electrophysiology": "Electrophysiology",
    "retinal_imaging": "Retinal imaging",
    "visual_function": "Visual function",
    "clinical_scale": "Clinical scale",
    "other": "Other",
}
SPECIFICITY_LABELS = {"high": "high", "moderate": "moderate", "low": "low", "none": "none"}
SOURCE_KIND_LABELS = {
    "registry": "Registry",
    "publication": "Publication",
    "review": "Review",
    "news": "News",
    "conference": "Conference",
    "other": "Other",
}

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def _visible(match: re.Match[str]) -> str:
    char = match.group(0)
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode "control pictures" block: ␛ for ESC
    if code == 0x7F:
        return "␡"
    return f"<U+{code:04X}>"


def clean(text: str) -> str:
    """Text from the data, safe for a terminal: control and bidi-override characters made visible.

    Tabs become spaces and newlines stay; everything else that a terminal would interpret is shown
    as a visible symbol instead of being sent to the terminal.
    """
    text = text.replace("\t", "    ").replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub(_visible, text)


def one_line(text: str) -> str:
    """Text folded to one line (for tree labels, table cells and CSV)."""
    return " ".join(clean(text).split())


def value(text: str | None) -> str:
    """A text field for display: cleaned, or NOT_REPORTED when unknown."""
    return NOT_REPORTED if text is None else clean(text)


def label(labels: dict[str, str], key: str | None) -> str:
    if key is None:
        return NOT_REPORTED
    return labels.get(key, key)


def phase(key: str | None) -> str:
    return label(PHASE_LABELS, key)


def short_phase(key: str | None) -> str:
    """'P2', 'P1/2', 'n/a', '?' — for tree labels."""
    if key is None:
        return "P?"
    if key == "not_applicable":
        return "n/a"
    return f"P{key}"


def outcome(key: str) -> str:
    return f"{OUTCOME_MARKERS.get(key, '?')} {label(OUTCOME_LABELS, key)}"


def status(key: str) -> str:
    return label(STATUS_LABELS, key)


def yes_no(flag: bool | None, yes: str = "yes", no: str = "no") -> str:
    if flag is None:
        return NOT_REPORTED
    return yes if flag else no


def number(count: int | None) -> str:
    return NOT_REPORTED if count is None else f"{count:,}"


def items(values: Iterable[str], empty: str = NOT_REPORTED) -> str:
    joined = ", ".join(clean(v) for v in values)
    return joined or empty


def enrollment(trial: model.Trial) -> str:
    if trial.enrollment is None:
        return NOT_REPORTED
    basis = f" {trial.enrollment_basis}" if trial.enrollment_basis else ""
    return f"{trial.enrollment:,}{basis}"


def duration(trial: model.Trial) -> str:
    return NOT_REPORTED if trial.treatment_duration is None else str(trial.treatment_duration)


def years(trial: model.Trial) -> str:
    if trial.start_year is None and trial.end_year is None:
        return NOT_REPORTED
    start = trial.start_year if trial.start_year is not None else "?"
    end = trial.end_year if trial.end_year is not None else "?"
    return f"{start}–{end}"


def design(trial: model.Trial) -> str:
    d = trial.design
    parts = [
        yes_no(d.randomised, "randomised", "not randomised") if d.randomised is not None else None,
        label(BLINDING_LABELS, d.blinding) if d.blinding else None,
        label(ALLOCATION_LABELS, d.allocation) if d.allocation else None,
        yes_no(d.placebo_controlled, "placebo-controlled", "no placebo")
        if d.placebo_controlled is not None
        else None,
    ]
    known = [p for p in parts if p]
    return ", ".join(known) if known else NOT_REPORTED


def conditions(trial: model.Trial) -> str:
    return items((label(CONDITION_LABELS, c) for c in trial.population.conditions))


def population(trial: model.Trial) -> str:
    parts = [conditions(trial)]
    if trial.population.description:
        parts.append(clean(trial.population.description))
    return " — ".join(parts)


def registry_ids(trial: model.Trial) -> str:
    return items(trial.registry_ids, empty="none")


def source_line(source: model.Source) -> str:
    """One line naming a source: kind, title or link, identifiers."""
    parts = [SOURCE_KIND_LABELS.get(source.kind, source.kind) + ":"]
    if source.title:
        parts.append(one_line(source.title))
    if source.doi:
        parts.append(f"doi:{clean(source.doi)}")
    if source.pmid:
        parts.append(f"PMID {clean(source.pmid)}")
    if source.url and not source.title:
        parts.append(clean(source.url))
    return " ".join(parts)


def publication_line(publication: model.Publication) -> str:
    parts = [one_line(publication.citation)]
    if publication.doi:
        parts.append(f"doi:{clean(publication.doi)}")
    if publication.pmid:
        parts.append(f"PMID {clean(publication.pmid)}")
    return " ".join(parts)


def citation(trial: model.Trial) -> str:
    """How to cite a trial: label, registry ids and its publications (one line each)."""
    lines = [f"{one_line(trial.label)} — {one_line(trial.title)}"]
    if trial.registry_ids:
        lines.append("Registry: " + registry_ids(trial))
    lines.extend(publication_line(p) for p in trial.publications)
    return "\n".join(lines)


def width(text: str) -> int:
    """Terminal cell width, counting wide (East Asian, emoji) characters as two and combining as zero."""
    total = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        total += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return total


def count(number: int, noun: str) -> str:
    """'1 trial', '3 trials' (regular plurals only)."""
    return f"{number:,} {noun}{'' if number == 1 else 's'}"
