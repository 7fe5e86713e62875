"""Text as the index sees it: case-folded, accents removed, punctuated words also joined up ("L-T3" -> "lt3").

The same folding is applied to the data when the index is built and to the query when it runs, and
`occurrences` maps matches back to positions in the original text for highlighting.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Iterator

WORD = re.compile(r"[^\W_]+")
# Words joined by punctuation without spaces ("L-T3", "anti-LINGO-1", "BG-12") are also indexed joined
# up ("lt3"), so that "LT3", "L-T3" and "anti-LINGO" find them.
# (The look-behind stops the search from retrying inside every word: five times faster.)
CONNECTORS = "-./+'\u2019_"  # hyphen, dot, slash, plus, apostrophes, underscore
COMPOUND = re.compile(rf"(?<![^\W_])[^\W_]+(?:[{re.escape(CONNECTORS)}][^\W_]+)+")
CONNECTOR = f"[{re.escape(CONNECTORS)}]?"


def fold(value: str) -> str:
    """Text as the index sees it: case-folded, accents removed ("Rémy" -> "remy")."""
    folded = value.casefold()
    if folded.isascii():
        return folded
    decomposed = unicodedata.normalize("NFKD", folded)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def squashed(value: str) -> str:
    """Folded with everything but letters and digits removed: "L-T3" -> "lt3"."""
    return "".join(WORD.findall(fold(value)))


def compound_tokens(folded: str) -> dict[str, tuple[str, ...]]:
    """Punctuation-joined words of a folded text, run together, with their parts: {"lt3": ("l", "t3")}."""
    joined: dict[str, tuple[str, ...]] = {}
    for compound in COMPOUND.findall(folded):
        parts = tuple(WORD.findall(compound))
        joined["".join(parts)] = parts
    return joined


def located_tokens(value: str) -> Iterator[tuple[str, int, int]]:
    """(token, start, end) for every token of a text, with positions in the original text."""
    for match in WORD.finditer(value):
        yield fold(match.group()), match.start(), match.end()
    for match in COMPOUND.finditer(value):
        yield squashed(match.group()), match.start(), match.end()


@functools.lru_cache(maxsize=1024)
def _whole_word(token: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![^\W_]){re.escape(token)}(?![^\W_])")


@functools.lru_cache(maxsize=1024)
def _punctuated(token: str) -> re.Pattern[str]:
    """A joined-up token as it may be written: "lt3" finds "l-t3"."""
    return re.compile(rf"(?<![^\W_]){CONNECTOR.join(map(re.escape, token))}(?![^\W_])")


def occurrences(value: str, words: set[str], compounds: Iterable[str] = ()) -> list[tuple[str, int, int]]:
    """Where the wanted tokens occur in a text: (token, start, end) in the original text.

    `words` are looked for as words, `compounds` (tokens joined up from punctuated words) as written.
    """
    folded = fold(value)
    if len(folded) != len(value):  # rare ("ß" -> "ss"): positions differ, so read token by token
        wanted = words.union(compounds)
        return [located for located in located_tokens(value) if located[0] in wanted]
    # Looking only for the tokens present keeps this in C: long summaries are never walked in Python.
    present = words.intersection(WORD.findall(folded))
    found = [(t, m.start(), m.end()) for t in present for m in _whole_word(t).finditer(folded)]
    found.extend((t, m.start(), m.end()) for t in compounds for m in _punctuated(t).finditer(folded))
    return found


def initials(words: list[str]) -> str:
    return "".join(word[0] for word in words if word)
