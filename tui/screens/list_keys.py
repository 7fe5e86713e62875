"""Cursor keys for screens whose typing goes to an Input while the arrows move a list below it."""

from __future__ import annotations

from textual.widgets import OptionList


class ListKeys:
    """Routes the cursor actions of the command table to the screen's list (`navigated_list`).

    The list never takes the focus (typing must stay in the query box), so the screen owns the keys.
    """

    @property
    def navigated_list(self) -> OptionList:
        raise NotImplementedError

    def action_cursor_down(self) -> None:
        self.navigated_list.action_cursor_down()

    def action_cursor_up(self) -> None:
        self.navigated_list.action_cursor_up()

    def action_page_down(self) -> None:
        self.navigated_list.action_page_down()

    def action_page_up(self) -> None:
        self.navigated_list.action_page_up()
