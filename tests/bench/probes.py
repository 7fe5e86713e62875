"""The measurements themselves, each run in a fresh process by run.py: `python tests/bench/probes.py MODE ...`.

Every mode prints one line `RESULT {json}` on the original stdout (written to a duplicate of fd 1 taken
before Textual is imported, because a running Textual app captures `print`), then usually ends the process
at once with os._exit (a teardown would only add time the parent does not measure). Modes:

    startup app|bare [--data PATH] [--until frame|browser|index] [--settle] [--quit]
        run the app headless as `mstrials-tui` does (tui/__main__.py: its imports, its data loader in a
        worker, the cache in $MSTRIALS_CACHE) or the bare app; note when the first frame is painted
        (whatever screen it is), when the browser is painted and when the search index is built;
        report at `--until` (`--settle`: once nothing was painted for 250 ms) with the peak RSS; with
        `--quit` then press q and leave as the command does (the parent times q to the process's end)
    load PATH [--cached]    time one `load_dataset` (imports excluded); `--cached`: through the cache in
                            $MSTRIALS_CACHE, as the app loads (reports whether it hit, and the write time)
    floor PATH [--events-only]
                            time reading + `yaml.load(CSafeLoader)` of the same files, then reading +
                            libyaml's events alone (no values built)
    search PATH --repeat R [--fzf]
                            build a SearchIndex; time each query of queries.QUERIES (median of R runs after
                            a warm-up pass); with --fzf also `fzf --filter` per query
    interact app|bare PATH [--keys N]
                            Pilot: type the phrases of queries.TYPED into the search screen (opened with
                            `/` once the index is built) or into the bare search app, and time each
                            keystroke to the last screen refresh it caused
"""

from __future__ import annotations

# ruff: noqa: E402 - the report fd must be taken before anything is imported that could redirect stdout.
import os

REPORT_FD = os.dup(1)

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


# --- start-up, memory and quitting --------------------------------------------------------------------


PHASES: dict[str, float] = {}
MARKS: dict[str, float] = {}
REFRESHES: list[float] = []
STEPS = ("frame", "browser", "index")


def record_refreshes() -> None:
    """Note the time of every refresh of the current screen (to see when start-up has settled)."""
    from textual.screen import Screen

    original = Screen._compositor_refresh

    def timed_refresh(self: Screen, *args: Any, **kwargs: Any) -> Any:
        result = original(self, *args, **kwargs)
        if self.is_current:
            REFRESHES.append(time.perf_counter())
        return result

    Screen._compositor_refresh = timed_refresh  # type: ignore[method-assign]


