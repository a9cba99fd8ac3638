"""`cchc update`: a progress entry (and a status) added to one task of a plan file.

The file's text gets the new entry spliced in (splice.py); the result is read again
with the same reader, validated as of the entry's date, and its data must equal the old
data plus exactly this change. Only then may it be written.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from cchc_plan.diagnostics import Path
from cchc_plan.editing.splice import (
    CannotSplice,
    add_sequence,
    append_item,
    line_start,
    replace_scalar,
)
from cchc_plan.errors import EditInvalid, EditMismatch, EditUnsupported, UnknownTask
from cchc_plan.reading.loader import Span, load_bytes, node_spans
from cchc_plan.reading.validation import Verdict, judge

BOM = "\ufeff"


@dataclass(frozen=True, slots=True)
class Change:
    """What the office records for a task on a day."""

    task: str
    day: date
    percent: float | None = None
    note: str | None = None
    evidence: tuple[str, ...] = ()
    status: str | None = None

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
            entry["note"] = " ".join(self.note.split())
        if self.evidence:
            entry["evidence"] = [" ".join(e.split()) for e in self.evidence]
        return entry


@dataclass(frozen=True, slots=True)
class Edited:
    """The file before and after, and what validating the after found."""

    before: bytes
    after: bytes
    verdict: Verdict
    changed: bool = True
    notes: list[str] = field(default_factory=list)


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
    spans = node_spans(text)
    task_path: Path = ("tasks", index)
    edited = text
    # Later offsets first, so that earlier spans stay right.
    edits: list[tuple[int, str, Any]] = []
    if change.status is not None and change.status != task.get("status"):
        edits.append((spans[(*task_path, "status")].start, "status", change.status))
    if entry is not None:
        where = spans.get((*task_path, "progress"))
        edits.append((where.end if where else spans[task_path].end, "entry", entry))
    try:
        for _, what, value in sorted(edits, key=lambda e: e[0], reverse=True):
            if what == "status":
                edited = replace_scalar(edited, spans, (*task_path, "status"), value)
            elif (*task_path, "progress") in spans and log:
                edited = append_item(edited, spans, (*task_path, "progress"), value, newline)
            else:
                if (*task_path, "progress") in spans:  # "progress: []": not spliced yet
                    raise EditUnsupported(name, "empty_flow_log")
                like = _log_style(text, spans)
                edited = add_sequence(
                    edited, spans, task_path, "progress", value, newline=newline, like=like
                )
    except CannotSplice:
        raise EditUnsupported(name, "cannot_splice") from None
    if edited == text:
        return Edited(raw, raw, before, changed=False)

    after = ((BOM if bom else "") + edited).encode("utf-8")
    reread = load_bytes(after, name=name)
    verdict = judge(reread, as_of=as_of)
    if verdict.plan is None or reread.data is None:
        raise EditInvalid(name, "invalid_after", verdict=verdict)
    expected = copy.deepcopy(data)
    if change.status is not None:
        expected["tasks"][index]["status"] = change.status
    if entry is not None:
        expected["tasks"][index].setdefault("progress", []).append(entry)
    if reread.data != expected:
        raise EditMismatch(name, "not_exactly", verdict=verdict)
    return Edited(raw, after, verdict)


def _log_style(text: str, spans: dict[Path, Span]) -> tuple[str, str, bool] | None:
    """How the file writes a task's log: the item's indent under its key, the gap after
    "-", and whether its items are flow mappings; None when no task has a log."""
    for path, span in spans.items():
        if len(path) == 3 and path[0] == "tasks" and path[2] == "progress" and not span.flow:
            item = spans.get((*path, 0))
            key = spans.get(path[:2])
            if item is None or key is None:
                continue
            dash = text.rfind("-", line_start(text, item.start), item.start)
            key_column = key.start - line_start(text, key.start)
            under = " " * max(dash - line_start(text, item.start) - key_column, 0)
            return under, text[dash + 1 : item.start], item.flow
    return None
