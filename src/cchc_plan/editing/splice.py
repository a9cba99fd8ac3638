"""Text edits at a node's span, each in the style of the node's siblings: append an
item to a block sequence, add a key to a block mapping, replace a scalar. Line endings,
indentation and the style of the neighbouring entries (flow or block, spacing inside
braces) are the file's own."""

from __future__ import annotations

from datetime import date
from typing import Any

from cchc_plan.diagnostics import Path
from cchc_plan.reading.loader import Span, resolves_as_text

# In brackets or braces, libyaml (ruamel.yaml's C parser) also reads ":" and "?" as
# indicators, and "#" after anything: text holding any of these is quoted there.
_FLOW_UNSAFE = set(",[]{}:?#&*!|>'\"%@`")
_PLAIN_START_FORBIDDEN = set("-?:,[]{}#&*!|>'\"%@` ")


class CannotSplice(Exception):
    """The file writes this part in a way the editor does not change (a flow list, say)."""

    def __init__(self, path: Path, why: str) -> None:
        super().__init__(why)
        self.path = path
        self.why = why


def scalar(value: object, *, flow: bool) -> str:
    """A value as YAML writes it plainly where it can, quoted where it must."""
    if isinstance(value, bool) or value is None:
        raise TypeError(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int | float):
        return (
            repr(value) if isinstance(value, float) and not value.is_integer() else str(int(value))
        )
    text = str(value)
    if _plain(text, flow=flow):
        return text
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def _plain(text: str, *, flow: bool) -> bool:
    if not text or text != text.strip() or any(c in text for c in "\n\r\t"):
        return False
    if text[0] in _PLAIN_START_FORBIDDEN or text.endswith(":"):
        return False
    if ": " in text or " #" in text:
        return False
    if flow and any(c in _FLOW_UNSAFE for c in text):
        return False
    return resolves_as_text(text)


def _value(value: object, *, flow: bool) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(scalar(v, flow=True) for v in value) + "]"
    return scalar(value, flow=flow)


def flow_mapping(entry: dict[str, Any], *, spaced: bool) -> str:
    """`{ date: 2021-10-05, percent: 55 }` (or without the inner spaces)."""
    inner = ", ".join(f"{key}: {_value(value, flow=True)}" for key, value in entry.items())
    return f"{{ {inner} }}" if spaced else f"{{{inner}}}"


def block_mapping(entry: dict[str, Any], indent: str, newline: str) -> str:
    """`date: …`, then each further key on its own line at `indent`."""
    lines = [f"{key}: {_value(value, flow=False)}" for key, value in entry.items()]
    return (newline + indent).join(lines)


def content_end(text: str, offset: int) -> int:
    """`offset` moved back over the line breaks and spaces a block scalar's end keeps."""
    while offset > 0 and text[offset - 1] in " \t\r\n":
        offset -= 1
    return offset


def eol(text: str, at: int, default: str) -> str:
    """The line ending of the line that ends at `at` (so that a line added after it
    ends the same way); `default` at the end of the text."""
    if text.startswith("\r\n", at):
        return "\r\n"
    if text.startswith("\n", at):
        return "\n"
    return default


def line_start(text: str, offset: int) -> int:
    return text.rfind("\n", 0, offset) + 1


def line_end(text: str, offset: int) -> int:
    end = text.find("\n", offset)
    if end < 0:
        return len(text)
    return end - 1 if end > 0 and text[end - 1] == "\r" else end


def append_item(
    text: str, spans: dict[Path, Span], path: Path, entry: dict[str, Any], newline: str
) -> str:
    """`text` with `entry` appended to the block sequence at `path`, written like its
    last item (a flow mapping, or a block one), on the line after it."""
    sequence = spans[path]
    if sequence.flow:
        raise CannotSplice(path, "flow_sequence")
    last = max(
        (p for p in spans if len(p) == len(path) + 1 and p[:-1] == path), key=lambda p: p[-1]
    )
    item = spans[last]
    dash = text.rfind("-", line_start(text, item.start), item.start)
    if dash < 0:
        raise CannotSplice(path, "layout")
    indent = text[line_start(text, item.start) : dash]
    at = line_end(text, content_end(text, item.end))
    newline = eol(text, at, newline)
    if item.kind == "mapping" and item.flow:
        brace = text.find("{", item.start)
        spaced = text[brace + 1 : brace + 2] == " "
        new = flow_mapping(entry, spaced=spaced)
    elif item.kind == "mapping" and line_start(text, item.start) == line_start(text, dash):
        key_indent = " " * (item.start - line_start(text, item.start))
        new = block_mapping(entry, key_indent, newline)
    else:  # "-" alone on its line, its keys below: not written that way yet
        raise CannotSplice(path, "layout")
    gap = text[dash + 1 : item.start]  # the spaces between "-" and the item
    gap = gap if not gap.strip() else " "  # not an anchor or a tag the item carried
    return text[:at] + newline + indent + "-" + gap + new + text[at:]


def add_sequence(
    text: str,
    spans: dict[Path, Span],
    mapping: Path,
    key: str,
    entry: dict[str, Any],
    *,
    newline: str,
    like: tuple[str, str, bool] | None,
) -> str:
    """`text` with `key:` and a one-item block sequence added as the last key of the
    block mapping at `mapping`. `like` is how another such sequence is written in the
    file (the item's indent under its key, the gap after "-", flow items); without one,
    two spaces, one space and flow items."""
    node = spans[mapping]
    if node.flow:
        raise CannotSplice(mapping, "flow_mapping")
    keys = [p for p in spans if len(p) == len(mapping) + 1 and p[:-1] == mapping]
    first = min(spans[p].start for p in keys)
    # The key column: where the mapping's first key starts on its line.
    key_indent = " " * (node.start - line_start(text, node.start))
    under, gap, flow = like or ("  ", " ", True)
    at = line_end(text, content_end(text, max(node.end, first)))
    newline = eol(text, at, newline)
    item = (
        flow_mapping(entry, spaced=True)
        if flow
        else block_mapping(entry, key_indent + under + " " + gap, newline)
    )
    added = newline + key_indent + f"{key}:" + newline + key_indent + under + "-" + gap + item
    return text[:at] + added + text[at:]


def replace_scalar(text: str, spans: dict[Path, Span], path: Path, value: object) -> str:
    """`text` with the plain scalar at `path` replaced by `value`."""
    node = spans[path]
    if node.kind != "scalar":
        raise CannotSplice(path, "layout")
    written = scalar(value, flow=False)
    if node.style == '"' and not written.startswith('"'):
        written = f'"{written}"'  # quoted as it was
    elif node.style == "'" and not written.startswith('"'):
        written = f"'{written}'"
    return text[: node.start] + written + text[node.end :]


def add_keys(
    text: str, spans: dict[Path, Span], mapping: Path, added: dict[str, Any], newline: str
) -> str:
    """`text` with `added` written as the last keys of the block mapping at `mapping`,
    one per line at the column of its first key."""
    node = spans[mapping]
    if node.flow or node.kind != "mapping":
        raise CannotSplice(mapping, "flow_mapping")
    indent = " " * (node.start - line_start(text, node.start))
    at = line_end(text, content_end(text, node.end))
    newline = eol(text, at, newline)
    lines = "".join(
        newline + indent + block_mapping({k: v}, indent, newline) for k, v in added.items()
    )
    return text[:at] + lines + text[at:]
