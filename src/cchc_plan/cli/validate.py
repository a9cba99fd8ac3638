"""`cchc validate`: every problem of every plan, at file:line:col."""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from typing import Annotated

import typer

from cchc_plan.cli.options import AsOfOption, Lang, parse_date
from cchc_plan.errors import ValidationFailed


class Format(StrEnum):
    text = "text"
    json = "json"
    github = "github"


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
    from cchc_plan.reading.discovery import find_plans
    from cchc_plan.reading.validation import validate_many

    day = parse_date(as_of, lang)
    chosen = output_format or (
        Format.github if os.environ.get("GITHUB_ACTIONS") == "true" else Format.text
    )
    verdicts = list(validate_many(find_plans(paths or ["plans"]), as_of=day, jobs=jobs))
    sys.stdout.write(RENDERERS[chosen.value](verdicts, lang.value))
    unreadable = sum(1 for v in verdicts if v.unreadable)
    invalid = sum(1 for v in verdicts if v.errors or (strict and v.warnings))
    if unreadable or invalid:
        raise ValidationFailed(invalid=invalid, unreadable=unreadable)
