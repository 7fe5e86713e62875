"""The landscape's charts as styled lines for a given width: the CLI prints them as text, the widgets draw
the same lines with the theme's styles. Every glyph is placed here; the widgets add only the cursor.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import text, vocab
from . import axis as scale
from .forest import NOTHING_POOLED, ForestPlot, Panel
from .lines import RESULT_ROLES, Canvas, Chart, Line, Span, cell, fitted, joined, plain, wrapped
from .matrix import Matrix, MatrixRow, cell_text, row_marker
from .table import TableView, fit_columns
from .timeline import Timeline, bar_cells, year_ticks

GAP = 2
FOREST_LEGEND = (
    "● estimate",
    "├─┤ interval",
    "◀ ▶ interval runs past the axis",
    "│ no effect",
    "1° primary",
    "2° secondary",
    "3° exploratory outcome",
)
RESULT_WORDS = tuple(text.verdict(key) for key in ("yes", "no", "mixed", "ongoing", "not_reported"))
FAVOURS_WORDS = (("favours intervention", "favours comparator"), ("intervention", "comparator"))


def _clamp(value: int, low: int, high: int) -> int:
    return max(low, min(high, value))


def marker_span(result: str) -> Span:
    return (text.marker(result), RESULT_ROLES.get(result, "pending"))


def verdict_spans(said: str, result: str) -> tuple[Span, ...]:
    """'✓ met' with its marker in the result's role (words without a marker stay plain)."""
    if said[:1] in vocab.VERDICT_MARKER.values():
        return ((said[:1], RESULT_ROLES.get(result, "pending")), (said[1:], ""))
    return ((said, ""),)


# Forest plots -----------------------------------------------------------------------------------------


def _favours_line(panel: Panel, left: int, plot: int) -> Line | None:
    """Under the axis: which side favours the intervention (lower values, or higher), when the panel agrees."""
    favours = panel.favours
    if favours is None:
        return None
    for good, bad in FAVOURS_WORDS:
        low_words, high_words = (good, bad) if favours == "lower" else (bad, good)
        low_words, high_words = f"◀ {low_words}", f"{high_words} ▶"
        if len(low_words) + len(high_words) + 1 <= plot:
            canvas = Canvas(plot)
            canvas.write(0, low_words, "muted")
            canvas.write(plot - len(high_words), high_words, "muted")
            return joined(((" " * left, ""),), canvas.line())
    said = "Lower" if favours == "lower" else "Higher"
    return ((" " * left, ""), (f"{said} values favour the intervention.", "muted"))


def _direction_mark(favours: str | None) -> str:
    return {"lower": " ↓", "higher": " ↑"}.get(favours or "", " ?")


