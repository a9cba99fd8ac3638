"""Whatever bytes arrive, the validator answers with diagnostics, never a traceback."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cchc_plan.cli import app
from tests.conftest import PLAN_2021

RUNNER = CliRunner()
PLAN_TEXT = PLAN_2021.read_text(encoding="utf-8")
YAML_PIECES = st.sampled_from(
    [
        "a: 1\n",
        "- x\n",
        "  ",
        "\t",
        ": ",
        "? ",
        "&a ",
        "*a ",
        "!!str ",
        "!t ",
        "%YAML 1.1\n",
        "%YAML 1.3\n",
        "%TAG !x! y\n",
        '"\\U00110000"',
        '"\\e[2J\\u202e"',
        "\u00a0",
        " #1",
        "{ a: b, c }",
        "1,5",
        "---\n",
        "...\n",
        "[",
        "]",
        "{",
        "}",
        ",",
        '"',
        "'",
        "\\u",
        "\\",
        "#",
        "|\n",
        ">\n",
        "2021-02-30",
        "1e999",
        ".nan",
        "0x",
        "9" * 40,
        "Văn phòng",
        "\u0301",
        "\x00",
        "\ufeff",
        "document:\n",
        "tasks:\n  - id: t1\n",
        "<<: *a\n",
        "\n",
        "    ",
    ]
)


def _run(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "plan.yaml"
        path.write_bytes(data)
        result = RUNNER.invoke(app, ["validate", str(path), "--as-of", "2021-09-30"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert result.exit_code in (0, 1), result.output
    assert "Traceback" not in result.output
    assert result.output.rstrip().splitlines()[-1].startswith("Đã kiểm tra 1 tệp")
    if result.exit_code == 1:
        assert ": lỗi CCHC" in result.output


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_random_bytes(data: bytes) -> None:
    """Random bytes give exit 0 or 1 with diagnostics."""
    _run(data)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(YAML_PIECES, max_size=40).map("".join))
def test_random_yaml(text: str) -> None:
    """Random YAML-ish text gives exit 0 or 1 with diagnostics."""
    _run(text.encode("utf-8", "surrogatepass"))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, len(PLAN_TEXT) - 1), st.integers(1, 40), st.text(max_size=20))
def test_mutated_plan(start: int, length: int, insert: str) -> None:
    """The real plan with a slice replaced by random text still gets a clean answer."""
    mutated = PLAN_TEXT[:start] + insert + PLAN_TEXT[start + length :]
    _run(mutated.encode("utf-8", "surrogatepass"))
