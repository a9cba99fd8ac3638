"""The criteria tree, walked once, and the one rule for which task serves which loss."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from cchc_plan.criteria import CriteriaTree, Served, Service, lineage, within
from cchc_plan.models import Plan
from cchc_plan.reading.validation import validate_file
from tests.conftest import AS_OF, CASES, ROOT


@pytest.fixture(scope="module")
def minimal() -> Plan:
    verdict = validate_file(str(CASES / "valid" / "minimal.yaml"), as_of=AS_OF)
    assert verdict.plan is not None
    return verdict.plan


def _with(plan: Plan, **changes: object) -> Plan:
    return Plan.model_validate({**plan.model_dump(mode="python"), **changes})


def test_lineage_and_within() -> None:
    """A code's lineage runs from its field down to itself; "1.10" is not under "1.1"."""
    assert lineage("1.1.2") == ["1", "1.1", "1.1.2"]
    assert within("1.1.2", "1.1")
    assert within("1.1", "1.1")
    assert not within("1.10", "1.1")
    assert not within("1", "1.1")


@pytest.mark.parametrize(
    ("code", "served"),
    [
        ("1.1", True),
        ("1.1.2", True),
        ("1", True),
        ("1.2", False),
        ("1.10", False),
        ("11.1", False),
    ],
)
def test_a_task_serves_its_criterion_its_ancestors_and_descendants(
    code: str, served: bool
) -> None:
    """A task naming 1.1 serves 1.1, what lies below it and what lies above it, no more."""
    assert (code in Served(["1.1"])) is served


def test_the_tree_computes_each_node_once(minimal: Plan) -> None:
    """Parents before children; a parent's points are its children's; methods inherit."""
    tree = CriteriaTree(minimal)
    assert [n.code for n in tree.nodes] == ["1", "1.1", "1.2", "2", "2.1"]
    assert [n.code for n in tree.fields] == ["1", "2"]
    one, _, one_two, _, two_one = tree.nodes
    assert (one.appraised, one.lost, one.level) == (3.5, 0.5, 1)
    assert (one_two.method, one_two.level, one_two.parent) == ("appraisal", 2, one)
    assert [k.code for k in tree.children(one)] == ["1.1", "1.2"]
    assert two_one.method == "survey"
    assert [n.code for n in tree.deepest_losses()] == ["1.2", "2.1"]


def test_unserved_losses_skip_cancelled_tasks_and_excused_criteria(minimal: Plan) -> None:
    """A cancelled task serves nothing; a reason on the criterion or above excuses it."""
    assert CriteriaTree(minimal).unserved(minimal.tasks) == []
    tasks = [t.model_dump(mode="python") for t in minimal.tasks]
    tasks[1]["status"] = "cancelled"
    cancelled = _with(minimal, tasks=tasks)
    assert [n.code for n in CriteriaTree(cancelled).unserved(cancelled.tasks)] == ["2.1"]
    criteria = [c.model_dump(mode="python") for c in minimal.criteria]
    criteria[1]["no_task_reason"] = "Chờ kết quả điều tra năm sau"
    excused = _with(cancelled, criteria=criteria)
    tree = CriteriaTree(excused)
    assert tree.unserved(excused.tasks) == []
    assert tree.nodes[-1].excuse == "Chờ kết quả điều tra năm sau"


@pytest.mark.parametrize(
    ("path", "day"),
    [
        (ROOT / "plans" / "2021.yaml", AS_OF),
        (ROOT / "tests" / "plans" / "ban-quan-ly.yaml", date(2021, 10, 5)),
        (ROOT / "tests" / "plans" / "so-tu-phap.yaml", date(2023, 10, 6)),
    ],
)
def test_the_service_index_keeps_the_one_rule(path: Path, day: date) -> None:
    """The index the views use (Service) says, for every task and every criterion,
    what Served says: one rule, two speeds."""
    verdict = validate_file(str(path), as_of=day)
    assert verdict.plan is not None
    tree = CriteriaTree(verdict.plan)
    service = Service(tree, verdict.plan.tasks)
    for index, task in enumerate(verdict.plan.tasks):
        served = Served(task.criteria)
        for node in tree.nodes:
            assert (node.code in service.serves[index]) is (node.code in served)
            assert (index in service.serving(node.code)) is (node.code in served)
