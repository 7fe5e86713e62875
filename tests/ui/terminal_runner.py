"""Runs the real app, in a real terminal, on a dataset whose strings carry terminal escapes: for
test_terminal_bytes.py, which drives it in a pseudo-terminal and reads every byte it writes.

The loader refuses such strings, so the dataset is built here in Python from the mini fixture, bypassing
it: a dataset from another source (a cache, a plugin, a future loader) gets no such check, and the screen,
the clipboard and the browser must stay safe anyway.

    python tests/ui/terminal_runner.py        # shows the hostile trial (--open); q quits
"""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tui.app import MSTrialsApp  # noqa: E402
from tui.core.loader import load_dataset  # noqa: E402
from tui.core.model import Dataset, Publication, Source, Trial  # noqa: E402

# Sequences a terminal acts on: set the clipboard (OSC 52, "pwned" in base64), a hidden hyperlink (OSC 8),
# a bell, a right-to-left override that reverses what follows, and C1 controls (CSI, NEL, DCS, OSC as
# single code points).
OSC52 = "\x1b]52;c;cHduZWQ=\x07"
HYPERLINK = "\x1b]8;;https://evil.example/\x1b\\click me\x1b]8;;\x1b\\"
RLO = "\u202e"
C1 = "\x9b31m\x85\x90\x9d"
TRIAL_ID = "alpha"


def hostile_dataset() -> Dataset:
    """ALPHA and BETA with escapes in their titles, notes, results, publications and sources.

    Neither has a registry id, so `o` opens a publication: ALPHA's DOI (percent-encoded into a link the
    browser may get) and BETA's raw URL (which no browser may get)."""
    base = load_dataset(ROOT / "tests" / "fixtures" / "mini")
    alpha, beta = base.by_id["alpha"], base.by_id["beta"]
    assert isinstance(alpha, Trial) and isinstance(beta, Trial)
    alpha = dataclasses.replace(
        alpha,
        registry_ids=(),
        title=f"Evil {OSC52} title {RLO} reversed {C1} and {HYPERLINK}",
        notes=f"Notes {HYPERLINK} with a bell \x07 and {RLO}{C1}",
        result_summary=f"Result {OSC52}",
        publications=(Publication(citation=f"Doe J {OSC52} Fictional Journal 2018", doi=f"10.1000/x{OSC52}"),),
        sources=(
            *alpha.sources,
            Source(
                kind="other",
                backs=f"the {OSC52} result",
                title=f"Mirror {HYPERLINK}",
                url=f"https://example.org/{OSC52}",
            ),
        ),
    )
    beta = dataclasses.replace(
        beta,
        registry_ids=(),
        title=f"Beta {RLO} {C1}",
        publications=(Publication(citation=f"Roe R {HYPERLINK}", url=f"https://example.org/paper{HYPERLINK}{OSC52}"),),
    )
    trials = tuple({"alpha": alpha, "beta": beta}.get(t.id, t) for t in base.trials)
    return Dataset(base.info, base.interventions, trials, base.measures)


def main() -> int:
    app = MSTrialsApp(hostile_dataset(), open_ref=TRIAL_ID)
    app.run()
    return app.return_code or 0


if __name__ == "__main__":
    sys.exit(main())
