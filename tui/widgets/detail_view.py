"""The base of the detail views: a column of headed sections that `show(subject, context)` fills in."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from rich.console import RenderableType
from rich.text import Text
from textual.containers import Vertical
from textual.widgets import Static

from ..core.model import Dataset

Subject = TypeVar("Subject")


@dataclass(frozen=True)
class DetailContext:
    """What every view needs besides its subject: the dataset, and which trials are marked."""

    dataset: Dataset
    marked: tuple[str, ...] = ()


def heading(title: str, id: str | None = None) -> Static:
    """A section heading (styled by the `.heading` rule of the app's CSS)."""
    return Static(Text(title), classes="heading", id=id)


def body(id: str) -> Static:
    return Static(id=id, classes="body")


class DetailView(Vertical, Generic[Subject]):
    """One kind of subject's details. Subclasses compose sections and implement `fill`.

    Views are mounted when first needed (see DetailPane); `show` fills them once their sections exist,
    at once if they already do."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.ready = False
        self._pending: Callable[[], None] | None = None

    def show(self, subject: Subject, context: DetailContext, then: Callable[[], None] | None = None) -> None:
        """Fill the view with `subject` now, or as soon as it is composed (only the latest fill counts);
        `then` runs after the fill."""

        def fill() -> None:
            self.fill(subject, context)
            if then is not None:
                then()

        if self.ready:
            fill()
        else:
            self._pending = fill

    def fill(self, subject: Subject, context: DetailContext) -> None:
        raise NotImplementedError

    def on_mount(self) -> None:
        # Mount comes after compose has mounted the sections.
        self.ready = True
        pending, self._pending = self._pending, None
        if pending is not None:
            pending()

    def set(self, id: str, content: RenderableType) -> None:
        self.query_one(f"#{id}", Static).update(content)

    def set_heading(self, id: str, title: str) -> None:
        self.query_one(f"#{id}", Static).update(Text(title))

    def reveal(self, id: str, shown: bool) -> None:
        """Show or hide a section (an empty one is left out rather than saying so)."""
        self.query_one(f"#{id}").display = shown
