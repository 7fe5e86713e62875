"""Characters a terminal would act on, in one place: refused in data, made visible or escaped on output.

A data string reaches the terminal, the clipboard, a browser's argv or a JSON file. The loader refuses
these characters in every string value (so valid data never holds them); `visible` and `json_inert` are the
second line of defence for strings that did not come through the loader.
"""

from __future__ import annotations

import re

# C0 controls (tab and line feed included: prose allows only line feeds), DEL, C1 controls, bidi controls
# (ALM, LRM, RLM, LRE…RLO, LRI…PDI), line and paragraph separators, zero-width space and BOM.
_UNSAFE_CLASS = "\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ufeff"
UNSAFE = re.compile(f"[{_UNSAFE_CLASS}]")
# What a JSON file must not carry raw either: `json` leaves C1, bidi and separators as they are.
_JSON_RAW = re.compile("[\x7f-\x9f\u061c\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ufeff]")

_NAMES = {
    "\t": "a tab",
    "\r": "a carriage return (U+000D)",
    "\x1b": "an escape character (ESC)",
    "\x00": "a NUL character",
    "\x07": "a bell character",
    "\x7f": "a DEL character",
    "\u2028": "a line separator (U+2028)",
    "\u2029": "a paragraph separator (U+2029)",
    "\ufeff": "a byte-order mark (U+FEFF)",
}


def describe(char: str) -> str:
    """A reader's name for an unsafe character ('an escape character (ESC)')."""
    name = _NAMES.get(char)
    if name:
        return name
    code = ord(char)
    if code < 0x20:
        return f"a control character (U+{code:04X})"
    if 0x80 <= code <= 0x9F:
        return f"a C1 control character (U+{code:04X})"
    return f"an invisible or direction-changing character (U+{code:04X})"


def _shown(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode "control pictures" block: ␛ for ESC
    if code == 0x7F:
        return "␡"
    return f"<U+{code:04X}>"


def visible(text: str) -> str:
    """Text with every unsafe character replaced by a visible stand-in (␛, <U+202E>); line feeds kept,
    tabs as four spaces, CR LF and CR as line feeds."""
    text = text.replace("\t", "    ").replace("\r\n", "\n").replace("\r", "\n")
    return UNSAFE.sub(_shown, text)


def json_inert(encoded: str) -> str:
    """JSON text with C1, bidi and separator characters written as \\u escapes (still the same JSON)."""
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group(0)):04x}", encoded)
