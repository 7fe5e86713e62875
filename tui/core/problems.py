"""Problems found in data files, the bounded collector they are gathered in, and the error that carries them.

A file of 200 000 empty records has millions of problems; nobody reads past the first few dozen, and
keeping them all costs gigabytes. `Issues` keeps the first `limit` of a file and then stops the check of
that file (`TooManyProblems`), so any input is refused in seconds with a short report.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

Path = tuple[str | int, ...]

PROBLEMS_PER_FILE = 1_000
PROBLEMS_SHOWN = 50


def format_path(path: Path) -> str:
    """('trials', 3, 'design', 'masking') -> 'trials[3].design.masking'."""
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
class Issue:
    """A problem before it is located in a file: where in the record, and what."""

    path: Path
    message: str
    at_key: bool = False  # point at the key (unknown field) rather than at the value


class TooManyProblems(Exception):
    """Raised by `Issues.add` past the limit: the rest of the file is not checked."""


class Issues:
    """The problems of one file, at most `limit` of them."""

    def __init__(self, limit: int = PROBLEMS_PER_FILE) -> None:
        self.found: list[Issue] = []
        self.limit = limit
        self.stopped = False

    @property
    def count(self) -> int:
        return len(self.found)

    def add(self, path: Path, message: str, at_key: bool = False) -> None:
        if len(self.found) >= self.limit:
            self.stopped = True
            raise TooManyProblems
        self.found.append(Issue(path, message, at_key))


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
    """The data could not be loaded; `problems` lists the problems found, in file order.

    `incomplete` names the files whose check stopped at the per-file limit (more problems may follow)."""

    def __init__(self, problems: Iterable[Problem], incomplete: Iterable[str] = ()) -> None:
        self.problems = sorted(problems, key=lambda p: (p.file, p.line, p.column, p.message))
        self.incomplete = tuple(incomplete)
        super().__init__(self.summary() + "\n" + "\n".join(self.report_lines(len(self.problems))))

    def summary(self) -> str:
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        more = " (at least: checking stopped early)" if self.incomplete else ""
        return f"{count:,} {noun} in the data{more}"

    def report_lines(self, shown: int = PROBLEMS_SHOWN) -> list[str]:
        """The first `shown` problems, then how many more there are."""
        lines = [str(problem) for problem in self.problems[:shown]]
        rest = len(self.problems) - shown
        if rest > 0:
            lines.append(f"… and {rest:,} more")
        for file in self.incomplete:
            lines.append(f"{file}: checking stopped after {PROBLEMS_PER_FILE:,} problems in this file")
        return lines
