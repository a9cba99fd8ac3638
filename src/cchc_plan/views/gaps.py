"""Where the points were lost, which tasks serve each loss, and which losses none does."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from cchc_plan.criteria import TOLERANCE, CriteriaTree, Node, Service
from cchc_plan.models import Criterion, Plan
from cchc_plan.views.tasks import TaskState, task_states


@dataclass(frozen=True, slots=True)
class Gap:
    """A criterion that lost points, with the tasks that serve it."""

    code: str
    name: str
    criterion: Criterion  # the plan's own: shortcomings, causes, reason
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
    method: str | None  # "appraisal", "survey", "mixed" or None
    survey_lost: float  # of `lost`, what its survey-scored criteria lost


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
        return [gap for gap in flat_gaps(self.gaps) if gap.unserved]


def flat_gaps(gaps: Iterable[Gap]) -> list[Gap]:
    """The gap tree in the order a table lists it: each node, then its children."""
    flat: list[Gap] = []
    stack = list(reversed(list(gaps)))
    while stack:
        gap = stack.pop()
        flat.append(gap)
        stack.extend(reversed(gap.children))
    return flat


def find_gaps(plan: Plan, as_of: date) -> GapReport:
    """The criteria tree cut to the nodes that lost points, largest loss first per level."""
    tree = CriteriaTree(plan)
    states = task_states(plan, as_of)
    unserved = {node.code for node in tree.unserved(plan.tasks)}
    naming: dict[str, list[TaskState]] = {}  # a code → the tasks that name it
    for state in states:
        for code in dict.fromkeys(state.task.criteria):
            naming.setdefault(code, []).append(state)

    def build(node: Node) -> Gap:
        children = _largest_first(build(kid) for kid in tree.children(node) if kid.losing)
        return Gap(
            code=node.code,
            name=node.criterion.name,
            criterion=node.criterion,
            level=node.level,
            maximum=node.criterion.maximum,
            appraised=round(node.appraised, 6),
            lost=node.lost,
            method=tree.method_of(node),
            tasks=tuple(naming.get(node.code, ())),
            unserved=node.code in unserved,
            reason=node.criterion.no_task_reason if children else node.excuse,
            children=children,
        )

    fields = tuple(
        FieldLoss(
            n.code,
            n.criterion.name,
            n.criterion.maximum,
            n.lost,
            tree.method_of(n),
            tree.survey_lost(n),
        )
        for n in tree.fields
    )
    losses = {node.code for node in tree.deepest_losses()}
    service = Service(tree, plan.tasks)
    idle = tuple(
        state
        for state, codes in zip(states, service.serves, strict=True)
        if codes.isdisjoint(losses)
    )
    return GapReport(
        gaps=_largest_first(build(n) for n in tree.fields if n.losing),
        fields=fields,
        total_lost=round(sum(f.lost for f in fields), 6),
        survey_lost=round(sum(f.survey_lost for f in fields), 6),
        idle_tasks=idle,
    )


def _largest_first(gaps: Iterable[Gap]) -> tuple[Gap, ...]:
    return tuple(sorted(gaps, key=lambda g: (-g.lost, g.code)))
