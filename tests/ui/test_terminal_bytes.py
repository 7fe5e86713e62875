"""What reaches the terminal (issue 11): the real app runs in a pseudo-terminal (xterm-256color, 100×30)
on a dataset whose strings carry terminal escapes (see terminal_runner.py); the test shows those trials,
copies a citation (`y`) and opens links (`o`), and reads every byte the app writes.

No escape sequence from the data may reach the terminal: no OSC 52 (clipboard), no OSC 8 (hyperlink), no
right-to-left override, no raw C1 control. The app's own OSC 52 (the copied citation) is allowed, carrying
only the cleaned citation; and the web browser's argv carries no control character.

POSIX only (a pseudo-terminal). About a second and a half, so not marked slow. The waits poll the output
for what the app should draw, with a generous deadline that only a hung app reaches; nothing here depends
on how fast the machine is.
"""

from __future__ import annotations

import base64
import os
import re
import select
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tui.core import text

from .terminal_runner import hostile_dataset

pytestmark = [
    pytest.mark.ui,
    pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal"),
]

HERE = Path(__file__).resolve().parent
RUNNER = HERE / "terminal_runner.py"
COLUMNS, LINES = 100, 30
DEADLINE = 60.0  # seconds; only a hung app gets near it

# Data-derived sequences that must never appear, and characters that must never be written raw.
FORBIDDEN = {
    "the data's OSC 52 (clipboard)": "\x1b]52;c;cHduZWQ=",
    "an OSC 8 hyperlink": "\x1b]8;",
    "a right-to-left override": "\u202e",
}
C1 = re.compile("[\x80-\x9f]")
PLAIN = re.compile(r"\x1b\[[0-9;?<>=$ ]*[A-Za-z~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[=>()][0-9A-B]?|\r|\n")
OSC = re.compile(r"\x1b\]([0-9]+);(.*?)(?:\x07|\x1b\\)", re.DOTALL)
ALLOWED_OSC = {"22", "52"}  # the pointer shape, and the app's own clipboard write
UNSAFE_IN_ARGV = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


class Terminal:
    """A pseudo-terminal running one process; everything the process writes is kept in `output`."""

    def __init__(self, argv: list[str], env: dict[str, str], cwd: Path) -> None:
        import fcntl
        import struct
        import termios

        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", LINES, COLUMNS, 0, 0))
        self.process = subprocess.Popen(
            argv, stdin=slave, stdout=slave, stderr=slave, env=env, cwd=cwd, start_new_session=True
        )
        os.close(slave)
        self._bytes = bytearray()
        self._lock = threading.Lock()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        while True:
            ready, _, _ = select.select([self.master], [], [], 0.1)
            if not ready:
                if self.process.poll() is not None:
                    return
                continue
            try:
                chunk = os.read(self.master, 65536)
            except OSError:  # the process ended and closed the terminal
                return
            if not chunk:
                return
            with self._lock:
                self._bytes.extend(chunk)

    @property
    def raw(self) -> bytes:
        with self._lock:
            return bytes(self._bytes)

    @property
    def output(self) -> str:
        return self.raw.decode("utf-8", errors="replace")

    @property
    def plain(self) -> str:
        """The output without control sequences: the text drawn, roughly in order (enough to wait on)."""
        return PLAIN.sub("", self.output)

    def send(self, keys: bytes) -> None:
        os.write(self.master, keys)

    def wait_for(self, what: str, ready: Callable[[], bool]) -> None:
        deadline = time.monotonic() + DEADLINE
        while not ready():
            if self.process.poll() is not None:
                raise AssertionError(f"the app ended while waiting for {what}:\n{self.tail()}")
            if time.monotonic() > deadline:
                raise AssertionError(f"no {what} after {DEADLINE:.0f} s:\n{self.tail()}")
            time.sleep(0.05)

    def wait_for_text(self, text: str, after: int = 0) -> int:
        """Wait until `text` is drawn (after position `after` of `plain`); where it ends in `plain`."""
        self.wait_for(repr(text), lambda: self.plain.find(text, after) >= 0)
        return self.plain.find(text, after) + len(text)

    def tail(self) -> str:
        return self.plain[-2000:]

    def close(self, failed: bool = False) -> int:
        try:
            if failed:
                self.process.kill()
            return self.process.wait(timeout=DEADLINE)
        finally:
            if self.process.poll() is None:
                self.process.kill()
                self.process.wait()
            self._reader.join(timeout=5)
            os.close(self.master)


