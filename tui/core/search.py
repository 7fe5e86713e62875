"""Fuzzy search over the dataset: an index built once per Dataset, then queried on every keystroke.

How a query runs:

1. The query is split into words. `name:value` words are filters, `!word` excludes records, and every
   other word is a term that must match (several terms narrow the result: AND).
2. Each term is matched against the *vocabulary* of distinct normalised tokens (exact, prefix,
   acronym, substring and typo-tolerant matches), never against every record, which gives each
   matching token a quality from 0 to 100.
3. Postings (token -> records, per field tier) turn token qualities into the best score of each record,
   weighted by the tier of the field it matched in. Trials also inherit matches on the names of their
   interventions and measures.
4. Records matching every term are ranked by their mean term score; only the records near the top are
   read again, to find the field that matched best, the spans to highlight and (for several terms) how
   close together the terms are.

Headless on purpose: no Textual or Rich here, so the CLI, the screens and the tests share it.
"""

from __future__ import annotations

import bisect
import contextlib
import functools
import gc
import heapq
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from rapidfuzz import process
from rapidfuzz.distance import OSA

from . import model, text
from .model import Dataset, Intervention, Measure, Record, Trial

# --- Field tiers --------------------------------------------------------------------------------------------
# How much a match counts depends on where it is: names and codes count fully, long free text least,
# so that a name or alias hit always outranks a hit in a summary.
IDENTITY, TITLE, DESCRIPTOR, DETAIL, PROSE, VIA_INTERVENTION, VIA_MEASURE = range(7)
TIER_WEIGHT = (1.0, 0.9, 0.8, 0.7, 0.55, 0.85, 0.8)
VIA_TIERS = frozenset({VIA_INTERVENTION, VIA_MEASURE})

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
MAX_QUERY_CHARS = 1000
MAX_WORDS = 12
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

KIND_ORDER = ("intervention", "trial", "measure")
FILTER_NAMES = ("phase", "measure", "met", "status", "kind", "type")

_WORD = re.compile(r"[^\W_]+")
# Words joined by punctuation without spaces ("L-T3", "anti-LINGO-1", "BG-12") are also indexed joined
# up ("lt3"), so that "LT3", "L-T3" and "anti-LINGO" find them.
# (The look-behind stops the search from retrying inside every word: five times faster.)
_CONNECTORS = "-./+'\u2019_"  # hyphen, dot, slash, plus, apostrophes, underscore
_COMPOUND = re.compile(rf"(?<![^\W_])[^\W_]+(?:[{re.escape(_CONNECTORS)}][^\W_]+)+")
_CONNECTOR = f"[{re.escape(_CONNECTORS)}]?"
_FILTER = re.compile(r"^([A-Za-z_]+):(.*)$", re.DOTALL)


@dataclass(frozen=True, slots=True)
class Hit:
    """One record found by a query, with what matched and where (for highlighting).

    `field` is one of: id (any record); registry_id, acronym, title, population, comparator,
    primary_outcome, sponsor, country, result, safety, notes, publication, intervention, measure
    (trials); name, alias, target, kind, mechanism_group, mechanism, summary, approvals
    (interventions); abbreviation, name, alias, category, what_it_measures, specificity_note, caveats
    (measures). A trial found through one of its interventions or measures has field "intervention" or
    "measure" and that name as `text`. Records listed by filters alone have field "title", their title
    as `text` and no spans.
    """

    kind: str  # "trial" | "intervention" | "measure"
    id: str
    title: str  # trial: "ACRONYM — title"; intervention: name; measure: "ABBR — name"
    score: float  # 0..100, higher is better
    field: str  # the field that matched best ("name", "alias", "title", "summary", ...)
    text: str  # the text of that field
    spans: tuple[tuple[int, int], ...]  # [start, end) character spans in `text` to highlight
    record: Record


@dataclass(frozen=True, slots=True)
class SearchResult:
    query: str
    hits: tuple[Hit, ...]
    warnings: tuple[str, ...]


# --- Text normalisation -------------------------------------------------------------------------------------


def fold(value: str) -> str:
    """Text as the index sees it: case-folded, accents removed ("Rémy" -> "remy")."""
    folded = value.casefold()
    if folded.isascii():
        return folded
    decomposed = unicodedata.normalize("NFKD", folded)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def squashed(value: str) -> str:
    """Folded with everything but letters and digits removed: "L-T3" -> "lt3"."""
    return "".join(_WORD.findall(fold(value)))


def compound_tokens(folded: str) -> dict[str, tuple[str, ...]]:
    """Punctuation-joined words of a folded text, run together, with their parts: {"lt3": ("l", "t3")}."""
    joined: dict[str, tuple[str, ...]] = {}
    for compound in _COMPOUND.findall(folded):
        parts = tuple(_WORD.findall(compound))
        joined["".join(parts)] = parts
    return joined


def located_tokens(value: str) -> Iterator[tuple[str, int, int]]:
    """(token, start, end) for every token of a text, with positions in the original text."""
    for match in _WORD.finditer(value):
        yield fold(match.group()), match.start(), match.end()
    for match in _COMPOUND.finditer(value):
        yield squashed(match.group()), match.start(), match.end()


