"""Synthetic datasets for the benchmarks: `python tests/bench/synth.py N OUTDIR [--seed S]`.

Writes a dataset of N trials that passes `python -m tui validate --data OUTDIR`:

    OUTDIR/dataset.yaml          metadata
    OUTDIR/measures.yaml         a copy of data/measures.yaml (or a built-in list of the same ids)
    OUTDIR/trials/part-0001.yaml 1 000 trials per file (well under the loader's 20 MB limit),
                                 with their share of the ~N/5 interventions

Records look like the curated ones: the same field-length distribution (a trial is ~4 KB of YAML,
folded `>-` text wrapped at ~100 columns, 1-12 sources), real intervention names and codes mixed
with invented ones, real-looking registry ids, and the vocabulary of MS trial reports, so that
search benchmarks hit realistic terms. Everything is deterministic for a seed (no set iteration,
no hashing, one `random.Random`). Nothing here is a medical fact.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
REAL_MEASURES = REPO / "data" / "measures.yaml"
TRIALS_PER_FILE = 1000
WRAP = 98

# --------------------------------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------------------------------

# (name, aliases, kind, mechanism_group, target): real names people search for.
REAL_INTERVENTIONS: tuple[tuple[str, list[str], str, str, str | None], ...] = (
    ("Opicinumab", ["BIIB033", "anti-LINGO-1"], "antibody", "inhibitor_blockade", "LINGO-1"),
    ("Elezanumab", ["ABT-555"], "antibody", "inhibitor_blockade", "repulsive guidance molecule A (RGMa)"),
    ("rHIgM22", ["M22", "recombinant human IgM22"], "antibody", "remyelinating_antibody", None),
    ("Temelimab", ["GNbAC1"], "antibody", "antiviral", "HERV-W envelope protein"),
    (
        "Clemastine fumarate",
        ["clemastine", "Tavist"],
        "small_molecule",
        "opc_differentiation",
        "muscarinic M1 receptor (CHRM1)",
    ),
    ("Bexarotene", ["RXR agonist"], "small_molecule", "opc_differentiation", "retinoid X receptors"),
    ("Metformin", ["metformin hydrochloride"], "small_molecule", "metabolic", None),
    ("GSK239512", [], "small_molecule", "opc_differentiation", "histamine H3 receptor"),
    ("Liothyronine", ["L-T3", "T3", "Cytomel"], "hormone", "thyroid_hormone", "thyroid hormone receptors"),
    ("Domperidone", [], "small_molecule", "hormonal", "dopamine D2 receptor"),
    ("Phenytoin", [], "small_molecule", "neuroprotection", "voltage-gated sodium channels"),
    ("Quetiapine fumarate", ["quetiapine"], "small_molecule", "opc_differentiation", None),
    ("CNM-Au8", ["nanocrystalline gold", "gold nanocrystals"], "other", "metabolic", None),
    ("PIPE-307", [], "small_molecule", "opc_differentiation", "muscarinic M1 receptor"),
    ("High-dose biotin (MD1003)", ["MD1003", "biotin", "vitamin B7"], "supplement", "metabolic", None),
    ("Bazedoxifene acetate", ["bazedoxifene", "BZA"], "small_molecule", "opc_differentiation", "oestrogen receptor"),
    ("Ibudilast", ["MN-166", "AV411"], "small_molecule", "neuroprotection", "phosphodiesterases"),
    ("Simvastatin", ["high-dose simvastatin"], "small_molecule", "neuroprotection", "HMG-CoA reductase"),
    ("Amiloride", ["Midamor"], "small_molecule", "neuroprotection", "acid-sensing ion channel 1"),
    ("Fluoxetine", ["Prozac"], "small_molecule", "neuroprotection", None),
    ("Riluzole", [], "small_molecule", "neuroprotection", "glutamate release"),
    ("Estriol", ["oestriol", "Trimesta"], "hormone", "hormonal", "oestrogen receptor beta"),
    ("Alpha-lipoic acid", ["lipoic acid", "thioctic acid"], "supplement", "neuroprotection", None),
    ("Erythropoietin", ["EPO", "epoetin alfa"], "biologic", "neuroprotection", "EPO receptor"),
    (
        "Vidofludimus calcium",
        ["IMU-838", "vidofludimus"],
        "small_molecule",
        "neuroprotection",
        "dihydroorotate dehydrogenase",
    ),
    ("Ocrelizumab", ["Ocrevus"], "antibody", "immunomodulation", "CD20"),
    ("Fingolimod", ["Gilenya"], "dmt", "immunomodulation", "S1P receptors"),
    ("Natalizumab", ["Tysabri"], "antibody", "immunomodulation", "alpha-4 integrin"),
    ("Dimethyl fumarate", ["DMF", "Tecfidera", "BG-12"], "dmt", "immunomodulation", "Nrf2 pathway"),
    ("Siponimod", ["BAF312"], "dmt", "immunomodulation", "S1P1 and S1P5 receptors"),
    (
        "Autologous mesenchymal stem cells",
        ["MSC", "MSCs", "mesenchymal stromal cells"],
        "cell_therapy",
        "cell_therapy",
        None,
    ),
    ("Allogeneic neural precursor cells", ["hNSC", "NPC", "neural stem cells"], "cell_therapy", "cell_therapy", None),
    ("Intermittent theta-burst rTMS", ["rTMS", "iTBS"], "neuromodulation", "neuromodulation", None),
)

KIND_WEIGHTS = (
    ("small_molecule", 40),
    ("antibody", 15),
    ("biologic", 6),
    ("cell_therapy", 8),
    ("neuromodulation", 4),
    ("hormone", 6),
    ("supplement", 6),
    ("dmt", 10),
    ("other", 5),
)
GROUP_OF_KIND = {
    "small_molecule": ("opc_differentiation", "neuroprotection", "metabolic", "hormonal", "other"),
    "antibody": ("inhibitor_blockade", "remyelinating_antibody", "immunomodulation", "antiviral"),
    "biologic": ("neuroprotection", "inhibitor_blockade", "other"),
    "cell_therapy": ("cell_therapy",),
    "neuromodulation": ("neuromodulation",),
    "hormone": ("thyroid_hormone", "hormonal"),
    "supplement": ("metabolic", "neuroprotection"),
    "dmt": ("immunomodulation",),
    "other": ("metabolic", "other", "neuroprotection"),
}
NAME_STARTS = (
    "re",
    "mye",
    "oli",
    "neu",
    "cla",
    "bex",
    "tem",
    "ele",
    "opi",
    "vid",
    "sip",
    "ozan",
    "pon",
    "lau",
    "ibu",
    "dal",
    "pra",
    "ama",
    "tol",
    "zan",
    "fex",
    "lor",
    "mir",
    "nal",
    "ova",
    "qui",
    "sar",
    "tri",
    "ubr",
    "vel",
    "xen",
    "gol",
    "hal",
    "kar",
    "mav",
    "nor",
    "pel",
    "rix",
    "sel",
    "tav",
    "ver",
    "ast",
    "bim",
    "cer",
    "dor",
)
NAME_MIDDLES = (
    "li",
    "no",
    "ma",
    "ra",
    "ti",
    "ve",
    "xo",
    "di",
    "fe",
    "ga",
    "ke",
    "lo",
    "mu",
    "ni",
    "po",
    "ru",
    "so",
    "ta",
    "zu",
    "be",
    "ce",
    "de",
    "la",
    "me",
    "ne",
    "pe",
    "re",
    "se",
    "te",
    "vo",
)
NAME_ENDS = {
    "small_molecule": (
        "stat",
        "zole",
        "fylline",
        "pride",
        "tinib",
        "imod",
        "amide",
        "astine",
        "tidine",
        "oxetine",
        "profen",
        "dronate",
        "setron",
        "vudine",
        "floxacin",
        "triptan",
    ),
    "antibody": ("zumab", "limab", "ximab", "numab", "tamab", "kimab"),
    "biologic": ("ercept", "kin", "poetin", "nermin", "dase"),
    "hormone": ("triol", "thyronine", "sterone", "tropin", "relin"),
    "supplement": ("ol", "ine", "ate"),
    "dmt": ("imod", "fumarate", "mab", "tide"),
    "other": ("gel", "some", "crystal", "ide"),
}
CELL_SOURCES = ("autologous", "allogeneic", "foetal", "induced pluripotent stem cell-derived")
CELL_TYPES = (
    "mesenchymal stem cells",
    "neural precursor cells",
    "oligodendrocyte progenitor cells",
    "haematopoietic stem cells",
    "olfactory ensheathing cells",
    "Schwann cells",
    "adipose-derived stromal cells",
)
STIMULATION = (
    "repetitive transcranial magnetic stimulation",
    "transcranial direct current stimulation",
    "intermittent theta-burst stimulation",
    "transcutaneous vagus nerve stimulation",
    "photobiomodulation",
    "electroacupuncture",
    "whole-body vibration",
    "hyperbaric oxygen",
)
COMPANIES = (
    "ABT",
    "BIIB",
    "GSK",
    "MN",
    "IMU",
    "GNb",
    "PIPE",
    "MD",
    "NOV",
    "RG",
    "CNM",
    "SAR",
    "TAK",
    "BMS",
    "LY",
    "JNJ",
    "AZD",
    "PF",
    "RO",
    "BAY",
    "MT",
    "EVT",
    "CLE",
    "NDC",
    "VX",
    "ATA",
    "ONO",
    "KD",
)
TARGETS = (
    "muscarinic M1 receptor (CHRM1)",
    "LINGO-1",
    "repulsive guidance molecule A (RGMa)",
    "retinoid X receptor gamma",
    "histamine H3 receptor",
    "kappa opioid receptor",
    "thyroid hormone receptor beta",
    "oestrogen receptor beta",
    "GPR17",
    "semaphorin 3A",
    "Nogo-A",
    "sphingosine-1-phosphate receptor 5",
    "AMP-activated protein kinase",
    "voltage-gated sodium channels",
    "acid-sensing ion channel 1",
    "phosphodiesterase 4",
    "NMDA receptor",
    "glutamate transporters",
    "HERV-W envelope protein",
    "CD20",
    "Bruton's tyrosine kinase",
    "alpha-4 integrin",
    "dihydroorotate dehydrogenase",
    "mitochondrial complex I",
    "PPAR-gamma",
    "prolactin receptor",
    "insulin-like growth factor 1 receptor",
    "Wnt signalling",
    "Notch-1",
    "hypoxia-inducible factor 1",
    "myeloperoxidase",
    "iron chelation",
    "CXCR4",
)
SPONSORS = (
    "Biogen",
    "AbbVie",
    "Novartis Pharmaceuticals",
    "Hoffmann-La Roche",
    "Sanofi",
    "Merck KGaA",
    "Genentech",
    "Acorda Therapeutics",
    "GeNeuro SA",
    "Immunic AG",
    "MedDay Pharmaceuticals",
    "Clene Nanomedicine",
    "Pipeline Therapeutics",
    "GlaxoSmithKline",
    "Teva Pharmaceutical Industries",
    "Bristol Myers Squibb",
    "Takeda",
    "Eli Lilly and Company",
    "MediciNova",
    "Convelo Therapeutics",
    "University of California, San Francisco",
    "University of Cambridge",
    "University College London",
    "Cambridge University Hospitals NHS Foundation Trust",
    "University of California, Los Angeles",
    "Johns Hopkins University",
    "Cleveland Clinic",
    "Mayo Clinic",
    "IRCCS San Raffaele",
    "Charite University, Berlin, Germany",
    "Karolinska Institutet",
    "Amsterdam UMC, location VUmc",
    "University of Toronto",
    "McGill University",
    "University of British Columbia",
    "University of Sydney",
    "Monash University",
    "Vanderbilt University Medical Center",
    "Yale University",
    "Stanford University",
    "University of Edinburgh",
    "University of Oxford",
    "Queen Mary University of London",
    "Hospital Universitari Vall d'Hebron",
    "Assistance Publique - Hopitaux de Paris",
    "Ghent University",
    "University Hospital Basel",
    "Tisch Multiple Sclerosis Research Center of New York",
    "National Institute of Neurological Disorders and Stroke (NINDS)",
    "VA Office of Research and Development",
    "Tehran University of Medical Sciences",
    "Shanghai Jiao Tong University",
    "Fudan University",
    "Universidade de Sao Paulo",
    "Hadassah Medical Organization",
    "Antwerp University Hospital",
)
COUNTRIES = (
    ("United States", 22),
    ("United Kingdom", 11),
    ("Canada", 10),
    ("Germany", 8),
    ("Italy", 8),
    ("Spain", 7),
    ("Sweden", 6),
    ("Australia", 5),
    ("Belgium", 5),
    ("Czech Republic", 5),
    ("Hungary", 5),
    ("Poland", 4),
    ("Netherlands", 3),
    ("Bulgaria", 3),
    ("France", 3),
    ("Estonia", 2),
    ("Russian Federation", 2),
    ("Austria", 2),
    ("Switzerland", 2),
    ("Croatia", 1),
    ("Serbia", 1),
    ("Ukraine", 1),
    ("Denmark", 1),
    ("Iran", 2),
    ("Argentina", 1),
    ("China", 2),
    ("Egypt", 1),
    ("Greece", 1),
    ("Ireland", 1),
    ("Israel", 1),
    ("Japan", 1),
    ("Brazil", 1),
    ("Mexico", 1),
    ("Norway", 1),
    ("Finland", 1),
    ("Portugal", 1),
)
JOURNALS = (
    "Lancet",
    "Lancet Neurol",
    "N Engl J Med",
    "Brain",
    "Ann Neurol",
    "Neurology",
    "Mult Scler",
    "JAMA Neurol",
    "J Neurol Neurosurg Psychiatry",
    "Mult Scler Relat Disord",
    "Neurol Neuroimmunol Neuroinflamm",
    "J Neurol",
    "Ann Clin Transl Neurol",
    "Proc Natl Acad Sci USA",
    "Nat Med",
)
SURNAMES = (
    "Green",
    "Cadavid",
    "Brown",
    "Chataway",
    "Fox",
    "Cunniffe",
    "Coles",
    "Franklin",
    "Kapoor",
    "Ciccarelli",
    "Arnold",
    "Petrou",
    "Mowry",
    "Bar-Or",
    "Cree",
    "Hauser",
    "Giovannoni",
    "Tur",
    "Plantone",
    "Schippling",
    "Brown",
    "Lubetzki",
    "Stankoff",
    "Bodini",
    "Filippi",
    "Rocca",
    "Ruggieri",
    "Kolind",
    "Laule",
    "Oh",
    "Klistorner",
    "Graham",
    "Leocani",
    "Comi",
    "Kappos",
    "Calabresi",
    "Nakamura",
)
SITES_HOSTS = (
    "www.thelancet.com/journals/laneur/article",
    "academic.oup.com/brain/article",
    "n.neurology.org/content",
    "journals.sagepub.com/doi/full",
    "www.nature.com/articles",
    "www.medrxiv.org/content",
    "multiplesclerosisnewstoday.com/news-posts",
    "www.ectrims-congress.eu/abstract",
    "www.mssociety.org.uk/research/latest-research",
    "www.nationalmssociety.org/news",
)
ACRONYM_STARTS = (
    "Re",
    "RE",
    "MS-",
    "PRO",
    "SYN",
    "OPT",
    "VIS",
    "NEURO",
    "MY",
    "CCMR ",
    "TRAP-",
    "RADIUS-",
    "SPRINT-",
    "CHANGE-",
    "REMY",
    "OLIGO",
    "PRISM",
    "ARISE",
    "STEP",
    "MOVE",
    "INSPIRE",
    "ASCEND",
)
ACRONYM_CORES = (
    "BUILD",
    "PAIR",
    "STORE",
    "NEW",
    "MYELIN",
    "WRAP",
    "GROW",
    "VIVE",
    "COVER",
    "SOLVE",
    "GAIN",
    "LINK",
    "SHIELD",
    "REPAIR",
    "SMART",
    "STAT",
    "EXPAND",
    "OPTIC",
    "SIGHT",
    "SPRING",
    "BRIDGE",
    "ONE",
    "TWO",
    "MS",
    "PMS",
    "ON",
    "VEP",
    "MTR",
    "ARC",
    "NOVA",
    "TIDE",
    "PATH",
)
ACRONYM_ENDS = ("", "", "", "", " II", "-2", "-P", "-R", "-ON", " One", " Two", "-MS", "-EXT")

PHASES = (
    ("2", 22),
    ("3", 8),
    ("1", 7),
    ("2a", 4),
    ("1/2", 4),
    ("2b", 3),
    (None, 1),
    ("4", 1),
    ("2/3", 1),
    ("not_applicable", 1),
)
PHASE_WORDS = {
    "1": "Phase I",
    "1/2": "Phase I/II",
    "2": "Phase II",
    "2a": "Phase IIa",
    "2b": "Phase IIb",
    "2/3": "Phase II/III",
    "3": "Phase III",
    "4": "Phase IV",
    "not_applicable": "Pilot",
}
CONDITION_SETS = (
    (("rrms",), 20),
    (("spms",), 10),
    (("spms", "ppms"), 8),
    (("ppms",), 4),
    (("optic_neuritis",), 5),
    (("relapsing_ms",), 5),
    (("ms",), 4),
    (("progressive_ms",), 3),
    (("cis", "rrms"), 2),
    (("rrms", "spms"), 4),
    (("cis",), 1),
)
CONDITION_WORDS = {
    "rrms": "relapsing-remitting MS",
    "spms": "secondary progressive MS",
    "ppms": "primary progressive MS",
    "relapsing_ms": "relapsing MS",
    "progressive_ms": "progressive MS",
    "cis": "a clinically isolated syndrome",
    "optic_neuritis": "acute optic neuritis",
    "ms": "multiple sclerosis",
}
MEASURE_PHRASES = {
    "mtr": (
        "magnetisation transfer ratio in new lesions",
        "lesional MTR recovery",
        "normal-appearing white matter MTR",
    ),
    "mwf": ("myelin water fraction in the corpus callosum", "myelin water imaging of normal-appearing white matter"),
    "dti": ("radial diffusivity in the optic radiations", "fractional anisotropy of the corticospinal tract"),
    "oct": ("retinal nerve fibre layer thickness", "ganglion cell-inner plexiform layer thickness on OCT"),
    "ffvep": ("full-field VEP P100 latency", "visual evoked potential latency delay in the affected eye"),
    "mfvep": ("multifocal VEP latency", "multifocal visual evoked potential amplitude"),
    "mep": ("central motor conduction time", "motor evoked potential latency"),
    "sep": ("somatosensory evoked potential latency",),
    "lcla": ("low-contrast letter acuity at 2.5%", "low-contrast visual acuity (Sloan charts)"),
    "edss": ("confirmed disability progression on the EDSS", "Expanded Disability Status Scale score"),
    "composite_disability": (
        "an EDSS-Plus composite of EDSS, T25FW and 9HPT",
        "composite confirmed disability progression",
    ),
    "t25fw": ("timed 25-foot walk", "walking speed on the timed 25-foot walk"),
    "nhpt": ("nine-hole peg test time", "upper-limb function on the 9HPT"),
    "sdmt": ("Symbol Digit Modalities Test score", "processing speed (SDMT)"),
    "msfc": ("MS Functional Composite z-score",),
    "brain_atrophy": (
        "annualised rate of whole-brain atrophy",
        "percentage brain volume change",
        "grey-matter atrophy rate",
    ),
    "mri_lesions": (
        "number of new or enlarging T2 lesions",
        "gadolinium-enhancing lesion count",
        "T1 black hole evolution",
    ),
    "myelin_pet": ("[11C]PiB PET myelin content in lesions",),
    "mrs": ("brain ATP and phosphocreatine on 31P-MRS", "N-acetylaspartate concentration on MR spectroscopy"),
    "oculography": ("internuclear ophthalmoparesis dysconjugacy on infrared oculography",),
    "nfl": ("serum neurofilament light chain", "blood neurofilament light levels"),
}


def measure_phrases(measure_id: object) -> tuple[str, ...]:
    """What a measure is called in prose; measures added to data/ later get a generic phrase."""
    return MEASURE_PHRASES.get(str(measure_id), ("the outcome measure",))


MEASURE_WEIGHTS = (
    ("mtr", 14),
    ("edss", 14),
    ("mri_lesions", 12),
    ("brain_atrophy", 12),
    ("ffvep", 10),
    ("oct", 9),
    ("t25fw", 8),
    ("composite_disability", 6),
    ("nhpt", 6),
    ("lcla", 7),
    ("sdmt", 5),
    ("dti", 5),
    ("mfvep", 4),
    ("msfc", 3),
    ("mwf", 3),
    ("mrs", 2),
    ("mep", 2),
    ("sep", 1),
    ("myelin_pet", 1),
    ("oculography", 1),
)
STATUS_BY_MET = {
    "yes": (("completed", 30), ("terminated", 1)),
    "no": (("completed", 25), ("terminated", 6), ("withdrawn", 1)),
    "mixed": (("completed", 6), ("terminated", 1)),
    "not_reported": (("completed", 6), ("unknown", 3), ("terminated", 1), ("suspended", 1)),
    "ongoing": (
        ("recruiting", 6),
        ("active_not_recruiting", 4),
        ("not_yet_recruiting", 2),
        ("enrolling_by_invitation", 1),
    ),
}
MET = (("yes", 18), ("no", 18), ("not_reported", 6), ("ongoing", 6), ("mixed", 3))
DURATIONS = (
    None,
    "48 weeks",
    "12 months",
    "6 months",
    "96 weeks",
    "72 weeks",
    "2 years",
    "24 months",
    "3 months",
    "20 weeks",
    "4 weeks",
    "24 weeks",
    "90 days",
    "36 weeks",
    "18 months",
    "1 year",
    "4.5 years",
    "12 weeks",
)
BACKGROUNDS = (
    None,
    "stable disease-modifying therapy allowed",
    "no disease-modifying therapy in the previous 6 months",
    "stable dimethyl fumarate (at least 6 months)",
    "all participants on intramuscular interferon beta-1a",
    "ocrelizumab or rituximab continued",
    "any approved DMT, unchanged during the trial",
    "none (treatment-naive)",
    "standard care for acute optic neuritis (high-dose corticosteroids)",
)
BACKS = (
    "official title, phase, randomised design, masking, sponsor",
    "eligibility, enrolment, completed status",
    "start date, completion date, status",
    "posted results and participant flow",
    "primary outcome and its result",
    "dose and schedule",
    "secondary outcomes (OCT, low-contrast acuity)",
    "safety and tolerability",
    "MRI substudy methods and result",
    "countries and number of sites",
    "DOI; post-hoc analyses",
    "design and rationale",
    "conference presentation of the primary result",
    "press release on topline results",
    "reasons for termination",
    "enrolment as randomised and as treated",
    "registry dose label",
)
APPROVED_FOR = (
    "type 2 diabetes",
    "allergic rhinitis",
    "cutaneous T-cell lymphoma",
    "epilepsy",
    "depression",
    "hypothyroidism",
    "relapsing MS",
    "osteoporosis",
    "anaemia in kidney disease",
)
SOURCE_KINDS = (("registry", 5), ("publication", 4), ("review", 1), ("news", 1), ("conference", 1), ("other", 1))

RATIONALE = (
    "It pushes oligodendrocyte precursor cells to mature into myelinating oligodendrocytes in cell and animal models",
    "It blocks a protein that stops precursor cells from differentiating and axons from regrowing",
    "It was found in a screen of approved drugs for compounds that enhance myelination in culture",
    "It protects axons from energy failure and sodium overload in models of demyelination",
    "It reduces microglial activation and oxidative stress in chronic lesions",
    "It restores the response of aged precursor cells to differentiation signals",
    "It binds to damaged myelin and to oligodendrocytes and promoted repair in mouse models",
    "It neutralises an endogenous retroviral envelope protein that blocks precursor maturation",
    "It supports mitochondrial energy production in demyelinated axons",
    "It modulates sphingosine-1-phosphate receptors expressed on oligodendrocytes",
    "It dampens B-cell driven inflammation that limits spontaneous repair",
    "Transplanted cells are thought to act mainly through trophic and immunomodulatory signals",
)
FINDINGS = (
    "the primary endpoint was not met",
    "the primary endpoint was met",
    "there was a trend in favour of treatment",
    "there was no difference between the arms",
    "a small but statistically significant effect was seen",
    "the effect was confined to a prespecified subgroup",
    "secondary MRI measures favoured treatment",
    "the clinical outcomes did not differ",
    "results have not been published",
    "the trial stopped early for futility",
)
SAFETY = (
    "Fatigue was more common on treatment",
    "No serious adverse events were attributed to the drug",
    "Infusion reactions were mild and transient",
    "Hypersensitivity reactions led to some discontinuations",
    "Central hypothyroidism and raised triglycerides were frequent",
    "Nausea and headache were the commonest events",
    "Two participants had serious infections",
    "Liver enzyme rises led to dose reduction in a few participants",
    "The arm was stopped after participants worsened faster than the safety rules allowed",
    "Adverse events were similar between groups",
    "Gastrointestinal symptoms were common but mild",
)
NOTE_PHRASES = (
    "Sources disagree on enrolment",
    "the primary publication is used",
    "the registry lists a different completion year",
    "the registry record has not been updated since",
    "results are from a conference abstract only",
    "the MRI substudy enrolled a subset of the main trial",
    "the dose differs between the registry and the paper",
    "a post-hoc analysis reported a larger effect",
    "the sponsor announced the result in a press release",
    "the trial was terminated for business reasons",
    "the registry title was changed after the trial started",
)


def _weighted(rng: random.Random, table: tuple[tuple[Any, int], ...]) -> Any:
    return rng.choices([v for v, _ in table], weights=[w for _, w in table])[0]


# --------------------------------------------------------------------------------------------------
# YAML text emitting (strings are written directly: yaml.dump is far too slow for 400 MB)
# --------------------------------------------------------------------------------------------------

_PLAIN = re.compile(r"^[A-Za-z][A-Za-z0-9 ,.()/'+_:;%?=&~-]*[A-Za-z0-9).]$|^[A-Za-z]$")
_PLAIN_FLOW = re.compile(r"^[A-Za-z][A-Za-z0-9 ./'+_-]*[A-Za-z0-9.]$|^[A-Za-z]$")
_RESERVED = {"yes", "no", "true", "false", "on", "off", "null", "y", "n"}
_LINES = re.compile(rf"(.{{1,{WRAP}}})(?: |$)")


def scalar(value: object) -> str:
    """One scalar in block context: plain when that is unambiguous text, else double-quoted."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    text = str(value)
    if _PLAIN.match(text) and text.lower() not in _RESERVED and ": " not in text and " #" not in text:
        return text
    return json.dumps(text, ensure_ascii=False)


