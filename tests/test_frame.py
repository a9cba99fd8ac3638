"""typer's own frame in Vietnamese: a usage error and the help read as the rest does.

These run `cchc` as a process: the frame is written where the program starts, not
inside the commands that the in-process runner calls.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT


def _cchc(*args: str) -> subprocess.CompletedProcess[str]:
    script = Path(sys.executable).with_name("cchc")
    return subprocess.run(
        [str(script), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        check=False,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["status", "--foo"], "Lỗi: không có tùy chọn --foo"),
        (["stat"], "Lỗi: không có lệnh “stat”."),
        (["progress", "--by", "x"], "“x” không phải một trong các giá trị 'unit', 'field'"),
        (["validate", "-j", "abc"], "giá trị không hợp lệ cho '--jobs' / '-j': cần một số nguyên"),
        (["report", "--as-of", "2021-13-01"], "Lỗi: ngày không hợp lệ: 2021-13-01"),
    ],
)
def test_a_usage_error_is_worded_in_vietnamese(args: list[str], says: str) -> None:
    result = _cchc(*args)
    assert result.returncode == 2
    assert says in result.stderr
    assert result.stderr.startswith("Cách dùng: cchc")
    assert "Xem thêm: cchc" in result.stderr
    for english in ("Usage:", "Error:", "Try '", "Invalid value", "No such"):
        assert english not in result.stderr


def test_english_when_asked() -> None:
    result = _cchc("validate", "--lang", "en", "-j", "abc")
    assert result.returncode == 2
    assert "Usage: cchc validate" in result.stderr
    assert "Error: Invalid value for '--jobs'" in result.stderr


@pytest.mark.parametrize("command", [[], ["validate"], ["report"], ["status"]])
def test_help_headings_are_vietnamese(command: list[str]) -> None:
    result = _cchc(*command, "-h")
    assert result.returncode == 0
    assert result.stdout.startswith("Cách dùng: cchc")
    assert "Tùy chọn:" in result.stdout
    assert "Hiện hướng dẫn này rồi thoát." in result.stdout
    for english in ("Usage:", "Options:", "Show this message", "env var", "<list[str]>"):
        assert english not in result.stdout


def test_no_command_shows_the_help() -> None:
    result = _cchc()
    assert result.returncode == 2
    assert "Lệnh:" in result.stderr
