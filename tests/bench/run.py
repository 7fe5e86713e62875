"""The benchmark suite: `python tests/bench/run.py [--quick] [--json PATH] [--only SECTIONS] [--markdown]`.

Measures start-up (first painted frame, browser ready, search index ready, settled), quitting, loading
(cold from YAML, warm from the cache), the search index build, search, search-as-you-type and memory on the
bundled data and on synthetic data (tests/bench/synth.py, cached under $MSTRIALS_BENCH_CACHE or
~/.cache/mstrials-tui-bench), each beside the baseline it is judged against where there is one: a bare
Textual app with the browser's widget types (start-up, memory), a bare Input + OptionList app filtering the
same records by substring (keystrokes), fzf (search) and libyaml's event stream (loading). It prints a table
(metric, value, unit, baseline, ratio, target, ok?, note) and can write the same as JSON:
{metric: {"value", "unit", "baseline"?, "ratio"?, "target", "ok", "note"?}}. `--show JSON` prints the table
of an earlier run.

Every measurement runs in a fresh process (tests/bench/probes.py), so one cannot warm up or slow down
another; the app's start-up is measured through the command's own code path (`tui.__main__`: loader in a
worker, cache in $MSTRIALS_CACHE, which each run points at a folder of its own). The project's modules are
compiled to bytecode first, as pip does when it installs the wheel (this machine sets
PYTHONDONTWRITEBYTECODE, so an editable install would otherwise be recompiled at every launch). Times are
medians of several runs (p95 where the spread matters). The full run takes about 10 minutes and 2–3 GB of
memory (100 000 trials); `--quick` uses 500 synthetic trials instead of 10 000 and 100 000 and fewer
repeats, and finishes in under a minute.

The machine's load average is recorded with the results: on a shared machine, wall times grow with it.
"""

from __future__ import annotations

import argparse
import compileall
import hashlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
PROBES = HERE / "probes.py"
BUNDLED = REPO / "data"
SEED = 1
sys.path.insert(0, str(HERE))

import synth  # noqa: E402 - from this folder, just added to the path


@dataclass(frozen=True)
class Plan:
    medium: int
    large: int | None
    startup_runs: int
    big_startup_runs: int  # start-ups on the synthetic datasets (each loads the whole dataset)
    cold_runs: dict[str, int]
    warm_runs: dict[str, int]
    floor: dict[str, bool]  # also time yaml.load (minutes at 100 000 trials: the medium size at most)
    search_repeat: int
    # fzf per size label: (repeats, every K-th query) or None to skip; fzf takes seconds per query on
    # 10 000 long lines, so the big sizes run a subset once.
    fzf: dict[str, tuple[int, int] | None]
    interact_keys: int
    timeout: float


FULL = Plan(
    medium=10_000,
    large=100_000,
    startup_runs=7,
    big_startup_runs=3,
    cold_runs={"bundled": 5, "medium": 2, "large": 1},
    warm_runs={"bundled": 5, "medium": 3, "large": 1},
    floor={"bundled": True, "medium": True, "large": False},
    search_repeat=5,
    fzf={"bundled": (3, 1), "medium": (1, 1), "large": (1, 5)},
    interact_keys=1000,
    timeout=1800,
)
QUICK = Plan(
    medium=500,
    large=None,
    startup_runs=2,
    big_startup_runs=1,
    cold_runs={"bundled": 1, "medium": 1, "large": 0},
    warm_runs={"bundled": 1, "medium": 1, "large": 0},
    floor={"bundled": True, "medium": False, "large": False},
    search_repeat=2,
    fzf={"bundled": (1, 1), "medium": None, "large": None},
    interact_keys=8,
    timeout=120,
)

