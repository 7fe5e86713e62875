"""The measurements themselves, each run in a fresh process by run.py: `python tests/bench/probes.py MODE ...`.

Every mode prints one line `RESULT {json}` on the original stdout (written to a duplicate of fd 1 taken
before Textual is imported, because a running Textual app captures `print`). Modes:

    startup app|bare [--data PATH]  run the app (or the bare app) headless; report as soon as the first
                                    screen is mounted and refreshed, then exit. The parent times the
                                    whole process; the child adds its peak RSS.
    load PATH                       time `load_dataset(PATH)` once (imports excluded)
    floor PATH                      time reading + `yaml.load(CSafeLoader)` of the same files once, then
                                    reading + libyaml's events alone (no values built)
    search PATH --repeat R [--fzf]  build a SearchIndex; time each query of queries.QUERIES (median of R
                                    runs after a warm-up pass); with --fzf also `fzf --filter` per query
    interact PATH [--keys N]        Pilot: open the search screen with `/` and time each keystroke to the
                                    last screen refresh it caused
"""

from __future__ import annotations

import os

REPORT_FD = os.dup(1)

# The report fd must be taken before anything can redirect stdout.
import argparse
import asyncio
import inspect
import json
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path[:0] = [str(REPO), str(HERE)]

SIZE = (120, 40)


def report(**values: Any) -> None:
    os.write(REPORT_FD, ("RESULT " + json.dumps(values) + "\n").encode())


def peak_rss_mb() -> float:
    # Linux reports ru_maxrss in KiB (macOS in bytes).
    scale = 1 / 1024 / 1024 if sys.platform == "darwin" else 1 / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale


# --- start-up and memory ------------------------------------------------------------------------------


def with_ready_report(app_class: type, started: float) -> type:
    """A subclass that reports and exits once the first screen is mounted and painted.

    Textual posts `Ready` to the app after the first frame; waiting one more refresh makes sure work
    scheduled by the screen's mount handlers (call_after_refresh) is painted too."""

    class Timed(app_class):  # type: ignore[valid-type, misc]
        # CSS_PATH is relative to the file of the class that defines it, not to this file.
        _BASE_PATH = inspect.getfile(app_class)

        def on_ready(self) -> None:
            self.call_after_refresh(self._bench_report)

        def _bench_report(self) -> None:
            now = time.perf_counter()
            phases = {name: (at - started) * 1000 for name, at in PHASES.items()}
            widgets = len(list(self.screen.walk_children(with_self=False)))
            report(in_process_ms=(now - started) * 1000, rss_mb=peak_rss_mb(), phases_ms=phases, widgets=widgets)
            self.exit()

    Timed.__name__ = app_class.__name__
    return Timed


PHASES: dict[str, float] = {}


def startup(kind: str, data: str | None) -> None:
    started = time.perf_counter()
    import textual.app  # noqa: F401 - timed as its own phase

    PHASES["textual_imported"] = time.perf_counter()
    if kind == "bare":
        from bare_app import BareApp

        PHASES["app_imported"] = time.perf_counter()
        app = with_ready_report(BareApp, started)()
    else:
        from tui.app import MSTrialsApp
        from tui.core.loader import load_dataset

        PHASES["app_imported"] = time.perf_counter()
        dataset = load_dataset(data)
        PHASES["data_loaded"] = time.perf_counter()
        app = with_ready_report(MSTrialsApp, started)(dataset)
    PHASES["app_created"] = time.perf_counter()
    app.run(headless=True, size=SIZE)


# --- loading ------------------------------------------------------------------------------------------


def load(path: str) -> None:
    import gc

    from tui.core.loader import load_dataset

    gc.collect()
    start, cpu = time.perf_counter(), time.process_time()
    dataset = load_dataset(path)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    report(ms=elapsed * 1000, cpu_ms=cpu * 1000, trials=len(dataset.trials), rss_mb=peak_rss_mb())


def floor(path: str) -> None:
    import gc

    import yaml

    from tui.core.loader import find_files

    files = find_files(Path(path)).files
    gc.collect()
    start, cpu = time.perf_counter(), time.process_time()
    values = [yaml.load(f.read_bytes().decode("utf-8"), Loader=yaml.CSafeLoader) for f in files]
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    count = len(values)
    del values
    gc.collect()
    # The lower bound of any loader built on libyaml: only the parser's events, no values built.
    start = time.perf_counter()
    for f in files:
        for _ in yaml.parse(f.read_bytes().decode("utf-8"), Loader=yaml.CSafeLoader):
            pass
    events = time.perf_counter() - start
    report(ms=elapsed * 1000, cpu_ms=cpu * 1000, events_ms=events * 1000, files=count, rss_mb=peak_rss_mb())