@functools.lru_cache(maxsize=1024)
def _whole_word(token: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![^\W_]){re.escape(token)}(?![^\W_])")


@functools.lru_cache(maxsize=1024)
def _punctuated(token: str) -> re.Pattern[str]:
    """A joined-up token as it may be written: "lt3" finds "l-t3"."""
    return re.compile(rf"(?<![^\W_]){_CONNECTOR.join(map(re.escape, token))}(?![^\W_])")


def occurrences(value: str, words: set[str], compounds: Iterable[str] = ()) -> list[tuple[str, int, int]]:
    """Where the wanted tokens occur in a text: (token, start, end) in the original text.

    `words` are looked for as words, `compounds` (tokens joined up from punctuated words) as written.
    """
    folded = fold(value)
    if len(folded) != len(value):  # rare ("ß" -> "ss"): positions differ, so read token by token
        wanted = words.union(compounds)
        return [located for located in located_tokens(value) if located[0] in wanted]
    # Looking only for the tokens present keeps this in C: long summaries are never walked in Python.
    present = words.intersection(_WORD.findall(folded))
    found = [(t, m.start(), m.end()) for t in present for m in _whole_word(t).finditer(folded)]
    found.extend((t, m.start(), m.end()) for t in compounds for m in _punctuated(t).finditer(folded))
    return found


def initials(words: list[str]) -> str:
    return "".join(word[0] for word in words if word)


# --- What is indexed, per record ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Field:
    name: str
    tier: int
    text: str


def _fields(entries: Iterable[tuple[str, int, str | None]]) -> tuple[_Field, ...]:
    return tuple(_Field(name, tier, value) for name, tier, value in entries if value and value.strip())


def intervention_fields(intervention: Intervention) -> tuple[_Field, ...]:
    group = intervention.mechanism_group
    return _fields(
        [
            ("name", IDENTITY, intervention.name),
            *(("alias", IDENTITY, alias) for alias in intervention.aliases),
            ("id", DESCRIPTOR, intervention.id),
            ("target", DESCRIPTOR, intervention.target),
            ("kind", DESCRIPTOR, text.KIND_LABELS.get(intervention.kind, intervention.kind)),
            ("mechanism_group", DESCRIPTOR, text.MECHANISM_LABELS.get(group, group)),
            ("mechanism", DETAIL, intervention.mechanism),
            ("summary", PROSE, intervention.summary),
            ("approvals", PROSE, intervention.approvals),
        ]
    )


def measure_fields(measure: Measure) -> tuple[_Field, ...]:
    return _fields(
        [
            ("abbreviation", IDENTITY, measure.abbreviation),
            ("name", IDENTITY, measure.name),
            *(("alias", IDENTITY, alias) for alias in measure.aliases),
            ("id", DESCRIPTOR, measure.id),
            ("category", DESCRIPTOR, text.CATEGORY_LABELS.get(measure.category, measure.category)),
            ("what_it_measures", PROSE, measure.what_it_measures),
            ("specificity_note", PROSE, measure.specificity_note),
            ("caveats", PROSE, measure.caveats),
        ]
    )


def trial_fields(trial: Trial) -> tuple[_Field, ...]:
    population = trial.population
    return _fields(
        [
            ("acronym", IDENTITY, trial.acronym),
            *(("registry_id", IDENTITY, rid) for rid in trial.registry_ids),
            ("id", DESCRIPTOR, trial.id),
            ("title", TITLE, trial.title),
            *(("population", DESCRIPTOR, text.CONDITION_LABELS.get(c, c)) for c in population.conditions),
            *(("population", DESCRIPTOR, c) for c in population.conditions),  # "rrms", "spms"
            ("population", DETAIL, population.description),
            ("population", DETAIL, population.background_therapy),
            ("comparator", DETAIL, trial.comparator),
            ("primary_outcome", DETAIL, trial.primary_outcome),
            ("sponsor", DETAIL, trial.sponsor),
            *(("country", DETAIL, country) for country in trial.countries),
            ("result", PROSE, trial.result_summary),
            ("safety", PROSE, trial.safety_summary),
            ("notes", PROSE, trial.notes),
            *(("publication", PROSE, p.citation) for p in trial.publications),
        ]
    )


def linked_fields(dataset: Dataset, trial: Trial) -> tuple[_Field, ...]:
    """The names a trial can also be found by: those of its interventions and of its measures."""
    entries: list[tuple[str, int, str | None]] = []
    for intervention in dataset.interventions_of(trial):
        names = (intervention.name, *intervention.aliases, intervention.id)
        entries.extend(("intervention", VIA_INTERVENTION, name) for name in names)
    for measure in dataset.measures_of(trial):
        measure_names = (measure.abbreviation, measure.name, *measure.aliases, measure.id)
        entries.extend(("measure", VIA_MEASURE, name) for name in measure_names)
    return _fields(entries)


