"""The shape of each record kind, and the checks that turn raw YAML values into clean ones.

A schema is a dict of field name -> `Field`. `check_record` walks a raw mapping, reports every problem
(missing, unknown with a "did you mean" hint, wrong type, value outside its allowed set, bad format, a
character a terminal would act on) and returns the cleaned values. It never raises for bad data. The trial
schema is built from the field table (`fields.py`); the sub-records and the other kinds are here.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import difflib
import math
import re
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from . import links, model, safety, vocab
from .problems import Issues, Path
from .vocab import Vocabulary

MIN_YEAR = 1950
MAX_YEAR = 2100
MAX_COUNT = 1_000_000
MAX_TEXT = 20_000
MAX_LINE_TEXT = 1_000


@dataclass(frozen=True, slots=True)
class Field:
    """How one field is checked.

    kind: text | int | number | bool | date | partial_date | texts | record | records
    """

    kind: str
    required: bool = True
    nullable: bool = True
    choices: Vocabulary | None = None
    check: Callable[[str], str | None] | None = None
    schema: dict[str, Field] | None = None
    minimum: float | None = None
    maximum: float | None = None
    prose: bool = False  # free text that may hold line breaks
    rule: Callable[[dict[str, Any]], list[tuple[str | None, str]]] | None = None  # (field or None, message)
    doc: str = ""  # what the field means, for data/README.md

    def described(self) -> str:
        """The value's form, for docs: 'text', 'whole number 0–1,000,000', one of the choices…"""
        if self.choices is not None:
            form = " | ".join(f"`{value}`" for value in self.choices.values)
            return form + (" | null" if self.nullable else "")
        names = {
            "text": "text",
            "int": "whole number",
            "number": "number",
            "bool": "true | false",
            "date": "date YYYY-MM-DD",
            "partial_date": '"YYYY", "YYYY-MM" or "YYYY-MM-DD"',
            "texts": "list of text",
            "record": "mapping",
            "records": "list of mappings",
        }
        form = names[self.kind]
        if self.kind in ("int", "number") and self.minimum is not None and self.maximum is not None:
            form += f" {_bound(self.minimum)}–{_bound(self.maximum)}"
        return form + (" or null" if self.nullable and self.kind not in ("texts", "records") else "")


def _bound(value: float) -> str:
    return f"{int(value):,}" if float(value).is_integer() else f"{value:g}"


def _one_of(*keys: str) -> Callable[[dict[str, Any]], list[tuple[str | None, str]]]:
    def rule(record: dict[str, Any]) -> list[tuple[str | None, str]]:
        if any(record.get(key) for key in keys):
            return []
        return [(None, f"needs at least one of {', '.join(keys)}")]

    return rule


def _check_id(value: str) -> str | None:
    if model.ID_PATTERN.match(value):
        return None
    return "malformed id: use lowercase letters and digits joined by single hyphens or underscores (e.g. ccmr-one)"


def _check_duration(value: str) -> str | None:
    if model.Duration.parse(value):
        return None
    return "malformed duration: expected '<number> days|weeks|months|years' up to 50 years, e.g. '24 weeks'"


def _check_p_value(value: str) -> str | None:
    return None if parse_p_value(value) else "malformed p value: expected a number 0–1 or a bound such as '<0.001'"


_P_BOUND = re.compile(r"^(<=|>=|[<>≤≥=])\s*(0?\.\d{1,12}|1|0|1\.0*|\d\.\d{1,12}e-\d{1,3})$")


