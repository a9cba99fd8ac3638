"""The README stays true: its codes, its commands, its outputs."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from cchc_plan.cli import app
from cchc_plan.messages import CATALOGUE
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_code_is_documented() -> None:
    """Each diagnostic code in the catalogue has a row in the README, and no other."""
    documented = set(re.findall(r"^\| (CCHC\d{3}) \|", README, re.MULTILINE))
    assert documented == set(CATALOGUE)


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
