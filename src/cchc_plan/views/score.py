"""The score in reach: what done tasks bank, what open ones may add, and the rank."""

from __future__ import annotations

from dataclasses import dataclass

from cchc_plan.criteria import CriteriaTree, Service, more_points, rank_of
from cchc_plan.models import Plan
from cchc_plan.views.tasks import OPEN_STATUSES


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
    to_next_place: float | None  # None when already first (alone or tied)
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


def project_score(plan: Plan) -> Projection:
    """Banked (done tasks), in play (open tasks) and the projected score.

    Each task may recover what it aims to (`target_points`; all that its criteria
    lost when it does not say), capped by what is still lost in the deepest losses it
    serves: done tasks draw first, then open ones, each in plan order; a task draws
    from its losses in tree order. Cancelled tasks recover nothing. The projection keeps
    the assessment's bonus and penalty as they were.
    """
    tree = CriteriaTree(plan)
    pools = {node.code: node.lost for node in tree.deepest_losses()}
    service = Service(tree, plan.tasks)
    done = [(i, t) for i, t in enumerate(plan.tasks) if t.status == "done"]
    open_ = [(i, t) for i, t in enumerate(plan.tasks) if t.status in OPEN_STATUSES]
    recoveries = []
    for index, task in [*done, *open_]:
        # The deepest losses it serves, in tree order.
        losses = sorted(
            (c for c in service.serves[index] if c in pools), key=lambda c: tree.order[c]
        )
        available = sum(pools[code] for code in losses)
        wanted = available if task.target_points is None else task.target_points
        take = round(min(wanted, available), 6)
        remaining = take
        for code in losses:
            drawn = min(pools[code], remaining)
            pools[code] = round(pools[code] - drawn, 6)
            remaining = round(remaining - drawn, 6)
        recoveries.append(Recovery(task.id, task.target_points, take, task.status == "done"))
    banked = round(sum(r.recoverable for r in recoveries if r.banked), 6)
    in_play = round(sum(r.recoverable for r in recoveries if not r.banked), 6)
    assessment = plan.assessment
    # Recoveries are capped by the points lost, so the projection stays within the
    # maximum (and the bonus, if any).
    projected = round(assessment.score + banked + in_play, 6)
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


def _target_rank(plan: Plan) -> int | None:
    """The rank the plan aims for at the next assessment: the target of the first year
    after the one assessed (a later year's is for later), else of the nearest year."""
    ranked = [t for t in plan.assessment.targets if t.rank is not None]
    if not ranked:
        return None
    upcoming = [t for t in ranked if t.year > plan.assessment.year] or ranked
    year = min(t.year for t in upcoming)
    return min(t.rank for t in upcoming if t.year == year and t.rank is not None)


def _rank_picture(plan: Plan, projected: float) -> RankPicture | None:
    assessment = plan.assessment
    if not assessment.peers or sum(1 for p in assessment.peers if p.own) != 1:
        return None
    # Ties share a rank (rank_of): equalling a score is enough to share its place.
    others = sorted((p.score for p in assessment.peers if not p.own), reverse=True)
    rank_now = rank_of(assessment.score, others)
    above = [s for s in others if more_points(s, assessment.score)]
    to_next = round(min(above) - assessment.score, 6) if above else None
    target_rank = _target_rank(plan)
    to_target: float | None = None
    if target_rank is not None:
        # At rank T at most T - 1 others score more: equal the T-th best other.
        if target_rank > len(others) or not more_points(others[target_rank - 1], assessment.score):
            to_target = 0.0
        else:
            to_target = round(others[target_rank - 1] - assessment.score, 6)
    return RankPicture(
        rank_now=rank_now,
        rank_projected=rank_of(projected, others),
        ranked=assessment.ranked,
        to_next_place=to_next,
        target_rank=target_rank,
        to_target=to_target,
    )