def panel_lines(panel: Panel, width: int) -> tuple[list[Line], list[str | None]]:
    """One panel: its title, a line per estimate, the axis, its tick labels and which side favours what."""
    mixed = panel.favours is None
    values = [row.value + (_direction_mark(row.effect.favours) if mixed else "") for row in panel.rows]
    value_width = min(max(text.width(v) for v in values), 26)
    label_width = _clamp(width * 3 // 10, 12, 36)
    plot = width - label_width - value_width - 2 * GAP
    if plot < 12:  # too narrow for the numbers beside the plot: the plot keeps its room
        value_width = 0
        plot = width - label_width - GAP
    levels = panel.ci_levels
    ci = f"{levels[0] * 100:g}% CI" if len(levels) == 1 else "CI levels " + ", ".join(f"{v * 100:g}%" for v in levels)
    lines: list[Line] = [
        fitted(((panel.title, "heading"), (f" · {ci}" if levels else " · no intervals", "muted")), width)
    ]
    targets: list[str | None] = [None]
    for row, value in zip(panel.rows, values, strict=True):
        canvas = Canvas(plot)
        effect = row.effect
        for glyph in scale.interval_glyphs(
            panel.axis, plot, effect.estimate, effect.ci_low, effect.ci_high, panel.no_effect
        ):
            canvas.put(glyph.column, glyph.char, glyph.role)
        parts: list[Span] = [cell(row.label, label_width, "label"), (" " * GAP, ""), *canvas.line()]
        if value_width:
            parts += [(" " * GAP, ""), cell(value, value_width, "muted")]
        lines.append(fitted(tuple(parts), width))
        targets.append(row.trial.id)
    ruler = Canvas(plot)
    ruler.write(0, "─" * plot, "axis")
    labels = scale.tick_labels(panel.axis, plot)
    for tick in panel.axis.ticks(max(2, plot // 7)):
        column = panel.axis.column(tick, plot)
        if column is not None and any(start <= column < start + len(label) for start, label in labels):
            ruler.put(column, "┴", "axis")
    null = panel.axis.column(panel.no_effect, plot)
    if null is not None:
        ruler.put(null, "┼", "null")
    tick_row = Canvas(plot)
    for start, label in labels:
        tick_row.write(start, label, "axis")
    pad = (" " * (label_width + GAP), "")
    lines += [fitted(joined((pad,), ruler.line()), width), fitted(joined((pad,), tick_row.line()), width)]
    targets += [None, None]
    favours = _favours_line(panel, label_width + GAP, plot)
    if favours is None:
        favours = (pad, ("Which side favours the intervention differs: ↓ lower is better, ↑ higher.", "warning"))
    lines.append(fitted(favours, width))
    targets.append(None)
    return lines, targets


def forest_chart(plot: ForestPlot, width: int, position: str = "") -> Chart:
    """The whole plot of a measure: one panel per estimate type and unit, then what has no estimate."""
    measure = plot.measure
    title = (
        f"{text.one_line(measure.label)} — {text.one_line(measure.name)}"
        if measure.abbreviation
        else text.one_line(measure.name)
    )
    count = len(plot.rows)
    summary = f"{text.count(count, 'estimate')} in {text.count(len(plot.panels), 'panel')}"
    if plot.unplotted:
        summary += f", {len(plot.unplotted)} without an estimate"
    header = (
        fitted(((position, "muted"), (title, "heading"), (f"  {summary}", "muted")), width),
        *wrapped(NOTHING_POOLED.split(" "), width, "warning", gap=" "),
    )
    lines: list[Line] = []
    targets: list[str | None] = []
    for panel in plot.panels:
        found, aims = panel_lines(panel, width)
        lines += [*found, ()]
        targets += [*aims, None]
    if not plot.panels:
        lines += [(("No estimate on this measure among these trials.", "muted"),), ()]
        targets += [None, None]
    if plot.unplotted:
        lines.append(fitted((("Without an estimate (not plotted)", "heading"),), width))
        targets.append(None)
        for entry in plot.unplotted:
            parts = ((entry.label, "label"), ("  ", ""), *verdict_spans(entry.verdict, entry.result))
            lines.append(fitted((*parts, (f" — {entry.detail}", "muted")), width))
            targets.append(entry.trial.id)
        lines.append(())
        targets.append(None)
    legend = wrapped(FOREST_LEGEND, width)
    lines += legend
    targets += [None] * len(legend)
    return Chart(header, tuple(lines), tuple(targets), _clamp(width * 3 // 10, 12, 36))


# Timeline ------------------------------------------------------------------------------------------------

FINISHED, RUNNING, PLANNED, TODAY = "█", "▒", "░", "┊"


def timeline_chart(line: Timeline, width: int, today_label: str = "") -> Chart:
    """Bars by year under a ruler, grouped; a result marker after each bar and the today line across."""
    label_width = _clamp(width // 4, 10, 30)
    plot = max(10, width - label_width - 1 - 2)  # two cells after the plot for the marker
    axis = line.axis
    today = axis.column(line.today, plot)
    pad: Span = (" " * (label_width + 1), "")
    years = Canvas(plot + 2)
    ruler = Canvas(plot + 2)
    ruler.write(0, "─" * plot, "axis")
    for column, year in year_ticks(line.first_year, line.last_year, plot):
        years.write(column, year, "axis")
        ruler.put(column, "┬", "axis")
    if today is not None:
        ruler.put(today, "▼", "today")
    header = [fitted(joined((pad,), years.line()), width), fitted(joined((pad,), ruler.line()), width)]
    lines: list[Line] = []
    targets: list[str | None] = []
    for group in line.groups:
        lines.append(fitted(((group.title, "heading"), (f"  {text.count(len(group.bars), 'trial')}", "muted")), width))
        targets.append(None)
        for bar in group.bars:
            canvas = Canvas(plot + 2)
            if today is not None:
                canvas.put(today, TODAY, "today")
            first, last = bar_cells(bar, axis, plot)
            for column in range(first, last + 1):
                if not bar.ongoing:
                    canvas.put(column, FINISHED, "bar")
                elif today is not None and column > today:
                    canvas.put(column, PLANNED, "bar-planned")
                else:
                    canvas.put(column, RUNNING, "bar-running")
            marker, role = marker_span(bar.trial.verdict)
            canvas.put(last + 1, "→" if bar.open_end else marker, role if not bar.open_end else "bar-running")
            if bar.open_end:
                canvas.put(last + 2, marker, role)
            lines.append(fitted(joined((cell(bar.label, label_width, "label"), (" ", "")), canvas.line()), width))
            targets.append(bar.trial.id)
    if line.undated:
        lines.append(fitted((("Not drawn (no start date)", "heading"),), width))
        targets.append(None)
        for trial in line.undated:
            lines.append(
                fitted(
                    (
                        (f"{text.one_line(trial.label)} {text.short_phase(trial.phase)}", "label"),
                        ("  ", ""),
                        marker_span(trial.verdict),
                    ),
                    width,
                )
            )
            targets.append(trial.id)
    legend = wrapped(
        (
            f"{FINISHED} finished",
            f"{RUNNING} running",
            f"{PLANNED} planned",
            "→ no end date",
            f"{TODAY} today{today_label}",
            *RESULT_WORDS,
        ),
        width,
    )
    lines += [(), *legend]
    targets += [None] * (len(legend) + 1)
    return Chart(tuple(header), tuple(lines), tuple(targets), label_width)


# Evidence matrix -------------------------------------------------------------------------------------------

MATRIX_LEGEND = (
    "Cells: each trial's result on that measure:",
    *RESULT_WORDS,
    "· no trial.",
    "After a name: highest phase reached, best primary result.",
)
CELL_WIDTH = 5
MAX_CELL_WIDTH = 8
CELL_GAP = 1
ROW_TAIL = 8  # " P1/2 ✓ " after an intervention's name


@dataclass(frozen=True, slots=True)
class MatrixLayout:
    """How the matrix fits a width: the row-label column, then as many measure columns as fit."""

    label_width: int
    cell_width: int
    fit: int  # measure columns that fit beside the labels

    def cell_x(self, slot: int) -> int:
        """The first cell of the `slot`-th column shown."""
        return self.label_width + CELL_GAP + slot * (self.cell_width + CELL_GAP)


def matrix_layout(matrix: Matrix, width: int) -> MatrixLayout:
    """Labels as wide as the longest name needs (within 14…40% of the width), cells of 5 to 8 cells."""
    names = [text.width(text.one_line(row.intervention.name)) + ROW_TAIL for row in matrix.rows] or [12]
    label_width = _clamp(max(names), 14, _clamp(width * 4 // 10, 14, 40))
    room = width - label_width
    columns = max(1, len(matrix.columns))
    cell_width = _clamp(room // columns - CELL_GAP, CELL_WIDTH, MAX_CELL_WIDTH)
    fit = max(1, room // (cell_width + CELL_GAP))
    return MatrixLayout(label_width, cell_width, fit)


def row_label(row: MatrixRow, cells: int) -> Line:
    """'Clemastine fumarate  P3 ✓ ': the name gives way, the highest phase and the marker never do."""
    tail = f" {text.short_phase(row.highest_phase)} "
    name = cell(text.one_line(row.intervention.name), max(1, cells - len(tail) - 2), "label")
    return (name, (tail, "muted"), (row_marker(row), RESULT_ROLES.get(row.evidence, "pending")), (" ", ""))


def matrix_header(matrix: Matrix, layout: MatrixLayout, first: int, count: int) -> tuple[Line, Line]:
    """Two lines over the columns `first`…: the categories (over the columns they span) and the measures."""
    shown = matrix.columns[first : first + count]
    categories: list[Span] = [(" " * layout.label_width, "")]
    measures: list[Span] = [cell("Intervention", layout.label_width, "muted")]
    index = 0
    while index < len(shown):
        run = 1
        while index + run < len(shown) and shown[index + run].category == shown[index].category:
            run += 1
        span = run * layout.cell_width + (run - 1) * CELL_GAP
        title = text.truncate(shown[index].short_category, span)
        categories += [(" " * CELL_GAP, ""), (title, "heading"), ("─" * (span - text.width(title)), "axis")]
        index += run
    for column in shown:
        measures += [(" " * CELL_GAP, ""), cell(column.label, layout.cell_width, "heading")]
    return tuple(categories), tuple(measures)


def matrix_cell_span(row: MatrixRow, measure_id: str, cells: int) -> list[Span]:
    """A cell's markers, each in the role of its result."""
    value = cell_text(row.cell(measure_id), cells)
    if value == "·":
        return [cell(value, cells, "empty")]
    roles = {text.marker(key): role for key, role in RESULT_ROLES.items()}
    spans: list[Span] = [(char, roles.get(char, "muted")) for char in value]
    return [*spans, (" " * (cells - len(value)), "")]


def matrix_row_line(row: MatrixRow, matrix: Matrix, layout: MatrixLayout, first: int, count: int) -> Line:
    parts: list[Span] = list(row_label(row, layout.label_width))
    for column in matrix.columns[first : first + count]:
        parts.append((" " * CELL_GAP, ""))
        parts += matrix_cell_span(row, column.measure.id, layout.cell_width)
    return tuple(parts)


def matrix_text(matrix: Matrix, width: int) -> str:
    """The whole matrix as text: column blocks side by side when they fit, one under another when not."""
    layout = matrix_layout(matrix, width)
    blocks = []
    for first in range(0, max(1, len(matrix.columns)), layout.fit):
        lines = [plain(line) for line in matrix_header(matrix, layout, first, layout.fit)]
        for group in matrix.groups:
            lines.append(f"{group.title}  ({text.count(len(group.rows), 'intervention')})")
            lines += [plain(matrix_row_line(row, matrix, layout, first, layout.fit)) for row in group.rows]
        blocks.append("\n".join(line.rstrip() for line in lines))
    return "\n\n".join([*blocks, "\n".join(plain(line) for line in wrapped(MATRIX_LEGEND, width))])


# Trials table ----------------------------------------------------------------------------------------------


def table_lines(view: TableView, width: int, marks: dict[str, str] | None = None) -> tuple[Line, ...]:
    """The table as text lines: the columns that fit, the sorted one marked ▲ or ▼."""
    columns = fit_columns(width)
    arrow = "▼" if view.descending else "▲"
    head: list[Span] = []
    for column, cells in columns:
        heading = column.heading + (f" {arrow}" if column.key == view.sort else "")
        head += [cell(heading, cells, "heading", right=column.numeric), ("  ", "")]
    lines: list[Line] = [tuple(head)]
    for row in view.rows:
        parts: list[Span] = []
        for column, cells in columns:
            value = column.cell(row)
            if column.key == "trial" and marks and row.id in marks:
                value = f"[{marks[row.id]}] {value}"
            role = RESULT_ROLES.get(row.trial.verdict, "") if column.key == "result" else ""
            parts += [cell(value, cells, role, right=column.numeric), ("  ", "")]
        lines.append(tuple(parts))
    return tuple(lines)


def verdict_legend() -> str:
    return " ".join(text.verdict(key) for key in vocab.VERDICT.values)
