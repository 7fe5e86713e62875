"""What the comparison remembers between openings (plain state, no Textual)."""

from __future__ import annotations

from dataclasses import dataclass

from ..core.model import Trial


@dataclass
class ComparisonMemory:
    """What the comparison remembers between openings: the last pair's order and hidden rows."""

    pair: tuple[str, str] | None = None
    hide_identical: bool = False

    def ordered(self, a: Trial, b: Trial) -> tuple[Trial, Trial]:
        """The pair in the order it was last shown (after a swap), else as given."""
        if self.pair == (b.id, a.id):
            return b, a
        return a, b
