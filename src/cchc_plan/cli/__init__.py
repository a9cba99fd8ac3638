"""The command line: the only module that knows typer and exit codes.

Commands parse their options, call the core, hand the result to a format, print
it and return an exit code. Heavy modules are imported inside the command that
needs them, so that `cchc validate` starts fast.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, ParamSpec

import typer

from cchc_plan.messages.diagnostics import CLI, VIEW_WORDS

if TYPE_CHECKING:
    from cchc_plan.models import Plan, Unit

P = ParamSpec("P")

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2
EXIT_BUG = 3
EXIT_INTERRUPTED = 130

EXIT_CODES_HELP = (
    "Mã thoát: 0 hợp lệ (có thể có cảnh báo); 1 có kế hoạch không hợp lệ hoặc lỗi YAML; "
    "2 sai cách dùng hoặc không đọc được đường dẫn; 3 lỗi của chương trình."
)

app = typer.Typer(
    name="cchc",
    help="Quản lý kế hoạch khắc phục hạn chế cải cách hành chính (CCHC) bằng tệp YAML.",
    epilog=EXIT_CODES_HELP,
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


class Format(StrEnum):
    text = "text"
    json = "json"
    github = "github"


class Lang(StrEnum):
    vi = "vi"
    en = "en"


class ViewFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


class ReportKind(StrEnum):
    bao_cao = "bao-cao"
    phu_luc = "phu-luc"
    don_vi = "don-vi"


class GroupBy(StrEnum):
    unit = "unit"
    field = "field"


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
ViewFormatOption = Annotated[
    ViewFormat, typer.Option("--format", help="table (mặc định), json hoặc csv (UTF-8 có BOM).")
]


def _as_of(value: str | None, lang: Lang) -> date:
    if value is None:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(CLI[lang.value]["bad_as_of"].format(value=value)) from None


def _interruptible(command: Callable[P, None]) -> Callable[P, None]:
    """Ctrl-C ends a command with exit code 130 and no traceback."""

    @functools.wraps(command)
    def run(*args: P.args, **kwargs: P.kwargs) -> None:
        try:
            command(*args, **kwargs)
        except KeyboardInterrupt:
            raise typer.Exit(EXIT_INTERRUPTED) from None

    return run


@app.command()
@_interruptible
def validate(
    paths: Annotated[
        list[str] | None,
        typer.Argument(help="Tệp hoặc thư mục kế hoạch (mặc định: plans/).", show_default=False),
    ] = None,
    output_format: Annotated[
        Format | None,
        typer.Option(
            "--format",
            help="text (mặc định), json hoặc github; github khi GITHUB_ACTIONS=true.",
            show_default=False,
        ),
    ] = None,
    lang: Annotated[Lang, typer.Option(help="Ngôn ngữ thông báo: vi hoặc en.")] = Lang.vi,
    strict: Annotated[
        bool, typer.Option("--strict", help="Coi cảnh báo là lỗi (mã thoát 1).")
    ] = False,
    as_of: AsOfOption = None,
    jobs: Annotated[
        int | None,
        typer.Option("--jobs", "-j", min=1, help="Số tiến trình (mặc định: số lõi CPU)."),
    ] = None,
) -> None:
    """Kiểm tra tệp kế hoạch: báo mọi lỗi kèm tệp:dòng:cột, rồi một dòng tổng kết.

    Mã thoát: 0 hợp lệ (cảnh báo vẫn được phép, trừ khi --strict); 1 có ít nhất một kế
    hoạch không hợp lệ hoặc lỗi YAML; 2 sai cách dùng hoặc không đọc được đường dẫn;
    3 lỗi của chương trình.
    """
    from cchc_plan.output.diagnostics import RENDERERS
    from cchc_plan.reading.discovery import PathProblem, find_plans, validate_many

    day = _as_of(as_of, lang)
    words = CLI[lang.value]
    chosen = output_format or (
        Format.github if os.environ.get("GITHUB_ACTIONS") == "true" else Format.text
    )
    try:
        files = find_plans(paths or ["plans"])
    except PathProblem as problem:
        typer.echo(f"{problem.path}: {words[problem.reason]}", err=True)
        raise typer.Exit(EXIT_USAGE) from None
    verdicts = validate_many(files, as_of=day, jobs=jobs)
    sys.stdout.write(RENDERERS[chosen.value](verdicts, lang.value))
    if any(v.unreadable for v in verdicts):
        raise typer.Exit(EXIT_USAGE)
    failed = any(v.errors or (strict and v.warnings) for v in verdicts)
    raise typer.Exit(EXIT_INVALID if failed else EXIT_OK)


def _load_plan(path: str | None, day: date) -> Plan:
    """The valid plan the views work on; an invalid one exits 1 with its diagnostics."""
    from cchc_plan.output.diagnostics import render_text
    from cchc_plan.reading.discovery import PathProblem, newest_plan
    from cchc_plan.reading.validation import validate_file

    try:
        chosen = path or newest_plan()
    except PathProblem as problem:
        typer.echo(f"{problem.path}: {CLI['vi'][problem.reason]}", err=True)
        raise typer.Exit(EXIT_USAGE) from None
    verdict = validate_file(chosen, as_of=day)
    if verdict.plan is None:
        sys.stderr.write(render_text([verdict], "vi"))
        if verdict.unreadable:
            raise typer.Exit(EXIT_USAGE)
        typer.echo(CLI["vi"]["invalid_plan"].format(path=chosen), err=True)
        raise typer.Exit(EXIT_INVALID)
    return verdict.plan


@app.command()
@_interruptible
def status(
    unit: Annotated[
        str | None,
        typer.Option(
            help="Mã, tên hoặc tên gọi khác của đơn vị (không phân biệt dấu, hoa thường)."
        ),
    ] = None,
    assignee: Annotated[
        str | None, typer.Option(help="Chỉ nhiệm vụ của công chức này (một phần họ tên).")
    ] = None,
    late: Annotated[bool, typer.Option("--late", help="Chỉ nhiệm vụ trễ hạn.")] = False,
    blocked: Annotated[
        bool, typer.Option("--blocked", help="Chỉ nhiệm vụ đang chờ Lãnh đạo Sở giải quyết.")
    ] = False,
    output_format: ViewFormatOption = ViewFormat.table,
    plan_path: PlanOption = None,
    as_of: AsOfOption = None,
) -> None:
    """Nhiệm vụ của một đơn vị hoặc cả Sở: việc gì, ai phụ trách, hạn nào, trễ hay chưa.

    Trễ hạn trước, rồi theo thời hạn. Không có --unit: mọi nhiệm vụ, rồi một dòng cho
    mỗi đơn vị.
    """
    from cchc_plan.output import records
    from cchc_plan.views import tasks as analysis

    day = _as_of(as_of, Lang.vi)
    plan = _load_plan(plan_path, day)
    chosen = _find_unit(plan, unit) if unit is not None else None
    rows = analysis.status_rows(
        plan, day, unit=chosen, assignee=assignee, late_only=late, blocked_only=blocked
    )
    units = [] if chosen is not None else analysis.unit_summaries(plan, day)
    if output_format is ViewFormat.json:
        document = records.status_document(
            rows, units, as_of=day, unit=chosen.id if chosen else None
        )
        sys.stdout.write(records.to_json(document))
    elif output_format is ViewFormat.csv:
        sys.stdout.write(records.to_csv([records.task_record(r.state, r.role) for r in rows]))
    else:
        from cchc_plan.output import terminal

        terminal.print_status(
            terminal.console(),
            plan,
            rows,
            units,
            as_of=day,
            unit_name=chosen.name if chosen else None,
        )


@app.command()
@_interruptible
def gaps(
    output_format: ViewFormatOption = ViewFormat.table,
    plan_path: PlanOption = None,
    as_of: AsOfOption = None,
) -> None:
    """Điểm bị mất ở đâu, nhiệm vụ nào khắc phục, điểm nào chưa có nhiệm vụ."""
    from cchc_plan.output import records
    from cchc_plan.views import tasks as analysis

    day = _as_of(as_of, Lang.vi)
    plan = _load_plan(plan_path, day)
    report = analysis.find_gaps(plan, day)
    if output_format is ViewFormat.json:
        document = records.gaps_document(report, as_of=day, year=plan.assessment.year)
        sys.stdout.write(records.to_json(document))
    elif output_format is ViewFormat.csv:
        sys.stdout.write(records.to_csv(records.gap_rows(report)))
    else:
        from cchc_plan.output import terminal

        terminal.print_gaps(terminal.console(), plan, report)


@app.command()
@_interruptible
def progress(
    by: Annotated[
        GroupBy, typer.Option("--by", help="Nhóm theo đơn vị (unit) hoặc lĩnh vực (field).")
    ] = GroupBy.unit,
    stale_days: Annotated[
        int,
        typer.Option("--stale-days", min=1, help="Số ngày không cập nhật thì coi là bị bỏ quên."),
    ] = 30,
    output_format: ViewFormatOption = ViewFormat.table,
    plan_path: PlanOption = None,
    as_of: AsOfOption = None,
) -> None:
    """Tiến độ: số nhiệm vụ theo trạng thái, trễ hạn, bỏ quên, theo đơn vị hoặc lĩnh vực,
    và điểm có thể đạt."""
    from cchc_plan.output import records
    from cchc_plan.views import tasks as analysis

    day = _as_of(as_of, Lang.vi)
    plan = _load_plan(plan_path, day)
    report = analysis.measure_progress(plan, day, stale_days=stale_days)
    if output_format is ViewFormat.json:
        sys.stdout.write(records.to_json(records.progress_document(report, by=by.value)))
    elif output_format is ViewFormat.csv:
        groups = report.units if by is GroupBy.unit else report.fields
        sys.stdout.write(records.to_csv([records.group_record(g) for g in groups]))
    else:
        from cchc_plan.output import terminal

        terminal.print_progress(terminal.console(), plan, report, by=by.value)


def _find_unit(plan: Plan, query: str) -> Unit:
    """The unit a name on the command line means, or a usage error listing them."""
    from cchc_plan.views import tasks as analysis

    try:
        return analysis.find_unit(plan, query)
    except analysis.UnknownUnit as unknown:
        names = ", ".join(f"{u.id} ({u.name})" for u in unknown.candidates or plan.units)
        key = "ambiguous_unit" if unknown.candidates else "unknown_unit"
        typer.echo(VIEW_WORDS[key].format(query=query, units=names), err=True)
        raise typer.Exit(EXIT_USAGE) from None


@app.command()
@_interruptible
def report(
    kind: Annotated[
        ReportKind,
        typer.Option(
            "--kind",
            help="bao-cao (báo cáo tiến độ), phu-luc (phụ lục của kế hoạch) "
            "hoặc don-vi (phiếu của một đơn vị, cần --unit).",
        ),
    ] = ReportKind.bao_cao,
    unit: Annotated[
        str | None, typer.Option(help="Đơn vị, cho --kind don-vi (mã, tên hoặc tên gọi khác).")
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            metavar="YYYY-MM-DD",
            help="Ngày báo cáo kỳ trước: liệt kê nhiệm vụ hoàn thành từ sau ngày đó.",
        ),
    ] = None,
    template: Annotated[
        str | None,
        typer.Option(
            "--template", metavar="PATH", help="Mẫu Jinja riêng, dùng cùng dữ liệu với mẫu sẵn có."
        ),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option("--output", "-o", metavar="FILE", help="Ghi ra tệp (mặc định: màn hình)."),
    ] = None,
    plan_path: PlanOption = None,
    as_of: AsOfOption = None,
) -> None:
    """Báo cáo Lãnh đạo Sở bằng Markdown, theo mẫu Jinja (thư mục templates/).

    Mã thoát: 0 đã ghi báo cáo; 1 kế hoạch hoặc mẫu không hợp lệ; 2 sai cách dùng.
    """
    from cchc_plan.documents.markdown import TemplateProblem, render_report
    from cchc_plan.writing import write_atomically

    day = _as_of(as_of, Lang.vi)
    previous = _as_of(since, Lang.vi) if since is not None else None
    plan = _load_plan(plan_path, day)
    chosen = _find_unit(plan, unit) if unit is not None else None
    if kind is ReportKind.don_vi and chosen is None:
        typer.echo(CLI["vi"]["unit_needed"], err=True)
        raise typer.Exit(EXIT_USAGE)
    if template is not None and not Path(template).is_file():
        typer.echo(f"{template}: {CLI['vi']['missing']}", err=True)
        raise typer.Exit(EXIT_USAGE)
    try:
        text = render_report(
            plan, kind=kind.value, as_of=day, since=previous, unit=chosen, template=template
        )
    except TemplateProblem as problem:
        where = f"{problem.name}:{problem.line}" if problem.line else problem.name
        typer.echo(
            CLI["vi"]["template_error"].format(where=where, message=problem.message), err=True
        )
        raise typer.Exit(EXIT_INVALID) from None
    if output is None:
        sys.stdout.write(text)
    else:
        try:
            write_atomically(output, text)
        except OSError as error:
            typer.echo(f"{output}: {error.strerror or error}", err=True)
            raise typer.Exit(EXIT_USAGE) from None


@app.command()
@_interruptible
def schema() -> None:
    """In JSON Schema của tệp kế hoạch (sinh từ mô hình dữ liệu)."""
    from cchc_plan.schema import plan_json_schema

    sys.stdout.write(plan_json_schema())


def main() -> None:
    """Run the app; a bug says it is one, and exits 3, rather than pass for a user's error."""
    try:
        app()
    except Exception as error:  # the one place that catches everything: see docstring
        message = CLI["vi"]["bug"].format(error=f"{type(error).__name__}: {error}")
        sys.stderr.write(message + "\n")
        raise SystemExit(EXIT_BUG) from None