# metric -> (what is judged: "value" or "ratio", comparison, limit). A target holds only for the size it
# names (so --quick checks fewer). Targets of issue #17 (start-up, cache, index, quit, keystrokes, memory)
# and of the search work before it.
TARGETS: dict[str, tuple[str, str, float]] = {
    "startup.bundled.first_frame_ms": ("ratio", "<=", 1.2),
    "startup.10000_trials.first_frame_ms": ("ratio", "<=", 1.5),
    "startup.100000_trials.first_frame_ms": ("ratio", "<=", 1.5),
    "load.10000_trials.cold_ms": ("value", "<=", 2500),
    "load.10000_trials.warm_ms": ("value", "<=", 1000),
    "load.100000_trials.warm_ms": ("value", "<=", 10_000),
    "search.10000_trials.index_build_ms": ("value", "<=", 1500),
    "quit.bundled_ms": ("value", "<=", 500),
    "quit.10000_trials_ms": ("value", "<=", 500),
    "quit.10000_trials.while_indexing_ms": ("value", "<=", 500),
    "quit.100000_trials_ms": ("value", "<=", 500),
    "quit.100000_trials.while_indexing_ms": ("value", "<=", 500),
    "interact.10000_trials.median_ms": ("ratio", "<=", 1.1),
    "memory.100000_trials.with_index_mb": ("value", "<=", 1200),
    "search.bundled.median_ms": ("value", "<=", 2),
    "search.10000_trials.median_ms": ("value", "<=", 20),
    "search.100000_trials.median_ms": ("value", "<=", 150),
}


# Figures shown with the targets in the summary (`--summary`, the README's table): what explains them.
KEY_FIGURES = (
    "env.loadavg_start",
    "env.loadavg_end",
    "startup.bare.first_frame_ms",
    "startup.bundled.browser_ms",
    "startup.10000_trials.browser_ms",
    "startup.10000_trials.index_ready_ms",
    "startup.100000_trials.browser_ms",
    "startup.100000_trials.index_ready_ms",
    "load.bundled.warm_ms",
    "load.libyaml_events.10000_trials_ms",
    "load.10000_trials.cache_write_ms",
    "load.100000_trials.cold_ms",
    "search.100000_trials.index_build_ms",
    "memory.bare_mb",
    "memory.10000_trials.with_index_mb",
    "interact.bare.10000_trials.median_ms",
)


@dataclass
class Results:
    rows: dict[str, dict[str, Any]] = field(default_factory=dict)

    def add(
        self,
        name: str,
        value: float | str | None,
        unit: str,
        note: str = "",
        baseline: float | None = None,
    ) -> None:
        """One figure; with a `baseline` (same unit, measured in the same run) its ratio is shown too."""
        target = TARGETS.get(name)
        rate = value / baseline if isinstance(value, (int, float)) and baseline else None
        ok: bool | None = None
        if target is not None:
            judged = rate if target[0] == "ratio" else value
            if isinstance(judged, (int, float)):
                ok = judged <= target[2] if target[1] == "<=" else judged >= target[2]
        row: dict[str, Any] = {
            "value": float(f"{value:.4g}") if isinstance(value, float) else value,
            "unit": unit,
            "target": (f"{target[1]} {target[2]:g}" + ("x" if target[0] == "ratio" else "")) if target else None,
            "ok": ok,
        }
        if baseline is not None:
            row["baseline"] = float(f"{baseline:.4g}")
            row["ratio"] = None if rate is None else round(rate, 3)
        if note:
            row["note"] = note
        self.rows[name] = row
        shown = "n/a" if value is None else (f"{value:.2f}" if isinstance(value, float) else str(value))
        against = "" if baseline is None else f" (baseline {baseline:.1f}, {rate or 0:.2f}x)"
        print(f"  {name:<44} {shown:>10} {unit:<5}{against} {note}", file=sys.stderr, flush=True)

    def table(self, markdown: bool = False, summary: bool = False) -> str:
        """Every figure, or (`summary`) those with a target and the KEY_FIGURES that explain them."""
        header = ("metric", "value", "unit", "baseline", "ratio", "target", "ok?", "note")
        lines = [header]
        for name, row in self.rows.items():
            if summary and name not in TARGETS and name not in KEY_FIGURES:
                continue
            value = row["value"]
            if value is None:
                shown = "n/a"
            elif isinstance(value, float):
                shown = fmt(value)
            else:
                shown = f"{value:,}" if isinstance(value, int) else str(value)
            base = row.get("baseline")
            rate = row.get("ratio")
            ok = {True: "yes", False: "NO", None: "-"}[row["ok"]]
            note = row.get("note", "")
            lines.append(
                (
                    name,
                    shown,
                    row["unit"],
                    "-" if base is None else fmt(base),
                    "-" if rate is None else f"{rate:.2f}x",
                    row["target"] or "-",
                    ok,
                    note,
                )
            )
        if markdown:
            rows = [f"| {' | '.join(cell.replace('|', '/') for cell in line)} |" for line in lines]
            rows.insert(1, "|---|---:|---|---:|---:|---|---|---|")
            return "\n".join(rows)
        widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
        out = []
        for n, line in enumerate(lines):
            cells = [
                line[0].ljust(widths[0]),
                line[1].rjust(widths[1]),
                line[2].ljust(widths[2]),
                line[3].rjust(widths[3]),
                line[4].rjust(widths[4]),
                *(c.ljust(w) for c, w in zip(line[5:], widths[5:], strict=True)),
            ]
            out.append("  ".join(cells).rstrip())
            if n == 0:
                out.append("  ".join("-" * w for w in widths))
        return "\n".join(out)


