"""`cchc validate`: every problem of every plan, at file:line:col."""

from __future__ import annotations

import os
import sys
from contextlib import closing
from dataclasses import replace
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
        typer.Argument(
            metavar="PATH",
            help="Tệp hoặc thư mục kế hoạch (mặc định: plans/).",
            show_default=False,
        ),
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
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            metavar="N",
            help=(
                "Số tiến trình (mặc định: số CPU tiến trình được dùng; một tiến trình khi "
                "dưới 16 tệp)."
            ),
        ),
    ] = None,
) -> None:
    """Kiểm tra tệp kế hoạch: báo mọi lỗi kèm tệp:dòng:cột, rồi một dòng tổng kết.

    Mã thoát: 0 hợp lệ (cảnh báo vẫn được phép, trừ khi --strict); 1 có ít nhất một kế
    hoạch không hợp lệ hoặc lỗi YAML; 2 sai cách dùng hoặc không đọc được đường dẫn;
    3 lỗi của chương trình.
    """
    from cchc_plan.output.diagnostics import STREAMED, Tally, render_json, summary
    from cchc_plan.reading.discovery import find_plans
    from cchc_plan.reading.validation import validate_many

    day = parse_date(as_of, lang)
    chosen = output_format or (
        Format.github if os.environ.get("GITHUB_ACTIONS") == "true" else Format.text
    )
    files = find_plans(paths or ["plans"])
    tally = Tally()
    unreadable = invalid = 0
    kept = []  # for JSON, one document at the end: the verdicts, without their text
    # Each file's diagnostics are written as soon as it is judged; no plan is kept.
    with closing(validate_many(files, as_of=day, jobs=jobs, keep_plans=False)) as verdicts:
        for verdict in verdicts:
            tally.add(verdict)
            unreadable += verdict.unreadable
            invalid += bool(verdict.errors or (strict and verdict.warnings))
            if chosen is Format.json:
                kept.append(replace(verdict, text=""))
            else:
                sys.stdout.write(STREAMED[chosen.value](verdict, lang.value))
    if chosen is Format.json:
        sys.stdout.write(render_json(kept, lang.value))
    else:
        sys.stdout.write(summary(tally, lang.value) + "\n")
    if unreadable or invalid:
        raise ValidationFailed(invalid=invalid, unreadable=unreadable)