def hit_title(record: Record) -> str:
    if isinstance(record, Trial):
        # Many official titles already start with the acronym ("CCMR Two: A Phase IIa ..."): don't repeat it.
        if not record.acronym or record.title.casefold().startswith(record.acronym.casefold()):
            return record.title
        return f"{record.acronym} — {record.title}"
    if isinstance(record, Measure):
        return f"{record.abbreviation} — {record.name}" if record.abbreviation else record.name
    return record.name


# --- Query parsing ------------------------------------------------------------------------------------------


@dataclass
class ParsedQuery:
    words: list[str] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)
    filters: list[tuple[str, str, bool]] = field(default_factory=list)  # (name, value, negated)
    warnings: list[str] = field(default_factory=list)


def parse_query(query: str) -> ParsedQuery:
    """Split a query into terms, exclusions (`!word`) and filters (`name:value`, `!name:value`)."""
    parsed = ParsedQuery()
    if len(query) > MAX_QUERY_CHARS:
        parsed.warnings.append(f"query shortened to its first {MAX_QUERY_CHARS} characters")
        query = query[:MAX_QUERY_CHARS]
    words = query.split()
    if len(words) > MAX_WORDS:
        parsed.warnings.append(f"only the first {MAX_WORDS} words of the query are used")
        words = words[:MAX_WORDS]
    for word in words:
        negated = word.startswith("!")
        body = word.lstrip("!")
        match = _FILTER.match(body)
        if match:
            parsed.filters.append((match.group(1).casefold(), match.group(2), negated))
        elif not _WORD.search(body):
            continue  # punctuation alone ("-", "!!") asks for nothing
        elif negated:
            parsed.excluded.append(body)
        else:
            parsed.words.append(body)
    return parsed


# --- Terms and the vocabulary -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Term:
    """A query term and the vocabulary tokens it matches: token -> (quality, deepest tier allowed)."""

    text: str
    candidates: dict[str, tuple[float, int]]
    acronym: bool  # whether the initials of names may match it
    compounds: tuple[str, ...]  # joined-up candidates ("lt3") to look for as written ("L-T3")


@dataclass(frozen=True, slots=True)
class _TermScores:
    """The records matching one term."""

    best: dict[int, tuple[float, int]]  # record -> (best score, tier of that match)
    repeats: Counter[int]  # record -> in how many tiers the term matched
    tiers: dict[int, set[int]]  # tier -> records the term matched in that tier


class _Vocabulary:
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
            for prefix, distance, _ in process.extract(
                word, keys, scorer=OSA.distance, score_cutoff=1, limit=None
            ):
                for token in self.prefixes[length][prefix]:
                    yield token, int(distance)


# --- The index ----------------------------------------------------------------------------------------------

Postings = tuple[tuple[int, list[int]], ...]  # per token: (tier, numbers of the records)
Batch = tuple[float, int, list[int]]  # (score, tier, records) that one token match gives
_REPEAT_BONUSES = [REPEAT_BONUS * max(0, min(n - 1, REPEAT_CAP)) for n in range(len(TIER_WEIGHT) + 1)]


@dataclass(frozen=True)
class _Lookup:
    """One query's terms and what they matched, shared by the steps that rank and describe hits."""

    terms: list[_Term]
    per_term: list[_TermScores]

    @functools.cached_property
    def wanted(self) -> set[str]:
        return set().union(*(term.candidates for term in self.terms))

    @functools.cached_property
    def compounds(self) -> set[str]:
        return {token for term in self.terms for token in term.compounds}

    @functools.cached_property
    def acronyms(self) -> bool:
        return any(term.acronym for term in self.terms)


class _Match(NamedTuple):
    """Where a record matched best, as shown in its Hit."""

    field: str
    text: str
    spans: tuple[tuple[int, int], ...]
    closeness: float  # 0..1: 1 when all the terms stand side by side in one field


