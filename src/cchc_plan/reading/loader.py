"""Bytes to data, safely, with the line and column of every node.

One reader builds plain dicts, lists and scalars from the YAML parser's events, one
event at a time and never recursing, so that every hazard (duplicate keys, tags,
aliases, nesting, impossible dates, …) becomes a diagnostic with a position. The
events come from ruamel.yaml's C parser when it is installed; when that parser
objects, the pure-Python parser reads the file again so that the message and
position are ruamel.yaml's own. Scalars are resolved with ruamel.yaml's YAML 1.2
rules, looked up once per first character instead of once per scalar.
"""

from __future__ import annotations

import functools
import os
import re
import stat
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import (
    AliasEvent,
    CollectionStartEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
)
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.resolver import implicit_resolvers
from ruamel.yaml.tag import Tag

try:
    # The C extension's parser, which ruamel.yaml re-exports without declaring it.
    from ruamel.yaml.cyaml import CParser  # type: ignore[attr-defined]
except ImportError:  # no ruamel.yaml.clib: every file goes through the pure parser
    CParser = None

from cchc_plan.diagnostics import Diagnostic, Path, diagnostic
from cchc_plan.errors import file_kind, reason_of

MAX_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 64
MAX_ALIAS_NODES = 100_000
MAX_REPORTED = 20  # per kind of text-level problem, so a broken file stays readable

