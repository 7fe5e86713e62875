"""Labels of catalog rows and marks of trials, as `rich.text.Text` built from `core.text` strings.

Styles come from the catalog's component classes (theme variables in CSS), so labels follow the theme;
every meaning also has a symbol or word, so nothing depends on colour alone.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.style import Style
from rich.text import Text

from ..core import text
from ..core.model import Intervention, Measure, Trial
from .groupings import Branch

MARK_LETTERS = ("A", "B")

# Component class of each result marker; the catalog's CSS gives each a theme colour.
OUTCOME_STYLES = {
    "yes": "catalog--met",
    "no": "catalog--not-met",
    "mixed": "catalog--mixed",
    "not_reported": "catalog--muted",
    "ongoing": "catalog--muted",
}

StyleOf = Callable[[str], Style]


def mark_letter(trial_id: str, marked: tuple[str, ...]) -> str | None:
    """'A' for the first marked trial, 'B' for the second, None if not marked."""
    if trial_id not in marked:
        return None
    return MARK_LETTERS[marked.index(trial_id)]


def mark_prefix(trial_id: str, marked: tuple[str, ...]) -> str:
    letter = mark_letter(trial_id, marked)
    return f"[{letter}] " if letter else ""


def branch_label(branch: Branch, marked: tuple[str, ...], style_of: StyleOf) -> Text:
    """The one-line label of a catalog row."""
    record = branch.record
    label = Text()
    if isinstance(record, Trial):
        prefix = mark_prefix(record.id, marked)
        if prefix:
            label.append(prefix, style=style_of("catalog--mark"))
        label.append(text.one_line(record.label))
        label.append(f"  {text.short_phase(record.phase)}", style=style_of("catalog--muted"))
        met = record.primary_outcome_met
        label.append(
            f"  {text.OUTCOME_MARKERS.get(met, '?')}",
            style=style_of(OUTCOME_STYLES.get(met, "catalog--muted")),
        )
        return label
    if isinstance(record, Intervention):
        label.append(text.one_line(record.name))
    elif isinstance(record, Measure):
        label.append(text.one_line(record.label))
        if record.abbreviation:
            label.append(f" — {text.one_line(record.name)}")
    else:
        label.append(branch.title)
    # Only the trial count: group titles are long already (the detail pane gives the full counts).
    label.append(f"  ({text.count(len(branch.trials), 'trial')})", style=style_of("catalog--muted"))
    return label
