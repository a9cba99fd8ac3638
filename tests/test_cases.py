"""The folder of cases is the spec: each file's exact diagnostics and exit code."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from cchc_plan.cli import app
from cchc_plan.diagnostics import Diagnostic
from cchc_plan.messages.diagnostics import describe
from cchc_plan.reading.validation import validate_file
from tests.conftest import AS_OF, CASES


def _cases(folder: str) -> list[Path]:
    return sorted((CASES / folder).glob("*.yaml"))


def _diagnostic_lines(path: Path) -> str:
    verdict = validate_file(str(path), as_of=AS_OF, name=path.name)
    lines = [
        f"{d.line}:{d.column}: {d.severity.value} {d.code}: {describe(d)}"
        for d in verdict.diagnostics
    ]
    return "".join(line + "\n" for line in lines)


def _check_golden(path: Path, update: bool) -> None:
    expected_file = path.with_suffix(".expected")
    actual = _diagnostic_lines(path)
    if update:
        expected_file.write_text(actual, encoding="utf-8")
    assert expected_file.exists(), f"no {expected_file.name}: run pytest --update-golden"
    assert actual == expected_file.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", _cases("invalid"), ids=lambda p: p.stem)
def test_invalid_case(path: Path, runner: CliRunner, update_golden: bool) -> None:
    """An invalid plan gives exactly its expected diagnostics, and exit code 1."""
    _check_golden(path, update_golden)
    assert path.with_suffix(".expected").read_text(encoding="utf-8").count(": error ") >= 1
    result = runner.invoke(app, ["validate", str(path), "--as-of", AS_OF.isoformat()])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("path", _cases("warnings"), ids=lambda p: p.stem)
def test_warning_case(path: Path, runner: CliRunner, update_golden: bool) -> None:
    """A plan with only warnings passes (exit 0), and fails under --strict (exit 1)."""
    _check_golden(path, update_golden)
    expected = path.with_suffix(".expected").read_text(encoding="utf-8")
    assert ": warning " in expected
    assert ": error " not in expected
    args = ["validate", str(path), "--as-of", AS_OF.isoformat()]
    assert runner.invoke(app, args).exit_code == 0
    assert runner.invoke(app, [*args, "--strict"]).exit_code == 1


@pytest.mark.parametrize("path", _cases("valid"), ids=lambda p: p.stem)
def test_valid_case(path: Path, runner: CliRunner) -> None:
    """A valid plan gives no diagnostic at all, and exit code 0 even under --strict."""
    assert _diagnostic_lines(path) == ""
    args = ["validate", str(path), "--as-of", AS_OF.isoformat(), "--strict"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output


def test_every_hazard_has_a_case() -> None:
    """Each reading hazard the validator promises to explain has a case file."""
    hazards = {
        "syntax-error",
        "duplicate-key",
        "tab-indent",
        "not-utf8-legacy",
        "utf16",
        "nul-character",
        "control-character",
        "lone-surrogate",
        "bad-escape",
        "multiple-documents",
        "empty",
        "comments-only",
        "top-level-list",
        "top-level-scalar",
        "tag-python",
        "tag-str",
        "tag-custom",
        "complex-key",
        "recursive-alias",
        "billion-laughs",
        "deep-nesting",
        "impossible-date",
        "long-integer",
        "yaml-directive",
        "yaml-version",
        "directives-malformed",
        "escape-beyond-unicode",
        "tag-directive",
        "undefined-alias",
    }
    assert hazards <= {p.stem for p in _cases("invalid")}


def test_diagnostic_numbers_read_as_the_views_write_them() -> None:
    """Points in a message have the views' separators, and are never rounded into
    agreement with the figure they differ from."""
    diag = Diagnostic("CCHC217", {"appraised": 1250.5004, "total": 1250.4996, "code": "1"})
    message = describe(diag)
    assert "1.250,5004" in message
    assert "1.250,4996" in message
    assert "1,250.5004" in describe(diag, "en")
