"""The arithmetic of the views, as pure functions over a plan and a date."""

from __future__ import annotations

from datetime import date

import pytest

from cchc_plan.criteria import rank_of
from cchc_plan.errors import UnknownUnit
from cchc_plan.models import Plan
from cchc_plan.reading.validation import validate_file
from cchc_plan.vietnamese import fold
from cchc_plan.views.gaps import find_gaps
from cchc_plan.views.progress import measure_progress
from cchc_plan.views.score import project_score
from cchc_plan.views.tasks import status_rows, task_state, task_states
from cchc_plan.views.units import find_unit, unit_summaries
from tests.conftest import AS_OF, CASES, PLAN_2021


@pytest.fixture(scope="module")
def plan() -> Plan:
    verdict = validate_file(str(PLAN_2021), as_of=AS_OF)
    assert verdict.plan is not None
    return verdict.plan


@pytest.fixture(scope="module")
def minimal() -> Plan:
    verdict = validate_file(str(CASES / "valid" / "minimal.yaml"), as_of=AS_OF)
    assert verdict.plan is not None
    return verdict.plan


def test_fold_ignores_case_and_diacritics() -> None:
    """ "Văn phòng Sở" and "VAN PHONG SO" fold alike; đ folds to d."""
    assert fold("Văn phòng  Sở") == fold("VAN PHONG SO") == "van phong so"
    assert fold("Đăng ký") == "dang ky"


@pytest.mark.parametrize("query", ["office", "Văn phòng Sở", "van phong", "VP", "van phong so"])
def test_find_unit_by_id_name_or_alias(plan: Plan, query: str) -> None:
    """The office is found by its id, its name, or an alias, without diacritics."""
    assert find_unit(plan, query).id == "office"


def test_find_unit_refuses_unknown_and_ambiguous(plan: Plan) -> None:
    """An unknown name has no candidates; an ambiguous one lists them."""
    with pytest.raises(UnknownUnit) as unknown:
        find_unit(plan, "kho bạc")
    assert unknown.value.candidates == []
    with pytest.raises(UnknownUnit) as ambiguous:
        find_unit(plan, "phòng")
    assert len(ambiguous.value.candidates) > 1


def test_task_state_lateness_and_days(plan: Plan) -> None:
    """t11 (due 31/8, not started) is 30 days late on 30/9; t05 is due that very day."""
    states = {s.task.id: s for s in task_states(plan, AS_OF)}
    assert (states["t11"].late, states["t11"].days_left, states["t11"].health) == (
        True,
        -30,
        "late",
    )
    assert (states["t05"].late, states["t05"].days_left) == (False, 0)
    assert states["t04"].percent == 100
    assert states["t04"].health == "done"


def test_log_entries_after_as_of_are_not_seen(plan: Plan) -> None:
    """Looking back to 1 July, t01's only update is the one of 30 June."""
    state = task_state(plan, plan.tasks[0], date(2021, 7, 1))
    assert (state.percent, state.last_update) == (50, date(2021, 6, 30))


def test_at_risk_when_percent_trails_time(minimal: Plan) -> None:
    """A task at 40 % with most of its time gone is at risk; with little gone, on track."""
    task = minimal.tasks[1].model_copy(update={"deadline": minimal.tasks[0].deadline})
    late_in_term = task_state(minimal, task, date(2021, 9, 20))
    early = task_state(minimal, task, date(2021, 4, 20))
    assert late_in_term.health == "at_risk"
    assert early.health == "on_track"


def test_status_rows_for_the_office(plan: Plan) -> None:
    """The office's rows are exactly the tasks it leads or supports, late ones first."""
    office = find_unit(plan, "office")
    rows = status_rows(plan, AS_OF, unit=office)
    expected = {t.id for t in plan.tasks if t.lead == "office" or "office" in t.support}
    assert {r.state.task.id for r in rows} == expected
    assert all(r.role == ("lead" if r.state.task.lead == "office" else "support") for r in rows)
    lates = [r.state.late for r in rows]
    assert lates == sorted(lates, reverse=True)
    dues = [r.state.due for r in rows if not r.state.late]
    assert dues == sorted(dues)


def test_status_filters(plan: Plan) -> None:
    """--late, --blocked and --assignee narrow the rows."""
    late = status_rows(plan, AS_OF, late_only=True)
    assert [r.state.task.id for r in late] == ["t03", "t11", "t13"]
    blocked = status_rows(plan, AS_OF, blocked_only=True)
    assert [r.state.task.id for r in blocked] == ["t11"]
    mine = status_rows(plan, AS_OF, assignee="nguyen thi m")
    assert {r.state.task.assignee for r in mine} == {"Nguyễn Thị M"}


def test_unit_summaries_count_every_task_once_per_lead(plan: Plan) -> None:
    """Tasks led add up to the number of tasks; a unit's health is its worst task's."""
    summaries = unit_summaries(plan, AS_OF)
    assert sum(s.led for s in summaries) == len(plan.tasks)
    office = next(s for s in summaries if s.unit.id == "office")
    assert office.health == "late"
    assert office.blocked == 1


def test_gaps_total_and_survey_share(plan: Plan) -> None:
    """16.196 points lost in all, 10.946 of them in the survey."""
    report = find_gaps(plan, AS_OF)
    assert report.total_lost == pytest.approx(16.196, abs=1e-9)
    assert report.survey_lost == pytest.approx(10.946, abs=1e-9)
    assert report.survey_share == pytest.approx(10.946 / 16.196)
    assert sum(g.lost for g in report.gaps) == pytest.approx(16.196)
    assert [g.code for g in report.gaps][:2] == ["8", "1"]  # largest loss first
    assert report.unserved == []
    assert report.idle_tasks == ()