def fmt(value: float) -> str:
    """A value with as many digits as are worth reading."""
    size = abs(value)
    if size >= 1000:
        return f"{value:,.0f}"
    if size >= 100:
        return f"{value:.1f}"
    return f"{value:.2f}" if size >= 0.1 else f"{value:.2g}"


# --- helpers --------------------------------------------------------------------------------------------


class ProbeError(Exception):
    pass


def probe(*args: str, timeout: float, cache: Path | None = None) -> tuple[dict[str, Any], float]:
    """Run probes.py in a fresh process; returns its RESULT and the wall time until RESULT was printed.
    The result also holds `_ended_at`: time.monotonic() when the process had ended (for quit times).
    `cache`: the folder for the dataset cache ($MSTRIALS_CACHE); none given: the cache is off."""
    env = {**os.environ, "PYTHONPATH": str(REPO), "MSTRIALS_CACHE": str(cache) if cache else "off"}
    env.pop("MSTRIALS_DATA", None)
    env.pop("MSTRIALS_CONFIG", None)
    # stderr goes to a file: a chatty or failing child must never block on a full pipe.
    with tempfile.TemporaryFile("w+", encoding="utf-8", errors="replace") as errors:
        start = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, str(PROBES), *args],
            stdout=subprocess.PIPE,
            stderr=errors,
            stdin=subprocess.DEVNULL,
            env=env,
            cwd=REPO,
            text=True,
        )
        result: dict[str, Any] | None = None
        elapsed = 0.0
        watchdog = threading.Timer(timeout, proc.kill)  # a child that hangs before RESULT is killed too
        watchdog.start()
        try:
            assert proc.stdout is not None
            for line in proc.stdout:
                if line.startswith("RESULT "):
                    elapsed = time.perf_counter() - start
                    result = json.loads(line[len("RESULT ") :])
                    break
            try:
                proc.communicate(timeout=120)  # a result is kept even if the child is slow to exit
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.communicate()
        finally:
            watchdog.cancel()
        if result is None and time.perf_counter() - start >= timeout:
            raise ProbeError(f"probes.py {' '.join(args)}: timed out after {timeout:.0f} s")
        if result is None:
            errors.seek(0)
            tail = " | ".join(errors.read().strip().splitlines()[-3:])
            raise ProbeError(f"probes.py {' '.join(args)} failed (exit {proc.returncode}): {tail}")
        result["_ended_at"] = time.monotonic()
    return result, elapsed


@contextmanager
def cache_folder() -> Iterator[Path]:
    """A fresh, empty folder for the dataset cache (a cold start), removed afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="mstrials-bench-cache-"))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def compile_project() -> None:
    """Bytecode for the project's modules, as an installed wheel has it (pip compiles at install)."""
    compileall.compile_dir(REPO / "tui", quiet=1)
    compileall.compile_dir(HERE, quiet=1, maxlevels=0)


def median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def p95(values: list[float]) -> float | None:
    if not values:
        return None
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=20, method="inclusive")[18]


def ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b else None


def cache_root() -> Path:
    explicit = os.environ.get("MSTRIALS_BENCH_CACHE")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "mstrials-tui-bench"


def synth_fingerprint() -> str:
    """A hash of what synth.py writes (a small sample), so the cache follows changes in its output but
    not edits that change nothing. The measure texts are not part of it: they are simply re-copied."""
    with tempfile.TemporaryDirectory() as tmp:
        sample = synth.generate(60, tmp, seed=SEED, per_file=25)
        digest = hashlib.sha1()
        for path in sorted(sample.rglob("*.yaml")):
            if path.name != "measures.yaml":
                digest.update(path.relative_to(sample).as_posix().encode() + b"\0" + path.read_bytes())
        if synth.REAL_MEASURES.is_file():
            digest.update(",".join(synth.measure_ids_of(synth.REAL_MEASURES)).encode())
    return digest.hexdigest()[:10]


