"""What a plan says on a given day: status, gaps, progress, the score in reach.

Pure functions: a validated Plan and an as-of date in, values out. No I/O, no
wording, no terminal: the commands print what these return.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from cchc_plan.checks import (
    TOLERANCE,
    Node,
    appraised_points,
    lost_points,
    unserved_losses,
    walk_criteria,
)
from cchc_plan.models import Difficulty, Plan, Task, Unit

Role = Literal["lead", "support"]
Health = Literal["done", "on_track", "at_risk", "late", "cancelled"]
OPEN_STATUSES = ("not_started", "in_progress")
# Worst first: a unit's health is its worst task's.
HEALTH_ORDER: tuple[Health, ...] = ("late", "at_risk", "on_track", "done", "cancelled")
STALE_DAYS = 30
RISK_MARGIN = 20.0  # percentage points a task may trail the time elapsed before "at risk"
POINT_STEP = 0.001  # scores carry three decimals: the smallest step above a tie


# --- units ----------------------------------------------------------------------------


def fold(text: str) -> str:
    """Text compared without case or diacritics: "Văn phòng Sở" → "van phong so"."""
    text = text.replace("đ", "d").replace("Đ", "D")
    stripped = "".join(
        c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn"
    )
    return " ".join(stripped.casefold().split())


class UnknownUnit(Exception):
    """A unit named on the command line that the plan does not have (or not only one)."""

    def __init__(self, query: str, candidates: Sequence[Unit]) -> None:
        super().__init__(query)
        self.query = query
        self.candidates = list(candidates)


def find_unit(plan: Plan, query: str) -> Unit:
    """The unit an id, a name or an alias names, ignoring case and diacritics.

    An exact match wins; otherwise the one unit whose name or alias contains the
    query. None or several: UnknownUnit, with the candidates (several) or none.
    """
    wanted = fold(query)
    exact = [u for u in plan.units if wanted in {fold(n) for n in (u.id, u.name, *u.aliases)}]
    if len(exact) == 1:
        return exact[0]
    partial = [u for u in plan.units if any(wanted in fold(n) for n in (u.id, u.name, *u.aliases))]
    if len(partial) == 1 and wanted:
        return partial[0]
    raise UnknownUnit(query, exact or partial)


# --- status ---------------------------------------------------------------------------


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
    entries = [e for e in task.progress if e.date <= as_of]
    last = max(entries, key=lambda e: e.date) if entries else None
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
    share of time elapsed from the plan's date to the deadline by more than RISK_MARGIN."""
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


@dataclass(frozen=True, slots=True)
class StatusRow:
    """A task in a status listing, with the unit's role when a unit was asked for."""

    state: TaskState
    role: Role | None


@dataclass(frozen=True, slots=True)
class UnitSummary:
    """One unit's line under a status listing, or its row in progress by unit."""

    unit: Unit
    led: int
    supported: int
    done: int
    late: int
    blocked: int
    percent: float  # mean percent of the tasks it leads (cancelled ones left out)
    health: Health


def task_states(plan: Plan, as_of: date, *, stale_days: int = STALE_DAYS) -> list[TaskState]:
    """Every task's state, in plan order."""
    return [task_state(plan, t, as_of, stale_days=stale_days) for t in plan.tasks]


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


def unit_summaries(plan: Plan, as_of: date) -> list[UnitSummary]:
    """One summary per unit that leads or supports a task, in the plan's unit order."""
    states = task_states(plan, as_of)
    summaries = []
    for unit in plan.units:
        led = [s for s in states if s.task.lead == unit.id]
        supported = [s for s in states if unit.id in s.task.support]
        if not led and not supported:
            continue
        counted = [s for s in led if s.task.status != "cancelled"]
        summaries.append(
            UnitSummary(
                unit=unit,
                led=len(led),
                supported=len(supported),
                done=sum(1 for s in led if s.task.status == "done"),
                late=sum(1 for s in led if s.late),
                blocked=sum(1 for s in led if s.blocked),
                percent=_mean(s.percent for s in counted),
                health=worst(s.health for s in led),
            )
        )
    return summaries


def _mean(values: Iterable[float]) -> float:
    items = list(values)
    return round(sum(items) / len(items), 1) if items else 0.0


# --- gaps -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Gap:
    """A criterion that lost points, with the tasks that serve it."""

    code: str
    name: str
    level: int  # 1 field, 2 criterion, 3 component criterion
    maximum: float
    appraised: float
    lost: float
    method: str | None
    tasks: tuple[TaskState, ...]  # tasks naming this very criterion
    unserved: bool  # a deepest loss that no task serves (itself, above or below)
    reason: str | None  # the plan's reason for leaving it unserved
    children: tuple[Gap, ...]


@dataclass(frozen=True, slots=True)
class FieldLoss:
    """Points lost in one field."""

    code: str
    name: str
    maximum: float
    lost: float
    method: str | None