def timed_app(app_class: type, started: float, until: str, settle: bool, quit_after: bool) -> type:
    """A subclass that notes when the first frame is painted, when the browser is painted and when the
    search index is built, and reports once `until` is reached (then quits with `q`, or exits at once).

    Textual posts `Ready` to the app after the first frame; waiting one more refresh makes sure work
    scheduled by the screen's mount handlers (call_after_refresh) is painted too."""
    from textual import events
    from textual.worker import WorkerState

    class Timed(app_class):  # type: ignore[valid-type, misc]
        # CSS_PATH is relative to the file of the class that defines it, not to this file.
        _BASE_PATH = inspect.getfile(app_class)
        _bench_first_screen = ""
        _bench_done = False

        def on_ready(self) -> None:
            self.call_after_refresh(self._bench_first_frame)

        def _bench_first_frame(self) -> None:
            self._bench_first_screen = type(self.screen).__name__
            self.bench_mark("frame")
            if self._bench_first_screen == "BrowserScreen":
                self.bench_mark("browser")

        def on_worker_state_changed(self, event: Any) -> None:
            if event.worker.group == "search-index" and event.state == WorkerState.SUCCESS:
                self.bench_mark("index")

        def bench_mark(self, step: str) -> None:
            MARKS.setdefault(step, time.perf_counter())
            if self._bench_done or not all(s in MARKS for s in STEPS[: STEPS.index(until) + 1]):
                return
            self._bench_done = True
            if settle:
                self.set_interval(0.02, self._bench_settled)
            else:
                self._bench_report()

        def _bench_settled(self) -> None:
            if time.perf_counter() - max(REFRESHES[-1:] or [0.0]) >= 0.25:
                self._bench_report()

        def _bench_report(self) -> None:
            now = time.perf_counter()
            values: dict[str, Any] = {
                "in_process_ms": (now - started) * 1000,
                "rss_mb": peak_rss_mb(),
                "phases_ms": {name: (at - started) * 1000 for name, at in PHASES.items()},
                "marks_ms": {name: (at - started) * 1000 for name, at in MARKS.items()},
                "first_screen": self._bench_first_screen,
                "widgets": len(list(self.screen.walk_children(with_self=False))),
            }
            if REFRESHES and settle:
                values["settled_ms"] = (REFRESHES[-1] - started) * 1000
            if quit_after:
                values["quit_at"] = time.monotonic()
                report(**values)
                # As the terminal's driver sends a key (from the app: this code may run in a screen's
                # context, and a key sent from the screen would not bubble up to the app's bindings).
                key = events.Key("q", "q")
                key.set_sender(self)
                self.post_message(key)
                return
            report(**values)
            os._exit(0)  # the parent has what it wants: no need to wait for the teardown

    Timed.__name__ = app_class.__name__
    return Timed


def startup(kind: str, data: str | None, until: str, settle: bool, quit_after: bool) -> None:
    started = time.perf_counter()
    import textual.app  # noqa: F401 - timed as its own phase

    PHASES["textual_imported"] = time.perf_counter()
    if settle:
        record_refreshes()
    if kind == "bare":
        from bare_app import BareApp

        PHASES["app_imported"] = time.perf_counter()
        app = timed_app(BareApp, started, "frame", settle, quit_after)()
        PHASES["app_created"] = time.perf_counter()
        app.run(headless=True, size=SIZE)
        os._exit(0)
    # What `mstrials-tui` imports and does (tui/__main__.py, _run_app), minus the terminal checks.
    import tui.__main__ as cli
    from tui.app import MSTrialsApp
    from tui.core.loader import default_data_path

    PHASES["app_imported"] = time.perf_counter()
    from tui.screens import browser

    mounted = browser.BrowserScreen.on_mount

    def on_mount(self: Any) -> None:
        mounted(self)
        self.call_after_refresh(self.app.bench_mark, "browser")

    browser.BrowserScreen.on_mount = on_mount  # type: ignore[method-assign]
    path = default_data_path(data)
    make_loader = getattr(cli, "dataset_loader", None) or old_loader
    app = timed_app(MSTrialsApp, started, until, settle, quit_after)(loader=make_loader(path))
    PHASES["app_created"] = time.perf_counter()
    app.run(headless=True, size=SIZE)
    # The same way out as the command's (the terminal is restored by now).
    getattr(cli, "exit_now", sys.exit)(0)


def old_loader(path: Path) -> Any:
    """The loader as `_run_app` made it before it had a function of its own (to measure the code before)."""
    import gc

    from tui.app import DataLoader
    from tui.core.loader import load_dataset

    def load(progress: Any) -> Any:
        dataset = load_dataset(path, progress=progress, use_cache=True)
        gc.freeze()
        return dataset

    return DataLoader(str(path), load)


# --- loading ------------------------------------------------------------------------------------------


