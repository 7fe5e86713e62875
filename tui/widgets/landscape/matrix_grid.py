"""The evidence matrix on screen: interventions × measures drawn by core, with a cell cursor.

The row labels stay on the left; the columns shown follow the cursor a whole column at a time, so no
column is ever cut. The last line names the cell under the cursor and what it holds (Enter lists it).
"""

from __future__ import annotations

from rich.text import Text
from textual import events

from ... import commands
from ...core import text
from ...core.landscape import render_text
from ...core.landscape.matrix import Matrix, MatrixColumn, MatrixRow, cell_summary
from .chart_view import window
from .styles import RoleStyles

HEADER_LINES = 2
FOOTER_LINES = 1


def body_lines(matrix: Matrix) -> list[tuple[str, int]]:
    """("group", group index) and ("row", row index) lines in drawing order."""
    lines: list[tuple[str, int]] = []
    row = 0
    for number, group in enumerate(matrix.groups):
        lines.append(("group", number))
        for _ in group.rows:
            lines.append(("row", row))
            row += 1
    return lines


def first_column(first: int, cursor: int, fit: int, total: int) -> int:
    """The first column shown so that the cursor's column is in view, whole columns only."""
    first = max(0, min(first, total - fit))
    if cursor < first:
        return cursor
    if cursor >= first + fit:
        return cursor - fit + 1
    return first


