"""Reading one YAML file into plain Python values, safely.

We build values from the parser's event stream instead of `yaml.load`, for four reasons:
- aliases are refused outright, so an alias bomb ("billion laughs") costs nothing;
- nesting depth is bounded without recursion, so a deeply nested file cannot overflow the stack;
- no tag can construct a Python object (only !!str is accepted), and plain scalars are resolved by our own
  bounded rules (see `resolve_plain`), so no value is reinterpreted and no number is too long to convert;
- duplicate keys are reported instead of silently keeping the last one.
Positions (line, column) are recorded only for the paths asked for, because they are needed only to report
problems; every file is limited in size, depth and number of values.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field
from pathlib import Path as FilePath
from typing import Any, NoReturn

import yaml
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from yaml.reader import ReaderError

from .problems import Path

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_DEPTH = 32

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_STR_TAG = "tag:yaml.org,2002:str"
_MAP_TAGS = {None, "!", "tag:yaml.org,2002:map"}
_SEQ_TAGS = {None, "!", "tag:yaml.org,2002:seq"}
_SCALAR_TAGS = {None, "!", _STR_TAG}
MAX_VALUES = 1_500_000

# Plain (unquoted) scalars are resolved as YAML 1.2's core schema does, minus its octal and hex forms:
# `yes`, `on`, `0123`, `0x1f`, `1:20:00` and `2026.10.1` stay text, so no value is silently reinterpreted
# (YAML 1.1 turns `pmid: 0123` into 83). Numbers are bounded in length before they are converted, so a
# 3 600-digit literal costs nothing and cannot hit Python's integer conversion limit.
_NULLS = {"", "~", "null", "Null", "NULL"}
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"^[-+]?(?:0|[1-9][0-9]{0,17})$")
_FLOAT = re.compile(r"^[-+]?(?:[0-9]{1,20}\.[0-9]{0,20}|\.[0-9]{1,20}|[0-9]{1,20}(?=[eE]))(?:[eE][-+]?[0-9]{1,3})?$")
_SPECIAL_FLOATS = {".inf": math.inf, "+.inf": math.inf, "-.inf": -math.inf, ".nan": math.nan}
_DATE = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})$")
# Every number, special float and date above starts with one of these.
_NUMBER_STARTS = frozenset("0123456789+-.")


class YamlProblem(Exception):
    """A file-level problem: the file cannot be turned into values at all."""

    def __init__(self, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


@dataclass
class ParsedFile:
    """The values of one file, and (when tracked) where each value and key starts."""

    value: Any
    value_marks: dict[Path, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[Path, tuple[int, int]] = field(default_factory=dict)


def read_bytes(path: FilePath) -> bytes:
    """The file's bytes, refusing files over the size limit (checked before reading)."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        limit = MAX_FILE_BYTES // (1024 * 1024)
        raise YamlProblem(f"file is {size / 1024 / 1024:.1f} MB, over the {limit} MB limit")
    data = path.read_bytes()
    if len(data) > MAX_FILE_BYTES:  # grew while we looked
        raise YamlProblem(f"file is over the {MAX_FILE_BYTES // (1024 * 1024)} MB limit")
    return data


def decode(data: bytes) -> str:
    """A file's bytes as text, refusing anything that is not UTF-8."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        before = data[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        raise YamlProblem(
            f"file is not UTF-8 text (byte 0x{data[error.start]:02x} at offset {error.start})",
            line,
            column,
        ) from None


def read_text(path: FilePath) -> str:
    """The file's text, refusing files that are too large or not UTF-8."""
    return decode(read_bytes(path))


def parse_yaml(text: str, track: frozenset[Path] | None = None) -> ParsedFile:
    """Build plain values (dict, list, str, int, float, bool, None, date) from YAML text.

    `track`: the paths whose positions are wanted (to report problems at them); positions are not
    recorded otherwise, so that the memory needed stays a fraction of the file's."""
    loader = None
    try:
        loader = _Loader(text)  # the pure-Python loader already checks characters here
        return _build(loader, track) if track is not None else ParsedFile(_values(loader))
    except ReaderError as error:
        line, column = _reader_position(text, error.position)
        raise YamlProblem(f"malformed YAML: {error.reason} (U+{error.character:04X})", line, column) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        message = f"malformed YAML: {error.problem or error.context}"
        if mark is None:
            raise YamlProblem(message) from None
        raise YamlProblem(message, mark.line + 1, mark.column + 1) from None
    except yaml.YAMLError as error:
        raise YamlProblem(f"malformed YAML: {error}") from None
    finally:
        if loader is not None:
            loader.dispose()


