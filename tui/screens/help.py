"""The help screen: every key and command, generated from the command table, and a legend of markers."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from .. import commands
from ..core import text, vocab
from ..core.search import FILTERS
from ..widgets.too_small import TooSmall
from .size_guard import SizeGuard


def keys_table(scope: str) -> Table:
    table = Table.grid(padding=(0, 2), expand=True)
    table.add_column(no_wrap=True, style="bold", min_width=12)
    table.add_column(ratio=1)
    for command in commands.in_scope(scope):
        line = Text(command.title, style="bold")
        line.append(f" — {command.help}", style="not bold")
        if command.bind:
            # The id a settings file uses to give the command other keys (README: Settings).
            line.append(f" [{command.id}]", style="not bold dim")
        table.add_row(Text(command.key_display), line)
    return table


def legend() -> Text:
    markers = " · ".join(text.verdict(key) for key in vocab.VERDICT.values)
    return Text(
        f"Primary outcome: {markers}\n"
        "Phase: P1, P2, P2a, P1/2 …; P? = phase not reported; n/a = not applicable\n"
        "[A] [B]: trials marked for comparison (m marks, C compares)\n"
        f"Unknown values read “{text.NOT_REPORTED}”.\n"
        "Command palette (^p): run any command, or type a trial, intervention, alias or measure to jump"
        " to it.\n"
        "Keys can be changed in the settings file (see README: Settings); each key's id is in the palette."
    )


def filters_table() -> Table:
    table = Table.grid(padding=(0, 2), expand=True)
    table.add_column(no_wrap=True, style="bold", min_width=16)
    table.add_column(ratio=1)
    for spec in FILTERS:
        table.add_row(Text(spec.example), Text(spec.hint))
    table.add_row(Text("!word"), Text("leave out records with this word (or !name:value for a filter)"))
    return table


class HelpScreen(SizeGuard, ModalScreen[None]):
    """Lists every binding, the keys of the screen it was opened from first; Esc, q, ? or F1 closes it."""

    BINDINGS = commands.bindings("help")

    def __init__(self, scopes: tuple[str, ...] = commands.SCOPES) -> None:
        super().__init__()
        self.scopes = scopes

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body") as body:
            body.border_title = "Help"
            body.border_subtitle = "Esc closes"
            yield Static(Text("Keys and commands", style="bold"), classes="title")
            for scope in self.scopes:
                if scope == "help":
                    continue
                yield Static(Text(commands.SCOPE_TITLES[scope]), classes="heading")
                yield Static(keys_table(scope))
            yield Static(Text("Search filters"), classes="heading")
            yield Static(filters_table())
            yield Static(Text("Reading the catalog"), classes="heading")
            yield Static(legend())
        yield TooSmall()

    def on_mount(self) -> None:
        self.query_one("#help-body").focus()

    def action_close(self) -> None:
        self.dismiss(None)

    def action_scroll_down(self) -> None:
        self.query_one("#help-body", VerticalScroll).scroll_down()

    def action_scroll_up(self) -> None:
        self.query_one("#help-body", VerticalScroll).scroll_up()
