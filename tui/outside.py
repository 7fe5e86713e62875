"""What leaves the app outside Textual's renderer: the clipboard, the web browser and files.

Every string sent here was validated by the loader (no control characters; URLs of RFC 3986 characters
only) and is checked again before it leaves: a URL that fails `links.check_url` never reaches a browser's
argv, and the browser runs detached from our terminal, so nothing it prints can draw over the app.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from .core import files, links, safety

BROWSER_WAIT = 5.0  # seconds to wait for the browser command's exit status


@dataclass(frozen=True)
class Said:
    """What to tell the user: a short message, its title and how serious it is."""

    message: str
    title: str
    severity: Literal["information", "warning", "error"] = "information"


def save_text(content: str, stem: str) -> Path | None:
    """Save text the user asked for in the private folder; None if that failed."""
    try:
        return files.save_private(stem, ".txt", content + "\n")
    except OSError:
        return None


def copy_said(what: str, path: Path | None, sent: bool) -> Said:
    """The honest account of a copy: sent to the terminal's clipboard (which may ignore it), and saved."""
    where = f" It is also in {path}" if path else ""
    if sent:
        return Said(
            f"Sent to the terminal's clipboard (some terminals and tmux ignore this).{where}",
            f"{what} copied",
        )
    return Said(f"The terminal's clipboard is not available.{where}", f"{what} not copied", "warning")


def browser_command(url: str) -> list[str] | None:
    """The argv that opens `url`: $BROWSER (`%s` stands for the URL), else the platform's opener."""
    if links.check_url(url) is not None or safety.UNSAFE.search(url):
        return None
    chosen = os.environ.get("BROWSER")
    if chosen:
        for candidate in chosen.split(os.pathsep):
            try:
                parts = shlex.split(candidate)
            except ValueError:
                continue
            if parts and shutil.which(parts[0]):
                return [part.replace("%s", url) for part in parts] if "%s" in candidate else [*parts, url]
        return None
    opener = {"darwin": "open", "win32": "explorer"}.get(sys.platform, "xdg-open")
    return [opener, url] if shutil.which(opener) else None


def graphical_browser_available() -> bool:
    """Whether a browser would open a window rather than draw over our terminal: $BROWSER is the user's
    explicit choice; on Linux a display is needed."""
    if os.environ.get("BROWSER") or sys.platform in ("darwin", "win32"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def run_browser(argv: list[str]) -> int | None:
    """Run the browser detached from our terminal; its exit status, or None while it is still running."""
    process = subprocess.Popen(
        argv,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        return process.wait(timeout=BROWSER_WAIT)
    except subprocess.TimeoutExpired:
        return None


def open_said(what: str, url: str, argv: list[str] | None, status: int | None, error: str | None) -> Said:
    """The honest account of an attempt to open a page; the link itself is always in the message."""
    name = Path(argv[0]).name if argv else "a browser"
    if error is not None:
        return Said(f"Could not run {name}: {error}. The link: {url}", f"{what} not opened", "error")
    if status is None:
        return Said(f"Opening it with {name}. The link: {url}", f"{what}")
    if status == 0:
        return Said(f"Opened with {name}. The link: {url}", f"{what}")
    return Said(f"{name} ended with exit status {status}. The link: {url}", f"{what} not opened", "error")