def parse_p_value(value: str | float) -> model.PValue | None:
    """A p value from a number or a bound written as text ('<0.001'); None if it is neither."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        number = float(value)
        return model.PValue(number) if 0 <= number <= 1 else None
    match = _P_BOUND.match(str(value).strip())
    if match is None:
        return None
    relation = {"<=": "≤", ">=": "≥"}.get(match.group(1), match.group(1))
    number = float(match.group(2))
    return model.PValue(number, relation) if 0 <= number <= 1 else None


_SOURCE_LINK = _one_of("registry_id", "doi", "pmid", "url")


def _source_rule(record: dict[str, Any]) -> list[tuple[str | None, str]]:
    problems = _SOURCE_LINK(record)
    if record.get("kind") == "registry" and not record.get("registry_id"):
        problems.append(("registry_id", "a source of kind 'registry' needs the registry_id of the official record"))
    return problems


SOURCE = {
    "kind": Field("text", nullable=False, choices=vocab.SOURCE_KIND, doc="what the source is"),
    "title": Field("text", required=False, doc="a citation or title"),
    "registry_id": Field("text", required=False, check=links.check_registry_id, doc="the official registry record"),
    "doi": Field("text", required=False, check=links.check_doi, doc="the paper's DOI"),
    "pmid": Field("text", required=False, check=links.check_pmid, doc="the PubMed id (quoted digits)"),
    "url": Field("text", required=False, check=links.check_url, doc="an original web page (not a copy)"),
    "read_at": Field("text", required=False, check=links.check_url, doc="where it was read, if not at the original"),
    "backs": Field("text", nullable=False, prose=True, doc="which facts it supports"),
}
SOURCES = Field("records", schema=SOURCE, nullable=False, rule=_source_rule)
PUBLICATION = {
    "citation": Field("text", nullable=False),
    "doi": Field("text", required=False, check=links.check_doi),
    "pmid": Field("text", required=False, check=links.check_pmid),
    "url": Field("text", required=False, check=links.check_url),
}
DESIGN = {
    "randomised": Field("bool"),
    "masking": Field("text", choices=vocab.MASKING),
    "allocation": Field("text", choices=vocab.ALLOCATION),
    "placebo_controlled": Field("bool"),
}
POPULATION = {
    "conditions": Field("texts", choices=vocab.CONDITION),
    "description": Field("text", prose=True),
    "background_therapy": Field("text", prose=True),
}
ARM = {
    "label": Field("text", nullable=False),
    "role": Field("text", nullable=False, choices=vocab.ARM_ROLE),
    "intervention_ids": Field("texts", nullable=False),
    "dose": Field("text"),
    "route": Field("text"),
    "schedule": Field("text"),
    "duration": Field("text", check=_check_duration),
    "n_randomised": Field("int", minimum=0, maximum=MAX_COUNT),
}
ENROLMENT = {kind: Field("int", minimum=0, maximum=MAX_COUNT) for kind in vocab.ENROLMENT_KIND.values}
DATES = {kind: Field("partial_date") for kind in vocab.DATE_KIND.values}
RELATED = {
    "trial": Field("text", nullable=False, check=_check_id),
    "relation": Field("text", nullable=False, choices=vocab.RELATION),
}
EFFECT_LIMIT = 1e9
EFFECT = {
    "estimate_type": Field("text", nullable=False, choices=vocab.ESTIMATE_TYPE),
    "estimate": Field("number", nullable=False, minimum=-EFFECT_LIMIT, maximum=EFFECT_LIMIT),
    "ci_low": Field("number", minimum=-EFFECT_LIMIT, maximum=EFFECT_LIMIT),
    "ci_high": Field("number", minimum=-EFFECT_LIMIT, maximum=EFFECT_LIMIT),
    "ci_level": Field("number", required=False, nullable=False, minimum=0.5, maximum=0.999),
    "p_value": Field("number", check=_check_p_value, minimum=0, maximum=1),
    "alpha": Field("number", required=False, minimum=0.001, maximum=0.5),
    "unit": Field("text"),
    "favours": Field("text", choices=vocab.FAVOURS),
    "n_analysed": Field("int", required=False, minimum=0, maximum=MAX_COUNT),
}


def _effect_rule(effect: dict[str, Any]) -> list[tuple[str | None, str]]:
    problems: list[tuple[str | None, str]] = []
    estimate, low, high = effect.get("estimate"), effect.get("ci_low"), effect.get("ci_high")
    if (low is None) != (high is None):
        problems.append(
            ("ci_low" if low is None else "ci_high", "give both ends of the confidence interval, or neither")
        )
    if low is not None and high is not None and low > high:
        problems.append(("ci_low", f"the interval's low end {low:g} is above its high end {high:g}"))
    elif estimate is not None and low is not None and high is not None and not low <= estimate <= high:
        problems.append(("estimate", f"estimate {estimate:g} lies outside its interval {low:g} to {high:g}"))
    if effect.get("estimate_type") in vocab.RATIO_ESTIMATES:
        for key in ("estimate", "ci_low", "ci_high"):
            value = effect.get(key)
            if value is not None and value <= 0:
                problems.append((key, f"a ratio must be above 0, got {value:g}"))
    return problems


OUTCOME = {
    "kind": Field("text", nullable=False, choices=vocab.OUTCOME_KIND),
    "measure": Field("text", check=_check_id),
    "description": Field("text", nullable=False, prose=True),
    "time_point": Field("text"),
    "population": Field("text", choices=vocab.ANALYSIS_POPULATION),
    "met": Field("text", nullable=False, choices=vocab.OUTCOME_MET),
    "result": Field("record", schema=EFFECT, rule=_effect_rule),
    "estimate_note": Field("text", required=False, prose=True),
}
AE_COUNTS = ("any", "serious", "discontinued", "deaths")


def _adverse_rule(row: dict[str, Any]) -> list[tuple[str | None, str]]:
    total = row.get("participants")
    if total is None:
        return []
    return [
        (key, f"{row[key]} participants is more than the group's {total}")
        for key in AE_COUNTS
        if row.get(key) is not None and row[key] > total
    ]


ADVERSE_EVENTS = {
    "group": Field("text", nullable=False),
    "participants": Field("int", nullable=False, minimum=0, maximum=MAX_COUNT),
    **{key: Field("int", minimum=0, maximum=MAX_COUNT) for key in AE_COUNTS},
}

MEASURE = {
    "id": Field("text", nullable=False, check=_check_id),
    "name": Field("text", nullable=False),
    "abbreviation": Field("text"),
    "aliases": Field("texts", nullable=False),
    "category": Field("text", nullable=False, choices=vocab.MEASURE_CATEGORY),
    "what_it_measures": Field("text", prose=True),
    "myelin_specificity": Field("text", choices=vocab.MYELIN_SPECIFICITY),
    "specificity_note": Field("text", prose=True),
    "caveats": Field("text", prose=True),
    "sources": SOURCES,
    "last_reviewed": Field("date"),
}
INTERVENTION = {
    "id": Field("text", nullable=False, check=_check_id),
    "name": Field("text", nullable=False),
    "aliases": Field("texts", nullable=False),
    "kind": Field("text", nullable=False, choices=vocab.INTERVENTION_KIND),
    "mechanism_group": Field("text", nullable=False, choices=vocab.MECHANISM_GROUP),
    "mechanism": Field("text", prose=True),
    "target": Field("text"),
    "approvals": Field("text", prose=True),
    "summary": Field("text", prose=True),
    "sources": SOURCES,
    "last_reviewed": Field("date"),
}
DATASET_INFO = {
    "name": Field("text", nullable=False),
    "version": Field("text", nullable=False),
    "last_reviewed": Field("date", nullable=False),
    "description": Field("text", required=False, prose=True),
    "references": Field("records", required=False, schema=SOURCE, rule=_source_rule),
}


def describe_type(value: Any) -> str:
    """A reader's name for the type of a YAML value (here, not in yamlsource.py: checking needs no YAML parser)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "a number"
    if isinstance(value, float):
        return "a decimal number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, dt.datetime):
        return "a timestamp"
    if isinstance(value, dt.date):
        return "a date"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


