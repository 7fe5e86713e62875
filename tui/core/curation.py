"""The curation rules of the bundled dataset: what `mstrials-tui validate` enforces beyond the format.

Any well-formed dataset loads in the app; a curated one must also cite originals (official registry
records, DOIs, PMIDs), avoid unsuitable hosts, and report its results in structure. The rules are listed
in `RULES` (documented in data/README.md, "Curation rules") and run on the checked records with their
paths, so every problem is reported at its file, line and column like any other.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

from . import links
from .problems import Issues, Path

Records = dict[str, list[tuple[dict[str, Any], str, Path]]]
Found = Iterator[tuple[Path, str]]

# Sources that are a registry record or a paper: those are cited by id, never by a copy's address.
CITED_KINDS = frozenset({"registry", "publication", "review", "conference"})

RULES: tuple[tuple[str, str], ...] = (
    ("sources", "Every trial, intervention and measure lists at least one source."),
    ("reviewed", "Every record has `last_reviewed`, no later than the dataset's."),
    ("identified", "Every trial has a registry id or a publication."),
    ("tested", "Every intervention is tested by at least one trial."),
    (
        "official-registry",
        "Every registry id of a trial is cited by a `kind: registry` source with that `registry_id`.",
    ),
    (
        "registry-host",
        "A `kind: registry` source is an official record: its `url`, if given, is on the registry's own site.",
    ),
    (
        "no-copies",
        (
            "A `url` is an original page: copies of registry records and papers (aggregators, mirrors, PMC, "
            "repositories) are cited by id, with the copy as `read_at`."
        ),
    ),
    (
        "hosts",
        (
            "No `url` or `read_at` is on an unsuitable host (raw IP addresses, forums and their proxies, wiki "
            "mirrors, document-sharing, staging or test sites, blogs, proxies, link shorteners)."
        ),
    ),
    ("doi", "Every completed trial that lists publications gives a DOI or PMID for at least one of them."),
    (
        "estimate",
        (
            "Every primary outcome of a completed trial reported as met, not met or mixed has an effect "
            "estimate, or an `estimate_note` saying how it was reported."
        ),
    ),
    ("dates", "No trial started after the dataset's review; no completed trial ends after it."),
    ("draft", "No record is a draft (`draft: true` marks a record awaiting a curator's review)."),
)


def check(records: Records, issues_of: Callable[[str], Issues]) -> None:
    """Add every curation problem to the issues of its file."""
    info = records["dataset"][0][0] if records["dataset"] else {}
    reviewed: date | None = info.get("last_reviewed")
    tested = {iid for clean, _, _ in records["trials"] for iid in clean.get("intervention_ids") or ()}
    for kind in ("interventions", "trials", "measures"):
        for clean, file, path in records[kind]:
            issues = issues_of(file)
            for where, message in _record(kind, clean, reviewed, tested):
                issues.add((*path, *where), message)
    for clean, file, path in records["dataset"]:
        for index, source in enumerate(clean.get("references") or ()):
            for where, message in _source(source):
                issues_of(file).add((*path, "references", index, *where), message)


def _record(kind: str, clean: dict[str, Any], reviewed: date | None, tested: set[str]) -> Found:
    if not clean.get("sources"):
        yield ("sources",), "a curated record lists at least one source"
    for index, source in enumerate(clean.get("sources") or ()):
        for where, message in _source(source):
            yield ("sources", index, *where), message
    last = clean.get("last_reviewed")
    if last is None:
        yield ("last_reviewed",), "a curated record says when it was last reviewed"
    elif reviewed is not None and last > reviewed:
        yield ("last_reviewed",), f"reviewed {last} is after the dataset's review {reviewed}"
    if kind == "interventions" and clean.get("id") not in tested:
        yield ("id",), f"no trial tests intervention '{clean.get('id')}'"
    if kind == "trials":
        yield from _trial(clean, reviewed)


def _source(source: dict[str, Any]) -> Found:
    url, read_at = source.get("url"), source.get("read_at")
    for key, address in (("url", url), ("read_at", read_at)):
        if address:
            why = links.unsuitable_reason(address)
            if why:
                yield (key,), f"{links.host_of(address)} is {why}: cite another source"
    if url and source.get("kind") == "registry" and not links.is_registry_host(url):
        yield ("url",), f"{links.host_of(url)} is not an official registry site: give it as read_at"
    elif url and source.get("kind") in CITED_KINDS and links.is_mirror(url) and not links.unsuitable_reason(url):
        yield ("url",), f"{links.host_of(url)} is {links.MIRROR_HELP}"


def _trial(clean: dict[str, Any], reviewed: date | None) -> Found:
    if clean.get("draft"):
        yield ("draft",), "a draft record: review every fact against its sources, then remove 'draft'"
    if not clean.get("registry_ids") and not clean.get("publications"):
        yield ("registry_ids",), "a curated trial has a registry id or a publication"
    cited = {s.get("registry_id") for s in clean.get("sources") or () if s.get("kind") == "registry"}
    for index, rid in enumerate(clean.get("registry_ids") or ()):
        if rid is not None and rid not in cited:
            yield (
                ("registry_ids", index),
                f"registry id {rid} is not cited by an official registry source (kind: registry, registry_id: {rid})",
            )
    completed = clean.get("status") == "completed"
    publications = clean.get("publications") or ()
    if completed and publications and not any(p.get("doi") or p.get("pmid") for p in publications):
        yield ("publications",), "a completed, published trial gives the DOI or PMID of a publication"
    if completed:
        for index, outcome in enumerate(clean.get("outcomes") or ()):
            reported = outcome.get("met") in ("yes", "no", "mixed")
            if (
                outcome.get("kind") == "primary"
                and reported
                and not outcome.get("result")
                and not outcome.get("estimate_note")
            ):
                yield (
                    ("outcomes", index),
                    "a reported primary result needs its estimate, or an estimate_note saying how it was reported",
                )
    dates = clean.get("dates") or {}
    start, end = dates.get("start"), dates.get("completion") or dates.get("primary_completion")
    if reviewed is not None:
        if start is not None and start.year > reviewed.year:
            yield ("dates", "start"), f"starts in {start}, after the dataset's review {reviewed}"
        if completed and end is not None and end.year > reviewed.year:
            yield ("dates",), f"a completed trial ending in {end}, after the dataset's review {reviewed}"
