"""Reading one YAML file into plain Python values, safely.

We build values from the parser's event stream instead of `yaml.load`, for four reasons:
- aliases are refused outright, so an alias bomb ("billion laughs") costs nothing;
- nesting depth is bounded without recursion, so a deeply nested file cannot overflow the stack;
- only the standard scalar tags are accepted, so no tag can construct a Python object;
- duplicate keys are reported instead of silently keeping the last one.
Positions (line, column) are recorded only when asked, because they are needed only to report problems.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path as FilePath
from typing import Any

import yaml
from yaml.reader import ReaderError
from yaml.constructor import SafeConstructor
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
from yaml.nodes import ScalarNode

from .problems import Path

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_DEPTH = 32

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_STR_TAG = "tag:yaml.org,2002:str"
_SCALAR_TAGS = {
    _STR_TAG,
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
_MAP_TAGS = {None, "!", "tag:yaml.org,2002:map"}
_SEQ_TAGS = {None, "!", "tag:yaml.org,2002:seq"}
_constructor = SafeConstructor()


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


def read_text(path: FilePath) -> str:
    """The file's text, refusing files that are too large or not UTF-8."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        limit = MAX_FILE_BYTES // (1024 * 1024)
        raise YamlProblem(f"file is {size / 1024 / 1024:.1f} MB, over the {limit} MB limit")
    data = path.read_bytes()
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


def parse_yaml(text: str, track_positions: bool = False) -> ParsedFile:
    """Build plain values (dict, list, str, int, float, bool, None, date) from YAML text."""
    loader = None
    try:
        loader = _Loader(text)  # the pure-Python loader already checks characters here
        return _build(loader, track_positions)
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
    __slots__ = ("container", "path", "key", "is_map")

    def __init__(self, container: Any, path: Path) -> None:
        self.container = container
        self.path = path
        self.key: str | None = None
        self.is_map = isinstance(container, dict)


def _position(event: Any) -> tuple[int, int]:
    return (event.start_mark.line + 1, event.start_mark.column + 1)


def _scalar(loader: Any, event: ScalarEvent) -> Any:
    tag = event.tag
    if tag is None or tag == "!":
        if not event.implicit[0]:
            # Quoted and block scalars (most of the text) are strings: skip resolving and constructing,
            # which cost ~15% of the parse time on large datasets (tests/bench).
            return event.value
        tag = loader.resolve(ScalarNode, event.value, event.implicit)
    if tag == _STR_TAG:
        return event.value
    if tag not in _SCALAR_TAGS:
        line, column = _position(event)
        raise YamlProblem(f"YAML tag {event.tag!r} is not allowed", line, column)
    node = ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
    try:
        return _constructor.yaml_constructors[tag](_constructor, node)
    except Exception:  # noqa: BLE001 - PyYAML's constructors raise ValueError, KeyError, AttributeError...
        # Looks like a number, date or boolean but is not one (`2026-02-30`, `0x_`, 5000 digits,
        # `!!bool maybe`): keep the text, so the field's own check reports it with its path.
        return event.value


def _build(loader: Any, track: bool) -> ParsedFile:
    parsed = ParsedFile(None)
    stack: list[_Frame] = []
    documents = 0
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
            value = _scalar(loader, event)
        else:
            continue  # stream start, document end

        path = _attach(stack, parsed, value, event)
        if track:
            parsed.value_marks[path] = _position(event)
        if isinstance(value, (dict, list)):
            stack.append(_Frame(value, path))
    return parsed


def _take_key(frame: _Frame, event: ScalarEvent, parsed: ParsedFile, track: bool) -> None:
    key = event.value
    if key in frame.container:
        line, column = _position(event)
        raise YamlProblem(f"duplicate key {key!r}", line, column)
    frame.key = key
    if track:
        parsed.key_marks[(*frame.path, key)] = _position(event)


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


def describe_type(value: Any) -> str:
    """A reader's name for the type of a YAML value."""
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
