"""The search index: built once per Dataset, then queried on every keystroke.

How a query runs:

1. The query is split into words (`query.py`). `name:value` words are filters (`filters.py`), `!word`
   excludes records, and every other word is a term that must match (several terms narrow: AND).
2. Each term is matched against the *vocabulary* of distinct normalised tokens (`matching.py`), never
   against every record, which gives each matching token a quality from 0 to 100.
3. Postings (token -> records, per field tier) turn token qualities into the best score of each record,
   weighted by the tier of the field it matched in. Trials also inherit matches on the names of their
   interventions and measures.
4. Records matching every term are ranked by their mean term score; only the records near the top are
   read again, to find the field that matched best, the spans to highlight and (for several terms) how
   close together the terms are.

Headless on purpose: no Textual or Rich here, so the CLI, the screens and the tests share it.
"""

from __future__ import annotations

import array
import base64
import binascii
import contextlib
import functools
import gc
import heapq
import sys
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from .. import model
from ..model import Dataset, Intervention, Record, Trial
from .filters import Filters
from .matching import (
    ACRONYM_LENGTHS,
    ACRONYM_MAX_WORDS,
    ACRONYM_PART,
    ACRONYM_WHOLE,
    CLOSENESS_BONUS,
    EXACT,
    FUZZY_MAX,
    FUZZY_PREFIX_MAX,
    MAX_COMPOUNDS_SHOWN,
    MAX_EDITS,
    MAX_TERM_CHARS,
    MIN_FUZZY,
    MIN_SUBSTRING,
    PREFIX_BASE,
    PREFIX_SPAN,
    REFINE_EXTRA,
    REPEAT_BONUSES,
    SUBSTRING_BASE,
    SUBSTRING_SPAN,
    TIE_BREAK,
    Batch,
    Lookup,
    Match,
    Postings,
    Term,
    TermScores,
    Vocabulary,
    field_match,
    merged,
    tiers_to_read,
)
from .normalise import WORD, compound_tokens, fold, initials, squashed
from .query import parse_query
from .records import (
    DESCRIPTOR,
    IDENTITY,
    PROSE,
    TIER_WEIGHT,
    VIA_INTERVENTION,
    VIA_MEASURE,
    VIA_TIERS,
    IndexedField,
    hit_title,
    intervention_fields,
    linked_fields,
    measure_fields,
    trial_fields,
)


