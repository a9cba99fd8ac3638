"""What the commands share: the options they all take, and loading the plan."""

from __future__ import annotations

import sys
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from cchc_plan.errors import PlanInvalid, PlanUnreadable
from cchc_plan.messages.cli import CLI

if TYPE_CHECKING:
    from cchc_plan.models import Plan


class Lang(StrEnum):
    vi = "vi"
    en = "en"


PlanOption = Annotated[
    str | None,
    typer.Option(
        "--plan",
        envvar="CCHC_PLAN",
        metavar="PATH",
        help="Tệp kế hoạch (mặc định: CCHC_PLAN, hoặc plans/<năm>.yaml mới nhất).",
        show_default=False,
    ),
]
AsOfOption = Annotated[
    str | None,
    typer.Option("--as-of", metavar="YYYY-MM-DD", help="Ngày coi là hôm nay (mặc định: hôm nay)."),
]


def parse_date(value: str | None, lang: Lang = Lang.vi) -> date:
    """A YYYY-MM-DD option's date (today when not given), or a usage error."""
    if value is None:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(CLI[lang.value]["bad_as_of"].format(value=value)) from None


def plan_file(path: str | None) -> str:
    """The plan file a command reads: `path`, or the newest under plans/."""
    from cchc_plan.reading.discovery import newest_plan

    return path or newest_plan()


def load_plan(path: str | None, day: date) -> Plan:
    """The valid plan a command works on: `path`, or the newest under plans/.

    A plan that cannot be read or is invalid has its diagnostics written to standard
    error, and is refused.
    """
    from cchc_plan.output.diagnostics import render_text
    from cchc_plan.reading.validation import validate_file

    chosen = plan_file(path)
    verdict = validate_file(chosen, as_of=day)
    if verdict.plan is None:
        sys.stderr.write(render_text([verdict], "vi"))
        raise PlanUnreadable(chosen) if verdict.unreadable else PlanInvalid(chosen)
    return verdict.plan
