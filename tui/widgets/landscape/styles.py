"""The roles of chart lines (`core.landscape.lines.ROLES`) as component classes, and lines as Rich Text."""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import events
from textual.widget import Widget

from ...core.landscape.lines import ROLES, Line

CURSOR = "landscape--cursor"
ROLE_CLASSES = frozenset({f"landscape--{role}" for role in ROLES} | {CURSOR})


class RoleStyles(Widget):
    """A widget that draws styled lines: each role is the component class `landscape--ROLE` (see app.tcss)."""

    COMPONENT_CLASSES: ClassVar[set[str]] = set(ROLE_CLASSES)

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        # get_component_rich_style is slow and a chart needs it for every span: cached until styles change.
        self._role_styles: dict[str, Style] = {}

    def notify_style_update(self) -> None:
        self._role_styles.clear()
        super().notify_style_update()

    def role_style(self, role: str) -> Style:
        style = self._role_styles.get(role)
        if style is None:
            name = CURSOR if role == "cursor" else f"landscape--{role}"
            if role == "cursor" and self.app.no_color:  # without colour a background cannot show: reverse
                self._role_styles[role] = Style(reverse=True, bold=True)
                return self._role_styles[role]
            # The full style: translucent theme colours ($text-muted) are blended with the background.
            style = Style() if not role or name not in ROLE_CLASSES else self.get_component_rich_style(name)
            self._role_styles[role] = style
        return style

    def styled(self, line: Line) -> Text:
        """A line as Text, each span in its role's style (data strings are never parsed as markup)."""
        out = Text(no_wrap=True, overflow="crop", end="")
        for part, role in line:
            out.append(part, self.role_style(role))
        return out

    # What is drawn depends on the size and on whether the cursor shows (focus): draw again on both.
    def on_resize(self, event: events.Resize) -> None:
        self.refresh()

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def lines_text(self, lines: list[Text]) -> Text:
        return Text("\n", no_wrap=True, overflow="crop", end="").join(lines)
