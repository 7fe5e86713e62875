"""The comparison table: one row per field, the two trials in aligned columns whose text wraps.

A DataTable cannot wrap long values, so each row is its own widget drawing a one-row grid of four
columns (mark | field | A | B): the mark and field columns have fixed widths and A and B share the rest
equally. The column heads are drawn by the same grid at the same width, so every row lines up with them
however many lines a value takes. One widget per row (not one per cell) keeps opening the comparison
quick. The rows are the fixed set of `compare.ROW_KEYS`, built once and refilled when the pair changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.widgets import Static

from ..core import compare, text
from ..core.compare import Comparison, Row

MARK_WIDTH = 1
GAP = 2
LABEL_WIDTH = 20
WIDE_LABEL_WIDTH = 24  # from WIDE_FROM columns on: every field name fits on one line
WIDE_FROM = 120

# The legend under the table: the mark is explained in words, so no meaning rests on colour.
LEGEND = (
    f"{compare.DIFFERS_MARK} marks rows whose values differ; “{text.NOT_REPORTED}” on both sides counts "
    "as the same. Numbers show B − A under the field name."
)


def value_text(value: str) -> Text:
    """A compared value (already a display string from `compare`); unknown values in italics."""
    return Text(value, style="italic" if value == text.NOT_REPORTED else "")


def label_text(row: Row) -> Text:
    """The field name, and under it the numeric difference when there is one."""
    label = Text(row.label)
    if row.difference:
        label.append(f"\n{row.difference}", style="italic")
    return label


def mark_text(differs: bool) -> Text:
    return Text(compare.DIFFERS_MARK if differs else "")


def names(labels: tuple[str, ...]) -> Text:
    return Text(", ".join(labels)) if labels else Text("none", style="italic")


@dataclass(frozen=True, slots=True)
class Cells:
    """What one row shows: the field name (with any difference), the two values, and whether they differ."""

    label: Text
    a: Text
    b: Text
    differs: bool

    @property
    def plain(self) -> tuple[str, str, str, str]:
        """The four cells as a reader sees them: mark, field, A, B."""
        return (mark_text(self.differs).plain, self.label.plain, self.a.plain, self.b.plain)


def table_cells(comparison: Comparison) -> dict[str, Cells]:
    """Every row of the table by key: the fields of `compare.ROW_KEYS`, then the measure overlap
    ("measures_shared" spans both columns; "measures_only" has A's and B's own) and the citations."""
    cells = {
        row.key: Cells(label_text(row), value_text(row.a), value_text(row.b), differs=not row.same)
        for row in comparison.rows
    }
    overlap = comparison.measures
    cells["measures_shared"] = Cells(Text("In both"), names(overlap.shared), Text(""), differs=False)
    cells["measures_only"] = Cells(
        Text("Only in one"),
        names(overlap.only_a),
        names(overlap.only_b),
        differs=bool(overlap.only_a or overlap.only_b),
    )
    a_cite, b_cite = comparison.citations
    cells["citations"] = Cells(Text("Cite as"), Text(a_cite), Text(b_cite), differs=False)
    return cells


def field_rows_shown(comparison: Comparison, hide_identical: bool) -> dict[str, tuple[bool, bool]]:
    """For each field key: (shown, striped). Stripes alternate over the rows actually shown, so the
    shading stays regular when identical rows are hidden."""
    visible = {row.key for row in comparison.visible_rows(hide_identical)}
    layout = {}
    stripe = False
    for key in compare.ROW_KEYS:
        shown = key in visible
        layout[key] = (shown, stripe and shown)
        if shown:
            stripe = not stripe
    return layout


def label_width(screen_width: int) -> int:
    return WIDE_LABEL_WIDTH if screen_width >= WIDE_FROM else LABEL_WIDTH


def grid(label_width: int, *, span: bool = False) -> Table:
    """The four columns every row and the heads share; `span`: one value across A and B."""
    # Two spaces between columns: one is too little to see where a wrapped A value ends and B begins.
    table = Table.grid(padding=(0, GAP, 0, 0), expand=True)
    table.add_column(width=MARK_WIDTH, no_wrap=True)
    table.add_column(width=label_width, overflow="fold")
    table.add_column(ratio=2 if span else 1, overflow="fold")
    if not span:
        table.add_column(ratio=1, overflow="fold")
    return table


class ComparisonRow(Widget):
    """One row of the comparison: mark, field name, value of A, value of B (or one value spanning both).

    Differing rows show the ≠ mark and a bold field name (`-differs`); identical rows are muted. Styles
    come from the component classes below (theme variables in app.tcss)."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"compare-row--differs", "compare-row--same"}

    def __init__(self, key: str, cells: Cells, *, span: bool = False, striped: bool = False) -> None:
        classes = ["compare-row"]
        classes += ["-span"] if span else []
        classes += ["-differs"] if cells.differs else []
        classes += ["-stripe"] if striped else []
        super().__init__(classes=" ".join(classes))
        self.key = key
        self.span = span
        self._cells = cells

    @property
    def cells(self) -> tuple[str, str, str, str]:
        """The plain text of the four cells: mark, field, A, B."""
        return self._cells.plain

    @property
    def same(self) -> bool:
        return not self._cells.differs

    def fill(self, cells: Cells) -> None:
        self._cells = cells
        self.set_class(cells.differs, "-differs")
        self.refresh(layout=True)

    def render(self) -> Table:
        cells = self._cells
        table = grid(label_width(self.screen.size.width), span=self.span)
        if cells.differs:
            emphasis = self.get_component_rich_style("compare-row--differs")
            values = Style()
        else:
            emphasis = values = self.get_component_rich_style("compare-row--same")
        label = cells.label.copy()
        label.stylize(emphasis)
        row = [Text(mark_text(cells.differs).plain, style=emphasis), label, _styled(cells.a, values)]
        if not self.span:
            row.append(_styled(cells.b, values))
        table.add_row(*row)
        return table


