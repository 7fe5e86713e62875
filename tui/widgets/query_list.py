"""The list of search results shared by the search screen and the trial picker: it runs each query in a
worker thread and shows only the newest query's results, one two-line row per hit, matches highlighted.

Rows are Textual `Content` built from plain strings (never markup), so a query or a title such as
"[bold]x" shows exactly as typed. Highlights are bold and underlined as well as coloured by a theme
variable, and the kind of each record and any mark are written as words, so nothing relies on colour.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

from textual import on, work
from textual.content import Content
from textual.css.styles import RulesMap
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from ..core import text, vocab
from ..core.model import Intervention, Measure, Trial
from ..core.search import Hit, SearchResult
from .labels import mark_letter

# How a list searches: the app's one search session (`SearchSession.search`), which takes a "cancelled?"
# callable; it runs in a worker thread so typing never waits.
Search = Callable[[str, Callable[[], bool]], SearchResult | None]

KIND_WORDS = {"trial": "Trial", "intervention": "Intervention", "measure": "Measure"}
KIND_WIDTH = max(map(len, KIND_WORDS.values())) + 2
MARK_WIDTH = 4  # "[A] "
INDENT = " " * (MARK_WIDTH + KIND_WIDTH)

# Theme variables only (resolved when drawn, so a theme switch restyles the rows).
MATCH_STYLE = "bold underline $text-accent"
MARK_STYLE = "bold $text-accent"
MUTED_STYLE = "dim"  # blended with whatever is behind it, so it stays readable on the highlighted row

# A field whose first match ends beyond the characters the row has room for (VISIBLE until the list
# knows its width: about what an 80-column row shows after the field's name) is shown from
# CONTEXT_BEFORE characters before that match; at most SNIPPET_CHARS are kept (the row is cut with an
# ellipsis at its width anyway).
VISIBLE = 40
CONTEXT_BEFORE = 20
SNIPPET_CHARS = 240

_SPACES = re.compile(r"\s+")


def field_label(field: str) -> str:
    """A Hit's field name as words: 'primary_outcome' -> 'primary outcome'."""
    return field.replace("_", " ")


def _flattened(piece: str) -> str:
    """A piece of a data string made printable on one line; unlike `text.one_line` it keeps the spaces
    at its ends, so that pieces around a highlight join up as they were."""
    return _SPACES.sub(" ", text.clean(piece))


def snippet(value: str, spans: Sequence[tuple[int, int]], visible: int = VISIBLE) -> Content:
    """`value` on one line with `spans` highlighted; text whose first match would end beyond `visible`
    characters starts shortly before that match instead."""
    pieces: list[tuple[str, bool]] = []
    at = 0
    for span_start, span_end in sorted(spans):
        start, end = max(span_start, at), min(span_end, len(value))
        if start >= end:
            continue  # out of range or overlapping: nothing (more) to highlight
        pieces.append((value[at:start], False))
        pieces.append((value[start:end], True))
        at = end
    pieces.append((value[at:], False))

    plain = ""
    marks: list[tuple[int, int]] = []
    for piece, matched in pieces:
        shown = _flattened(piece)
        if matched:
            marks.append((len(plain), len(plain) + len(shown)))
        plain += shown

    lead = len(plain) - len(plain.lstrip())
    begin = lead
    if marks and marks[0][1] - lead > visible:
        # Start at a word boundary a little before the first match, and say that text was left out.
        cut = marks[0][0] - CONTEXT_BEFORE
        space = plain.find(" ", cut, marks[0][0])
        begin = space + 1 if space >= 0 else cut
    end = min(len(plain.rstrip()), begin + SNIPPET_CHARS)
    prefix = "…" if begin > lead else ""
    suffix = "…" if end < len(plain.rstrip()) else ""
    content = Content(prefix + plain[begin:end] + suffix)
    for mark_start, mark_stop in marks:
        start, stop = max(mark_start, begin), min(mark_stop, end)
        if start < stop:
            offset = len(prefix) - begin
            content = content.stylize(MATCH_STYLE, start + offset, stop + offset)
    return content


def listed_summary(hit: Hit) -> Content:
    """The second line of a record listed by filters alone (nothing was matched to show)."""
    record = hit.record
    if isinstance(record, Trial):
        parts = [
            text.phase(record.phase),
            f"primary outcome {text.verdict(record.verdict)}",
            text.status(record.status),
        ]
    elif isinstance(record, Intervention):
        parts = [vocab.INTERVENTION_KIND.label(record.kind), vocab.MECHANISM_GROUP.label(record.mechanism_group)]
    elif isinstance(record, Measure):
        parts = [vocab.MEASURE_CATEGORY.label(record.category)]
    else:
        parts = []
    return Content(" · ".join(parts)).stylize(MUTED_STYLE)


class Row(Content):
    """A result row. The list measures the height of every row each time the results change; rows are
    not wrapped (the list's CSS), so a row is as high as its number of lines, counted here without
    laying the text out (most of the cost of showing new results otherwise)."""

    def get_height(self, rules: RulesMap, width: int) -> int:
        unwrapped = rules.get("text_wrap", "wrap") == "nowrap"
        if unwrapped and rules.get("text_overflow", "fold") in ("ellipsis", "clip"):
            return self.plain.count("\n") + 1
        return super().get_height(rules, width)