@dataclass(frozen=True, slots=True)
class GapReport:
    """Where the points were lost, and which losses no task covers."""

    gaps: tuple[Gap, ...]
    fields: tuple[FieldLoss, ...]
    total_lost: float
    survey_lost: float
    idle_tasks: tuple[TaskState, ...]  # tasks that serve no criterion that lost points

    @property
    def survey_share(self) -> float:
        """The share of the lost points lost in the survey, 0 to 1."""
        return self.survey_lost / self.total_lost if self.total_lost > TOLERANCE else 0.0

    @property
    def unserved(self) -> list[Gap]:
        """The losses no task serves, deepest first in tree order."""
        found: list[Gap] = []
        stack = list(reversed(self.gaps))
        while stack:
            gap = stack.pop()
            if gap.unserved:
                found.append(gap)
            stack.extend(reversed(gap.children))
        return found


def _lost(node: Node) -> float:
    return lost_points(node.criterion)


def find_gaps(plan: Plan, as_of: date) -> GapReport:
    """The criteria tree cut to the nodes that lost points, largest loss first per level."""
    states = {s.task.id: s for s in task_states(plan, as_of)}
    unserved = {node.criterion.code for node, _ in unserved_losses(plan)}
    by_parent: dict[str | None, list[Node]] = {}
    for node in walk_criteria(plan):
        parent = node.parent.criterion.code if node.parent else None
        by_parent.setdefault(parent, []).append(node)

    def build(node: Node, ancestors: tuple[str, ...], excused: str | None) -> Gap:
        criterion = node.criterion
        reason = criterion.no_task_reason or excused
        kids = [k for k in by_parent.get(criterion.code, []) if _lost(k) > TOLERANCE]
        children = tuple(
            sorted(
                (build(k, (*ancestors, criterion.code), reason) for k in kids),
                key=lambda g: (-g.lost, g.code),
            )
        )
        deepest = not children
        return Gap(
            code=criterion.code,
            name=criterion.name,
            level=len(ancestors) + 1,
            maximum=criterion.maximum,
            appraised=round(appraised_points(criterion), 6),
            lost=_lost(node),
            method=node.method,
            tasks=tuple(states[t.id] for t in plan.tasks if criterion.code in t.criteria),
            unserved=criterion.code in unserved,
            reason=reason if deepest else criterion.no_task_reason,
            children=children,
        )

    roots = [n for n in by_parent.get(None, []) if _lost(n) > TOLERANCE]
    gaps = tuple(sorted((build(n, (), None) for n in roots), key=lambda g: (-g.lost, g.code)))
    fields = tuple(
        FieldLoss(n.criterion.code, n.criterion.name, n.criterion.maximum, _lost(n), n.method)
        for n in by_parent.get(None, [])
    )
    losing = {n.criterion.code for n in walk_criteria(plan) if _lost(n) > TOLERANCE}
    idle = tuple(
        states[t.id]
        for t in plan.tasks
        if not any(c in losing or any(x.startswith(c + ".") for x in losing) for c in t.criteria)
    )
    return GapReport(
        gaps=gaps,
        fields=fields,
        total_lost=round(sum(f.lost for f in fields), 6),
        survey_lost=round(sum(f.lost for f in fields if f.method == "survey"), 6),
        idle_tasks=idle,
    )


# --- the score in reach ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Recovery:
    """The points a task can bring back, capped by what its criteria lost."""

    task_id: str
    aimed: float | None
    recoverable: float
    banked: bool  # done: the points are in hand (pending next year's appraisal)


@dataclass(frozen=True, slots=True)
class RankPicture:
    """Where the projected score would stand among last year's published scores."""

    rank_now: int
    rank_projected: int
    ranked: int
    to_next_place: float | None  # None when already first
    target_rank: int | None
    to_target: float | None  # None without a target rank; 0 when already there


@dataclass(frozen=True, slots=True)
class Projection:
    """The score: banked, in play, projected, and the rank picture when peers are known."""

    score: float
    maximum: float
    banked: float
    in_play: float
    projected: float
    recoveries: tuple[Recovery, ...]
    rank: RankPicture | None


def _losing_leaves(plan: Plan) -> dict[str, float]:
    return {
        n.criterion.code: _lost(n)
        for n in walk_criteria(plan)
        if not n.criterion.children and _lost(n) > TOLERANCE
    }


