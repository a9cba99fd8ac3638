"""`cchc update`: one progress entry spliced into the plan file, in its own style, and
nothing else changed; every refusal leaves the file as it was."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import unicodedata
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


PLANS = {
    PLAN_2021: date(2021, 10, 1),
    PLAN_2021.parent.parent / "tests" / "plans" / "ban-quan-ly.yaml": date(2021, 10, 6),
    PLAN_2021.parent.parent / "tests" / "plans" / "so-tu-phap.yaml": date(2023, 10, 7),
}


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    plan=st.sampled_from(sorted(PLANS)),
    pick=st.integers(min_value=0, max_value=20),
    percent=st.one_of(st.none(), st.integers(min_value=0, max_value=100)),
    note=st.one_of(st.none(), NOTES),
    evidence=st.lists(NOTES, max_size=2),
    difficulty=st.one_of(st.none(), NOTES),
    days=st.integers(min_value=0, max_value=80),
)
def test_any_valid_update_changes_exactly_the_data_asked(
    *,
    plan: Path,
    pick: int,
    percent: int | None,
    note: str | None,
    evidence: list[str],
    difficulty: str | None,
    days: int,
) -> None:
    """Random updates of the three plans: each either gives a valid file whose data is
    the old plus exactly the change (update checks it before returning), or is refused
    as invalid; never anything else, and never a file that reads differently."""
    raw = plan.read_bytes()
    data = load_bytes(raw, name="plan.yaml").data
    assert data is not None
    task = data["tasks"][pick % len(data["tasks"])]["id"]
    day = date.fromordinal(PLANS[plan].toordinal() + days)
    change = Change(
        task=task,
        day=day,
        percent=percent,
        note=note,
        evidence=tuple(evidence),
        difficulty=difficulty,
    )
    try:
        edited = update(raw, change, name="plan.yaml", as_of=date(2026, 1, 1))
    except EditInvalid:
        return
    after = load_bytes(edited.after, name="plan.yaml").data
    assert after is not None
    changed = next(t for t in after["tasks"] if t["id"] == task)
    if note is not None and note.strip():
        assert changed["progress"][-1]["note"] == " ".join(note.split())
    if difficulty is not None and difficulty.strip():
        assert changed["difficulties"][-1]["text"] == " ".join(difficulty.split())
    others = [t for t in after["tasks"] if t["id"] != task]
    assert others == [t for t in data["tasks"] if t["id"] != task]


def test_through_a_symbolic_link_the_plan_is_updated_and_the_link_stays(
    runner: CliRunner, tmp_path: Path
) -> None:
    target = tmp_path / "2021.yaml"
    shutil.copyfile(PLAN_2021, target)
    link = tmp_path / "link.yaml"
    link.symlink_to(target)
    code, output = _run(runner, link, "t02", "--percent", "60", "--date", "2021-10-05")
    assert code == 0, output
    assert link.is_symlink()
    assert "{ date: 2021-10-05, percent: 60 }" in target.read_text(encoding="utf-8")


def test_text_is_written_in_nfc_on_one_line(runner: CliRunner, tmp_path: Path) -> None:
    """Text pasted decomposed (NFD) or on several lines is written NFC, on one line."""
    plan = tmp_path / "2021.yaml"
    shutil.copyfile(PLAN_2021, plan)
    note = unicodedata.normalize("NFD", "Đã đăng\tthêm\n3 tin, bài")
    code, output = _run(runner, plan, "t02", "--note", note, "--date", "2021-10-05")
    assert code == 0, output
    assert '      - { date: 2021-10-05, percent: 40, note: "Đã đăng thêm 3 tin, bài" }\n' in (
        plan.read_text(encoding="utf-8")
    )


def test_a_fifo_is_refused_at_once(runner: CliRunner, tmp_path: Path) -> None:
    fifo = tmp_path / "plan.yaml"
    os.mkfifo(fifo)
    code, output = _run(runner, fifo, "t02", "--percent", "60", "--date", "2021-10-05")
    assert code == 2, output


@pytest.mark.parametrize(
    ("args", "added"),
    [
        (["t02", "--percent", "60"], "      - { date: 2021-10-05, percent: 60 }\n"),
        (["t11", "--percent", "5"], "    progress:\n      - { date: 2021-10-05, percent: 5 }\n"),
        (
            ["t11", "--resolve", "1", "--resolution", "Đồng ý"],
            "        resolved_on: 2021-10-05\n        resolution: Đồng ý\n",
        ),
    ],
)
def test_mixed_line_endings_keep_every_existing_line(
    runner: CliRunner, tmp_path: Path, args: list[str], added: str
) -> None:
    """Lines added after an LF line end in LF, though a CRLF stands elsewhere: an entry,
    a new log, a resolution."""
    text = PLAN_2021.read_text(encoding="utf-8").replace("\n", "\r\n", 1)
    plan = tmp_path / "2021.yaml"
    plan.write_bytes(text.encode("utf-8"))
    code, output = _run(runner, plan, *args, "--date", "2021-10-05")
    assert code == 0, output
    after = plan.read_bytes().decode("utf-8")
    assert added in after
    assert after.replace(added, "", 1) == text


def test_a_quoted_status_stays_quoted(runner: CliRunner, tmp_path: Path) -> None:
    text = PLAN_2021.read_text(encoding="utf-8")
    start = text.index("  - id: t03")
    at = text.index("status: in_progress", start)
    text = text[:at] + 'status: "in_progress"' + text[at + len("status: in_progress") :]
    plan = tmp_path / "2021.yaml"
    plan.write_text(text, encoding="utf-8")
    code, output = _run(runner, plan, "t03", "--status", "done", "--date", "2021-10-05")
    assert code == 0, output
    assert 'status: "done"' in plan.read_text(encoding="utf-8")


def test_after_an_anchored_entry_the_new_one_is_written_like_it(
    runner: CliRunner, tmp_path: Path
) -> None:
    """An anchor on the last entry (`- &last { … }`): the new entry is written in its
    style (spaces inside the braces), without the anchor."""
    text = PLAN_2021.read_text(encoding="utf-8").replace(
        '      - { date: 2021-08-15, percent: 40, note: "Đăng được 9 tin, bài." }',
        '      - &last { date: 2021-08-15, percent: 40, note: "Đăng được 9 tin, bài." }',
    )
    plan = tmp_path / "2021.yaml"
    plan.write_text(text, encoding="utf-8")
    code, output = _run(runner, plan, "t02", "--percent", "60", "--date", "2021-10-05")
    assert code == 0, output
    assert "      - { date: 2021-10-05, percent: 60 }\n" in plan.read_text(encoding="utf-8")