def hit_row(hit: Hit, marked: tuple[str, ...], width: int | None = None) -> Row:
    """Two lines: mark, kind and title; then the field that matched, with the matched text (placed so
    that the match shows in a row `width` cells wide)."""
    letter = mark_letter(hit.id, marked) if hit.kind == "trial" else None
    mark = f"[{letter}]" if letter else ""
    kind = KIND_WORDS.get(hit.kind, hit.kind.capitalize())
    first = Content.assemble(
        (mark.ljust(MARK_WIDTH), MARK_STYLE),
        (kind.ljust(KIND_WIDTH), MUTED_STYLE),
        text.one_line(hit.title),
    )
    if hit.spans:
        label = f"{field_label(hit.field)}: "
        visible = VISIBLE if width is None else max(width - len(INDENT) - len(label) - 1, CONTEXT_BEFORE)
        second = Content.assemble((label, MUTED_STYLE), snippet(hit.text, hit.spans, visible))
    else:
        second = listed_summary(hit)
    row = Content.assemble(first, "\n", INDENT, second)
    return Row(row.plain, list(row.spans), row.cell_length, strip_control_codes=False)


class QueryList(OptionList):
    """The hits of the last query. It never takes the focus: typing stays in the screen's text box, and
    the screen moves the highlight (arrow keys) and acts on it (Enter, mark).

    `run(query)` numbers the query and searches in a worker; results of an older query are dropped, never
    shown after newer ones, whatever order the workers finish in. `Updated` tells the screen."""

    can_focus = False

    class Updated(Message):
        """New results are on show (None: the query was empty)."""

        def __init__(self, result: SearchResult | None) -> None:
            super().__init__()
            self.result = result

    class _Results(Message):
        def __init__(self, sequence: int, result: SearchResult) -> None:
            super().__init__()
            self.sequence = sequence
            self.result = result

    def __init__(self, search: Search, *, suffix: str = "", kind: str | None = None, id: str | None = None) -> None:
        super().__init__(id=id)
        # Rows are plain text, never links: skip the link styling pass over every drawn row.
        self.set_reactive(QueryList.auto_links, False)
        self.search = search
        self.suffix = suffix  # added to every query, e.g. " type:trial" for the picker
        # Only hits of this kind are listed: the values of one filter are alternatives, so a suffix alone
        # cannot keep "type:measure" typed by the user from adding measures to the picker's trials.
        self.kind = kind
        self.hits: tuple[Hit, ...] = ()
        self.result: SearchResult | None = None
        self.latest = 0  # the number of the newest query typed
        self.shown = 0  # the number of the query whose results are on screen
        self._marked: tuple[str, ...] = ()
        self._width: int | None = None  # the row width the rows were made for

    def run(self, query: str) -> None:
        """Search for `query` (an empty query shows nothing, at once)."""
        self.latest += 1
        if not query.strip() and not self.suffix:
            self.apply(self.latest, None)
            return
        self._search(self.latest, query + self.suffix)

    @work(thread=True, exclusive=True, group="query")
    def _search(self, sequence: int, query: str) -> None:
        worker = get_current_worker()
        result = self.search(query, lambda: worker.is_cancelled)
        if result is not None and not worker.is_cancelled:
            # post_message is safe from a thread, and is dropped if the list is gone meanwhile.
            self.post_message(self._Results(sequence, result))

    @on(_Results)
    def _results_ready(self, event: _Results) -> None:
        event.stop()
        self.apply(event.sequence, event.result)

    def apply(self, sequence: int, result: SearchResult | None) -> bool:
        """Show the results of query number `sequence` unless a newer query was typed since."""
        if sequence != self.latest or sequence <= self.shown:
            return False
        self.shown = sequence
        self.result = result
        hits = result.hits if result is not None else ()
        if self.kind is not None:
            hits = tuple(hit for hit in hits if hit.kind == self.kind)
        with self.app.batch_update():
            self.show_hits(hits, self._marked)
            self.post_message(self.Updated(result))
        return True

    def show_hits(self, hits: Iterable[Hit], marked: tuple[str, ...]) -> None:
        """Replace the rows; the first one is highlighted."""
        self.hits = tuple(hits)
        self._marked = marked
        self._width = self._row_width()
        self.set_options(Option(hit_row(hit, marked, self._width)) for hit in self.hits)
        self.highlighted = 0 if self.hits else None
        self.scroll_home(animate=False)

    def refresh_marks(self, marked: tuple[str, ...]) -> None:
        """Redraw the rows whose mark changed (keeping the highlight where it is)."""
        before, self._marked = self._marked, marked
        for index, hit in enumerate(self.hits):
            if mark_letter(hit.id, before) != mark_letter(hit.id, marked):
                self.replace_option_prompt_at_index(index, hit_row(hit, marked, self._width))

    def _row_width(self) -> int | None:
        width = self.scrollable_content_region.width
        return width if width > 0 else None

    def on_resize(self) -> None:
        # Long fields are cut to show their match at the width of the row: cut them again.
        if self.hits and self._row_width() != self._width:
            highlighted = self.highlighted
            self.show_hits(self.hits, self._marked)
            self.highlighted = highlighted

    @property
    def highlighted_hit(self) -> Hit | None:
        index = self.highlighted
        if index is None or not 0 <= index < len(self.hits):
            return None
        return self.hits[index]
