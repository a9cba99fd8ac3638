"""`cchc status`, `gaps` and `progress`: the tracking views, as a table, JSON or CSV."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from enum import StrEnum
from typing import Annotated, Any

import typer

from cchc_plan.cli.options import AsOfOption, PlanOption, load_plan, parse_date


class ViewFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


class GroupBy(StrEnum):
    unit = "unit"
    field = "field"


ViewFormatOption = Annotated[
    ViewFormat, typer.Option("--format", help="table (mặc định), json hoặc csv (UTF-8 có BOM).")
]


def _emit(
    output_format: ViewFormat,
    *,
    document: Callable[[], dict[str, Any]],
    rows: Callable[[], Sequence[dict[str, Any]]],
    table: Callable[[], None],
) -> None:
    """Write a view in the chosen format; only that format's work is done. `table`
    imports the terminal module (rich) itself, so that JSON and CSV never load it."""
    from cchc_plan.output import records

    if output_format is ViewFormat.json:
        sys.stdout.write(records.to_json(document()))
    elif output_format is ViewFormat.csv:
        sys.stdout.write(records.to_csv(rows()))
    else:
        table()


def status(
    unit: Annotated[
        str | None,
        typer.Option(
            metavar="UNIT",
            help="Mã, tên hoặc tên gọi khác của đơn vị (không phân biệt dấu, hoa thường).",
        ),
    ] = None,
    assignee: Annotated[
        str | None,
        typer.Option(metavar="NAME", help="Chỉ nhiệm vụ của công chức này (một phần họ tên)."),
    ] = None,
    late: Annotated[bool, typer.Option("--late", help="Chỉ nhiệm vụ trễ hạn.")] = False,
    blocked: Annotated[
        bool,
        typer.Option(
            "--blocked", help="Chỉ nhiệm vụ có khó khăn đang chờ lãnh đạo cơ quan cho ý kiến."
        ),
    ] = False,
    output_format: ViewFormatOption = ViewFormat.table,
    plan_path: PlanOption = None,
    as_of: AsOfOption = None,
) -> None:
    """Danh sách nhiệm vụ của một đơn vị hoặc cả cơ quan: nội dung, công chức phụ trách,
    thời hạn, tiến độ; nhiệm vụ trễ hạn xếp trước, sau đó theo thời hạn. Khi không có
    --unit, kèm bảng tổng hợp theo đơn vị.
    """
    from cchc_plan.output import records
    from cchc_plan.views.tasks import status_rows
    from cchc_plan.views.units import find_unit, unit_summaries

    day = parse_date(as_of)
    plan = load_plan(plan_path, day)
    chosen = find_unit(plan, unit) if unit is not None else None
    rows = status_rows(
        plan, day, unit=chosen, assignee=assignee, late_only=late, blocked_only=blocked
    )
    units = [] if chosen is not None else unit_summaries(plan, day)

    def table() -> None:
        from cchc_plan.output import terminal

        name = chosen.name if chosen else None
        terminal.print_status(terminal.console(), plan, rows, units, as_of=day, unit_name=name)

    _emit(
        output_format,
        document=lambda: records.status_document(
            rows, units, as_of=day, unit=chosen.id if chosen else None
        ),
        rows=lambda: [records.task_record(r.state, r.role) for r in rows],
        table=table,
    )


def gaps(
    output_format: ViewFormatOption = ViewFormat.table,
    plan_path: PlanOption = None,
    as_of: AsOfOption = None,
) -> None:
    """Điểm bị trừ theo tiêu chí và lĩnh vực, nhiệm vụ khắc phục tương ứng, và những
    điểm bị trừ chưa có nhiệm vụ khắc phục."""
    from cchc_plan.output import records
    from cchc_plan.views.gaps import find_gaps

    day = parse_date(as_of)
    plan = load_plan(plan_path, day)
    report = find_gaps(plan, day)

    def table() -> None:
        from cchc_plan.output import terminal

        terminal.print_gaps(terminal.console(), plan, report)

    _emit(
        output_format,
        document=lambda: records.gaps_document(report, as_of=day, year=plan.assessment.year),
        rows=lambda: records.gap_rows(report),
        table=table,
    )


def progress(
    by: Annotated[
        GroupBy, typer.Option("--by", help="Nhóm theo đơn vị (unit) hoặc lĩnh vực (field).")
    ] = GroupBy.unit,
    stale_days: Annotated[
        int,
        typer.Option(
            "--stale-days",
            min=1,
            metavar="N",
            help="Quá số ngày này chưa cập nhật tiến độ thì nêu tên nhiệm vụ.",
        ),
    ] = 30,
    output_format: ViewFormatOption = ViewFormat.table,
    plan_path: PlanOption = None,
    as_of: AsOfOption = None,
) -> None:
    """Tiến độ thực hiện kế hoạch: số nhiệm vụ theo trạng thái, nhiệm vụ trễ hạn, có nguy
    cơ chậm, lâu chưa cập nhật tiến độ; tổng hợp theo đơn vị hoặc lĩnh vực; điểm có thể
    đạt."""
    from cchc_plan.output import records
    from cchc_plan.views.progress import measure_progress

    day = parse_date(as_of)
    plan = load_plan(plan_path, day)
    report = measure_progress(plan, day, stale_days=stale_days)
    groups = report.units if by is GroupBy.unit else report.fields

    def table() -> None:
        from cchc_plan.output import terminal

        terminal.print_progress(terminal.console(), plan, report, by=by.value)

    _emit(
        output_format,
        document=lambda: records.progress_document(report, by=by.value),
        rows=lambda: [records.group_record(g) for g in groups],
        table=table,
    )
