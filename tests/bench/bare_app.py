"""The baseline for the start-up and memory benchmarks: a Textual app with the same kinds of widgets as
the browser (Header, a Tree, a scrollable detail pane, Footer) and no data, no CSS file, no project code.

`python tests/bench/bare_app.py` runs it interactively, to look at it.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Footer, Header, Static, Tree


class BareApp(App[None]):
    """Header, a Tree | a scrollable pane, Footer: the browser's layout without the browser."""

    CSS = """
    Tree { width: 40; border: round $panel-lighten-2; }
    VerticalScroll { border: round $panel-lighten-2; padding: 0 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [("q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal():
            tree: Tree[None] = Tree("Catalog")
            tree.root.expand()
            yield tree
            with VerticalScroll():
                yield Static("Nothing selected.")
        yield Footer()


if __name__ == "__main__":
    BareApp().run()
