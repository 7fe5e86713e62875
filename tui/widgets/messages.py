"""Messages that widgets and screens post upwards; the screen or the App that owns the state acts on them."""

from __future__ import annotations

from textual.message import Message

from ..core.model import Record


class ShowRecord(Message):
    """The user asked to see a record (a measure under a trial, a trial in a table, a palette entry…).

    The browser shows it; any other screen closes and hands it to the screen that opened it."""

    def __init__(self, record: Record) -> None:
        super().__init__()
        self.record = record


class OpenLink(Message):
    """The user asked to open a web page; `what` names it in the notification."""

    def __init__(self, url: str | None, what: str) -> None:
        super().__init__()
        self.url = url
        self.what = what


class CopyText(Message):
    """The user asked to copy a text (a citation, an export); `what` names it, `stem` names its file."""

    def __init__(self, content: str, what: str, stem: str) -> None:
        super().__init__()
        self.content = content
        self.what = what
        self.stem = stem


class ToggleMark(Message):
    """Mark or unmark a trial for comparison (the App holds the marks)."""

    def __init__(self, trial_id: str) -> None:
        super().__init__()
        self.trial_id = trial_id


class SetMarks(Message):
    """Mark exactly these trials, in this order (the comparison's A and B after a swap or a pick)."""

    def __init__(self, trial_ids: tuple[str, ...]) -> None:
        super().__init__()
        self.trial_ids = trial_ids
