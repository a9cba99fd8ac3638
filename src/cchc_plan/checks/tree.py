"""The criteria tree's shape: codes nest, leaves are scored, maxima add up."""

from __future__ import annotations

from collections.abc import Iterator

from cchc_plan.checks.context import Context
from cchc_plan.criteria import parent_code, same_points
from cchc_plan.diagnostics import Diagnostic, diagnostic
from cchc_plan.models import Plan


def check_tree_shape(plan: Plan, context: Context) -> Iterator[Diagnostic]:
    """Codes nest (1 → 1.1 → 1.1.2), at most three levels; leaves have points and a method."""
    for node in context.tree.nodes:
        criterion = node.criterion
        expected = node.parent.code if node.parent is not None else None
        if parent_code(criterion.code) != expected:
            yield diagnostic(
                "CCHC215", (*node.path, "code"), code=criterion.code, parent=expected or ""
            )
        if criterion.children:
            continue
        if criterion.appraised is None:
            yield diagnostic("CCHC216", node.path, code=criterion.code)
        if node.method is None:
            yield diagnostic("CCHC218", node.path, code=criterion.code)


def check_maxima(plan: Plan, context: Context) -> Iterator[Diagnostic]:
    """Children's maxima sum to their parent's; the fields' to the assessment's."""
    for node in context.tree.nodes:
        children = node.criterion.children
        if children:
            total = sum(child.maximum for child in children)
            if not same_points(total, node.criterion.maximum):
                yield diagnostic(
                    "CCHC201",
                    (*node.path, "maximum"),
                    total=round(total, 6),
                    maximum=node.criterion.maximum,
                    code=node.code,
                )
    total = sum(field.maximum for field in plan.criteria)
    if not same_points(total, plan.assessment.maximum):
        yield diagnostic(
            "CCHC202",
            ("assessment", "maximum"),
            total=round(total, 6),
            maximum=plan.assessment.maximum,
        )
