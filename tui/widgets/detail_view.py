"""The base of the detail views: a column of headed sections that `show()` fills in."""

from __future__ import annotations

from rich.console import RenderableType
from rich.text import Text
from textual.containers import Vertical
from textual.widgets import Static


def heading(title: str) -> Static:
    """A section heading (styled by the `.heading` rule of the app's CSS)."""
    return Static(Text(title), classes="heading")


def body(id: str) -> Static:
    return Static(id=id, classes="body")


class DetailView(Vertical):
    """One kind of record's details. Subclasses compose sections and implement `show`."""

    def set(self, id: str, content: RenderableType) -> None:
        self.query_one(f"#{id}", Static).update(content)

    def set_heading(self, id: str, title: str) -> None:
        self.query_one(f"#{id}", Static).update(Text(title))