def synthetic(n: int) -> Path:
    """A synthetic dataset of n trials, generated once per version of synth.py and data/measures.yaml."""
    out = cache_root() / f"synth-{n}-seed{SEED}-{synth_fingerprint()}"
    stamp = out / "COMPLETE"
    if not stamp.is_file():
        if out.exists():
            shutil.rmtree(out)
        start = time.perf_counter()
        synth.generate(n, out, seed=SEED)
        stamp.write_text(f"generated in {time.perf_counter() - start:.1f} s\n")
        print(f"  (generated {n} synthetic trials in {time.perf_counter() - start:.1f} s: {out})", file=sys.stderr)
    elif synth.REAL_MEASURES.is_file() and synth.REAL_MEASURES.read_bytes() != (out / "measures.yaml").read_bytes():
        shutil.copyfile(synth.REAL_MEASURES, out / "measures.yaml")
    return out


def size_name(n: int | None) -> str:
    return "bundled" if n is None else f"{n}_trials"


def guarded(results: Results, names: list[tuple[str, str]], action: Callable[[], None]) -> None:
    """Run one benchmark; if it fails, record its metrics as n/a with the reason instead of stopping."""
    try:
        action()
    except ProbeError as error:
        for name, unit in names:
            if name not in results.rows:
                results.add(name, None, unit, note=f"error: {error}"[:300])


# --- benchmarks -----------------------------------------------------------------------------------------


def wall_marks(out: dict[str, Any], wall: float) -> dict[str, float]:
    """The child's in-process marks (ms since its start) as wall times since the process was launched:
    the RESULT line came at `wall`, `in_process_ms` after the child started."""
    offset = wall * 1000 - out["in_process_ms"]
    marks = {name: offset + at for name, at in out["marks_ms"].items()}
    if "settled_ms" in out:
        marks["settled"] = offset + out["settled_ms"]
    marks["python_start"] = offset
    return marks


