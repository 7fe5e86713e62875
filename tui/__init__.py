"""mstrials-tui: a keyboard-first terminal browser for MS remyelination trials.

This module stays import-light (no Textual, no Rich) so that the headless core and the CLI start fast.
"""

__version__ = "0.2.0"
