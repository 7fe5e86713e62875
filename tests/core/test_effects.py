"""Effects written the way papers write them (`tui/core/effects.py`): true minus signs, units, ratio names,
intervals, p bounds, and which arm the result favours."""

from __future__ import annotations

import pytest

from tui.core import effects
from tui.core.model import Effect, PValue

MINUS = "\u2212"


def effect(estimate_type: str = "mean_difference", estimate: float = -1.7, **more) -> Effect:
    return Effect(estimate_type, estimate, **more)


# --- the estimate --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "unit", "shown"),
    [
        (-1.7, "ms", "−1.7 ms"),
        (1.7, "ms", "1.7 ms"),
        (-2.0, "ms", "−2 ms"),
        (0.0048, None, "0.0048"),
        (12.5, "letters", "12.5 letters"),
        (-0.0000123, "µm", "−0.0000123 µm"),  # never in exponent form, never rounded to 0
        (123456789.0, None, "123456789"),
    ],
)
def test_a_difference_is_signed_with_a_true_minus_and_its_unit(value, unit, shown):
    found = effects.estimate(effect(estimate=value, unit=unit))
    assert found == shown
    assert "-" not in found  # U+2212, not a hyphen


@pytest.mark.parametrize(
    ("estimate_type", "shown"),
    [
        ("hazard_ratio", "HR 0.72"),
        ("odds_ratio", "OR 0.72"),
        ("risk_ratio", "RR 0.72"),
        ("rate_ratio", "rate ratio 0.72"),
        ("ratio_of_means", "ratio of means 0.72"),
    ],
)
def test_a_ratio_is_named_and_has_no_unit(estimate_type, shown):
    assert effects.estimate(effect(estimate_type, 0.72, unit="ignored for ratios")) == shown


def test_a_risk_difference_says_so():
    found = effects.estimate(effect("risk_difference", -5, unit="percentage points"))
    assert found == f"risk difference {MINUS}5 percentage points"


def test_other_estimates_are_the_number_and_unit():
    assert effects.estimate(effect("other", 3, unit="points")) == "3 points"
    assert effects.estimate(effect("difference_in_change", -0.4, unit="%")) == f"{MINUS}0.4 %"


def test_a_unit_with_line_breaks_or_controls_is_made_one_inert_line():
    assert effects.estimate(effect(estimate=1, unit="ms\nper\x1b[2Jyear")) == "1 ms per␛[2Jyear"


# --- interval and p value ------------------------------------------------------------------------------------


def test_interval_with_its_level():
    assert effects.interval(effect(ci_low=-2.9, ci_high=-0.5)) == f"95% CI {MINUS}2.9 to {MINUS}0.5"
    assert effects.interval(effect(ci_low=0.8, ci_high=2.1, ci_level=0.9)) == "90% CI 0.8 to 2.1"
    assert effects.interval(effect(ci_low=-0.2, ci_high=1.0, ci_level=0.975)) == f"97.5% CI {MINUS}0.2 to 1"


def test_no_interval_without_both_ends():
    assert effects.interval(effect()) is None
    assert effects.interval(effect(ci_low=-2.9)) is None


@pytest.mark.parametrize(
    ("p", "shown"),
    [
        (PValue(0.0048), "p = 0.0048"),
        (PValue(0.001, "<"), "p < 0.001"),
        (PValue(0.05, ">"), "p > 0.05"),
        (PValue(0.05, "≤"), "p ≤ 0.05"),
        (PValue(1e-10, "<"), "p < 0.0000000001"),  # not "p < 0"
        (PValue(1.0), "p = 1"),
        (None, None),
    ],
)
def test_p_value_as_reported(p, shown):
    assert effects.p_value(p) == shown


# --- direction -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("estimate_type", "estimate", "low", "high", "favours", "said"),
    [
        # Lower is better (latency, relapses): an interval wholly below no effect favours the intervention.
        ("mean_difference", -1.7, -2.9, -0.5, "lower", "favours clemastine"),
        ("mean_difference", 1.7, 0.5, 2.9, "lower", "favours placebo"),
        ("mean_difference", -0.5, -1.5, 0.5, "lower", "interval includes no effect"),
        ("mean_difference", 0.5, 0.0, 1.0, "higher", "interval includes no effect"),  # touching no effect
        # Higher is better (MTR, letters).
        ("mean_difference", 2.0, 1.0, 3.0, "higher", "favours clemastine"),
        ("mean_difference", -2.0, -3.0, -1.0, "higher", "favours placebo"),
        # Ratios: no effect is 1, not 0.
        ("hazard_ratio", 0.72, 0.55, 0.94, "lower", "favours clemastine"),
        ("hazard_ratio", 1.4, 1.1, 1.8, "lower", "favours placebo"),
        ("hazard_ratio", 0.9, 0.7, 1.2, "lower", "interval includes no effect"),
        ("odds_ratio", 1.6, 1.2, 2.0, "higher", "favours clemastine"),
        ("risk_ratio", 0.5, 0.2, 0.9, "higher", "favours placebo"),
    ],
)
def test_direction_is_judged_by_the_interval(estimate_type, estimate, low, high, favours, said):
    found = effect(estimate_type, estimate, ci_low=low, ci_high=high, favours=favours)
    assert effects.direction(found, "clemastine", "placebo") == said


