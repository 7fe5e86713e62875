"""A small modal to pick one trial by typing: an Input over a list filtered by the search index.

The comparison uses it to replace either side, and `C` with one marked trial uses it to choose the
other. The list comes from `SearchIndex.search(query + " type:trial")`, so the picker finds trials the
same way as search does (acronyms, registry ids, typos, intervention and measure names, filters).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from .. import commands
from ..core import text
from ..core.model import Trial
from ..core.search import Hit, SearchResult
from ..widgets.too_small import TooSmall
from .list_keys import ListKeys
from .size_guard import SizeGuard

SNIPPET = 70  # characters of a matched field shown around the first match
MATCH_STYLE = "bold underline"  # matches are underlined as well as bold: visible without colour

# How the picker searches: the app's one search session (`SearchSession.search`), which builds the index
# on first use and takes a "cancelled?" callable; it runs in a worker thread so typing never waits.
Search = Callable[[str, Callable[[], bool]], SearchResult | None]


def highlighted(raw: str, spans: tuple[tuple[int, int], ...]) -> Text:
    """A data string folded to one line with the character spans of `raw` in MATCH_STYLE.

    The spans index the raw string, so each piece is cleaned separately and the offsets stay right.
    """
    line = Text()
    position = 0
    for start, end in (*spans, (len(raw), len(raw))):
        start = max(start, position)  # overlapping spans: never repeat a character
        for piece, style in ((raw[position:start], ""), (raw[start:end], MATCH_STYLE)):
            if piece:
                line.append(re.sub(r"\s+", " ", text.clean(piece)), style=style)
        position = max(position, end)
    return line


def snippet(raw: str, spans: tuple[tuple[int, int], ...]) -> tuple[str, tuple[tuple[int, int], ...]]:
    """At most SNIPPET characters of `raw` around its first span, with the spans moved to match."""
    if len(raw) <= SNIPPET:
        return raw, spans
    first = spans[0][0] if spans else 0
    start = max(0, min(first - SNIPPET // 3, len(raw) - SNIPPET))
    end = start + SNIPPET
    kept = tuple((max(s, start) - start, min(e, end) - start) for s, e in spans if e > start and s < end)
    prefix = "…" if start else ""
    shifted = tuple((s + len(prefix), e + len(prefix)) for s, e in kept)
    return prefix + raw[start:end] + ("…" if end < len(raw) else ""), shifted


def hit_prompt(trial: Trial, hit: Hit, side: str | None = None) -> Text:
    """A trial in the list: its label and title (matches highlighted), and any other field that matched;
    `side` ("A" or "B") marks a trial already in the comparison."""
    prompt = Text()
    if side:
        prompt.append(f"[{side}] ", style="bold")
    label = highlighted(trial.label, hit.spans if hit.field == "acronym" else ())
    label.stylize("bold")
    prompt.append_text(label)
    if trial.title != trial.label:
        prompt.append(" — ")
        title, spans = trial.title, hit.spans if hit.field == "title" else ()
        if spans and spans[0][0] > SNIPPET // 2:
            title, spans = snippet(title, spans)  # a match far into a long title: show that part
        prompt.append_text(highlighted(title, spans))
    if hit.spans and hit.field not in ("acronym", "title") and hit.text != trial.label:
        shown, spans = snippet(hit.text, hit.spans)
        prompt.append(f"\n  {hit.field.replace('_', ' ')}: ", style="italic")
        prompt.append_text(highlighted(shown, spans))
    return prompt


class ComparisonPicker(ListKeys, SizeGuard, ModalScreen[str | None]):
    """Type to filter the trials; Enter picks the highlighted one (its id is the result), Esc cancels."""

    BINDINGS = commands.bindings("picker")

    class Results(Message):
        """A worker's results for query number `sequence` (posted from its thread)."""

        def __init__(self, sequence: int, result: SearchResult) -> None:
            super().__init__()
            self.sequence = sequence
            self.result = result

    def __init__(self, search: Search, title: str, sides: dict[str, str] | None = None) -> None:
        super().__init__()
        self.search = search
        self.picker_title = title
        self.sides = sides or {}  # trial id -> "A" / "B": the trials compared now, marked in the list
        self.latest = 0  # the number of the newest query typed; older results are dropped

    @property
    def options(self) -> OptionList:
        return self.query_one("#picker-options", OptionList)

    @property
    def navigated_list(self) -> OptionList:
        return self.options

    def compose(self) -> ComposeResult:
        with Vertical(id="picker-body") as body:
            # As Text: a string would be read as markup, and the title holds data ("[A] ALPHA").
            body.border_title = Text(text.one_line(self.picker_title))
            body.border_subtitle = "Enter picks · Esc cancels"
            yield Input(placeholder="Part of a name, acronym, registry id, drug…", id="picker-query")
            yield Static(Text("Searching…"), id="picker-count", classes="subtitle")
            yield OptionList(id="picker-options")
        yield TooSmall()

    def on_mount(self) -> None:
        self.query_one(Input).focus()
        self._filter("")

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self._filter(event.value)

    def _filter(self, query: str) -> None:
        self.latest += 1
        self._search(self.latest, f"{query} type:trial")

    @work(thread=True, exclusive=True, group="picker")
    def _search(self, sequence: int, query: str) -> None:
        worker = get_current_worker()
        result = self.search(query, lambda: worker.is_cancelled)
        if result is not None and not worker.is_cancelled:
            self.post_message(self.Results(sequence, result))

    @on(Results)
    def _results_ready(self, event: Results) -> None:
        if event.sequence == self.latest:
            self.show_result(event.result)

    def show_result(self, result: SearchResult) -> None:
        options = self.options
        options.clear_options()
        # Only trials, even if the words hold a filter of their own ("type:measure").
        hits = [(hit.record, hit) for hit in result.hits if isinstance(hit.record, Trial)]
        options.add_options(
            Option(hit_prompt(trial, hit, self.sides.get(trial.id)), id=trial.id) for trial, hit in hits
        )
        if hits:
            options.highlighted = 0
            count = f"{text.count(len(hits), 'trial')} · ↑↓ move"
        else:
            options.add_option(Option(Text("No trial matches these words.", style="italic"), disabled=True))
            count = "Nothing to pick: change the words."
        line = Text(count)
        for warning in result.warnings:
            line.append(f" · {text.one_line(warning)}", style="italic")
        self.query_one("#picker-count", Static).update(line)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_pick()

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.dismiss(event.option.id)

    # Actions (from the command table) ---------------------------------------------------------------

    def action_pick(self) -> None:
        index = self.options.highlighted
        if index is None:
            self.notify("No trial is highlighted: type other words.", severity="warning", markup=False)
            return
        option = self.options.get_option_at_index(index)
        if option.id is not None and not option.disabled:
            self.dismiss(option.id)

    def action_close(self) -> None:
        self.dismiss(None)

