"""The tracking views through the command line: tables, JSON, CSV, errors."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cchc_plan.cli import app
from tests.conftest import AS_OF, CASES, PLAN_2021, ROOT

ANSI = re.compile(r"\x1b\[")


def _run(runner: CliRunner, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, [*args, "--plan", str(PLAN_2021), "--as-of", AS_OF.isoformat()])
    return result.exit_code, result.output


def _json(runner: CliRunner, *args: str) -> dict[str, object]:
    code, output = _run(runner, *args, "--format", "json")
    assert code == 0, output
    document = json.loads(output)
    assert isinstance(document, dict)
    return document


@pytest.mark.parametrize(
    "args",
    [
        ["status"],
        ["status", "--unit", "office"],
        ["gaps"],
        ["progress"],
        ["progress", "--by", "field"],
    ],
)
def test_tables_fit_80_columns_without_colour(runner: CliRunner, args: list[str]) -> None:
    """Every line fits 80 columns; no colour codes when the output is not a terminal."""
    code, output = _run(runner, *args)
    assert code == 0, output
    assert max(len(line) for line in output.splitlines()) <= 80
    assert not ANSI.search(output)


def test_status_for_the_office_lists_its_tasks(runner: CliRunner) -> None:
    """`status --unit office` shows exactly the tasks the office leads or supports."""
    document = _json(runner, "status", "--unit", "office")
    ids = [t["id"] for t in document["tasks"]]  # type: ignore[index]
    assert sorted(ids) == [
        "t01",
        "t02",
        "t03",
        "t04",
        "t05",
        "t06",
        "t07",
        "t10",
        "t11",
        "t13",
        "t14",
    ]
    _, table = _run(runner, "status", "--unit", "office")
    shown = re.findall(r"^(t\d\d)\b", table, re.MULTILINE)
    assert shown == ids  # the table and the JSON list the same tasks, in the same order


@pytest.mark.parametrize("name", ["van phong", "Văn phòng Sở", "VĂN PHÒNG", "VP"])
def test_unit_names_match_without_diacritics(runner: CliRunner, name: str) -> None:
    """The office is found however its name is typed."""
    assert _json(runner, "status", "--unit", name)["unit"] == "office"


def test_unknown_unit_is_a_usage_error(runner: CliRunner) -> None:
    """An unknown unit exits 2 and lists the known ones."""
    code, output = _run(runner, "status", "--unit", "kho bạc")
    assert code == 2
    assert "office (Văn phòng Sở)" in output


def test_status_without_unit_ends_with_units(runner: CliRunner) -> None:
    """Without --unit every task is listed, then a line per unit."""
    document = _json(runner, "status")
    assert len(document["tasks"]) == 18  # type: ignore[arg-type]
    assert sum(u["led"] for u in document["units"]) == 18  # type: ignore[union-attr]
    _, table = _run(runner, "status")
    assert "Theo đơn vị" in table
    assert "Văn phòng Sở" in table


def test_blocked_shows_open_difficulties(runner: CliRunner) -> None:
    """--blocked lists the tasks waiting on the leadership, with the difficulty."""
    document = _json(runner, "status", "--blocked")
    assert [t["id"] for t in document["tasks"]] == ["t11"]  # type: ignore[index]
    _, table = _run(runner, "status", "--blocked")
    assert "↳ Khó khăn chờ Lãnh đạo Sở: Chưa có kinh" in table


def test_gaps_total_16_196(runner: CliRunner) -> None:
    """`gaps` totals exactly 16.196 points lost, and says so in Vietnamese."""
    document = _json(runner, "gaps")
    assert document["total_lost"] == 16.196
    assert sum(f["lost"] for f in document["fields"]) == pytest.approx(16.196)  # type: ignore[union-attr]
    _, table = _run(runner, "gaps")
    assert "Tổng điểm bị trừ: 16,196/100" in table
    assert "10,946 (67,6%)" in table


def test_progress_adds_up_and_stays_under_100(runner: CliRunner) -> None:
    """Counts add up to the number of tasks; the projected score is at most 100."""
    document = _json(runner, "progress")
    assert sum(document["by_status"].values()) == document["total"] == 18  # type: ignore[union-attr]
    score = document["score"]
    assert score["projected"] <= 100  # type: ignore[index]
    _, table = _run(runner, "progress")
    assert "18 nhiệm vụ: 4 chưa thực hiện, 10 đang thực hiện, 4 hoàn thành" in table
    projected = f"{score['projected']:.3f}".rstrip("0").replace(".", ",")  # type: ignore[index]
    assert projected in table


def test_csv_has_a_bom_and_parses(runner: CliRunner) -> None:
    """CSV starts with a byte-order mark for Excel and has the JSON's fields."""
    code, output = _run(runner, "status", "--format", "csv")
    assert code == 0
    assert output.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(output.lstrip("\ufeff"))))
    assert len(rows) == 18
    assert rows[0]["id"] == "t03"
    assert rows[0]["late"] == "true"
    code, output = _run(runner, "gaps", "--format", "csv")
    assert output.startswith("\ufeff")


