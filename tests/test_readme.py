"""The README stays true: its codes, its commands, its outputs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cchc_plan.cli import app
from cchc_plan.diagnostics import WARNINGS
from cchc_plan.documents.markdown import template_data
from cchc_plan.messages.diagnostics import CATALOGUE
from cchc_plan.reading.validation import validate_file
from cchc_plan.views.report import report_content
from tests.conftest import AS_OF, ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_code_is_documented() -> None:
    """Each diagnostic code in the catalogue has a row in the README, and no other."""
    documented = set(re.findall(r"^\| (CCHC\d{3}) \|", README, re.MULTILINE))
    assert documented == set(CATALOGUE)


def test_warnings_are_marked_as_such() -> None:
    """The README marks exactly the codes that are warnings, "warning:"."""
    marked = set(re.findall(r"^\| (CCHC\d{3}) \| warning:", README, re.MULTILINE))
    assert marked == WARNINGS


def test_ci_runs_the_readme_test_command() -> None:
    """.ci/run takes its command from the README's marked test command."""
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "<!-- test-command -->" in ci
    block = README.split("<!-- test-command -->", 1)[1]
    command = block.split("```sh\n", 1)[1].split("\n", 1)[0]
    assert "pytest" in command
    assert "pip install" in command


def test_text_example_is_real_output(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    """The text example in the README is what today's code prints."""
    monkeypatch.chdir(ROOT)
    block = README.split("```text\n$ cchc validate ", 1)[1].split("```", 1)[0]
    args, expected = block.split("\n", 1)
    result = runner.invoke(app, ["validate", *args.split()])
    assert result.output == expected


def test_report_example_is_real_output(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    """The start of a report shown in the README is the start of today's report."""
    monkeypatch.chdir(ROOT)
    block = README.split("```markdown\n$ cchc ", 1)[1].split("```", 1)[0]
    args, expected = block.split("\n", 1)
    result = runner.invoke(app, args.split())
    assert result.exit_code == 0
    assert result.output.startswith(expected)
    assert len(expected.splitlines()) >= 15


def test_template_example_renders(runner: CliRunner, tmp_path: Path) -> None:
    """The template shown in the README renders on the 2021 plan."""
    source = README.split("```jinja\n", 1)[1].split("```", 1)[0]
    mine = tmp_path / "my.md.j2"
    mine.write_text(source, encoding="utf-8")
    plan = ROOT / "plans" / "2021.yaml"
    result = runner.invoke(
        app, ["report", "--plan", str(plan), "--as-of", "2021-09-30", "--template", str(mine)]
    )
    assert result.exit_code == 0, result.output
    assert "4/18 nhiệm vụ" in result.output
    assert "| t03. Phát động" in result.output


def test_template_data_is_documented() -> None:
    """The README's table of template data names exactly what a template receives."""
    table = README.split("The data every template receives", 1)[1].split("\n\n", 2)[1]
    first_cells = [row.split("|")[1] for row in table.splitlines()[2:]]
    documented = {name for cell in first_cells for name in re.findall(r"`(\w+)`", cell)}
    plan = validate_file(str(ROOT / "plans" / "2021.yaml"), as_of=AS_OF).plan
    assert plan is not None
    assert documented == set(template_data(report_content(plan, as_of=AS_OF)))


def test_format_examples_are_real_output(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The json and github examples in the README are what today's code prints."""
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    examples = re.findall(
        r"```(?:text|json)\n\$ cchc (validate [^\n]*--format[^\n]*)\n(.*?)```", README, re.S
    )
    assert {args.split("--format ")[1].split()[0] for args, _ in examples} == {"json", "github"}
    for args, expected in examples:
        result = runner.invoke(app, args.split())
        assert result.output == expected, args
