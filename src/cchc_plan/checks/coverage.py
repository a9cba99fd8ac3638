"""Every loss is remedied: served by a task, or excused with a reason."""

from __future__ import annotations

from collections.abc import Iterator

from cchc_plan.checks.context import Context
from cchc_plan.diagnostics import Diagnostic, diagnostic
from cchc_plan.models import Plan


def check_coverage(plan: Plan, context: Context) -> Iterator[Diagnostic]:
    """Every criterion that lost points is served by a task, or says why not."""
    for node in context.tree.unserved(plan.tasks):
        yield diagnostic("CCHC209", node.path, code=node.code, lost=node.lost)
