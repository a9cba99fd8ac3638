"""The units: which one a name on the command line means, and how each is doing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from cchc_plan.errors import UnknownUnit
from cchc_plan.models import Plan, Unit
from cchc_plan.vietnamese import fold
from cchc_plan.views.tasks import Health, TaskState, mean_percent, task_states, worst


def find_unit(plan: Plan, query: str) -> Unit:
    """The unit an id, a name or an alias names, ignoring case and diacritics.

    An exact match wins; otherwise the one unit whose name or alias contains the
    query. None or several: UnknownUnit, with the candidates (several) or none.
    """
    wanted = fold(query)
    exact = [u for u in plan.units if wanted in {fold(n) for n in (u.id, u.name, *u.aliases)}]
    if len(exact) == 1:
        return exact[0]
    if not wanted:  # an empty name names no unit (it is in every name)
        raise UnknownUnit(query, [], plan.units)
    partial = [u for u in plan.units if any(wanted in fold(n) for n in (u.id, u.name, *u.aliases))]
    if len(partial) == 1:
        return partial[0]
    raise UnknownUnit(query, exact or partial, plan.units, close=close_units(plan, query))


def close_units(plan: Plan, query: str, limit: int = 3) -> list[Unit]:
    """The units whose id, name or an alias is spelt nearly as `query` (a typo), closest
    first, comparing as find_unit does: without case or diacritics."""
    import difflib  # noqa: PLC0415 (only a misspelling needs it)

    owners: dict[str, Unit] = {}
    for unit in plan.units:
        for name in (unit.id, unit.name, *unit.aliases):
            owners.setdefault(fold(name), unit)
    found: list[Unit] = []
    for name in difflib.get_close_matches(fold(query), list(owners), n=limit * 3, cutoff=0.6):
        if owners[name] not in found:
            found.append(owners[name])
    return found[:limit]


@dataclass(frozen=True, slots=True)
class UnitSummary:
    """One unit's line under a status listing, or its row in progress by unit: what
    it leads and what it supports, counted apart."""

    unit: Unit
    led: int
    done: int  # of the tasks it leads
    late: int  # of the tasks it leads
    blocked: int  # of the tasks it leads
    supported: int
    supported_late: int  # of the tasks it supports
    percent: float | None  # mean percent of the tasks it leads (None: it leads none)
    health: Health | None  # its worst led task's (None: it leads none)


def unit_summaries(plan: Plan, as_of: date) -> list[UnitSummary]:
    """One summary per unit that leads or supports a task, in the plan's unit order."""
    leading: dict[str, list[TaskState]] = {}
    supporting: dict[str, list[TaskState]] = {}
    for state in task_states(plan, as_of):
        leading.setdefault(state.task.lead, []).append(state)
        for unit_id in dict.fromkeys(state.task.support):
            supporting.setdefault(unit_id, []).append(state)
    summaries = []
    for unit in plan.units:
        led = leading.get(unit.id, [])
        supported = supporting.get(unit.id, [])
        if not led and not supported:
            continue
        summaries.append(
            UnitSummary(
                unit=unit,
                led=len(led),
                done=sum(1 for s in led if s.task.status == "done"),
                late=sum(1 for s in led if s.late),
                blocked=sum(1 for s in led if s.blocked),
                supported=len(supported),
                supported_late=sum(1 for s in supported if s.late),
                percent=mean_percent(led) if led else None,
                health=worst(s.health for s in led) if led else None,
            )
        )
    return summaries
