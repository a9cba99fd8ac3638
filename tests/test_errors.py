"""The error family: every error has an exit code and a sentence, in both languages."""

from __future__ import annotations

import sys

import pytest
import typer

from cchc_plan import errors
from cchc_plan.cli.error_handler import EXIT_BUG, EXIT_INTERRUPTED, exit_code, run_app
from cchc_plan.messages.cli import CLI, REASONS, explain, reason_words
from cchc_plan.models import Unit

OFFICE = Unit(id="office", name="Văn phòng", kind="office")
SAMPLES: list[tuple[errors.CchcError, int, str | None]] = [
    (errors.PathNotFound("plans", "no_plan_year"), 2, "plans: không có tệp kế hoạch"),
    (errors.PlanUnreadable("a.yaml"), 2, None),
    (errors.PlanInvalid("a.yaml"), 1, "a.yaml: kế hoạch không hợp lệ"),
    (errors.ValidationFailed(invalid=1, unreadable=0), 1, None),
    (errors.ValidationFailed(invalid=1, unreadable=1), 2, None),
    (errors.UnknownUnit("kho", [], [OFFICE]), 2, "các đơn vị: office (Văn phòng)"),
    (errors.UnitRequired("don-vi"), 2, "--kind don-vi cần chỉ rõ đơn vị bằng --unit"),
    (
        errors.OptionsConflict("since_after_as_of", since="2021-10-01", as_of="2021-09-30"),
        2,
        "--since 2021-10-01 sau --as-of 2021-09-30",
    ),
    (errors.TemplateProblem("my.md.j2", 3, "boom"), 1, "lỗi mẫu báo cáo my.md.j2:3: boom"),
    (errors.WriteFailed("out.md", "EACCES"), 2, "out.md: không ghi được: không có quyền"),
    (errors.WriteFailed("a.yaml", "input", source="a.yaml"), 2, "không ghi đè lên a.yaml"),
    (
        errors.ReadFailed("mine.md.j2", "fifo"),
        2,
        "mine.md.j2: không đọc được: đây là một đường ống",
    ),
    (errors.InputOutputFailed(None, "ENOSPC"), 2, "cchc: lỗi đọc, ghi dữ liệu: không đủ chỗ"),
    (
        errors.UnknownTask("t99", ["t01", "t02"]),
        2,
        "không có nhiệm vụ nào mã “t99”; các nhiệm vụ: t01, t02",
    ),
    (errors.EditRefused("a.yaml", "invalid_before"), 1, "a.yaml: kế hoạch đang có lỗi"),
    (
        errors.EditInvalid("a.yaml", "invalid_after"),
        1,
        "a.yaml: cập nhật này làm kế hoạch không hợp lệ",
    ),
    (
        errors.EditUnsupported("a.yaml", "cannot_splice"),
        2,
        "a.yaml: phần cần sửa của nhiệm vụ này được viết theo kiểu",
    ),
    (errors.EditMismatch("a.yaml", "not_exactly"), 3, "a.yaml: lỗi của chương trình"),
]


def _kinds(base: type[errors.CchcError]) -> set[type[errors.CchcError]]:
    found = set()
    for kind in base.__subclasses__():
        found |= {kind, *_kinds(kind)}
    return found


def test_the_samples_cover_every_error() -> None:
    """Each kind of error the package defines is among the samples below."""
    assert {type(e) for e, _, _ in SAMPLES} == _kinds(errors.CchcError)


@pytest.mark.parametrize(("error", "code", "says"), SAMPLES, ids=lambda v: type(v).__name__)
def test_each_error_has_its_exit_code_and_sentence(
    error: errors.CchcError, code: int, says: str | None
) -> None:
    """A user's error exits 1 or 2, never 3, and says what it is (or leaves it to the
    diagnostics already written)."""
    assert exit_code(error) == code
    message = explain(error, "vi")
    if says is None:
        assert message is None
    else:
        assert message is not None
        assert says in message
        assert explain(error, "en") is not None


def test_anything_else_is_a_bug_and_ctrl_c_is_130() -> None:
    """An error outside the family is a bug (3); Ctrl-C is 130."""
    assert exit_code(RuntimeError("boom")) == EXIT_BUG
    assert exit_code(KeyboardInterrupt()) == EXIT_INTERRUPTED


def test_a_narrower_error_takes_its_family_code() -> None:
    """A new error made from an existing one exits as its parent does, not as a bug."""

    class TemplateFolderMissing(errors.PathNotFound):
        pass

    assert exit_code(TemplateFolderMissing("templates", "missing")) == 2


def test_an_error_escaping_every_command_is_still_explained(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A command registered without the handler still ends with its error's words and
    code, not with the bug message."""
    app = typer.Typer()

    @app.command()
    def sheets() -> None:
        raise errors.PathNotFound("plans", "no_plan_year")

    monkeypatch.setattr(sys, "argv", ["cchc"])
    with pytest.raises(SystemExit) as ended:
        run_app(app)
    assert ended.value.code == 2
    err = capsys.readouterr().err
    assert "plans: không có tệp kế hoạch" in err
    assert "lỗi của chương trình" not in err


def test_both_languages_have_every_word() -> None:
    """The command line's words exist in Vietnamese and English alike."""
    assert set(CLI["vi"]) == set(CLI["en"])
    assert set(REASONS["vi"]) == set(REASONS["en"])


def test_an_unknown_system_error_is_still_said() -> None:
    """A reason the catalogue lacks is named, in a sentence of the language."""
    assert reason_words("EXDEV", "vi") == "lỗi của hệ điều hành (EXDEV)"
    assert reason_words("EXDEV", "en") == "operating system error (EXDEV)"


def test_a_signal_exits_128_plus_its_number() -> None:
    """SIGTERM during a write ends with 143, SIGHUP with 129."""
    assert exit_code(errors.Terminated(15)) == 143
    assert exit_code(errors.Terminated(1)) == 129
