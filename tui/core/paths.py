"""Where the dataset is: `--data`, else $MSTRIALS_DATA, else the bundled data.

Kept apart from the loader (which imports YAML, the schema and the model) so that the command can name the
data path, and start drawing, before any of that is imported."""

from __future__ import annotations

import os
from pathlib import Path

DATA_ENV = "MSTRIALS_DATA"


def bundled_data_path() -> Path:
    """The dataset shipped with the package (inside the wheel, or `data/` in a source checkout)."""
    package = Path(__file__).resolve().parent.parent
    shipped = package / "_data"
    if shipped.is_dir():
        return shipped
    return package.parent / "data"


def default_data_path(explicit: str | None = None) -> Path:
    """`--data` if given, else $MSTRIALS_DATA, else the bundled dataset."""
    if explicit is not None:
        if not explicit.strip():
            from .problems import DataError, Problem

            raise DataError([Problem("--data", 1, 1, "(path)", "the data path is empty; give a YAML file or a folder")])
        return Path(explicit)
    from_env = os.environ.get(DATA_ENV)
    if from_env:
        return Path(from_env)
    return bundled_data_path()