def bench_startup(results: Results, plan: Plan, medium_path: Path, large_path: Path | None) -> None:
    """First painted frame, browser ready, index ready and settled, against the bare app (interleaved, so
    that a change in machine load hits both alike); then the same on the big datasets; memory; quitting."""
    runs = plan.startup_runs
    bare: dict[str, list[float]] = {}
    app: dict[str, list[float]] = {}
    rss_bare: list[float] = []
    rss_app: list[float] = []
    phases: dict[str, dict[str, list[float]]] = {"bare": {}, "app": {}}
    widgets: dict[str, int] = {}
    first_screens: set[str] = set()

    def note_phases(kind: str, out: dict[str, Any], marks: dict[str, float]) -> None:
        # Where the time goes: interpreter start, imports, then Textual's mount + first paint.
        at = out["phases_ms"]
        steps = {
            "python_start": marks["python_start"],
            "import_textual": at["textual_imported"],
            "import_app": at["app_imported"] - at["textual_imported"],
            "mount_and_first_paint": out["marks_ms"]["frame"] - at["app_created"],
        }
        for step, value in steps.items():
            phases[kind].setdefault(step, []).append(value)
        widgets[kind] = out.get("widgets", 0)

    with cache_folder() as cache:
        probe("startup", "bare", timeout=plan.timeout)  # warm-up: page cache; fills the app's data cache
        probe("startup", "app", "--data", str(BUNDLED), timeout=plan.timeout, cache=cache)
        for _ in range(runs):
            out, wall = probe("startup", "bare", "--settle", timeout=plan.timeout)
            marks = wall_marks(out, wall)
            for name, value in marks.items():
                bare.setdefault(name, []).append(value)
            rss_bare.append(out["rss_mb"])
            note_phases("bare", out, marks)
            args = ("startup", "app", "--data", str(BUNDLED), "--until", "index", "--settle")
            out, wall = probe(*args, timeout=plan.timeout, cache=cache)
            marks = wall_marks(out, wall)
            for name, value in marks.items():
                app.setdefault(name, []).append(value)
            rss_app.append(out["rss_mb"])
            first_screens.add(out["first_screen"])
            note_phases("app", out, marks)
        bare_frame = median(bare["frame"])
        results.add("startup.bare.first_frame_ms", bare_frame, "ms", note="Header, Tree, Static, Footer")
        results.add("startup.bare.settled_ms", median(bare["settled"]), "ms", note="nothing painted for 250 ms")
        shown = "/".join(sorted(first_screens))
        results.add(
            "startup.bundled.first_frame_ms", median(app["frame"]), "ms", note=f"first: {shown}", baseline=bare_frame
        )
        results.add("startup.bundled.browser_ms", median(app["browser"]), "ms", baseline=bare_frame)
        results.add("startup.bundled.index_ready_ms", median(app["index"]), "ms")
        results.add("startup.bundled.settled_ms", median(app["settled"]), "ms", baseline=median(bare["settled"]))
        for kind in ("bare", "app"):
            for step, values in phases[kind].items():
                note = f"{widgets[kind]} widgets" if step == "mount_and_first_paint" else ""
                results.add(f"startup.{kind}.{step}_ms", median(values), "ms", note=note)
        results.add("memory.bare_mb", median(rss_bare), "MB")
        results.add("memory.bundled.with_index_mb", median(rss_app), "MB", baseline=median(rss_bare))
        out, _ = probe(
            "startup", "app", "--data", str(BUNDLED), "--until", "index", "--quit", timeout=plan.timeout, cache=cache
        )
        results.add("quit.bundled_ms", (out["_ended_at"] - out["quit_at"]) * 1000, "ms", note="q to process end")

    sizes = [(plan.medium, medium_path, plan.big_startup_runs)]
    if large_path is not None and plan.large is not None:
        sizes.append((plan.large, large_path, 1))
    for n, path, count in sizes:
        size = size_name(n)
        with cache_folder() as cache:
            # Cold: the first start on this data reads the YAML (and writes the cache)...
            args = ("startup", "app", "--data", str(path), "--until", "index")
            out, wall = probe(*args, timeout=plan.timeout, cache=cache)
            cold = wall_marks(out, wall)
            # ... warm: later starts read the cache. The last one quits with q once the index is built.
            warm: dict[str, list[float]] = {}
            rss: list[float] = []
            quits: list[float] = []
            for run in range(count):
                last = run == count - 1
                out, wall = probe(*args, *(("--quit",) if last else ()), timeout=plan.timeout, cache=cache)
                for name, value in wall_marks(out, wall).items():
                    warm.setdefault(name, []).append(value)
                rss.append(out["rss_mb"])
                if last:
                    quits.append((out["_ended_at"] - out["quit_at"]) * 1000)
            # Quitting while the index is still being built (a thread that cannot be interrupted).
            out, _ = probe(
                "startup", "app", "--data", str(path), "--until", "browser", "--quit", timeout=plan.timeout, cache=cache
            )
            building = (out["_ended_at"] - out["quit_at"]) * 1000
        frame = median(warm["frame"])
        results.add(f"startup.{size}.first_frame_ms", frame, "ms", note="warm cache", baseline=bare_frame)
        results.add(f"startup.{size}.browser_ms", median(warm["browser"]), "ms", note="warm cache", baseline=bare_frame)
        results.add(f"startup.{size}.index_ready_ms", median(warm["index"]), "ms", note="warm cache")
        results.add(f"startup.{size}.cold.first_frame_ms", cold["frame"], "ms", note="cold: YAML", baseline=bare_frame)
        results.add(f"startup.{size}.cold.browser_ms", cold["browser"], "ms", note="cold: YAML + cache write")
        results.add(
            f"memory.{size}.with_index_mb", median(rss), "MB", note="peak RSS, warm start", baseline=median(rss_bare)
        )
        results.add(f"quit.{size}_ms", median(quits), "ms", note="q to process end, index built")
        results.add(f"quit.{size}.while_indexing_ms", building, "ms", note="q as soon as the browser shows")


