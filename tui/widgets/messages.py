"""Messages the detail widgets post upwards; the browser screen decides what they do."""

from __future__ import annotations

from textual.message import Message

from ..core.model import Record


class ShowRecord(Message):
    """The user asked to see a record (a measure under a trial, a trial in a table, ...)."""

    def __init__(self, record: Record) -> None:
        super().__init__()
        self.record = record


class OpenLink(Message):
    """The user asked to open a web page; `what` names it in the notification."""

    def __init__(self, url: str | None, what: str) -> None:
        super().__init__()
        self.url = url
        self.what = what