# --- Checking ------------------------------------------------------------------------------------------------


def check_record(raw: Any, schema: dict[str, Field], path: Path, issues: Issues) -> dict[str, Any]:
    """Cleaned values of a raw mapping; every problem found is added to `issues`."""
    # The common case, valid data: the record's fast check (below) accepts it as a whole. Otherwise every
    # field is checked the thorough way, which reports each problem.
    accepted: dict[str, Any] = _plan_of(schema).fast(raw)
    if accepted is not _SLOW:
        return accepted
    if not isinstance(raw, dict):
        issues.add(path, f"expected a mapping of fields, got {describe_type(raw)}")
        return {}
    clean: dict[str, Any] = {}
    for key in raw:
        if key not in schema:
            hint = difflib.get_close_matches(str(key), list(schema), n=1, cutoff=0.6)
            suffix = f"; did you mean '{hint[0]}'?" if hint else ""
            issues.add((*path, key), f"unknown field '{_shown(key)}'{suffix}", at_key=True)
    for name, spec in schema.items():
        if name not in raw:
            if spec.required:
                issues.add(path, f"missing required field '{name}'")
            continue
        clean[name] = check_value(raw[name], spec, (*path, name), issues)
    return clean


# --- The fast checks ------------------------------------------------------------------------------------------
#
# Loading 100 000 trials checks about 7 million values. Each field gets a small function, made once per schema,
# that accepts a value only when the thorough check below (`check_value`) would accept it without a problem
# and would return the same thing; anything else returns _SLOW, and the thorough check then runs and reports
# it. So the fast checks decide nothing on their own: they only skip work on values known to be fine.