# --- search -------------------------------------------------------------------------------------------


def record_line(dataset: Any, record: Any) -> str:
    """One record as one line of text for fzf: what the search indexes, plus the filter values written
    as `phase:2` words so that fzf sees the same information as our filters."""
    from tui.core.model import Intervention, Measure, Trial

    parts: list[str | None]
    if isinstance(record, Trial):
        linked = [
            *(v for i in dataset.interventions_of(record) for v in (i.name, *i.aliases, i.id)),
            *(v for m in dataset.measures_of(record) for v in (m.abbreviation, m.name, *m.aliases, m.id)),
        ]
        parts = [
            "trial", record.id, record.acronym, *record.registry_ids, record.title,
            *record.population.conditions, record.population.description, record.population.background_therapy,
            record.comparator, *(o.description for o in record.outcomes), record.sponsor, *record.countries, record.result_summary,
            record.safety_summary, record.notes, *(p.citation for p in record.publications), *linked,
            f"phase:{record.phase}", f"status:{record.status}", f"met:{record.verdict}",
            *(f"measure:{m}" for m in record.measures),
        ]
    elif isinstance(record, Intervention):
        parts = [
            "intervention", record.id, record.name, *record.aliases, record.target, record.kind,
            record.mechanism_group, record.mechanism, record.summary, record.approvals,
        ]
    elif isinstance(record, Measure):
        parts = [
            "measure", record.id, record.abbreviation, record.name, *record.aliases, record.category,
            record.what_it_measures, record.specificity_note, record.caveats,
        ]
    else:
        parts = [str(record)]
    return " | ".join(" ".join(p.split()) for p in parts if p)


def search(path: str | None, repeat: int, with_fzf: bool, fzf_repeat: int = 1, fzf_every: int = 1) -> None:
    import gc

    from queries import QUERIES

    from tui.core.loader import load_dataset

    gc.collect()
    start, cpu = time.perf_counter(), time.process_time()
    dataset = load_dataset(path)
    load_ms = (time.perf_counter() - start) * 1000
    load_cpu_ms = (time.process_time() - cpu) * 1000
    try:
        from tui.core.search import SearchIndex
    except ImportError as error:
        report(load_ms=load_ms, load_cpu_ms=load_cpu_ms, error=f"tui.core.search not importable: {error}")
        return
    start = time.perf_counter()
    index = SearchIndex(dataset)
    build_ms = (time.perf_counter() - start) * 1000
    for query in QUERIES:  # warm-up: first-use caches, lazily built structures
        index.search(query, limit=50)
    per_query: list[float] = []
    hits: list[int] = []
    for query in QUERIES:
        runs = []
        for _ in range(repeat):
            start = time.perf_counter()
            result = index.search(query, limit=50)
            runs.append((time.perf_counter() - start) * 1000)
        per_query.append(statistics.median(runs))
        hits.append(len(result.hits))
    out: dict[str, Any] = {"load_ms": load_ms, "load_cpu_ms": load_cpu_ms, "build_ms": build_ms, "per_query_ms": per_query, "hits": hits, "queries": list(QUERIES)}
    fzf = shutil.which("fzf")
    if with_fzf and fzf:
        subset = QUERIES[::fzf_every]
        out["fzf"] = fzf_times(fzf, dataset, subset, fzf_repeat)
        # Our times on the same subset, for a like-for-like ratio.
        out["fzf"]["ours_same_queries_ms"] = per_query[::fzf_every]
    report(**out)


