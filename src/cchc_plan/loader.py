"""Bytes to data, safely, with a position for every node when one is needed.

Two readers share one contract (bytes in; plain dicts, lists and scalars out):

- the fast reader hands a clean file to ruamel.yaml's C safe loader;
- the careful reader walks the pure-Python parser's events itself, iteratively,
  keeping each node's line and column, and turns every hazard (duplicate keys,
  tags, aliases, nesting, impossible dates, …) into a diagnostic.

A file goes to the careful reader whenever the fast one fails, when its text holds
something the fast reader would accept silently (tags, anchors, directives), or
when a later stage needs positions to explain a problem. Valid plans never pay
for positions.
"""

from __future__ import annotations

import re
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

from cchc_plan.diagnostics import Diagnostic, Path, diagnostic

MAX_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 64
MAX_ALIAS_NODES = 100_000
MAX_REPORTED = 20  # per kind of text-level problem, so a broken file stays readable

# What YAML 1.2 allows in a stream (c-printable), less the BOM inside the text.
_FORBIDDEN = re.compile(
    "[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)
_SURROGATE = re.compile("[\ud800-\udfff]")
# Text the fast reader would accept without a word: tags, anchors, directives.
_NEEDS_CARE = re.compile(r"[!&]|^%", re.MULTILINE)
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
    index: PositionIndex | None = None
    unreadable: bool = False

    def positions(self) -> PositionIndex:
        """The position index, reading the file carefully the first time it is asked."""
        if self.index is None:
            self.index = _careful_read(self.text)[2]
        return self.index

    def locate(self, diag: Diagnostic) -> Diagnostic:
        """Give a path-only diagnostic its line and column in this file."""
        if diag.line:
            return diag.located(self.name, diag.line, diag.column)
        index = self.positions()
        pos = index.locate(diag.path, at=diag.at)
        extra: dict[str, object] = {}
        if diag.related is not None:
            extra["first_line"] = index.locate(diag.related, at=diag.at).line
        if diag.code == "CCHC104":
            extra["raw"] = index.raw.get(diag.path, diag.params.get("raw"))
        return diag.located(self.name, pos.line, pos.column, **extra)


def read_file(path: str, *, name: str | None = None) -> Loaded:
    """Read and parse the file at `path`; every failure becomes a diagnostic."""
    name = name or path
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError as error:
        reason = error.strerror or type(error).__name__
        diag = diagnostic("CCHC020", reason=reason).located(name, 0, 0)
        return Loaded(name, "", None, [diag], unreadable=True)
    return load_bytes(raw, name=name)


def load_bytes(raw: bytes, *, name: str) -> Loaded:
    """Parse a plan file's bytes into data, diagnostics and (if needed) positions."""
    if len(raw) > MAX_BYTES:
        diag = diagnostic("CCHC017", size=f"> {MAX_BYTES}", limit=MAX_BYTES)
        return Loaded(name, "", None, [diag.located(name, 1, 1)])
    text, problem = _decode(raw)
    if problem is not None:
        return Loaded(name, "", None, [problem.located(name, problem.line, problem.column)])
    forbidden = _forbidden_characters(text)
    if forbidden:
        return Loaded(name, text, None, [d.located(name, d.line, d.column) for d in forbidden])
    if not _NEEDS_CARE.search(text):
        data = _fast_read(text)
        if data is not None:
            return Loaded(name, text, data, [])
    data, diagnostics, index = _careful_read(text)
    located = [d.located(name, d.line, d.column) for d in diagnostics]
    return Loaded(name, text, data, located, index)


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


_SAFE = YAML(typ="safe")  # the C loader when ruamel.yaml.clib is installed


def _fast_read(text: str) -> dict[str, Any] | None:
    """The C loader's result, or None when the careful reader must have its say."""
    try:
        data = _SAFE.load(text)
    except (YAMLError, ValueError, TypeError, OverflowError, RecursionError):
        return None
    if not isinstance(data, dict) or not _is_clean(data):
        return None
    return data


def _is_clean(data: dict[str, Any]) -> bool:
    """Whether the fast result needs nothing the careful reader would report."""
    stack: list[tuple[object, int]] = [(data, 0)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, str):
            if not value.isascii() and (
                not unicodedata.is_normalized("NFC", value) or _SURROGATE.search(value)
            ):
                return False
        elif isinstance(value, dict):
            if depth >= MAX_DEPTH:
                return False
            for key, item in value.items():
                if not isinstance(key, str) or not unicodedata.is_normalized("NFC", key):
                    return False
                stack.append((item, depth + 1))
        elif isinstance(value, list):
            if depth >= MAX_DEPTH:
                return False
            stack.extend((item, depth + 1) for item in value)
    return True


# --- the careful reader -------------------------------------------------------------


@dataclass(slots=True)
class _Frame:
    """An open mapping or sequence while the careful reader walks the events."""

    value: dict[Any, Any] | list[Any]
    path: Path
    anchor: str | None
    key: object = None
    has_key: bool = False
    key_line: dict[object, int] = field(default_factory=dict)
    bad_key: bool = False
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


def _careful_read(text: str) -> tuple[dict[str, Any] | None, list[Diagnostic], PositionIndex]:
    reader = _CarefulReader(text)
    data = reader.run()
    return data, reader.diagnostics, reader.index


class _CarefulReader:
    """Builds the data from parser events, one event at a time, never recursing."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.diagnostics: list[Diagnostic] = []
        self.index = PositionIndex()
        self.broken = False  # an error that makes the data unusable
        self.nfd_count = 0
        self.nfd_warning: Diagnostic | None = None
        yaml = YAML(typ="safe", pure=True)
        self.yaml = yaml
        self.anchors: dict[str, tuple[object, int]] = {}
        self.open_anchors: set[str] = set()
        self.alias_nodes = 0

    def report(self, code: str, line: int, column: int, **params: object) -> None:
        self.diagnostics.append(Diagnostic(code, params, line=line, column=column))

    def run(self) -> dict[str, Any] | None:
        try:
            root = self._walk()
        except MarkedYAMLError as error:
            self._report_yaml_error(error)
            return None
        except YAMLError as error:  # ruamel's unmarked errors; rare
            self.report("CCHC001", 1, 1, problem=str(error))
            return None
        except _Stop:
            return None
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
            problem += f" ({' '.join(str(error.context).split())}, {where})"
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
        return iter(self.yaml.parse(self.text))

    def _walk(self) -> object:
        stack: list[_Frame] = []
        root: object = _NO_KEY
        documents = 0
        for event in self._events():
            mark = event.start_mark
            line, column = mark.line + 1, mark.column + 1
            if isinstance(event, DocumentStartEvent):
                documents += 1
                if documents > 1:
                    self.report("CCHC006", line, column)
                    raise _Stop
                if event.version is not None or event.tags:
                    self._report_directive()
                continue
            if isinstance(event, MappingEndEvent | SequenceEndEvent):
                frame = stack.pop()
                if frame.anchor is not None:
                    self.anchors[frame.anchor] = (frame.value, frame.nodes)
                    self.open_anchors.discard(frame.anchor)
                if stack:
                    stack[-1].nodes += frame.nodes
                value: object = frame.value
                if frame.bad_key:
                    value = _NO_KEY
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
            elif isinstance(event, ScalarEvent):
                value = self._scalar(event, stack, line, column)
                if event.anchor is not None:
                    self.anchors[event.anchor] = (value, 1)
                if stack:
                    stack[-1].nodes += 1
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
        if event.style is None and event.tag is None:
            value = self._resolve(text, line, column)
            if not isinstance(value, str) and not is_key:
                self.index.raw[path] = text
        if isinstance(value, str):
            value = self._clean_text(value, line, column)
        if not is_key:
            self.index.values[path] = Position(line, column)
        return value

    def _resolve(self, text: str, line: int, column: int) -> object:
        tag = self.yaml.resolver.resolve(ScalarNode, text, (True, False))
        node = ScalarNode(tag, text)
        try:
            return self.yaml.constructor.construct_object(node)
        except ValueError as error:
            if str(tag).endswith(":int"):
                self.report("CCHC015", line, column, digits=sum(c.isdigit() for c in text))
            elif str(tag).endswith(":timestamp"):
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
    """The careful reader met a problem after which the rest cannot be trusted."""