_SLOW: Any = object()
# While a dataset loads (`sharing_strings`): one string object for each distinct short text value. Data
# repeats itself (ids referred to, units, countries, source kinds): read from JSON, 40% of the memory of
# the text at 10 000 synthetic trials was copies.
_sharing = threading.local()  # .table: the table of this thread's load in progress, if any
_SHARED_LENGTH = 128  # longer texts rarely repeat, and would cost more to hash than they save


@contextlib.contextmanager
def sharing_strings() -> Iterator[None]:
    """Equal text values checked meanwhile come out as one string object (the table is dropped afterwards)."""
    _sharing.table = {}
    try:
        yield
    finally:
        _sharing.table = None


_UNSAFE_SEARCH = safety.UNSAFE.search
_UNSAFE_OR_BREAK_SEARCH = re.compile(f"{safety.UNSAFE.pattern}|[\n\r]").search
FastCheck = Callable[[Any], Any]


@dataclass(frozen=True, slots=True)
class _Plan:
    fast: FastCheck  # the whole record's


_PLANS: dict[int, tuple[dict[str, Field], _Plan]] = {}


def _plan_of(schema: dict[str, Field]) -> _Plan:
    """The fast check of a schema, made on first use (the schema is kept with it, so its id stays its own)."""
    found = _PLANS.get(id(schema))
    if found is not None and found[0] is schema:
        return found[1]
    plan = _Plan(_fast_record(schema, None))
    _PLANS[id(schema)] = (schema, plan)
    return plan


def _fast_record(
    schema: dict[str, Field], rule: Callable[[dict[str, Any]], list[tuple[str | None, str]]] | None
) -> FastCheck:
    """A mapping with no unknown field, every required one, every value passing its fast check, and no
    problem found by its `rule`: its clean values, as check_record would return them.

    Made as the source of one function per schema, compiled once: the checks of its text fields (three
    values in four) are written out in it, the others are called. Function calls are most of the cost of
    checking a value in Python, and a large dataset has millions of values."""
    namespace: dict[str, Any] = {
        "SLOW": _SLOW,
        "NAMES": frozenset(schema),
        "REQUIRED": frozenset(name for name, spec in schema.items() if spec.required),
        "RULE": rule,
        "SHARING": _sharing,
        "SHARED_LENGTH": _SHARED_LENGTH,
    }
    lines = [
        "def fast_record(value):",
        "    if type(value) is not dict or not value.keys() <= NAMES or not REQUIRED <= value.keys():",
        "        return SLOW",
        "    shared = getattr(SHARING, 'table', None)",
        "    clean = {}",
    ]
    for number, (name, spec) in enumerate(schema.items()):
        key = repr(name)  # a field name of our own schema, not data
        if spec.required:
            lines.append(f"    v = value[{key}]")
            indent = "    "
        else:
            lines += [f"    if {key} in value:", f"        v = value[{key}]"]
            indent = "        "
        if spec.kind == "text":
            body = _inline_text(spec, number, namespace)
        else:
            namespace[f"F{number}"] = _fast_check(spec)
            body = [f"t = F{number}(v)", "if t is SLOW:", "    return SLOW"]
        lines += [indent + line for line in [*body, f"clean[{key}] = t"]]
    lines += ["    if RULE is not None and RULE(clean):", "        return SLOW", "    return clean"]
    exec(compile("\n".join(lines), f"<fast check of {'/'.join(schema)[:60]}>", "exec"), namespace)
    fast: FastCheck = namespace["fast_record"]
    return fast


