"""`cchc update`: record a task's progress in the plan file, as a one-entry edit."""

from __future__ import annotations

import difflib
import os
import sys
from datetime import date
from enum import StrEnum
from typing import Annotated

import typer

from cchc_plan.cli.options import PlanOption, parse_date, plan_file
from cchc_plan.messages.cli import CLI


class Status(StrEnum):
    not_started = "not_started"
    in_progress = "in_progress"
    done = "done"
    cancelled = "cancelled"


def update(
    task: Annotated[str, typer.Argument(metavar="TASK", help="Mã nhiệm vụ, ví dụ: t02.")],
    percent: Annotated[
        float | None,
        typer.Option("--percent", min=0, max=100, metavar="N", help="Phần trăm hoàn thành."),
    ] = None,
    day: Annotated[
        str | None,
        typer.Option(
            "--date", metavar="YYYY-MM-DD", help="Ngày ghi nhận tiến độ (mặc định: hôm nay)."
        ),
    ] = None,
    note: Annotated[
        str | None, typer.Option("--note", metavar="TEXT", help="Ghi chú tiến độ.")
    ] = None,
    evidence: Annotated[
        list[str] | None,
        typer.Option(
            "--evidence", metavar="TEXT", help="Tài liệu kiểm chứng (có thể ghi nhiều lần)."
        ),
    ] = None,
    status: Annotated[
        Status | None,
        typer.Option(
            "--status",
            help="Trạng thái mới: not_started, in_progress, done (mặc định 100%), cancelled.",
            show_default=False,
        ),
    ] = None,
    difficulty: Annotated[
        str | None,
        typer.Option(
            "--difficulty",
            metavar="TEXT",
            help="Khó khăn, vướng mắc cần lãnh đạo cơ quan cho ý kiến.",
        ),
    ] = None,
    raised_by: Annotated[
        str | None,
        typer.Option(
            "--raised-by",
            metavar="UNIT",
            help="Đơn vị báo cáo khó khăn (mặc định: đơn vị chủ trì).",
        ),
    ] = None,
    resolve: Annotated[
        int | None,
        typer.Option(
            "--resolve", min=1, metavar="N", help="Số thứ tự khó khăn đã được giải quyết (từ 1)."
        ),
    ] = None,
    resolution: Annotated[
        str | None,
        typer.Option("--resolution", metavar="TEXT", help="Ý kiến giải quyết (cùng --resolve)."),
    ] = None,
    plan_path: PlanOption = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Chỉ in phần thay đổi, không ghi tệp.")
    ] = False,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Ghi mà không hỏi lại.")] = False,
) -> None:
    """Ghi tiến độ của một nhiệm vụ vào tệp kế hoạch: thêm một dòng vào nhật ký tiến độ,
    đúng kiểu viết của các dòng đã có, giữ nguyên phần còn lại của tệp.

    Trước khi ghi, tệp mới được đọc lại và kiểm tra như `cchc validate`, và dữ liệu chỉ
    được khác đúng phần cập nhật. In phần thay đổi (diff); trên màn hình hỏi lại trước
    khi ghi, ở nơi khác cần --yes. Mã thoát: 0 đã ghi (hoặc không có gì thay đổi); 1 kế
    hoạch hoặc bản cập nhật không hợp lệ; 2 sai cách dùng, không đọc, không ghi được tệp;
    3 lỗi của chương trình.
    """
    from cchc_plan.editing.update import Change
    from cchc_plan.editing.update import update as edit
    from cchc_plan.errors import EditRefused, OptionsConflict
    from cchc_plan.output.diagnostics import text_lines
    from cchc_plan.reading.loader import read_regular
    from cchc_plan.writing import locked, write_atomically

    when = parse_date(day)
    if raised_by is not None and difficulty is None:
        raise OptionsConflict("raised_by_alone")
    if (resolve is None) != (resolution is None):
        raise OptionsConflict("resolve_pair")
    path = plan_file(plan_path)
    change = Change(
        task=task,
        day=when,
        percent=percent,
        note=note,
        evidence=tuple(evidence or ()),
        status=status.value if status else None,
        difficulty=difficulty,
        raised_by=raised_by,
        resolve=resolve,
        resolution=resolution,
    )
    with locked(path):
        raw, _ = read_regular(path)
        try:
            edited = edit(raw, change, name=path, as_of=date.today())
        except EditRefused as refused:
            if refused.verdict is not None:
                sys.stderr.write(text_lines(refused.verdict, "vi"))  # type: ignore[arg-type]
            raise
        if not edited.changed:
            sys.stdout.write(CLI["vi"]["update_unchanged"].format(path=path) + "\n")
            return
        before = edited.before.decode("utf-8").splitlines(keepends=True)
        after = edited.after.decode("utf-8").splitlines(keepends=True)
        sys.stdout.writelines(difflib.unified_diff(before, after, path, path))
        if dry_run:
            return
        if not yes:
            if not (sys.stdin.isatty() and sys.stdout.isatty()):
                sys.stderr.write(
                    "Chưa ghi: hãy chạy lại với --yes để ghi, hoặc --dry-run để xem.\n"
                )
                raise typer.Exit(2)
            if not typer.confirm(CLI["vi"]["update_confirm"], default=False):
                sys.stdout.write(CLI["vi"]["update_not_written"] + "\n")
                return
        write_atomically(path, edited.after.decode("utf-8"))
    done = CLI["vi"]["update_written"].format(file=os.path.basename(path), task=task, day=when)
    sys.stdout.write(done + "\n")
    if _in_git(path):
        what = f"{percent:g}%" if percent is not None else (status.value if status else "")
        summary = " ".join(part for part in (f"{task}:", what, when.strftime("%d/%m/%Y")) if part)
        sys.stdout.write(CLI["vi"]["update_commit"].format(summary=summary, path=path) + "\n")


def _in_git(path: str) -> bool:
    """Whether `path` lies in a git work tree (a `.git` in its folder or above)."""
    folder = os.path.dirname(os.path.abspath(path))
    while True:
        if os.path.exists(os.path.join(folder, ".git")):
            return True
        parent = os.path.dirname(folder)
        if parent == folder:
            return False
        folder = parent