@dataclass(frozen=True, slots=True)
class Hit:
    """One record found by a query, with what matched and where (for highlighting).

    `field` is one of: id (any record); the keys of the searched trial fields (`fields.SEARCHED`:
    acronym, registry_ids, title, population, outcomes, result_summary…), intervention, measure
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
    """The hits of a query (at most the limit asked for), how many records matched in all, and what was
    wrong with the query: `errors` (an unknown filter…) mean nothing is listed; `warnings` do not."""

    query: str
    hits: tuple[Hit, ...]
    warnings: tuple[str, ...] = ()
    errors: tuple[str, ...] = ()
    total: int = 0


INDEX_FORMAT = 4  # of `SearchIndex.saved()`: changed whenever what is saved, or how it is built, changes

# What building makes (and what is saved): postings per token, linkable names, compounds, acronyms.
_Built = tuple[
    dict[str, Postings], dict[str, list[int]], dict[str, tuple[str, ...]], dict[str, list[int]], dict[str, list[int]]
]


class SearchIndex:
    """Everything a query needs, built once from a Dataset, or restored from what `saved()` returned for the
    same dataset (the app caches it with the dataset: see `session.py`)."""

    def __init__(self, dataset: Dataset, saved: dict[str, Any] | None = None) -> None:
        """`saved`: restore instead of building; ValueError if it does not fit this dataset exactly."""
        self.dataset = dataset
        self._records = self._ordered_records(dataset)
        self._number = {id(record): n for n, record in enumerate(self._records)}
        with collector_paused():
            built = self._build() if saved is None else _restored(saved, self._records)
            self._postings, self._link_postings, self._compounds, self._acronyms_whole, self._acronyms_part = built
            self._vocabulary = Vocabulary(self._postings)
            self._trials_linked = self._build_links()
            self._filters = Filters(dataset, self._records, self._number_of)
        # Read again only for the records shown (typing repeats the same hits): not kept for every record,
        # which at 100 000 trials would be millions of objects.
        self._fields = functools.lru_cache(maxsize=4096)(self._read_own_fields)
        self._linked_fields = functools.lru_cache(maxsize=4096)(self._read_linked_fields)

    def saved(self) -> dict[str, Any]:
        """What restores this index for the same dataset (`SearchIndex(dataset, saved)`): plain JSON values.
        Record numbers are written packed (`_numbers_text`): read back at C speed, without creating an int
        object for each of the millions of numbers of a large dataset."""
        return {
            "format": INDEX_FORMAT,
            "records": [record.id for record in self._records],
            # A list of [token, tiers] (the cache writes it a slice per line, and reads it back the same way).
            "postings": [
                [token, [[tier, _numbers_text(numbers)] for tier, numbers in tiers]]
                for token, tiers in self._postings.items()
            ],
            "links": {token: _numbers_text(numbers) for token, numbers in self._link_postings.items()},
            "compounds": self._compounds,
            "acronyms_whole": {key: _numbers_text(numbers) for key, numbers in self._acronyms_whole.items()},
            "acronyms_part": {key: _numbers_text(numbers) for key, numbers in self._acronyms_part.items()},
        }

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
    def _own_fields(record: Record) -> tuple[IndexedField, ...]:
        if isinstance(record, Trial):
            return trial_fields(record)
        if isinstance(record, Intervention):
            return intervention_fields(record)
        return measure_fields(record)

    def _number_of(self, record: Record) -> int:
        return self._number[id(record)]

    def _read_own_fields(self, number: int) -> tuple[IndexedField, ...]:
        return self._own_fields(self._records[number])

    def _read_linked_fields(self, number: int) -> tuple[IndexedField, ...]:
        record = self._records[number]
        return linked_fields(self.dataset, record) if isinstance(record, Trial) else ()

    def _build(self) -> _Built:
        """token -> records per tier; token -> interventions and measures having it in a name; the tokens
        joined up from punctuated words, with their parts ("lt3" -> ("l", "t3") from "L-T3"); and the
        initials of multi-word names -> records: whole ("mtr") and any run of them ("tr"). One pass."""
        by_tier: list[dict[str, list[int]]] = [{} for _ in TIER_WEIGHT]
        linkable: dict[str, list[int]] = {}
        compounds: dict[str, tuple[str, ...]] = {}
        whole: dict[str, set[int]] = {}
        part: dict[str, set[int]] = {}
        for number, record in enumerate(self._records):
            # An id counts as a name only when typed whole, so "clemastine" in the id
            # "trap-ms-clemastine" does not rank that trial level with the drug itself.
            tokens_by_tier: dict[int, set[str]] = {IDENTITY: {squashed(record.id)}}
            for fld in self._own_fields(record):
                folded = fold(fld.text)
                words = WORD.findall(folded)
                joined = compound_tokens(folded)
                compounds.update(joined)
                tokens_by_tier.setdefault(fld.tier, set()).update(words, joined)
                if fld.tier == IDENTITY and 2 <= len(words) <= ACRONYM_MAX_WORDS:
                    letters = initials(words)
                    whole.setdefault(letters, set()).add(number)
                    for start in range(len(letters)):
                        for length in ACRONYM_LENGTHS:
                            if start + length <= len(letters):
                                part.setdefault(letters[start : start + length], set()).add(number)
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
        merged: dict[str, list[tuple[int, Sequence[int]]]] = {}
        for tier, postings in enumerate(by_tier):
            for token, numbers in postings.items():
                merged.setdefault(token, []).append((tier, array.array("i", numbers)))
        postings_of = {token: tuple(tiers) for token, tiers in merged.items()}
        return postings_of, linkable, compounds, sorted_lists(whole), sorted_lists(part)

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
        if limit is not None:
            limit = max(limit, 0)  # a negative limit lists nothing (and must not index from the end)
        parsed = parse_query(query)
        errors: list[str] = []
        allowed = self._filters.select(parsed.filters, errors)
        if errors:
            return SearchResult(query, (), tuple(parsed.warnings), tuple(errors))
        excluded = self._excluded(parsed.excluded)
        terms = [term for word in parsed.words for term in self._terms(word)]
        asked = terms or allowed is not None or parsed.excluded
        if not asked:
            return SearchResult(query, (), tuple(parsed.warnings))
        if not terms:
            listed = range(len(self._records)) if allowed is None else sorted(allowed)
            numbers = [n for n in listed if n not in excluded]
            hits = tuple(self._listed_hit(n) for n in numbers[:limit])
            return SearchResult(query, hits, tuple(parsed.warnings), total=len(numbers))
        hits, total = self._found(terms, allowed, excluded, limit)
        return SearchResult(query, hits, tuple(parsed.warnings), total=total)

    def _found(
        self, terms: list[Term], allowed: set[int] | None, excluded: set[int], limit: int | None
    ) -> tuple[tuple[Hit, ...], int]:
        """Records matching every term (and the filters), ranked; and how many matched in all."""
        lookup = Lookup(terms, [self._term_scores(term) for term in terms])
        matched = intersection([set(scores.best) for scores in lookup.per_term])
        if allowed is not None:
            matched &= allowed
        matched -= excluded
        scores = combined_scores(matched, lookup.per_term)
        count = len(scores) if limit is None else limit
        matches = self._refine(scores, lookup, count)
        ranked = self._ranked(scores, matches, lookup, count)
        hits = tuple(self._hit(n, scores[n], matches.get(n) or self._match(n, lookup)) for n in ranked)
        return hits, len(scores)

    def _terms(self, word: str, typos: bool = True) -> list[Term]:
        """The terms of one query word: "L-T3" is tried joined up ("lt3") before as its parts."""
        parts = [part[:MAX_TERM_CHARS] for part in WORD.findall(fold(word))]
        if len(parts) <= 1:
            return [self._term(part, typos) for part in parts]
        joined = self._term("".join(parts)[:MAX_TERM_CHARS], typos)
        if joined.candidates or self._acronym_batches(joined):
            return [joined]
        return [self._term(part, typos) for part in parts]

    def _term(self, term: str, typos: bool = True) -> Term:
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
        return Term(term, candidates, acronym, self._compounds_to_show(term, candidates))

    def _compounds_to_show(self, term: str, candidates: dict[str, tuple[float, int]]) -> tuple[str, ...]:
        """Joined-up tokens the term spans ("lt3" in "L-T3"); within one part, a plain word shows it."""
        needed = [
            token
            for token in candidates
            if token in self._compounds and not any(term in part for part in self._compounds[token])
        ]
        return tuple(sorted(needed, key=len)[:MAX_COMPOUNDS_SHOWN])

    def _acronym_batches(self, term: Term) -> list[Batch]:
        if not term.acronym:
            return []
        batches: list[Batch] = []
        if term.text in self._acronyms_part:
            batches.append((ACRONYM_PART, IDENTITY, self._acronyms_part[term.text]))
        if term.text in self._acronyms_whole:
            batches.append((ACRONYM_WHOLE, IDENTITY, self._acronyms_whole[term.text]))
        return batches

    def _term_scores(self, term: Term) -> TermScores:
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
        return TermScores(best, repeats, tiers)

    def _linked_batches(self, term: Term, acronyms: list[Batch]) -> Iterator[Batch]:
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

    def _refine(self, scores: dict[int, float], lookup: Lookup, count: int) -> dict[int, Match]:
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

    def _ranked(self, scores: dict[int, float], matches: dict[int, Match], lookup: Lookup, count: int) -> list[int]:
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

    def _leader(self, number: int, scores: dict[int, float], per_term: list[TermScores]) -> int | None:
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

    def _found_by_name(self, number: int, per_term: list[TermScores]) -> bool:
        return all(scores.best[number][1] == IDENTITY for scores in per_term)

    # Hits ---------------------------------------------------------------------------------------------------

    def _hit(self, number: int, score: float, match: Match) -> Hit:
        record = self._records[number]
        # Bonuses may lift a ranking score past 100 (that keeps their order); the shown score stops there.
        shown = round(min(score, 100.0), 1)
        return Hit(model.kind_of(record), record.id, hit_title(record), shown, *match[:3], record)

    def _listed_hit(self, number: int) -> Hit:
        """A record listed by filters alone: nothing was matched, so the title is shown unhighlighted."""
        record = self._records[number]
        title = hit_title(record)
        return Hit(model.kind_of(record), record.id, title, 100.0, "title", title, (), record)

    def _match(self, number: int, lookup: Lookup) -> Match:
        """The field where the terms match best, the spans to highlight in it, and their closeness."""
        record = self._records[number]
        tiers = tiers_to_read(number, lookup.per_term)
        fields = [fld for fld in self._fields(number) if fld.tier in tiers]
        if isinstance(record, Trial) and tiers & VIA_TIERS:
            fields.extend(fld for fld in self._linked_fields(number) if fld.tier in tiers)
        # With one term, the first field reaching the record's score is the best: stop reading there.
        enough = lookup.per_term[0].best[number][0] if len(lookup.terms) == 1 else float("inf")
        best_score, best = 0.0, Match("title", hit_title(record), (), 0.0)
        closeness = 0.0
        for fld in fields:
            score, spans, field_closeness = field_match(fld, lookup)
            closeness = max(closeness, field_closeness)
            if score > best_score:
                best_score, best = score, Match(fld.name, fld.text, merged(spans), 0.0)
            if score >= enough - 1e-9:
                break
        return best._replace(closeness=closeness)


def combined_scores(matched: set[int], per_term: list[TermScores]) -> dict[int, float]:
    """Each record's mean over the terms of its best score, plus the bonus for repeated matches.

    Ties are broken by the index order (see _ordered_records) through an offset far below any real
    difference in score, so that ranking needs to compare single numbers only.
    """
    scores = {n: -n * TIE_BREAK for n in matched}
    share = 1 / len(per_term)
    for term_scores in per_term:  # runs for every matching record: kept to plain lookups
        best, repeats = term_scores.best, term_scores.repeats
        for n in matched:
            scores[n] += (best[n][0] + REPEAT_BONUSES[repeats[n]]) * share
    return scores


def intersection(sets: list[set[int]]) -> set[int]:
    sets.sort(key=len)
    result = sets[0]
    for other in sets[1:]:
        result &= other
    return result


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Building makes millions of small lists that live as long as the index, and the garbage collector
    would walk them over and over (a third of the build time at 100 000 trials): pause it meanwhile."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def sorted_lists(groups: dict[str, set[int]]) -> dict[str, list[int]]:
    return {key: sorted(numbers) for key, numbers in groups.items()}


def _numbers_text(numbers: Sequence[int]) -> str:
    """Record numbers as text: 32-bit little-endian integers in base64 (read back at C speed)."""
    packed = array.array("i", numbers)
    if sys.byteorder == "big":
        packed.byteswap()
    return base64.b64encode(packed.tobytes()).decode("ascii")


def _packed_of(text: Any, count: int) -> array.array[int]:
    """The record numbers written by `_numbers_text`: ValueError unless it is well formed and every number
    is one of the `count` records."""
    if type(text) is not str or not text:
        raise ValueError("a list of record numbers is malformed")
    packed = array.array("i")
    try:
        packed.frombytes(base64.b64decode(text, validate=True))
    except (binascii.Error, ValueError):
        raise ValueError("a list of record numbers is malformed") from None
    if sys.byteorder == "big":
        packed.byteswap()
    if not packed or min(packed) < 0 or max(packed) >= count:
        raise ValueError("a record number is out of range")
    return packed


def _numbers_of(text: Any, ints: list[int]) -> list[int]:
    """Like `_packed_of`, as a list of the shared int objects of `ints` (one per record)."""
    return list(map(ints.__getitem__, _packed_of(text, len(ints))))


def _restored(saved: dict[str, Any], records: list[Record]) -> _Built:
    """The built parts of a saved index, checked to fit these records: ValueError otherwise.

    The index is derived from data that was just validated, so its cache can only be stale (another format,
    other records) or corrupt: everything is checked for shape, and every record number for range, so that
    a bad file can never make a search fail; a well-formed file that lies about which records hold a word
    could only mislead the search, never bring in data (the records shown are always the validated ones)."""
    try:
        if saved["format"] != INDEX_FORMAT or saved["records"] != [record.id for record in records]:
            raise ValueError("the saved index is of another format or dataset")
        ints = list(range(len(records)))  # one int object per record number, shared by every list
        numbers = functools.partial(_numbers_of, ints=ints)
        postings: dict[str, Postings] = {}
        for token, tiers in saved["postings"]:  # a list, or read a slice at a time (see cache.read_index)
            if type(token) is not str:
                raise ValueError("a token is malformed")
            entries = []
            for tier, text in tiers:
                if type(tier) is not int or not 0 <= tier < len(TIER_WEIGHT):
                    raise ValueError("a tier is out of range")
                entries.append((tier, _packed_of(text, len(records))))
            if not entries:
                raise ValueError("a token has no records")
            postings[token] = tuple(entries)
        links = {token: numbers(text) for token, text in saved["links"].items()}
        compounds: dict[str, tuple[str, ...]] = {}
        for token, parts in saved["compounds"].items():
            if type(parts) is not list or not all(type(part) is str for part in parts):
                raise ValueError("a compound is malformed")
            compounds[token] = tuple(parts)
        whole = {key: numbers(text) for key, text in saved["acronyms_whole"].items()}
        part = {key: numbers(text) for key, text in saved["acronyms_part"].items()}
    except (KeyError, TypeError, AttributeError, IndexError, LookupError) as error:
        raise ValueError(f"the saved index is malformed ({type(error).__name__})") from None
    if not all(token in postings for token in links) or not all(token in postings for token in compounds):
        raise ValueError("the saved index names tokens it does not hold")
    return postings, links, compounds, whole, part
