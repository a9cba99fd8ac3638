"""Every path: what `-o` refuses and how it writes, I/O failures, closed pipes, any
output encoding, odd file names, FIFOs and devices, many files.

Commands that touch the process itself (signals, pipes, encodings, umask) run as real
processes; the rest through typer's runner. Nothing here writes to the machine's own
devices as root: a private device node stands in for /dev/null and /dev/full, and a
private link for /dev/stdout, so that a regression cannot replace them.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import socket
import stat
import subprocess
import sys
import tempfile
import threading
import time
import unicodedata
import weakref
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from cchc_plan import cli
from cchc_plan.cli import app
from tests.conftest import AS_OF, CASES, PLAN_2021, ROOT

INVALID = CASES / "invalid" / "unresolved-reference.yaml"
ROOT_USER = os.geteuid() == 0
REPORT_START = "| SỞ KẾ HOẠCH VÀ ĐẦU TƯ<br>**VĂN PHÒNG**"
TIMEOUT = 60


def _cchc(*args: str | bytes, **kwargs: Any) -> subprocess.CompletedProcess[bytes]:
    """`python -m cchc_plan …` as a real process, as a user runs it."""
    options: dict[str, Any] = {"capture_output": True, "timeout": TIMEOUT, **kwargs}
    return subprocess.run([sys.executable, "-m", "cchc_plan", *args], check=False, **options)


def _report_args(plan: Path = PLAN_2021, *more: str) -> list[str]:
    return ["report", "--plan", str(plan), "--as-of", AS_OF.isoformat(), *more]


def _copy_plan(folder: Path, name: str = "2021.yaml") -> Path:
    copy = folder / name
    shutil.copyfile(PLAN_2021, copy)
    return copy


def _device(folder: Path, name: str, minor: int) -> Path:
    """/dev/null (minor 3) or /dev/full (7): a private node of it as root, where a bug
    could replace the real one; the real one otherwise, which a user cannot replace."""
    if not ROOT_USER:
        return Path("/dev") / name
    node = folder / name
    try:
        os.mknod(node, 0o666 | stat.S_IFCHR, os.makedev(1, minor))
        with open(node, "rb"):
            pass
    except OSError as error:
        pytest.skip(f"cannot make a private device node here: {error}")
    return node


def _stdout_path(folder: Path) -> Path:
    """/dev/stdout, or as root a private link to the same place."""
    if not ROOT_USER:
        return Path("/dev/stdout")
    link = folder / "stdout"
    link.symlink_to("/proc/self/fd/1")
    return link


def _binding_permissions(*paths: Path) -> list[str]:
    """A command prefix under which permission bits bind: nothing for a user; for root,
    setpriv without the capabilities that override them, and the paths handed to
    nobody (root then reads them as anyone else would)."""
    if not ROOT_USER:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root, and no setpriv to drop the override capabilities")
    for path in paths:
        os.chown(path, 65534, 65534)
    return [setpriv, "--bounding-set=-dac_override,-dac_read_search"]


def _no_traceback(result: subprocess.CompletedProcess[bytes]) -> None:
    for stream in (result.stdout or b"", result.stderr or b""):
        assert b"Traceback" not in stream
        assert "lỗi của chương trình".encode() not in stream


# -o never loses data -------------------------------------------------------------------


@pytest.mark.parametrize("how", ["same", "dotdot", "hard-link", "symlink"])
def test_output_refuses_the_plan_itself(runner: CliRunner, tmp_path: Path, how: str) -> None:
    """-o naming the plan it reads, by any path, is refused with exit 2; the plan is
    untouched."""
    plan = _copy_plan(tmp_path)
    before = plan.read_bytes()
    (tmp_path / "sub").mkdir()
    if how == "same":
        output = str(plan)
    elif how == "dotdot":
        output = str(tmp_path / "sub" / ".." / plan.name)
    elif how == "hard-link":
        os.link(plan, tmp_path / "other.md")
        output = str(tmp_path / "other.md")
    else:
        (tmp_path / "link.md").symlink_to(plan)
        output = str(tmp_path / "link.md")
    result = runner.invoke(app, _report_args(plan, "-o", output))
    assert result.exit_code == 2, result.output
    assert "tệp đầu vào" in result.output
    assert plan.read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


@pytest.mark.parametrize("through_link", [False, True])
def test_output_refuses_the_template(
    runner: CliRunner, tmp_path: Path, through_link: bool
) -> None:
    """-o naming the --template file is refused too."""
    template = tmp_path / "mine.md.j2"
    template.write_text("# {{ plan.document.title }}\n", encoding="utf-8")
    output = template
    if through_link:
        output = tmp_path / "out.md"
        output.symlink_to(template)
    result = runner.invoke(
        app, _report_args(PLAN_2021, "--template", str(template), "-o", str(output))
    )
    assert result.exit_code == 2, result.output
    assert "tệp đầu vào" in result.output
    assert template.read_text(encoding="utf-8") == "# {{ plan.document.title }}\n"


def test_output_through_a_symlink_replaces_its_target(runner: CliRunner, tmp_path: Path) -> None:
    """A link as -o: the file it points to gets the report, and the link stays a link."""
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "bao-cao.md"
    target.write_text("old report\n", encoding="utf-8")
    link = tmp_path / "latest.md"
    link.symlink_to(Path("real") / "bao-cao.md")
    result = runner.invoke(app, _report_args(PLAN_2021, "-o", str(link)))
    assert result.exit_code == 0, result.output
    assert link.is_symlink()
    assert os.readlink(link) == str(Path("real") / "bao-cao.md")
    assert target.read_text(encoding="utf-8").startswith(REPORT_START)
    assert sorted(p.name for p in (tmp_path / "real").iterdir()) == ["bao-cao.md"]


def test_output_through_a_dangling_symlink_creates_its_target(
    runner: CliRunner, tmp_path: Path
) -> None:
    """A link to a file not yet written: the file is created, the link kept."""
    link = tmp_path / "latest.md"
    link.symlink_to("bao-cao.md")
    result = runner.invoke(app, _report_args(PLAN_2021, "-o", str(link)))
    assert result.exit_code == 0, result.output
    assert link.is_symlink()
    assert (tmp_path / "bao-cao.md").read_text(encoding="utf-8").startswith(REPORT_START)


def test_existing_output_keeps_its_mode(runner: CliRunner, tmp_path: Path) -> None:
    """Replacing a report keeps its permission bits."""
    target = tmp_path / "bao-cao.md"
    target.write_text("old report\n", encoding="utf-8")
    target.chmod(0o640)
    result = runner.invoke(app, _report_args(PLAN_2021, "-o", str(target)))
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert target.read_text(encoding="utf-8").startswith(REPORT_START)


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o027, 0o640), (0o002, 0o664)])
def test_new_output_follows_the_umask(tmp_path: Path, umask: int, mode: int) -> None:
    """A new report gets the mode any new file gets (0666 less the umask), not 0600."""
    target = tmp_path / "bao-cao.md"
    result = _cchc(*_report_args(PLAN_2021, "-o", str(target)), umask=umask)
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(target.stat().st_mode) == mode


def test_output_to_a_character_device_writes_through(runner: CliRunner, tmp_path: Path) -> None:
    """-o /dev/null works, and /dev/null stays a device."""
    null = _device(tmp_path, "null", 3)
    result = runner.invoke(app, _report_args(PLAN_2021, "-o", str(null)))
    assert result.exit_code == 0, result.output
    assert stat.S_ISCHR(null.stat().st_mode)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_output_to_a_fifo_writes_through(runner: CliRunner, tmp_path: Path) -> None:
    """-o a FIFO sends the report to whoever reads it; the FIFO stays a FIFO."""
    fifo = tmp_path / "report.pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []

    def read() -> None:
        with open(fifo, "rb") as pipe:
            received.append(pipe.read())

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    result = runner.invoke(app, _report_args(PLAN_2021, "-o", str(fifo)))
    reader.join(TIMEOUT)
    assert result.exit_code == 0, result.output
    assert received
    assert received[0].decode("utf-8").startswith(REPORT_START)
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.pipe"]


@pytest.mark.parametrize("stdout_kind", ["pipe", "appended file"])
def test_output_to_dev_stdout(tmp_path: Path, stdout_kind: str) -> None:
    """-o /dev/stdout writes to standard output, whatever it is, never renaming over it:
    a file the shell opened with >> keeps what it had."""
    path = _stdout_path(tmp_path)
    if stdout_kind == "pipe":
        result = _cchc(*_report_args(PLAN_2021, "-o", str(path)))
        written = result.stdout
    else:
        log = tmp_path / "log.md"
        log.write_text("earlier\n", encoding="utf-8")
        with open(log, "ab") as out:
            result = _cchc(
                *_report_args(PLAN_2021, "-o", str(path)),
                stdout=out,
                capture_output=False,
                stderr=subprocess.PIPE,
            )
        written = log.read_bytes()
        assert written.startswith(b"earlier\n")
        written = written.removeprefix(b"earlier\n")
    assert result.returncode == 0, result.stderr
    assert written.decode("utf-8").startswith(REPORT_START)
    if ROOT_USER:
        assert path.is_symlink()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_output_to_a_folder_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    """-o a folder: exit 2, saying it is a folder."""
    result = runner.invoke(app, _report_args(PLAN_2021, "-o", str(tmp_path)))
    assert result.exit_code == 2
    assert "là một thư mục" in result.output
    assert list(tmp_path.iterdir()) == []


def test_output_to_a_socket_is_refused(runner: CliRunner) -> None:
    """-o a socket: exit 2, the socket left alone."""
    folder = Path(tempfile.mkdtemp(prefix="cchc-"))  # short, for the socket's address
    try:
        path = folder / "s"
        with socket.socket(socket.AF_UNIX) as server:
            server.bind(str(path))
            result = runner.invoke(app, _report_args(PLAN_2021, "-o", str(path)))
            assert result.exit_code == 2
            assert "socket" in result.output
            assert stat.S_ISSOCK(path.stat().st_mode)
    finally:
        shutil.rmtree(folder)


# A real `cchc report -o`, paused in the middle of writing (after the temporary file is
# made, in fsync), so that the test can send a signal at that moment.
_PAUSED_WRITER = """
import os, sys, time
from pathlib import Path