def _styled(value: Text, style: Style) -> Text:
    value = value.copy()
    value.stylize(style)
    return value


class ComparisonHeads(Widget):
    """The column heads above the scrolling rows: which trial is A and which is B."""

    def __init__(self, comparison: Comparison, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._comparison = comparison

    @property
    def heads(self) -> tuple[str, str]:
        return (head("A", self._comparison.a.label).plain, head("B", self._comparison.b.label).plain)

    def show(self, comparison: Comparison) -> None:
        self._comparison = comparison
        self.refresh(layout=True)

    def render(self) -> Table:
        table = grid(label_width(self.screen.size.width))
        a, b = self._comparison.a, self._comparison.b
        table.add_row(Text(""), Text("Field"), head("A", a.label), head("B", b.label))
        return table


def head(side: str, label: str) -> Text:
    return Text(f"{side}: {text.one_line(label)}")


class ComparisonTable(VerticalScroll):
    """The scrolling body: a row per field, the measure overlap, the citations and the legend."""

    def __init__(self, comparison: Comparison, hide_identical: bool, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._comparison = comparison
        self._hide_identical = hide_identical

    def compose(self) -> ComposeResult:
        cells = table_cells(self._comparison)
        layout = field_rows_shown(self._comparison, self._hide_identical)
        for key in compare.ROW_KEYS:
            shown, striped = layout[key]
            row = ComparisonRow(key, cells[key], striped=striped)
            row.display = shown
            yield row
        note = Static(
            Text(f"Every row is the same (no {compare.DIFFERS_MARK}): press i to show them."),
            id="compare-all-same",
            classes="compare-note",
        )
        note.display = self._hide_identical and not any(shown for shown, _ in layout.values())
        yield note
        yield Static(Text("Remyelination measures: overlap"), classes="heading")
        yield ComparisonRow("measures_shared", cells["measures_shared"], span=True)
        yield ComparisonRow("measures_only", cells["measures_only"])
        yield Static(Text("How to cite them"), classes="heading")
        yield ComparisonRow("citations", cells["citations"])
        yield Static(Text(LEGEND), classes="compare-note")

    @property
    def field_rows(self) -> list[ComparisonRow]:
        """The rows of `compare.ROW_KEYS` (not the measure and citation rows)."""
        keys = set(compare.ROW_KEYS)
        return [row for row in self.query(ComparisonRow) if row.key in keys]

    @property
    def shown_rows(self) -> list[ComparisonRow]:
        return [row for row in self.field_rows if row.display]

    def row(self, key: str) -> ComparisonRow:
        return next(row for row in self.query(ComparisonRow) if row.key == key)

    def show(self, comparison: Comparison, hide_identical: bool) -> None:
        """Show another pair, or the same with identical rows hidden or shown."""
        if comparison is not self._comparison:
            cells = table_cells(comparison)
            for widget in self.query(ComparisonRow):
                widget.fill(cells[widget.key])
        self._comparison, self._hide_identical = comparison, hide_identical
        layout = field_rows_shown(comparison, hide_identical)
        for widget in self.field_rows:
            shown, striped = layout[widget.key]
            widget.display = shown
            widget.set_class(striped, "-stripe")
        nothing_shown = not any(shown for shown, _ in layout.values())
        self.query_one("#compare-all-same").display = hide_identical and nothing_shown