def bench_load(results: Results, plan: Plan, label: str, n: int | None, path: Path) -> Path:
    """Cold loads (YAML, cache miss, cache written) and warm loads (cache hit, validated again). Returns a
    warm cache folder for the search benchmark (the caller removes it)."""
    size = size_name(n)
    cold: list[float] = []
    writes: list[float] = []
    cpu: list[float] = []
    for _ in range(plan.cold_runs[label]):
        with cache_folder() as folder:
            out, _ = probe("load", str(path), "--cached", timeout=plan.timeout, cache=folder)
        cold.append(out["ms"])
        writes.append(out["write_ms"])
        cpu.append(out["cpu_ms"])
    warm_folder = Path(tempfile.mkdtemp(prefix="mstrials-bench-cache-"))
    probe("load", str(path), "--cached", timeout=plan.timeout, cache=warm_folder)  # fills it
    warm: list[float] = []
    for _ in range(plan.warm_runs[label]):
        out, _ = probe("load", str(path), "--cached", timeout=plan.timeout, cache=warm_folder)
        if not out["hit"]:
            raise ProbeError(f"the cache missed on a warm load: {out.get('warnings')}")
        warm.append(out["ms"])
    events: list[float] = []
    floors: list[float] = []
    out, _ = probe("floor", str(path), *(() if plan.floor[label] else ("--events-only",)), timeout=plan.timeout)
    events.append(out["events_ms"])
    if "ms" in out:
        floors.append(out["ms"])
    libyaml = median(events)
    results.add(
        f"load.{size}.cold_ms",
        median(cold),
        "ms",
        note=f"{len(cold)} run(s): YAML + checks + cache write",
        baseline=libyaml,
    )
    results.add(f"load.{size}.cold_cpu_ms", median(cpu), "ms", note="CPU time of the same runs")
    results.add(f"load.{size}.cache_write_ms", median(writes), "ms", note="part of the cold load")
    results.add(
        f"load.{size}.warm_ms",
        median(warm),
        "ms",
        note=f"{len(warm)} run(s): JSON cache + the same checks",
        baseline=libyaml,
    )
    results.add(
        f"load.libyaml_events.{size}_ms", libyaml, "ms", note="baseline: read + libyaml's events only, no values"
    )
    if floors:
        results.add(f"load.yaml_load.{size}_ms", median(floors), "ms", note="read + yaml.load(CSafeLoader)")
    return warm_folder


def bench_search(results: Results, plan: Plan, label: str, n: int | None, path: Path, *, cache: Path) -> None:
    """The index build, and search (and fzf) on one dataset."""
    size = size_name(n)
    fzf_plan = plan.fzf.get(label)
    fzf_args = ["--fzf", "--fzf-repeat", str(fzf_plan[0]), "--fzf-every", str(fzf_plan[1])] if fzf_plan else []
    out, _ = probe(
        "search", str(path), "--repeat", str(plan.search_repeat), *fzf_args, timeout=plan.timeout, cache=cache
    )
    if "error" in out:
        for metric in ("median_ms", "p95_ms"):
            results.add(f"search.{size}.{metric}", None, "ms", note=out["error"])
        return
    results.add(f"search.{size}.index_build_ms", out["build_ms"], "ms", note="from scratch, in one process")
    ours = out["per_query_ms"]
    fzf = out.get("fzf")
    fzf_median = median(fzf["per_query_ms"]) if fzf else None
    results.add(f"search.{size}.median_ms", median(ours), "ms", baseline=fzf_median)
    results.add(f"search.{size}.p95_ms", p95(ours), "ms", baseline=p95(fzf["per_query_ms"]) if fzf else None)
    slowest = sorted(zip(ours, out["queries"], strict=True), reverse=True)[:3]
    note = "slowest: " + ", ".join(f"'{query}' {ms:.0f}" for ms, query in slowest)
    results.add(f"search.{size}.max_ms", max(ours), "ms", note=note)
    if fzf:
        count = len(fzf["per_query_ms"])
        note = f"{fzf['version']}, {count} queries" + ("" if count == len(ours) else " (every 5th)")
        results.add(f"fzf.{size}.median_ms", fzf_median, "ms", note=note)
        same = ratio(median(fzf["ours_same_queries_ms"]), fzf_median)
        results.add(f"search.{size}.vs_fzf_ratio", same, "x", note="our median / fzf median, same queries")
    else:
        note = "n/a (skipped in --quick)" if fzf_plan is None else "n/a (fzf not installed)"
        results.add(f"fzf.{size}.median_ms", None, "ms", note=note)
        results.add(f"search.{size}.vs_fzf_ratio", None, "x", note=note)


