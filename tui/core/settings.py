"""Settings that stick: theme, default grouping, tree width and key bindings, in a TOML file in the
platform's config folder (`~/.config/mstrials-tui/settings.toml` on Linux).

A corrupt file or an unknown setting gives a warning and the defaults; the file is then left alone for the
user to fix (it is only rewritten when it was read cleanly or did not exist).
"""

from __future__ import annotations

import os
import re
import tempfile
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path

from .groupings import DEFAULT_GROUPING, GROUPINGS

SETTINGS_ENV = "MSTRIALS_CONFIG"
FILE_NAME = "settings.toml"
TREE_WIDTHS = (24, 32, 40, 48, 56, 64)
_KEY = re.compile(r"^[A-Za-z0-9_+\-]{1,40}(?:,[A-Za-z0-9_+\-]{1,40}){0,7}$")
_THEME = re.compile(r"^[a-z0-9][a-z0-9\-]{0,40}$")


@dataclass(frozen=True)
class Settings:
    theme: str | None = None  # a Textual theme name; None: the default
    grouping: str = DEFAULT_GROUPING
    tree_width: int | None = None  # None: sized to the terminal (see app.tcss)
    keys: dict[str, str] = field(default_factory=dict)  # binding id -> keys ("ctrl+f,slash")


def settings_path() -> Path:
    """$MSTRIALS_CONFIG if set, else the platform's config folder."""
    explicit = os.environ.get(SETTINGS_ENV)
    if explicit:
        return Path(explicit)
    from platformdirs import user_config_dir

    return Path(user_config_dir("mstrials-tui", appauthor=False)) / FILE_NAME


@dataclass
class Loaded:
    settings: Settings
    warnings: list[str]
    writable: bool  # False when the file had problems: it is not overwritten


def load(path: Path, binding_ids: frozenset[str] = frozenset()) -> Loaded:
    """The settings in `path` (defaults when it does not exist), with a warning for each problem."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Loaded(Settings(), [], True)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        return Loaded(Settings(), [f"{path}: cannot read the settings ({error}); using the defaults"], False)
    warnings: list[str] = []
    settings = Settings()
    for key, value in raw.items():
        if key == "theme" and isinstance(value, str) and _THEME.match(value):
            settings = replace(settings, theme=value)
        elif key == "grouping" and value in GROUPINGS:
            settings = replace(settings, grouping=value)
        elif key == "tree_width" and isinstance(value, int) and not isinstance(value, bool) and value in TREE_WIDTHS:
            settings = replace(settings, tree_width=value)
        elif key == "keys" and isinstance(value, dict):
            keys = {}
            for binding, keys_text in value.items():
                if binding_ids and binding not in binding_ids:
                    warnings.append(f"{path}: keys.{binding}: no such command (see the help screen for their ids)")
                elif not isinstance(keys_text, str) or not _KEY.match(keys_text):
                    warnings.append(f'{path}: keys.{binding}: expected key names such as "ctrl+f" or "f,slash"')
                else:
                    keys[binding] = keys_text
            settings = replace(settings, keys=keys)
        else:
            allowed = {
                "theme": "a theme name",
                "grouping": ", ".join(GROUPINGS),
                "tree_width": ", ".join(map(str, TREE_WIDTHS)),
                "keys": "a table of command id = keys",
            }
            hint = f" (allowed: {allowed[key]})" if key in allowed else f"; known settings: {', '.join(allowed)}"
            warnings.append(f"{path}: ignored setting '{key}'{hint}")
    return Loaded(settings, warnings, not warnings)


def dumps(settings: Settings) -> str:
    lines = ["# mstrials-tui settings (written by the app; edit freely while it is closed)"]
    if settings.theme:
        lines.append(f'theme = "{settings.theme}"')
    lines.append(f'grouping = "{settings.grouping}"')
    if settings.tree_width is not None:
        lines.append(f"tree_width = {settings.tree_width}")
    if settings.keys:
        lines += ["", "[keys]"]
        lines += [f'"{binding}" = "{keys}"' for binding, keys in sorted(settings.keys.items())]
    return "\n".join(lines) + "\n"


def save(settings: Settings, path: Path) -> None:
    """Replace the settings file (our own file, so replacing is right), atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(prefix=".settings.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(dumps(settings))
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
