"""The invariants a valid plan keeps beyond its types: the registry of checks.

Each family of checks is a module; each check is a function
`(plan, context) -> Iterator[Diagnostic]` whose docstring says what it enforces.
Diagnostics carry a path into the data, not a position. A new check is a function in
its family's module and a line here.
"""

from __future__ import annotations

from datetime import date

from cchc_plan.checks.context import Check, Context
from cchc_plan.checks.coverage import check_coverage
from cchc_plan.checks.points import check_points, check_score
from cchc_plan.checks.ranking import check_peers, check_rank
from cchc_plan.checks.references import check_references, check_unique_ids, check_unit_aliases
from cchc_plan.checks.tasks import check_dates, check_progress
from cchc_plan.checks.tree import check_maxima, check_tree_shape
from cchc_plan.criteria import CriteriaTree
from cchc_plan.diagnostics import Diagnostic
from cchc_plan.models import Plan

CHECKS: tuple[Check, ...] = (
    check_tree_shape,
    check_maxima,
    check_points,
    check_score,
    check_rank,
    check_peers,
    check_unique_ids,
    check_references,
    check_unit_aliases,
    check_coverage,
    check_progress,
    check_dates,
)


def run_checks(plan: Plan, *, as_of: date) -> list[Diagnostic]:
    """Every check's diagnostics for the plan."""
    context = Context(as_of=as_of, tree=CriteriaTree(plan))
    return [diag for check in CHECKS for diag in check(plan, context)]
