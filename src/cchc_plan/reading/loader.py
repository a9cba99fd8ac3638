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
    SequenceStartEvent,
)
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.resolver import implicit_resolvers
from ruamel.yaml.tag import Tag

try:
    # The C extension's parser, which ruamel.yaml re-exports without declaring it.
    from ruamel.yaml.cyaml import CParser  # type: ignore[attr-defined]
except ImportError:  # no ruamel.yaml.clib: every file goes through the pure parser
    CParser = None

from cchc_plan.controls import UNSAFE, kind
from cchc_plan.diagnostics import Diagnostic, Path, diagnostic
from cchc_plan.errors import ReadFailed, file_kind, reason_of

MAX_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 64
MAX_ALIAS_NODES = 100_000
MAX_REPORTED = 20  # per kind of text-level problem, so a broken file stays readable
MAX_NBSP_LOOKED = 1_000  # no-break spaces examined after a syntax error, at most

# What YAML 1.2 forbids in a stream (outside c-printable), and a BOM inside the text.
# Written as the small forbidden set: it compiles far faster than the allowed one.
_FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufeff\ufffe\uffff]"
)
_SURROGATE = re.compile("[\ud800-\udfff]")
# What text may not hold: a lone surrogate (CCHC019), an unsafe character (CCHC023).
_SUSPECT = re.compile(UNSAFE.pattern[:-1] + "\ud800-\udfff]")
_TAB_INDENT = re.compile(r"^ *\t", re.MULTILINE)
# A line that starts with % is a directive (%YAML, %TAG, or one YAML does not know).
_DIRECTIVE = re.compile(r"^%[^\n]*", re.MULTILINE)
# A \U escape, not itself escaped (\\U is a backslash and a U).
_LONG_ESCAPE = re.compile(r"(?<!\\)(?:\\\\)*(\\U[0-9A-Fa-f]{8})")
# What follows a backslash in a double-quoted scalar: an escape, as YAML 1.2 reads it.
_ESCAPE = re.compile(r"\\(?:x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|\r\n|.)", re.DOTALL)
_TAG = re.compile(r"![^\s,\[\]{}]*")
# A comment right after a plain value whose text touches its "#": "Báo cáo #1 tiến độ".
_CUT_COMMENT = re.compile(r"[ \t]+(#[^\s#][^\n]*)")
_DECIMAL_COMMA = re.compile(r"[-+]?[0-9]+,[0-9]+")
_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")  # the keys a plan has: English words
_NBSP = "\u00a0"
# A key, then a colon: what a no-break space may not follow.
_KEY_COLON = re.compile(r"(?:^|[\s{,\[-])[A-Za-z_][A-Za-z0-9_-]*:$")
_IN_COMMENT = re.compile(r"(?:^|\s)#")
_SIMPLE_ESCAPES = {
    "0": "\0",
    "a": "\a",
    "b": "\b",
    "t": "\t",
    "\t": "\t",
    "n": "\n",
    "v": "\v",
    "f": "\f",
    "r": "\r",
    "e": "\x1b",
    "N": "\x85",
    "_": "\xa0",
    "L": "\u2028",
    "P": "\u2029",
}


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
    # What a diagnostic at a key's path should add: a comma in braces made the key.
    hints: dict[Path, dict[str, object]] = field(default_factory=dict)

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
        extra.update(self.index.hints.get(diag.path, {}))
        return diag.located(self.name, pos.line, pos.column, **extra)


