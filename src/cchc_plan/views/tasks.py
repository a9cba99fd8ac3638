"""Each task as it stands on a date: due, percent, late, stale, health; status listings.

Pure functions: a validated Plan and an as-of date in, values out. No I/O, no
wording, no terminal: the commands print what these return.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Literal

from cchc_plan.models import Difficulty, Plan, Task, Unit
from cchc_plan.vietnamese import fold

Role = Literal["lead", "support"]
Health = Literal["done", "on_track", "at_risk", "late", "cancelled"]
OPEN_STATUSES = ("not_started", "in_progress")
# Worst first: a unit's health is its worst task's.
HEALTH_ORDER: tuple[Health, ...] = ("late", "at_risk", "on_track", "done", "cancelled")
STALE_DAYS = 30
RISK_MARGIN = 20.0  # percentage points a task may trail the time elapsed before "at risk"


@dataclass(frozen=True, slots=True)
class TaskState:
    """One task as it stands on the as-of date."""

    task: Task
    due: date
    days_left: int  # negative when overdue
    percent: float
    last_update: date | None
    last_note: str | None
    late: bool
    stale: bool
    health: Health
    open_difficulties: tuple[Difficulty, ...]

    @property
    def blocked(self) -> bool:
        """Waiting on a leadership decision: a difficulty raised and not yet resolved."""
        return bool(self.open_difficulties)


def task_state(plan: Plan, task: Task, as_of: date, *, stale_days: int = STALE_DAYS) -> TaskState:
    """Where a task stands on `as_of`: due date, percent, lateness, staleness, health."""
    due = task.deadline.due(plan.horizon.end)
    # The log runs in date order (checked); of two entries on one day, the later in
    # the file counts: the last one on or before the day.
    entries = [e for e in task.progress if e.date <= as_of]
    last = entries[-1] if entries else None
    percent = 100.0 if task.status == "done" else (last.percent if last else 0.0)
    is_open = task.status in OPEN_STATUSES
    late = is_open and due < as_of
    since = last.date if last else plan.document.date
    stale = is_open and (as_of - since).days > stale_days
    return TaskState(
        task=task,
        due=due,
        days_left=(due - as_of).days,
        percent=percent,
        last_update=last.date if last else None,
        last_note=last.note if last else None,
        late=late,
        stale=stale,
        health=_health(plan, task, due=due, percent=percent, late=late, as_of=as_of),
        open_difficulties=tuple(
            d for d in task.difficulties if d.resolved_on is None or d.resolved_on > as_of
        ),
    )


def _health(
    plan: Plan, task: Task, *, due: date, percent: float, late: bool, as_of: date
) -> Health:
    """Late when past the deadline and not done; at risk when the percent trails the
    share of time elapsed from the plan's date to the deadline by more than RISK_MARGIN.
    The one place "at risk" is decided."""
    if task.status == "done":
        return "done"
    if task.status == "cancelled":
        return "cancelled"
    if late:
        return "late"
    start = plan.document.date
    span = (due - start).days
    elapsed = 100.0 * (as_of - start).days / span if span > 0 else 100.0
    return "at_risk" if percent + RISK_MARGIN < min(elapsed, 100.0) else "on_track"


def worst(healths: Iterable[Health]) -> Health:
    """The worst of several healths (a unit's is its worst task's)."""
    ranks = [HEALTH_ORDER.index(h) for h in healths]
    return HEALTH_ORDER[min(ranks)] if ranks else "on_track"


def mean_percent(states: Iterable[TaskState]) -> float:
    """The plain mean of the tasks' percents, cancelled ones left out: every task weighs
    the same."""
    values = [s.percent for s in states if s.task.status != "cancelled"]
    return round(sum(values) / len(values), 1) if values else 0.0


def task_states(plan: Plan, as_of: date, *, stale_days: int = STALE_DAYS) -> list[TaskState]:
    """Every task's state, in plan order."""
    return [task_state(plan, t, as_of, stale_days=stale_days) for t in plan.tasks]


@dataclass(frozen=True, slots=True)
class StatusRow:
    """A task in a status listing, with the unit's role when a unit was asked for."""

    state: TaskState
    role: Role | None


def status_rows(
    plan: Plan,
    as_of: date,
    *,
    unit: Unit | None = None,
    assignee: str | None = None,
    late_only: bool = False,
    blocked_only: bool = False,
) -> list[StatusRow]:
    """The tasks a filter selects: late first, then by deadline, then by id."""
    rows = []
    for state in task_states(plan, as_of):
        task = state.task
        role: Role | None = None
        if unit is not None:
            if task.lead == unit.id:
                role = "lead"
            elif unit.id in task.support:
                role = "support"
            else:
                continue
        if assignee is not None and fold(assignee) not in fold(task.assignee):
            continue
        if (late_only and not state.late) or (blocked_only and not state.blocked):
            continue
        rows.append(StatusRow(state, role))
    rows.sort(key=lambda r: (not r.state.late, r.state.due, r.state.task.id))
    return rows
