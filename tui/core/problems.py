"""Problems found in data files, and the error that carries all of them at once."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

Path = tuple[str | int, ...]


def format_path(path: Path) -> str:
    """('trials', 3, 'design', 'blinding') -> 'trials[3].design.blinding'."""
    if not path:
        return "(file)"
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
    return text


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with the data, located as precisely as we can."""

    file: str
    line: int
    column: int
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.path}: {self.message}"


class DataError(Exception):
    """The data could not be loaded; `problems` lists every problem found, in file order."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: (p.file, p.line, p.column, p.message))
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        super().__init__(f"{count} {noun} in the data:\n" + "\n".join(str(p) for p in self.problems))
