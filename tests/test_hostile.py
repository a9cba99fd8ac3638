"""Bad and hostile input: whatever a plan file holds, cchc answers with a diagnostic at
the right place, and never lets the file's bytes take over the terminal or a sheet."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from cchc_plan.cli import app
from tests.conftest import AS_OF

MINIMAL = Path(__file__).parent / "cases" / "valid" / "minimal.yaml"


def _validate(runner: CliRunner, path: Path, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["validate", str(path), "--as-of", AS_OF.isoformat(), *args])
    assert "Traceback" not in result.output
    return result.exit_code, result.output


@pytest.mark.parametrize(
    "prologue",
    [
        "%YAML 1.0\n",
        "%YAML 1.3\n",
        "%YAML 2.0\n",
        "%YAML 1.99999999999999999999\n",
        "%YAML 99999999999999999999.1\n",
        "%YAML 1.\n",
        "%YAML 1.1\n%YAML 1.1\n",
        "%YAML 1.2\n%YAML 1.3\n",
        "%TAG !x!\n",
        "%TAG !x! a\n%TAG !x! b\n",
        "%TAG !! tag:yaml.org,2002:python/\n",
        "%TAG !e! %zz\n",
        "%\n",
        "%YAML\t1.2\n",
    ],
)
def test_every_directive_is_refused_at_its_line(
    runner: CliRunner, tmp_path: Path, prologue: str
) -> None:
    """Any directive, well or badly formed, is CCHC016 on its own line: never a crash."""
    path = tmp_path / "plan.yaml"
    path.write_text(prologue + "---\n" + MINIMAL.read_text(encoding="utf-8"), encoding="utf-8")
    code, output = _validate(runner, path)
    assert code == 1, output
    for number in range(1, prologue.count("\n") + 1):
        assert f"{path}:{number}:1: error CCHC016: không dùng chỉ thị" in output


def test_a_directive_before_a_second_document_is_refused_too(
    runner: CliRunner, tmp_path: Path
) -> None:
    """A directive after `...` (the start of a second document) is no crash either."""
    path = tmp_path / "plan.yaml"
    path.write_text("a: 1\n...\n%YAML 1.3\n---\nb: 2\n", encoding="utf-8")
    code, output = _validate(runner, path)
    assert code == 1, output
    assert f"{path}:3:1: error CCHC016" in output
    assert f"{path}:4:1: error CCHC006" in output


@pytest.mark.parametrize("escape", ["\\U00110000", "\\UFFFFFFFF", "\\U7FFFFFFF"])
def test_an_escape_past_unicode_is_named_where_it_is(
    runner: CliRunner, tmp_path: Path, escape: str
) -> None:
    """An escape beyond U+10FFFF is CCHC021 at its backslash, in both languages."""
    path = tmp_path / "plan.yaml"
    path.write_text(f'document:\n  place: "Trà {escape}"\n', encoding="utf-8")
    code, output = _validate(runner, path)
    assert code == 1, output
    assert f"{path}:2:15: error CCHC021: chuỗi thoát {escape} không hợp lệ" in output
    _, english = _validate(runner, path, "--lang", "en")
    assert f"invalid escape sequence {escape}: beyond U+10FFFF" in english