def load(path: str, cached: bool) -> None:
    """One load, as the app does it (`cached`: through the cache in $MSTRIALS_CACHE, written on a miss)."""
    import gc

    from tui.core import cache
    from tui.core.loader import load_dataset

    writes: list[float] = []  # the time spent writing the cache (encoding included), on a miss

    def timed(method: Any) -> Any:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return method(*args, **kwargs)
            finally:
                writes.append((time.perf_counter() - start) * 1000)

        return wrapper

    for name in ("__init__", "add", "commit"):
        setattr(cache.Writer, name, timed(getattr(cache.Writer, name)))
    folder = cache.cache_folder() if cached else None
    before = set(folder.glob("*.json")) if folder is not None and folder.is_dir() else set()
    gc.collect()
    start, cpu = time.perf_counter(), time.process_time()
    dataset = load_dataset(path, use_cache=cached)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    report(
        ms=elapsed * 1000,
        cpu_ms=cpu * 1000,
        trials=len(dataset.trials),
        rss_mb=peak_rss_mb(),
        hit=bool(before) and not writes,
        write_ms=sum(writes),
        warnings=[str(w) for w in dataset.warnings],
    )
    os._exit(0)


def floor(path: str, events_only: bool) -> None:
    """The baselines of loading: reading + `yaml.load(CSafeLoader)` (unless `events_only`), and reading +
    libyaml's events alone, the lower bound of any loader built on libyaml (no values built)."""
    import gc

    import yaml

    from tui.core.loader import find_files

    files = find_files(Path(path)).files
    values: dict[str, Any] = {"files": len(files)}
    if not events_only:
        gc.collect()
        start, cpu = time.perf_counter(), time.process_time()
        loaded = [yaml.load(f.read_bytes().decode("utf-8"), Loader=yaml.CSafeLoader) for f in files]
        values["ms"] = (time.perf_counter() - start) * 1000
        values["cpu_ms"] = (time.process_time() - cpu) * 1000
        del loaded
        gc.collect()
    start = time.perf_counter()
    for f in files:
        for _ in yaml.parse(f.read_bytes().decode("utf-8"), Loader=yaml.CSafeLoader):
            pass
    values["events_ms"] = (time.perf_counter() - start) * 1000
    report(**values, rss_mb=peak_rss_mb())
    os._exit(0)


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
            "trial",
            record.id,
            record.acronym,
            *record.registry_ids,
            record.title,
            *record.population.conditions,
            record.population.description,
            record.population.background_therapy,
            record.comparator,
            *(o.description for o in record.outcomes),
            record.sponsor,
            *record.countries,
            record.result_summary,
            record.safety_summary,
            record.notes,
            *(p.citation for p in record.publications),
            *linked,
            f"phase:{record.phase}",
            f"status:{record.status}",
            f"met:{record.verdict}",
            *(f"measure:{m}" for m in record.measures),
        ]
    elif isinstance(record, Intervention):
        parts = [
            "intervention",
            record.id,
            record.name,
            *record.aliases,
            record.target,
            record.kind,
            record.mechanism_group,
            record.mechanism,
            record.summary,
            record.approvals,
        ]
    elif isinstance(record, Measure):
        parts = [
            "measure",
            record.id,
            record.abbreviation,
            record.name,
            *record.aliases,
            record.category,
            record.what_it_measures,
            record.specificity_note,
            record.caveats,
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
    dataset = load_dataset(path, use_cache=bool(os.environ.get("MSTRIALS_CACHE")))
    load_ms = (time.perf_counter() - start) * 1000
    load_cpu_ms = (time.process_time() - cpu) * 1000
    try:
        from tui.core.search import SearchIndex
    except ImportError as error:
        report(load_ms=load_ms, load_cpu_ms=load_cpu_ms, error=f"tui.core.search not importable: {error}")
        return
    gc.collect()
    start = time.perf_counter()
    index = SearchIndex(dataset)
    build_ms = (time.perf_counter() - start) * 1000
    build_rss = peak_rss_mb()
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
    out: dict[str, Any] = {
        "load_ms": load_ms,
        "load_cpu_ms": load_cpu_ms,
        "build_ms": build_ms,
        "build_rss_mb": build_rss,
        "per_query_ms": per_query,
        "hits": hits,
        "queries": list(QUERIES),
    }
    fzf = shutil.which("fzf")
    if with_fzf and fzf:
        subset = QUERIES[::fzf_every]
        out["fzf"] = fzf_times(fzf, dataset, subset, fzf_repeat)
        # Our times on the same subset, for a like-for-like ratio.
        out["fzf"]["ours_same_queries_ms"] = per_query[::fzf_every]
    report(**out)
    os._exit(0)


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


# --- interaction ------------------------------------------------------------------------------------


def record_lines(dataset: Any) -> tuple[list[str], list[str]]:
    """Each record's title and its searchable text (for the bare search app)."""
    from tui.core.search import hit_title

    records = [*dataset.interventions, *dataset.trials, *dataset.measures]
    return [hit_title(r) for r in records], [record_line(dataset, r) for r in records]


def interact(kind: str, path: str | None, max_keys: int) -> None:
    asyncio.run(_interact(kind, path, max_keys))
    os._exit(0)


async def _interact(kind: str, path: str | None, max_keys: int) -> None:
    from queries import TYPED
    from textual.screen import Screen
    from textual.widgets import Input

    from tui.core.loader import load_dataset

    dataset = load_dataset(path, use_cache=bool(os.environ.get("MSTRIALS_CACHE")))
    renders: list[float] = []
    original = Screen._compositor_refresh

    def timed_refresh(self: Screen, *args: Any, **kwargs: Any) -> Any:
        result = original(self, *args, **kwargs)
        if self.is_current:
            renders.append(time.perf_counter())
        return result

    Screen._compositor_refresh = timed_refresh  # type: ignore[method-assign]
    app: Any
    if kind == "bare":
        from bare_search_app import BareSearchApp

        app = BareSearchApp(*record_lines(dataset))
    else:
        from tui.app import MSTrialsApp

        app = MSTrialsApp(dataset)
    latencies: list[float] = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        first = app.screen
        if kind == "app":
            app.search_session.index()  # built in the background after the first paint: wait for it
            await pilot.press("slash")
        await _settle(pilot, renders, quiet=0.3)
        inputs = list(app.screen.query(Input))
        if (kind == "app" and app.screen is first) or not inputs:
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
    p.add_argument("--until", choices=STEPS, default="frame", help="report when this is painted or built")
    p.add_argument("--settle", action="store_true", help="then wait until nothing is painted for 250 ms")
    p.add_argument("--quit", action="store_true", help="then press q and let the app exit as it does")
    p = sub.add_parser("load")
    p.add_argument("path")
    p.add_argument("--cached", action="store_true", help="through the cache in $MSTRIALS_CACHE")
    p = sub.add_parser("floor")
    p.add_argument("path")
    p.add_argument("--events-only", action="store_true", help="skip yaml.load (minutes at 100 000 trials)")
    p = sub.add_parser("search")
    p.add_argument("path")
    p.add_argument("--repeat", type=int, default=5)
    p.add_argument("--fzf", action="store_true")
    p.add_argument("--fzf-repeat", type=int, default=1)
    p.add_argument("--fzf-every", type=int, default=1, help="fzf runs every K-th query only (slow on big data)")
    p = sub.add_parser("interact")
    p.add_argument("kind", choices=("app", "bare"))
    p.add_argument("path")
    p.add_argument("--keys", type=int, default=1000)
    args = parser.parse_args()
    if args.mode == "startup":
        startup(args.kind, args.data, args.until, args.settle, args.quit)
    elif args.mode == "load":
        load(args.path, args.cached)
    elif args.mode == "floor":
        floor(args.path, args.events_only)
    elif args.mode == "search":
        search(args.path, args.repeat, args.fzf, args.fzf_repeat, args.fzf_every)
    else:
        interact(args.kind, args.path, args.keys)


if __name__ == "__main__":
    main()