@pytest.mark.parametrize(
    ("estimate_type", "estimate", "favours", "said"),
    [
        ("mean_difference", -1.0, "lower", "point estimate favours clemastine"),
        ("mean_difference", -1.0, "higher", "point estimate favours placebo"),
        ("hazard_ratio", 0.8, "lower", "point estimate favours clemastine"),
        ("hazard_ratio", 1.2, "lower", "point estimate favours placebo"),
        ("mean_difference", 0.0, "lower", None),  # exactly no effect: favours nobody
        ("hazard_ratio", 1.0, "higher", None),
    ],
)
def test_without_an_interval_only_the_point_estimate_is_judged(estimate_type, estimate, favours, said):
    assert effects.direction(effect(estimate_type, estimate, favours=favours), "clemastine", "placebo") == said


def test_no_direction_when_the_data_do_not_say_which_side_is_better():
    assert effects.direction(effect(ci_low=-2.9, ci_high=-0.5), "clemastine", "placebo") is None


# --- the whole line ------------------------------------------------------------------------------------------


def test_the_whole_result_on_one_line():
    found = effect(ci_low=-2.9, ci_high=-0.5, p_value=PValue(0.0048), unit="ms", favours="lower", n_analysed=1250)
    assert effects.effect(found, "itt", "clemastine", "placebo") == (
        f"{MINUS}1.7 ms (95% CI {MINUS}2.9 to {MINUS}0.5), p = 0.0048, ITT, n = 1,250; favours clemastine"
    )


def test_a_significance_threshold_other_than_005_is_shown():
    found = effect("odds_ratio", 1.3, ci_low=0.8, ci_high=2.1, ci_level=0.9, p_value=PValue(0.08), alpha=0.1)
    assert (
        effects.effect(found, "per_protocol") == "OR 1.3 (90% CI 0.8 to 2.1), p = 0.08, tested at α = 0.1, per protocol"
    )


def test_default_names_when_the_trial_gives_none():
    assert effects.effect(effect(favours="lower")).endswith("; point estimate favours intervention")
    assert effects.effect(effect(estimate=1.7, favours="lower")).endswith("favours comparator")


# --- outcomes of the fixture ----------------------------------------------------------------------------------


def test_outcome_lines_of_the_fixture(mini_dataset):
    alpha, beta, gamma = (mini_dataset.by_id[i] for i in ("alpha", "beta", "gamma-two"))
    lines = [effects.outcome_line(mini_dataset, alpha, o) for o in alpha.outcomes]
    assert lines == [
        (
            f"Primary: Change in fictional VEP latency from baseline. (week 24) — met: {MINUS}2 ms "
            f"(95% CI {MINUS}3.1 to {MINUS}0.9), p = 0.001, ITT, n = 118; favours Fixturamab"
        ),
        (
            "Secondary: Change in fictional lesion MTR. (week 24) — not met: 0.4 percentage units "
            f"(95% CI {MINUS}0.2 to 1), p < 0.2, ITT; interval includes no effect"
        ),
    ]
    # Without an estimate: the note on how it was reported; with no result yet, that (said once).
    assert effects.outcome(mini_dataset, beta, beta.outcomes[0]).startswith("Reported as the share of eyes")
    assert effects.outcome(mini_dataset, gamma, gamma.outcomes[0]) == "no result reported"
    line = effects.outcome_line(mini_dataset, gamma, gamma.outcomes[0])
    assert line == "Primary: Fictional change in VEP latency. (6 months) — no result reported"


def test_names_of_a_trial(mini_dataset):
    assert effects.names(mini_dataset, mini_dataset.by_id["gamma-two"]) == (
        "Testastine fumarate + Mockformin",
        "placebo",
    )
    assert effects.names(mini_dataset, mini_dataset.by_id["delta-open"]) == ("Testastine fumarate", "comparator")