def read_regular(path: str, limit: int | None = None) -> tuple[bytes, int]:
    """The bytes of the regular file at `path` (at most `limit`) and its size. Opened
    without waiting, so that a FIFO is refused rather than waited on; anything but a
    regular file, and any failure, raises ReadFailed with the reason."""
    try:
        with open(os.open(path, _READ_FLAGS), "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise ReadFailed(path, file_kind(info.st_mode))
            raw = handle.read(-1 if limit is None else limit)
    except OSError as error:
        raise ReadFailed(path, reason_of(error)) from None
    return raw, max(info.st_size, len(raw))


def read_file(path: str, *, name: str | None = None) -> Loaded:
    """Read and parse the file at `path`; every failure becomes a diagnostic."""
    name = name or path
    try:
        raw, size = read_regular(path, MAX_BYTES + 1)  # never more, whatever the file says
    except ReadFailed as failed:
        return _unreadable(name, failed.reason)
    return load_bytes(raw, name=name, size=size)


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
    readable, directives = _without_directives(text)
    reader = _Reader(readable, pure=False)
    try:
        data = reader.run()
    except YAMLError:
        # The C parser objected: let the pure one say what and where, in its words.
        reader = _Reader(readable, pure=True)
        data = reader.run()
    located = [d.located(name, d.line, d.column) for d in [*directives, *reader.diagnostics]]
    return Loaded(name, text, None if directives else data, located, reader.index)


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


def _without_directives(text: str) -> tuple[str, list[Diagnostic]]:
    """The text with every directive line emptied, and a diagnostic for each.

    A plan has no use for directives, and ruamel.yaml's parser stops with an internal
    error on some (`%YAML 1.3`): none reaches it. Lines keep their numbers.
    """
    if not text.startswith("%") and "\n%" not in text:
        return text, []
    found: list[Diagnostic] = []
    line, counted = 1, 0

    def empty(match: re.Match[str]) -> str:
        nonlocal line, counted
        line += text.count("\n", counted, match.start())
        counted = match.start()
        if len(found) < MAX_REPORTED:
            directive = _shortened(match.group().rstrip())
            found.append(_at(diagnostic("CCHC016", directive=directive), line, 1))
        return ""

    return _DIRECTIVE.sub(empty, text), found


def _shortened(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _escape_beyond_unicode(text: str) -> tuple[str, int, int] | None:
    """The first \\U escape past U+10FFFF, and its line and column."""
    for match in _LONG_ESCAPE.finditer(text):
        escape = match.group(1)
        if int(escape[2:], 16) > MAX_CODE_POINT:
            return (escape, *_offset_position(text, match.start(1)))
    return None


def _decoded(source: str, *, escapes: bool) -> Iterator[tuple[int, str, str | None]]:
    """Each character a scalar's source makes, with its offset in the source and, when
    an escape (in a double-quoted scalar) makes it, the escape as written."""
    offset = 0
    while offset < len(source):
        match = _ESCAPE.match(source, offset) if escapes else None
        if match is None:
            yield offset, source[offset], None
            offset += 1
            continue
        written = match.group()
        body = written[1:]
        if body[:1] in {"x", "u", "U"} and len(body) > 1:
            code = int(body[1:], 16)
            yield offset, chr(code) if code <= MAX_CODE_POINT else "\ufffd", written
        else:
            char = _SIMPLE_ESCAPES.get(body, body if body not in {"\n", "\r\n"} else "")
            yield offset, char, written
        offset = match.end()


MAX_CODE_POINT = 0x10FFFF


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
    flow: bool = False  # a mapping in braces
    value_start: int | None = None  # where its last plain value starts in the text


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
MERGE_TAG = "tag:yaml.org,2002:merge"
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
        self.nbsp_reported: set[int] = set()  # offsets of the no-break spaces reported

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
        except (ValueError, OverflowError):
            # The pure scanner makes a \\U escape's character without a range check.
            beyond = _escape_beyond_unicode(self.text)
            if beyond is None:
                raise
            escape, line, column = beyond
            self.report("CCHC021", line, column, escape=escape, reason="escape_beyond")
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
        traps = self._nbsp_traps(self._line_end(line))
        if tab is not None or "'\\t'" in problem:
            if tab is not None:
                line, column = _offset_position(self.text, tab.end() - 1)
            self.report("CCHC003", line, column)
        elif traps:  # the parser stumbled on a no-break space, there or before
            for offset, where in traps:
                if offset not in self.nbsp_reported:
                    self.report("CCHC024", *_offset_position(self.text, offset), where=where)
        elif "tag" in str(error.context) or "tag handle" in problem:
            mark = error.context_mark if "scanning" in str(error.context) else mark
            if mark is not None:
                line, column = mark.line + 1, mark.column + 1
            self.report("CCHC009", line, column, tag=self._tag_at(line, column))
        elif "escape" in problem:  # in a double-quoted scalar: the rest were tags
            self._report_bad_escape(line, column, problem)
        elif "another document" in problem:
            self.report("CCHC006", line, column)
        else:
            self.report("CCHC001", line, column, problem=problem)

    def _nbsp_traps(self, limit: int) -> list[tuple[int, str]]:
        """The no-break spaces before `limit` where YAML needs a space, and why."""
        found: list[tuple[int, str]] = []
        offset = self.text.find(_NBSP, 0, limit)
        looked = 0
        while offset >= 0 and len(found) < MAX_REPORTED and looked < MAX_NBSP_LOOKED:
            where = _nbsp_trap(self.text, offset)
            if where is not None and not (found and found[-1][0] == offset - 1):
                found.append((offset, where))  # a run of them is one problem
            looked += 1
            offset = self.text.find(_NBSP, offset + 1, limit)
        return found

    def _report_bad_escape(self, line: int, column: int, problem: str) -> None:
        """CCHC021 at the escape's backslash, naming the escape as written."""
        offset = self._line_end(line - 1) + column  # the character the parser objects to
        backslash = self.text.rfind("\\", 0, offset + 1)
        unknown = "unknown escape" in problem
        escape = self.text[backslash : offset + 1 if unknown else offset]
        reason = "escape_unknown" if unknown else "escape_digits"
        self.report(
            "CCHC021", *_offset_position(self.text, backslash), escape=escape, reason=reason
        )

    def _tag_at(self, line: int, column: int) -> str:
        """The tag the file writes at a place (`!k!plan`), for a message."""
        offset = self._line_end(line - 1) + column
        match = _TAG.match(self.text, offset)
        return _shortened(match.group()) if match else "!"

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
                    if stack[-1].has_key or isinstance(stack[-1].value, list):
                        # What the copy holds is named at the alias, not at the anchor.
                        self.index.values.setdefault(
                            self._child_path(stack), Position(line, column)
                        )
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
                flow = isinstance(event, MappingStartEvent) and bool(event.flow_style)
                stack.append(_Frame(container, path, event.anchor, flow=flow))
                continue
            else:  # stream and document ends
                continue
            if not stack:
                root = value
                continue
            self._attach(stack[-1], value, line, column, event)
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

    def _attach(self, frame: _Frame, value: object, line: int, column: int, event: Any) -> None:
        if isinstance(frame.value, list):
            frame.value.append(value)
            return
        scalar = isinstance(event, ScalarEvent)
        if not frame.has_key:
            frame.has_key = True
            frame.key = value
            if value is _NO_KEY:
                return
            hint = self._comma_hint(frame, event) if frame.flow and scalar else {}
            if not isinstance(value, str):
                if scalar:
                    self.report("CCHC010", line, column, actual=kind_of(value), **hint)
                    self.broken = True
                frame.key = _NO_KEY
                return
            key_path = (*frame.path, value)
            if hint:
                self.index.hints[key_path] = hint
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
        if frame.flow:
            start = event.start_mark.index
            if not scalar or event.style:
                frame.value_start = None
            elif start != event.end_mark.index:  # not the empty value of a key alone
                frame.value_start = start

    def _comma_hint(self, frame: _Frame, key: ScalarEvent) -> dict[str, object]:
        """What to add about a key in braces, right after a plain value, that no colon
        follows ({ name: Văn phòng, Sở }) or that no plan would name (a Vietnamese
        word): a comma inside the value most likely split it."""
        if frame.value_start is None or key.style:
            return {}
        end = key.end_mark.index
        following = self.text[end : end + 80].lstrip(" \t\r\n")
        if following[:1] not in {",", "}"}:  # a colon follows: a key of its own
            return {} if _KEY.fullmatch(key.value) else {"hint": "flow_comma_key"}
        written = self.text[frame.value_start : end]
        if _DECIMAL_COMMA.fullmatch(written):
            return {
                "hint": "decimal_comma_flow",
                "written": written,
                "decimal": written.replace(",", "."),
            }
        if any(char in written for char in '"\\'):
            return {"hint": "flow_comma_key"}
        return {"hint": "flow_comma", "joined": " ".join(written.split())}

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
            elif text and not is_key:
                self._check_cut_comment(event, text)
        if isinstance(value, str):
            value = self._clean_text(value, event, is_key=is_key)
        if not is_key:
            self.index.values[path] = Position(line, column)
        return value

    def _check_cut_comment(self, event: ScalarEvent, text: str) -> None:
        """CCHC025 when a comment follows a plain text value on its line and its "#"
        touches its first word: the "#" was most likely meant as part of the value."""
        end = event.end_mark.index
        if self.text[end : end + 1] not in {" ", "\t"}:
            return
        match = _CUT_COMMENT.match(self.text, end)
        if match is None:
            return
        comment = match.group(1).rstrip()
        whole = text + self.text[end : match.start(1)] + comment
        quoted = (
            "'" + whole.replace("'", "''") + "'"
            if '"' in whole or "\\" in whole
            else '"' + whole + '"'
        )
        line, column = event.end_mark.line + 1, event.end_mark.column + 1 + match.start(1) - end
        self.report("CCHC025", line, column, comment=comment, value=text, quoted=quoted)

    def _check_nbsp(self, event: ScalarEvent, is_key: bool) -> None:
        """CCHC024 when a plain scalar holds a no-break space where YAML needed a space:
        indentation or a list's dash before it, a key's colon around it."""
        start = event.start_mark.index
        source = self.text[start : event.end_mark.index]
        offset = source.find(_NBSP)
        while offset >= 0:
            where = _nbsp_trap(self.text, start + offset)
            if where == "nbsp_before_colon" and not is_key:
                where = None
            if where is not None:
                self.report("CCHC024", *_position_in(event, source, offset), where=where)
                self.nbsp_reported.add(start + offset)
                self.broken = True
                return
            offset = source.find(_NBSP, offset + 1)

    def _place_of(
        self, event: ScalarEvent, bad: re.Pattern[str]
    ) -> tuple[tuple[int, int], str | None]:
        """Where the file writes the first character of a scalar that `bad` matches (at
        its escape's backslash in a double-quoted scalar), and the escape, if one."""
        start, end = event.start_mark, event.end_mark
        source = self.text[start.index : end.index]
        for offset, char, written in _decoded(source, escapes=event.style == '"'):
            if bad.match(char):
                return _position_in(event, source, offset), written
        return (start.line + 1, start.column + 1), None

    def _resolve(self, text: str, line: int, column: int) -> object:
        tag = self.scalars.tag(text)
        if tag == STR_TAG:
            return text
        if tag == MERGE_TAG:  # `<<: *anchor`: a mapping copied into another
            self.report("CCHC026", line, column)
            self.broken = True
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

    def _clean_text(self, value: str, event: ScalarEvent, *, is_key: bool) -> str:
        # Only an escape can put a control character into ASCII text: the stream
        # itself holds none (CCHC005).
        if value.isascii() and event.style != '"':
            return value
        suspect = _SUSPECT.search(value)
        if suspect is not None:
            char = suspect.group()
            if _SURROGATE.match(char):
                where, _ = self._place_of(event, _SURROGATE)
                self.report("CCHC019", *where, char=f"U+{ord(char):04X}")
            else:
                where, written = self._place_of(event, UNSAFE)
                label = f"U+{ord(char):04X}"
                self.report("CCHC023", *where, char=label, what=kind(char), written=written)
            self.broken = True
            return value
        if value.isascii():
            return value
        if _NBSP in value and not event.style:
            self._check_nbsp(event, is_key=is_key)
        if not unicodedata.is_normalized("NFC", value):
            # One warning per file, at the first such text, counting the rest.
            if self.nfd_count == 0:
                self.report("CCHC018", event.start_mark.line + 1, event.start_mark.column + 1)
                self.nfd_warning = self.diagnostics[-1]
            self.nfd_count += 1
            return unicodedata.normalize("NFC", value)
        return value


def _position_in(event: ScalarEvent, source: str, offset: int) -> tuple[int, int]:
    """The line and column of `offset` in a scalar's source text."""
    start = event.start_mark
    newline = source.rfind("\n", 0, offset)
    if newline < 0:
        return start.line + 1, start.column + 1 + offset
    return start.line + 1 + source.count("\n", 0, offset), offset - newline


def _nbsp_trap(text: str, offset: int) -> str | None:
    """Why the no-break space at `offset` stands where YAML needs an ordinary space
    (a word of the messages), or None when it is text, as in a name or a comment."""
    line_start = max(text.rfind("\n", 0, offset) + 1, offset - 200)
    line_end = text.find("\n", offset, offset + 200)
    before = text[line_start:offset]
    after = text[offset + 1 : line_end if line_end >= 0 else offset + 200]
    if _IN_COMMENT.search(before):
        return None
    if not before.strip(" -" + _NBSP):
        return "nbsp_after_dash" if before.endswith("-") else "nbsp_indent"
    rest = after.lstrip(" " + _NBSP)
    if rest.startswith(":") and rest[1:2] in {"", " ", "\t", "\r"}:
        return "nbsp_before_colon"
    if _KEY_COLON.search(before):
        return "nbsp_after_colon"
    return None


def _shown_tag(tag: object) -> str:
    """A tag as the file wrote it: `!!str`, not `tag:yaml.org,2002:str`."""
    text = str(tag)
    prefix = "tag:yaml.org,2002:"
    return "!!" + text[len(prefix) :] if text.startswith(prefix) else text


class _Stop(Exception):
    """The reader met a problem after which the rest cannot be trusted."""


@dataclass(frozen=True, slots=True)
class Span:
    """Where a node of a plan file stands in its text (character offsets), for the
    editing family: scalars end where their text ends; a flow collection ends after its
    closing bracket; a block collection where its last scalar or flow child ends."""

    start: int
    end: int
    kind: str  # "mapping", "sequence" or "scalar"
    flow: bool = False  # a collection in brackets or braces
    style: str | None = None  # a scalar's quoting: None (plain), "'" or '"'


class SpanError(ValueError):
    """Text whose spans cannot be read: YAML the parser refuses."""


def node_spans(text: str) -> dict[Path, Span]:
    """Every node's span in `text` (without a BOM), by path, as the reader would
    address it. Raises SpanError on text the parser refuses (an edit reads only valid
    plans, so that is an edit gone wrong)."""
    try:
        return _node_spans(text)
    except YAMLError as error:
        raise SpanError(str(error)) from None


def _node_spans(text: str) -> dict[Path, Span]:
    events = (
        iter(CParser(text).get_event, None)
        if CParser is not None
        else iter(YAML(typ="safe", pure=True).parse(text))
    )
    spans: dict[Path, Span] = {}
    # Each open collection: its path, kind, start, flow, next index or pending key, and
    # where its content ends so far.
    stack: list[list[Any]] = []

    def child_path() -> Path | None:
        if not stack:
            return ()
        top = stack[-1]
        if top[1] == "sequence":
            path: Path = (*top[0], top[4])
            top[4] += 1
            return path
        if top[4] is _NO_KEY:
            return None  # this node is a key
        path = (*top[0], top[4])
        top[4] = _NO_KEY
        return path

    def extend(end: int) -> None:
        for frame in stack:
            frame[5] = max(frame[5], end)

    for event in events:
        start, end = event.start_mark.index, event.end_mark.index
        if isinstance(event, ScalarEvent):
            path = child_path()
            if path is None:
                stack[-1][4] = event.value  # a key: the next value's
            else:
                style = event.style if event.style in ("'", '"') else None
                spans[path] = Span(start, end, "scalar", style=style)
            extend(end)
        elif isinstance(event, MappingStartEvent | SequenceStartEvent):
            path = child_path()
            kind = "mapping" if isinstance(event, MappingStartEvent) else "sequence"
            first = 0 if kind == "sequence" else _NO_KEY
            stack.append([path, kind, start, bool(event.flow_style), first, start])
        elif isinstance(event, MappingEndEvent | SequenceEndEvent):
            path_, kind, begin, flow, _, content_end = stack.pop()
            finish = end if flow else content_end
            if path_ is not None:
                spans[path_] = Span(begin, finish, kind, flow=flow)
            extend(finish)
    return spans


def resolves_as_text(text: str) -> bool:
    """Whether a plain scalar written as `text` reads back as this very text (not a
    number, a date, a boolean, null or a merge key)."""
    return _scalars().tag(text) == STR_TAG
