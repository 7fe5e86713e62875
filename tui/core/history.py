"""Back/forward history of the records shown in the browser, like a web browser's.

It stores record ids, so it survives regrouping the tree.
"""

from __future__ import annotations


class History:
    """Visited ids with a current position; visiting after going back drops the forward part."""

    def __init__(self, limit: int = 200) -> None:
        self._items: list[str] = []
        self._position = -1
        self._limit = limit

    @property
    def current(self) -> str | None:
        return self._items[self._position] if self._position >= 0 else None

    @property
    def can_go_back(self) -> bool:
        return self._position > 0

    @property
    def can_go_forward(self) -> bool:
        return self._position < len(self._items) - 1

    def visit(self, item: str) -> None:
        """Record that `item` is shown. Showing the current item again changes nothing, so moving
        back (which shows the previous item) does not itself add to the history."""
        if item == self.current:
            return
        del self._items[self._position + 1 :]
        self._items.append(item)
        if len(self._items) > self._limit:
            del self._items[0]
        self._position = len(self._items) - 1

    def back(self) -> str | None:
        if not self.can_go_back:
            return None
        self._position -= 1
        return self.current

    def forward(self) -> str | None:
        if not self.can_go_forward:
            return None
        self._position += 1
        return self.current
