"""The Textual app: built from an already loaded Dataset, it owns the app-wide state (the trials marked for
comparison, the settings) and the services every screen uses (search index, clipboard, browser); the
screens do the rest. Screens post messages up (`ShowRecord`, `ToggleMark`, `CopyText`, `OpenLink`) and
hand their result back with `dismiss`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cached_property, partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events, on, work
from textual.app import App, SystemCommand
from textual.reactive import reactive
from textual.screen import Screen

from . import commands, outside
from .commands import RecordsProvider, literal_markup
from .core import links, safety, text
from .core import settings as settings_file
from .core.model import Dataset, DatasetInfo, Record
from .core.problems import DataError
from .core.settings import Settings
from .screens.loading import LoadingScreen
from .widgets.labels import mark_letter
from .widgets.messages import CopyText, OpenLink, SetMarks, ShowRecord, ToggleMark
from .widgets.too_small import MIN_HEIGHT, MIN_WIDTH

if TYPE_CHECKING:
    from .core.loader import Progress
    from .core.search.session import SearchSession
    from .screens.browser import BrowserScreen

MARK_LIMIT = 2


class DataLoader:
    """Reads the dataset for the app (in a worker thread); `where` names it on the loading screen."""

    def __init__(self, where: str, load: Callable[[Progress], Dataset]) -> None:
        self.where = where
        self.load = load


# Textual's own palette entries that do not fit here: the key panel squeezes the panes, screenshots need
# a Downloads folder, and Quit is ours.
UNWANTED_SYSTEM_COMMANDS = frozenset({"Keys", "Screenshot", "Maximize", "Minimize", "Quit"})


def toggled_marks(marked: tuple[str, ...], trial_id: str, limit: int = MARK_LIMIT) -> tuple[str, ...]:
    """Unmark a marked trial; otherwise mark it, dropping the oldest mark beyond `limit`."""
    if trial_id in marked:
        return tuple(t for t in marked if t != trial_id)
    return (*marked, trial_id)[-limit:]


class MSTrialsApp(App[None]):
    """A keyboard-first browser of MS remyelination trials."""

    CSS_PATH = "app.tcss"
    BINDINGS = commands.bindings("app")
    COMMANDS = App.COMMANDS | {RecordsProvider}
    COMMAND_PALETTE_BINDING = "ctrl+p"
    # The screens' breakpoint classes drive the layout (app.tcss) and the too-small message.
    HORIZONTAL_BREAKPOINTS = [  # noqa: RUF012 - Textual declares it as a plain (mutable) attribute
        (0, "-too-narrow"),
        (MIN_WIDTH, "-narrow"),
        (80, "-medium"),
        (120, "-wide"),
    ]
    VERTICAL_BREAKPOINTS = [(0, "-too-short"), (MIN_HEIGHT, "-tall")]  # noqa: RUF012 - as above

    marked: reactive[tuple[str, ...]] = reactive(())

    def __init__(
        self,
        dataset: Dataset | None = None,
        *,
        loader: DataLoader | None = None,
        open_ref: str | None = None,
        compare_refs: tuple[str, str] | None = None,
        settings_path: Path | None = None,
    ) -> None:
        """Built from a loaded `dataset`, or from a `loader` that reads one in the background while a
        loading screen shows its progress (the first frame is drawn at once, whatever the data's size)."""
        super().__init__()
        assert dataset is not None or loader is not None, "a dataset or a loader"
        self.loader = loader
        self.dataset = dataset if dataset is not None else Dataset(DatasetInfo(), (), (), ())
        self.open_ref = open_ref
        self.compare_refs = compare_refs
        # No path (tests, scripts): the defaults, and nothing is written.
        self.settings_path = settings_path
        loaded = settings_file.load(settings_path, commands.binding_ids()) if settings_path else None
        self.settings: Settings = loaded.settings if loaded else Settings()
        self._settings_writable = loaded.writable if loaded else False
        self._settings_warnings = loaded.warnings if loaded else []
        self._theme_flips = 0
        self.load_error: DataError | None = None
        if dataset is not None:
            self._name_dataset()

    def _name_dataset(self) -> None:
        self.title = text.one_line(self.dataset.info.name)
        self.sub_title = f"data {text.one_line(self.dataset.info.version)}"

    @cached_property
    def search_session(self) -> SearchSession:
        """One search index per app, built in the background after the first screen is drawn."""
        from .core.search.session import SearchSession

        return SearchSession(self.dataset)

    def get_default_screen(self) -> Screen[None]:
        if self.loader is not None:
            return LoadingScreen(self.loader.where)
        return self._browser()

    def _browser(self) -> BrowserScreen:
        # Imported when first shown (with the loader, it already was, in the loading thread): the first
        # frame does not wait for the browser's widgets and everything they import.
        from .screens.browser import BrowserScreen

        return BrowserScreen(
            self.dataset,
            open_ref=self.open_ref,
            compare_refs=self.compare_refs,
            grouping=self.settings.grouping,
            tree_width=self.settings.tree_width,
        )

    def on_mount(self) -> None:
        if self.settings.theme and self.settings.theme in self.available_themes:
            self.theme = self.settings.theme
        if self.settings.keys:
            self.set_keymap(self.settings.keys)
        for warning in self._settings_warnings:
            self.notify(warning, title="Settings", severity="warning", markup=False)
        if self.loader is not None:
            # Started once the loading screen is painted: the thread would otherwise hold the interpreter
            # (one thread runs Python at a time) while the first frame is drawn.
            self.call_after_refresh(self._load)
        else:
            self.call_after_refresh(self._build_search_index)

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def _load(self) -> None:
        assert self.loader is not None
        screen = self.screen

        def progress(done: int, total: int) -> None:
            if isinstance(screen, LoadingScreen):
                self.call_from_thread(screen.progress, done, total)

        try:
            dataset = self.loader.load(progress)
        except DataError as error:
            self.call_from_thread(self._failed, error)
            return
        from .screens import browser  # noqa: F401 - imported here, so that showing it does not wait for that

        self.call_from_thread(self._loaded, dataset)

    def _failed(self, error: DataError) -> None:
        # Bad data never reaches the browser: the app ends and the command prints every problem.
        self.load_error = error
        self.exit(return_code=2)

    def _loaded(self, dataset: Dataset) -> None:
        self.dataset = dataset
        self._name_dataset()
        for warning in dataset.warnings:
            self.notify(text.one_line(str(warning)), title="Skipped", severity="warning", markup=False)
        loading = self.screen
        pending = loading.pending_keys if isinstance(loading, LoadingScreen) else []
        if isinstance(loading, LoadingScreen):
            loading.finish()  # it stays below the browser: its progress bar must stop animating
        # Pushed over the loading screen, not switched for it: Textual cannot switch away from the default
        # screen (it has no result callback to drop; the app crashed here with an empty screen stack).
        self.push_screen(self._browser())

        def replay() -> None:
            # Typed ahead while loading: the keys now go to the browser, in order.
            for key in pending:
                self.post_message(events.Key(key.key, key.character))
            self._build_search_index()

        self.call_after_refresh(replay)

    @work(thread=True, exclusive=True, group="search-index", exit_on_error=False)
    def _build_search_index(self) -> None:
        self.search_session.index()

    def remember(self, **changes: object) -> None:
        """Change settings and save them (unless the file had problems the user should fix first)."""
        self.settings = Settings(**{**self.settings.__dict__, **changes})
        if self.settings_path is None or not self._settings_writable:
            return
        try:
            settings_file.save(self.settings, self.settings_path)
        except OSError as error:
            self._settings_writable = False
            self.notify(f"Could not save the settings: {error.strerror}", severity="warning", markup=False)

    # Messages from the screens -----------------------------------------------------------------------

    @on(ToggleMark)
    def _toggle_mark(self, event: ToggleMark) -> None:
        before = self.marked
        self.marked = toggled_marks(before, event.trial_id)
        label = self._label(event.trial_id)
        if event.trial_id not in self.marked:
            self.notify(f"Unmarked {label}.", markup=False)
            return
        message = f"Marked {label} as [{mark_letter(event.trial_id, self.marked)}]."
        dropped = [self._label(t) for t in before if t not in self.marked]
        if dropped:
            message += f" Unmarked {', '.join(dropped)} (two at most)."
        self.notify(message, markup=False)

    @on(SetMarks)
    def _set_marks(self, event: SetMarks) -> None:
        self.marked = event.trial_ids[-MARK_LIMIT:]

    def _label(self, trial_id: str) -> str:
        record = self.dataset.by_id.get(trial_id)
        return text.one_line(record.label) if record is not None else trial_id

    @on(CopyText)
    def _copy(self, event: CopyText) -> None:
        path = outside.save_text(event.content, event.stem)
        sent = self._driver is not None
        if sent:
            self.copy_to_clipboard(event.content)
        said = outside.copy_said(event.what, path, sent)
        self.notify(said.message, title=said.title, severity=said.severity, markup=False)

    @on(OpenLink)
    def _open(self, event: OpenLink) -> None:
        url = event.url
        if not url:
            self.notify(f"No web page is recorded for {event.what}.", severity="warning", markup=False)
            return
        if links.check_url(url) is not None or safety.UNSAFE.search(url):
            # Not an address a browser may be given (the loader refuses these, a dataset built otherwise may
            # not): said so, with its control characters made visible (raw, they would act on the terminal).
            self.notify(
                f"The recorded link is not a valid web address, so it was not opened: {text.one_line(url)}",
                title=text.one_line(event.what),
                severity="warning",
                markup=False,
            )
            return
        argv = outside.browser_command(url) if outside.graphical_browser_available() else None
        if argv is None:
            path = outside.save_text(url, "link")
            where = f" (also saved in {path})" if path else ""
            self.notify(
                f"No web browser to open it with (set $BROWSER). The link{where}: {url}",
                title=text.one_line(event.what),
                severity="warning",
                markup=False,
            )
            return
        self._run_browser(argv, url, text.one_line(event.what))

    @work(thread=True, group="browser", exit_on_error=False)
    def _run_browser(self, argv: list[str], url: str, what: str) -> None:
        try:
            status, error = outside.run_browser(argv), None
        except OSError as failure:
            status, error = None, failure.strerror or str(failure)
        said = outside.open_said(what, url, argv, status, error)
        self.call_from_thread(
            partial(self.notify, said.message, title=said.title, severity=said.severity, markup=False)
        )

    @on(ShowRecord)
    def _show_elsewhere(self, event: ShowRecord) -> None:
        # Reaches the App only when the screen on top did not take it (a modal without a browser below).
        event.stop()

    # Commands ---------------------------------------------------------------------------------------

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """The palette's commands: the table's entries for this screen, then Textual's theme picker."""
        scopes = set(commands.SCREEN_SCOPES.get(type(screen).__name__, ())) | {"app"}
        for command in commands.palette_commands():
            if command.scope not in scopes:
                continue
            target = self if command.scope == "app" else screen
            yield SystemCommand(
                command.title,
                literal_markup(f"{command.help} Key: {command.key_display}"),
                partial(self.run_action, command.action, target),
            )
        for system_command in super().get_system_commands(screen):
            if system_command.title not in UNWANTED_SYSTEM_COMMANDS:
                yield system_command

    def action_help(self) -> None:
        """Open help for the screen on top; from the help screen itself (F1 again), close it."""
        from .screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss(None)
            return
        self.push_screen(HelpScreen(commands.scopes_for(type(self.screen).__name__)))

    def action_search(self) -> None:
        from .screens.search import SearchScreen

        if isinstance(self.screen, SearchScreen):
            return

        def found(record: Record | None) -> None:
            # Handed to the screen below: the browser shows it; another screen closes and passes it on.
            if record is not None:
                self.screen.post_message(ShowRecord(record))

        self.push_screen(SearchScreen(self.search_session), found)

    def action_toggle_dark(self) -> None:
        """Switch theme; a held key flips a count, and only the final theme is applied (once)."""
        self._theme_flips += 1
        if self._theme_flips == 1:
            self.call_after_refresh(self._apply_theme_flips)

    def _apply_theme_flips(self) -> None:
        flips, self._theme_flips = self._theme_flips, 0
        if flips % 2:
            self.theme = "textual-light" if self.current_theme.dark else "textual-dark"
            self.remember(theme=self.theme)

    def action_redraw(self) -> None:
        self.screen.refresh(repaint=True, layout=True)
        self.refresh(repaint=True, layout=True)


def run_app(
    loader: DataLoader,
    *,
    open_ref: str | None = None,
    compare_refs: tuple[str, str] | None = None,
    settings_path: Path | None = None,
) -> DataError | None:
    """Run the browser until the user quits; the data problems that stopped it, if any."""
    app = MSTrialsApp(loader=loader, open_ref=open_ref, compare_refs=compare_refs, settings_path=settings_path)
    app.run()
    return app.load_error
