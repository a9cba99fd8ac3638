"""The report's content: everything a document says, built from the views.

One content model for every document writer: the Markdown templates read it, and so
will the Word writer. No wording here; that is the templates' and the catalogue's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from cchc_plan.criteria import CriteriaTree, Service, code_key
from cchc_plan.models import Criterion, Difficulty, Plan, Task, Unit
from cchc_plan.views.body import BodyFacts, body_facts
from cchc_plan.views.gaps import Gap, GapReport, find_gaps
from cchc_plan.views.progress import ProgressReport, measure_progress
from cchc_plan.views.score import Projection
from cchc_plan.views.tasks import StatusRow, TaskState, status_rows


@dataclass(frozen=True, slots=True)
class OpenDifficulty:
    """A difficulty still waiting for the leadership's decision."""

    state: TaskState
    difficulty: Difficulty
    unit: Unit


@dataclass(frozen=True, slots=True)
class Urge:
    """A unit to urge, and on which tasks."""

    unit: Unit
    late: tuple[TaskState, ...]
    at_risk: tuple[TaskState, ...]
    stale: tuple[TaskState, ...]  # stale, neither late nor at risk


@dataclass(frozen=True, slots=True)
class AppendixRow:
    """A row of the plan's appendix: a criterion that lost points and its tasks."""

    number: int
    gap: Gap  # its points: maximum, appraised, lost, method, and any reason not served
    criterion: Criterion  # its shortcomings and causes
    tasks: tuple[Task, ...]  # the tasks that serve it (itself, above or below)


@dataclass(frozen=True, slots=True)
class ReportContent:
    """What a report, its appendix or a unit's sheet says, as of a date.

    The fields are the names a template receives (the README lists each).
    """

    plan: Plan
    body: BodyFacts
    as_of: date
    since: date | None
    units: dict[str, Unit]
    gaps: GapReport
    progress: ProgressReport
    score: Projection
    finished: tuple[TaskState, ...]  # finished after `since`
    difficulties: tuple[OpenDifficulty, ...]
    urge: tuple[Urge, ...]
    appendix: tuple[AppendixRow, ...]
    unit: Unit | None
    unit_rows: tuple[StatusRow, ...]


def report_content(
    plan: Plan, *, as_of: date, since: date | None = None, unit: Unit | None = None
) -> ReportContent:
    """Everything a document may say about the plan on `as_of`."""
    units = {u.id: u for u in plan.units}
    gap_report = find_gaps(plan, as_of)
    progress = measure_progress(plan, as_of)
    return ReportContent(
        plan=plan,
        body=body_facts(plan),
        as_of=as_of,
        since=since,
        units=units,
        gaps=gap_report,
        progress=progress,
        score=progress.projection,
        finished=_finished_since(progress.states, since, as_of),
        difficulties=tuple(
            OpenDifficulty(state, difficulty, units[difficulty.raised_by])
            for state in progress.states
            for difficulty in state.open_difficulties
        ),
        urge=_urge(plan, progress),
        appendix=_appendix(plan, gap_report),
        unit=unit,
        unit_rows=tuple(status_rows(plan, as_of, unit=unit)) if unit is not None else (),
    )


def _finished_since(
    states: Sequence[TaskState], since: date | None, as_of: date
) -> tuple[TaskState, ...]:
    if since is None:
        return ()
    finished = []
    for state in states:
        if state.task.status != "done":
            continue
        reached = [e.date for e in state.task.progress if e.percent >= 100 and e.date <= as_of]
        if reached and min(reached) > since:
            finished.append(state)
    return tuple(finished)


def _urge(plan: Plan, progress: ProgressReport) -> tuple[Urge, ...]:
    """The units with late, at-risk or stale tasks they lead, in the plan's unit order."""
    quiet = [s for s in progress.stale if not s.late and s.health != "at_risk"]
    by_lead = [_by_lead(states) for states in (progress.late, progress.at_risk, quiet)]
    urge = []
    for unit in plan.units:
        late, at_risk, stale = (tuple(group.get(unit.id, ())) for group in by_lead)
        if late or at_risk or stale:
            urge.append(Urge(unit, late, at_risk, stale))
    return tuple(urge)


def _by_lead(states: Sequence[TaskState]) -> dict[str, list[TaskState]]:
    grouped: dict[str, list[TaskState]] = {}
    for state in states:
        grouped.setdefault(state.task.lead, []).append(state)
    return grouped


def _appendix(plan: Plan, gap_report: GapReport) -> tuple[AppendixRow, ...]:
    """The losses in code order, each with every task that serves it (cancelled ones
    too: the row says so).

    A row is a deepest loss, or a criterion whose shortcomings or causes the plan
    writes above its losing children: when none of those children has words of its
    own, the criterion's row stands for them; when some have, it comes first and
    they follow. The plan's words thus always reach the appendix.
    """
    service = Service(CriteriaTree(plan), plan.tasks)
    chosen: list[Gap] = []
    stack = sorted(gap_report.gaps, key=lambda g: code_key(g.code), reverse=True)
    while stack:
        gap = stack.pop()
        if not gap.children or (_has_words(gap) and not _words_below(gap)):
            chosen.append(gap)
            continue
        if _has_words(gap):
            chosen.append(gap)
        stack.extend(sorted(gap.children, key=lambda g: code_key(g.code), reverse=True))
    return tuple(
        AppendixRow(
            number,
            gap,
            gap.criterion,
            tuple(plan.tasks[i] for i in service.serving(gap.code)),
        )
        for number, gap in enumerate(chosen, start=1)
    )


def _has_words(gap: Gap) -> bool:
    return bool(gap.criterion.shortcomings or gap.criterion.causes)


def _words_below(gap: Gap) -> bool:
    stack = list(gap.children)
    while stack:
        child = stack.pop()
        if _has_words(child):
            return True
        stack.extend(child.children)
    return False