def _inline_text(spec: Field, number: int, namespace: dict[str, Any]) -> list[str]:
    """The lines of `_fast_text` for one field, leaving the clean text in `t` (or returning SLOW)."""
    namespace[f"R{number}"] = _UNSAFE_SEARCH if spec.prose else _UNSAFE_OR_BREAK_SEARCH
    limit = MAX_TEXT if spec.prose else MAX_LINE_TEXT
    lines = [
        "if type(v) is str:",
        # isprintable() is false for every character refused (and for line breaks): a cheap first test.
        f"    if len(v) > {limit} or (not v.isprintable() and R{number}(v)):",
        "        return SLOW",
        "    t = v.strip()",
        "    if not t:",
        "        return SLOW",
    ]
    if spec.choices is not None:
        namespace[f"C{number}"] = {value: value for value in spec.choices.values}
        lines += [f"    t = C{number}.get(t, SLOW)", "    if t is SLOW:", "        return SLOW"]
    if spec.check is not None:
        namespace[f"K{number}"] = spec.check
        lines += [f"    if K{number}(t):", "        return SLOW"]
    lines += ["    if shared is not None and len(t) <= SHARED_LENGTH:", "        t = shared.setdefault(t, t)"]
    if spec.nullable:
        lines += ["elif v is None:", "    t = None"]
    lines += ["else:", "    return SLOW"]
    return lines


def _fast_check(spec: Field) -> FastCheck:
    kind = spec.kind
    nullable = spec.nullable and kind not in ("texts", "records")
    if kind == "text":
        return _fast_text(spec, nullable)
    if kind == "int":
        low, high = spec.minimum, spec.maximum

        def fast_int(value: Any) -> Any:
            if type(value) is int and (low is None or value >= low) and (high is None or value <= high):
                return value
            return None if value is None and nullable else _SLOW

        return fast_int
    if kind == "bool":

        def fast_bool(value: Any) -> Any:
            if type(value) is bool:
                return value
            return None if value is None and nullable else _SLOW

        return fast_bool
    if kind == "texts":
        item = _fast_text(Field("text", nullable=False, choices=spec.choices, check=spec.check), False)

        def fast_texts(value: Any) -> Any:
            if type(value) is not list:
                return _SLOW
            items = [item(one) for one in value]
            return _SLOW if _SLOW in items else items

        return fast_texts
    if kind == "partial_date":

        def fast_partial_date(value: Any) -> Any:
            if type(value) is str and not _UNSAFE_OR_BREAK_SEARCH(value):
                found = model.PartialDate.parse(value)
                if found is not None and MIN_YEAR <= found.year <= MAX_YEAR:
                    return found
            return None if value is None and nullable else _SLOW

        return fast_partial_date
    if kind == "date":

        def fast_date(value: Any) -> Any:
            if type(value) is dt.date and MIN_YEAR <= value.year <= MAX_YEAR:
                return value
            return None if value is None and nullable else _SLOW

        return fast_date
    if kind == "record":
        assert spec.schema is not None
        record = _fast_record(spec.schema, spec.rule)

        def fast_nested(value: Any) -> Any:
            return None if value is None and nullable else record(value)

        return fast_nested
    if kind == "records":
        assert spec.schema is not None
        item_record = _fast_record(spec.schema, spec.rule)

        def fast_records(value: Any) -> Any:
            if type(value) is not list:
                return _SLOW
            records = []
            for item in value:
                one = item_record(item)
                if one is _SLOW:
                    return _SLOW
                records.append(one)
            return records

        return fast_records
    if kind == "number":
        return _fast_number(spec, nullable)
    return _always_slow


def _always_slow(value: Any) -> Any:
    return _SLOW


def _fast_number(spec: Field, nullable: bool) -> FastCheck:
    low, high, check = spec.minimum, spec.maximum, spec.check

    def fast_number(value: Any) -> Any:
        kind = type(value)
        if kind is int or kind is float:
            number = float(value)
            if math.isfinite(number) and (low is None or number >= low) and (high is None or number <= high):
                return parse_p_value(number) if check is not None else number
            return _SLOW
        if kind is str and check is not None and not _UNSAFE_OR_BREAK_SEARCH(value) and not check(value.strip()):
            return parse_p_value(value)  # a bound such as p "<0.001"
        return None if value is None and nullable else _SLOW

    return fast_number


