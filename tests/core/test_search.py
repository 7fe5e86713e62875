"""Unit tests of the search engine on the small fictional fixture dataset."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tui.core.loader import load_dataset
from tui.core.model import Intervention, Measure, Trial
from tui.core.search import FILTER_NAMES, FILTERS, Hit, SearchIndex, SearchResult

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "mini"
ALL_IDS = {
    "fixturamab",
    "testastine",
    "mockformin",
    "mtr",
    "ffvep",
    "oct",
    "alpha",
    "beta",
    "gamma-two",
    "delta-open",
}


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    return SearchIndex(load_dataset(FIXTURE))


def ids(result: SearchResult) -> list[str]:
    return [hit.id for hit in result.hits]


def highlighted(hit: Hit) -> list[str]:
    return [hit.text[start:end] for start, end in hit.spans]


# --- Empty and basic ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["", "   ", "\n\t", "-", "!", "!!!", "..."])
def test_a_query_asking_for_nothing_finds_nothing(index: SearchIndex, query: str) -> None:
    result = index.search(query)
    assert result.hits == ()
    assert result.warnings == ()
    assert result.query == query


def test_hits_carry_kind_id_title_and_record(index: SearchIndex) -> None:
    hits = {hit.id: hit for hit in index.search("fixtur", limit=None).hits}
    assert isinstance(hits["fixturamab"].record, Intervention)
    assert hits["fixturamab"].kind == "intervention"
    assert hits["fixturamab"].title == "Fixturamab"
    alpha = index.search("NCT00000001").hits[0]
    assert alpha.kind == "trial" and isinstance(alpha.record, Trial)
    assert alpha.title == "ALPHA — A fictional randomised trial of fixturamab in relapsing MS"
    delta = index.search("NCT00000004").hits[0]
    assert delta.title == "An open-label fictional study of testastine with very few known facts"
    mtr = index.search("mtr").hits[0]
    assert mtr.kind == "measure" and isinstance(mtr.record, Measure)
    assert mtr.title == "MTR — Magnetisation transfer ratio"


def test_scores_are_between_0_and_100(index: SearchIndex) -> None:
    for query in ["fixturamab", "fixtur", "fixturamb", "vep", "a", "trial", "fictional trial"]:
        for hit in index.search(query, limit=None).hits:
            assert 0 < hit.score <= 100


# --- Ranking ------------------------------------------------------------------------------------------------


def test_an_intervention_found_by_name_comes_first_with_its_trials_after_it(index: SearchIndex) -> None:
    hits = index.search("fixturamab").hits
    assert hits[0].id == "fixturamab"
    assert hits[0].field == "name"
    assert hits[0].score == 100
    assert {hit.id for hit in hits[1:3]} == {"alpha", "beta"}
    assert all(hit.score < hits[0].score for hit in hits[1:])


def test_an_alias_or_code_finds_the_intervention_and_then_its_trials(index: SearchIndex) -> None:
    for query in ["FXM-101", "fxm-101", "FXM101", "fxm101"]:
        hits = index.search(query).hits
        assert ids(index.search(query))[:1] == ["fixturamab"], query
        assert hits[0].field == "alias"
        assert highlighted(hits[0]) == ["FXM-101"]
        assert {hit.id for hit in hits[1:3]} == {"alpha", "beta"}
        assert hits[1].field == "intervention"


def test_a_registry_id_finds_its_trial_exactly(index: SearchIndex) -> None:
    for query, expected in [("NCT00000002", "beta"), ("nct00000002", "beta"), ("2012-000001-11", "beta")]:
        hit = index.search(query).hits[0]
        assert (hit.id, hit.field, hit.score) == (expected, "registry_ids", 100)
        assert highlighted(hit) == [hit.text]


def test_a_registry_id_prefix_finds_the_trials_it_starts(index: SearchIndex) -> None:
    assert set(ids(index.search("NCT0000000"))) == {"alpha", "beta", "delta-open"}


def test_a_record_id_finds_the_record(index: SearchIndex) -> None:
    hit = index.search("gamma-two").hits[0]
    assert (hit.id, hit.score) == ("gamma-two", 100)
    assert index.search("delta-open").hits[0].id == "delta-open"


def test_an_acronym_of_two_words_finds_its_trial(index: SearchIndex) -> None:
    hits = index.search("GAMMA Two").hits
    assert ids(index.search("GAMMA Two")) == ["gamma-two"]
    assert hits[0].field == "acronym"
    assert highlighted(hits[0]) == ["GAMMA", "Two"]


def test_name_hits_outrank_hits_in_long_text(index: SearchIndex) -> None:
    # "Fixture" is in the sponsor of two trials and in the summaries of the measures.
    hits = index.search("fixture", limit=None).hits
    fields = [hit.field for hit in hits]
    assert fields.index("sponsor") < fields.index("what_it_measures")
    prose = [hit.score for hit in hits if hit.field == "what_it_measures"]
    assert max(prose) < min(hit.score for hit in hits if hit.field in ("name", "sponsor"))


def test_a_prefix_ranks_below_the_exact_word(index: SearchIndex) -> None:
    exact = index.search("fixturamab").hits[0]
    prefix = index.search("fixtura").hits[0]
    assert prefix.id == exact.id == "fixturamab"
    assert prefix.score < exact.score
    assert highlighted(prefix) == ["Fixtura"]


def test_trials_are_found_through_their_measures(index: SearchIndex) -> None:
    hits = index.search("vep").hits
    assert hits[0].id == "ffvep"
    assert hits[0].field == "abbreviation"
    trials = [hit for hit in hits if hit.kind == "trial"]
    assert {hit.id for hit in trials} == {"alpha", "beta", "gamma-two"}
    # Beta mentions VEP in its own text too, but its best match is the measure it used.
    assert all(hit.field == "measure" for hit in trials)


def test_a_measure_alias_finds_the_measure_first(index: SearchIndex) -> None:
    assert ids(index.search("visual evoked potential"))[0] == "ffvep"
    assert ids(index.search("RNFL thickness"))[0] == "oct"


def test_initials_of_a_name_find_it(index: SearchIndex) -> None:
    hit = index.search("mti").hits[0]  # Magnetization Transfer Imaging
    assert hit.id == "mtr"
    assert hit.field == "alias"
    assert highlighted(hit) == ["m", "t", "i"]


def test_several_words_must_all_match(index: SearchIndex) -> None:
    assert ids(index.search("fixturamab optic")) == ["beta"]
    assert ids(index.search("testastine mockformin")) == ["gamma-two"]
    assert ids(index.search("fixturamab mockformin")) == []


def test_spans_of_several_words_in_one_field(index: SearchIndex) -> None:
    hit = index.search("optic fixturamab").hits[0]
    assert hit.field == "title"
    assert highlighted(hit) == ["optic", "fixturamab"]


def test_hits_follow_the_score_apart_from_the_trials_placed_after_their_intervention(
    index: SearchIndex,
) -> None:
    hits = index.search("fictional", limit=None).hits
    assert [hit.score for hit in hits] == sorted((hit.score for hit in hits), reverse=True)


def test_searching_twice_gives_the_same_result(index: SearchIndex) -> None:
    for query in ["fictional", "a", "vep", "phase:2", "testastine trial"]:
        assert index.search(query) == index.search(query)


# --- Typos, short terms, punctuation ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("fixturamb", "fixturamab"),  # a missing letter
        ("fixtuarmab", "fixturamab"),  # two letters swapped
        ("fixturamabb", "fixturamab"),  # an extra letter
        ("fixtxramab", "fixturamab"),  # a wrong letter
        ("fxturamb", "fixturamab"),  # two missing letters
        ("testastin", "testastine"),
        ("mockfromin", "mockformin"),
        ("magnetisaton", "mtr"),
        ("tomograpy", "oct"),
    ],
)
def test_one_or_two_typos_in_a_long_word_still_find_it(index: SearchIndex, query: str, expected: str) -> None:
    hit = index.search(query).hits[0]
    assert hit.id == expected
    assert hit.score < 100


def test_a_typo_while_typing_finds_the_longer_word(index: SearchIndex) -> None:
    assert ids(index.search("fixtrama"))[0] == "fixturamab"


def test_a_correctly_typed_word_brings_no_lookalikes(index: SearchIndex) -> None:
    # "optic" is a word of the data: "optical" (prefix) is fine, typos of it are not looked for.
    for hit in index.search("optic", limit=None).hits:
        assert all(fragment.casefold().startswith("optic") for fragment in highlighted(hit)), hit


@pytest.mark.parametrize("query", ["a", "f", "t", "m", "fi", "te", "ms", "fic", "vep"])
def test_short_terms_match_only_words_and_word_starts(index: SearchIndex, query: str) -> None:
    hits = index.search(query, limit=None).hits
    for hit in hits:
        assert hit.spans, hit
        for start, end in hit.spans:
            assert hit.text[start:end].casefold().startswith(query[0])
            assert start == 0 or not hit.text[start - 1].isalnum(), (hit.field, hit.text)


def test_one_letter_matches_names_only(index: SearchIndex) -> None:
    hits = index.search("f", limit=None).hits
    assert hits
    names = {"name", "alias", "abbreviation", "acronym", "registry_ids", "intervention", "measure", "id"}
    assert {hit.field for hit in hits} <= names
    # "fictional" is in every title, but one letter does not reach titles.
    assert "title" not in {hit.field for hit in hits}


def test_punctuation_is_folded_so_codes_match_either_way(index: SearchIndex) -> None:
    for query in ["anti-WIDGET", "antiwidget", "anti-widg", "ANTI WIDGET"]:
        assert ids(index.search(query))[0] == "fixturamab", query
    hit = index.search("anti-widg").hits[0]
    assert highlighted(hit) == ["anti-WIDG"]


def test_case_and_accents_are_ignored(index: SearchIndex) -> None:
    assert ids(index.search("FIXTURAMAB"))[0] == "fixturamab"
    assert ids(index.search("Fíxturamab"))[0] == "fixturamab"


# --- Filters and exclusions ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("phase:2", {"alpha", "beta", "gamma-two"}),  # 2 and 2a
        ("phase:2a", {"gamma-two"}),
        ("phase:1/2", set()),
        ("phase:na", set()),
        ("met:yes", {"alpha"}),
        ("met:no", {"beta"}),
        ("met:ongoing", {"gamma-two"}),
        ("met:not_reported", {"delta-open"}),
        ("met:not-reported", {"delta-open"}),
        ("status:completed", {"alpha", "beta"}),
        ("status:recruiting", {"gamma-two"}),
        ("status:unknown", {"delta-open"}),
        ("kind:antibody", {"fixturamab", "alpha", "beta"}),
        ("kind:small_molecule", {"testastine", "mockformin", "gamma-two", "delta-open"}),
        ("kind:small", {"testastine", "mockformin", "gamma-two", "delta-open"}),
        ("type:measure", {"mtr", "ffvep", "oct"}),
        ("type:interventions", {"fixturamab", "testastine", "mockformin"}),
        ("measure:mtr", {"alpha"}),
        ("measure:MTR", {"alpha"}),
        ("measure:vep", {"alpha", "beta", "gamma-two"}),
        ("measure:ffvep", {"alpha", "beta", "gamma-two"}),
        ("measure:oct", {"beta"}),
        ("status:completed,recruiting", {"alpha", "beta", "gamma-two"}),
        ("status:completed status:recruiting", {"alpha", "beta", "gamma-two"}),
        ("phase:2 met:yes", {"alpha"}),
        ("type:trial !phase:2", {"delta-open"}),
        ("!type:trial", {"fixturamab", "testastine", "mockformin", "mtr", "ffvep", "oct"}),
    ],
)
def test_filters_alone_list_every_matching_record(index: SearchIndex, query: str, expected: set[str]) -> None:
    result = index.search(query, limit=None)
    assert result.warnings == ()
    assert set(ids(result)) == expected
    assert len(ids(result)) == len(expected)  # no repeats


def test_records_listed_by_filters_show_their_title(index: SearchIndex) -> None:
    hit = index.search("measure:oct").hits[0]
    assert (hit.id, hit.field, hit.text, hit.spans) == ("beta", "title", hit.title, ())


def test_filters_narrow_a_search(index: SearchIndex) -> None:
    assert set(ids(index.search("fixturamab phase:2"))) == {"alpha", "beta"}
    assert ids(index.search("fixturamab met:no")) == ["beta"]
    assert ids(index.search("fixturamab type:intervention")) == ["fixturamab"]
    assert set(ids(index.search("testastine kind:small_molecule"))) == {
        "testastine",
        "gamma-two",
        "delta-open",
    }
    assert ids(index.search("vep measure:oct")) == ["beta"]


def test_an_excluded_word_removes_the_records_containing_it(index: SearchIndex) -> None:
    assert set(ids(index.search("fixturamab !optic"))) == {"fixturamab", "alpha"}
    assert set(ids(index.search("type:trial !testastine"))) == {"alpha", "beta"}
    # An excluded intervention name removes its trials too.
    assert set(ids(index.search("vep !fixturamab"))) == {"ffvep", "gamma-two"}


def test_exclusions_alone_list_everything_else(index: SearchIndex) -> None:
    assert set(ids(index.search("!gamma", limit=None))) == ALL_IDS - {"gamma-two"}
    # "beta" is also a word of alpha ("interferon beta allowed"): words are excluded, not ids.
    assert set(ids(index.search("!beta", limit=None))) == ALL_IDS - {"alpha", "beta"}


def test_an_unknown_filter_is_an_error_and_lists_nothing(index: SearchIndex) -> None:
    result = index.search("foo:bar fixturamab")
    assert result.errors == (
        (
            "unknown filter 'foo:' — the filters are phase:, measure:, met:, status:, kind:, type:, year:, n:, "
            "stopped:, rel:, maxphase:"
        ),
    )
    assert (result.hits, result.total, result.warnings) == ((), 0, ())
    assert FILTER_NAMES == (
        "phase",
        "measure",
        "met",
        "status",
        "kind",
        "type",
        "year",
        "n",
        "stopped",
        "rel",
        "maxphase",
    )


def test_every_filter_has_an_example_that_works(index: SearchIndex) -> None:
    for spec in FILTERS:
        assert spec.example.startswith(f"{spec.name}:") and spec.hint
        assert index.search(spec.example).errors == (), spec.example


@pytest.mark.parametrize(
    ("query", "error"),
    [
        ("phase:9", "unknown phase '9' — known: 1, 1b, 1/2, 2, 2a, 2b, 2/3, 3, 4, not_applicable"),
        ("met:maybe", "unknown met 'maybe' — known: yes, no, mixed, not_reported, ongoing"),
        ("status:done", "unknown status 'done' — known: completed, terminated, withdrawn, recruiting"),
        ("kind:potion", "unknown kind 'potion' — known: small_molecule, antibody"),
        ("kind:s", "unknown kind 's'"),  # ambiguous: small_molecule or supplement
        ("type:paper", "unknown type 'paper' — known: intervention, trial, measure"),
        ("measure:xyz", "unknown measure 'xyz' — known measures: mtr, ffvep, oct"),
        ("phase:", "filter 'phase:' needs a value, e.g. phase:2"),
        ("year:2016..2014", "year:2016..2014 is not a year or range — try year:2019, year:2018..2022 or year:>2018"),
        ("year:abc", "year:abc is not a year or range"),
        ("n:many", "n:many is not a number or range — try n:50, n:20..100 or n:>100"),
        ("rel:sibling", "unknown relation 'sibling' — known: yes, no, extension_of, follow_up_of"),
        ("maxphase:9", "maxphase:9 — give a phase, e.g. maxphase:3 or maxphase:<3"),
        ("maxphase:<", "maxphase:< — give a phase"),
    ],
)
def test_an_unknown_filter_value_is_an_error(index: SearchIndex, query: str, error: str) -> None:
    result = index.search(query)
    assert len(result.errors) == 1
    assert result.errors[0].startswith(error)
    assert (result.hits, result.total) == ((), 0)


def test_a_bad_filter_value_lists_nothing_even_with_words(index: SearchIndex) -> None:
    result = index.search("fixturamab phase:9")
    assert result.errors and result.hits == ()


def test_an_error_quotes_the_value_printably(index: SearchIndex) -> None:
    result = index.search("status:\x1b[31mred")
    assert "\x1b" not in result.errors[0]
    assert "'␛[31mred'" in result.errors[0]


# --- The filters of the evidence model -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Start year (alpha 2015, beta 2013, gamma-two 2023, delta-open unknown).
        ("year:2015", {"alpha"}),
        ("year:2013..2015", {"alpha", "beta"}),
        ("year:>2015", {"gamma-two"}),
        ("year:>=2023", {"gamma-two"}),
        ("year:<=2015", {"alpha", "beta"}),
        ("year:<2013", set()),
        ("!year:2015 type:trial", {"beta", "gamma-two", "delta-open"}),
        # Participants, the headline count (alpha 118 analysed, beta 80 randomised, gamma-two 70 planned).
        ("n:>100", {"alpha"}),
        ("n:80", {"beta"}),
        ("n:50..100", {"beta", "gamma-two"}),
        ("n:<=70", {"gamma-two"}),
        ("n:>1000", set()),
        # Links between trials (delta-open is a follow-up of alpha): both ends are linked.
        ("rel:yes", {"alpha", "delta-open"}),
        ("rel:no", {"beta", "gamma-two"}),
        ("rel:follow", {"alpha", "delta-open"}),
        ("rel:follow-up", {"alpha", "delta-open"}),
        ("rel:extension", set()),
        # Stopped trials: none in the fixture.
        ("stopped:yes", set()),
        ("stopped:no", {"alpha", "beta", "gamma-two", "delta-open"}),
        # Combined: all must hold.
        ("year:2013..2023 n:<100", {"beta", "gamma-two"}),
        ("fixturamab year:2013", {"beta"}),
    ],
)
def test_evidence_filters(index: SearchIndex, query: str, expected: set[str]) -> None:
    result = index.search(query, limit=None)
    assert result.errors == ()
    assert set(ids(result)) == expected
    assert result.total == len(expected)


@pytest.fixture(scope="module")
def stopped_index(tmp_path_factory) -> SearchIndex:
    """The fixture with gamma-two in phase 3 and beta terminated for a reason."""
    folder = tmp_path_factory.mktemp("stopped") / "mini"
    shutil.copytree(FIXTURE, folder)
    trials = folder / "trials.yaml"
    text = trials.read_text(encoding="utf-8")
    text = text.replace("phase: 2a", 'phase: "3"', 1)
    beta = text.index("  - id: beta")
    head, tail = text[:beta], text[beta:]
    tail = tail.replace("why_stopped: null", "why_stopped: Stopped early for futility at the interim analysis.", 1)
    tail = tail.replace("status: completed", "status: terminated", 1)
    trials.write_text(head + tail, encoding="utf-8")
    return SearchIndex(load_dataset(folder))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("stopped:yes", {"beta"}),
        ("stopped:futility", {"beta"}),  # a word of the reason
        ("stopped:Futility", {"beta"}),
        ("stopped:safety", set()),
        ("stopped:no", {"alpha", "gamma-two", "delta-open"}),
        # The highest phase an intervention reached: fixturamab 2, testastine and mockformin 3 (gamma-two).
        ("maxphase:<3", {"fixturamab", "alpha", "beta"}),
        ("maxphase:3", {"testastine", "mockformin", "gamma-two", "delta-open"}),
        ("maxphase:>=2", {"fixturamab", "testastine", "mockformin", "alpha", "beta", "gamma-two", "delta-open"}),
        ("maxphase:phase2", {"fixturamab", "alpha", "beta"}),
        ("maxphase:<2", set()),
        ("maxphase:<3 type:intervention", {"fixturamab"}),
    ],
)
def test_stopped_and_highest_phase_filters(stopped_index: SearchIndex, query: str, expected: set[str]) -> None:
    result = stopped_index.search(query, limit=None)
    assert result.errors == ()
    assert set(ids(result)) == expected


# --- Totals ---------------------------------------------------------------------------------------------


def test_total_counts_every_match_beyond_the_limit(index: SearchIndex) -> None:
    everything = index.search("fictional", limit=None)
    limited = index.search("fictional", limit=2)
    assert len(limited.hits) == 2
    assert limited.total == everything.total == len(everything.hits) > 2
    listed = index.search("type:trial", limit=1)
    assert (len(listed.hits), listed.total) == (1, 4)


def test_total_of_nothing_asked_is_zero(index: SearchIndex) -> None:
    assert index.search("").total == 0
    assert index.search("zzzzqqqq").total == 0


# --- Limits and any input -----------------------------------------------------------------------------------


def test_limit(index: SearchIndex) -> None:
    everything = index.search("fictional", limit=None).hits
    assert len(everything) > 3
    assert index.search("fictional", limit=3).hits == everything[:3]
    assert index.search("fictional", limit=0).hits == ()
    assert len(index.search("type:trial", limit=2).hits) == 2


def test_a_very_long_query_is_shortened_with_a_warning(index: SearchIndex) -> None:
    assert index.search("x" * 10_000).warnings == ("query shortened to its first 1000 characters",)
    assert index.search("é😀\x00" * 3_000).warnings[0] == "query shortened to its first 1000 characters"
    many = index.search("fixturamab " * 1_000)
    assert "only the first 12 words of the query are used" in many.warnings
    assert ids(many)[0] == "fixturamab"


@pytest.mark.parametrize(
    "query", ["(.*)", "[a-", "\\", "fix*", "^$", "a|b", "+?", "(?P<x>", "%s %d {0}", "\x00\x1b[2J", "😀", "ß"]
)
def test_regex_metacharacters_and_odd_characters_are_plain_text(index: SearchIndex, query: str) -> None:
    result = index.search(query)
    assert isinstance(result, SearchResult)


def test_the_engine_imports_neither_textual_nor_rich() -> None:
    code = (
        "import sys, tui.core.search\nprint(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))"
    )
    root = Path(__file__).resolve().parents[2]
    output = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True)
    assert output.stdout.strip() == "[]"


def test_hit_title_does_not_repeat_an_acronym_the_title_starts_with(mini_dataset):
    from dataclasses import replace

    from tui.core.search import hit_title

    alpha = mini_dataset.find_trial("alpha")
    assert hit_title(alpha) == "ALPHA — A fictional randomised trial of fixturamab in relapsing MS"
    prefixed = replace(alpha, title="ALPHA: a fictional trial")
    assert hit_title(prefixed) == "ALPHA: a fictional trial"
