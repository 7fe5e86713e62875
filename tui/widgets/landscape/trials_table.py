"""The landscape's trials table and its facet bar: they draw a `core.landscape.table.TableView`.

The table's columns are the ones core fits to the pane's width (the sorted one marked ▲ or ▼); Enter on a
row posts `ShowRecord` with its trial. The facet bar lists every facet with its entries and counts; Enter
or Space on an entry posts `FacetToggled` (■ chosen, □ not: no meaning rests on colour).
"""

from __future__ import annotations

from rich.text import Text
from textual import events, on
from textual.message import Message
from textual.widgets import DataTable, OptionList
from textual.widgets.option_list import Option

from ... import commands
from ...core import text
from ...core.landscape.lines import RESULT_ROLES
from ...core.landscape.table import Column, FacetGroup, TableView, TrialRow, fit_columns
from ...core.model import Trial
from ..labels import mark_prefix
from ..messages import ShowRecord

SCROLLBAR = 2  # DataTable's vertical scrollbar
SEPARATOR = "\x1f"  # between facet and value in an option id (never in a vocabulary key or id)


def cell_text(column: Column, row: TrialRow, cells: int, marked: tuple[str, ...]) -> Text:
    value = column.cell(row)
    if column.key == "trial":
        value = mark_prefix(row.id, marked) + value
    shown = text.truncate(value, cells)
    return Text(shown, justify="right" if column.numeric else "left", no_wrap=True)


class LandscapeTable(DataTable[Text]):
    """One row per trial of the view; row keys are trial ids."""

    BINDINGS = commands.bindings("chart")
    COMPONENT_CLASSES = DataTable.COMPONENT_CLASSES | {f"landscape--{role}" for role in set(RESULT_ROLES.values())}

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=False)
        self.view: TableView | None = None
        self.marked: tuple[str, ...] = ()
        self._layout: tuple[tuple[Column, int], ...] = ()

    def show(self, view: TableView, marked: tuple[str, ...] = (), keep: str | None = None) -> None:
        """Show `view`; the cursor stays on trial `keep` (else the current one) when it is still listed."""
        previous = keep if keep is not None else self.trial_id
        self.view = view
        self.marked = marked
        self._rebuild(previous, force=True)

    @property
    def trial_id(self) -> str | None:
        if self.view is None or not self.view.rows or self.cursor_row >= len(self.view.rows):
            return None
        return self.view.rows[self.cursor_row].id

    @property
    def trial(self) -> Trial | None:
        if self.view is None or not self.view.rows or self.cursor_row >= len(self.view.rows):
            return None
        return self.view.rows[self.cursor_row].trial

    def _rebuild(self, keep: str | None = None, force: bool = False) -> None:
        view = self.view
        width = (self.size.width or 80) - SCROLLBAR
        layout = fit_columns(width)
        if not force and layout == self._layout:
            return
        keep = keep if keep is not None else self.trial_id
        self._layout = layout
        self.clear(columns=True)
        if view is None:
            return
        arrow = "▼" if view.descending else "▲"
        for column, cells in layout:
            heading = column.heading + (f" {arrow}" if column.key == view.sort else "")
            self.add_column(Text(heading, justify="right" if column.numeric else "left"), width=cells, key=column.key)
        for row in view.rows:
            cells_ = [cell_text(column, row, cells, self.marked) for column, cells in layout]
            for (column, _), value in zip(layout, cells_, strict=True):
                if column.key == "result":
                    value.stylize(
                        self.get_component_rich_style(
                            f"landscape--{RESULT_ROLES.get(row.trial.verdict, 'pending')}", partial=True
                        ),
                        0,
                        1,
                    )
            self.add_row(*cells_, key=row.id)
        ids = [row.id for row in view.rows]
        if keep in ids:
            self.move_cursor(row=ids.index(keep), animate=False, scroll=True)

    def on_resize(self, event: events.Resize) -> None:
        self._rebuild()

    @on(DataTable.RowSelected)
    def _chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        trial = self.trial
        if trial is not None:
            self.post_message(ShowRecord(trial))


class FacetToggled(Message):
    """Turn a facet entry on or off."""

    def __init__(self, facet: str, value: str) -> None:
        super().__init__()
        self.facet = facet
        self.value = value


def entry_text(label: str, count: int, chosen: bool, cells: int) -> Text:
    """'■ Phase 2      5': the box says chosen or not, the label gives way to the count."""
    box = "■" if chosen else "□"
    tail = f" {count:,}"
    name = text.truncate(text.one_line(label), max(3, cells - len(tail) - 2))
    pad = " " * max(0, cells - 2 - text.width(name) - len(tail))
    return Text.assemble(f"{box} ", (name, "bold" if chosen else ""), pad, (tail, "dim"), no_wrap=True)


class FacetBar(OptionList):
    """The facets of the view; the highlighted entry stays put when the counts change."""

    BINDINGS = commands.bindings("facets")

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.groups: tuple[FacetGroup, ...] = ()

    def show(self, groups: tuple[FacetGroup, ...]) -> None:
        keep = self.highlighted_option.id if self.highlighted_option is not None else None
        self.groups = groups
        cells = max(12, (self.scrollable_content_region.width or self.size.width or 24) - 1)
        options: list[Option | None] = []
        for group in groups:
            chosen = sum(1 for e in group.entries if e.chosen)
            title = group.title + (f" ({chosen} chosen)" if chosen else "")
            options.append(Option(Text(text.truncate(title, cells), style="bold"), disabled=True))
            for entry in group.entries:
                options.append(
                    Option(
                        entry_text(entry.label, entry.count, entry.chosen, cells),
                        id=f"{group.name}{SEPARATOR}{entry.value}",
                    )
                )
        self.clear_options()
        self.add_options(options)
        ids = [o.id for o in self.options]
        if keep in ids:
            self.highlighted = ids.index(keep)
        else:  # the first entry (headings cannot be highlighted)
            self.highlighted = next((i for i, o in enumerate(self.options) if not o.disabled), None)

    def on_resize(self, event: events.Resize) -> None:
        if self.groups:
            self.show(self.groups)

    @on(OptionList.OptionSelected)
    def _toggle(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        facet, _, value = (event.option.id or "").partition(SEPARATOR)
        if facet:
            self.post_message(FacetToggled(facet, value))
