"""The views for people, in the terminal: the only module that knows rich.

Tables fit the console's width (80 columns when not a terminal): ids, dates and
numbers never break, long text ends in "…". Plan text is always a rich Text, never
markup. Colour only on a terminal, never with NO_COLOR or in CI.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import date
from typing import TextIO

from rich import box
from rich.cells import cell_len
from rich.console import Console, RenderableType
from rich.table import Table
from rich.text import Text

from cchc_plan import vietnamese as vn
from cchc_plan.controls import visible
from cchc_plan.messages.views import (
    HEALTH_SHORT,
    METHOD_SHORT,
    ROLE_WORDS,
    STATUS_WORDS,
    VIEW_WORDS,
)
from cchc_plan.models import Plan
from cchc_plan.views.body import body_facts
from cchc_plan.views.gaps import GapReport, flat_gaps
from cchc_plan.views.progress import ProgressReport
from cchc_plan.views.tasks import OPEN_STATUSES, Health, StatusRow
from cchc_plan.views.units import UnitSummary

W = VIEW_WORDS
HEALTH_STYLES = {
    "late": "red",
    "at_risk": "yellow",
    "done": "green",
    "on_track": "",
    "cancelled": "dim",
}


def console(file: TextIO | None = None, *, is_terminal: bool | None = None) -> Console:
    """A console that colours only a real terminal, and never with NO_COLOR or in CI.

    `is_terminal` overrides the detection (tests); None asks the file.
    """
    quiet = bool(os.environ.get("NO_COLOR")) or bool(os.environ.get("CI"))
    return Console(
        file=file,
        force_terminal=is_terminal,
        soft_wrap=False,
        no_color=quiet,
        highlight=False,
        markup=False,
        emoji=False,
    )


def _emit(out: Console, renderable: RenderableType) -> None:
    """Print without the spaces rich pads lines with, so that output pastes cleanly."""
    if isinstance(renderable, Table):
        _fast_where_it_fits(renderable, out.width)
    with out.capture() as captured:
        out.print(renderable)
    out.file.write("\n".join(line.rstrip() for line in captured.get().split("\n")))


def _say(out: Console, line: str, style: str = "") -> None:
    """One line of text; plan text in it stays text."""
    _emit(out, _text(line, style))


def _table(title: str | None = None) -> Table:
    return Table(
        title=title,
        title_justify="left",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        padding=(0, 1),
        show_edge=False,
        collapse_padding=True,
        expand=True,
    )


def _fixed(table: Table, header: str, values: Sequence[str], justify: str = "left") -> None:
    """A column that never breaks: as wide as its widest value or header line."""
    lines = [*header.split("\n"), *(line for v in values for line in v.split("\n"))]
    width = max(cell_len(line) for line in lines)
    table.add_column(header, no_wrap=True, min_width=width, justify=justify)  # type: ignore[arg-type]


def _fast_where_it_fits(table: Table, width: int) -> None:
    """Where the table fits the console (counted generously), its fixed columns are
    given their width: the same table, without rich measuring each of their cells
    again (most of a long table's cost). A table too wide is left for rich to narrow
    as it always has."""
    needed = sum((column.min_width or 1) + 2 for column in table.columns)
    if needed > width:
        return
    for column in table.columns:
        if column.ratio is None and column.no_wrap and column.min_width is not None:
            column.width = column.min_width


def _flexible(table: Table, header: str, ratio: int, min_width: int = 6) -> None:
    table.add_column(header, no_wrap=True, overflow="ellipsis", ratio=ratio, min_width=min_width)


def _text(value: str | None, style: str = "") -> Text:
    """Plan text on one line, with any control character shown as an escape."""
    return Text(visible(" ".join((value or "").split())), style=style)


def print_status(
    out: Console,
    plan: Plan,
    rows: Sequence[StatusRow],
    units: Sequence[UnitSummary],
    *,
    as_of: date,
    unit_name: str | None,
) -> None:
    """The status table, open difficulties under their task, then a line per unit.

    Each task takes two lines: what it is, then who is in charge and its last update.
    """
    title = (
        W["status_title_unit"].format(unit=unit_name, as_of=vn.short_date(as_of))
        if unit_name
        else W["status_title"].format(as_of=vn.short_date(as_of))
    )
    if not rows:
        _say(out, title)
        _say(out, W["no_tasks"])
        return
    names = {u.id: u.name for u in plan.units}
    leadership = body_facts(plan).leadership
    cells = [
        (
            r.state.task.id,
            ROLE_WORDS[r.role] if r.role else "",
            vn.deadline(r.state.task.deadline),
            vn.days_left(r.state.days_left) if r.state.task.status in OPEN_STATUSES else "",
            STATUS_WORDS[r.state.task.status],
            vn.percent(r.state.percent, 0),
        )
        for r in rows
    ]
    table = _table(title)
    _fixed(table, W["id"], [c[0] for c in cells])
    _flexible(table, W["task"], 1, 16)
    if unit_name:
        _fixed(table, W["role"], [c[1] for c in cells])
    _fixed(table, W["deadline"], [c[i] for c in cells for i in (2, 3)])
    _fixed(table, W["status"], [c[i] for c in cells for i in (4, 5)])
    for row, cell in zip(rows, cells, strict=True):
        state = row.state
        style = HEALTH_STYLES[state.health]
        update = (
            W["last_update"]
            .format(
                date=vn.short_date(state.last_update),
                note=" ".join((state.last_note or "").split()),
            )
            .rstrip(": ")
            if state.last_update
            else W["never_updated"]
        )
        about = _text(state.task.description)
        about.append("\n")
        about.append(_text(f"{state.task.assignee} · {update}", style="dim"))
        for difficulty in state.open_difficulties:
            note = W["difficulty"].format(
                leadership=leadership,
                text=" ".join(difficulty.text.split()),
                unit=names.get(difficulty.raised_by, difficulty.raised_by),
                date=vn.short_date(difficulty.raised_on),
            )
            about.append("\n")
            about.append(_text("↳ " + note, style="yellow"))
        values = [Text(cell[0], style=style), about]
        if unit_name:
            values.append(Text(cell[1]))
        values += [
            Text(f"{cell[2]}\n{cell[3]}".rstrip(), style=style),
            Text(f"{cell[4]}\n{cell[5]}", style=style),
        ]
        table.add_row(*values)
    _emit(out, table)
    if units:
        _emit(out, Text())
        _print_units(out, units, W["units_title"])


def _print_units(out: Console, units: Sequence[UnitSummary], title: str) -> None:
    headers = ("unit", "led", "done", "late", "blocked", "supported", "supported_late")
    groups = [
        (
            "",
            u.unit.name,
            (u.led, u.done, u.late, u.blocked, u.supported, u.supported_late),
            u.percent,
            u.health,
        )
        for u in units
    ]
    _print_groups(out, title, headers, groups, coded=False)


# A unit or a field: its code (or ""), its name, its counts, its percent and health
# (None for a unit that leads no task).
Group = tuple[str, str, Sequence[int], float | None, Health | None]


def _print_groups(
    out: Console, title: str, headers: Sequence[str], groups: Sequence[Group], *, coded: bool
) -> None:
    """One line per unit or field: (its code,) its name, its counts, percent and health."""
    cells = [
        (
            *map(str, counts),
            W["none"] if percent is None else vn.percent(percent),
            W["none"] if health is None else HEALTH_SHORT[health],
        )
        for _, _, counts, percent, health in groups
    ]
    table = _table(title)
    if coded:
        _fixed(table, W["code"], [group[0] for group in groups])
    _flexible(table, W[headers[0]], 1, 12)
    for i, header in enumerate((*headers[1:], "percent")):
        _fixed(table, W[header], [c[i] for c in cells], justify="right")
    _fixed(table, W["health"], [c[-1] for c in cells])
    for (code, name, _, _, health), cell in zip(groups, cells, strict=True):
        style = "" if health is None else HEALTH_STYLES[health]
        first = [code] if coded else []
        table.add_row(*first, _text(name), *cell[:-1], Text(cell[-1], style=style))
    _emit(out, table)


def print_gaps(out: Console, plan: Plan, report: GapReport) -> None:
    """The losing criteria tree, the losses per field, and what no task covers."""
    gaps = flat_gaps(report.gaps)
    cells = [
        (
            g.code,
            vn.number(g.maximum),
            vn.number(g.appraised),
            vn.number(g.lost),
            METHOD_SHORT[g.method],
        )
        for g in gaps
    ]
    table = _table(W["gaps_title"].format(assessment_year=plan.assessment.year))
    _fixed(table, W["code"], [c[0] for c in cells])
    _flexible(table, W["criterion"], 3, 12)
    for i, header in enumerate(("maximum", "appraised", "lost"), start=1):
        _fixed(table, W[header], [c[i] for c in cells], justify="right")
    _fixed(table, W["method_short"], [c[4] for c in cells])
    _flexible(table, W["tasks"], 2, 10)
    for gap, cell in zip(gaps, cells, strict=True):
        if gap.tasks:
            served = Text(", ".join(f"{s.task.id} {HEALTH_SHORT[s.health]}" for s in gap.tasks))
        elif gap.unserved:
            served = Text(W["unserved"], style="red")
        elif gap.reason and not gap.children:
            served = _text(W["excused"].format(reason=gap.reason), style="dim")
        else:
            served = Text("")
        style = "bold" if gap.level == 1 else ""
        name = Text("  " * (gap.level - 1)) + _text(gap.name, style=style)
        table.add_row(Text(cell[0], style=style), name, *cell[1:], served)
    _emit(out, table)
    _emit(out, Text())
    field_cells = [
        (f.code, vn.number(f.maximum), vn.number(f.lost), METHOD_SHORT[f.method])
        for f in report.fields
    ]
    fields = _table(W["fields_title"])
    _fixed(fields, W["code"], [c[0] for c in field_cells])
    _flexible(fields, W["field"], 1, 12)
    _fixed(fields, W["maximum"], [c[1] for c in field_cells], justify="right")
    _fixed(fields, W["lost"], [c[2] for c in field_cells], justify="right")
    _fixed(fields, W["method"], [c[3] for c in field_cells])
    for loss, row in zip(report.fields, field_cells, strict=True):
        fields.add_row(row[0], _text(loss.name), *row[1:])
    _emit(out, fields)
    total = W["total_lost"].format(
        lost=vn.number(report.total_lost),
        maximum=vn.number(plan.assessment.maximum),
        survey=vn.number(report.survey_lost),
        share=vn.percent(100 * report.survey_share),
    )
    _say(out, total)
    unserved = report.unserved
    if unserved:
        _say(out, W["unserved_line"].format(codes=", ".join(g.code for g in unserved)))
    if report.idle_tasks:
        ids = ", ".join(s.task.id for s in report.idle_tasks)
        _say(out, W["idle_line"].format(ids=ids))


def print_progress(out: Console, plan: Plan, report: ProgressReport, *, by: str) -> None:
    """Counts, overall percent, late and stale tasks, per unit or field, and the score."""
    _say(out, W["progress_title"].format(as_of=vn.short_date(report.as_of)), style="bold")
    _say(out, W["counts"].format(total=report.total, **report.by_status))
    done = report.by_status["done"]
    counted = report.total - report.by_status["cancelled"]
    share = vn.percent(100 * done / counted if counted else 0.0)
    _say(
        out,
        W["overall"].format(
            done=done, counted=counted, done_share=share, percent=vn.percent(report.percent)
        ),
    )
    listed = (
        ("late_line", report.late),
        ("at_risk_line", report.at_risk),
        ("stale_line", report.stale),
    )
    for key, states in listed:
        ids = ", ".join(s.task.id for s in states) or W["none"]
        _say(out, W[key].format(count=len(states), ids=ids, days=report.stale_days))
    _emit(out, Text())
    if by == "unit":
        _print_units(out, report.units, W["units_title"])
    else:
        groups = [
            (g.code, g.name, (g.tasks, g.done, g.late), g.percent, g.health) for g in report.fields
        ]
        headers = ("field", "tasks", "done", "late")
        _print_groups(out, W["by_field_title"], headers, groups, coded=True)
    _emit(out, Text())
    projection = report.projection
    score = _table(W["score_title"])
    score.add_column("", no_wrap=True)
    score.add_column("", no_wrap=True, justify="right")
    score.show_header = False
    score.add_row(W["score_now"].format(year=plan.assessment.year), vn.number(projection.score))
    score.add_row(W["banked"], "+" + vn.number(projection.banked))
    score.add_row(W["in_play"], "+" + vn.number(projection.in_play))
    score.add_row(W["projected"], vn.number(projection.projected))
    rank = projection.rank
    if rank is not None:
        score.add_row(
            W["rank_now"].format(year=plan.assessment.year), f"{rank.rank_now}/{rank.ranked}"
        )
        score.add_row(W["rank_projected"], f"{rank.rank_projected}/{rank.ranked}")
        to_next = W["first"] if rank.to_next_place is None else vn.number(rank.to_next_place)
        score.add_row(W["to_next"], to_next)
        if rank.target_rank is not None and rank.to_target is not None:
            score.add_row(W["to_target"].format(rank=rank.target_rank), vn.number(rank.to_target))
    _emit(out, score)
