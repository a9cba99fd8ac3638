"""How far the plan has come: counts by status, late, at risk, stale, per unit and field."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from cchc_plan.criteria import lineage
from cchc_plan.models import Plan
from cchc_plan.views.score import Projection, project_score
from cchc_plan.views.tasks import (
    OPEN_STATUSES,
    STALE_DAYS,
    Health,
    TaskState,
    mean_percent,
    task_states,
    worst,
)
from cchc_plan.views.units import UnitSummary, unit_summaries


@dataclass(frozen=True, slots=True)
class GroupProgress:
    """Progress of the tasks of one field (by the first criterion each task serves)."""

    code: str
    name: str
    tasks: int
    done: int
    late: int
    percent: float
    health: Health


@dataclass(frozen=True, slots=True)
class ProgressReport:
    """How far the plan has come on the as-of date."""

    as_of: date
    total: int
    by_status: dict[str, int]
    percent: float  # mean percent over tasks, cancelled ones left out
    late: tuple[TaskState, ...]
    at_risk: tuple[TaskState, ...]
    stale: tuple[TaskState, ...]
    stale_days: int
    states: tuple[TaskState, ...]
    units: tuple[UnitSummary, ...]
    fields: tuple[GroupProgress, ...]
    projection: Projection


def measure_progress(plan: Plan, as_of: date, *, stale_days: int = STALE_DAYS) -> ProgressReport:
    """Counts by status, overall percent, late, at-risk and stale tasks, per unit and field."""
    states = task_states(plan, as_of, stale_days=stale_days)
    by_status = dict.fromkeys((*OPEN_STATUSES, "done", "cancelled"), 0)
    for state in states:
        by_status[state.task.status] += 1
    return ProgressReport(
        as_of=as_of,
        total=len(states),
        by_status=by_status,
        percent=mean_percent(states),
        late=tuple(s for s in states if s.late),
        at_risk=tuple(s for s in states if s.health == "at_risk"),
        stale=tuple(s for s in states if s.stale),
        stale_days=stale_days,
        states=tuple(states),
        units=tuple(unit_summaries(plan, as_of)),
        fields=tuple(_field_progress(plan, states)),
        projection=project_score(plan),
    )


def _field_progress(plan: Plan, states: Sequence[TaskState]) -> list[GroupProgress]:
    # A task belongs to the field of the first criterion it names: its code's first part.
    by_field: dict[str, list[TaskState]] = {}
    for state in states:
        by_field.setdefault(lineage(state.task.criteria[0])[0], []).append(state)
    groups = []
    for field in plan.criteria:
        mine = by_field.get(field.code, [])
        if not mine:
            continue
        groups.append(
            GroupProgress(
                code=field.code,
                name=field.name,
                tasks=len(mine),
                done=sum(1 for s in mine if s.task.status == "done"),
                late=sum(1 for s in mine if s.late),
                percent=mean_percent(mine),
                health=worst(s.health for s in mine),
            )
        )
    return groups
