"""The fixed list of 50 search queries used by the search benchmarks (and by the interaction benchmark).

A mix of what people type: intervention names, typos, codes and registry ids, trial acronyms, measures,
several words, filters, exclusions and short prefixes. The names exist in the bundled data and (as real
or invented records) in the synthetic data, so every size is measured on queries that find things.
"""

from __future__ import annotations

QUERIES: tuple[str, ...] = (
    # names
    "clemastine",
    "opicinumab",
    "metformin",
    "bexarotene",
    "biotin",
    "ocrelizumab",
    "simvastatin",
    "temelimab",
    # typos
    "clemastin",
    "opicinumb",
    "metfromin",
    "bexaroten",
    "simvastain",
    "ibudilst",
    # codes and registry ids
    "NCT02040298",
    "BIIB033",
    "GSK239512",
    "MD1003",
    "IMU-838",
    "ISRCTN14265371",
    "2014-003145-99",
    "CNM-Au8",
    # trial acronyms
    "ReBUILD",
    "CCMR One",
    "MS-SMART",
    "SPRINT-MS",
    "TRAP-MS",
    # measures
    "MTR",
    "VEP",
    "EDSS",
    "low-contrast letter acuity",
    # several words
    "optic neuritis vep",
    "myelin water fraction",
    "magnetisation transfer ratio",
    "progressive ms brain atrophy",
    "anti-LINGO-1 antibody",
    "mesenchymal stem cells",
    "thyroid hormone remyelination",
    # filters and exclusions
    "phase:2 measure:mtr",
    "met:no",
    "measure:mtr met:yes",
    "phase:3 status:completed",
    "kind:trial clemastine",
    "measure:ffvep phase:2",
    "met:no !biotin",
    "status:recruiting",
    "measure:oct neuroprotection",
    # short prefixes (what the search box sees after one or two keystrokes)
    "cl",
    "rem",
    "mye",
)

# Typed one key at a time in the interaction benchmark: each prefix is one measured keystroke.
TYPED: tuple[str, ...] = ("clemastine", "optic neuritis", "phase:2 mtr")

assert len(QUERIES) == 50, len(QUERIES)