def _fast_text(spec: Field, nullable: bool) -> FastCheck:
    limit = MAX_TEXT if spec.prose else MAX_LINE_TEXT
    refused = _UNSAFE_SEARCH if spec.prose else _UNSAFE_OR_BREAK_SEARCH
    # The vocabulary's own string is kept rather than the file's equal copy: one string for thousands of uses.
    canonical = {value: value for value in spec.choices.values} if spec.choices is not None else None
    check = spec.check

    def fast_text(value: Any) -> Any:
        if type(value) is not str:
            return None if value is None and nullable else _SLOW
        if len(value) > limit or (not value.isprintable() and refused(value)):
            return _SLOW
        text = value.strip()
        if not text:
            return _SLOW
        if canonical is not None:
            text = canonical.get(text, _SLOW)
            if text is _SLOW:
                return _SLOW
        if check is not None and check(text):
            return _SLOW
        shared: dict[str, str] | None = getattr(_sharing, "table", None)
        if shared is None or len(text) > _SHARED_LENGTH:
            return text
        return shared.setdefault(text, text)

    return fast_text


def check_value(value: Any, spec: Field, path: Path, issues: Issues) -> Any:
    if value is None:
        if spec.kind in ("texts", "records"):
            issues.add(path, "expected a list (use [] when empty), got null")
        elif not spec.nullable:
            issues.add(path, "must not be null")
        return None
    if spec.kind == "text":
        return _check_text(value, spec, path, issues)
    if spec.kind == "int":
        return _check_int(value, spec, path, issues)
    if spec.kind == "number":
        return _check_number(value, spec, path, issues)
    if spec.kind == "bool":
        if isinstance(value, bool):
            return value
        issues.add(path, f"expected true, false or null, got {describe_type(value)}")
        return None
    if spec.kind == "date":
        return _check_date(value, path, issues)
    if spec.kind == "partial_date":
        return _check_partial_date(value, path, issues)
    if spec.kind == "record":
        assert spec.schema is not None
        before = issues.count
        record = check_record(value, spec.schema, path, issues)
        _apply_rule(spec, record, path, issues, before)
        return record
    if not isinstance(value, list):
        issues.add(path, f"expected a list, got {describe_type(value)}")
        return []
    if spec.kind == "records":
        assert spec.schema is not None
        records = []
        for i, item in enumerate(value):
            before = issues.count
            record = check_record(item, spec.schema, (*path, i), issues)
            _apply_rule(spec, record, (*path, i), issues, before)
            records.append(record)
        return records
    item_spec = Field("text", nullable=False, choices=spec.choices, check=spec.check)
    # Invalid items stay as None so that later checks report the remaining items at their own index;
    # a record with an invalid item has an issue, so it is never built.
    return [check_value(item, item_spec, (*path, i), issues) for i, item in enumerate(value)]


def _apply_rule(spec: Field, record: dict[str, Any], path: Path, issues: Issues, before: int) -> None:
    """Cross-field rules run only on a sub-record whose own fields are all valid."""
    if spec.rule is None or issues.count != before:
        return
    for key, message in spec.rule(record):
        issues.add(path if key is None else (*path, key), message)


def _shown(value: object) -> str:
    text = str(value)
    text = safety.UNSAFE.sub("?", text)
    return text if len(text) <= 40 else text[:39] + "…"


def _refused_character(value: str, prose: bool, path: Path, issues: Issues) -> bool:
    """Whether the text holds a character a terminal would act on (a line break, outside prose); reported."""
    unsafe = safety.UNSAFE.search(value) or (None if prose else re.search("[\n\r]", value))
    if unsafe is None:
        return False
    what = "a line break" if unsafe.group() == "\n" else safety.describe(unsafe.group())
    issues.add(path, f"contains {what} at character {unsafe.start() + 1}; remove it")
    return True


