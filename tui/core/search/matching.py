"""Matching query terms against the index's vocabulary, and finding where in a field they matched.

A term is matched against the distinct tokens of the index (exact, prefix, acronym, substring and
typo-tolerant matches), never against every record; `field_match` then reads the few fields shown to
place the highlights.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from rapidfuzz import process
from rapidfuzz.distance import OSA

from .normalise import WORD, fold, initials, occurrences
from .records import DESCRIPTOR, IDENTITY, PROSE, TIER_WEIGHT, VIA_TIERS, IndexedField

# --- Match qualities (0..100) of a query term against one vocabulary token ----------------------------------
# The order is the ranking the issue asks for: exact, prefix / word start, acronym, substring, typo.
EXACT = 100.0
PREFIX_BASE, PREFIX_SPAN = 80.0, 15.0  # 80..95, more the more of the word the term covers
ACRONYM_WHOLE, ACRONYM_PART = 80.0, 72.0  # "mtr" for all / part of "Magnetisation transfer ratio"
SUBSTRING_BASE, SUBSTRING_SPAN = 60.0, 15.0
FUZZY_MAX = 72.0  # scaled down by the share of the word that had to be edited
FUZZY_PREFIX_MAX = 62.0  # a typo in a word that is still being typed
REPEAT_BONUS, REPEAT_CAP = 0.5, 4  # small reward for a term found in several kinds of field
CLOSENESS_BONUS = 3.0  # for several terms next to each other in one field
REFINE_EXTRA = 50  # records beyond the limit that the closeness bonus may still lift into it
TIE_BREAK = 1e-9  # per place in the index: ties go to the record first in it

# --- Limits: any input must stay fast -----------------------------------------------------------------------
MAX_TERM_CHARS = 64
PREFIX_LIMIT = 2000
SUBSTRING_LIMIT = 300
MIN_SUBSTRING = 4  # shorter terms match only whole words and word starts
MIN_FUZZY = 5  # shorter terms are not typo-tolerant
MAX_EDITS = 2  # wrong, missing, extra or swapped letters
FUZZY_PREFIX_LENGTHS = range(MIN_FUZZY - 1, 14)
ACRONYM_LENGTHS = range(2, 9)
ACRONYM_MAX_WORDS = 12
MAX_COMPOUNDS_SHOWN = 16


@dataclass(frozen=True, slots=True)
class Term:
    """A query term and the vocabulary tokens it matches: token -> (quality, deepest tier allowed)."""

    text: str
    candidates: dict[str, tuple[float, int]]
    acronym: bool  # whether the initials of names may match it
    compounds: tuple[str, ...]  # joined-up candidates ("lt3") to look for as written ("L-T3")


@dataclass(frozen=True, slots=True)
class TermScores:
    """The records matching one term."""

    best: dict[int, tuple[float, int]]  # record -> (best score, tier of that match)
    repeats: Counter[int]  # record -> in how many tiers the term matched
    tiers: dict[int, set[int]]  # tier -> records the term matched in that tier


class Vocabulary:
    """The distinct tokens of the index, arranged for fast exact, prefix, substring and typo lookup."""

    def __init__(self, tokens: Iterable[str]) -> None:
        self.sorted = sorted(tokens)
        self.known = set(self.sorted)
        # All tokens in one string: a substring search is then one scan in C, not a Python loop.
        self.blob = "\n".join(self.sorted)
        self.starts: list[int] = []
        offset = 0
        for token in self.sorted:
            self.starts.append(offset)
            offset += len(token) + 1
        # Typos are looked for only in words: fuzzy matching of codes ("NCT02040299") finds wrong trials.
        words = [token for token in self.sorted if token.isalpha()]
        self.words_by_length: dict[int, list[str]] = {}
        for word in words:
            self.words_by_length.setdefault(len(word), []).append(word)
        self.prefixes: dict[int, dict[str, list[str]]] = {length: {} for length in FUZZY_PREFIX_LENGTHS}
        for word in words:
            for length in FUZZY_PREFIX_LENGTHS:
                if len(word) <= length:
                    break
                self.prefixes[length].setdefault(word[:length], []).append(word)
        self.prefix_keys = {length: list(table) for length, table in self.prefixes.items()}

    def with_prefix(self, prefix: str) -> list[str]:
        found: list[str] = []
        start = bisect.bisect_left(self.sorted, prefix)
        for token in self.sorted[start : start + PREFIX_LIMIT]:
            if not token.startswith(prefix):
                break
            found.append(token)
        return found

    def containing(self, part: str) -> list[str]:
        found: dict[str, None] = {}
        for match in re.finditer(re.escape(part), self.blob):
            found[self.sorted[bisect.bisect_right(self.starts, match.start()) - 1]] = None
            if len(found) >= SUBSTRING_LIMIT:
                break
        return list(found)

    def near(self, word: str, max_edits: int) -> Iterator[tuple[str, int]]:
        """Words within `max_edits` edits (a swap of two neighbouring letters counts as one)."""
        for length in range(len(word) - max_edits, len(word) + max_edits + 1):
            bucket = self.words_by_length.get(length)
            if bucket:
                for token, distance, _ in process.extract(
                    word, bucket, scorer=OSA.distance, score_cutoff=max_edits, limit=None
                ):
                    yield token, int(distance)

    def near_prefix(self, word: str) -> Iterator[tuple[str, int]]:
        """Longer words whose beginning is one edit away from `word` (a typo while still typing)."""
        for length in (len(word) - 1, len(word), len(word) + 1):
            keys = self.prefix_keys.get(length)
            if not keys:
                continue
            for prefix, distance, _ in process.extract(word, keys, scorer=OSA.distance, score_cutoff=1, limit=None):
                for token in self.prefixes[length][prefix]:
                    yield token, int(distance)


# per token: (tier, numbers of the records), packed (array('i')): millions of them at 100 000 trials
Postings = tuple[tuple[int, Sequence[int]], ...]
Batch = tuple[float, int, Sequence[int]]  # (score, tier, records) that one token match gives
REPEAT_BONUSES = [REPEAT_BONUS * max(0, min(n - 1, REPEAT_CAP)) for n in range(len(TIER_WEIGHT) + 1)]


@dataclass(frozen=True)
class Lookup:
    """One query's terms and what they matched, shared by the steps that rank and describe hits."""

    terms: list[Term]
    per_term: list[TermScores]

    @functools.cached_property
    def wanted(self) -> set[str]:
        return set().union(*(term.candidates for term in self.terms))

    @functools.cached_property
    def compounds(self) -> set[str]:
        return {token for term in self.terms for token in term.compounds}

    @functools.cached_property
    def acronyms(self) -> bool:
        return any(term.acronym for term in self.terms)


