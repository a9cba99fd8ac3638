"""The command line: formats, exit codes, defaults, languages."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cchc_plan.cli import app
from tests.conftest import AS_OF, CASES, PLAN_2021, ROOT

INVALID = CASES / "invalid" / "unresolved-reference.yaml"


def _validate(runner: CliRunner, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["validate", "--as-of", AS_OF.isoformat(), *args])
    return result.exit_code, result.output


def test_valid_plan_prints_only_a_summary(runner: CliRunner) -> None:
    """A valid plan gives exit 0 and one summary line."""
    code, output = _validate(runner, str(PLAN_2021))
    assert code == 0, output
    assert output == "Đã kiểm tra 1 tệp: 0 tệp không hợp lệ, 0 lỗi, 0 cảnh báo.\n"


def test_text_format_shows_the_line_and_a_caret(runner: CliRunner) -> None:
    """Each diagnostic is path:line:col, the source line, and a caret under the column."""
    code, output = _validate(runner, str(INVALID))
    assert code == 1
    lines = output.splitlines()
    first = next(i for i, line in enumerate(lines) if "CCHC208" in line)
    assert lines[first].startswith(f'{INVALID}:48:11: lỗi CCHC208: đơn vị "ofice" không tồn tại')
    assert lines[first + 1] == "48 |     lead: ofice"
    assert lines[first + 2] == "   |           ^"
    assert lines[-1].startswith("Đã kiểm tra 1 tệp: 1 tệp không hợp lệ, 2 lỗi, 1 cảnh báo")


def test_english_messages(runner: CliRunner) -> None:
    """--lang en gives the same diagnostics in English."""
    _, output = _validate(runner, str(INVALID), "--lang", "en")
    assert 'error CCHC208: no unit "ofice"; did you mean "office"?' in output


def test_json_format(runner: CliRunner) -> None:
    """--format json is a stable document with every diagnostic's fields."""
    code, output = _validate(runner, str(INVALID), "--format", "json")
    assert code == 1
    document = json.loads(output)
    assert document["version"] == 1
    assert document["files"] == [
        {"file": str(INVALID), "valid": False, "errors": 2, "warnings": 1}
    ]
    first = document["diagnostics"][0]
    assert set(first) == {"file", "line", "column", "code", "severity", "message"}
    assert [(d["line"], d["code"], d["severity"]) for d in document["diagnostics"]] == [
        (43, "CCHC209", "warning"),
        (48, "CCHC208", "error"),
        (57, "CCHC208", "error"),
    ]


def test_github_format_is_chosen_under_actions(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Under GitHub Actions the output is workflow annotations."""
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    code, output = _validate(runner, str(INVALID))
    assert code == 1
    assert f"::error file={INVALID},line=48,col=11,title=CCHC208::" in output
    assert f"::warning file={INVALID},line=43,col=9,title=CCHC209::" in output


def test_folder_default_and_many_files(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without a path, plans/ is validated; folders are searched for YAML files."""
    monkeypatch.chdir(ROOT)
    code, output = _validate(runner)
    assert code == 0, output
    code, output = _validate(runner, str(CASES / "valid"), str(PLAN_2021))
    assert code == 0
    assert "Đã kiểm tra 4 tệp" in output


def test_parallel_run_matches_serial(runner: CliRunner) -> None:
    """Many files on two processes give the same report as one process."""
    serial = _validate(runner, str(CASES), "--jobs", "1", "--format", "json")
    parallel = _validate(runner, str(CASES), "--jobs", "2", "--format", "json")
    assert serial == parallel
    assert serial[0] == 1


def test_strict_fails_on_warnings(runner: CliRunner) -> None:
    """--strict turns a warning into a failure."""
    path = str(CASES / "warnings" / "uncovered-loss.yaml")
    assert _validate(runner, path)[0] == 0
    assert _validate(runner, path, "--strict")[0] == 1


def test_as_of_moves_today(runner: CliRunner) -> None:
    """A log entry after --as-of is an error; the same plan is fine later."""
    path = str(CASES / "invalid" / "log-after-as-of.yaml")
    assert _validate(runner, path)[0] == 1
    result = runner.invoke(app, ["validate", path, "--as-of", "2021-12-31"])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["no/such/plan.yaml"], "không tìm thấy"),
        (["--as-of", "30/9/2021", "plans"], "30/9/2021"),
        (["--format", "xml", "plans"], "xml"),
    ],
)
def test_usage_errors_exit_2(runner: CliRunner, args: list[str], words: str) -> None:
    """A missing path, a bad date or a bad option is a usage error, exit 2."""
    result = runner.invoke(app, ["validate", *args])
    assert result.exit_code == 2
    assert words in result.output


def test_empty_folder_is_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    """A folder without any plan is exit 2, not a silent success."""
    result = runner.invoke(app, ["validate", str(tmp_path)])
    assert result.exit_code == 2
    assert "không chứa tệp kế hoạch" in result.output