def project_score(plan: Plan) -> Projection:
    """Banked (done tasks), in play (open tasks) and the projected score.

    Each task may recover what it aims to (`target_points`; all that its criteria
    lost when it does not say), capped by what is still lost in the leaves under its
    criteria: done tasks draw first, then open ones, each in plan order; a task
    draws from its leaves in tree order. Cancelled tasks recover nothing.
    """
    pools = _losing_leaves(plan)

    def leaves_of(codes: Sequence[str]) -> list[str]:
        return [
            leaf for leaf in pools if any(leaf == c or leaf.startswith(c + ".") for c in codes)
        ]

    done = [t for t in plan.tasks if t.status == "done"]
    open_ = [t for t in plan.tasks if t.status in OPEN_STATUSES]
    recoveries = []
    for task in [*done, *open_]:
        leaves = leaves_of(task.criteria)
        available = sum(pools[leaf] for leaf in leaves)
        wanted = available if task.target_points is None else task.target_points
        take = round(min(wanted, available), 6)
        remaining = take
        for leaf in leaves:
            drawn = min(pools[leaf], remaining)
            pools[leaf] = round(pools[leaf] - drawn, 6)
            remaining = round(remaining - drawn, 6)
        recoveries.append(Recovery(task.id, task.target_points, take, task.status == "done"))
    banked = round(sum(r.recoverable for r in recoveries if r.banked), 6)
    in_play = round(sum(r.recoverable for r in recoveries if not r.banked), 6)
    assessment = plan.assessment
    projected = round(min(assessment.score + banked + in_play, assessment.maximum), 6)
    order = {t.id: i for i, t in enumerate(plan.tasks)}
    recoveries.sort(key=lambda r: order[r.task_id])
    return Projection(
        score=assessment.score,
        maximum=assessment.maximum,
        banked=banked,
        in_play=in_play,
        projected=projected,
        recoveries=tuple(recoveries),
        rank=_rank_picture(plan, projected),
    )


def rank_of(score: float, others: Sequence[float]) -> int:
    """1 + how many score strictly more (ties share a rank)."""
    return 1 + sum(1 for s in others if s > score + TOLERANCE)


def _rank_picture(plan: Plan, projected: float) -> RankPicture | None:
    assessment = plan.assessment
    if not assessment.peers or sum(1 for p in assessment.peers if p.own) != 1:
        return None
    others = sorted((p.score for p in assessment.peers if not p.own), reverse=True)
    rank_now = rank_of(assessment.score, others)
    above = [s for s in others if s > assessment.score + TOLERANCE]
    to_next = round(min(above) - assessment.score + POINT_STEP, 3) if above else None
    target_rank = min((t.rank for t in assessment.targets if t.rank is not None), default=None)
    to_target: float | None = None
    if target_rank is not None:
        # To be at rank T, at most T - 1 others may score more: beat the T-th best other.
        if target_rank > len(others):
            to_target = 0.0
        else:
            needed = others[target_rank - 1] - assessment.score + POINT_STEP
            to_target = round(max(needed, 0.0), 3)
    return RankPicture(
        rank_now=rank_now,
        rank_projected=rank_of(projected, others),
        ranked=assessment.ranked,
        to_next_place=to_next,
        target_rank=target_rank,
        to_target=to_target,
    )


# --- progress -------------------------------------------------------------------------


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
    stale: tuple[TaskState, ...]
    stale_days: int
    states: tuple[TaskState, ...]
    units: tuple[UnitSummary, ...]
    fields: tuple[GroupProgress, ...]
    projection: Projection


def measure_progress(plan: Plan, as_of: date, *, stale_days: int = STALE_DAYS) -> ProgressReport:
    """Counts by status, overall percent, late and stale tasks, per unit and per field."""
    states = task_states(plan, as_of, stale_days=stale_days)
    by_status = dict.fromkeys((*OPEN_STATUSES, "done", "cancelled"), 0)
    for state in states:
        by_status[state.task.status] += 1
    counted = [s for s in states if s.task.status != "cancelled"]
    return ProgressReport(
        as_of=as_of,
        total=len(states),
        by_status=by_status,
        percent=_mean(s.percent for s in counted),
        late=tuple(s for s in states if s.late),
        stale=tuple(s for s in states if s.stale),
        stale_days=stale_days,
        states=tuple(states),
        units=tuple(unit_summaries(plan, as_of)),
        fields=tuple(_field_progress(plan, states)),
        projection=project_score(plan),
    )


def _field_progress(plan: Plan, states: Sequence[TaskState]) -> list[GroupProgress]:
    groups = []
    for field in plan.criteria:
        prefix = field.code + "."
        mine = [
            s
            for s in states
            if s.task.criteria[0] == field.code or s.task.criteria[0].startswith(prefix)
        ]
        if not mine:
            continue
        counted = [s for s in mine if s.task.status != "cancelled"]
        groups.append(
            GroupProgress(
                code=field.code,
                name=field.name,
                tasks=len(mine),
                done=sum(1 for s in mine if s.task.status == "done"),
                late=sum(1 for s in mine if s.late),
                percent=_mean(s.percent for s in counted),
                health=worst(s.health for s in mine),
            )
        )
    return groups
