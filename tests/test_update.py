"""`cchc update`: one progress entry spliced into the plan file, in its own style, and
nothing else changed; every refusal leaves the file as it was."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cchc_plan.cli import app
from cchc_plan.editing.update import Change, update
from cchc_plan.errors import EditInvalid
from cchc_plan.reading.loader import load_bytes
from tests.conftest import PLAN_2021

EDITS = Path(__file__).resolve().parent / "edits"
CASES = sorted(p.name for p in EDITS.iterdir() if p.is_dir())


def _run(runner: CliRunner, plan: Path, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["update", *args, "--plan", str(plan), "--yes"])
    return result.exit_code, result.output


@pytest.mark.parametrize("case", CASES)
def test_an_edit_case_gives_its_after_file(
    runner: CliRunner, tmp_path: Path, case: str, update_golden: bool
) -> None:
    """Each case: before.yaml, the arguments, and after.yaml compared whole (line
    endings, BOM and comments included)."""
    folder = EDITS / case
    plan = tmp_path / "plan.yaml"
    shutil.copyfile(folder / "before.yaml", plan)
    args = json.loads((folder / "args.json").read_text(encoding="utf-8"))
    code, output = _run(runner, plan, *args)
    assert code == 0, output
    after = folder / "after.yaml"
    if update_golden:
        after.write_bytes(plan.read_bytes())
    assert plan.read_bytes() == after.read_bytes()


def test_the_2021_example_changes_one_line(runner: CliRunner, tmp_path: Path) -> None:
    """The issue's example: one line more, and no other line touched."""
    plan = tmp_path / "2021.yaml"
    shutil.copyfile(PLAN_2021, plan)
    before = plan.read_text(encoding="utf-8").splitlines()
    code, output = _run(
        runner, plan, "t02", "--percent", "55", "--note", "…", "--date", "2021-10-05"
    )
    assert code == 0, output
    after = plan.read_text(encoding="utf-8").splitlines()
    assert len(after) == len(before) + 1
    added = [line for line in after if line not in before]
    assert added == ["      - { date: 2021-10-05, percent: 55, note: … }"]
    assert [line for line in after if line != added[0]] == before


@pytest.mark.parametrize(
    ("args", "code", "says"),
    [
        (["t02", "--percent", "30", "--date", "2021-10-05"], 1, "CCHC212"),  # lower
        (["t02", "--percent", "60", "--date", "2021-08-01"], 1, "CCHC2"),  # before the last
        (["t02", "--percent", "60", "--date", "2999-01-01"], 1, "CCHC2"),  # after today
        (["t99", "--percent", "60", "--date", "2021-10-05"], 2, "không có nhiệm vụ nào mã"),
        (["t02", "--percent", "101", "--date", "2021-10-05"], 2, "--percent"),
        (["t02", "--status", "closed", "--date", "2021-10-05"], 2, "--status"),
    ],
)
def test_a_refused_update_leaves_every_byte(
    runner: CliRunner, tmp_path: Path, args: list[str], code: int, says: str
) -> None:
    plan = tmp_path / "2021.yaml"
    shutil.copyfile(PLAN_2021, plan)
    result, output = _run(runner, plan, *args)
    assert result == code, output
    assert says in output
    assert plan.read_bytes() == PLAN_2021.read_bytes()


def test_an_invalid_plan_is_not_edited(runner: CliRunner, tmp_path: Path) -> None:
    plan = tmp_path / "2021.yaml"
    broken = PLAN_2021.read_text(encoding="utf-8").replace("status: in_progress", "status: ?", 1)
    plan.write_text(broken, encoding="utf-8")
    code, output = _run(runner, plan, "t02", "--percent", "60", "--date", "2021-10-05")
    assert code == 1, output
    assert plan.read_text(encoding="utf-8") == broken


def test_without_yes_elsewhere_than_a_terminal_nothing_is_written(
    runner: CliRunner, tmp_path: Path
) -> None:
    plan = tmp_path / "2021.yaml"
    shutil.copyfile(PLAN_2021, plan)
    result = runner.invoke(
        app, ["update", "t02", "--percent", "60", "--date", "2021-10-05", "--plan", str(plan)]
    )
    assert result.exit_code == 2
    assert "+      - { date: 2021-10-05, percent: 60 }" in result.output  # the diff
    assert plan.read_bytes() == PLAN_2021.read_bytes()
    dry = runner.invoke(
        app,
        [
            "update",
            "t02",
            "--percent",
            "60",
            "--date",
            "2021-10-05",
            "--plan",
            str(plan),
            "--dry-run",
        ],
    )
    assert dry.exit_code == 0
    assert plan.read_bytes() == PLAN_2021.read_bytes()


def test_the_file_keeps_its_mode(runner: CliRunner, tmp_path: Path) -> None:
    plan = tmp_path / "2021.yaml"
    shutil.copyfile(PLAN_2021, plan)
    plan.chmod(0o640)
    code, output = _run(runner, plan, "t02", "--percent", "60", "--date", "2021-10-05")
    assert code == 0, output
    assert plan.stat().st_mode & 0o777 == 0o640


