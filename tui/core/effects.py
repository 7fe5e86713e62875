"""Effects written the way papers write them: "−1.7 ms (95% CI −2.9 to −0.5), p = 0.0048, ITT; favours
clemastine". Shared by the detail pane, the comparison, the CLI report and the exports."""

from __future__ import annotations

from . import model, text, vocab

# The short names papers put before a ratio; differences need none (the unit says what they are).
RATIO_NAMES = {
    "hazard_ratio": "HR",
    "odds_ratio": "OR",
    "risk_ratio": "RR",
    "rate_ratio": "rate ratio",
    "ratio_of_means": "ratio of means",
}


def estimate(effect: model.Effect) -> str:
    """'−1.7 ms', 'HR 0.72', 'risk difference −5 percentage points'."""
    number = text.signed(effect.estimate)
    unit = f" {text.one_line(effect.unit)}" if effect.unit else ""
    if effect.is_ratio:
        return f"{RATIO_NAMES[effect.estimate_type]} {number}"
    if effect.estimate_type == "risk_difference":
        return f"risk difference {number}{unit}"
    if effect.estimate_type == "other":
        return f"{number}{unit}"
    return f"{number}{unit}"


def interval(effect: model.Effect) -> str | None:
    """'95% CI −2.9 to −0.5', or None without an interval."""
    if effect.ci_low is None or effect.ci_high is None:
        return None
    level = f"{effect.ci_level * 100:g}%"
    return f"{level} CI {text.signed(effect.ci_low)} to {text.signed(effect.ci_high)}"


def p_value(value: model.PValue | None) -> str | None:
    if value is None:
        return None
    return f"p {value.relation} {text.signed(value.value)}"


def direction(effect: model.Effect, intervention: str, comparator: str) -> str | None:
    """Which arm the result favours, judged by the interval when there is one.

    'favours clemastine' when the whole interval lies on the intervention's side of no effect, 'favours
    placebo' on the other side, 'interval includes no effect' otherwise; without an interval, the point
    estimate's side. None when the data do not say which side is better."""
    if effect.favours is None:
        return None
    no_effect = effect.no_effect
    good_is_lower = effect.favours == "lower"

    def side(value: float) -> int:  # +1 on the intervention's side, -1 on the other, 0 at no effect
        if value == no_effect:
            return 0
        return 1 if (value < no_effect) == good_is_lower else -1

    if effect.ci_low is not None and effect.ci_high is not None:
        sides = {side(effect.ci_low), side(effect.ci_high)}
        if sides == {1}:
            return f"favours {intervention}"
        if sides == {-1}:
            return f"favours {comparator}"
        return "interval includes no effect"
    point = side(effect.estimate)
    if point == 0:
        return None
    return f"point estimate favours {intervention if point > 0 else comparator}"


def effect(
    effect: model.Effect,
    population: str | None = None,
    intervention: str = "intervention",
    comparator: str = "comparator",
) -> str:
    """The whole result on one line: estimate (interval), p, population; direction."""
    parts = [estimate(effect)]
    ci = interval(effect)
    if ci:
        parts[0] += f" ({ci})"
    p = p_value(effect.p_value)
    if p:
        parts.append(p)
    if effect.alpha is not None:
        parts.append(f"tested at α = {effect.alpha:g}")
    if population:
        parts.append(vocab.ANALYSIS_POPULATION.label(population))
    if effect.n_analysed is not None:
        parts.append(f"n = {effect.n_analysed:,}")
    line = ", ".join(parts)
    said = direction(effect, intervention, comparator)
    return f"{line}; {said}" if said else line


def names(dataset: model.Dataset, trial: model.Trial) -> tuple[str, str]:
    """What a trial's effect favours, in words: its interventions, and its comparator."""
    interventions = " + ".join(text.one_line(i.name) for i in dataset.interventions_of(trial)) or "intervention"
    comparator = text.one_line(trial.comparator) if trial.comparator else "comparator"
    return interventions, comparator


def outcome(dataset: model.Dataset, trial: model.Trial, found: model.Outcome) -> str:
    """An outcome's result for display: the effect, else the note on how it was reported, else the verdict."""
    if found.result is not None:
        intervention, comparator = names(dataset, trial)
        return effect(found.result, found.population, intervention, comparator)
    if found.estimate_note:
        return text.one_line(found.estimate_note)
    if found.met == "not_reported":
        return "no result reported"
    return f"{vocab.OUTCOME_MET.label(found.met)}; no estimate reported"


def outcome_line(dataset: model.Dataset, trial: model.Trial, found: model.Outcome) -> str:
    """'Primary: VEP latency at 5 months — met: −1.7 ms (…)'."""
    head = f"{vocab.OUTCOME_KIND.label(found.kind)}: {text.one_line(found.description)}"
    if found.time_point:
        head += f" ({text.one_line(found.time_point)})"
    if found.met == "not_reported":
        return f"{head} — {outcome(dataset, trial, found)}"
    return f"{head} — {vocab.OUTCOME_MET.label(found.met)}: {outcome(dataset, trial, found)}"
