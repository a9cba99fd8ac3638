"""The one place where what went wrong becomes a message and an exit code.

Commands raise; they never choose an exit code. As in pre-commit's error handler: a
problem with what the user gave exits 1 or 2 with its message, Ctrl-C exits 130, and
anything else is a bug, which says so and exits 3, never passing for the user's
mistake. typer's own usage errors (a bad option) exit 2 through typer.

What the system refuses (a full disk, no permission) is no bug: exit 2, with the
reason in words. A reader that went away (`cchc status | head -1`) ends the command
quietly with 141, as SIGPIPE would have; SIGTERM or SIGHUP while a file is written
ends it with 128 + the signal's number, once the temporary file is gone.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import ParamSpec

import typer

from cchc_plan import errors
from cchc_plan.cli import frame, streams
from cchc_plan.errors import CchcError
from cchc_plan.messages.cli import CLI, explain

P = ParamSpec("P")

# A command that returns exits 0.
EXIT_INVALID = 1  # a plan, a template (later: a sheet) is invalid
EXIT_USAGE = 2  # usage: a path that is missing or cannot be read or written, a bad name
EXIT_BUG = 3
EXIT_INTERRUPTED = 130
EXIT_SIGNALLED = 128  # plus the signal's number
EXIT_CLOSED_PIPE = EXIT_SIGNALLED + 13  # SIGPIPE's number, wherever the system has it

EXIT_CODES: dict[type[BaseException], int] = {
    errors.PathNotFound: EXIT_USAGE,
    errors.PlanUnreadable: EXIT_USAGE,
    errors.PlanInvalid: EXIT_INVALID,
    errors.UnknownUnit: EXIT_USAGE,
    errors.UnknownTask: EXIT_USAGE,
    errors.EditRefused: EXIT_INVALID,
    errors.EditInvalid: EXIT_INVALID,
    errors.EditUnsupported: EXIT_USAGE,
    errors.EditMismatch: EXIT_BUG,
    errors.UnitRequired: EXIT_USAGE,
    errors.OptionsConflict: EXIT_USAGE,
    errors.TemplateProblem: EXIT_INVALID,
    errors.WriteFailed: EXIT_USAGE,
    errors.ReadFailed: EXIT_USAGE,
    errors.InputOutputFailed: EXIT_USAGE,
    KeyboardInterrupt: EXIT_INTERRUPTED,
}

# What a command may raise that is not a bug: the user's problems, the system's, and
# being asked to stop.
EXPECTED = (CchcError, OSError, KeyboardInterrupt, errors.Terminated)


def exit_code(error: BaseException) -> int:
    """The exit code for what went wrong: its kind's (or the nearest kind above it),
    and a bug's for anything else."""
    if isinstance(error, errors.ValidationFailed):
        return EXIT_USAGE if error.unreadable else EXIT_INVALID
    if isinstance(error, errors.Terminated):
        return EXIT_SIGNALLED + error.signal_number
    for kind in type(error).__mro__:
        if kind in EXIT_CODES:
            return EXIT_CODES[kind]
    return EXIT_BUG


def report(error: BaseException, lang: str = "vi") -> int:
    """Say what went wrong on standard error, and give the exit code it ends with."""
    if isinstance(error, BrokenPipeError):
        return closed_pipe()
    if isinstance(error, OSError):
        error = errors.InputOutputFailed.of(error)
        try:
            sys.stdout.flush()
        except OSError:  # standard output is what failed: exit without trying again
            streams.discard_stdout()
    if isinstance(error, CchcError):
        message = explain(error, lang)
    elif isinstance(error, KeyboardInterrupt | errors.Terminated):
        message = None
    else:
        message = CLI["vi"]["bug"].format(error=f"{type(error).__name__}: {error}")
    if message is not None:
        sys.stderr.write(message + "\n")
    return exit_code(error)


def closed_pipe() -> int:
    """The reader of standard output has gone: write nothing more, not even at exit
    (the Python documentation's advice on SIGPIPE), say nothing, and exit 141."""
    streams.discard_stdout()
    return EXIT_CLOSED_PIPE


def handled(command: Callable[P, None]) -> Callable[P, None]:
    """The command, with the user's errors and Ctrl-C turned into a message and an exit
    code; the message speaks the command's --lang when it has one."""

    @functools.wraps(command)
    def run(*args: P.args, **kwargs: P.kwargs) -> None:
        try:
            command(*args, **kwargs)
            sys.stdout.flush()  # a closed pipe or a full disk shows here, not at exit
        except EXPECTED as error:
            raise typer.Exit(report(error, str(kwargs.get("lang", "vi")))) from None

    return run


def run_app(app: typer.Typer) -> None:
    """Run the app, its output never failing on a character the terminal's encoding
    lacks. What escapes every command (and typer's own output: --help into a closed
    pipe) is reported here the same way: a bug says it is one and exits 3, rather than
    pass for a user's error."""
    streams.tolerate_any_encoding()
    try:
        try:
            code = app(standalone_mode=False)  # usage errors come here, to be worded
        except Exception as error:
            if frame.is_usage_error(error):
                raise SystemExit(frame.usage_failed(error)) from None
            if frame.is_abort(error):
                raise SystemExit(EXIT_INTERRUPTED) from None
            raise
        finally:
            sys.stdout.flush()
        raise SystemExit(code if isinstance(code, int) else 0)
    except SystemExit:
        # typer meets a closed pipe outside the commands (`cchc --help | head -1`) by
        # wrapping standard output in its PacifyFlushWrapper and exiting 1, which would
        # pass for an invalid plan.
        if type(sys.stdout).__name__ == "PacifyFlushWrapper":
            raise SystemExit(closed_pipe()) from None
        raise
    except (Exception, KeyboardInterrupt, errors.Terminated) as error:  # the one place
        raise SystemExit(report(error)) from None
