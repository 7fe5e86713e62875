"""Property tests: no query can break search, and what it returns is always well formed."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.core.loader import load_dataset
from tui.core.search import FILTER_NAMES, SearchIndex, SearchResult

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "mini"
INDEX = SearchIndex(load_dataset(FIXTURE))
# Example counts and derandomisation come from the Hypothesis profile (tests/conftest.py).
FAST = settings(suppress_health_check=[HealthCheck.too_slow])

# Any character at all, control characters and unpaired surrogates included.
any_text = st.text(alphabet=st.characters(codec=None, exclude_categories=()))
words_of_the_data = st.sampled_from(
    [
        "fixturamab",
        "FXM-101",
        "anti-WIDGET",
        "vep",
        "mtr",
        "alpha",
        "NCT00000001",
        "fictional",
        "testastin",
        "a",
    ]
)
filter_word = st.builds(
    lambda negated, name, value: f"{'!' if negated else ''}{name}:{value}",
    st.booleans(),
    st.sampled_from([*FILTER_NAMES, "foo", "PHASE", "x_y"]),
    st.one_of(
        any_text,
        st.sampled_from(
            [
                "2",
                "1/2",
                "2a",
                "yes",
                "no",
                "mtr",
                "vep",
                "antibody",
                "trial",
                ",",
                "",
                ">100",
                "2010..2020",
                "<=3",
                "<3",
                "follow",
                "9" * 30,
                "..",
                ">",
                "-1",
            ]
        ),
    ),
)
query_word = st.one_of(any_text, words_of_the_data, filter_word, st.builds("!{}".format, any_text))
queries = st.lists(query_word, max_size=8).map(" ".join)
huge = st.builds(lambda piece, times: piece * times, st.text(min_size=1, max_size=12), st.integers(500, 3000))
limits = st.one_of(st.none(), st.integers(-5, 60))


def check(result: SearchResult, query: str, limit: int | None) -> None:
    assert isinstance(result, SearchResult)
    assert result.query == query
    assert all(isinstance(warning, str) and warning for warning in result.warnings)
    assert all(isinstance(error, str) and error for error in result.errors)
    if result.errors:  # a query with an error lists nothing, and says why
        assert (result.hits, result.total) == ((), 0)
    assert result.total >= len(result.hits)
    if limit is not None:
        assert len(result.hits) <= max(limit, 0)
    assert len({hit.id for hit in result.hits}) == len(result.hits)
    for hit in result.hits:
        assert hit.kind in ("trial", "intervention", "measure")
        assert hit.record.id == hit.id
        assert 0 <= hit.score <= 100
        assert hit.field and isinstance(hit.text, str)
        previous_end = 0
        for start, end in hit.spans:
            assert previous_end <= start < end <= len(hit.text)
            previous_end = end


@FAST
@given(query=any_text, limit=limits)
def test_any_text_is_a_valid_query(query: str, limit: int | None) -> None:
    check(INDEX.search(query, limit=limit), query, limit)


@FAST
@given(query=queries, limit=limits)
def test_any_mix_of_words_filters_and_exclusions_is_a_valid_query(query: str, limit: int | None) -> None:
    check(INDEX.search(query, limit=limit), query, limit)


@settings(max_examples=30, deadline=None)
@given(query=huge)
def test_huge_queries_are_valid(query: str) -> None:
    check(INDEX.search(query), query, 50)


@FAST
@given(name=st.sampled_from(FILTER_NAMES), value=any_text)
def test_a_filter_with_any_value_is_valid(name: str, value: str) -> None:
    check(INDEX.search(f"{name}:{value}", limit=None), f"{name}:{value}", None)


@FAST
@given(
    name=st.sampled_from([n for n in FILTER_NAMES if n != "stopped"]),
    value=st.text(alphabet="qxz", min_size=1, max_size=8),
)
def test_an_unknown_filter_value_is_an_error_and_lists_nothing(name: str, value: str) -> None:
    # No known value of these filters starts with q, x or z (`stopped:` takes any word of a reason).
    result = INDEX.search(f"{name}:{value}")
    assert result.hits == ()
    assert len(result.errors) == 1 and value in result.errors[0]


@FAST
@given(name=st.text(alphabet="qxz_", min_size=1, max_size=8), value=st.text(max_size=5), words=queries)
def test_an_unknown_filter_name_is_always_an_error(name: str, value: str, words: str) -> None:
    result = INDEX.search(f"{words} {name}:{value}")
    assert any(error.startswith(f"unknown filter '{name}:'") for error in result.errors)
    assert result.hits == ()


@FAST
@given(low=st.integers(1950, 2100), high=st.integers(1950, 2100))
def test_a_year_range_selects_the_trials_started_in_it(low: int, high: int) -> None:
    result = INDEX.search(f"year:{low}..{high}", limit=None)
    if low > high:
        assert result.errors
        return
    expected = {t.id for t in INDEX.dataset.trials if t.start_year is not None and low <= t.start_year <= high}
    assert {hit.id for hit in result.hits} == expected


@FAST
@given(op=st.sampled_from(["", "<", "<=", ">", ">="]), count=st.integers(0, 200))
def test_a_participant_bound_selects_by_the_headline_count(op: str, count: int) -> None:
    result = INDEX.search(f"n:{op}{count}", limit=None)
    compare = {
        "": lambda n: n == count,
        "<": lambda n: n < count,
        "<=": lambda n: n <= count,
        ">": lambda n: n > count,
        ">=": lambda n: n >= count,
    }[op]
    expected = {
        t.id for t in INDEX.dataset.trials if t.enrolment.headline is not None and compare(t.enrolment.headline[1])
    }
    assert {hit.id for hit in result.hits} == expected


@FAST
@given(word=words_of_the_data)
def test_adding_a_word_never_widens_the_result(word: str) -> None:
    alone = {hit.id for hit in INDEX.search(word, limit=None).hits}
    narrowed = {hit.id for hit in INDEX.search(f"{word} fictional", limit=None).hits}
    assert narrowed <= alone


@pytest.mark.parametrize("character", [chr(code) for code in [*range(32), 127, 0x85, 0x2028, 0x200B, 0xFEFF]])
def test_control_and_invisible_characters_alone_find_nothing(character: str) -> None:
    assert INDEX.search(character * 3).hits == ()
