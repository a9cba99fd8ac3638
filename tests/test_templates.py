"""A user's own template: it sees data and nothing else, and it cannot run away.

A template is code the office may copy from anywhere. It renders in a sandbox, gets
plain data (never the program's objects), and is stopped, with its name and line, when
it is not UTF-8, recurses, loops or grows without end.
"""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cchc_plan.cli import app
from cchc_plan.documents import markdown
from cchc_plan.documents.data import plain
from cchc_plan.models import Plan
from cchc_plan.reading.validation import validate_file
from cchc_plan.views.report import report_content
from tests.conftest import AS_OF, PLAN_2021


class _Touch:
    """Unpickled, runs a shell command that leaves a file behind."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, (f"touch {self.marker}",))


def _render(runner: CliRunner, folder: Path, source: str | bytes) -> tuple[int, str]:
    template = folder / "mine.md.j2"
    if isinstance(source, bytes):
        template.write_bytes(source)
    else:
        template.write_text(source, encoding="utf-8")
    result = runner.invoke(
        app,
        [
            "report",
            "--plan",
            str(PLAN_2021),
            "--as-of",
            AS_OF.isoformat(),
            "--template",
            str(template),
        ],
    )
    return result.exit_code, result.output


def _literal(data: bytes) -> str:
    """Bytes as a Jinja string literal."""
    text = data.decode("latin-1")
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


@pytest.mark.parametrize(
    "call",
    [
        "plan.parse_raw({payload}, proto='pickle', allow_pickle=True)",
        "plan.document.parse_raw({payload}, proto='pickle', allow_pickle=True)",
        "units.office.parse_raw({payload}, proto='pickle', allow_pickle=True)",
        "progress.states[0].task.parse_raw({payload}, proto='pickle', allow_pickle=True)",
    ],
)
def test_a_template_cannot_unpickle_and_run_a_command(
    runner: CliRunner, tmp_path: Path, call: str
) -> None:
    """pydantic's deprecated parse_raw can unpickle: a template that reaches a model can
    run any shell command. Templates get plain data, so the call is an unknown name."""
    marker = tmp_path / "escaped"
    payload = _literal(pickle.dumps(_Touch(marker), protocol=0))
    code, output = _render(runner, tmp_path, "{{ " + call.format(payload=payload) + " }}\n")
    assert not marker.exists(), "the template ran a shell command"
    assert code == 1, output
    assert "mine.md.j2" in output


def test_templates_see_only_plain_data() -> None:
    """Everything a template receives is dicts, lists, text, numbers, dates or None."""
    verdict = validate_file(str(PLAN_2021), as_of=AS_OF)
    assert isinstance(verdict.plan, Plan)
    data = plain(report_content(verdict.plan, as_of=AS_OF))
    allowed = (dict, list, str, int, float, type(None), type(AS_OF))
    stack: list[object] = [data]
    seen = 0
    while stack:
        value = stack.pop()
        seen += 1
        assert isinstance(value, allowed), type(value)
        if isinstance(value, dict):
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
    assert seen > 1000


def test_record_fields_never_hide_behind_a_dict_method() -> None:
    """`x.items` in a template is the dict's method, not the field: no record has a field
    named like one."""
    verdict = validate_file(str(PLAN_2021), as_of=AS_OF)
    assert verdict.plan is not None
    data = plain(report_content(verdict.plan, as_of=AS_OF))
    methods = set(dir(dict))
    stack: list[object] = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            clashes = {k for k in value if isinstance(k, str) and k in methods}
            assert not clashes, clashes
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)


@pytest.mark.parametrize(
    ("source", "says"),
    [
        (b"{{ plan.document.title }}\n\xff\xfe lat\xe1 1\n", "UTF-8"),
        ('{% include "mine.md.j2" %}\n', "mine.md.j2"),
        ("{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}\n", "mine.md.j2"),
        (
            "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}\n",
            "mine.md.j2",
        ),
        ("{{ 'x' * 1000000000 }}\n", "mine.md.j2"),
        ("{{ 99 ** 99999999 }}\n", "mine.md.j2"),
        (
            "{% set s = ['x'] %}{% for i in range(100000) %}"
            "{% set _ = s.append(s | join(s[-1])) %}{% endfor %}\n",
            "mine.md.j2",
        ),
    ],
    ids=[
        "not-utf8",
        "includes-itself",
        "recursive-macro",
        "endless-loop",
        "huge-string",
        "huge-power",
        "growing-list",
    ],
)
def test_a_runaway_template_is_stopped_and_named(
    runner: CliRunner,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    source: str | bytes,
    says: str,
) -> None:
    """A template that cannot be read as UTF-8, recurses, loops or grows without end is
    stopped and reported with its name: exit 1, never a hang or a bug."""
    monkeypatch.setattr(markdown, "RENDER_SECONDS", 2.0)
    monkeypatch.setattr(markdown, "MAX_MEMORY_MB", 512.0)
    code, output = _render(runner, tmp_path, source)
    assert len(output) < 2000, output[:2000]
    assert code == 1, output
    assert says in output
    assert "lỗi của chương trình" not in output


@pytest.mark.parametrize("signal_name", ["SIGTERM", "SIGHUP", "SIGINT"])
def test_the_renderer_never_outlives_cchc(tmp_path: Path, signal_name: str) -> None:
    """A signal to cchc while a user's template renders (in a child process) ends both:
    nothing of the session is left running."""
    import signal  # noqa: PLC0415
    import subprocess  # noqa: PLC0415
    import sys  # noqa: PLC0415
    import time  # noqa: PLC0415

    template = tmp_path / "slow.md.j2"
    template.write_text(
        "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}\n",
        encoding="utf-8",
    )
    process = subprocess.Popen(
        [
            *(sys.executable, "-m", "cchc_plan", "report", "--plan", str(PLAN_2021)),
            *("--as-of", AS_OF.isoformat(), "--template", str(template)),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    time.sleep(1.5)  # the child is rendering by now
    process.send_signal(getattr(signal, signal_name))
    started = time.monotonic()
    process.wait(timeout=10)
    assert time.monotonic() - started < 5
    time.sleep(0.2)
    with pytest.raises(ProcessLookupError):
        os.killpg(process.pid, 0)  # no process of the session is left
