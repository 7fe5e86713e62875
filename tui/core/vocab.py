"""Every controlled vocabulary once: the values the data may use, in display order, with their words.

The schema validates against these, the screens and the CLI show their labels, search filters accept their
values, and data/README.md lists them (generated, see `docs.py`). Adding a value means adding it here.
"""

from __future__ import annotations

from dataclasses import dataclass

NOT_REPORTED = "not reported"


@dataclass(frozen=True)
class Vocabulary:
    """An ordered set of allowed values, each with the words a reader sees."""

    name: str  # what the values are, for messages and docs ("phase")
    labels: dict[str, str]  # value -> label, in display order

    @property
    def values(self) -> tuple[str, ...]:
        return tuple(self.labels)

    def __contains__(self, value: object) -> bool:
        return value in self.labels

    def label(self, value: str | None) -> str:
        """The reader's word for a value; `NOT_REPORTED` for None."""
        if value is None:
            return NOT_REPORTED
        return self.labels.get(value, value)

    def rank(self, value: str | None) -> int:
        """The value's place in display order (unknown values and None last)."""
        if value is None or value not in self.labels:
            return len(self.labels)
        return self.values.index(value)


SOURCE_KIND = Vocabulary(
    "source kind",
    {
        "registry": "Registry",
        "publication": "Publication",
        "review": "Review",
        "news": "News",
        "conference": "Conference",
        "other": "Other",
    },
)
INTERVENTION_KIND = Vocabulary(
    "intervention kind",
    {
        "small_molecule": "Small molecule",
        "antibody": "Antibody",
        "biologic": "Biologic",
        "cell_therapy": "Cell therapy",
        "neuromodulation": "Neuromodulation",
        "hormone": "Hormone",
        "supplement": "Supplement",
        "dmt": "Disease-modifying therapy",
        "other": "Other",
    },
)
MECHANISM_GROUP = Vocabulary(
    "mechanism group",
    {
        "opc_differentiation": "OPC differentiation (repurposed receptor drugs)",
        "inhibitor_blockade": "Blocking myelination inhibitors",
        "remyelinating_antibody": "Remyelination-promoting antibodies",
        "thyroid_hormone": "Thyroid hormone pathway",
        "metabolic": "Energy and metabolism",
        "neuroprotection": "Neuroprotection",
        "hormonal": "Hormonal and neuroendocrine",
        "cell_therapy": "Cell therapy",
        "neuromodulation": "Neuromodulation",
        "immunomodulation": "Immunomodulation (DMTs)",
        "antiviral": "Antiviral (HERV-W)",
        "other": "Other",
    },
)
MEASURE_CATEGORY = Vocabulary(
    "measure category",
    {
        "mri": "MRI",
        "pet": "PET",
        "electrophysiology": "Electrophysiology",
        "retinal_imaging": "Retinal imaging",
        "visual_function": "Visual function",
        "clinical_scale": "Clinical scale",
        "other": "Other",
    },
)
MYELIN_SPECIFICITY = Vocabulary(
    "myelin specificity", {"high": "high", "moderate": "moderate", "low": "low", "none": "none"}
)
PHASE = Vocabulary(
    "phase",
    {
        "1": "Phase 1",
        "1b": "Phase 1b",
        "1/2": "Phase 1/2",
        "2": "Phase 2",
        "2a": "Phase 2a",
        "2b": "Phase 2b",
        "2/3": "Phase 2/3",
        "3": "Phase 3",
        "4": "Phase 4",
        "not_applicable": "Not applicable",
    },
)
# How far each phase got, for "highest phase reached" (a 1/2 trial reached phase 2).
PHASE_LEVEL = {"1": 1.0, "1b": 1.5, "1/2": 2.0, "2": 2.0, "2a": 2.0, "2b": 2.5, "2/3": 3.0, "3": 3.0, "4": 4.0}
MASKING = Vocabulary(
    "masking",
    {
        "open": "open label",
        "single": "single blind",
        "double": "double blind",
        "triple": "triple blind",
        "quadruple": "quadruple blind",
    },
)
ALLOCATION = Vocabulary(
    "allocation",
    {
        "parallel": "parallel groups",
        "crossover": "crossover",
        "single_group": "single group",
        "factorial": "factorial",
        "delayed_start": "delayed start",
    },
)
CONDITION = Vocabulary(
    "condition",
    {
        "rrms": "relapsing-remitting MS",
        "spms": "secondary progressive MS",
        "ppms": "primary progressive MS",
        "relapsing_ms": "relapsing MS",
        "progressive_ms": "progressive MS",
        "cis": "clinically isolated syndrome",
        "optic_neuritis": "optic neuritis",
        "ms": "MS",
    },
)
STATUS = Vocabulary(
    "status",
    {
        "completed": "Completed",
        "terminated": "Terminated",
        "withdrawn": "Withdrawn",
        "recruiting": "Recruiting",
        "active_not_recruiting": "Active, not recruiting",
        "not_yet_recruiting": "Not yet recruiting",
        "suspended": "Suspended",
        "enrolling_by_invitation": "Enrolling by invitation",
        "unknown": "Unknown status",
    },
)
ONGOING_STATUSES = frozenset(
    {"recruiting", "active_not_recruiting", "not_yet_recruiting", "enrolling_by_invitation", "suspended"}
)
STOPPED_STATUSES = frozenset({"terminated", "suspended", "withdrawn"})