class SearchIndex:
    """Everything a query needs, built once from a Dataset."""

    def __init__(self, dataset: Dataset) -> None:
        self.dataset = dataset
        self._records = self._ordered_records(dataset)
        self._number = {id(record): n for n, record in enumerate(self._records)}
        with _collector_paused():
            self._fields = [self._own_fields(record) for record in self._records]
            self._postings, self._link_postings, self._compounds = self._build_postings()
            self._acronyms_whole, self._acronyms_part = self._build_acronyms()
            self._vocabulary = _Vocabulary(self._postings)
            self._trials_linked = self._build_links()
            self._filters = _Filters(dataset, self._records, self._number_of)
        # Built when first shown, and kept for the trials shown most: typing repeats the same hits.
        self._linked_fields = functools.lru_cache(maxsize=4096)(self._read_linked_fields)

    # Building -----------------------------------------------------------------------------------------------

    @staticmethod
    def _ordered_records(dataset: Dataset) -> list[Record]:
        """Interventions, trials, measures; the most used first, then by label.

        This order breaks ties in ranking ("evoked potential" lists VEP before rarer potentials) and is
        the order of lists made by filters alone.
        """
        uses = {i.id: len(dataset.trials_of_intervention.get(i.id, ())) for i in dataset.interventions}
        uses.update({m.id: len(dataset.trials_using_measure.get(m.id, ())) for m in dataset.measures})

        def order(record: Record) -> tuple[int, str, str]:
            return (-uses.get(record.id, 0), record.label.casefold(), record.id)

        return [
            *sorted(dataset.interventions, key=order),
            *sorted(dataset.trials, key=order),
            *sorted(dataset.measures, key=order),
        ]

    @staticmethod
    def _own_fields(record: Record) -> tuple[_Field, ...]:
        if isinstance(record, Trial):
            return trial_fields(record)
        if isinstance(record, Intervention):
            return intervention_fields(record)
        return measure_fields(record)

    def _number_of(self, record: Record) -> int:
        return self._number[id(record)]

    def _read_linked_fields(self, number: int) -> tuple[_Field, ...]:
        record = self._records[number]
        return linked_fields(self.dataset, record) if isinstance(record, Trial) else ()

    def _build_postings(
        self,
    ) -> tuple[dict[str, Postings], dict[str, list[int]], dict[str, tuple[str, ...]]]:
        """token -> records per tier; token -> interventions and measures having it in a name; and the
        tokens joined up from punctuated words, with their parts ("lt3" -> ("l", "t3") from "L-T3").
        """
        by_tier: list[dict[str, list[int]]] = [{} for _ in TIER_WEIGHT]
        linkable: dict[str, list[int]] = {}
        compounds: dict[str, tuple[str, ...]] = {}
        for number, (record, fields) in enumerate(zip(self._records, self._fields, strict=True)):
            # An id counts as a name only when typed whole, so "clemastine" in the id
            # "trap-ms-clemastine" does not rank that trial level with the drug itself.
            tokens_by_tier: dict[int, set[str]] = {IDENTITY: {squashed(record.id)}}
            for fld in fields:
                folded = fold(fld.text)
                joined = compound_tokens(folded)
                compounds.update(joined)
                tokens_by_tier.setdefault(fld.tier, set()).update(_WORD.findall(folded), joined)
            for tier, tokens in tokens_by_tier.items():
                postings = by_tier[tier]
                for token in tokens:
                    numbers = postings.get(token)
                    if numbers is None:
                        postings[token] = [number]
                    else:
                        numbers.append(number)
            if not isinstance(record, Trial):
                for token in tokens_by_tier[IDENTITY]:
                    linkable.setdefault(token, []).append(number)
        merged: dict[str, list[tuple[int, list[int]]]] = {}
        for tier, postings in enumerate(by_tier):
            for token, numbers in postings.items():
                merged.setdefault(token, []).append((tier, numbers))
        return {token: tuple(tiers) for token, tiers in merged.items()}, linkable, compounds

    def _build_acronyms(self) -> tuple[dict[str, list[int]], dict[str, list[int]]]:
        """Initials of multi-word names -> records: whole ("mtr") and any run of them ("tr")."""
        whole: dict[str, set[int]] = {}
        part: dict[str, set[int]] = {}
        for number, fields in enumerate(self._fields):
            for fld in fields:
                if fld.tier != IDENTITY:
                    continue
                words = _WORD.findall(fold(fld.text))
                if not 2 <= len(words) <= ACRONYM_MAX_WORDS:
                    continue
                letters = initials(words)
                whole.setdefault(letters, set()).add(number)
                for start in range(len(letters)):
                    for length in ACRONYM_LENGTHS:
                        if start + length <= len(letters):
                            part.setdefault(letters[start : start + length], set()).add(number)
        return _sorted_lists(whole), _sorted_lists(part)

    def _build_links(self) -> dict[int, tuple[int, list[int]]]:
        """Intervention or measure number -> (tier, numbers of the trials that use it)."""
        links: dict[int, tuple[int, list[int]]] = {}
        for intervention in self.dataset.interventions:
            trials = self.dataset.trials_of_intervention.get(intervention.id, ())
            links[self._number_of(intervention)] = (VIA_INTERVENTION, [self._number_of(t) for t in trials])
        for measure in self.dataset.measures:
            trials = self.dataset.trials_using_measure.get(measure.id, ())
            links[self._number_of(measure)] = (VIA_MEASURE, [self._number_of(t) for t in trials])
        return links

    # Searching ----------------------------------------------------------------------------------------------

    def search(self, query: str, limit: int | None = 50) -> SearchResult:
        """Records matching the query, best first (at most `limit`; None for all)."""
        parsed = parse_query(query)
        allowed = self._filters.select(parsed.filters, parsed.warnings)
        excluded = self._excluded(parsed.excluded)
        terms = [term for word in parsed.words for term in self._terms(word)]
        asked = terms or allowed is not None or parsed.excluded
        if not asked or (limit is not None and limit <= 0):
            hits: tuple[Hit, ...] = ()
        elif not terms:
            hits = self._listed(allowed, excluded, limit)
        else:
            hits = self._found(terms, allowed, excluded, limit)
        return SearchResult(query, hits, tuple(parsed.warnings))

    def _listed(self, allowed: set[int] | None, excluded: set[int], limit: int | None) -> tuple[Hit, ...]:
        """Filters and exclusions alone: every record they let through, in index order."""
        listed = range(len(self._records)) if allowed is None else sorted(allowed)
        numbers = [n for n in listed if n not in excluded][:limit]
        return tuple(self._listed_hit(n) for n in numbers)

    def _found(
        self, terms: list[_Term], allowed: set[int] | None, excluded: set[int], limit: int | None
    ) -> tuple[Hit, ...]:
        """Records matching every term (and the filters), ranked."""
        lookup = _Lookup(terms, [self._term_scores(term) for term in terms])
        matched = _intersection([set(scores.best) for scores in lookup.per_term])
        if allowed is not None:
            matched &= allowed
        matched -= excluded
        scores = _combined_scores(matched, lookup.per_term)
        count = len(scores) if limit is None else limit
        matches = self._refine(scores, lookup, count)
        ranked = self._ranked(scores, matches, lookup, count)
        return tuple(self._hit(n, scores[n], matches.get(n) or self._match(n, lookup)) for n in ranked)

    def _terms(self, word: str, typos: bool = True) -> list[_Term]:
        """The terms of one query word: "L-T3" is tried joined up ("lt3") before as its parts."""
        parts = [part[:MAX_TERM_CHARS] for part in _WORD.findall(fold(word))]
        if len(parts) <= 1:
            return [self._term(part, typos) for part in parts]
        joined = self._term("".join(parts)[:MAX_TERM_CHARS], typos)
        if joined.candidates or self._acronym_batches(joined):
            return [joined]
        return [self._term(part, typos) for part in parts]

    def _term(self, term: str, typos: bool = True) -> _Term:
        """The vocabulary tokens a term matches, with their quality (`typos=False`: words and starts)."""
        vocabulary = self._vocabulary
        candidates: dict[str, tuple[float, int]] = {}

        def offer(token: str, quality: float, deepest: int = PROSE) -> None:
            if quality > candidates.get(token, (0.0, 0))[0]:
                candidates[token] = (quality, deepest)

        # Short terms only match words and word starts, and only in names (one letter) or short fields
        # (prefixes of two or three letters), so that the first keystrokes do not list everything.
        if term in vocabulary.known:
            offer(term, EXACT, IDENTITY if len(term) == 1 else PROSE)
        deepest = IDENTITY if len(term) == 1 else DESCRIPTOR if len(term) < MIN_SUBSTRING else PROSE
        for token in vocabulary.with_prefix(term):
            offer(token, PREFIX_BASE + PREFIX_SPAN * len(term) / len(token), deepest)
        # Typos are looked for only when the term matches no word or word start as typed (a correctly
        # typed "lingo" should not also bring up "fingolimod"), and two only if one finds nothing.
        if typos and len(term) >= MIN_FUZZY and term.isalpha() and not candidates:
            for token, edits in vocabulary.near(term, 1):
                offer(token, FUZZY_MAX * (1 - edits / max(len(term), len(token))))
            for token, edits in vocabulary.near_prefix(term):
                offer(token, FUZZY_PREFIX_MAX * (1 - edits / len(term)))
            if not candidates:
                for token, edits in vocabulary.near(term, MAX_EDITS):
                    offer(token, FUZZY_MAX * (1 - edits / max(len(term), len(token))))
        if typos and len(term) >= MIN_SUBSTRING:
            for token in vocabulary.containing(term):
                offer(token, SUBSTRING_BASE + SUBSTRING_SPAN * len(term) / len(token))
        acronym = typos and (term in self._acronyms_part or term in self._acronyms_whole)
        return _Term(term, candidates, acronym, self._compounds_to_show(term, candidates))

    def _compounds_to_show(self, term: str, candidates: dict[str, tuple[float, int]]) -> tuple[str, ...]:
        """Joined-up tokens the term spans ("lt3" in "L-T3"); within one part, a plain word shows it."""
        needed = [
            token
            for token in candidates
            if token in self._compounds and not any(term in part for part in self._compounds[token])
        ]
        return tuple(sorted(needed, key=len)[:MAX_COMPOUNDS_SHOWN])

    def _acronym_batches(self, term: _Term) -> list[Batch]:
        if not term.acronym:
            return []
        batches = []
        if term.text in self._acronyms_part:
            batches.append((ACRONYM_PART, IDENTITY, self._acronyms_part[term.text]))
        if term.text in self._acronyms_whole:
            batches.append((ACRONYM_WHOLE, IDENTITY, self._acronyms_whole[term.text]))
        return batches

    def _term_scores(self, term: _Term) -> _TermScores:
        """The best score of every record matching a term, and in which tiers it matched."""
        batches: list[Batch] = []
        for token, (quality, deepest) in term.candidates.items():
            for tier, numbers in self._postings[token]:
                if tier <= deepest:
                    batches.append((quality * TIER_WEIGHT[tier], tier, numbers))
        acronyms = self._acronym_batches(term)
        batches.extend(acronyms)
        batches.extend(self._linked_batches(term, acronyms))
        # Written from worst to best, so each record keeps its best score. Dict, set and Counter updates
        # run in C, which keeps 100 000 records fast.
        batches.sort(key=lambda batch: batch[0])
        best: dict[int, tuple[float, int]] = {}
        tiers: dict[int, set[int]] = {}
        for score, tier, numbers in batches:
            best.update(dict.fromkeys(numbers, (score, tier)))
            tiers.setdefault(tier, set()).update(numbers)
        repeats: Counter[int] = Counter()
        for found in tiers.values():
            repeats.update(found)
        return _TermScores(best, repeats, tiers)

    def _linked_batches(self, term: _Term, acronyms: list[Batch]) -> Iterator[Batch]:
        """Trials found through the names of their interventions and measures.

        Not for a single letter: every trial uses something whose name starts with "a".
        """
        if len(term.text) == 1:
            return
        quality_of: dict[int, float] = {}
        by_name = [(q, self._link_postings.get(token, ())) for token, (q, _) in term.candidates.items()]
        for quality, numbers in [*by_name, *((q, numbers) for q, _, numbers in acronyms)]:
            for number in numbers:
                if number in self._trials_linked and quality > quality_of.get(number, 0.0):
                    quality_of[number] = quality
        for number, quality in quality_of.items():
            tier, trials = self._trials_linked[number]
            yield quality * TIER_WEIGHT[tier], tier, trials

    def _excluded(self, words: list[str]) -> set[int]:
        """Records with a word starting with any `!word` (and the trials of interventions named so)."""
        excluded: set[int] = set()
        for word in words:
            for term in self._terms(word, typos=False):
                excluded.update(self._term_scores(term).best)
        return excluded

    def _refine(self, scores: dict[int, float], lookup: _Lookup, count: int) -> dict[int, _Match]:
        """Where the best records matched; with several terms, a bonus when they stand close together.

        "clemastine vep" should prefer the trial whose text says "clemastine shortened VEP latency". Only
        records near the top are read again, so this costs the same however many records matched.
        """
        several = len(lookup.terms) > 1
        top = heapq.nlargest(count + (REFINE_EXTRA if several else 0), scores, key=scores.__getitem__)
        if len(top) > count:  # beyond the limit, only records the bonus could still lift into it
            within_reach = scores[top[count - 1]] - CLOSENESS_BONUS
            top = top[:count] + [n for n in top[count:] if scores[n] >= within_reach]
        matches = {number: self._match(number, lookup) for number in top}
        if several:
            for number, match in matches.items():
                scores[number] += CLOSENESS_BONUS * match.closeness
        return matches

    def _ranked(
        self, scores: dict[int, float], matches: dict[int, _Match], lookup: _Lookup, count: int
    ) -> list[int]:
        """Best first, except that an intervention found by its name leads its trials.

        The intervention comes first even where one of its trials scored higher ("Estriol" is also in
        the acronym "Estriol-MS"), and its other matching trials follow it at once.
        """
        # The best `count` are among the refined records: the others were out of reach.
        order = sorted(matches, key=scores.__getitem__, reverse=True)[:count]
        ranked: list[int] = []
        placed: set[int] = set()
        for number in order:
            leader = self._leader(number, scores, lookup.per_term)
            if leader is not None and leader not in placed:
                _, trials = self._trials_linked[leader]
                followers = sorted((t for t in trials if t in scores), key=scores.__getitem__, reverse=True)
                group = [leader, *followers]
            else:
                group = [number]
            fresh = [n for n in group if n not in placed]
            ranked.extend(fresh)
            placed.update(fresh)
        return ranked[:count]

    def _leader(self, number: int, scores: dict[int, float], per_term: list[_TermScores]) -> int | None:
        """The intervention found by its name that leads this record's group: itself, or its trial's."""
        record = self._records[number]
        if isinstance(record, Intervention):
            candidates = [number]
        elif isinstance(record, Trial):
            candidates = [self._number_of(i) for i in self.dataset.interventions_of(record)]
        else:
            return None
        leaders = [n for n in candidates if n in scores and self._found_by_name(n, per_term)]
        return max(leaders, key=scores.__getitem__) if leaders else None

    def _found_by_name(self, number: int, per_term: list[_TermScores]) -> bool:
        return all(scores.best[number][1] == IDENTITY for scores in per_term)

    # Hits ---------------------------------------------------------------------------------------------------

    def _hit(self, number: int, score: float, match: _Match) -> Hit:
        record = self._records[number]
        # Bonuses may lift a ranking score past 100 (that keeps their order); the shown score stops there.
        shown = round(min(score, 100.0), 1)
        return Hit(model.kind_of(record), record.id, hit_title(record), shown, *match[:3], record)

    def _listed_hit(self, number: int) -> Hit:
        """A record listed by filters alone: nothing was matched, so the title is shown unhighlighted."""
        record = self._records[number]
        title = hit_title(record)
        return Hit(model.kind_of(record), record.id, title, 100.0, "title", title, (), record)

    def _match(self, number: int, lookup: _Lookup) -> _Match:
        """The field where the terms match best, the spans to highlight in it, and their closeness."""
        record = self._records[number]
        tiers = _tiers_to_read(number, lookup.per_term)
        fields = [fld for fld in self._fields[number] if fld.tier in tiers]
        if isinstance(record, Trial) and tiers & VIA_TIERS:
            fields.extend(fld for fld in self._linked_fields(number) if fld.tier in tiers)
        # With one term, the first field reaching the record's score is the best: stop reading there.
        enough = lookup.per_term[0].best[number][0] if len(lookup.terms) == 1 else float("inf")
        best_score, best = 0.0, _Match("title", hit_title(record), (), 0.0)
        closeness = 0.0
        for fld in fields:
            score, spans, field_closeness = _field_match(fld, lookup)
            closeness = max(closeness, field_closeness)
            if score > best_score:
                best_score, best = score, _Match(fld.name, fld.text, _merged(spans), 0.0)
            if score >= enough - 1e-9:
                break
        return best._replace(closeness=closeness)