class MatrixGrid(RoleStyles, can_focus=True):
    """Rows of interventions, columns of measures; `row` and `column` index the cell under the cursor."""

    BINDINGS = commands.bindings("matrix")

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="landscape-view")
        self.matrix: Matrix | None = None
        self.row = 0
        self.column = 0
        self._first_line = 0
        self._first_column = 0

    def show(self, matrix: Matrix) -> None:
        """Draw `matrix`, keeping the cursor on the same intervention and measure when they are still there."""
        old = self.cell_keys
        self.matrix = matrix
        rows = [r.intervention.id for r in matrix.rows]
        columns = [c.measure.id for c in matrix.columns]
        if old is not None and old[0] in rows:
            self.row = rows.index(old[0])
        self.row = max(0, min(self.row, len(rows) - 1))
        if old is not None and old[1] in columns:
            self.column = columns.index(old[1])
        self.column = max(0, min(self.column, len(columns) - 1))
        self.refresh()

    @property
    def cell_keys(self) -> tuple[str, str] | None:
        found = self.current
        return (found[0].intervention.id, found[1].measure.id) if found else None

    @property
    def current(self) -> tuple[MatrixRow, MatrixColumn] | None:
        """The intervention row and measure column under the cursor."""
        matrix = self.matrix
        if matrix is None or not matrix.rows or not matrix.columns:
            return None
        return matrix.rows[self.row], matrix.columns[self.column]

    def summary(self) -> str:
        found = self.current
        if found is None:
            return "No trial here: nothing to show."
        row, column = found
        name = f"{column.label} — {text.one_line(column.measure.name)}" if column.measure.abbreviation else column.label
        reached = f"highest phase {text.phase(row.highest_phase).removeprefix('Phase ')}"
        best = {"yes": "a trial met its primary outcome", "mixed": "best result mixed", "ongoing": "trials ongoing"}
        said = best.get(row.evidence, "no trial met its primary outcome")
        return (
            f"{text.one_line(row.intervention.name)} × {column.label}: {cell_summary(row.cell(column.measure.id))}"
            f" · {reached}, {said} · {name} ({column.category_title})"
        )

    def render(self) -> Text:
        matrix = self.matrix
        width, height = self.size
        if matrix is None or not matrix.rows:
            return Text("No intervention among these trials.", style=self.role_style("muted"))
        layout = render_text.matrix_layout(matrix, width)
        fit = min(layout.fit, len(matrix.columns))
        self._first_column = first_column(self._first_column, self.column, fit, len(matrix.columns))
        first = self._first_column
        categories, measures = render_text.matrix_header(matrix, layout, first, fit)
        head = [self.styled(categories), self.styled(measures)]
        slot = self.column - first
        x = layout.cell_x(slot)
        head[1].stylize("bold underline", x, x + layout.cell_width)
        lines = body_lines(matrix)
        room = max(1, height - HEADER_LINES - FOOTER_LINES)
        cursor_line = lines.index(("row", self.row))
        # Show the group heading above the cursor's row when the row is the first of its group.
        wanted = cursor_line - 1 if cursor_line > 0 and lines[cursor_line - 1][0] == "group" else cursor_line
        self._first_line = window(self._first_line, wanted, room, len(lines))
        self._first_line = window(self._first_line, cursor_line, room, len(lines))
        body = []
        rows = matrix.rows
        for kind, index in lines[self._first_line : self._first_line + room]:
            if kind == "group":
                group = matrix.groups[index]
                body.append(self.styled(((text.one_line(group.title), "heading"),)))
                continue
            line = self.styled(render_text.matrix_row_line(rows[index], matrix, layout, first, fit))
            if index == self.row:
                line.stylize("bold", 0, layout.label_width)
                line.stylize(self.role_style("cursor") if self.has_focus else "reverse", x, x + layout.cell_width)
            body.append(line)
        body += [Text("")] * (room - len(body))
        more = []
        if first > 0:
            more.append(f"◀ {first} more")
        if first + fit < len(matrix.columns):
            more.append(f"{len(matrix.columns) - first - fit} more ▶")
        footer = Text(self.summary(), style=self.role_style("label"), no_wrap=True, overflow="ellipsis")
        if more:
            footer = Text.assemble(
                footer,
                Text(f"  · columns {' · '.join(more)}", style=self.role_style("muted")),
                no_wrap=True,
                overflow="ellipsis",
            )
        footer.truncate(width, overflow="ellipsis")
        return self.lines_text([*head, *body, footer])

    # Actions of the "matrix" commands --------------------------------------------------------------------

    def _go(self, row: int | None = None, column: int | None = None) -> None:
        matrix = self.matrix
        if matrix is None or not matrix.rows:
            return
        if row is not None:
            self.row = max(0, min(len(matrix.rows) - 1, row))
        if column is not None:
            self.column = max(0, min(len(matrix.columns) - 1, column))
        self.refresh()

    def action_cursor_down(self) -> None:
        self._go(row=self.row + 1)

    def action_cursor_up(self) -> None:
        self._go(row=self.row - 1)

    def action_cursor_right(self) -> None:
        self._go(column=self.column + 1)

    def action_cursor_left(self) -> None:
        self._go(column=self.column - 1)

    def action_page_down(self) -> None:
        self._go(row=self.row + max(1, self.size.height - HEADER_LINES - FOOTER_LINES - 1))

    def action_page_up(self) -> None:
        self._go(row=self.row - max(1, self.size.height - HEADER_LINES - FOOTER_LINES - 1))

    def action_scroll_top(self) -> None:
        self._go(row=0)

    def action_scroll_bottom(self) -> None:
        self._go(row=10**9)

    def action_first_column(self) -> None:
        self._go(column=0)

    def action_last_column(self) -> None:
        self._go(column=10**9)

    def on_click(self, event: events.Click) -> None:
        matrix = self.matrix
        if matrix is None or not matrix.rows:
            return
        layout = render_text.matrix_layout(matrix, self.size.width)
        line = event.y - HEADER_LINES
        lines = body_lines(matrix)
        if line >= 0 and self._first_line + line < len(lines):
            kind, index = lines[self._first_line + line]
            if kind == "row":
                self.row = index
        if event.x > layout.label_width:
            slot = (event.x - layout.label_width - 1) // (layout.cell_width + 1)
            self.column = max(0, min(len(matrix.columns) - 1, self._first_column + slot))
        self.refresh()