# A trial's verdict on its primary outcome(s): derived from its outcomes (see model.Trial.verdict).
VERDICT = Vocabulary(
    "result",
    {"yes": "met", "no": "not met", "mixed": "mixed", "not_reported": NOT_REPORTED, "ongoing": "ongoing"},
)
# Readable without colour: each verdict has its own symbol as well as its word.
VERDICT_MARKER = {"yes": "✓", "no": "✗", "mixed": "±", "not_reported": "?", "ongoing": "○"}
OUTCOME_MET = Vocabulary(
    "outcome met",
    {
        "yes": "met",
        "no": "not met",
        "mixed": "mixed",
        "not_reported": NOT_REPORTED,
        "not_applicable": "not applicable",
    },
)
OUTCOME_KIND = Vocabulary(
    "outcome kind", {"primary": "Primary", "secondary": "Secondary", "exploratory": "Exploratory"}
)
ANALYSIS_POPULATION = Vocabulary(
    "analysis population",
    {
        "itt": "ITT",
        "mitt": "modified ITT",
        "per_protocol": "per protocol",
        "completers": "completers",
        "other": "other population",
    },
)
ESTIMATE_TYPE = Vocabulary(
    "estimate type",
    {
        "mean_difference": "mean difference",
        "difference_in_change": "difference in change",
        "ratio_of_means": "ratio of means",
        "risk_ratio": "risk ratio",
        "odds_ratio": "odds ratio",
        "hazard_ratio": "hazard ratio",
        "rate_ratio": "rate ratio",
        "risk_difference": "risk difference",
        "other": "other estimate",
    },
)
RATIO_ESTIMATES = frozenset({"ratio_of_means", "risk_ratio", "odds_ratio", "hazard_ratio", "rate_ratio"})
FAVOURS = Vocabulary("favours", {"lower": "lower values", "higher": "higher values"})
ARM_ROLE = Vocabulary(
    "arm role",
    {
        "experimental": "experimental",
        "placebo_comparator": "placebo",
        "active_comparator": "active comparator",
        "no_intervention": "no intervention",
        "other": "other",
    },
)
ENROLMENT_KIND = Vocabulary(
    "enrolment count",
    {"planned": "planned", "enrolled": "enrolled", "randomised": "randomised", "analysed": "analysed"},
)
DATE_KIND = Vocabulary(
    "date",
    {
        "registered": "Registered",
        "start": "Started",
        "primary_completion": "Primary completion",
        "completion": "Completed",
        "results_posted": "Results posted",
        "published": "Published",
    },
)
RELATION = Vocabulary(
    "relation",
    {
        "extension_of": "extension of",
        "follow_up_of": "follow-up of",
        "substudy_of": "substudy of",
        "arm_of": "arm of",
        "same_trial_as": "same trial as",
    },
)
# The same relation read from the other trial's side.
RELATION_INVERSE = {
    "extension_of": "extended by",
    "follow_up_of": "followed up by",
    "substudy_of": "has substudy",
    "arm_of": "platform with arm",
    "same_trial_as": "same trial as",
}
DURATION_UNIT_WEEKS = {"day": 1 / 7, "week": 1.0, "month": 52 / 12, "year": 52.0}

ALL: tuple[Vocabulary, ...] = (
    PHASE,
    STATUS,
    VERDICT,
    OUTCOME_MET,
    OUTCOME_KIND,
    ANALYSIS_POPULATION,
    ESTIMATE_TYPE,
    FAVOURS,
    MASKING,
    ALLOCATION,
    CONDITION,
    ARM_ROLE,
    ENROLMENT_KIND,
    DATE_KIND,
    RELATION,
    SOURCE_KIND,
    INTERVENTION_KIND,
    MECHANISM_GROUP,
    MEASURE_CATEGORY,
    MYELIN_SPECIFICITY,
)
