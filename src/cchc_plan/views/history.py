"""The plan as it stood on a past day: what the views and documents read.

A report written again for last quarter must say what was known then. The plan file
holds today's log; cut to a day it keeps only the progress entries and difficulties
dated on or before that day, and each task's status is what the kept log shows.
"""

from __future__ import annotations

from datetime import date

from cchc_plan.models import Difficulty, Plan, Status, Task

DONE = 100.0


def plan_as_of(plan: Plan, day: date) -> Plan:
    """The plan as it stood at the end of `day`.

    - Progress entries dated after `day` are left out; of two entries on one day the
      later in the file counts (the log runs in date order, so it is the last kept).
    - Difficulties raised after `day` are left out; one resolved after `day` was still
      open then.
    - A task marked done or in progress is, by the log kept: done when its last entry
      reached 100 %, in progress when any entry was kept, not started otherwise. A task
      without any log, and a cancelled one, keep their status: the file does not say
      when that changed.
    """
    if all(_untouched(task, day) for task in plan.tasks):
        return plan
    return plan.model_copy(update={"tasks": [_task_as_of(task, day) for task in plan.tasks]})


def _untouched(task: Task, day: date) -> bool:
    return all(entry.date <= day for entry in task.progress) and all(
        d.raised_on <= day and (d.resolved_on is None or d.resolved_on <= day)
        for d in task.difficulties
    )


def _task_as_of(task: Task, day: date) -> Task:
    if _untouched(task, day):
        return task
    kept = [entry for entry in task.progress if entry.date <= day]
    difficulties = [_difficulty_as_of(d, day) for d in task.difficulties if d.raised_on <= day]
    status: Status = task.status
    if task.progress and status in ("done", "in_progress"):
        if status == "done" and kept and kept[-1].percent >= DONE:
            status = "done"
        elif kept:
            status = "in_progress"
        else:
            status = "not_started"
    return task.model_copy(
        update={"progress": kept, "difficulties": difficulties, "status": status}
    )


def _difficulty_as_of(difficulty: Difficulty, day: date) -> Difficulty:
    if difficulty.resolved_on is None or difficulty.resolved_on <= day:
        return difficulty
    return difficulty.model_copy(update={"resolved_on": None, "resolution": None})
