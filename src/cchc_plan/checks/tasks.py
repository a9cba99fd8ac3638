"""The tasks over time: logs in order and never ahead of today, deadlines in the horizon."""

from __future__ import annotations

from collections.abc import Iterator

from cchc_plan.checks.context import Context
from cchc_plan.diagnostics import Diagnostic, diagnostic
from cchc_plan.models import Plan


def check_progress(plan: Plan, context: Context) -> Iterator[Diagnostic]:
    """Logs run in date order, percents never go down, none is dated after as-of;
    a done task reaches 100 %."""
    for i, task in enumerate(plan.tasks):
        previous = None
        for j, entry in enumerate(task.progress):
            path = ("tasks", i, "progress", j)
            if previous is not None:
                if entry.date < previous.date:
                    yield diagnostic(
                        "CCHC211",
                        (*path, "date"),
                        date=entry.date.isoformat(),
                        previous=previous.date.isoformat(),
                    )
                if entry.percent < previous.percent:
                    yield diagnostic(
                        "CCHC212",
                        (*path, "percent"),
                        previous=previous.percent,
                        percent=entry.percent,
                    )
            if entry.date > context.as_of:
                yield diagnostic(
                    "CCHC213",
                    (*path, "date"),
                    date=entry.date.isoformat(),
                    as_of=context.as_of.isoformat(),
                )
            previous = entry
        top = max((entry.percent for entry in task.progress), default=0.0)
        if task.status == "done" and top < 100:
            yield diagnostic("CCHC210", ("tasks", i, "status"), id=task.id)
        if task.status == "not_started" and top > 0:
            yield diagnostic(
                "CCHC221", ("tasks", i, "status"), id=task.id, status=task.status, percent=top
            )


def check_dates(plan: Plan, context: Context) -> Iterator[Diagnostic]:
    """The horizon runs forward; deadlines fall inside it; difficulties resolve after raised."""
    horizon = plan.horizon
    if horizon.end < horizon.start:
        yield diagnostic(
            "CCHC227",
            ("horizon", "end"),
            end=horizon.end.isoformat(),
            start=horizon.start.isoformat(),
        )
    for i, task in enumerate(plan.tasks):
        due = task.deadline.due(horizon.end)
        if not horizon.start <= due <= horizon.end:
            yield diagnostic(
                "CCHC214",
                ("tasks", i, "deadline"),
                deadline=str(task.deadline),
                due=due.isoformat(),
                start=horizon.start.isoformat(),
                end=horizon.end.isoformat(),
            )
        for j, difficulty in enumerate(task.difficulties):
            if (
                difficulty.resolved_on is not None
                and difficulty.resolved_on < difficulty.raised_on
            ):
                yield diagnostic(
                    "CCHC220",
                    ("tasks", i, "difficulties", j, "resolved_on"),
                    resolved=difficulty.resolved_on.isoformat(),
                    raised=difficulty.raised_on.isoformat(),
                )
