"""What every check receives besides the plan, and the shape of a check."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date

from cchc_plan.criteria import CriteriaTree
from cchc_plan.diagnostics import Diagnostic
from cchc_plan.models import Plan


@dataclass(frozen=True, slots=True)
class Context:
    """The date taken as today, and the criteria tree walked once for every check."""

    as_of: date
    tree: CriteriaTree


Check = Callable[[Plan, Context], Iterator[Diagnostic]]