# What YAML 1.2 forbids in a stream (outside c-printable), and a BOM inside the text.
# Written as the small forbidden set: it compiles far faster than the allowed one.
_FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufeff\ufffe\uffff]"
)
_SURROGATE = re.compile("[\ud800-\udfff]")
_TAB_INDENT = re.compile(r"^ *\t", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class Position:
    line: int
    column: int


@dataclass(slots=True)
class PositionIndex:
    """Where each value and each key of the data stands in the file (1-based)."""

    values: dict[Path, Position] = field(default_factory=dict)
    keys: dict[Path, Position] = field(default_factory=dict)
    # The text of plain scalars that YAML read as something other than text.
    raw: dict[Path, str] = field(default_factory=dict)

    def locate(self, path: Path, *, at: str = "value") -> Position:
        """The position of `path`, or of its nearest ancestor that exists."""
        if at == "key" and path in self.keys:
            return self.keys[path]
        while path:
            if path in self.values:
                return self.values[path]
            if path in self.keys:
                return self.keys[path]
            path = path[:-1]
        return self.values.get((), Position(1, 1))


@dataclass(slots=True)
class Loaded:
    """What reading one file gave: its data (None when unusable) and diagnostics."""

    name: str
    text: str
    data: dict[str, Any] | None
    diagnostics: list[Diagnostic]
    index: PositionIndex = field(default_factory=PositionIndex)
    unreadable: bool = False

    def locate(self, diag: Diagnostic) -> Diagnostic:
        """Give a path-only diagnostic its line and column in this file."""
        if diag.line:
            return diag.located(self.name, diag.line, diag.column)
        pos = self.index.locate(diag.path, at=diag.at)
        extra: dict[str, object] = {}
        if diag.related is not None:
            extra["first_line"] = self.index.locate(diag.related, at=diag.at).line
        if diag.code == "CCHC104":
            extra["raw"] = self.index.raw.get(diag.path, diag.params.get("raw"))
        return diag.located(self.name, pos.line, pos.column, **extra)


def read_file(path: str, *, name: str | None = None) -> Loaded:
    """Read and parse the file at `path`; every failure becomes a diagnostic."""
    name = name or path
    try:
        # Opened without waiting, so that a FIFO is refused rather than waited on.
        with open(os.open(path, _READ_FLAGS), "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                return _unreadable(name, file_kind(info.st_mode))
            raw = handle.read(MAX_BYTES + 1)  # never more, whatever the file says
    except OSError as error:
        return _unreadable(name, reason_of(error))
    return load_bytes(raw, name=name, size=max(info.st_size, len(raw)))


_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


def _unreadable(name: str, reason: str) -> Loaded:
    """A file that cannot be read at all; `reason` as errors.reason_of and file_kind say."""
    diag = diagnostic("CCHC020", reason=reason).located(name, 0, 0)
    return Loaded(name, "", None, [diag], unreadable=True)


def load_bytes(raw: bytes, *, name: str, size: int | None = None) -> Loaded:
    """Parse a plan file's bytes into data, diagnostics and positions."""
    if len(raw) > MAX_BYTES:
        diag = diagnostic("CCHC017", size=size or len(raw), limit=MAX_BYTES)
        return Loaded(name, "", None, [diag.located(name, 1, 1)])
    text, problem = _decode(raw)
    if problem is not None:
        # Shown with replacement characters, so that the caret has a line to point into.
        shown = raw.decode("utf-8", "replace") if problem.line > 1 or problem.column > 1 else ""
        return Loaded(name, shown, None, [problem.located(name, problem.line, problem.column)])
    forbidden = _forbidden_characters(text)
    if forbidden:
        return Loaded(name, text, None, [d.located(name, d.line, d.column) for d in forbidden])
    reader = _Reader(text, pure=False)
    try:
        data = reader.run()
    except YAMLError:
        # The C parser objected: let the pure one say what and where, in its words.
        reader = _Reader(text, pure=True)
        data = reader.run()
    located = [d.located(name, d.line, d.column) for d in reader.diagnostics]
    return Loaded(name, text, data, located, reader.index)


def _decode(raw: bytes) -> tuple[str, Diagnostic | None]:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or (len(raw) > 1 and b"\x00" in raw[:2]):
        return "", _at(diagnostic("CCHC004", detail="UTF-16"), 1, 1)
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as error:
        start = error.start
        line = raw.count(b"\n", 0, start) + 1
        line_start = raw.rfind(b"\n", 0, start) + 1
        # Columns count characters: decode what precedes the bad byte on its line.
        column = len(raw[line_start:start].decode("utf-8", "replace")) + 1
        detail = f"byte 0x{raw[start]:02X}"
        return "", _at(diagnostic("CCHC004", detail=detail), line, column)


def _at(diag: Diagnostic, line: int, column: int) -> Diagnostic:
    return diag.located("", line, column)


def _offset_position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _forbidden_characters(text: str) -> list[Diagnostic]:
    found = []
    for match in _FORBIDDEN.finditer(text):
        char = match.group()
        name = unicodedata.name(char, "")
        label = f"U+{ord(char):04X}" + (f" ({name})" if name else "")
        found.append(
            _at(diagnostic("CCHC005", char=label), *_offset_position(text, match.start()))
        )
        if len(found) == MAX_REPORTED:
            break
    return found


# --- the reader ----------------------------------------------------------------------


@dataclass(slots=True)
class _Frame:
    """An open mapping or sequence while the reader walks the events."""

    value: dict[Any, Any] | list[Any]
    path: Path
    anchor: str | None
    key: object = None
    has_key: bool = False
    key_line: dict[object, int] = field(default_factory=dict)
    nodes: int = 1


_NO_KEY = object()


def kind_of(value: object) -> str:
    """The YAML-facing name of a value's type, as messages name it."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, date | datetime):
        return "date"
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return "mapping"
    return "text"


class _Scalars:
    """YAML 1.2 scalar resolution as ruamel.yaml does it, with its rules looked up once."""

    def __init__(self, yaml: YAML) -> None:
        self.constructor = yaml.constructor
        # ruamel.yaml keys its rules by a scalar's first character; None means any.
        by_first: dict[str | None, list[tuple[str, Any]]] = {}
        for versions, tag, regexp, first in implicit_resolvers:
            if (1, 2) in versions:
                chars: list[str | None] = list(first) if first else [None]
                for char in chars:
                    by_first.setdefault(char, []).append((tag, regexp))
        anywhere = by_first.pop(None, [])
        self.rules = {char: [*rules, *anywhere] for char, rules in by_first.items() if char}
        self.anywhere = anywhere

    def tag(self, text: str) -> str:
        """The tag a plain scalar resolves to (`tag:yaml.org,2002:int`, …)."""
        for tag, regexp in self.rules.get(text[:1], self.anywhere):
            if regexp.match(text):
                return str(tag)
        return STR_TAG

    def construct(self, tag: str, text: str) -> object:
        """The value of a plain scalar with that tag; raises ValueError if impossible."""
        if tag == NULL_TAG:
            return None
        # The common spellings directly; anything else as ruamel.yaml constructs it.
        if tag == INT_TAG and _DECIMAL.fullmatch(text):
            return int(text)
        if tag == FLOAT_TAG and _DECIMAL_POINT.fullmatch(text):
            return float(text)
        if tag == TIMESTAMP_TAG and _ISO_DATE.fullmatch(text):
            return date.fromisoformat(text)
        return self.constructor.construct_object(ScalarNode(Tag(suffix=tag), text))


STR_TAG = "tag:yaml.org,2002:str"
NULL_TAG = "tag:yaml.org,2002:null"
INT_TAG = "tag:yaml.org,2002:int"
FLOAT_TAG = "tag:yaml.org,2002:float"
TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
_DECIMAL = re.compile(r"[-+]?(0|[1-9][0-9]{0,17})")
_DECIMAL_POINT = re.compile(r"[-+]?[0-9]{1,15}\.[0-9]{1,15}")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


@functools.cache
def _scalars() -> _Scalars:
    """The resolver every reader shares, made on first use."""
    return _Scalars(YAML(typ="safe", pure=True))


class _Reader:
    """Builds the data from parser events, one event at a time, never recursing."""

    def __init__(self, text: str, *, pure: bool) -> None:
        self.text = text
        self.diagnostics: list[Diagnostic] = []
        self.index = PositionIndex()
        self.broken = False  # an error that makes the data unusable
        self.nfd_count = 0
        self.nfd_warning: Diagnostic | None = None
        self.pure = pure or CParser is None
        self.scalars = _scalars()
        self.anchors: dict[str, tuple[object, int]] = {}
        self.open_anchors: set[str] = set()
        self.alias_nodes = 0

    def report(self, code: str, line: int, column: int, **params: object) -> None:
        self.diagnostics.append(Diagnostic(code, params, line=line, column=column))

    def run(self) -> dict[str, Any] | None:
        """The data, or None; diagnostics pile up in `self.diagnostics`.

        With the C parser a YAML error propagates, for the pure parser to explain.
        """
        try:
            root = self._walk()
        except MarkedYAMLError as error:
            if not self.pure:
                raise
            self._report_yaml_error(error)
            return None
        except YAMLError as error:  # ruamel's unmarked errors; rare
            if not self.pure:
                raise
            self.report("CCHC001", 1, 1, problem=str(error))
            return None
        except _Stop:
            return None
        return self._finish(root)

    def _finish(self, root: object) -> dict[str, Any] | None:
        if self.nfd_warning is not None:
            where = self.diagnostics.index(self.nfd_warning)
            self.diagnostics[where] = replace(self.nfd_warning, params={"count": self.nfd_count})
        if self.broken:
            return None
        if root is _NO_KEY or root is None:
            self.report("CCHC007", 1, 1)
            return None
        if not isinstance(root, dict):
            pos = self.index.values.get((), Position(1, 1))
            self.report("CCHC008", pos.line, pos.column, expected="mapping", actual=kind_of(root))
            return None
        return root

    def _report_yaml_error(self, error: MarkedYAMLError) -> None:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        problem = " ".join(str(error.problem or error.context or "").split())
        context = error.context_mark
        if error.context and error.problem and context is not None and context.line + 1 != line:
            where = f"{context.line + 1}:{context.column + 1}"
            problem += f" ({' '.join(str(error.context).split())} at {where})"
        tab = _TAB_INDENT.search(self.text, 0, self._line_end(line))
        if tab is not None or "'\\t'" in problem:
            if tab is not None:
                line, column = _offset_position(self.text, tab.end() - 1)
            self.report("CCHC003", line, column)
        elif "escape" in problem:
            self.report("CCHC021", line, column, problem=problem)
        elif "another document" in problem:
            self.report("CCHC006", line, column)
        else:
            self.report("CCHC001", line, column, problem=problem)

    def _line_end(self, line: int) -> int:
        offset = -1
        for _ in range(line):
            offset = self.text.find("\n", offset + 1)
            if offset < 0:
                return len(self.text)
        return offset

    def _events(self) -> Iterator[Any]:
        if self.pure or CParser is None:
            return iter(YAML(typ="safe", pure=True).parse(self.text))
        return iter(CParser(self.text).get_event, None)

    def _walk(self) -> object:
        stack: list[_Frame] = []
        root: object = _NO_KEY
        documents = 0
        value: object
        for event in self._events():
            mark = event.start_mark
            line, column = mark.line + 1, mark.column + 1
            if isinstance(event, ScalarEvent):  # the most common event first
                value = self._scalar(event, stack, line, column)
                if event.anchor is not None:
                    self.anchors[event.anchor] = (value, 1)
                if stack:
                    stack[-1].nodes += 1
            elif isinstance(event, DocumentStartEvent):
                documents += 1
                if documents > 1:
                    self.report("CCHC006", line, column)
                    raise _Stop
                if event.version is not None or event.tags:
                    self._report_directive()
                continue
            elif isinstance(event, MappingEndEvent | SequenceEndEvent):
                frame = stack.pop()
                if frame.anchor is not None:
                    self.anchors[frame.anchor] = (frame.value, frame.nodes)
                    self.open_anchors.discard(frame.anchor)
                if stack:
                    stack[-1].nodes += frame.nodes
                value = frame.value
            elif isinstance(event, AliasEvent):
                name = event.anchor
                if name in self.open_anchors:
                    self.report("CCHC011", line, column, name=name)
                    raise _Stop
                if name not in self.anchors:
                    self.report("CCHC022", line, column, name=name)
                    raise _Stop
                value, nodes = self.anchors[name]
                self.alias_nodes += nodes
                if self.alias_nodes > MAX_ALIAS_NODES:
                    self.report("CCHC012", line, column, limit=MAX_ALIAS_NODES)
                    raise _Stop
                if stack:
                    stack[-1].nodes += nodes
            elif isinstance(event, CollectionStartEvent):
                if event.tag is not None:
                    self.report("CCHC009", line, column, tag=_shown_tag(event.tag))
                    self.broken = True
                path = self._child_path(stack)
                if len(stack) >= MAX_DEPTH:
                    self.report("CCHC013", line, column, limit=MAX_DEPTH)
                    raise _Stop
                if stack and not stack[-1].has_key and isinstance(stack[-1].value, dict):
                    self.report(
                        "CCHC010",
                        line,
                        column,
                        actual=("mapping" if isinstance(event, MappingStartEvent) else "list"),
                    )
                    self.broken = True
                container: dict[Any, Any] | list[Any] = (
                    {} if isinstance(event, MappingStartEvent) else []
                )
                self.index.values.setdefault(path, Position(line, column))
                if event.anchor is not None:
                    self.open_anchors.add(event.anchor)
                stack.append(_Frame(container, path, event.anchor))
                continue
            else:  # stream and document ends
                continue
            if not stack:
                root = value
                continue
            self._attach(stack[-1], value, line, column, isinstance(event, ScalarEvent))
        return root

    def _child_path(self, stack: list[_Frame]) -> Path:
        if not stack:
            return ()
        frame = stack[-1]
        if isinstance(frame.value, list):
            return (*frame.path, len(frame.value))
        if frame.has_key and isinstance(frame.key, str | int):
            return (*frame.path, frame.key)
        return (*frame.path, "?")

    def _attach(self, frame: _Frame, value: object, line: int, column: int, scalar: bool) -> None:
        if isinstance(frame.value, list):
            frame.value.append(value)
            return
        if not frame.has_key:
            frame.has_key = True
            frame.key = value
            if value is _NO_KEY:
                return
            if not isinstance(value, str):
                if scalar:
                    self.report("CCHC010", line, column, actual=kind_of(value))
                    self.broken = True
                frame.key = _NO_KEY
                return
            key_path = (*frame.path, value)
            if value in frame.key_line:
                self.report("CCHC002", line, column, key=value, first_line=frame.key_line[value])
                self.broken = True
            else:
                frame.key_line[value] = line
                self.index.keys[key_path] = Position(line, column)
            return
        key, frame.has_key, frame.key = frame.key, False, None
        if key is not _NO_KEY and key not in frame.value:
            frame.value[key] = value

    def _scalar(self, event: ScalarEvent, stack: list[_Frame], line: int, column: int) -> object:
        path = self._child_path(stack)
        is_key = bool(stack) and isinstance(stack[-1].value, dict) and not stack[-1].has_key
        if event.tag is not None:
            self.report("CCHC009", line, column, tag=_shown_tag(event.tag))
            self.broken = True
        text = event.value
        value: object = text
        if not event.style and event.tag is None:  # plain: the C parser says "", pure None
            value = self._resolve(text, line, column)
            if not isinstance(value, str) and not is_key:
                self.index.raw[path] = text
        if isinstance(value, str):
            value = self._clean_text(value, line, column)
        if not is_key:
            self.index.values[path] = Position(line, column)
        return value

    def _resolve(self, text: str, line: int, column: int) -> object:
        tag = self.scalars.tag(text)
        if tag == STR_TAG:
            return text
        try:
            return self.scalars.construct(tag, text)
        except ValueError as error:
            if tag.endswith(":int"):
                self.report("CCHC015", line, column, digits=sum(c.isdigit() for c in text))
            elif tag.endswith(":timestamp"):
                self.report("CCHC014", line, column, value=text)
            else:
                self.report("CCHC001", line, column, problem=str(error))
            self.broken = True
            return text

    def _clean_text(self, value: str, line: int, column: int) -> str:
        if value.isascii():
            return value
        surrogate = _SURROGATE.search(value)
        if surrogate is not None:
            self.report("CCHC019", line, column, char=f"U+{ord(surrogate.group()):04X}")
            self.broken = True
            return value
        if not unicodedata.is_normalized("NFC", value):
            # One warning per file, at the first such text, counting the rest.
            if self.nfd_count == 0:
                self.report("CCHC018", line, column)
                self.nfd_warning = self.diagnostics[-1]
            self.nfd_count += 1
            return unicodedata.normalize("NFC", value)
        return value

    def _report_directive(self) -> None:
        match = re.search(r"^%\S*", self.text, re.MULTILINE)
        offset = match.start() if match else 0
        directive = match.group() if match else "%"
        self.report("CCHC016", *_offset_position(self.text, offset), directive=directive)
        self.broken = True


def _shown_tag(tag: object) -> str:
    """A tag as the file wrote it: `!!str`, not `tag:yaml.org,2002:str`."""
    text = str(tag)
    prefix = "tag:yaml.org,2002:"
    return "!!" + text[len(prefix) :] if text.startswith(prefix) else text


class _Stop(Exception):
    """The reader met a problem after which the rest cannot be trusted."""
