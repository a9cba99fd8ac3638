"""What the commands share: the options they all take, and loading the plan."""

from __future__ import annotations

import re
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
    typer.Option("--as-of", metavar="YYYY-MM-DD", help="Tính đến ngày (mặc định: hôm nay)."),
]


def _show_version(shown: bool) -> None:
    if shown:
        from cchc_plan import __version__

        typer.echo(CLI["vi"]["version"].format(version=__version__))
        raise typer.Exit()


def root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_show_version, is_eager=True, help="In số phiên bản rồi thoát."
        ),
    ] = False,
) -> None:
    """What `cchc` itself takes, before any command: --version (and -h, --help)."""


def parse_date(value: str | None, lang: Lang = Lang.vi) -> date:
    """A YYYY-MM-DD option's date (today when not given), or a usage error."""
    if value is None:
        return date.today()
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):  # not 20211005, nor 2021-W40-2
        raise typer.BadParameter(CLI[lang.value]["bad_as_of"].format(value=value))
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(CLI[lang.value]["bad_as_of"].format(value=value)) from None


def plan_file(path: str | None) -> str:
    """The plan file a command reads: `path`, or the newest under plans/."""
    from cchc_plan.reading.discovery import newest_plan

    return path or newest_plan()


def load_plan(path: str | None, day: date) -> Plan:
    """The valid plan a command works on (`path`, or the newest under plans/), as it
    stood on `day`.

    The file is validated as of today (or `day`, if later): a past day reads the plan
    with the entries made since left out, rather than refusing them. A plan that
    cannot be read or is invalid has its diagnostics written to standard error, and
    is refused.
    """
    from cchc_plan.output.diagnostics import text_lines
    from cchc_plan.reading.validation import validate_file
    from cchc_plan.views.history import plan_as_of

    chosen = plan_file(path)
    verdict = validate_file(chosen, as_of=max(day, date.today()))
    if verdict.plan is None:
        # The diagnostics, without validate's summary: the message that follows says
        # what it means for this command.
        sys.stderr.write(text_lines(verdict, "vi"))
        raise PlanUnreadable(chosen) if verdict.unreadable else PlanInvalid(chosen)
    return plan_as_of(verdict.plan, day)
