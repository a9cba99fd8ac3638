"""`cchc update`: a progress entry (and a status) added to one task of a plan file.

The file's text gets the new entry spliced in (splice.py); the result is read again
with the same reader, validated as of the entry's date, and its data must equal the old
data plus exactly this change. Only then may it be written.
"""

from __future__ import annotations

import copy
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Any

from cchc_plan.diagnostics import Path
from cchc_plan.editing.splice import (
    CannotSplice,
    add_keys,
    add_sequence,
    append_item,
    line_start,
    replace_scalar,
)
from cchc_plan.errors import EditInvalid, EditMismatch, EditUnsupported, UnknownTask
from cchc_plan.reading.loader import Span, SpanError, load_bytes, node_spans
from cchc_plan.reading.validation import Verdict, judge
from cchc_plan.views.units import find_unit

BOM = "\ufeff"
_SPACES = re.compile(r"[ \t\r\n]+")


def one_line(text: str) -> str:
    """Text as an entry holds it: NFC, on one line (runs of spaces, tabs and line
    breaks become one space), without leading or trailing spaces. Any other character
    is kept, for the validator to judge."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


@dataclass(frozen=True, slots=True)
class Change:
    """What the office records for a task on a day."""

    task: str
    day: date
    percent: float | None = None
    note: str | None = None
    evidence: tuple[str, ...] = ()
    status: str | None = None
    difficulty: str | None = None  # a difficulty raised for the leadership
    raised_by: str | None = None  # its unit's id (default: the task's lead)
    resolve: int | None = None  # the number (from 1) of a difficulty the leadership decided
    resolution: str | None = None  # what it decided

    def entry(self, last_percent: float) -> dict[str, Any] | None:
        """The progress entry this change adds, in the log's key order (none when it
        only sets the status to something other than done)."""
        percent = self.percent
        if percent is None and self.status == "done":
            percent = 100
        if percent is None and not self.note and not self.evidence:
            return None
        entry: dict[str, Any] = {"date": self.day}
        entry["percent"] = last_percent if percent is None else percent
        if self.note:
            entry["note"] = one_line(self.note)
        if self.evidence:
            entry["evidence"] = [one_line(e) for e in self.evidence]
        return entry


@dataclass(frozen=True, slots=True)
class Edited:
    """The file before and after, and what validating the after found."""

    before: bytes
    after: bytes
    verdict: Verdict
    changed: bool = True


def update(raw: bytes, change: Change, *, name: str, as_of: date) -> Edited:
    # `as_of`: the day the plan is checked as of (today): an entry after it is refused.
    """The plan file `raw` with `change` made. Raises EditInvalid when the plan, or the
    plan with the change, is not valid (with the verdict); EditUnsupported for a log the
    editor does not splice; EditMismatch when the result would differ by more than the
    change (a bug); UnknownTask for an id the plan lacks."""
    loaded = load_bytes(raw, name=name)
    before = judge(loaded, as_of=as_of)
    if before.plan is None or loaded.data is None:
        raise EditInvalid(name, "invalid_before", verdict=before)
    data = loaded.data
    ids = [t.get("id") for t in data.get("tasks", [])]
    if change.task not in ids:
        raise UnknownTask(change.task, [str(i) for i in ids])
    index = ids.index(change.task)
    task = data["tasks"][index]
    log = task.get("progress") or []
    last_percent = float(log[-1]["percent"]) if log else 0.0
    entry = change.entry(last_percent)

    bom = raw.startswith(BOM.encode("utf-8"))
    text = raw.decode("utf-8")[1 if bom else 0 :]
    newline = "\r\n" if "\r\n" in text else "\n"
    task_path: Path = ("tasks", index)
    # Each edit in turn, on the text the previous one left, its spans read anew.
    edits: list[tuple[str, Any]] = []
    if change.status is not None and change.status != task.get("status"):
        edits.append(("status", change.status))
    if entry is not None:
        edits.append(("progress", entry))
    raised = task.get("difficulties") or []
    new_difficulty = None
    if change.difficulty:
        unit = find_unit(before.plan, change.raised_by).id if change.raised_by else task["lead"]
        new_difficulty = {
            "raised_on": change.day,
            "raised_by": unit,
            "text": one_line(change.difficulty),
        }
    decided = None
    if change.resolve is not None:
        if not 1 <= change.resolve <= len(raised) or raised[change.resolve - 1].get("resolved_on"):
            raise EditUnsupported(name, "no_open_difficulty")
        decided = {
            "resolved_on": change.day,
            "resolution": one_line(change.resolution or ""),
        }
        edits.append(("resolve", decided))
    if new_difficulty is not None:  # after a resolution: the numbering is the file's
        edits.append(("difficulties", new_difficulty))
    edited = text
    try:
        for what, value in edits:
            spans = node_spans(edited)
            if what == "status":
                edited = replace_scalar(edited, spans, (*task_path, "status"), value)
            elif what == "resolve":
                path = (*task_path, "difficulties", (change.resolve or 1) - 1)
                edited = add_keys(edited, spans, path, value, newline)
            else:
                edited = _append(edited, spans, task_path, what, value, newline=newline, name=name)
    except CannotSplice:
        raise EditUnsupported(name, "cannot_splice") from None
    except SpanError:  # an earlier splice of this edit left text YAML refuses: a bug
        raise EditMismatch(name, "not_exactly") from None
    if edited == text:
        return Edited(raw, raw, before, changed=False)

    after = ((BOM if bom else "") + edited).encode("utf-8")
    reread = load_bytes(after, name=name)
    verdict = judge(reread, as_of=as_of)
    if reread.data is None:  # the splice left text YAML cannot read: a bug, not the user's
        raise EditMismatch(name, "not_exactly", verdict=verdict)
    if verdict.plan is None:
        raise EditInvalid(name, "invalid_after", verdict=verdict)
    expected = copy.deepcopy(data)
    if change.status is not None:
        expected["tasks"][index]["status"] = change.status
    if entry is not None:
        expected["tasks"][index].setdefault("progress", []).append(entry)
    if new_difficulty is not None:
        expected["tasks"][index].setdefault("difficulties", []).append(new_difficulty)
    if decided is not None and change.resolve is not None:
        expected["tasks"][index]["difficulties"][change.resolve - 1].update(decided)
    if reread.data != expected:
        raise EditMismatch(name, "not_exactly", verdict=verdict)
    return Edited(raw, after, verdict)


def _append(
    text: str,
    spans: dict[Path, Span],
    task_path: Path,
    key: str,
    value: dict[str, Any],
    *,
    newline: str,
    name: str,
) -> str:
    """`value` appended to the task's list under `key`, or the list added with it."""
    where = spans.get((*task_path, key))
    if where is not None and (*task_path, key, 0) in spans:
        return append_item(text, spans, (*task_path, key), value, newline)
    if where is not None:  # "progress: []": an empty list in brackets
        raise EditUnsupported(name, "empty_flow_log")
    like = _log_style(text, spans, key)
    return add_sequence(text, spans, task_path, key, value, newline=newline, like=like)


def _log_style(text: str, spans: dict[Path, Span], key: str) -> tuple[str, str, bool] | None:
    """How the file writes a task's list under `key` (its log, its difficulties): the
    item's indent under its key, the gap after "-", and whether its items are flow
    mappings; None when no task has one."""
    for path, span in spans.items():
        if len(path) == 3 and path[0] == "tasks" and path[2] == key and not span.flow:
            item = spans.get((*path, 0))
            owner = spans.get(path[:2])
            if item is None or owner is None:
                continue
            dash = text.rfind("-", line_start(text, item.start), item.start)
            key_column = owner.start - line_start(text, owner.start)
            under = " " * max(dash - line_start(text, item.start) - key_column, 0)
            return under, text[dash + 1 : item.start], item.flow
    return None
