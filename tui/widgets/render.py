"""Rich renderables built from the display strings of `core.text` and `core.effects`.

Every string from the data reaches the screen through here or through `labels`, always as a
`rich.text.Text` (never as markup), so a title like "[bold]x" is shown exactly as typed.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from ..core import effects, links, model, text, vocab


def plain(value: str | None) -> Text:
    """A data string (or NOT_REPORTED) as literal text."""
    return Text(text.value(value))


def field_grid(rows: Iterable[tuple[str, str]]) -> Table:
    """Label / value rows; values wrap in their column. Labels are ours, values already cleaned."""
    grid = Table.grid(padding=(0, 2), expand=True)
    grid.add_column(no_wrap=True, style="bold")
    grid.add_column(ratio=1, overflow="fold")
    for label, value in rows:
        grid.add_row(Text(label), Text(value, style="italic" if value == text.NOT_REPORTED else ""))
    return grid


def reviewed(day: date | None) -> Text:
    return Text(f"Last reviewed: {day.isoformat() if day else text.NOT_REPORTED}", style="italic")


def source_prompt(source: model.Source) -> Text:
    """A source as a list entry: what it is and its canonical link, where it was read, what it backs."""
    line = Text(text.source_line(source))
    canonical = source.canonical_link
    if canonical:
        line.append("\n  ")
        line.append(text.one_line(canonical), style="underline")
    if source.read_at and source.read_at != canonical:
        line.append("\n  read at: ", style="italic")
        line.append(links.host_of(source.read_at) or text.one_line(source.read_at))
    line.append("\n  backs: ", style="italic")
    line.append(text.one_line(source.backs))
    return line


def evidence_table() -> Table:
    """A borderless table with one space between columns (narrow panes need every cell)."""
    return Table(box=None, padding=(0, 1), collapse_padding=True, pad_edge=False, expand=True, header_style="bold")


def arms_table(trial: model.Trial, dataset: model.Dataset) -> Table:
    """Arm, its role, how many were assigned, and the regimen."""
    table = evidence_table()
    table.add_column("Arm", ratio=2, overflow="fold")
    table.add_column("n", justify="right", no_wrap=True)
    table.add_column("Regimen", ratio=3, overflow="fold")
    for arm in trial.arms:
        names = [i.name for i in (dataset.intervention(iid) for iid in arm.intervention_ids) if i is not None]
        label = Text(text.one_line(arm.label))
        label.append(f"\n{vocab.ARM_ROLE.label(arm.role)}", style="italic")
        regimen = text.regimen(arm)
        if names and not regimen:
            regimen = ", ".join(text.one_line(n) for n in names)
        count = f"{arm.n_randomised:,}" if arm.n_randomised is not None else "?"
        table.add_row(label, Text(count), Text(regimen or text.NOT_REPORTED, style="" if regimen else "italic"))
    return table


def adverse_events_table(trial: model.Trial) -> Table:
    """Participants with events, per arm: any, serious, stopped for an event, deaths (of n)."""
    table = evidence_table()
    # At least as wide as the longest group name (up to a point), so names wrap at words, not letters.
    longest = max((text.width(text.one_line(row.group)) for row in trial.adverse_events), default=5)
    table.add_column("Group", ratio=3, overflow="fold", min_width=min(longest, 16))
    for name in ("n", "any", "serious", "stopped", "died"):
        table.add_column(name, justify="right", no_wrap=True)
    for row in trial.adverse_events:
        cells = [row.participants, row.any, row.serious, row.discontinued, row.deaths]
        table.add_row(Text(text.one_line(row.group)), *(Text("?" if c is None else f"{c:,}") for c in cells))
    return table


def outcomes(trial: model.Trial, dataset: model.Dataset) -> Group:
    """Each outcome: kind, whether it was met, what was measured and when; the effect under it."""
    blocks: list[RenderableType] = []
    for found in trial.outcomes:
        head = Text(f"{vocab.OUTCOME_KIND.label(found.kind)} · {vocab.OUTCOME_MET.label(found.met)}", style="bold")
        measure = dataset.measure(found.measure) if found.measure else None
        if measure is not None:
            head.append(f" · {text.one_line(measure.label)}", style="not bold")
        line = Text(text.one_line(found.description))
        if found.time_point:
            line.append(f" (at {text.one_line(found.time_point)})", style="italic")
        # Indented as a block, so that a wrapped effect stays under its outcome.
        result = Padding(Text(effects.outcome(dataset, trial, found)), (0, 0, 0, 2))
        blocks += [head, line, result, Text("")]
    return Group(*blocks[:-1]) if blocks else Group(Text(text.NOT_REPORTED, style="italic"))


def timeline(trial: model.Trial) -> Text:
    """The known dates in order, one per line: '2014-01   Started'."""
    known = sorted(trial.dates.known(), key=lambda item: (item[1].year, item[1].month or 0, item[1].day or 0))
    lines = Text()
    for index, (kind, day) in enumerate(known):
        if index:
            lines.append("\n")
        lines.append(f"{day!s:<10}", style="bold")
        label = vocab.DATE_KIND.label(kind)
        if trial.ongoing and kind in ("primary_completion", "completion"):
            label += " (planned)"
        lines.append(f"  {label}")
    return lines
