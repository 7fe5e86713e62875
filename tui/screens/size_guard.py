"""Screens keep their focus across a too-small terminal.

Below the minimum size the layout is hidden (see app.tcss), and hidden widgets lose the focus; without
this, keys would do nothing after the window is enlarged again until the user pressed Tab.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import events
from textual.widget import Widget

from ..widgets.too_small import MIN_HEIGHT, MIN_WIDTH

if TYPE_CHECKING:
    from textual.screen import Screen

    _Base = Screen[Any]
else:
    # A plain mixin at run time: as a Screen subclass it would repeat Screen's default CSS after
    # ModalScreen's in the cascade and make modal screens opaque.
    _Base = object


class SizeGuard(_Base):
    """Mixin for screens: gives the focus back to where it was when the terminal is big enough again."""

    _focus_before_too_small: Widget | None = None

    def on_resize(self, event: events.Resize) -> None:
        width, height = event.size
        if width < MIN_WIDTH or height < MIN_HEIGHT:
            if self.focused is not None:
                self._focus_before_too_small = self.focused
            return
        if self.focused is None and self._focus_before_too_small is not None:
            # Wait for the layout to show the widget again: hidden widgets cannot take the focus.
            self.call_after_refresh(self._restore_focus)

    def _restore_focus(self) -> None:
        widget, self._focus_before_too_small = self._focus_before_too_small, None
        if widget is not None and widget.is_attached and self.focused is None:
            widget.focus()