def _reader_position(text: str, position: int) -> tuple[int, int]:
    """Line and column of a reader error; libyaml counts UTF-8 bytes, the pure-Python reader characters."""
    if _Loader is not yaml.SafeLoader:
        position = len(text.encode("utf-8", "surrogatepass")[:position].decode("utf-8", "ignore"))
    before = text[:position]
    return before.count("\n") + 1, position - (before.rfind("\n") + 1) + 1


class _Frame:
    __slots__ = ("container", "is_map", "key", "path")

    def __init__(self, container: Any, path: Path) -> None:
        self.container = container
        self.path = path
        self.key: str | None = None
        self.is_map = isinstance(container, dict)


def _position(event: Any) -> tuple[int, int]:
    return (event.start_mark.line + 1, event.start_mark.column + 1)


def _scalar(event: ScalarEvent) -> Any:
    if event.tag not in _SCALAR_TAGS:
        line, column = _position(event)
        raise YamlProblem(
            f"YAML tag {event.tag!r} is not allowed (only !!str; write numbers and dates plainly)", line, column
        )
    if event.tag == _STR_TAG or not event.implicit[0]:
        return event.value  # quoted and block scalars are text
    return resolve_plain(event.value)


def resolve_plain(value: str) -> Any:
    """A plain scalar's value: null, a boolean, a bounded number, a date, or else the text itself."""
    if value in _NULLS:
        return None
    if value in _BOOLS:
        return _BOOLS[value]
    if value[0] not in _NUMBER_STARTS:  # most plain scalars are words: no pattern can match them
        return value
    if _INT.match(value):
        return int(value)
    if _FLOAT.match(value):
        return float(value)
    if value in _SPECIAL_FLOATS:
        return _SPECIAL_FLOATS[value]
    match = _DATE.match(value)
    if match:
        try:
            return dt.date(*(int(part) for part in match.groups()))
        except ValueError:
            return value  # `2026-02-30`: kept as text, so the field's own check reports it
    return value


def _build(loader: Any, track: frozenset[Path] | None) -> ParsedFile:
    parsed = ParsedFile(None)
    stack: list[_Frame] = []
    documents = 0
    values = 0
    while True:
        event = loader.get_event()
        if isinstance(event, StreamEndEvent):
            break
        if isinstance(event, DocumentStartEvent):
            documents += 1
            if documents > 1:
                line, column = _position(event)
                raise YamlProblem("more than one YAML document ('---') in the file", line, column)
            continue
        if isinstance(event, AliasEvent):
            line, column = _position(event)
            raise YamlProblem(f"YAML aliases (*{event.anchor}) are not supported", line, column)
        if isinstance(event, (MappingEndEvent, SequenceEndEvent)):
            stack.pop()
            continue
        if isinstance(event, (MappingStartEvent, SequenceStartEvent)):
            is_map = isinstance(event, MappingStartEvent)
            if event.tag not in (_MAP_TAGS if is_map else _SEQ_TAGS):
                line, column = _position(event)
                raise YamlProblem(f"YAML tag {event.tag!r} is not allowed", line, column)
            if len(stack) >= MAX_DEPTH:
                line, column = _position(event)
                raise YamlProblem(f"nesting deeper than {MAX_DEPTH} levels", line, column)
            value: Any = {} if is_map else []
        elif isinstance(event, ScalarEvent):
            top = stack[-1] if stack else None
            if top is not None and top.is_map and top.key is None:
                _take_key(top, event, parsed, track)
                continue
            value = _scalar(event)
        else:
            continue  # stream start, document end

        values += 1
        if values > MAX_VALUES:
            _too_many_values(event)
        path = _attach(stack, parsed, value, event)
        if track is not None and path in track:
            parsed.value_marks[path] = _position(event)
        if isinstance(value, (dict, list)):
            stack.append(_Frame(value, path))
    return parsed