def bench_interaction(results: Results, plan: Plan, path: Path) -> None:
    """Keystroke to updated result list, the search screen against the bare Input + OptionList app."""
    size = size_name(plan.medium)
    with cache_folder() as cache:
        probe("load", str(path), "--cached", timeout=plan.timeout, cache=cache)
        bare, _ = probe(
            "interact", "bare", str(path), "--keys", str(plan.interact_keys), timeout=plan.timeout, cache=cache
        )
        out, _ = probe(
            "interact", "app", str(path), "--keys", str(plan.interact_keys), timeout=plan.timeout, cache=cache
        )
    if not out.get("present"):
        note = "n/a (search screen not present)"
        results.add(f"interact.{size}.median_ms", None, "ms", note=note)
        results.add(f"interact.{size}.p95_ms", None, "ms", note=note)
        return
    keys = out["per_key_ms"]
    base = bare["per_key_ms"]
    results.add(f"interact.bare.{size}.median_ms", median(base), "ms", note="Input + OptionList, substring filter")
    results.add(f"interact.{size}.median_ms", median(keys), "ms", note=f"{len(keys)} keystrokes", baseline=median(base))
    results.add(f"interact.{size}.p95_ms", p95(keys), "ms", baseline=p95(base))


SECTIONS = ("startup", "bundled", "medium", "large", "interact")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run the benchmarks and print a table.")
    parser.add_argument("--quick", action="store_true", help="small sizes, few repeats (under a minute)")
    parser.add_argument("--json", metavar="PATH", help="also write the results as JSON to PATH")
    parser.add_argument(
        "--only",
        metavar="SECTIONS",
        help=f"comma-separated subset of {','.join(SECTIONS)} (default: all; 'large' is never run with --quick)",
    )
    parser.add_argument("--show", metavar="JSON", help="only print the table of an earlier --json file")
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown (for the README)")
    parser.add_argument("--summary", action="store_true", help="only the targets and the figures that explain them")
    args = parser.parse_args(argv)
    if args.show:
        print(Results(json.loads(Path(args.show).read_text(encoding="utf-8"))).table(args.markdown, args.summary))
        return 0
    only = set(args.only.split(",")) if args.only else set(SECTIONS)
    if only - set(SECTIONS):
        parser.error(f"unknown section(s): {', '.join(sorted(only - set(SECTIONS)))}")
    plan = QUICK if args.quick else FULL
    results = Results()
    began = time.perf_counter()
    results.add("env.cpus", os.cpu_count() or 0, "cpus")
    results.add("env.loadavg_start", round(os.getloadavg()[0], 2), "load")
    compile_project()
    print(f"synthetic data: {plan.medium} trials" + (f" and {plan.large}" if plan.large else ""), file=sys.stderr)
    medium = synthetic(plan.medium) if only & {"startup", "medium", "interact"} else BUNDLED
    large = synthetic(plan.large) if plan.large and only & {"large"} else None

    if "startup" in only:
        print("start-up, memory and quitting", file=sys.stderr)
        guarded(
            results,
            [("startup.bundled.first_frame_ms", "ms")],
            lambda: bench_startup(results, plan, medium, large),
        )
    datasets: list[tuple[str, int | None, Path]] = []
    if "bundled" in only:
        datasets.append(("bundled", None, BUNDLED))
    if "medium" in only:
        datasets.append(("medium", plan.medium, medium))
    if large is not None:
        datasets.append(("large", plan.large, large))
    for label, n, path in datasets:
        size = size_name(n)
        print(f"loading and search: {size}", file=sys.stderr)

        def load_and_search(label: str = label, n: int | None = n, path: Path = path) -> None:
            warm = bench_load(results, plan, label, n, path)
            try:
                bench_search(results, plan, label, n, path, cache=warm)
            finally:
                shutil.rmtree(warm, ignore_errors=True)

        guarded(results, [(f"search.{size}.median_ms", "ms"), (f"load.{size}.cold_ms", "ms")], load_and_search)
    if "interact" in only:
        print("interaction", file=sys.stderr)
        guarded(
            results,
            [(f"interact.{size_name(plan.medium)}.median_ms", "ms")],
            lambda: bench_interaction(results, plan, medium),
        )
    results.add("env.loadavg_end", round(os.getloadavg()[0], 2), "load")
    results.add("env.total_s", time.perf_counter() - began, "s")
    print(results.table(args.markdown, args.summary))
    if args.json:
        Path(args.json).write_text(json.dumps(results.rows, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