def fzf_times(fzf: str, dataset: Any, queries: tuple[str, ...], repeat: int) -> dict[str, Any]:
    """Per-query wall time of `fzf --filter QUERY < records.txt` (process start included: that is how
    fzf is used from a script), median of `repeat` runs."""
    records = [*dataset.interventions, *dataset.trials, *dataset.measures]
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as handle:
        for record in records:
            handle.write(record_line(dataset, record) + "\n")
        lines_path = handle.name
    per_query: list[float] = []
    matches: list[int] = []
    try:
        for query in queries:
            runs = []
            for _ in range(repeat):
                with open(lines_path, "rb") as stdin:
                    start = time.perf_counter()
                    done = subprocess.run([fzf, "--filter", query], stdin=stdin, capture_output=True, check=False)
                    runs.append((time.perf_counter() - start) * 1000)
            per_query.append(statistics.median(runs))
            matches.append(done.stdout.count(b"\n"))
        version = subprocess.run([fzf, "--version"], capture_output=True, text=True, check=False).stdout.strip()
    finally:
        os.unlink(lines_path)
    return {"per_query_ms": per_query, "matches": matches, "version": version}


# --- interaction --------------------------------------------------------------------------------------


def interact(path: str | None, max_keys: int) -> None:
    asyncio.run(_interact(path, max_keys))


async def _interact(path: str | None, max_keys: int) -> None:
    from queries import TYPED
    from textual.screen import Screen
    from textual.widgets import Input

    from tui.app import MSTrialsApp
    from tui.core.loader import load_dataset

    dataset = load_dataset(path)
    renders: list[float] = []
    original = Screen._compositor_refresh

    def timed_refresh(self: Screen, *args: Any, **kwargs: Any) -> Any:
        result = original(self, *args, **kwargs)
        if self.is_current:
            renders.append(time.perf_counter())
        return result

    Screen._compositor_refresh = timed_refresh  # type: ignore[method-assign]
    app = MSTrialsApp(dataset)
    latencies: list[float] = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        browser = app.screen
        await pilot.press("slash")
        await _settle(pilot, renders, quiet=0.3)
        inputs = list(app.screen.query(Input))
        if app.screen is browser or not inputs:
            report(present=False, screen=type(app.screen).__name__)
            return
        screen_name = type(app.screen).__name__
        for widget in inputs:
            widget.cursor_blink = False  # a blinking cursor would count as a refresh
        typed = 0
        for phrase in TYPED:
            focused = app.focused
            if isinstance(focused, Input):
                focused.value = ""
                await _settle(pilot, renders, quiet=0.3)
            for char in phrase:
                if typed >= max_keys:
                    break
                key = "space" if char == " " else char
                renders.clear()
                start = time.perf_counter()
                await pilot.press(key)
                last = await _settle(pilot, renders, quiet=0.3)
                typed += 1
                if last is not None and last > start:
                    latencies.append((last - start) * 1000)
    report(present=True, screen=screen_name, per_key_ms=latencies, keys=typed)


async def _settle(pilot: Any, renders: list[float], quiet: float) -> float | None:
    """Wait until nothing has been painted for `quiet` seconds (and no worker runs); return the time of the
    last refresh. Debounce timers, workers and follow-up refreshes are all included this way."""
    app = pilot.app
    deadline = time.perf_counter() + 30
    while time.perf_counter() < deadline:
        await asyncio.sleep(0.005)
        if any(worker.is_running for worker in app.workers):
            continue
        last = renders[-1] if renders else 0.0
        if time.perf_counter() - last >= quiet:
            return renders[-1] if renders else None
    return renders[-1] if renders else None


def main() -> None:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="mode", required=True)
    p = sub.add_parser("startup")
    p.add_argument("kind", choices=("app", "bare"))
    p.add_argument("--data")
    sub.add_parser("load").add_argument("path")
    sub.add_parser("floor").add_argument("path")
    p = sub.add_parser("search")
    p.add_argument("path")
    p.add_argument("--repeat", type=int, default=5)
    p.add_argument("--fzf", action="store_true")
    p.add_argument("--fzf-repeat", type=int, default=1)
    p.add_argument("--fzf-every", type=int, default=1, help="fzf runs every K-th query only (slow on big data)")
    p = sub.add_parser("interact")
    p.add_argument("path")
    p.add_argument("--keys", type=int, default=1000)
    args = parser.parse_args()
    if args.mode == "startup":
        startup(args.kind, args.data)
    elif args.mode == "load":
        load(args.path)
    elif args.mode == "floor":
        floor(args.path)
    elif args.mode == "search":
        search(args.path, args.repeat, args.fzf, args.fzf_repeat, args.fzf_every)
    else:
        interact(args.path, args.keys)


if __name__ == "__main__":
    main()
