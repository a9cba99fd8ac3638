"""`cchc report`: the progress report, the plan's appendix, a unit's sheet."""

from __future__ import annotations

import os
import stat
import sys
from typing import Annotated

import typer

from cchc_plan.cli.options import AsOfOption, PlanOption, load_plan, parse_date, plan_file
from cchc_plan.documents.kinds import Audience, ReportKind
from cchc_plan.errors import (
    OptionsConflict,
    PathNotFound,
    ReadFailed,
    UnitRequired,
    file_kind,
    reason_of,
)


def report(
    kind: Annotated[
        ReportKind | None,
        typer.Option(
            "--kind",
            help="bao-cao (báo cáo tiến độ, mặc định), phu-luc (phụ lục của kế hoạch) "
            "hoặc don-vi (phiếu của một đơn vị, cần --unit; mặc định khi có --unit).",
            show_default=False,
        ),
    ] = None,
    unit: Annotated[
        str | None,
        typer.Option(
            metavar="UNIT", help="Đơn vị, cho phiếu của đơn vị (mã, tên hoặc tên gọi khác)."
        ),
    ] = None,
    to: Annotated[
        Audience | None,
        typer.Option(
            "--to",
            help="Báo cáo gửi ai: lanh-dao (Văn phòng báo cáo người đứng đầu cơ quan, mặc "
            "định) hoặc cap-tren (cơ quan báo cáo cấp trên, mặc định Sở Nội vụ); với "
            "--kind phu-luc: phụ lục kèm theo báo cáo đó, có cột tiến độ.",
            show_default=False,
        ),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            metavar="YYYY-MM-DD",
            help="Ngày báo cáo kỳ trước: liệt kê nhiệm vụ hoàn thành từ sau ngày đó.",
        ),
    ] = None,
    signed: Annotated[
        str | None,
        typer.Option(
            "--date",
            metavar="YYYY-MM-DD",
            help="Ngày ký báo cáo, ghi ở dòng địa danh, ngày tháng (mặc định: ngày --as-of).",
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
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Ghi ra tệp: ghi trọn vẹn, nếu lỗi thì giữ nguyên tệp cũ; không ghi đè lên "
            "tệp kế hoạch hay tệp mẫu (mặc định: in ra màn hình).",
        ),
    ] = None,
    plan_path: PlanOption = None,
    as_of: AsOfOption = None,
) -> None:
    """Báo cáo tình hình thực hiện kế hoạch bằng Markdown, theo mẫu Jinja (thư mục templates/).

    Mã thoát: 0 đã ghi báo cáo; 1 kế hoạch hoặc mẫu không hợp lệ; 2 sai cách dùng hoặc
    không đọc, không ghi được tệp.
    """
    from cchc_plan.documents.markdown import render_markdown
    from cchc_plan.views.report import report_content
    from cchc_plan.views.units import find_unit
    from cchc_plan.writing import write_atomically

    if output is not None and not output.strip():
        raise OptionsConflict("empty_output")
    day = parse_date(as_of)
    previous = parse_date(since) if since is not None else None
    if previous is not None and previous > day:
        raise OptionsConflict(
            "since_after_as_of", since=previous.isoformat(), as_of=day.isoformat()
        )
    if kind is None:
        kind = ReportKind.don_vi if unit is not None else ReportKind.bao_cao
    if unit is not None and not kind.needs_unit:
        raise OptionsConflict("unit_unused", kind=kind.value)
    if to is not None and kind is ReportKind.don_vi:
        raise OptionsConflict("to_unused", kind=kind.value)
    if kind.needs_unit and unit is None:
        raise UnitRequired(kind.value)
    source = plan_file(plan_path)
    plan = load_plan(source, day)
    chosen = find_unit(plan, unit) if unit is not None else None
    if template is not None:
        _check_template(template)
    audience = (to or Audience.lanh_dao).value
    dated = parse_date(signed) if signed is not None else day
    content = report_content(
        plan,
        as_of=day,
        since=previous,
        unit=chosen,
        audience=audience,
        dated=dated,
        with_report=to is not None and kind is ReportKind.phu_luc,
    )
    read: list[str] = []  # the user's template files the report was made from
    text = render_markdown(content, kind=kind, template=template, read=read)
    if output is None:
        sys.stdout.write(text)
    else:
        write_atomically(output, text, protected=(source, template, *read))


def _check_template(path: str) -> None:
    """A template that is a regular file the user may read; opened without waiting, so
    that a FIFO is refused rather than waited on."""
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise PathNotFound(path, "missing") from None
    except OSError as error:
        raise ReadFailed(path, reason_of(error)) from None
    try:
        mode = os.fstat(handle).st_mode
    finally:
        os.close(handle)
    if not stat.S_ISREG(mode):
        raise ReadFailed(path, file_kind(mode))