def flow_list(items: list[str]) -> str:
    parts = []
    for item in items:
        if _PLAIN_FLOW.match(item) and item.lower() not in _RESERVED and ": " not in item:
            parts.append(item)
        else:
            parts.append(json.dumps(item, ensure_ascii=False))
    return "[" + ", ".join(parts) + "]"


def folded(key: str, text: str | None, indent: str) -> str:
    """`key: >-` with the text wrapped like the curated files; short text stays on one line."""
    if text is None:
        return f"{indent}{key}: null\n"
    if len(text) <= 80:
        return f"{indent}{key}: {scalar(text)}\n"
    body = indent + "  "
    lines = "".join(f"{body}{line}\n" for line in _LINES.findall(text))
    return f"{indent}{key}: >-\n{lines}"


# --------------------------------------------------------------------------------------------------
# Records
# --------------------------------------------------------------------------------------------------


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


class Synth:
    """A generator of interventions and trials; one instance per dataset."""

    def __init__(self, n_trials: int, seed: int, measure_ids: list[str]) -> None:
        self.rng = random.Random(seed)
        self.n_trials = n_trials
        self.measure_ids = measure_ids
        self.measure_table = tuple((m, w) for m, w in MEASURE_WEIGHTS if m in measure_ids) or tuple(
            (m, 1) for m in measure_ids
        )
        self.used_ids: dict[str, int] = {}
        self.taken: set[str] = set(measure_ids)
        self.used_names: set[str] = set()
        self.interventions: list[dict[str, Any]] = []
        self.trial_ids: list[str] = []

    def unique_id(self, base: str) -> str:
        base = slug(base)[:40].strip("-")
        candidate = base
        while candidate in self.taken:
            count = self.used_ids.get(base, 1) + 1
            self.used_ids[base] = count
            candidate = f"{base}-{count}"
        self.taken.add(candidate)
        return candidate

    def sentence(self, *parts: str) -> str:
        text = " ".join(p for p in parts if p).replace(" ;", ";")
        return text[0].upper() + text[1:] + "."

    # -- interventions --------------------------------------------------------------------------

    def invented_name(self, kind: str) -> tuple[str, list[str]]:
        rng = self.rng
        if kind == "cell_therapy":
            name = f"{rng.choice(CELL_SOURCES).capitalize()} {rng.choice(CELL_TYPES)}"
        elif kind == "neuromodulation":
            name = rng.choice(STIMULATION).capitalize()
        else:
            for _ in range(20):
                stem = rng.choice(NAME_STARTS) + "".join(rng.choice(NAME_MIDDLES) for _ in range(rng.randint(0, 2)))
                name = (stem + rng.choice(NAME_ENDS[kind])).capitalize()
                if name not in self.used_names:
                    break
        code = f"{rng.choice(COMPANIES)}-{rng.randint(100, 9999)}"
        if name in self.used_names:
            name = f"{name} ({code})"
        self.used_names.add(name)
        aliases = [code] if kind not in ("cell_therapy", "neuromodulation") else []
        if rng.random() < 0.4:
            aliases.append(
                f"{name.split()[0].lower()} {rng.choice(('hydrochloride', 'sodium', 'acetate', 'citrate'))}"
                if kind == "small_molecule"
                else rng.choice(("brand " + name[:4].upper(), code.replace("-", "")))
            )
        return name, aliases

    def intervention(self, index: int) -> dict[str, Any]:
        rng = self.rng
        if index < len(REAL_INTERVENTIONS):
            name, aliases, kind, group, target = REAL_INTERVENTIONS[index]
            aliases = list(aliases)
            self.used_names.add(name)
        else:
            kind = str(_weighted(rng, KIND_WEIGHTS))
            group = rng.choice(GROUP_OF_KIND[kind])
            name, aliases = self.invented_name(kind)
            target = rng.choice(TARGETS) if rng.random() < 0.65 else None
        record = {
            "id": self.unique_id(name.split(" (")[0]),
            "name": name,
            "aliases": aliases,
            "kind": kind,
            "mechanism_group": group,
            "mechanism": self.paragraph(rng.randint(2, 4), name, rationale=True),
            "target": target,
            "approvals": None
            if rng.random() < 0.4
            else (f"Approved for {rng.choice(APPROVED_FOR)}; not approved to repair myelin in MS."),
            "summary": self.paragraph(rng.randint(2, 5), name, rationale=False),
            "sources": [self.source(i) for i in range(rng.randint(1, 6))],
            "last_reviewed": f"2026-{rng.randint(1, 11):02d}-{rng.randint(1, 28):02d}",
        }
        self.interventions.append(record)
        return record

    def paragraph(self, sentences: int, name: str, rationale: bool) -> str:
        rng = self.rng
        out = []
        for i in range(sentences):
            if rationale and i == 0:
                out.append(self.sentence(rng.choice(RATIONALE)))
            elif rng.random() < 0.5:
                measure = rng.choice(measure_phrases(rng.choice(self.measure_ids)))
                out.append(
                    self.sentence(
                        f"in a phase {rng.choice(('1', '2', '2a', '3'))} trial of {name}",
                        f"{rng.choice(FINDINGS)} for {measure}",
                    )
                )
            else:
                out.append(self.sentence(f"{rng.choice(RATIONALE).lower()}", f"({rng.randint(2001, 2025)})"))
        return " ".join(out)

    def source(self, index: int, registry_ids: list[str] | None = None) -> dict[str, Any]:
        rng = self.rng
        kind = str(_weighted(rng, SOURCE_KINDS))
        source: dict[str, Any] = {"kind": kind}
        if kind == "registry":
            # An official registry record is cited by its id (the app derives the registry's own page).
            source["registry_id"] = rng.choice(registry_ids) if registry_ids else f"NCT0{rng.randint(0, 9_999_999):07d}"
        else:
            host = rng.choice(SITES_HOSTS)
            tail = "-".join(rng.choice(ACRONYM_CORES).lower() for _ in range(rng.randint(1, 10)))
            source["url"] = f"https://{host}/{tail}-{rng.randint(1000, 99999999)}"
        if kind == "publication" and rng.random() < 0.5:
            source["doi"] = (
                f"10.{rng.randint(1000, 9999)}/{rng.choice(('S', 'j.', 'brain/', 'msj.'))}{rng.randint(10000, 9999999)}"
            )
        if kind in ("publication", "review") and rng.random() < 0.5:
            source["pmid"] = str(rng.randint(10_000_000, 41_000_000))
        source["backs"] = ", ".join(rng.sample(BACKS, rng.randint(1, 4)))
        return source

    def registry_sources(self, registry_ids: list[str]) -> list[dict[str, Any]]:
        """The official record of each registry id, as the curation rules ask."""
        return [
            {"kind": "registry", "registry_id": rid, "backs": "design, enrolment, status, dates"}
            for rid in registry_ids
        ]

    def effect(self, met: str, unit: str) -> dict[str, Any]:
        """A between-group estimate consistent with the verdict: its interval excludes no effect when met."""
        rng = self.rng
        ratio = rng.random() < 0.25
        if ratio:
            estimate = round(rng.uniform(0.4, 0.9) if met == "yes" else rng.uniform(0.8, 1.2), 2)
            low, high = round(estimate * rng.uniform(0.6, 0.95), 2), round(estimate * rng.uniform(1.05, 1.6), 2)
            if met == "yes":
                high = min(high, 0.99)
        else:
            estimate = round(rng.uniform(-4.0, -0.5) if met == "yes" else rng.uniform(-1.0, 1.0), 2)
            spread = round(rng.uniform(0.1, 2.0), 2)
            low, high = round(estimate - spread, 2), round(estimate + spread, 2)
            if met == "yes":
                high = min(high, -0.01)
        return {
            "estimate_type": rng.choice(("hazard_ratio", "risk_ratio", "odds_ratio"))
            if ratio
            else rng.choice(("mean_difference", "mean_difference", "difference_in_change")),
            "estimate": estimate,
            "ci_low": min(low, estimate),
            "ci_high": max(high, estimate),
            "p_value": round(rng.uniform(0.0001, 0.049), 4)
            if met == "yes"
            else rng.choice((round(rng.uniform(0.06, 0.9), 2), ">0.05")),
            "unit": None if ratio else unit,
            "favours": "lower",
        }

    # -- trials ---------------------------------------------------------------------------------

    def acronym(self) -> str | None:
        rng = self.rng
        if rng.random() < 0.25:
            return None
        if rng.random() < 0.4:
            return rng.choice(ACRONYM_CORES) + rng.choice(ACRONYM_ENDS)
        return rng.choice(ACRONYM_STARTS) + rng.choice(ACRONYM_CORES) + rng.choice(ACRONYM_ENDS)

    def registry_ids(self, index: int, start: int | None) -> list[str]:
        rng = self.rng
        roll = rng.random()
        year = start or 2015
        # Multiplying by a number coprime with the modulus keeps ids unique per trial index.
        nct = f"NCT0{(index * 7919 + 1_000_003) % 10_000_000:07d}"
        eudract = f"{year}-{(index * 104729 + 12345) % 1_000_000:06d}-{index % 89 + 10:02d}"
        if roll < 0.05:
            return []
        if roll < 0.70:
            return [nct]
        if roll < 0.92:
            return [nct, eudract]
        if roll < 0.96:
            return [f"ISRCTN{(index * 7919 + 55_555_555) % 100_000_000:08d}", eudract]
        return [nct, f"ISRCTN{(index * 7919 + 31_415_926) % 100_000_000:08d}", eudract]

    def trial(self, index: int, primary: dict[str, Any]) -> dict[str, Any]:
        rng = self.rng
        others = [
            self.interventions[rng.randrange(len(self.interventions))]
            for _ in range(int(_weighted(rng, ((0, 80), (1, 15), (2, 5)))))
        ]
        chosen = [primary] + [o for o in others if o is not primary]
        drug = " plus ".join(str(i["name"]) for i in chosen)
        acronym = self.acronym()
        phase = _weighted(rng, PHASES)
        conditions = list(_weighted(rng, CONDITION_SETS))
        population = " and ".join(CONDITION_WORDS[c] for c in conditions)
        met = str(_weighted(rng, MET))
        status = str(_weighted(rng, STATUS_BY_MET[met]))
        placebo = rng.random() < 0.7
        randomised = placebo or rng.random() < 0.3
        start = None if rng.random() < 0.1 else rng.randint(1998, 2025)
        end = None if start is None or (met == "ongoing" and rng.random() < 0.5) else start + rng.randint(1, 6)
        registry = self.registry_ids(index, start)
        measures = list(
            dict.fromkeys(
                _weighted(rng, self.measure_table) for _ in range(rng.choice((0, 1, 1, 2, 2, 2, 3, 4, 5, 6, 9)))
            )
        )
        measure_text = ", ".join(rng.choice(measure_phrases(m)) for m in measures[:3]) or rng.choice(
            ("safety and tolerability", "clinical disability")
        )
        design_words = ", ".join(
            w
            for w in (
                "Randomized" if randomised else "Open-Label",
                "Double-Blind" if placebo else None,
                "Placebo-Controlled" if placebo else "Single-Arm",
                rng.choice(("Parallel-Group", "Crossover", "Multicentre", "Dose-Ranging", "Proof-of-Concept")),
            )
            if w
        )
        title = rng.choice(
            (
                f"A {PHASE_WORDS.get(str(phase), 'Phase II')} {design_words} Study of {drug} in {cap(population)}",
                f"Efficacy, Safety and Tolerability of {drug} as a Remyelinating Agent in {cap(population)}",
                (
                    f"{design_words} Trial to Assess {drug} for "
                    f"{rng.choice(('Remyelination', 'Neuroprotection', 'Repair'))} "
                    f"in People With {cap(population)} Measured by {measure_text.split(',')[0]}"
                ),
                f"{drug} in {cap(population)}: a {design_words.lower()} study",
            )
        )
        if acronym:
            title += f" ({acronym})"
        enrollment = None if rng.random() < 0.05 else max(3, int(rng.lognormvariate(3.9, 1.0)))
        summary = None
        if met not in ("ongoing", "not_reported") or rng.random() < 0.2:
            ratio = rng.choice(("1:1", "2:1", "1:1:1"))
            arms = f"{enrollment or rng.randint(20, 400)} participants were randomised {ratio}"
            effect = f"{rng.uniform(0.2, 4.0):.1f} {rng.choice(('ms', 'percentage points', 'microns', 'points', '%'))}"
            ci = f"(95% CI {rng.uniform(-1, 0.5):.1f}-{rng.uniform(1, 5):.1f}; p={rng.uniform(0.0001, 0.6):.4f})"
            summary = " ".join(
                (
                    self.sentence(
                        f"{arms} to {drug} or {('placebo' if placebo else 'no treatment')}",
                        f"for {rng.choice(DURATIONS[1:])}",
                    ),
                    self.sentence(f"on {measure_text}, {rng.choice(FINDINGS)}: difference {effect} {ci}"),
                    *(
                        self.sentence(
                            f"{rng.choice(FINDINGS)} for {rng.choice(measure_phrases(rng.choice(self.measure_ids)))}"
                        )
                        for _ in range(rng.randint(1, 3))
                    ),
                )
            )
        countries = list(
            dict.fromkeys(_weighted(rng, COUNTRIES) for _ in range(rng.choice((0, 1, 1, 1, 1, 2, 2, 3, 5, 8, 14))))
        )
        n_pubs = rng.choice((0, 0, 1, 1, 1, 1, 2, 3)) if met != "ongoing" else 0
        publications = []
        for _ in range(n_pubs):
            year = (end or 2020) + rng.randint(0, 3)
            pub: dict[str, Any] = {
                "citation": f"{rng.choice(SURNAMES)} {rng.choice('ABCDEFGHJKLMNPRST')} et al. "
                f"{rng.choice(JOURNALS)} {year};{rng.randint(1, 400)}({rng.randint(1, 12)}):"
                f"{rng.randint(1, 2000)}-{rng.randint(2001, 2600)}"
            }
            if rng.random() < 0.7:
                pub["doi"] = (
                    f"10.{rng.randint(1000, 9999)}/S{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}"
                    f"({year}){rng.randint(10000, 99999)}-{rng.randint(0, 9)}"
                )
            if rng.random() < 0.6:
                pub["pmid"] = str(rng.randint(10_000_000, 41_000_000))
            publications.append(pub)
        if not registry and not publications:  # a trial is identified by a registry id or a paper
            publications.append({"citation": f"{rng.choice(SURNAMES)} A et al. {rng.choice(JOURNALS)} 2020;1:1-10"})
        if publications and "doi" not in publications[0] and "pmid" not in publications[0]:
            publications[0]["pmid"] = str(rng.randint(10_000_000, 41_000_000))
        base_id = (
            slug(acronym) if acronym else (registry[0].lower() if registry else "trial") + "-" + str(primary["id"])
        )
        trial_id = self.unique_id(base_id)
        if status == "completed" and end is not None:
            end = min(end, 2026)  # a completed trial ended before the dataset was reviewed
        basis = rng.choice(("randomised", "randomised", "enrolled", "planned")) if enrollment else None
        enrolment = {
            kind: (enrollment if kind == basis else None) for kind in ("planned", "enrolled", "randomised", "analysed")
        }
        if basis == "randomised" and rng.random() < 0.5:
            enrolment["analysed"] = max(1, int(enrollment * rng.uniform(0.85, 1.0)))
        ceiling = enrolment["randomised"] if enrolment["randomised"] is not None else enrolment["enrolled"]
        unit = rng.choice(("ms", "percentage points", "µm", "points", "%"))
        verdict = "not_reported" if met == "ongoing" else met
        result = None
        note = None
        if verdict in ("yes", "no", "mixed"):
            if rng.random() < 0.7 and verdict != "mixed":
                result = self.effect(verdict, unit)
            else:
                note = "Reported as the share of participants improving in each arm, without a between-group estimate."
        time_point = rng.choice(("week 24", "week 48", "month 6", "month 12", "day 90", "week 72"))
        outcomes = [
            {
                "kind": "primary",
                "measure": measures[0] if measures else None,
                "description": self.sentence(
                    f"change in {measure_text} from baseline to {time_point}",
                    rng.choice(
                        (
                            "",
                            "in the affected eye",
                            "in chronic lesions",
                            "compared with placebo",
                            "adjusted for baseline",
                        )
                    ),
                ),
                "time_point": time_point,
                "population": rng.choice(("itt", "mitt", "per_protocol", None)),
                "met": verdict,
                "result": result,
                "estimate_note": note,
            }
        ]
        for measure in measures[1:3]:
            outcomes.append(
                {
                    "kind": "secondary",
                    "measure": measure,
                    "description": self.sentence(f"change in {rng.choice(measure_phrases(measure))}"),
                    "time_point": None,
                    "population": None,
                    "met": rng.choice(("yes", "no", "not_reported")),
                    "result": None,
                    "estimate_note": None,
                }
            )
        arms = []
        if rng.random() < 0.6:
            groups = [("experimental", chosen)] + ([("placebo_comparator", [])] if placebo else [])
            share = (ceiling // len(groups)) if ceiling else None
            for role, given in groups:
                arms.append(
                    {
                        "label": "Placebo" if role == "placebo_comparator" else str(given[0]["name"])[:40],
                        "role": role,
                        "intervention_ids": [str(i["id"]) for i in given],
                        "dose": None
                        if role == "placebo_comparator"
                        else f"{rng.choice((1, 2, 5, 10, 20, 40, 100))} mg",
                        "route": rng.choice(("oral", "intravenous", "subcutaneous")),
                        "schedule": rng.choice(("once daily", "twice daily", "every 4 weeks", None)),
                        "duration": rng.choice(DURATIONS),
                        "n_randomised": share,
                    }
                )
        adverse = []
        if arms and rng.random() < 0.5:
            for arm in arms:
                participants = arm["n_randomised"] or rng.randint(10, 100)
                serious = rng.randint(0, max(0, participants // 10))
                adverse.append(
                    {
                        "group": arm["label"],
                        "participants": participants,
                        "any": rng.randint(serious, participants),
                        "serious": serious,
                        "discontinued": rng.randint(0, serious),
                        "deaths": 0,
                    }
                )
        related = []
        if self.trial_ids and rng.random() < 0.08:
            related.append(
                {
                    "trial": rng.choice(self.trial_ids[-50:]),
                    "relation": rng.choice(("extension_of", "follow_up_of", "substudy_of")),
                }
            )
        self.trial_ids.append(trial_id)
        month = rng.randint(1, 12)
        dates = {
            "registered": f"{start}-{month:02d}-{rng.randint(1, 28):02d}"
            if start is not None and rng.random() < 0.7
            else None,
            "start": None if start is None else (f"{start}-{month:02d}" if rng.random() < 0.8 else str(start)),
            "primary_completion": None,
            "completion": None if end is None else str(end),
            "results_posted": None,
            "published": None,
        }
        stopped = status in ("terminated", "suspended", "withdrawn")
        return {
            "id": trial_id,
            "acronym": acronym,
            "title": title,
            "registry_ids": registry,
            "intervention_ids": [str(i["id"]) for i in chosen],
            "comparator": ("placebo" if rng.random() < 0.7 else f"placebo (add-on to {rng.choice(BACKGROUNDS[1:4])})")
            if placebo
            else rng.choice(
                (
                    None,
                    "none (dose-controlled)",
                    "none; pre-treatment period as control",
                    "healthy controls for normative data",
                )
            ),
            "phase": phase,
            "design": {
                "randomised": randomised if rng.random() > 0.03 else None,
                "masking": "double" if placebo else rng.choice(("open", "single", None)),
                "allocation": rng.choice(
                    ("parallel", "parallel", "parallel", "crossover", "delayed_start", "factorial")
                )
                if randomised
                else rng.choice(("single_group", None)),
                "placebo_controlled": placebo,
            },
            "population": {
                "conditions": conditions,
                "description": self.sentence(
                    f"adults aged {rng.randint(18, 25)}-{rng.randint(50, 70)} with {population}",
                    f"(EDSS {rng.randint(0, 3)}.0-{rng.randint(4, 7)}.{rng.choice('05')})",
                    rng.choice(
                        (
                            "and a VEP latency over 118 ms in at least one eye",
                            "with no relapse in the previous 6 months",
                            "within 28 days of onset of their first episode of optic neuritis",
                            "and evidence of disability progression in the previous 2 years",
                            "with chronic demyelinating optic neuropathy",
                            "",
                        )
                    ),
                    rng.choice(
                        (
                            "",
                            "",
                            "; people with a relapse or steroid treatment in the previous 30 days were excluded",
                            "; an RNFL thickness over 70 microns in the study eye was required",
                            "; participants had to be able to walk 100 metres with or without an aid",
                            "; a disease duration under 15 years was required",
                        )
                    ),
                ),
                "background_therapy": rng.choice(BACKGROUNDS),
            },
            "arms": arms,
            "enrolment": enrolment,
            "treatment_duration": rng.choice(DURATIONS),
            "dates": dates,
            "why_stopped": rng.choice(
                (
                    "Stopped early for futility at the interim analysis.",
                    "The sponsor ended the programme for business reasons.",
                    "Recruitment was too slow.",
                )
            )
            if stopped
            else None,
            "related": related,
            "outcomes": outcomes,
            "result_summary": summary,
            "measures": measures,
            "adverse_events": adverse,
            "safety_summary": None
            if rng.random() < 0.33
            else " ".join(self.sentence(rng.choice(SAFETY)) for _ in range(rng.randint(1, 4))),
            "status": status,
            "sponsor": rng.choice(SPONSORS) if rng.random() < 0.92 else None,
            "countries": countries,
            "sites": None if rng.random() < 0.2 else (len(countries) or 1) * rng.randint(1, 12),
            "publications": publications,
            "sources": self.registry_sources(registry)
            + [self.source(i, registry) for i in range(rng.choice((1, 2, 3, 4, 5, 6, 6, 7, 8, 9, 12)))],
            "notes": None
            if rng.random() < 0.15
            else " ".join(
                self.sentence(
                    f"{rng.choice(NOTE_PHRASES)} ({rng.choice(('registry', 'paper', 'press release'))}, "
                    f"{rng.randint(2005, 2026)})",
                    f"{rng.choice(NOTE_PHRASES).lower()}",
                )
                for _ in range(rng.randint(1, 8))
            ),
            "last_reviewed": f"2026-{rng.randint(1, 11):02d}-{rng.randint(1, 28):02d}",
        }


# --------------------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------------------


def _sources_text(sources: list[dict[str, Any]], indent: str) -> str:
    if not sources:
        return f"{indent}sources: []\n"
    out = [f"{indent}sources:\n"]
    for source in sources:
        first = True
        for key in ("kind", "title", "registry_id", "url", "doi", "pmid", "backs"):
            if key in source:
                lead = f"{indent}  - " if first else f"{indent}    "
                value = source[key]
                out.append(f'{lead}{key}: "{value}"\n' if key == "pmid" else f"{lead}{key}: {scalar(value)}\n")
                first = False
    return "".join(out)


def intervention_text(rec: dict[str, Any]) -> str:
    i = "    "
    return "".join(
        (
            f"  - id: {scalar(rec['id'])}\n",
            f"{i}name: {scalar(rec['name'])}\n",
            f"{i}aliases: {flow_list(rec['aliases'])}\n",
            f"{i}kind: {rec['kind']}\n",
            f"{i}mechanism_group: {rec['mechanism_group']}\n",
            folded("mechanism", rec["mechanism"], i),
            f"{i}target: {scalar(rec['target'])}\n",
            folded("approvals", rec["approvals"], i),
            folded("summary", rec["summary"], i),
            _sources_text(rec["sources"], i),
            f"{i}last_reviewed: {rec['last_reviewed']}\n",
        )
    )


def flow_value(value: object) -> str:
    if isinstance(value, list):
        return flow_list(value)
    if isinstance(value, dict):
        return flow_mapping(value)
    if isinstance(value, str) and value[:4].isdigit():
        return json.dumps(value)  # dates and the like stay text
    if isinstance(value, str) and not _PLAIN_FLOW.match(value):
        return json.dumps(value, ensure_ascii=False)
    return scalar(value)


def flow_mapping(values: dict[str, Any]) -> str:
    return "{" + ", ".join(f"{key}: {flow_value(value)}" for key, value in values.items()) + "}"


def records(key: str, items: list[dict[str, Any]], indent: str) -> str:
    if not items:
        return f"{indent}{key}: []\n"
    return f"{indent}{key}:\n" + "".join(f"{indent}  - {flow_mapping(item)}\n" for item in items)


def outcomes_text(outcomes: list[dict[str, Any]], indent: str) -> str:
    out = [f"{indent}outcomes:\n"]
    for outcome in outcomes:
        out.append(f"{indent}  - kind: {outcome['kind']}\n")
        inner = indent + "    "
        out.append(f"{inner}measure: {scalar(outcome['measure'])}\n")
        out.append(folded("description", outcome["description"], inner))
        out.append(f"{inner}time_point: {scalar(outcome['time_point'])}\n")
        out.append(f"{inner}population: {scalar(outcome['population'])}\n")
        out.append(f'{inner}met: "{outcome["met"]}"\n')
        result = outcome["result"]
        out.append(f"{inner}result: {flow_mapping(result) if result else 'null'}\n")
        if outcome["estimate_note"]:
            out.append(folded("estimate_note", outcome["estimate_note"], inner))
    return "".join(out)


def trial_text(rec: dict[str, Any]) -> str:
    i = "    "
    design = rec["design"]
    population = rec["population"]
    pubs = rec["publications"]
    out = [
        f"  - id: {scalar(rec['id'])}\n",
        f"{i}acronym: {scalar(rec['acronym'])}\n",
        folded("title", rec["title"], i),
        f"{i}registry_ids: {flow_list(rec['registry_ids'])}\n",
        f"{i}intervention_ids: {flow_list(rec['intervention_ids'])}\n",
        f"{i}comparator: {scalar(rec['comparator'])}\n",
        f"{i}phase: {json.dumps(rec['phase']) if rec['phase'] else 'null'}\n",
        f"{i}design:\n",
        *(f"{i}  {k}: {scalar(v)}\n" for k, v in design.items()),
        f"{i}population:\n",
        f"{i}  conditions: {flow_list(population['conditions'])}\n",
        folded("description", population["description"], i + "  "),
        f"{i}  background_therapy: {scalar(population['background_therapy'])}\n",
        records("arms", rec["arms"], i),
        f"{i}enrolment: {flow_mapping(rec['enrolment'])}\n",
        f"{i}treatment_duration: {scalar(rec['treatment_duration'])}\n",
        f"{i}dates: {flow_mapping(rec['dates'])}\n",
        folded("why_stopped", rec["why_stopped"], i),
        records("related", rec["related"], i),
        outcomes_text(rec["outcomes"], i),
        folded("result_summary", rec["result_summary"], i),
        f"{i}measures: {flow_list(rec['measures'])}\n",
        records("adverse_events", rec["adverse_events"], i),
        folded("safety_summary", rec["safety_summary"], i),
        f"{i}status: {rec['status']}\n",
        f"{i}sponsor: {scalar(rec['sponsor'])}\n",
        f"{i}countries: {flow_list(rec['countries'])}\n",
        f"{i}sites: {scalar(rec['sites'])}\n",
    ]
    if pubs:
        out.append(f"{i}publications:\n")
        for pub in pubs:
            out.append(f"{i}  - citation: {json.dumps(pub['citation'])}\n")
            if "doi" in pub:
                out.append(f"{i}    doi: {pub['doi']}\n")
            if "pmid" in pub:
                out.append(f'{i}    pmid: "{pub["pmid"]}"\n')
    else:
        out.append(f"{i}publications: []\n")
    out.append(_sources_text(rec["sources"], i))
    if rec["notes"] is not None:
        out.append(folded("notes", rec["notes"], i))
    out.append(f"{i}last_reviewed: {rec['last_reviewed']}\n")
    return "".join(out)


BUILTIN_MEASURES = (
    ("mtr", "Magnetisation transfer ratio", "MTR", "mri", "moderate"),
    ("mwf", "Myelin water fraction", "MWF", "mri", "high"),
    ("dti", "Diffusion tensor imaging", "DTI", "mri", "low"),
    ("oct", "Optical coherence tomography", "OCT", "retinal_imaging", "none"),
    ("ffvep", "Full-field visual evoked potential", "VEP", "electrophysiology", "high"),
    ("mfvep", "Multifocal visual evoked potential", "mfVEP", "electrophysiology", "high"),
    ("mep", "Motor evoked potentials", "MEP", "electrophysiology", "moderate"),
    ("sep", "Somatosensory evoked potentials", "SEP", "electrophysiology", "moderate"),
    ("lcla", "Low-contrast letter acuity", "LCLA", "visual_function", "low"),
    ("edss", "Expanded Disability Status Scale", "EDSS", "clinical_scale", "none"),
    ("composite_disability", "Composite disability endpoint", None, "clinical_scale", "none"),
    ("t25fw", "Timed 25-foot walk", "T25FW", "clinical_scale", "none"),
    ("nhpt", "Nine-hole peg test", "9HPT", "clinical_scale", "none"),
    ("sdmt", "Symbol Digit Modalities Test", "SDMT", "clinical_scale", "none"),
    ("msfc", "MS Functional Composite", "MSFC", "clinical_scale", "none"),
    ("brain_atrophy", "Brain atrophy", None, "mri", "none"),
    ("mri_lesions", "Conventional MRI lesion activity", None, "mri", "none"),
    ("myelin_pet", "PET myelin imaging", "PET", "pet", "high"),
    ("mrs", "MR spectroscopy", "MRS", "mri", "low"),
    ("oculography", "Infrared oculography", None, "other", "moderate"),
)


def measures_text(rng: random.Random) -> str:
    """Stand-in measure records with the controlled ids, used only when data/measures.yaml is absent."""
    out = ["measures:\n"]
    for mid, name, abbreviation, category, specificity in BUILTIN_MEASURES:
        out.append(
            f"  - id: {mid}\n    name: {name}\n    abbreviation: {scalar(abbreviation)}\n    aliases: []\n"
            f"    category: {category}\n"
            + folded(
                "what_it_measures",
                f"Synthetic stand-in text describing {name.lower()} for benchmarks. "
                + " ".join(rng.choice(RATIONALE) + "." for _ in range(2)),
                "    ",
            )
            + f"    myelin_specificity: {specificity}\n    specificity_note: null\n    caveats: null\n"
            f"    sources:\n      - kind: review\n        url: https://example.org/measures/{mid}\n"
            f"        backs: explanation\n    last_reviewed: 2026-01-15\n"
        )
    return "".join(out)


def measure_ids_of(path: Path) -> list[str]:
    """The measure ids of a measures file (a plain scan: ids are slugs on `  - id:` lines)."""
    ids = re.findall(r"^\s*-\s+id:\s*([a-z0-9_-]+)\s*$", path.read_text(encoding="utf-8"), flags=re.MULTILINE)
    return ids


def generate(n_trials: int, outdir: str | Path, seed: int = 0, per_file: int = TRIALS_PER_FILE) -> Path:
    """Write the dataset; returns OUTDIR. Existing `*.yaml` files under OUTDIR are replaced."""
    out = Path(outdir)
    (out / "trials").mkdir(parents=True, exist_ok=True)
    for old in out.rglob("*.yaml"):
        old.unlink()
    rng = random.Random(seed)
    if REAL_MEASURES.is_file():
        shutil.copyfile(REAL_MEASURES, out / "measures.yaml")
        measure_ids = measure_ids_of(REAL_MEASURES)
    else:
        (out / "measures.yaml").write_text(measures_text(rng), encoding="utf-8")
        measure_ids = [m[0] for m in BUILTIN_MEASURES]
    (out / "dataset.yaml").write_text(
        "# Synthetic data for benchmarks (tests/bench/synth.py); not medical facts.\n"
        "dataset:\n"
        f"  name: Synthetic benchmark dataset ({n_trials} trials, seed {seed})\n"
        f'  version: "synthetic-{n_trials}-{seed}"\n'
        "  last_reviewed: 2026-11-30\n"
        "  description: >-\n"
        "    Generated records that look like the curated ones (field lengths, vocabulary, ids) so\n"
        "    that loading, search and the app can be measured at scale.\n",
        encoding="utf-8",
    )
    synth = Synth(n_trials, seed, measure_ids)
    n_interventions = max(1, round(n_trials / 5))
    n_files = max(1, -(-n_trials // per_file))
    for f in range(n_files):
        lo, hi = f * per_file, min(n_trials, (f + 1) * per_file)
        # The interventions that are the first intervention of this file's trials are written here.
        iv_lo, iv_hi = lo * n_interventions // n_trials, hi * n_interventions // n_trials
        parts = []
        if iv_hi > iv_lo:
            parts.append("interventions:\n")
            parts.extend(intervention_text(synth.intervention(j)) for j in range(iv_lo, iv_hi))
        trials = []
        for t in range(lo, hi):
            # Trials of one intervention sit together (like the topic files), a few per intervention.
            primary = synth.interventions[t * n_interventions // n_trials]
            trials.append(trial_text(synth.trial(t, primary)))
        if trials:
            parts.append("trials:\n")
            parts.extend(trials)
        (out / "trials" / f"part-{f + 1:04d}.yaml").write_text("".join(parts), encoding="utf-8")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, metavar="N", help="number of trials")
    parser.add_argument("outdir", metavar="OUTDIR")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--per-file", type=int, default=TRIALS_PER_FILE, help="trials per file (default 1000)")
    args = parser.parse_args(argv)
    if args.n < 1 or args.per_file < 1:
        parser.error("N and --per-file must be at least 1")
    generate(args.n, args.outdir, args.seed, args.per_file)
    return 0


if __name__ == "__main__":
    sys.exit(main())