def _values(loader: Any) -> Any:
    """What `_build` builds when no position is tracked: the same values and the same problems, without the
    path of every value (only needed for positions). This loop runs once per YAML event (millions for a large
    dataset), so it keeps the open containers in local variables and dispatches on the event's exact type."""
    get_event = loader.get_event
    root: Any = None
    parents: list[tuple[Any, bool, str | None]] = []  # the containers around the current one
    top: Any = None  # the container being filled; None at the document's level
    is_map = False
    key: str | None = None  # the key waiting for its value (in a mapping)
    documents = 0
    values = 0
    while True:
        event = get_event()
        kind = type(event)
        if kind is ScalarEvent:
            if is_map and key is None:
                key = event.value
                if key in top:
                    line, column = _position(event)
                    raise YamlProblem(f"duplicate key {_printable(key)!r}", line, column)
                continue
            tag = event.tag
            if tag is None and event.implicit[0]:
                value: Any = resolve_plain(event.value)
            else:
                value = _scalar(event)
        elif kind is MappingEndEvent or kind is SequenceEndEvent:
            top, is_map, key = parents.pop()
            continue
        elif kind is MappingStartEvent or kind is SequenceStartEvent:
            opens_map = kind is MappingStartEvent
            if event.tag not in (_MAP_TAGS if opens_map else _SEQ_TAGS):
                line, column = _position(event)
                raise YamlProblem(f"YAML tag {event.tag!r} is not allowed", line, column)
            if len(parents) >= MAX_DEPTH:
                line, column = _position(event)
                raise YamlProblem(f"nesting deeper than {MAX_DEPTH} levels", line, column)
            value = {} if opens_map else []
        elif kind is StreamEndEvent:
            break
        elif kind is DocumentStartEvent:
            documents += 1
            if documents > 1:
                line, column = _position(event)
                raise YamlProblem("more than one YAML document ('---') in the file", line, column)
            continue
        elif kind is AliasEvent:
            line, column = _position(event)
            raise YamlProblem(f"YAML aliases (*{event.anchor}) are not supported", line, column)
        else:
            continue  # stream start, document end

        values += 1
        if values > MAX_VALUES:
            _too_many_values(event)
        if top is None:
            root = value
        elif is_map:
            if key is None:
                line, column = _position(event)
                raise YamlProblem("a mapping key must be plain text, not a list or mapping", line, column)
            top[key] = value
            key = None
        else:
            top.append(value)
        if kind is MappingStartEvent or kind is SequenceStartEvent:
            parents.append((top, is_map, key))
            top, is_map, key = value, kind is MappingStartEvent, None
    return root


def _too_many_values(event: Any) -> NoReturn:
    line, column = _position(event)
    raise YamlProblem(f"more than {MAX_VALUES:,} values in one file; split it into smaller files", line, column)


def _take_key(frame: _Frame, event: ScalarEvent, parsed: ParsedFile, track: frozenset[Path] | None) -> None:
    key = event.value
    if key in frame.container:
        line, column = _position(event)
        raise YamlProblem(f"duplicate key {_printable(key)!r}", line, column)
    frame.key = key
    if track is not None and (*frame.path, key) in track:
        parsed.key_marks[(*frame.path, key)] = _position(event)


def _printable(text: str) -> str:
    return "".join(char if char.isprintable() else "?" for char in text[:60])


def _attach(stack: list[_Frame], parsed: ParsedFile, value: Any, event: Any) -> Path:
    if not stack:
        parsed.value = value
        return ()
    top = stack[-1]
    if top.is_map:
        if top.key is None:
            line, column = _position(event)
            raise YamlProblem("a mapping key must be plain text, not a list or mapping", line, column)
        key = top.key
        top.container[key] = value
        top.key = None
        return (*top.path, key)
    top.container.append(value)
    return (*top.path, len(top.container) - 1)
