"""Relevance of search on the real bundled data: what a reader types, and what should come first.

Each row is (query, expected id, rank): the expected record must be among the first `rank` hits. Keep
rows to facts that are stable in the curated data (names, codes, registry ids, measures), not to the
wording of summaries.
"""

from __future__ import annotations

import pytest

from tui.core.loader import load_dataset
from tui.core.search import SearchIndex


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    return SearchIndex(load_dataset())


CASES = [
    # Names of interventions: the intervention first.
    ("clemastine", "clemastine", 1),
    ("Clemastine fumarate", "clemastine", 1),
    ("opicinumab", "opicinumab", 1),
    ("bexarotene", "bexarotene", 1),
    ("metformin", "metformin", 1),
    ("elezanumab", "elezanumab", 1),
    ("temelimab", "temelimab", 1),
    ("liothyronine", "liothyronine", 1),
    ("domperidone", "domperidone", 1),
    ("phenytoin", "phenytoin", 1),
    ("quetiapine", "quetiapine", 1),
    ("biotin", "biotin", 1),
    ("bazedoxifene", "bazedoxifene", 1),
    ("ibudilast", "ibudilast", 1),
    ("simvastatin", "simvastatin", 1),
    ("mesenchymal stem cells", "mesenchymal-stem-cells", 1),
    ("gold nanocrystals", "cnm-au8", 1),
    # Misspellings: one or two wrong, missing or swapped letters.
    ("clemastin", "clemastine", 1),
    ("clemsatine", "clemastine", 1),
    ("opicinumb", "opicinumab", 1),
    ("opicinunab", "opicinumab", 1),
    ("bexaroten", "bexarotene", 1),
    ("bxarotne", "bexarotene", 1),
    ("metfromin", "metformin", 1),
    ("liothyronin", "liothyronine", 1),
    # Aliases and codes.
    ("BIIB033", "opicinumab", 1),  # and then its trials: see test_a_code_finds_the_intervention_then_its_trials
    ("MD1003", "biotin", 1),
    ("L-T3", "liothyronine", 1),
    ("LT3", "liothyronine", 1),
    ("ABT-555", "elezanumab", 1),
    ("GNbAC1", "temelimab", 1),
    ("rHIgM22", "rhigm22", 1),
    ("CNM-Au8", "cnm-au8", 1),
    ("PIPE-307", "pipe-307", 1),
    ("GSK239512", "gsk239512", 1),
    ("Tecfidera", "dimethyl-fumarate", 1),
    ("Tysabri", "natalizumab", 1),
    ("rTMS", "lirtms", 1),
    # Mechanisms and targets.
    ("anti-LINGO", "opicinumab", 1),
    ("LINGO-1", "opicinumab", 1),
    ("RXR", "bexarotene", 1),
    ("muscarinic", "clemastine", 2),
    ("muscarinic", "pipe-307", 2),
    ("H3", "gsk239512", 1),
    ("RGMa", "elezanumab", 1),
    ("HERV-W", "temelimab", 1),
    ("antihistamine", "clemastine", 1),
    ("thyroid hormone", "liothyronine", 2),
    # Measures: by name, abbreviation, alias, initials.
    ("mtr", "mtr", 1),
    ("magnetisation transfer", "mtr", 1),
    ("magnetization transfer", "mtr", 1),
    ("mwf", "mwf", 1),
    ("myelin water", "mwf", 1),
    ("myelin water fraction", "mwf", 1),
    ("ffvep", "ffvep", 1),
    ("vep", "ffvep", 2),  # full-field or multifocal VEP
    ("visual evoked potential", "ffvep", 1),
    ("evoked potential", "ffvep", 4),
    ("oct", "oct", 1),
    ("optical coherence", "oct", 1),
    ("RNFL", "oct", 1),
    ("EDSS", "edss", 1),
    ("9HPT", "nhpt", 1),
    # Registry ids, acronyms and slugs of trials.
    ("NCT02040298", "rebuild", 1),
    ("nct02040298", "rebuild", 1),
    ("NCT0204029", "rebuild", 1),
    ("CCMR One", "ccmr-one", 1),
    ("ccmr two", "ccmr-two", 1),
    ("ccmr-one", "ccmr-one", 1),
    ("ReBUILD", "rebuild", 1),
    ("RENEW", "renew", 1),
    ("SYNERGY", "synergy", 1),
    ("AFFINITY", "affinity", 1),
    ("ReCOVER", "recover", 1),
    ("MS-SMART", "ms-smart", 1),
    # Several words narrow the result.
    ("clemastine vep", "rebuild", 2),  # ReBUILD and ReCOVER both
    ("bexarotene mtr", "ccmr-one", 1),
    ("metformin clemastine", "ccmr-two", 1),
    ("ocrelizumab myelin water", "opera-ii-mwi", 1),
    # Short queries: word starts of names.
    ("cle", "clemastine", 1),
    ("opi", "opicinumab", 1),
    ("bex", "bexarotene", 1),
    ("OCR", "ocrelizumab", 1),
    ("DMF", "dimethyl-fumarate", 1),
    # Filters with words.
    ("phase:3 biotin", "ms-spi", 3),
    ("status:recruiting clemastine", "recover", 3),
]


@pytest.mark.parametrize(("query", "expected", "rank"), CASES, ids=[f"{q}->{e}" for q, e, _ in CASES])
def test_expected_record_ranks_near_the_top(index: SearchIndex, query: str, expected: str, rank: int) -> None:
    result = index.search(query)
    found = [hit.id for hit in result.hits]
    assert expected in found[:rank], f"{query!r}: {expected!r} not in the first {rank} of {found[:8]}"
    assert result.warnings == ()
    assert result.errors == ()


def test_the_table_names_records_that_exist(index: SearchIndex) -> None:
    missing = {expected for _, expected, _ in CASES} - set(index.dataset.by_id)
    assert not missing


@pytest.mark.parametrize(
    ("typo", "correct"),
    [
        ("remylination", "remyelination"),
        ("remyelinaton", "remyelination"),
        ("clemastin", "clemastine"),
        ("opicinumb", "opicinumab"),
        ("bexaroten", "bexarotene"),
    ],
)
def test_a_misspelling_finds_what_the_right_spelling_finds(index: SearchIndex, typo: str, correct: str) -> None:
    right = [hit.id for hit in index.search(correct, limit=5).hits]
    wrong = [hit.id for hit in index.search(typo, limit=5).hits]
    assert wrong and wrong[0] in right


def test_an_intervention_leads_its_trials(index: SearchIndex) -> None:
    hits = index.search("opicinumab").hits
    trials = {trial.id for trial in index.dataset.trials_of_intervention["opicinumab"]}
    assert hits[0].id == "opicinumab"
    assert {hit.id for hit in hits[1 : 1 + len(trials)]} == trials


def test_a_code_finds_the_intervention_then_its_trials(index: SearchIndex) -> None:
    hits = [hit.id for hit in index.search("BIIB033", limit=None).hits]
    trials = {trial.id for trial in index.dataset.trials_of_intervention["opicinumab"]}
    assert {"renew", "synergy"} <= trials
    assert hits[0] == "opicinumab"
    assert set(hits[1 : 1 + len(trials)]) == trials