def test_unreadable_file_exits_2(runner: CliRunner, tmp_path: Path) -> None:
    """A plan that cannot be read (here a dangling link) is exit 2 with a diagnostic."""
    plan = tmp_path / "gone.yaml"
    plan.symlink_to(tmp_path / "missing-target.yaml")
    result = runner.invoke(app, ["validate", str(plan)])
    assert result.exit_code == 2
    assert f"{plan}: lỗi CCHC020: không đọc được" in result.output


def test_help_documents_exit_codes(runner: CliRunner) -> None:
    """--help states the exit codes."""
    result = runner.invoke(app, ["validate", "--help"])
    assert result.exit_code == 0
    assert "Mã thoát: 0" in result.output
    assert "2 sai cách dùng" in result.output


def test_python_dash_m_runs_the_same_cli() -> None:
    """`python -m cchc_plan` behaves as `cchc`."""
    result = subprocess.run(
        [sys.executable, "-m", "cchc_plan", "validate", str(PLAN_2021)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "0 lỗi" in result.stdout


def _validate_then(setup: str, report: str) -> str:
    """The last line a fresh process prints after `setup`, `cchc validate` on the 2021
    plan (through the command line's own main: __main__'s ends the process at once),
    then `report`, which sees the exit code as `code`."""
    probe = (
        f"import os, sys\n{setup}"
        "from cchc_plan.cli import main\n"
        f"sys.argv = ['cchc', 'validate', {str(PLAN_2021)!r}]\n"
        "try:\n    main()\nexcept SystemExit as done:\n    code = done.code\n"
        f"{report}"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    return result.stdout.splitlines()[-1]


def test_validate_imports_neither_rich_nor_jinja2() -> None:
    """`cchc validate` starts without the terminal and report libraries."""
    loaded = "sorted({m.split('.')[0] for m in sys.modules} & {'rich', 'jinja2'})"
    assert _validate_then("", f"print(code, {loaded})\n") == "0 []"


def test_validate_loads_no_other_command_nor_typer_adapters() -> None:
    """`cchc validate` makes only its own command (the others' modules stay unread),
    and its options' plain values skip typer's pydantic adapters."""
    unwanted = ["cchc_plan.cli.report", "cchc_plan.cli.tracking", "typer._adapters"]
    loaded = f"sorted(set({unwanted!r}) & set(sys.modules))"
    assert _validate_then("", f"print(code, {loaded})\n") == "0 []"


def test_help_loads_neither_pydantic_nor_the_core() -> None:
    """`cchc validate --help` prints its help without pydantic or the plan's models."""
    probe = (
        "import sys\nfrom cchc_plan.cli import main\n"
        "sys.argv = ['cchc', 'validate', '--help']\n"
        "try:\n    main()\nexcept SystemExit as done:\n    code = done.code\n"
        "print(code, sorted({m.split('.')[0] for m in sys.modules} & {'pydantic', 'ruamel'}),"
        " 'cchc_plan.models' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert "Cách dùng: cchc validate" in result.stdout
    assert result.stdout.splitlines()[-1] == "0 [] False"


def test_a_bug_says_so_and_exits_3(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """An internal error is reported as a bug in cchc with exit 3, never a traceback."""
    from cchc_plan import cli  # noqa: PLC0415
    from cchc_plan.reading import validation  # noqa: PLC0415

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(validation, "validate_many", broken)
    monkeypatch.setattr(sys, "argv", ["cchc", "validate", str(PLAN_2021)])
    with pytest.raises(SystemExit) as exit_info:
        cli.main()
    assert exit_info.value.code == 3
    err = capsys.readouterr().err
    assert "lỗi của chương trình" in err
    assert "RuntimeError: boom" in err
    assert "Traceback" not in err


def test_ctrl_c_exits_130(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    """Interrupting a command exits 130 without a traceback."""
    from cchc_plan.reading import validation  # noqa: PLC0415

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(validation, "validate_many", interrupted)
    result = runner.invoke(app, ["validate", str(PLAN_2021)])
    assert result.exit_code == 130
    assert "Traceback" not in result.output


def test_validate_never_searches_for_pydantic_plugins() -> None:
    """With pydantic's plugins off, `cchc validate` does not import importlib.metadata
    (pydantic's plugin loader would, to find none); any other use of that loader still
    gets the real one."""
    setup = (
        "os.environ['PYDANTIC_DISABLE_PLUGINS'] = '__all__'\n"
        "from cchc_plan.__main__ import skip_plugin_search\n"
        "skip_plugin_search()\n"
    )
    report = (
        "searched = 'importlib.metadata' in sys.modules\n"
        "import pydantic.plugin._loader as loader\n"
        "print(code, searched, loader.PYDANTIC_ENTRY_POINT_GROUP)\n"
    )
    assert _validate_then(setup, report) == "0 False pydantic"