@pytest.fixture
def folders() -> Iterator[Path]:
    """A short private temporary folder (its path appears in toasts), removed afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="pty-"))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def recording_browser(folder: Path) -> tuple[Path, Path]:
    """A stand-in web browser that writes its argv (NUL-separated) to a file; (script, argv file)."""
    argv_file = folder / "browser-argv"
    script = folder / "browser"
    script.write_text(
        f'#!/bin/sh\nfor arg in "$0" "$@"; do printf \'%s\\0\' "$arg"; done >> "{argv_file}"\nexit 0\n',
        encoding="utf-8",
    )
    script.chmod(0o755)
    return script, argv_file


def app_oscs(output: str) -> list[tuple[str, str]]:
    return [(match.group(1), match.group(2)) for match in OSC.finditer(output)]


def test_no_escape_from_the_data_reaches_the_terminal(folders: Path) -> None:
    dataset = hostile_dataset()
    alpha = dataset.by_id["alpha"]
    browser, argv_file = recording_browser(folders)
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("COLUMNS", "LINES", "DISPLAY", "WAYLAND_DISPLAY", "MSTRIALS_CONFIG", "TEXTUAL")
    }
    env.update(
        TERM="xterm-256color",
        BROWSER=str(browser),
        TMPDIR=str(folders),
        XDG_CONFIG_HOME=str(folders / "config"),
        PYTHONFAULTHANDLER="1",
    )
    terminal = Terminal([sys.executable, str(RUNNER)], env, cwd=folders)
    failed = True
    try:
        # The hostile trial is shown (--open alpha): its card is drawn.
        at = terminal.wait_for_text("Registry ids")

        # y: the citation goes to the clipboard (the app's own OSC 52) and to a file.
        terminal.send(b"y")
        at = terminal.wait_for_text("Citation copied", at)
        terminal.wait_for("the clipboard write", lambda: "\x1b]52;c;" in terminal.output)

        # o: ALPHA's publication (its DOI, percent-encoded into the link) opens in the "browser".
        terminal.send(b"o")
        at = terminal.wait_for_text("Opened with browser", at)
        terminal.wait_for("the browser's argv", argv_file.exists)

        # BETA, found by search: its publication's raw URL fails the check, reaches no browser, and is shown
        # with its escapes made visible.
        terminal.send(b"/")
        at = terminal.wait_for_text("Search trials, interventions and measures", at)
        terminal.send(b"optic neuritis")
        at = terminal.wait_for_text("optic neuritis", at)
        at = terminal.wait_for_text("Beta", at)
        terminal.send(b"\r")
        at = terminal.wait_for_text("Trial · Phase 2", at)
        terminal.send(b"o")
        at = terminal.wait_for_text("not a valid web address", at)
        terminal.wait_for_text("https://example.org/paper␛]8;;https://evil.example/␛", at)
        terminal.send(b"q")
        failed = False
    finally:
        status = terminal.close(failed)
    output = terminal.output
    assert status == 0, terminal.tail()

    for name, sequence in FORBIDDEN.items():
        assert sequence not in output, f"{name} reached the terminal"
    raw_c1 = sorted({f"U+{ord(c):04X}" for c in C1.findall(output)})
    assert not raw_c1, f"raw C1 controls reached the terminal: {raw_c1}"
    # Every OSC the app wrote is whole, and every bell ends one of them (none comes from the data).
    assert output.count("\x1b]") == len(OSC.findall(output))
    assert output.count("\x07") == sum(match.group(0).endswith("\x07") for match in OSC.finditer(output))

    # The app's own OSC sequences only: the pointer shape, and the clipboard with the cleaned citation.
    citation = text.citation(alpha)  # type: ignore[arg-type]
    oscs = app_oscs(output)
    assert {number for number, _ in oscs} <= ALLOWED_OSC, oscs
    clipboard = [payload for number, payload in oscs if number == "52"]
    assert clipboard == [f"c;{base64.b64encode(citation.encode()).decode()}"]
    copied = base64.b64decode(clipboard[0][2:]).decode()
    assert "␛]52;c;cHduZWQ=" in copied  # the data's escape, made visible
    assert not UNSAFE_IN_ARGV.search(copied.replace("\n", ""))

    # The browser was started once (for ALPHA), with a clean argv; BETA's raw URL never reached it.
    argv = argv_file.read_bytes().split(b"\0")[:-1]
    decoded = [part.decode("utf-8") for part in argv]
    assert len(decoded) == 2, decoded
    assert decoded[1] == "https://doi.org/10.1000/x%1B%5D52;c;cHduZWQ%3D%07", decoded  # percent-encoded
    for part in decoded:
        assert not UNSAFE_IN_ARGV.search(part), part
