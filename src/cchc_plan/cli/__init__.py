"""The command line: the only package that knows typer.

One module per command (or group of commands); each parses its options, calls the
core, writes what it returns, and raises what went wrong. `error_handler` turns errors
into messages and exit codes, in one place, for every command registered here.

The commands are registered by name, lazily: a command's module is imported, and
typer's command made from its function, only when it runs (or when `cchc -h` lists
them all). `cchc validate` so loads neither the views' commands nor their options;
and the core is imported inside the command that needs it.
"""

from __future__ import annotations

import importlib
from typing import Any, NamedTuple

import typer
import typer.main

from cchc_plan.cli import frame, options
from cchc_plan.cli.error_handler import handled, run_app
from cchc_plan.cli.registry import LazyCommands

EXIT_CODES_HELP = (
    "Mã thoát: 0 hợp lệ (có thể có cảnh báo); 1 có kế hoạch không hợp lệ hoặc lỗi YAML; "
    "2 sai cách dùng hoặc không đọc, không ghi được tệp; 3 lỗi của chương trình; "
    "130 bị ngắt (Ctrl-C); 141 chương trình nhận kết quả đã dừng (ví dụ: | head); "
    "143, 129 bị dừng bằng tín hiệu SIGTERM, SIGHUP."
)


class Registered(NamedTuple):
    """A command: the module under cli/ and the function that make it, and its one
    line in `cchc -h` (the docstrings are longer)."""

    module: str
    function: str
    short_help: str


COMMANDS: dict[str, Registered] = {
    "validate": Registered(
        "validate", "validate", "Kiểm tra tệp kế hoạch, báo lỗi kèm tệp:dòng:cột."
    ),
    "status": Registered("tracking", "status", "Nhiệm vụ của một đơn vị hoặc cả cơ quan."),
    "gaps": Registered("tracking", "gaps", "Điểm bị trừ và nhiệm vụ khắc phục."),
    "progress": Registered("tracking", "progress", "Tiến độ thực hiện kế hoạch, điểm có thể đạt."),
    "report": Registered("report", "report", "Báo cáo, phụ lục kế hoạch, phiếu của đơn vị."),
    "update": Registered("update", "update", "Ghi tiến độ một nhiệm vụ vào tệp kế hoạch."),
    "schema": Registered("schema", "schema", "JSON Schema của tệp kế hoạch."),
}


def build(name: str) -> Any:
    """typer's command `name`, made from its registered function."""
    module, function, short_help = COMMANDS[name]
    callback = getattr(importlib.import_module(f"cchc_plan.cli.{module}"), function)
    single = typer.Typer(add_completion=False, rich_markup_mode=None)
    single.command(name, cls=frame.Command, short_help=short_help)(handled(callback))
    return typer.main.get_command(single)


class Cchc(frame.Group):
    """`cchc`, whose commands are made when first asked for."""

    def __init__(self, **attrs: Any) -> None:
        attrs["commands"] = LazyCommands(list(COMMANDS), build)
        super().__init__(**attrs)


app = typer.Typer(
    name="cchc",
    help="Quản lý kế hoạch khắc phục hạn chế cải cách hành chính (CCHC) bằng tệp YAML.",
    epilog=EXIT_CODES_HELP,
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    callback=options.root,
    cls=Cchc,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def main() -> None:
    """Run `cchc`."""
    run_app(app)