def _tiers_to_read(number: int, per_term: list[_TermScores]) -> set[int]:
    """The tiers that can hold a record's best field: each term's best, and those where all matched."""
    wanted = {scores.best[number][1] for scores in per_term}
    if IDENTITY in wanted:
        wanted.add(DESCRIPTOR)  # a whole id is indexed as a name, but its field is a descriptor
    if len(per_term) > 1:
        shared = [{tier for tier, numbers in s.tiers.items() if number in numbers} for s in per_term]
        wanted |= set.intersection(*shared)
    return wanted


def _field_match(fld: _Field, lookup: _Lookup) -> tuple[float, list[tuple[int, int]], float]:
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
                place.append(_highlight(fld.text, start, end, token, term.text))
        if term.acronym and tier_allowed == IDENTITY:
            acronym_quality, acronym_spans = _acronym_in(fld.text, term.text)
            if acronym_quality:
                best = max(best, acronym_quality)
                place.extend(acronym_spans)
        total += best * TIER_WEIGHT[fld.tier]
        spans.extend(place)
        places.append(place)
    closeness = _closeness(fld.text, places) if len(terms) > 1 and all(places) else 0.0
    return total, spans, closeness


def _closeness(value: str, places: list[list[tuple[int, int]]]) -> float:
    """len(terms) / the fewest words that hold a match of every term: 1.0 when side by side."""
    events = sorted((start, end, term) for term, spans in enumerate(places) for start, end in spans)
    seen: Counter[int] = Counter()
    fewest = len(_WORD.findall(value))
    left = 0
    for _, end, term in events:
        seen[term] += 1
        while len(seen) == len(places):
            first = events[left]
            fewest = min(fewest, len(_WORD.findall(value, first[0], max(end, first[1]))))
            seen[first[2]] -= 1
            if not seen[first[2]]:
                del seen[first[2]]
            left += 1
    return min(1.0, len(places) / max(fewest, 1))


