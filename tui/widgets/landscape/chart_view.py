"""A chart drawn by core as styled lines (forest plots, the timeline), with a cursor on the trial lines.

The header lines stay in view; the body scrolls with the cursor (or the mouse wheel). The chart is drawn
again for each width, so its axis always fills the pane. Enter (the screen's "open") opens `target`.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import events

from ... import commands
from ...core.landscape.lines import Chart
from .styles import RoleStyles

Draw = Callable[[int], Chart]


def step_target(targets: tuple[str | None, ...], current: int | None, step: int) -> int | None:
    """The index of the next (step > 0) or previous target line from `current`, staying put at the ends."""
    found = [i for i, target in enumerate(targets) if target]
    if not found:
        return None
    if current is None or current not in found:
        return found[0] if step >= 0 else found[-1]
    index = found.index(current)
    return found[max(0, min(len(found) - 1, index + step))]


def window(first: int, cursor: int | None, room: int, total: int) -> int:
    """The first body line to show so that `cursor` is in view (and no empty room is left at the end)."""
    first = max(0, min(first, total - room))
    if cursor is not None:
        if cursor < first:
            first = cursor
        elif cursor >= first + room:
            first = cursor - room + 1
    return max(0, first)


class ChartView(RoleStyles, can_focus=True):
    """Draws a `Chart` for its width; the cursor moves between the lines that are about a trial."""

    BINDINGS = commands.bindings("chart")

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="landscape-view")
        self._draw: Draw | None = None
        self._chart: Chart | None = None
        self._width = 0
        self.cursor: int | None = None  # index of a body line with a target
        self.first = 0  # first body line shown

    def show(self, draw: Draw, keep: str | None = None) -> None:
        """Draw with `draw` from now on; the cursor stays on trial `keep` (else the current one) if shown."""
        previous = keep if keep is not None else self.target
        self._draw = draw
        self._chart = None
        chart = self.chart
        targets = chart.targets if chart else ()
        if previous is not None and previous in targets:
            self.cursor = targets.index(previous)
        else:
            self.cursor = step_target(targets, None, 1)
            self.first = 0
        self.refresh()

    @property
    def chart(self) -> Chart | None:
        width = self.size.width or 80
        if self._draw is None:
            return None
        if self._chart is None or width != self._width:
            self._chart, self._width = self._draw(width), width
        return self._chart

    @property
    def target(self) -> str | None:
        """The trial under the cursor."""
        chart = self._chart
        if chart is None or self.cursor is None or self.cursor >= len(chart.targets):
            return None
        return chart.targets[self.cursor]

    @property
    def room(self) -> int:
        chart = self.chart
        return max(1, self.size.height - (len(chart.header) if chart else 0))

    def render(self) -> Text:
        chart = self.chart
        if chart is None:
            return Text("")
        room = self.room
        self.first = window(self.first, self.cursor, room, len(chart.lines))
        lines = [self.styled(line) for line in chart.header]
        for index in range(self.first, min(len(chart.lines), self.first + room)):
            line = self.styled(chart.lines[index])
            if index == self.cursor:
                # Only the label: the plot keeps its own glyphs and styles under the cursor.
                cells = chart.label_width or line.cell_len
                line.stylize(self.role_style("cursor") if self.has_focus else "bold reverse", 0, cells)
            lines.append(line)
        return self.lines_text(lines)

    # Actions of the "chart" commands -------------------------------------------------------------------

    def _move(self, step: int) -> None:
        chart = self.chart
        if chart is not None:
            self.cursor = step_target(chart.targets, self.cursor, step)
            self.refresh()

    def action_cursor_down(self) -> None:
        self._move(1)

    def action_cursor_up(self) -> None:
        self._move(-1)

    def action_page_down(self) -> None:
        self._page(1)

    def action_page_up(self) -> None:
        self._page(-1)

    def _page(self, direction: int) -> None:
        chart = self.chart
        if chart is None:
            return
        start = self.cursor if self.cursor is not None else 0
        aim = max(0, min(len(chart.lines) - 1, start + direction * self.room))
        candidates = [i for i, t in enumerate(chart.targets) if t]
        if candidates:
            self.cursor = min(candidates, key=lambda i: (abs(i - aim), i))
        self.first = max(0, self.first + direction * self.room)
        self.refresh()

    def action_scroll_top(self) -> None:
        self._move(-(10**9))
        self.first = 0
        self.refresh()

    def action_scroll_bottom(self) -> None:
        self._move(10**9)
        chart = self.chart
        self.first = len(chart.lines) if chart else 0
        self.refresh()

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        self.first += 3
        self._keep_cursor_in_view()

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        self.first = max(0, self.first - 3)
        self._keep_cursor_in_view()

    def _keep_cursor_in_view(self) -> None:
        chart = self.chart
        if chart is None:
            return
        self.first = max(0, min(self.first, len(chart.lines) - self.room))
        shown = [i for i in range(self.first, self.first + self.room) if i < len(chart.targets) and chart.targets[i]]
        if shown and self.cursor not in shown:
            self.cursor = shown[0] if (self.cursor or 0) < shown[0] else shown[-1]
        self.refresh()

    def on_click(self, event: events.Click) -> None:
        chart = self.chart
        if chart is None:
            return
        index = self.first + event.y - len(chart.header)
        if 0 <= index < len(chart.targets) and chart.targets[index]:
            self.cursor = index
            self.refresh()