def _check_text(value: Any, spec: Field, path: Path, issues: Issues) -> str | None:
    if not isinstance(value, str):
        if isinstance(value, float):  # 2026.10 was read as 2026.1: showing the number would mislead
            issues.add(path, f"expected text, got {describe_type(value)}: quote it exactly as written")
        elif isinstance(value, (bool, int, dt.date)):
            issues.add(path, f'expected text, got {describe_type(value)}: quote it ("{_shown(value)}")')
        else:
            issues.add(path, f"expected text, got {describe_type(value)}")
        return None
    limit = MAX_TEXT if spec.prose else MAX_LINE_TEXT
    if len(value) > limit:
        issues.add(path, f"text is {len(value):,} characters, over the {limit:,} limit")
        return None
    if _refused_character(value, spec.prose, path, issues):
        return None
    text = value.strip()
    if not text:
        issues.add(path, "must not be empty (use null when unknown)")
        return None
    if spec.choices is not None and text not in spec.choices:
        hint = difflib.get_close_matches(text, spec.choices.values, n=1, cutoff=0.6)
        suffix = f" (did you mean '{hint[0]}'?)" if hint else ""
        allowed = ", ".join(spec.choices.values)
        issues.add(path, f"'{_shown(text)}' is not allowed{suffix}; allowed: {allowed}")
        return None
    if spec.check is not None:
        message = spec.check(text)
        if message:
            issues.add(path, message)
            return None
    return text


def _plain(number: float) -> str:
    """A bound or value as written: 1000000 and 1000000000000, not 1e+06 and 1e+12."""
    return str(int(number)) if float(number).is_integer() and abs(number) < 1e18 else f"{number:g}"


def _in_range(value: float, spec: Field, path: Path, issues: Issues) -> bool:
    if spec.minimum is not None and value < spec.minimum:
        issues.add(path, f"{_plain(value)} is below the minimum {_plain(spec.minimum)}")
        return False
    if spec.maximum is not None and value > spec.maximum:
        issues.add(path, f"{_plain(value)} is above the maximum {_plain(spec.maximum)}")
        return False
    return True


def _check_int(value: Any, spec: Field, path: Path, issues: Issues) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int):
        shown = f" '{_shown(value)}'" if isinstance(value, str) else ""
        issues.add(path, f"expected a whole number, got {describe_type(value)}{shown}")
        return None
    return value if _in_range(value, spec, path, issues) else None


def _check_number(value: Any, spec: Field, path: Path, issues: Issues) -> float | model.PValue | None:
    if isinstance(value, str) and spec.check is not None:  # a bound such as p "<0.001"
        if _refused_character(value, False, path, issues):  # strip() would drop U+0085, U+2028…
            return None
        message = spec.check(value.strip())
        if message:
            issues.add(path, message)
            return None
        return parse_p_value(value)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        issues.add(path, f"expected a number, got {describe_type(value)}")
        return None
    number = float(value)
    if not math.isfinite(number):
        issues.add(path, "must be a finite number")
        return None
    if not _in_range(number, spec, path, issues):
        return None
    return parse_p_value(number) if spec.check is not None else number


def _check_date(value: Any, path: Path, issues: Issues) -> dt.date | None:
    if isinstance(value, dt.date):
        if not MIN_YEAR <= value.year <= MAX_YEAR:
            issues.add(path, f"year {value.year} is outside {MIN_YEAR}–{MAX_YEAR}")
            return None
        return value
    if isinstance(value, str):
        issues.add(path, f"'{_shown(value)}' is not a valid date: expected YYYY-MM-DD")
        return None
    issues.add(path, f"expected a date YYYY-MM-DD, got {describe_type(value)}")
    return None


def _check_partial_date(value: Any, path: Path, issues: Issues) -> model.PartialDate | None:
    if isinstance(value, dt.date):
        value = value.isoformat()
    elif isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        issues.add(path, f'expected a date "YYYY", "YYYY-MM" or "YYYY-MM-DD", got {describe_type(value)}')
        return None
    if _refused_character(value, False, path, issues):  # strip() would drop U+0085, U+2028…
        return None
    found = model.PartialDate.parse(value)
    if found is None:
        issues.add(path, f"'{_shown(value)}' is not a valid date: expected YYYY, YYYY-MM or YYYY-MM-DD")
        return None
    if not MIN_YEAR <= found.year <= MAX_YEAR:
        issues.add(path, f"year {found.year} is outside {MIN_YEAR}–{MAX_YEAR}")
        return None
    return found