ready = Path(sys.argv[1])

def paused(fd):
    ready.write_text("writing")
    time.sleep(60)

os.fsync = paused
sys.argv = ["cchc", *sys.argv[2:]]
from cchc_plan.__main__ import main
main()
"""


@pytest.mark.parametrize("signal_number", [signal.SIGTERM, signal.SIGHUP])
def test_a_signal_during_the_write_leaves_no_temporary_file(
    tmp_path: Path, signal_number: signal.Signals
) -> None:
    """SIGTERM or SIGHUP while -o writes: the old file stays, no temporary file is left,
    and the exit code is 128 + the signal's number."""
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "bao-cao.md"
    target.write_text("old report\n", encoding="utf-8")
    ready = tmp_path / "ready"
    process = subprocess.Popen(
        [
            sys.executable,
            "-c",
            _PAUSED_WRITER,
            str(ready),
            *_report_args(PLAN_2021, "-o", str(target)),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + TIMEOUT
        while not ready.exists() and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        assert ready.exists(), process.communicate(timeout=TIMEOUT)
        assert len(list(folder.iterdir())) == 2  # the target and the temporary file
        process.send_signal(signal_number)
        _, err = process.communicate(timeout=TIMEOUT)
    finally:
        process.kill()
        process.wait()
    assert process.returncode == 128 + signal_number, err
    assert b"Traceback" not in err
    assert [p.name for p in folder.iterdir()] == ["bao-cao.md"]
    assert target.read_text(encoding="utf-8") == "old report\n"


# I/O failures are not bugs ----------------------------------------------------------------


def test_a_full_device_as_output_says_the_disk_is_full(runner: CliRunner, tmp_path: Path) -> None:
    """-o /dev/full: exit 2, "no space left" in Vietnamese; the device stays a device."""
    full = _device(tmp_path, "full", 7)
    result = runner.invoke(app, _report_args(PLAN_2021, "-o", str(full)))
    assert result.exit_code == 2, result.output
    assert "không đủ chỗ trống trên đĩa" in result.output
    assert stat.S_ISCHR(full.stat().st_mode)


def test_a_full_disk_keeps_the_old_file(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The disk fills while the report is flushed: exit 2, the old report intact, no
    temporary file."""

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    target = tmp_path / "bao-cao.md"
    target.write_text("old report\n", encoding="utf-8")
    monkeypatch.setattr(os, "fsync", full)
    result = runner.invoke(app, _report_args(PLAN_2021, "-o", str(target)))
    assert result.exit_code == 2
    assert f"{target}: không ghi được: không đủ chỗ trống trên đĩa" in result.output
    assert target.read_text(encoding="utf-8") == "old report\n"
    assert [p.name for p in tmp_path.iterdir()] == ["bao-cao.md"]


def test_a_full_disk_on_standard_output_is_not_a_bug(tmp_path: Path) -> None:
    """`cchc status > /dev/full`: exit 2 with the reason, not a bug."""
    full = _device(tmp_path, "full", 7)
    with open(full, "wb") as out:
        result = _cchc(
            "status",
            "--plan",
            str(PLAN_2021),
            "--as-of",
            AS_OF.isoformat(),
            stdout=out,
            capture_output=False,
            stderr=subprocess.PIPE,
        )
    assert result.returncode == 2, result.stderr
    assert "không đủ chỗ trống trên đĩa" in result.stderr.decode("utf-8")
    _no_traceback(result)


def test_a_file_name_too_long(runner: CliRunner, tmp_path: Path) -> None:
    """An output name over the system's limit: exit 2, in Vietnamese."""
    result = runner.invoke(app, _report_args(PLAN_2021, "-o", str(tmp_path / ("a" * 300 + ".md"))))
    assert result.exit_code == 2
    assert "tên tệp quá dài" in result.output


def test_a_missing_folder(runner: CliRunner, tmp_path: Path) -> None:
    """An output in a folder that does not exist: exit 2, saying so."""
    result = runner.invoke(app, _report_args(PLAN_2021, "-o", str(tmp_path / "no" / "r.md")))
    assert result.exit_code == 2
    assert "thư mục chứa tệp không tồn tại" in result.output


def _report_bound(prefix: list[str], *args: str) -> subprocess.CompletedProcess[bytes]:
    """`cchc report` on the 2021 plan, run under `prefix` (the permission binding)."""
    return subprocess.run(
        [*prefix, sys.executable, "-m", "cchc_plan", *_report_args(PLAN_2021, *args)],
        capture_output=True,
        timeout=TIMEOUT,
        check=False,
    )


def test_a_read_only_file_is_not_replaced(tmp_path: Path) -> None:
    """A file the user may not write (mode 444) is refused, as the shell's `>` refuses
    it, although renaming over it in a writable folder would succeed."""
    target = tmp_path / "r.md"
    target.write_text("cũ\n", encoding="utf-8")
    target.chmod(0o444)
    prefix = _binding_permissions(target)
    result = _report_bound(prefix, "-o", str(target))
    assert result.returncode == 2, result.stderr
    assert "không có quyền" in result.stderr.decode("utf-8")
    assert target.read_text(encoding="utf-8") == "cũ\n"


def test_a_fifo_nobody_reads_is_refused_not_waited_on(runner: CliRunner, tmp_path: Path) -> None:
    """-o to a named pipe with no reader: exit 2 at once, saying so."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    result = runner.invoke(app, _report_args(PLAN_2021, "-o", str(fifo)))
    assert result.exit_code == 2
    assert "chưa có chương trình nào đọc" in result.output


def test_a_read_only_folder(tmp_path: Path) -> None:
    """A folder the user may not write to: exit 2, no permission, in Vietnamese."""
    folder = tmp_path / "shared"
    folder.mkdir()
    prefix = _binding_permissions(folder)
    folder.chmod(0o555)
    result = _report_bound(prefix, "-o", str(folder / "r.md"))
    folder.chmod(0o755)
    assert result.returncode == 2, result.stderr
    assert "không có quyền" in result.stderr.decode("utf-8")
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize(
    ("code", "words"),
    [
        (errno.EROFS, "hệ thống tệp chỉ cho phép đọc"),
        (errno.EACCES, "không có quyền"),
        (errno.EDQUOT, "đã hết hạn mức dung lượng đĩa"),
        (errno.EIO, "lỗi thiết bị"),
    ],
)
def test_each_reason_is_said_in_vietnamese(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int, words: str
) -> None:
    """What the system says goes wrong while writing is said in Vietnamese."""

    def refused(*args: object, **kwargs: object) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(tempfile, "mkstemp", refused)
    result = runner.invoke(app, _report_args(PLAN_2021, "-o", str(tmp_path / "r.md")))
    assert result.exit_code == 2
    assert words in result.output
    assert os.strerror(code) not in result.output


def test_an_unreadable_template(tmp_path: Path) -> None:
    """A template the user may not read: exit 2 (not a bug), saying why in Vietnamese."""
    template = tmp_path / "mine.md.j2"
    template.write_text("# x\n", encoding="utf-8")
    prefix = _binding_permissions(template)
    template.chmod(0)
    result = _report_bound(prefix, "--template", str(template))
    assert result.returncode == 2, result.stderr
    assert f"{template}: không đọc được: không có quyền" in result.stderr.decode("utf-8")
    _no_traceback(result)


def test_a_fifo_as_template_is_refused_at_once(tmp_path: Path) -> None:
    """A FIFO as --template is refused (exit 2), not waited on."""
    fifo = tmp_path / "mine.md.j2"
    os.mkfifo(fifo)
    result = _cchc(*_report_args(PLAN_2021, "--template", str(fifo)))
    assert result.returncode == 2, result.stderr
    assert "FIFO" in result.stderr.decode("utf-8")


# A closed pipe ends quietly ---------------------------------------------------------------

CLOSED_PIPE_COMMANDS = {
    "status": ["status", "--plan", str(PLAN_2021), "--as-of", AS_OF.isoformat()],
    "gaps csv": [
        "gaps",
        "--plan",
        str(PLAN_2021),
        "--as-of",
        AS_OF.isoformat(),
        "--format",
        "csv",
    ],
    "validate folder": ["validate", str(ROOT / "plans"), "--as-of", AS_OF.isoformat()],
    "validate invalid": ["validate", str(INVALID), "--as-of", AS_OF.isoformat()],
    "validate json": ["validate", str(CASES), "--format", "json", "-j", "2"],
    "validate many": ["validate", str(CASES), "--as-of", AS_OF.isoformat(), "-j", "2"],
    "report": _report_args(),
    "schema": ["schema"],
    "help": ["--help"],
}


@pytest.mark.parametrize("args", CLOSED_PIPE_COMMANDS.values(), ids=CLOSED_PIPE_COMMANDS.keys())
def test_a_closed_pipe_ends_quietly(args: list[str]) -> None:
    """`cchc … | head -1`: the reader has gone; cchc stops, says nothing, claims nothing
    about the plan, and exits 141 (128 + SIGPIPE), as a command killed by SIGPIPE."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        result = _cchc(*args, stdout=write_end, capture_output=False, stderr=subprocess.PIPE)
    finally:
        os.close(write_end)
    assert result.returncode == 141, result.stderr
    assert result.stderr == b""


# Any output encoding ----------------------------------------------------------------------


def test_an_ascii_output_gets_letters_without_diacritics() -> None:
    """PYTHONIOENCODING=ascii: no crash; Vietnamese loses its diacritics, not its words."""
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    result = _cchc("status", "--plan", str(PLAN_2021), "--as-of", AS_OF.isoformat(), env=env)
    assert result.returncode == 0, result.stderr
    assert "Tinh hinh thuc hien nhiem vu den ngay 30/9/2021" in result.stdout.decode("ascii")
    refused = _cchc("status", "--plan", str(PLAN_2021), "--unit", "khong-co", env=env)
    assert refused.returncode == 2
    assert "khong co don vi nao" in refused.stderr.decode("ascii")


@pytest.mark.parametrize(
    ("encoding", "words"),
    [("latin-1", "Dã kiem tra 1 tep: 1 tep không hop le"), ("cp1258", "Đã kiểm tra 1 tệp")],
)
def test_a_legacy_encoding_output(encoding: str, words: str) -> None:
    """A legacy terminal encoding: no crash; what it can show, it shows (Windows-1258,
    Vietnamese, all of it, as letters and combining tone marks)."""
    env = {**os.environ, "PYTHONIOENCODING": encoding}
    result = _cchc("validate", str(INVALID), "--as-of", AS_OF.isoformat(), env=env)
    assert result.returncode == 1, result.stderr
    assert words in unicodedata.normalize("NFC", result.stdout.decode(encoding))
    _no_traceback(result)


def test_the_c_locale() -> None:
    """LANG=C, LC_ALL=C: Vietnamese as UTF-8, no crash."""
    env = {**os.environ, "LANG": "C", "LC_ALL": "C"}
    env.pop("PYTHONIOENCODING", None)
    env.pop("PYTHONUTF8", None)
    result = _cchc("status", "--plan", str(PLAN_2021), "--as-of", AS_OF.isoformat(), env=env)
    assert result.returncode == 0, result.stderr
    assert "Tình hình thực hiện nhiệm vụ đến ngày 30/9/2021" in result.stdout.decode("utf-8")


# File names that are not UTF-8 ------------------------------------------------------------


def test_a_file_name_that_is_not_utf8(tmp_path: Path) -> None:
    """A plan named in Latin-1 bytes, found in a folder or given as an argument, is
    validated; messages show the byte as an escape (b\\xe1o.yaml), and JSON keeps the
    name a program can open again (os.fsdecode's surrogate, as a JSON escape)."""
    folder = tmp_path / "plans"
    folder.mkdir()
    raw = os.fsencode(folder) + b"/b\xe1o.yaml"
    shutil.copyfile(INVALID, raw)
    shown = f"{folder}/b\\xe1o.yaml"
    for given in (str(folder), raw):
        result = _cchc("validate", given, "--as-of", AS_OF.isoformat())
        assert result.returncode == 1, result.stderr
        out = result.stdout.decode("utf-8")
        assert f'{shown}:48:11: lỗi CCHC208: đơn vị "ofice" không tồn tại' in out
        _no_traceback(result)
    result = _cchc("validate", raw, "--as-of", AS_OF.isoformat(), "--format", "json")
    assert json.loads(result.stdout)["files"][0]["file"] == os.fsdecode(raw)
    valid = os.fsencode(folder) + b"/k\xe9-ho\xe1ch.yaml"
    shutil.copyfile(PLAN_2021, valid)
    result = _cchc("status", "--plan", valid, "--as-of", AS_OF.isoformat(), "--format", "json")
    assert result.returncode == 0, result.stderr


# FIFOs and devices as plans ---------------------------------------------------------------


def test_a_fifo_as_a_plan_is_refused_at_once(tmp_path: Path) -> None:
    """A FIFO given to validate or as --plan is refused (exit 2), not waited on."""
    fifo = tmp_path / "2021.yaml"
    os.mkfifo(fifo)
    result = _cchc("validate", str(fifo))
    assert result.returncode == 2, result.stderr
    assert f"{fifo}: lỗi CCHC020: không đọc được: " in result.stdout.decode("utf-8")
    assert "FIFO" in result.stdout.decode("utf-8")
    result = _cchc("status", "--plan", str(fifo))
    assert result.returncode == 2, result.stderr
    assert "FIFO" in result.stderr.decode("utf-8")
    result = _cchc("validate", str(fifo), "--lang", "en")
    assert "error CCHC020: cannot read: is a pipe (FIFO)" in result.stdout.decode("utf-8")


def test_a_device_as_a_plan_is_refused(runner: CliRunner) -> None:
    """/dev/zero as --plan is refused as a device, not read."""
    result = runner.invoke(app, ["status", "--plan", "/dev/zero"])
    assert result.exit_code == 2
    assert "/dev/zero: lỗi CCHC020: không đọc được: đây là một thiết bị" in result.output


def test_a_folder_walk_skips_fifos(runner: CliRunner, tmp_path: Path) -> None:
    """A FIFO named like a plan inside a folder is not a plan."""
    os.mkfifo(tmp_path / "2020.yaml")
    _copy_plan(tmp_path)
    result = runner.invoke(app, ["validate", str(tmp_path), "--as-of", AS_OF.isoformat()])
    assert result.exit_code == 0, result.output
    assert "Đã kiểm tra 1 tệp" in result.output


# Many files -------------------------------------------------------------------------------


@pytest.fixture
def many(tmp_path: Path) -> Path:
    """A folder of 24 plans: more than one process's worth, some invalid."""
    for i in range(12):
        shutil.copyfile(CASES / "valid" / "minimal.yaml", tmp_path / f"v{i:02}.yaml")
        shutil.copyfile(INVALID, tmp_path / f"x{i:02}.yaml")
    return tmp_path


def _validate_json(runner: CliRunner, folder: Path, *args: str) -> tuple[int, str]:
    result = runner.invoke(
        app, ["validate", str(folder), "--as-of", AS_OF.isoformat(), "--format", "json", *args]
    )
    return result.exit_code, result.output


def test_a_worker_that_cannot_start_falls_back(
    runner: CliRunner, many: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When no process can be forked, one process does the work, with the same answer."""
    serial = _validate_json(runner, many, "-j", "1")

    def no_fork() -> int:
        raise BlockingIOError(errno.EAGAIN, os.strerror(errno.EAGAIN))

    monkeypatch.setattr(os, "fork", no_fork)
    assert _validate_json(runner, many, "-j", "2") == serial
    assert serial[0] == 1


def test_a_worker_that_dies_falls_back(
    runner: CliRunner, many: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A worker killed under the pool's feet: the rest is validated here, same answer."""
    from cchc_plan.reading import validation  # noqa: PLC0415

    serial = _validate_json(runner, many, "-j", "1")
    here = os.getpid()
    judge = validation.validate_file

    def dies_in_a_worker(path: str, **kwargs: Any) -> validation.Verdict:
        if os.getpid() != here:
            os._exit(9)
        return judge(path, **kwargs)

    monkeypatch.setattr(validation, "validate_file", dies_in_a_worker)
    assert _validate_json(runner, many, "-j", "2") == serial


@pytest.mark.skipif(ROOT_USER, reason="the process limit does not bind root")
def test_a_real_process_limit_falls_back(many: Path) -> None:
    """Under `ulimit -u 0` no worker can start; validate still answers, and ends."""
    import resource  # noqa: PLC0415

    def no_more_processes() -> None:
        resource.setrlimit(resource.RLIMIT_NPROC, (0, 0))

    args = ["validate", str(many), "--as-of", AS_OF.isoformat(), "--format", "json"]
    serial = _cchc(*args, "-j", "1")
    limited = _cchc(*args, "-j", "2", preexec_fn=no_more_processes)
    assert (limited.returncode, limited.stdout) == (serial.returncode, serial.stdout)


def test_workers_follow_the_cpus_this_process_may_use(
    runner: CliRunner, many: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Allowed one CPU (taskset), validate uses one process, whatever the machine has."""
    import concurrent.futures  # noqa: PLC0415

    def no_pool(*args: object, **kwargs: object) -> None:
        raise AssertionError("a process pool on one CPU")

    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0}, raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: 64)
    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", no_pool)
    code, output = _validate_json(runner, many)
    assert code == 1
    assert len(json.loads(output)["files"]) == 24


def test_jobs_are_capped_by_the_work(
    runner: CliRunner, many: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """-j 64 on 24 files starts no more processes than there are pieces of work."""
    import concurrent.futures  # noqa: PLC0415

    real = concurrent.futures.ProcessPoolExecutor
    asked: list[int] = []

    def counted(max_workers: int, **kwargs: Any) -> concurrent.futures.Executor:
        asked.append(max_workers)
        return real(max_workers=max_workers, **kwargs)

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", counted)
    code, _ = _validate_json(runner, many, "-j", "64")
    assert code == 1
    assert asked
    assert asked[0] <= 24


def test_validate_writes_each_file_as_it_is_judged(
    many: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Diagnostics appear file by file, not all at the end; no plan is kept once its
    file is judged."""
    from cchc_plan.reading import validation  # noqa: PLC0415

    judge = validation.validate_file
    seen: list[str] = []
    plans: list[weakref.ref[object]] = []
    alive: list[int] = []

    def spied(path: str, **kwargs: object) -> validation.Verdict:
        seen.append(capsys.readouterr().out)
        alive.append(sum(1 for plan in plans if plan() is not None))
        verdict = judge(path, **kwargs)  # type: ignore[arg-type]
        if verdict.plan is not None:
            plans.append(weakref.ref(verdict.plan))
        return verdict

    monkeypatch.setattr(validation, "validate_file", spied)
    files = [str(many / "x00.yaml"), str(many / "v00.yaml"), str(many / "x01.yaml")]
    monkeypatch.setattr(
        sys, "argv", ["cchc", "validate", "-j", "1", "--as-of", "2021-09-30", *files]
    )
    with pytest.raises(SystemExit) as ended:
        cli.main()
    assert ended.value.code == 1
    assert seen[0] == ""
    assert "x00.yaml:48:11" in seen[1]
    assert "x01.yaml" not in seen[2]
    assert plans
    assert max(alive) <= 1


_PEAK = """
import gc, os, resource, sys
sys.argv = ["cchc", "validate", "-j", "1", "--as-of", "2021-09-30", sys.argv[1]]
gc.disable()  # as cchc_plan.__main__ runs it; that one then ends the process at once
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
from cchc_plan.cli import main
try:
    main()
except SystemExit as done:
    code = done.code
print(code, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)
"""


def _peak_kib(folder: Path) -> int:
    result = subprocess.run(
        [sys.executable, "-c", _PEAK, str(folder)],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    code, peak = result.stderr.split()[-2:]
    assert code == "0", result.stderr
    return int(peak)


def test_memory_stays_flat_over_many_files(tmp_path: Path) -> None:
    """Five times the files (the 2021 plan, 40 then 200 copies) on one process: the
    peak memory grows by less than 8 MiB (keeping every plan, it grew by 17 MiB; now
    it does not grow)."""
    for count in (40, 200):
        folder = tmp_path / str(count)
        folder.mkdir()
        for i in range(count):
            shutil.copyfile(PLAN_2021, folder / f"p{i:03}.yaml")
    growth = _peak_kib(tmp_path / "200") - _peak_kib(tmp_path / "40")
    assert growth < 8 * 1024, f"{growth} KiB more for 160 more files"


@pytest.fixture(autouse=True)
def _no_leftover_children() -> Iterator[None]:
    """No test leaves a worker process behind."""
    import multiprocessing  # noqa: PLC0415

    yield
    assert multiprocessing.active_children() == []
