"""The core and the CLI never import Textual or Rich: they must start fast and work without a terminal.

Checked in a fresh interpreter, because this test process may already have imported Textual elsewhere.
"""

from __future__ import annotations

import importlib.util
import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORE_MODULES = [
    "tui",
    "tui.core.model",
    "tui.core.loader",
    "tui.core.compare",
    "tui.core.export",
    "tui.core.text",
    "tui.core.report",
    "tui.__main__",
]
if importlib.util.find_spec("tui.core.search") is not None:
    CORE_MODULES.insert(3, "tui.core.search")


def imported_ui_modules(modules: list[str]) -> list[str]:
    """Import `modules` in a new interpreter; return the Textual/Rich modules that got imported."""
    code = (
        "import importlib, json, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60, check=True
    )
    return json.loads(result.stdout)


def test_core_and_cli_do_not_import_textual_or_rich():
    assert imported_ui_modules(CORE_MODULES) == []


def test_every_core_module_is_headless():
    core = [f"tui.core.{m.name}" for m in pkgutil.iter_modules([str(ROOT / "tui" / "core")])]
    assert "tui.core.loader" in core
    assert imported_ui_modules(core) == []


@pytest.mark.parametrize("argv", [["validate", "--data", "tests/fixtures/mini"], ["--version"]])
def test_cli_commands_run_without_textual_or_rich(argv):
    code = (
        "import sys\n"
        "from tui.__main__ import main\n"
        "try:\n"
        f"    main({argv!r})\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('UI:', sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.stdout.splitlines()[-1] == "UI: []"
