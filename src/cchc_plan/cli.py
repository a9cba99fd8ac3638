"""The command line: the only module that knows typer and exit codes.

Commands parse their options, call the core, hand the result to a format, print
it and return an exit code. Heavy modules are imported inside the command that
needs them, so that `cchc validate` starts fast.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from enum import StrEnum
from typing import Annotated

import typer

from cchc_plan.messages import CLI

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


def _as_of(value: str | None, lang: Lang) -> date:
    if value is None:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(CLI[lang.value]["bad_as_of"].format(value=value)) from None


@contextmanager
def _guard() -> Iterator[None]:
    """Ctrl-C ends the command with exit code 130 and no traceback."""
    try:
        yield
    except KeyboardInterrupt:
        raise typer.Exit(EXIT_INTERRUPTED) from None


@app.command()
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
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of", metavar="YYYY-MM-DD", help="Ngày coi là hôm nay (mặc định: hôm nay)."
        ),
    ] = None,
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
    from cchc_plan.batch import PathProblem, find_plans, validate_many
    from cchc_plan.formats import RENDERERS

    day = _as_of(as_of, lang)
    words = CLI[lang.value]
    chosen = output_format or (
        Format.github if os.environ.get("GITHUB_ACTIONS") == "true" else Format.text
    )
    with _guard():
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


@app.command()
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
