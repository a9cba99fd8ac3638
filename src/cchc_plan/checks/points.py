"""Points: within each maximum, parents agree with their children, the tree with the score."""

from __future__ import annotations

from collections.abc import Iterator

from cchc_plan.checks.context import Context
from cchc_plan.criteria import TOLERANCE, same_points
from cchc_plan.diagnostics import Diagnostic, diagnostic
from cchc_plan.models import Plan


def check_points(plan: Plan, context: Context) -> Iterator[Diagnostic]:
    """Points never exceed the maximum; a parent's appraised points match its children."""
    for node in context.tree.nodes:
        criterion = node.criterion
        for which in ("self_assessed", "appraised"):
            points = getattr(criterion, which)
            if points is not None and points > criterion.maximum + TOLERANCE:
                yield diagnostic(
                    "CCHC203",
                    (*node.path, which),
                    which=which,
                    points=points,
                    maximum=criterion.maximum,
                    code=criterion.code,
                )
        if (
            criterion.children
            and criterion.appraised is not None
            and not same_points(node.appraised, criterion.appraised)
        ):
            yield diagnostic(
                "CCHC217",
                (*node.path, "appraised"),
                appraised=criterion.appraised,
                total=round(node.appraised, 6),
                code=criterion.code,
            )
        if (
            criterion.self_assessed is not None
            and criterion.appraised is not None
            and criterion.appraised > criterion.self_assessed + TOLERANCE
        ):
            yield diagnostic(
                "CCHC219",
                (*node.path, "appraised"),
                appraised=criterion.appraised,
                self_assessed=criterion.self_assessed,
                code=criterion.code,
            )


def check_score(plan: Plan, context: Context) -> Iterator[Diagnostic]:
    """The appraised points of the tree sum to the declared score."""
    total = sum(field.appraised for field in context.tree.fields)
    if not same_points(total, plan.assessment.score):
        yield diagnostic(
            "CCHC204",
            ("assessment", "score"),
            total=round(total, 6),
            score=plan.assessment.score,
        )
