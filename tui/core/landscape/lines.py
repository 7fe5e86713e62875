"""Styled lines: text in spans, each with a role ("point", "heading", "met"…), and nothing else.

Core draws every chart as lines of spans; the CLI joins them into plain text (a few roles in bold or dim on a
colour terminal) and the widgets give each role a style from the theme. So the chart a script prints and
the chart on screen are the same characters, and no meaning rests on colour: each role has its own glyphs.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .. import text

Span = tuple[str, str]  # (text, role); role "" is plain text
Line = tuple[Span, ...]

# Every role a chart uses; widgets map each to a component class (see widgets/landscape/styles.py).
ROLES = (
    "heading",  # titles of charts, panels and groups
    "muted",  # notes, legends, counts
    "label",  # trial and intervention names
    "axis",  # rulers and tick labels
    "point",  # an estimate ●
    "ci",  # an interval ─
    "ci-end",  # its ends ├ ┤
    "clip",  # ◀ ▶ where an interval runs off the axis
    "null",  # the no-effect line │
    "today",  # the today line ┊
    "bar",  # a finished trial █
    "bar-running",  # a running trial up to today ▒
    "bar-planned",  # a running trial's planned time ░
    "met",  # ✓
    "not-met",  # ✗
    "mixed",  # ±
    "pending",  # … and ?
    "empty",  # an empty matrix cell ·
    "warning",  # what the reader must not miss
)
RESULT_ROLES = {"yes": "met", "no": "not-met", "mixed": "mixed", "ongoing": "pending", "not_reported": "pending"}


def plain(line: Line) -> str:
    return "".join(part for part, _ in line)


def width(line: Line) -> int:
    return sum(text.width(part) for part, _ in line)


def fitted(line: Line, cells: int) -> Line:
    """The line cut to `cells` (the last span kept ends in '…') or padded with spaces to exactly `cells`."""
    out: list[Span] = []
    used = 0
    for part, role in line:
        size = text.width(part)
        if used + size > cells:
            room = cells - used
            if room > 0:
                out.append((text.truncate(part, room), role))
                used += text.width(out[-1][0])
            break
        out.append((part, role))
        used += size
    if used < cells:
        out.append((" " * (cells - used), ""))
    return tuple(out)


def cell(value: str, cells: int, role: str = "", right: bool = False) -> Span:
    """A value in exactly `cells` cells: cut with '…' or padded (right-aligned for numbers)."""
    shown = text.truncate(value, cells) if cells > 0 else ""
    pad = " " * max(0, cells - text.width(shown))
    return (pad + shown if right else shown + pad, role)


class Canvas:
    """A row of `size` cells to draw glyphs into, then read back as a line of spans."""

    def __init__(self, size: int) -> None:
        self.chars = [" "] * size
        self.roles = [""] * size

    def put(self, column: int, char: str, role: str) -> None:
        if 0 <= column < len(self.chars):
            self.chars[column] = char
            self.roles[column] = role

    def write(self, column: int, value: str, role: str) -> None:
        for offset, char in enumerate(value):
            self.put(column + offset, char, role)

    def line(self) -> Line:
        spans: list[Span] = []
        for char, role in zip(self.chars, self.roles, strict=True):
            if spans and spans[-1][1] == role:
                spans[-1] = (spans[-1][0] + char, role)
            else:
                spans.append((char, role))
        return tuple(spans)


def joined(*parts: Iterable[Span]) -> Line:
    return tuple(span for part in parts for span in part)


@dataclass(frozen=True, slots=True)
class Chart:
    """A chart drawn for one width: header lines (kept in view), body lines and, for each body line, the
    trial it is about (None for headings and notes): a cursor stops on those, Enter opens them."""

    header: tuple[Line, ...]
    lines: tuple[Line, ...]
    targets: tuple[str | None, ...]
    label_width: int = 0  # the cells a cursor highlights (the label), so the plot stays readable; 0: all

    def plain(self) -> str:
        return "\n".join(plain(line).rstrip() for line in (*self.header, *self.lines))


def wrapped(items: Iterable[str], cells: int, role: str = "muted", gap: str = "  ") -> tuple[Line, ...]:
    """Legend items packed into lines of at most `cells` (an item longer than a line is cut)."""
    lines: list[Line] = []
    current = ""
    for item in items:
        candidate = f"{current}{gap}{item}" if current else item
        if current and text.width(candidate) > cells:
            lines.append(((current, role),))
            current = item
        else:
            current = candidate
    if current:
        lines.append(((text.truncate(current, cells), role),))
    return tuple(lines)