def test_eight_updates_at_once_all_land(tmp_path: Path) -> None:
    """Eight `cchc update` on different tasks, started together: every entry lands."""
    plan = tmp_path / "2021.yaml"
    shutil.copyfile(PLAN_2021, plan)
    tasks = ["t01", "t02", "t03", "t05", "t06", "t08", "t09", "t16"]
    processes = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "cchc_plan",
                "update",
                task,
                "--note",
                f"Cập nhật {task}",
                "--date",
                "2021-10-05",
                "--plan",
                str(plan),
                "--yes",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env={**os.environ},
        )
        for task in tasks
    ]
    for process in processes:
        _, err = process.communicate(timeout=120)
        assert process.returncode == 0, err.decode()
    data = load_bytes(plan.read_bytes(), name="plan").data
    assert data is not None
    noted = {t["id"]: t["progress"][-1].get("note") for t in data["tasks"] if t.get("progress")}
    assert all(noted[task] == f"Cập nhật {task}" for task in tasks)


NOTES = st.text(
    alphabet=st.sampled_from(list("aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạ ,.:;#-'\"[]{}%!?&*0129")),
    min_size=1,
    max_size=40,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    task=st.sampled_from(["t01", "t02", "t04", "t06", "t11", "t13", "t16"]),
    percent=st.integers(min_value=0, max_value=100),
    note=st.one_of(st.none(), NOTES),
    evidence=st.lists(NOTES, max_size=2),
    day=st.dates(min_value=date(2021, 10, 1), max_value=date(2021, 12, 31)),
)
def test_any_valid_update_changes_exactly_the_data_asked(
    task: str, percent: int, note: str | None, evidence: list[str], day: date
) -> None:
    """Random updates of the real plan: each either gives a valid file whose data is the
    old plus exactly the entry (update checks it before returning), or is refused as
    invalid; never anything else."""
    raw = PLAN_2021.read_bytes()
    change = Change(task=task, day=day, percent=percent, note=note, evidence=tuple(evidence))
    try:
        edited = update(raw, change, name="plan.yaml", as_of=date(2026, 1, 1))
    except EditInvalid:
        return
    data = load_bytes(edited.after, name="plan.yaml").data
    assert data is not None
    entry = next(t for t in data["tasks"] if t["id"] == task)["progress"][-1]
    assert entry["date"] == day
    if note is not None and note.strip():
        assert entry["note"] == " ".join(note.split())


@pytest.mark.parametrize(
    ("log", "says"),
    [
        ("progress: []", "progress: []"),
        ("progress: [{ date: 2021-06-01, percent: 10 }]", "update chưa sửa được"),
    ],
)
def test_a_log_in_brackets_is_left_for_the_hand(
    runner: CliRunner, tmp_path: Path, log: str, says: str
) -> None:
    """A log written in brackets is not spliced: exit 2, the file as it was."""
    text = PLAN_2021.read_text(encoding="utf-8")
    task = text.index("  - id: t11")
    status = text.index("    status: not_started", task)
    end = text.index("\n", status) + 1
    changed = text[:end] + "    " + log + "\n" + text[end:]
    plan = tmp_path / "2021.yaml"
    plan.write_text(changed, encoding="utf-8")
    code, output = _run(runner, plan, "t11", "--percent", "20", "--date", "2021-10-05")
    assert code == 2, output
    assert says in output
    assert plan.read_text(encoding="utf-8") == changed


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["t11", "--resolve", "2", "--resolution", "x", "--date", "2021-10-05"], "số đó"),
        (["t16", "--resolve", "1", "--resolution", "x", "--date", "2021-10-05"], "số đó"),
        (["t11", "--resolve", "1", "--date", "2021-10-05"], "--resolve và --resolution"),
        (["t11", "--raised-by", "office", "--date", "2021-10-05"], "--raised-by chỉ dùng"),
        (
            ["t11", "--difficulty", "x", "--raised-by", "nowhere", "--date", "2021-10-05"],
            "nowhere",
        ),
    ],
)
def test_a_difficulty_asked_wrongly_is_refused(
    runner: CliRunner, tmp_path: Path, args: list[str], says: str
) -> None:
    """No such open difficulty (t16's is resolved), half an option pair, an unknown unit:
    exit 2 and the file as it was."""
    plan = tmp_path / "2021.yaml"
    shutil.copyfile(PLAN_2021, plan)
    code, output = _run(runner, plan, *args)
    assert code == 2, output
    assert says in output
    assert plan.read_bytes() == PLAN_2021.read_bytes()


def test_in_a_git_repository_the_commit_line_is_printed(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    plan = tmp_path / "2021.yaml"
    shutil.copyfile(PLAN_2021, plan)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "cchc_plan",
            "update",
            "t02",
            "--percent",
            "55",
            "--date",
            "2021-10-05",
            "--plan",
            str(plan),
            "--yes",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert f'Lưu vào git: git commit -m "t02: 55% 05/10/2021" -- {plan}' in result.stdout