class Match(NamedTuple):
    """Where a record matched best, as shown in its Hit."""

    field: str
    text: str
    spans: tuple[tuple[int, int], ...]
    closeness: float  # 0..1: 1 when all the terms stand side by side in one field


def tiers_to_read(number: int, per_term: list[TermScores]) -> set[int]:
    """The tiers that can hold a record's best field: each term's best, and those where all matched."""
    wanted = {scores.best[number][1] for scores in per_term}
    if IDENTITY in wanted:
        wanted.add(DESCRIPTOR)  # a whole id is indexed as a name, but its field is a descriptor
    if len(per_term) > 1:
        shared = [{tier for tier, numbers in s.tiers.items() if number in numbers} for s in per_term]
        wanted |= set.intersection(*shared)
    return wanted


def field_match(fld: IndexedField, lookup: Lookup) -> tuple[float, list[tuple[int, int]], float]:
    """How well the terms match one field (sum of the best quality per term), where, and how close."""
    terms = lookup.terms
    # A trial's intervention and measure names count as names of the intervention or measure.
    tier_allowed = IDENTITY if fld.tier in VIA_TIERS else fld.tier
    found = occurrences(fld.text, lookup.wanted, lookup.compounds)
    if not found and not lookup.acronyms:
        return 0.0, [], 0.0
    total = 0.0
    spans: list[tuple[int, int]] = []
    places: list[list[tuple[int, int]]] = []  # where each term matched
    for term in terms:
        best = 0.0
        place: list[tuple[int, int]] = []
        for token, start, end in found:
            quality, deepest = term.candidates.get(token, (0.0, PROSE))
            if quality and tier_allowed <= deepest:
                best = max(best, quality)
                place.append(highlight_span(fld.text, start, end, token, term.text))
        if term.acronym and tier_allowed == IDENTITY:
            acronym_quality, acronym_spans = acronym_in(fld.text, term.text)
            if acronym_quality:
                best = max(best, acronym_quality)
                place.extend(acronym_spans)
        total += best * TIER_WEIGHT[fld.tier]
        spans.extend(place)
        places.append(place)
    closeness = closeness_of(fld.text, places) if len(terms) > 1 and all(places) else 0.0
    return total, spans, closeness


def closeness_of(value: str, places: list[list[tuple[int, int]]]) -> float:
    """len(terms) / the fewest words that hold a match of every term: 1.0 when side by side."""
    events = sorted((start, end, term) for term, spans in enumerate(places) for start, end in spans)
    seen: Counter[int] = Counter()
    fewest = len(WORD.findall(value))
    left = 0
    for _, end, term in events:
        seen[term] += 1
        while len(seen) == len(places):
            first = events[left]
            fewest = min(fewest, len(WORD.findall(value, first[0], max(end, first[1]))))
            seen[first[2]] -= 1
            if not seen[first[2]]:
                del seen[first[2]]
            left += 1
    return min(1.0, len(places) / max(fewest, 1))


def acronym_in(value: str, term: str) -> tuple[float, list[tuple[int, int]]]:
    """The quality and spans (the initials) of an acronym match of `term` in a name."""
    words = WORD.findall(fold(value))
    if not 2 <= len(words) <= ACRONYM_MAX_WORDS:
        return 0.0, []
    letters = initials(words)
    at = letters.find(term)
    if at < 0:
        return 0.0, []
    quality = ACRONYM_WHOLE if letters == term else ACRONYM_PART
    starts = [match.start() for match in WORD.finditer(value)][at : at + len(term)]
    return quality, [(start, start + 1) for start in starts]


def highlight_span(value: str, start: int, end: int, token: str, term: str) -> tuple[int, int]:
    """The characters of `value[start:end]` (a token) that the term matched: all of it for a typo."""
    offset = token.find(term)
    if offset < 0 or token == term:
        return start, end
    if end - start == len(token):  # a plain word: folded and original positions agree
        return start + offset, start + offset + len(term)
    # Map positions in the folded token back to the original text (punctuation dropped, "ß" -> "ss").
    positions = [i for i, char in enumerate(value[start:end]) if WORD.match(char) for _ in fold(char)]
    if len(positions) != len(token):
        return start, end
    return start + positions[offset], start + positions[offset + len(term) - 1] + 1


def merged(spans: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(merged)
