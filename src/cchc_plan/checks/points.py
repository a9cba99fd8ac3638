"""Points: within each maximum, parents agree with their children, the tree with the score."""

from __future__ import annotations

from collections.abc import Iterator

from cchc_plan.checks.context import Context
from cchc_plan.criteria import more_points, same_points
from cchc_plan.diagnostics import Diagnostic, diagnostic
from cchc_plan.models import Plan


def check_points(plan: Plan, context: Context) -> Iterator[Diagnostic]:
    """Points never exceed the maximum; a parent's appraised points match its children."""
    for node in context.tree.nodes:
        criterion = node.criterion
        for which in ("self_assessed", "appraised"):
            points = getattr(criterion, which)
            if points is not None and more_points(points, criterion.maximum):
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
            and more_points(criterion.appraised, criterion.self_assessed)
        ):
            yield diagnostic(
                "CCHC219",
                (*node.path, "appraised"),
                appraised=criterion.appraised,
                self_assessed=criterion.self_assessed,
                code=criterion.code,
            )


def check_score(plan: Plan, context: Context) -> Iterator[Diagnostic]:
    """The score is the tree's appraised points, plus the bonus, less the penalty; it
    exceeds the maximum only by a bonus."""
    assessment = plan.assessment
    total = sum(field.appraised for field in context.tree.fields)
    expected = total + assessment.bonus - assessment.penalty
    if not same_points(expected, assessment.score):
        if assessment.bonus or assessment.penalty:
            yield diagnostic(
                "CCHC230",
                ("assessment", "score"),
                total=round(total, 6),
                bonus=assessment.bonus,
                penalty=assessment.penalty,
                expected=round(expected, 6),
                score=assessment.score,
            )
        else:
            yield diagnostic(
                "CCHC204", ("assessment", "score"), total=round(total, 6), score=assessment.score
            )
    if more_points(assessment.score, assessment.maximum + assessment.bonus):
        yield diagnostic(
            "CCHC231",
            ("assessment", "score"),
            score=assessment.score,
            maximum=assessment.maximum,
            bonus=assessment.bonus,
        )
