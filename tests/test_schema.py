"""The JSON Schema: generated from the models, committed, and usable by other tools."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cchc_plan.cli import app
from cchc_plan.schema import PARTS_VI
from tests.conftest import CASES, PLAN_2021, ROOT

SCHEMA = ROOT / "schema" / "plan.schema.json"


def test_committed_schema_is_fresh(runner: CliRunner) -> None:
    """schema/plan.schema.json is exactly what `cchc schema` prints today."""
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    assert result.output == SCHEMA.read_text(encoding="utf-8"), (
        "the schema is stale: run `cchc schema > schema/plan.schema.json`"
    )


def test_every_field_has_a_vietnamese_description() -> None:
    """Editors show hover text for every property of every part of the plan."""
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    missing = [
        f"{name}.{prop}"
        for name, definition in [("Plan", schema), *schema["$defs"].items()]
        for prop, spec in definition.get("properties", {}).items()
        if not spec.get("description")
    ]
    assert missing == []


def test_the_hover_text_is_vietnamese() -> None:
    """Each part's title and description are the office's words, not the models' English
    docstrings; no property carries an English title made from its key."""
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    for name, part in schema["$defs"].items():
        assert (part["title"], part["description"]) == PARTS_VI[name], name
    titled = [
        f"{name}.{prop}"
        for name, definition in [("Plan", schema), *schema["$defs"].items()]
        for prop, spec in definition.get("properties", {}).items()
        if "title" in spec
    ]
    assert titled == []


def _check_jsonschema(*files: Path) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("check-jsonschema") or str(
        Path(sys.executable).with_name("check-jsonschema")
    )
    return subprocess.run(
        [exe, "--schemafile", str(SCHEMA), *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
    )


def test_check_jsonschema_accepts_the_2021_plan() -> None:
    """Another validator, given only the schema, accepts the real plan."""
    result = _check_jsonschema(PLAN_2021)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    "case", ["unknown-key", "bad-status", "unquoted-code", "missing-key", "bad-deadline"]
)
def test_check_jsonschema_rejects_invalid_plans(case: str) -> None:
    """The schema alone rejects what the models reject in shape."""
    result = _check_jsonschema(CASES / "invalid" / f"{case}.yaml")
    assert result.returncode == 1, result.stdout + result.stderr
