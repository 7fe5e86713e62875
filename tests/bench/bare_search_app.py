"""The baseline for the keystroke benchmark: a bare Textual app with an Input and an OptionList that lists
the records whose text contains what is typed (a case-insensitive substring test), as two-line rows, at
most 50 of them, the way the search screen lists its hits. No ranking, no typo tolerance, no highlights.

`python tests/bench/bare_search_app.py [DATA]` runs it interactively, to look at it.
"""

from __future__ import annotations

import sys

from textual.app import App, ComposeResult
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

LIMIT = 50


class BareSearchApp(App[None]):
    """Type to filter `lines` (one searchable text per record) by substring; `titles` are shown."""

    CSS = """
    Input { dock: top; }
    OptionList { height: 1fr; }
    """

    def __init__(self, titles: list[str], lines: list[str]) -> None:
        super().__init__()
        self.titles = titles
        self.haystack = [line.casefold() for line in lines]

    def compose(self) -> ComposeResult:
        yield Input(placeholder="Search")
        yield OptionList()

    def on_input_changed(self, event: Input.Changed) -> None:
        needle = event.value.strip().casefold()
        rows: list[Option] = []
        if needle:
            for number, text in enumerate(self.haystack):
                if needle in text:
                    at = text.find(needle)
                    context = text[max(0, at - 20) : at + 80].replace("\n", " ")
                    rows.append(Option(f"{self.titles[number]}\n      {context}"))
                    if len(rows) >= LIMIT:
                        break
        options = self.query_one(OptionList)
        options.set_options(rows)
        options.highlighted = 0 if rows else None


if __name__ == "__main__":
    sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parents[2]))
    from probes import record_lines  # type: ignore[import-not-found]

    from tui.core.loader import load_dataset

    titles, lines = record_lines(load_dataset(sys.argv[1] if len(sys.argv) > 1 else None))
    BareSearchApp(titles, lines).run()
