"""The views as plain records, for programs: JSON documents and CSV rows.

Field names are English and stable (a breaking change bumps VERSION); numbers are
numbers, dates ISO strings. The README documents every field.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from cchc_plan.controls import json_visible, visible
from cchc_plan.views.gaps import Gap, GapReport, flat_gaps
from cchc_plan.views.progress import GroupProgress, ProgressReport
from cchc_plan.views.score import Projection
from cchc_plan.views.tasks import StatusRow, TaskState
from cchc_plan.views.units import UnitSummary

VERSION = 1
Record = dict[str, Any]


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def task_record(state: TaskState, role: str | None = None) -> Record:
    """One task as it stands."""
    task = state.task
    return {
        "id": task.id,
        "description": task.description,
        "role": role,
        "lead": task.lead,
        "support": list(task.support),
        "assignee": task.assignee,
        "criteria": list(task.criteria),
        "deadline": str(task.deadline),
        "due": state.due.isoformat(),
        "days_left": state.days_left,
        "status": task.status,
        "percent": state.percent,
        "late": state.late,
        "stale": state.stale,
        "health": state.health,
        "last_update": _day(state.last_update),
        "last_note": state.last_note,
        "open_difficulties": [
            {"raised_on": d.raised_on.isoformat(), "raised_by": d.raised_by, "text": d.text}
            for d in state.open_difficulties
        ],
    }


def unit_record(summary: UnitSummary) -> Record:
    """One unit's counts and health."""
    return {
        "unit": summary.unit.id,
        "name": summary.unit.name,
        "led": summary.led,
        "done": summary.done,
        "late": summary.late,
        "blocked": summary.blocked,
        "supported": summary.supported,
        "supported_late": summary.supported_late,
        "percent": summary.percent,
        "health": summary.health,
    }


def status_document(
    rows: Sequence[StatusRow], units: Sequence[UnitSummary], *, as_of: date, unit: str | None
) -> Record:
    """`cchc status --format json`."""
    return {
        "version": VERSION,
        "as_of": as_of.isoformat(),
        "unit": unit,
        "tasks": [task_record(r.state, r.role) for r in rows],
        "units": [unit_record(u) for u in units],
    }


def gap_record(gap: Gap) -> Record:
    """One criterion that lost points, with its children."""
    return {
        "code": gap.code,
        "name": gap.name,
        "level": gap.level,
        "maximum": gap.maximum,
        "appraised": gap.appraised,
        "lost": gap.lost,
        "method": gap.method,
        "tasks": [
            {"id": s.task.id, "status": s.task.status, "health": s.health} for s in gap.tasks
        ],
        "unserved": gap.unserved,
        "reason": gap.reason,
        "children": [gap_record(child) for child in gap.children],
    }


def gaps_document(report: GapReport, *, as_of: date, year: int) -> Record:
    """`cchc gaps --format json`."""
    return {
        "version": VERSION,
        "as_of": as_of.isoformat(),
        "assessment_year": year,
        "total_lost": report.total_lost,
        "survey_lost": report.survey_lost,
        "survey_share": round(report.survey_share, 4),
        "fields": [
            {
                "code": f.code,
                "name": f.name,
                "maximum": f.maximum,
                "lost": f.lost,
                "survey_lost": f.survey_lost,
                "method": f.method,
            }
            for f in report.fields
        ],
        "gaps": [gap_record(g) for g in report.gaps],
        "unserved": [g.code for g in report.unserved],
        "idle_tasks": [s.task.id for s in report.idle_tasks],
    }


def gap_rows(report: GapReport) -> list[Record]:
    """The gap tree as table rows (parents before children), without the nesting."""
    rows = []
    for gap in flat_gaps(report.gaps):
        record = gap_record(gap)
        del record["children"]
        rows.append(record)
    return rows


def group_record(group: UnitSummary | GroupProgress) -> Record:
    """A unit's or a field's progress."""
    if isinstance(group, UnitSummary):
        return unit_record(group)
    return {
        "field": group.code,
        "name": group.name,
        "led": group.tasks,
        "done": group.done,
        "late": group.late,
        "percent": group.percent,
        "health": group.health,
    }


def projection_record(projection: Projection) -> Record:
    """The score: banked, in play, projected; the rank picture when peers are known."""
    rank = projection.rank
    return {
        "score": projection.score,
        "maximum": projection.maximum,
        "banked": projection.banked,
        "in_play": projection.in_play,
        "projected": projection.projected,
        "tasks": [
            {"id": r.task_id, "aimed": r.aimed, "recoverable": r.recoverable, "banked": r.banked}
            for r in projection.recoveries
        ],
        "rank": None
        if rank is None
        else {
            "now": rank.rank_now,
            "projected": rank.rank_projected,
            "ranked": rank.ranked,
            "points_to_next_place": rank.to_next_place,
            "target_rank": rank.target_rank,
            "points_to_target": rank.to_target,
        },
    }


def progress_document(report: ProgressReport, *, by: str) -> Record:
    """`cchc progress --format json`."""
    groups = report.units if by == "unit" else report.fields
    return {
        "version": VERSION,
        "as_of": report.as_of.isoformat(),
        "by": by,
        "total": report.total,
        "by_status": dict(report.by_status),
        "percent": report.percent,
        "percent_weighting": "mean of task percents, cancelled tasks left out",
        "late": [s.task.id for s in report.late],
        "stale": [s.task.id for s in report.stale],
        "stale_days": report.stale_days,
        "groups": [group_record(g) for g in groups],
        "tasks": [
            {"id": s.task.id, "status": s.task.status, "percent": s.percent, "health": s.health}
            for s in report.states
        ],
        "score": projection_record(report.projection),
    }


def to_json(document: Mapping[str, Any]) -> str:
    """Pretty, UTF-8, one trailing newline."""
    return json_visible(json.dumps(document, ensure_ascii=False, indent=2)) + "\n"


def to_csv(records: Sequence[Record]) -> str:
    """CSV with a byte-order mark, so that Excel shows Vietnamese right; lists joined by "; "."""
    buffer = io.StringIO()
    if records:
        writer = csv.DictWriter(buffer, fieldnames=list(records[0]), lineterminator="\r\n")
        writer.writeheader()
        for record in records:
            writer.writerow({key: _cell(value) for key, value in record.items()})
    return "\ufeff" + buffer.getvalue()


# What makes a spreadsheet read a cell as a formula (OWASP, CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> object:
    if isinstance(value, list):
        return _text_cell(
            "; ".join(
                item["id"]
                if isinstance(item, dict) and "id" in item
                else item["text"]
                if isinstance(item, dict)
                else str(item)
                for item in value
            )
        )
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return _text_cell(value)
    return "" if value is None else value  # numbers stay numbers, negative ones too


def _text_cell(text: str) -> str:
    """Text as a cell that a spreadsheet shows and never runs: a leading ' before
    what would start a formula, control characters as visible escapes."""
    return "'" + visible(text) if text.startswith(_FORMULA_START) else visible(text)
