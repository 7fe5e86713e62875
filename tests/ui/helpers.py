"""Reading what the app shows: the rendered text of widgets (what a user would read on screen), and
waiting for the app without fixed sleeps."""

from __future__ import annotations

from textual.app import App
from textual.geometry import Region
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import ContentSwitcher, DataTable, OptionList, Static
from textual.widgets._toast import Toast

from tui.screens.browser import BrowserScreen
from tui.widgets.catalog import CatalogTree


def widget_text(widget: Widget) -> str:
    """The widget's own rendered lines (not its children's), trailing spaces removed."""
    width, height = widget.size
    strips = widget.render_lines(Region(0, 0, width, height))
    return "\n".join(strip.text.rstrip() for strip in strips)


def screen_lines(app: App) -> list[str]:
    """Every line of the terminal as drawn now (all layers composed), trailing spaces kept."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def flat(text: str) -> str:
    """Whitespace folded, so that wrapped lines read as one."""
    return " ".join(text.split())


def browser(app: App) -> BrowserScreen:
    screen = app.screen
    assert isinstance(screen, BrowserScreen), f"expected the browser, got {screen!r}"
    return screen


def detail_text(app: App) -> str:
    """The text of the detail view on display (every visible section, list and table)."""
    view = browser(app).query_one(ContentSwitcher).visible_content
    assert view is not None
    parts = [
        widget_text(widget)
        for widget in view.query("*")
        if isinstance(widget, (Static, OptionList, DataTable)) and widget.display
    ]
    return "\n".join(parts)


def tree_text(app: App) -> str:
    return widget_text(browser(app).query_one(CatalogTree))


def status_text(app: App) -> str:
    return widget_text(browser(app).query_one("#status"))


def shown_id(app: App) -> str | None:
    shown = browser(app).shown_record
    return shown.id if shown is not None else None


def cursor_id(app: App) -> str | None:
    """The record under the tree's cursor (None on a group row)."""
    node = browser(app).catalog.cursor_node
    if node is None or node.data is None or node.data.record is None:
        return None
    return node.data.record.id


def toasts(app: App) -> list[Toast]:
    """The toasts on the screen now."""
    return list(app.screen.query(Toast))


def toast_lines(toast: Toast) -> list[str]:
    """A toast's lines as drawn (its edge and padding left out): the title, then the message."""
    width, height = toast.outer_size
    lines = [strip.text.strip(" ▌") for strip in toast.render_lines(Region(0, 0, width, height))]
    return [line for line in lines if line]


async def settle(pilot: Pilot) -> None:
    """Let workers finish (search, browser, loading) and what they posted reach the screen."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
