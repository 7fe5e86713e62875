"""Rich renderables built from the display strings of `core.text`.

Every string from the data reaches the screen through here or through `labels`, always as a
`rich.text.Text` (never as markup), so a title like "[bold]x" is shown exactly as typed.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from rich.table import Table
from rich.text import Text

from ..core import model, text


def plain(value: str | None) -> Text:
    """A data string (or NOT_REPORTED) as literal text."""
    return Text(text.value(value))


def field_grid(rows: Iterable[tuple[str, str]]) -> Table:
    """Label / value rows; values wrap in their column. Labels are ours, values already cleaned."""
    grid = Table.grid(padding=(0, 2), expand=True)
    grid.add_column(no_wrap=True, style="bold")
    grid.add_column(ratio=1, overflow="fold")
    for label, value in rows:
        grid.add_row(Text(label), Text(value))
    return grid


def registry_ids(trial: model.Trial) -> str:
    """Registry ids with the registry that issued each, e.g. 'NCT01 (ClinicalTrials.gov)'."""
    if not trial.registry_ids:
        return "none"
    parts = []
    for rid in trial.registry_ids:
        name = model.registry_name(rid)
        parts.append(f"{text.one_line(rid)} ({name})" if name else text.one_line(rid))
    return ", ".join(parts)


def reviewed(day: date | None) -> Text:
    return Text(f"Last reviewed: {day.isoformat() if day else text.NOT_REPORTED}", style="italic")


def source_prompt(source: model.Source) -> Text:
    """A source as a list entry: what it is, then which facts it backs."""
    line = Text(text.source_line(source))
    line.append("\n  backs: ", style="italic")
    line.append(text.one_line(source.backs))
    return line
