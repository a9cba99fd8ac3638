"""The command line: the only package that knows typer.

One module per command (or group of commands); each parses its options, calls the
core, writes what it returns, and raises what went wrong. `error_handler` turns errors
into messages and exit codes, in one place, for every command registered here. The
core is imported inside the command that needs it, so that `cchc validate` starts fast.
"""

from __future__ import annotations

from collections.abc import Callable

import typer

from cchc_plan.cli import frame, options, report, schema, tracking, validate
from cchc_plan.cli.error_handler import handled, run_app

EXIT_CODES_HELP = (
    "Mã thoát: 0 hợp lệ (có thể có cảnh báo); 1 có kế hoạch không hợp lệ hoặc lỗi YAML; "
    "2 sai cách dùng hoặc không đọc, không ghi được tệp; 3 lỗi của chương trình; "
    "130 bị ngắt (Ctrl-C); 141 chương trình nhận kết quả đã dừng (ví dụ: | head); "
    "143, 129 bị dừng bằng tín hiệu SIGTERM, SIGHUP."
)

app = typer.Typer(
    name="cchc",
    help="Quản lý kế hoạch khắc phục hạn chế cải cách hành chính (CCHC) bằng tệp YAML.",
    epilog=EXIT_CODES_HELP,
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    callback=options.root,
    cls=frame.Group,
    context_settings={"help_option_names": ["-h", "--help"]},
)

# One line each in `cchc -h` (the docstrings are longer).
SHORT_HELP: dict[Callable[..., None], str] = {
    validate.validate: "Kiểm tra tệp kế hoạch, báo lỗi kèm tệp:dòng:cột.",
    tracking.status: "Nhiệm vụ của một đơn vị hoặc cả cơ quan.",
    tracking.gaps: "Điểm bị trừ và nhiệm vụ khắc phục.",
    tracking.progress: "Tiến độ thực hiện kế hoạch, điểm có thể đạt.",
    report.report: "Báo cáo, phụ lục kế hoạch, phiếu của đơn vị.",
    schema.schema: "JSON Schema của tệp kế hoạch.",
}

for command, short in SHORT_HELP.items():
    app.command(cls=frame.Command, short_help=short)(handled(command))


def main() -> None:
    """Run `cchc`."""
    run_app(app)
