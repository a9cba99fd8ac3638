"""What can go wrong that the user can put right.

Each error carries the facts (which path, which name, what the candidates are), never
wording and never an exit code: `messages/cli.py` says it, and `cli/error_handler.py`
decides how the process ends. Anything else that escapes is a bug, and is reported as
one.
"""

from __future__ import annotations

import errno
import stat
from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:  # the command line imports this module before any plan is read
    from cchc_plan.models import Unit


class CchcError(Exception):
    """A problem with what the user gave: a path, a name, a plan, a template."""


class PathNotFound(CchcError):
    """A path that names no file (or no plan) to work on."""

    def __init__(self, path: str, reason: Literal["missing", "no_plans", "no_plan_year"]) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class PlanUnreadable(CchcError):
    """A plan file that could not be read at all (its diagnostic says why)."""

    def __init__(self, path: str) -> None:
        super().__init__(path)
        self.path = path


class PlanInvalid(CchcError):
    """A plan with errors, which a command needs valid (its diagnostics say which)."""

    def __init__(self, path: str) -> None:
        super().__init__(path)
        self.path = path


class ValidationFailed(CchcError):
    """`cchc validate` found plans it could not read, or invalid ones (already reported)."""

    def __init__(self, *, invalid: int, unreadable: int) -> None:
        super().__init__(f"{invalid} invalid, {unreadable} unreadable")
        self.invalid = invalid
        self.unreadable = unreadable


class UnknownUnit(CchcError):
    """A unit named on the command line that the plan does not have, or not only one.

    `candidates` are the units the name fits when it fits several; `units` all of them;
    `close` those whose id, name or alias is spelt nearly as the name (a typo).
    """

    def __init__(
        self,
        query: str,
        candidates: Sequence[Unit],
        units: Sequence[Unit],
        close: Sequence[Unit] = (),
    ) -> None:
        super().__init__(query)
        self.query = query
        self.candidates = list(candidates)
        self.units = list(units)
        self.close = list(close)


class UnitRequired(CchcError):
    """A kind of document that is about one unit, asked for without naming one."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


class OptionsConflict(CchcError):
    """Options that contradict each other: `--since` after `--as-of`, `--unit` with a
    kind of document that is not about one unit, `--to` with one that is not a report."""

    def __init__(
        self,
        problem: Literal[
            "since_after_as_of",
            "unit_unused",
            "to_unused",
            "empty_output",
            "raised_by_alone",
            "resolve_pair",
        ],
        **facts: str,
    ) -> None:
        super().__init__(problem)
        self.problem = problem
        self.facts = facts


TemplateTrouble = Literal[
    "syntax",
    "not_found",
    "undefined",
    "refused",
    "not_utf8",
    "recursion",
    "timeout",
    "too_large",
    "memory",
    "failed",
]


class TemplateProblem(CchcError):
    """A report template that cannot be read or rendered, with where the problem is:
    Jinja's own `detail`, or one of ours (`trouble`), such as a template that runs too
    long."""

    def __init__(
        self,
        name: str,
        line: int | None,
        detail: str,
        *,
        trouble: TemplateTrouble | None = None,
        limit: float = 0,
    ) -> None:
        super().__init__(f"{name}:{line or 0}: {trouble or detail}")
        self.name = name
        self.line = line
        self.detail = detail
        self.trouble = trouble
        self.limit = limit


class ReadFailed(CchcError):
    """A file the command needs besides the plan (a template) that cannot be read.

    `reason` is why, as `reason_of` and `file_kind` name it.
    """

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class WriteFailed(CchcError):
    """An output file that could not be written (the old one, if any, is untouched).

    `reason` is why, as `reason_of` and `file_kind` name it, or "input" when the output
    is `source`, a file the command reads (the plan, the template), by whatever path.
    """

    def __init__(self, path: str, reason: str, *, source: str | None = None) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason
        self.source = source


class InputOutputFailed(CchcError):
    """Reading or writing failed somewhere no command expected it (standard output on a
    full disk): the system's problem, not a bug. `path` when the system named one."""

    def __init__(self, path: str | None, reason: str) -> None:
        super().__init__(f"{path or ''}: {reason}")
        self.path = path
        self.reason = reason

    @classmethod
    def of(cls, error: OSError) -> InputOutputFailed:
        path = error.filename
        return cls(None if path is None else str(path), reason_of(error))


class Terminated(BaseException):
    """SIGTERM or SIGHUP arrived during work that cleans up after itself (writing a
    file). Like KeyboardInterrupt, not an Exception, so that nothing catches it on the
    way out; the process ends with 128 + the signal's number."""

    def __init__(self, signal_number: int) -> None:
        super().__init__(signal_number)
        self.signal_number = signal_number


def reason_of(error: OSError) -> str:
    """Why the system refused, as its error's name ("ENOSPC", "EACCES"): a fact the
    messages put into words, whatever the system's language."""
    return errno.errorcode.get(error.errno or 0, "EIO")


def file_kind(mode: int) -> str:
    """What a path is when it is not a regular file: "folder", "fifo", "device",
    "socket" or "special"."""
    if stat.S_ISDIR(mode):
        return "folder"
    if stat.S_ISFIFO(mode):
        return "fifo"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    if stat.S_ISSOCK(mode):
        return "socket"
    return "special"


class UnknownTask(CchcError):
    """A task id on the command line that the plan does not have; `ids` are the plan's."""

    def __init__(self, task: str, ids: Sequence[str]) -> None:
        super().__init__(task)
        self.task = task
        self.ids = list(ids)


EditProblem = Literal[
    "invalid_before",
    "invalid_after",
    "empty_flow_log",
    "cannot_splice",
    "no_open_difficulty",
    "not_exactly",
]


class EditRefused(CchcError):
    """An edit of a plan file that was not written: the plan was invalid before, or
    would be after (`verdict` says where), or it is written in a way the editor does
    not change, or the edit would change more than asked ("not_exactly": a bug)."""

    def __init__(self, path: str, problem: EditProblem, verdict: object = None) -> None:
        super().__init__(problem)
        self.path = path
        self.problem = problem
        self.verdict = verdict


class EditInvalid(EditRefused):
    """The plan is invalid before the edit, or would be after it."""


class EditUnsupported(EditRefused):
    """The part to edit is written in a way the editor does not change."""


class EditMismatch(EditRefused):
    """The edited file's data would differ by more than the change: a bug in cchc."""