def test_plan_text_is_never_markup(runner: CliRunner, tmp_path: Path) -> None:
    """A description holding [bold] or :smile: prints as written."""
    text = PLAN_2021.read_text(encoding="utf-8").replace(
        "Theo dõi, đôn đốc thực hiện", "[bold]Theo :smile: dõi[/bold]", 1
    )
    plan = tmp_path / "2021.yaml"
    plan.write_text(text, encoding="utf-8")
    result = runner.invoke(
        app, ["status", "--plan", str(plan), "--as-of", "2021-09-30", "--assignee", "thi m"]
    )
    assert result.exit_code == 0, result.output
    assert "[bold]Theo :smile: dõi" in result.output


def test_invalid_plan_is_refused_with_diagnostics(runner: CliRunner) -> None:
    """A view on an invalid plan exits 1 with the validator's diagnostics."""
    broken = CASES / "invalid" / "duplicate-id.yaml"
    result = runner.invoke(app, ["gaps", "--plan", str(broken), "--as-of", "2021-09-30"])
    assert result.exit_code == 1
    assert "CCHC207" in result.output


def test_default_plan_is_the_newest_year(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without --plan: CCHC_PLAN, else the newest plans/<year>.yaml."""
    (tmp_path / "plans").mkdir()
    shutil.copy(PLAN_2021, tmp_path / "plans" / "2021.yaml")
    (tmp_path / "plans" / "2020.yaml").write_text("not: a plan\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CCHC_PLAN", raising=False)
    result = runner.invoke(app, ["gaps", "--as-of", "2021-09-30", "--format", "json"])
    assert result.exit_code == 0, result.output
    monkeypatch.setenv("CCHC_PLAN", str(tmp_path / "plans" / "2020.yaml"))
    result = runner.invoke(app, ["gaps", "--as-of", "2021-09-30"])
    assert result.exit_code == 1


def test_no_plan_is_a_usage_error(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without a plan to find, a view exits 2 and says how to name one."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CCHC_PLAN", raising=False)
    result = runner.invoke(app, ["status"])
    assert result.exit_code == 2
    assert "--plan" in result.output


def test_readme_shows_real_view_outputs(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each view example in the README is what today's code prints."""
    monkeypatch.chdir(ROOT)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    examples = re.findall(
        r"```text\n\$ cchc ((?:status|gaps|progress)[^\n]*)\n(.*?)```", readme, re.S
    )
    assert {e[0].split()[0] for e in examples} == {"status", "gaps", "progress"}
    for args, expected in examples:
        result = runner.invoke(app, args.split())
        assert result.output == expected, args


def test_gaps_table_and_json_list_the_same_criteria(runner: CliRunner) -> None:
    """The gaps table lists the JSON tree's criteria, parents first, in the same order."""
    document = _json(runner, "gaps")
    order: list[str] = []
    stack = list(reversed(document["gaps"]))  # type: ignore[call-overload]
    while stack:
        gap = stack.pop()
        order.append(gap["code"])
        stack.extend(reversed(gap["children"]))
    _, table = _run(runner, "gaps")
    listed = table.split("Điểm bị trừ theo lĩnh vực")[0]
    assert re.findall(r"^(\d(?:\.\d+)*)\s", listed, re.MULTILINE) == order


@pytest.mark.parametrize(
    ("environment", "coloured"),
    [({}, True), ({"NO_COLOR": "1"}, False), ({"CI": "true"}, False)],
)
def test_colour_only_on_a_terminal_outside_ci(
    monkeypatch: pytest.MonkeyPatch, environment: dict[str, str], coloured: bool
) -> None:
    """On a terminal the late rows are red, unless NO_COLOR is set or CI runs."""
    from cchc_plan.output import terminal  # noqa: PLC0415

    monkeypatch.delenv("CI", raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    out = terminal.console(io.StringIO(), is_terminal=True)
    out.print(terminal.Text("trễ", style="red"))
    assert bool(ANSI.search(out.file.getvalue())) is coloured  # type: ignore[attr-defined]


def test_progress_shows_the_rank_picture_with_peers(runner: CliRunner, tmp_path: Path) -> None:
    """With a published peer table, progress shows rank now, projected, and points needed."""
    text = (CASES / "valid" / "minimal.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "  source: qd-684\n",
        "  source: qd-684\n"
        "  peers:\n"
        "    - { unit: Sở A, score: 9.2 }\n"
        "    - { unit: Sở Kế hoạch và Đầu tư, score: 8.5, own: true }\n"
        "    - { unit: Sở B, score: 7 }\n"
        "  targets:\n"
        "    - { year: 2021, rank: 1 }\n",
    )
    plan = tmp_path / "2021.yaml"
    plan.write_text(text, encoding="utf-8")
    args = ["progress", "--plan", str(plan), "--as-of", "2021-09-30"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert re.search(r"Thứ hạng năm 2020\s+2/3", result.output)
    assert re.search(r"Cần thêm \(điểm\) để tăng một hạng\s+0,7\n", result.output)
    assert re.search(r"Cần thêm \(điểm\) để đạt hạng 1\s+0,7\n", result.output)
    document = json.loads(runner.invoke(app, [*args, "--format", "json"]).output)
    assert document["score"]["rank"]["now"] == 2