def _acronym_in(value: str, term: str) -> tuple[float, list[tuple[int, int]]]:
    """The quality and spans (the initials) of an acronym match of `term` in a name."""
    words = _WORD.findall(fold(value))
    if not 2 <= len(words) <= ACRONYM_MAX_WORDS:
        return 0.0, []
    letters = initials(words)
    at = letters.find(term)
    if at < 0:
        return 0.0, []
    quality = ACRONYM_WHOLE if letters == term else ACRONYM_PART
    starts = [match.start() for match in _WORD.finditer(value)][at : at + len(term)]
    return quality, [(start, start + 1) for start in starts]


def _highlight(value: str, start: int, end: int, token: str, term: str) -> tuple[int, int]:
    """The characters of `value[start:end]` (a token) that the term matched: all of it for a typo."""
    offset = token.find(term)
    if offset < 0 or token == term:
        return start, end
    if end - start == len(token):  # a plain word: folded and original positions agree
        return start + offset, start + offset + len(term)
    # Map positions in the folded token back to the original text (punctuation dropped, "ß" -> "ss").
    positions = [i for i, char in enumerate(value[start:end]) if _WORD.match(char) for _ in fold(char)]
    if len(positions) != len(token):
        return start, end
    return start + positions[offset], start + positions[offset + len(term) - 1] + 1