def test_gaps_flag_unserved_losses_and_idle_tasks(minimal: Plan) -> None:
    """A loss without a task is flagged; a task on a criterion that lost nothing is idle."""
    data = minimal.model_dump(mode="python")
    tasks = data["tasks"]
    tasks[1]["criteria"] = ["1.1"]  # 1.1 lost nothing; 2.1 is left unserved
    plan = Plan.model_validate({**data, "tasks": tasks})
    report = find_gaps(plan, AS_OF)
    assert [g.code for g in report.unserved] == ["2.1"]
    assert [s.task.id for s in report.idle_tasks] == ["t02"]


def test_projection_caps_recovery_by_what_was_lost(plan: Plan) -> None:
    """Banked plus in play never exceed the points lost, and the projection stays ≤ 100."""
    projection = project_score(plan)
    assert projection.banked + projection.in_play <= 16.196 + 1e-9
    assert projection.projected <= 100
    assert projection.projected == pytest.approx(
        projection.score + projection.banked + projection.in_play
    )
    by_task = {r.task_id: r for r in projection.recoveries}
    assert by_task["t04"].banked
    assert by_task["t04"].recoverable == pytest.approx(0.5)


def test_projection_shares_a_criterion_between_tasks(minimal: Plan) -> None:
    """Two tasks aiming at the same lost point recover it once."""
    data = minimal.model_dump(mode="python")
    tasks = [dict(t, target_points=0.4) for t in data["tasks"]]
    tasks[1]["criteria"] = ["1.2"]  # both on 1.2, which lost 0.5
    plan = Plan.model_validate({**data, "tasks": tasks})
    projection = project_score(plan)
    assert [r.recoverable for r in projection.recoveries] == [0.4, pytest.approx(0.1)]
    assert projection.banked + projection.in_play == pytest.approx(0.5)


def test_rank_picture_with_peers(minimal: Plan) -> None:
    """With peers: rank now and projected, points to the next place and to the target."""
    assessment = minimal.assessment.model_dump(mode="python")
    assessment["peers"] = [
        {"unit": "Sở A", "score": 9.2},
        {"unit": "Sở Kế hoạch và Đầu tư", "score": 8.5, "own": True},
        {"unit": "Sở B", "score": 7},
    ]
    assessment["targets"] = [{"year": 2021, "rank": 1}]
    plan = Plan.model_validate({**minimal.model_dump(mode="python"), "assessment": assessment})
    rank = project_score(plan).rank
    assert rank is not None
    assert (rank.rank_now, rank.ranked, rank.target_rank) == (2, 3, 1)
    # Ties share a rank: equalling 9.2 is enough to share first place.
    assert rank.to_next_place == pytest.approx(0.7)
    assert rank.to_target == pytest.approx(0.7)
    assert rank.rank_projected == 1  # 8.5 + 1.5 lost = 10 > 9.2


def test_a_rank_already_held_in_a_tie_needs_no_points(minimal: Plan) -> None:
    """Tied at the target rank: nothing more is needed for it; tied first: no next place."""
    assessment = minimal.assessment.model_dump(mode="python")
    assessment["peers"] = [
        {"unit": "Sở A", "score": 9.2},
        {"unit": "Sở B", "score": 8.5},
        {"unit": "Sở Kế hoạch và Đầu tư", "score": 8.5, "own": True},
    ]
    assessment["targets"] = [{"year": 2021, "rank": 2}]
    plan = Plan.model_validate({**minimal.model_dump(mode="python"), "assessment": assessment})
    rank = project_score(plan).rank
    assert rank is not None
    assert (rank.rank_now, rank.to_target) == (2, 0.0)
    assessment["peers"][0]["score"] = 8.5
    assessment["targets"] = [{"year": 2021, "rank": 1}]
    plan = Plan.model_validate({**minimal.model_dump(mode="python"), "assessment": assessment})
    rank = project_score(plan).rank
    assert rank is not None
    assert (rank.rank_now, rank.to_next_place, rank.to_target) == (1, None, 0.0)


def test_ties_share_a_rank() -> None:
    """Equal scores share a rank; the next one down skips."""
    others = [9.0, 8.5, 8.5]
    assert rank_of(8.5, others) == 2
    assert rank_of(8.4, others) == 4


def test_progress_counts_add_up(plan: Plan) -> None:
    """Counts by status add up to the tasks; late and stale are listed."""
    report = measure_progress(plan, AS_OF)
    assert sum(report.by_status.values()) == report.total == len(plan.tasks)
    assert [s.task.id for s in report.late] == ["t03", "t11", "t13"]
    assert {"t12", "t17", "t18"} <= {s.task.id for s in report.stale}
    assert sum(g.tasks for g in report.fields) == report.total
    assert 0 < report.percent < 100


def test_the_target_is_the_next_years(minimal: Plan) -> None:
    """A target set for a later year is not the one the next assessment is measured by."""
    assessment = minimal.assessment.model_dump(mode="python")
    assessment["peers"] = [
        {"unit": "Sở A", "score": 9.9},
        {"unit": "Sở Kế hoạch và Đầu tư", "score": 8.5, "own": True},
        {"unit": "Sở B", "score": 8.7},
    ]
    assessment["rank"] = 3
    assessment["rank_change"] = 0
    assessment["targets"] = [{"year": 2021, "rank": 2}, {"year": 2025, "rank": 1}]
    plan = Plan.model_validate({**minimal.model_dump(mode="python"), "assessment": assessment})
    rank = project_score(plan).rank
    assert rank is not None
    assert (rank.target_rank, rank.to_target) == (2, pytest.approx(0.2))
