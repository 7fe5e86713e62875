"""Labels of catalog rows and marks of trials, as `rich.text.Text` built from `core.text` strings.

Styles come from the catalog's component classes (theme variables in CSS), so labels follow the theme;
every meaning also has a symbol or word, so nothing depends on colour alone. A label longer than its row
is shortened with '…' in its name, never in its count or result.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.style import Style
from rich.text import Text

from ..core import text
from ..core.groupings import Branch
from ..core.model import Intervention, Measure, Trial

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


def branch_label(branch: Branch, marked: tuple[str, ...], style_of: StyleOf, width: int | None = None) -> Text:
    """The one-line label of a catalog row, at most `width` cells (the name gives way first)."""
    record = branch.record
    prefix = Text()
    tail = Text()
    if isinstance(record, Trial):
        mark = mark_prefix(record.id, marked)
        if mark:
            prefix.append(mark, style=style_of("catalog--mark"))
        name = text.one_line(record.label)
        tail.append(f"  {text.short_phase(record.phase)}", style=style_of("catalog--muted"))
        tail.append(
            f"  {text.marker(record.verdict)}", style=style_of(OUTCOME_STYLES.get(record.verdict, "catalog--muted"))
        )
    else:
        if isinstance(record, Intervention):
            name = text.one_line(record.name)
        elif isinstance(record, Measure):
            name = text.one_line(record.label)
            if record.abbreviation:
                name += f" — {text.one_line(record.name)}"
        else:
            name = branch.title
        # Only the trial count: group titles are long already (the detail pane gives the full counts).
        tail.append(f"  ({len(branch.trials):,})", style=style_of("catalog--muted"))
    if width is not None:
        room = width - prefix.cell_len - tail.cell_len
        name = text.truncate(name, max(room, 4))
    return Text.assemble(prefix, name, tail)