def _merged(spans: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(merged)


def _combined_scores(matched: set[int], per_term: list[_TermScores]) -> dict[int, float]:
    """Each record's mean over the terms of its best score, plus the bonus for repeated matches.

    Ties are broken by the index order (see _ordered_records) through an offset far below any real
    difference in score, so that ranking needs to compare single numbers only.
    """
    scores = {n: -n * TIE_BREAK for n in matched}
    share = 1 / len(per_term)
    for term_scores in per_term:  # runs for every matching record: kept to plain lookups
        best, repeats = term_scores.best, term_scores.repeats
        for n in matched:
            scores[n] += (best[n][0] + _REPEAT_BONUSES[repeats[n]]) * share
    return scores


def _intersection(sets: list[set[int]]) -> set[int]:
    sets.sort(key=len)
    result = sets[0]
    for other in sets[1:]:
        result &= other
    return result


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Building makes millions of small lists that live as long as the index, and the garbage collector
    would walk them over and over (a third of the build time at 100 000 trials): pause it meanwhile."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _sorted_lists(groups: dict[str, set[int]]) -> dict[str, list[int]]:
    return {key: sorted(numbers) for key, numbers in groups.items()}


# --- Filters ------------------------------------------------------------------------------------------------

Selection = set[int] | str  # the records a filter value selects, or a warning


class _Filters:
    """`name:value` filters, resolved to sets of record numbers precomputed at build time."""

    def __init__(self, dataset: Dataset, records: list[Record], number_of: Callable[[Record], int]) -> None:
        def numbers(selected: Iterable[Record]) -> set[int]:
            return {number_of(record) for record in selected}

        trials = dataset.trials
        kinds_of = {t.id: {i.kind for i in dataset.interventions_of(t)} for t in trials}
        self._all = set(range(len(records)))
        self._by_type = {kind: numbers(r for r in records if model.kind_of(r) == kind) for kind in KIND_ORDER}
        self._by_phase = {p: numbers(t for t in trials if t.phase == p) for p in model.PHASES}
        self._by_met = {
            m: numbers(t for t in trials if t.primary_outcome_met == m) for m in model.OUTCOME_MET
        }
        self._by_status = {s: numbers(t for t in trials if t.status == s) for s in model.STATUSES}
        self._by_kind = {
            kind: numbers(i for i in dataset.interventions if i.kind == kind)
            | numbers(t for t in trials if kind in kinds_of[t.id])
            for kind in model.INTERVENTION_KINDS
        }
        self._by_measure = {
            m.id: numbers(dataset.trials_using_measure.get(m.id, ())) for m in dataset.measures
        }
        # A measure is named by its id, abbreviation, name or aliases, punctuation ignored.
        self._measure_names: dict[str, str] = {}
        for measure in dataset.measures:
            for name in (measure.name, *measure.aliases, measure.abbreviation, measure.id):
                if name:
                    self._measure_names[squashed(name)] = measure.id
        self._resolvers: dict[str, Callable[[str], Selection]] = {
            "phase": self._phase,
            "measure": self._measure,
            "met": lambda value: _choose("met", value, self._by_met),
            "status": lambda value: _choose("status", value, self._by_status),
            "kind": lambda value: _choose("kind", value, self._by_kind),
            "type": lambda value: _choose("type", value.rstrip("sS") or value, self._by_type),
        }

    def select(self, filters: list[tuple[str, str, bool]], warnings: list[str]) -> set[int] | None:
        """Records passing every filter (values of one filter are alternatives); None if no filter."""
        chosen: dict[str, set[int]] = {}
        rejected: set[int] = set()
        for name, value, negated in filters:
            resolve = self._resolvers.get(name)
            if resolve is None:
                known = ", ".join(FILTER_NAMES)
                warnings.append(f"unknown filter '{_shown(name)}:' — known filters: {known}")
                continue
            if not value.strip(","):
                warnings.append(f"filter '{name}:' needs a value, e.g. {_EXAMPLES[name]}")
                continue
            for part in filter(None, value.split(",")):
                selection = resolve(part)
                if isinstance(selection, str):
                    warnings.append(selection)
                elif negated:
                    rejected |= selection
                else:
                    chosen.setdefault(name, set()).update(selection)
        if not chosen and not rejected:
            return None
        allowed = _intersection(list(chosen.values())) if chosen else set(self._all)
        return allowed - rejected

    def _phase(self, value: str) -> Selection:
        phase = fold(value).strip().removeprefix("phase").strip()
        if phase in ("na", "n/a", "none"):
            phase = "not_applicable"
        if phase not in self._by_phase:
            return f"unknown phase '{_shown(value)}' — known: {', '.join(model.PHASES)}"
        # "phase:2" means any phase 2 (2, 2a, 2b); "phase:2a" and "phase:1/2" mean exactly that.
        selected = [n for p, n in self._by_phase.items() if p == phase or p.rstrip("ab") == phase]
        return set().union(*selected)

    def _measure(self, value: str) -> Selection:
        measure_id = self._measure_names.get(squashed(value))
        if measure_id is None:
            known = ", ".join(self._by_measure) or "none in this dataset"
            return f"unknown measure '{_shown(value)}' — known measures: {known}"
        return self._by_measure[measure_id]


_EXAMPLES = {
    "phase": "phase:2",
    "measure": "measure:mtr",
    "met": "met:yes",
    "status": "status:completed",
    "kind": "kind:antibody",
    "type": "type:trial",
}


def _choose(name: str, value: str, options: dict[str, set[int]]) -> Selection:
    """The records of the option named by `value`: exact, or an unambiguous start ("status:active")."""
    key = fold(value).strip().replace("-", "_").replace(" ", "_")
    if key in options:
        return options[key]
    starting = [option for option in options if key and option.startswith(key)]
    if len(starting) == 1:
        return options[starting[0]]
    return f"unknown {name} '{_shown(value)}' — known: {', '.join(options)}"


def _shown(value: str) -> str:
    """A user's value quoted back in a warning: short and printable."""
    shortened = value if len(value) <= 40 else value[:39] + "…"
    return text.one_line(shortened)
