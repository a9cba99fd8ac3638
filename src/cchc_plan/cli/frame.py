"""typer's own words (help headings, usage errors) in the command's language.

typer writes its frame in English ("Usage:", "Options:", "Error: No such option").
The commands' help and messages are Vietnamese, so the frame is too: the command
classes translate the help they format, and `usage_failed` writes a usage error the
way click would, in the user's language. `--lang en` keeps the English.
"""

from __future__ import annotations

import sys
from typing import Any

from typer.core import TyperCommand, TyperGroup

from cchc_plan.cli import coercion
from cchc_plan.messages.cli import USAGE_FRAME, help_text, usage_error

EXIT_USAGE = 2


def language(argv: list[str] | None = None) -> str:
    """The language the command line asked for: "en" with `--lang en`, else "vi"."""
    args = sys.argv[1:] if argv is None else argv
    for i, arg in enumerate(args):
        if arg == "--lang=en" or (arg == "--lang" and args[i + 1 : i + 2] == ["en"]):
            return "en"
    return "vi"


def _unset_help_is_false(option: Any) -> Any:
    """The help flag, absent, is False rather than None: typer coerces a None through
    a pydantic adapter, which would load pydantic (about 30 ms) just to print help."""
    if option is not None and getattr(option, "default", False) is None:
        option.default = False
    return option


class Command(TyperCommand):
    """A command whose help and usage line speak the user's language."""

    def get_help_option(self, ctx: Any) -> Any:
        return _unset_help_is_false(super().get_help_option(ctx))

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        coercion.install(self.params)
        return super().parse_args(ctx, args)

    def get_help(self, ctx: Any) -> str:
        return help_text(super().get_help(ctx), language())

    def get_usage(self, ctx: Any) -> str:
        return help_text(super().get_usage(ctx), language())


class Group(TyperGroup):
    """The `cchc` group, its help and usage line in the user's language."""

    def get_help_option(self, ctx: Any) -> Any:
        return _unset_help_is_false(super().get_help_option(ctx))

    def get_help(self, ctx: Any) -> str:
        return help_text(super().get_help(ctx), language())

    def get_usage(self, ctx: Any) -> str:
        return help_text(super().get_usage(ctx), language())


def is_usage_error(error: BaseException) -> bool:
    """A click or typer usage error (a bad option, a missing value, no command)."""
    return any(kind.__name__ == "UsageError" for kind in type(error).__mro__)


def is_abort(error: BaseException) -> bool:
    """click's Abort: Ctrl-C while the command line was being read."""
    return any(kind.__name__ == "Abort" for kind in type(error).__mro__)


def usage_failed(error: Any) -> int:
    """Write a usage error as click would (usage line, where to find help, the error),
    in the user's language, on standard error; its exit code."""
    lang = language()
    ctx = getattr(error, "ctx", None)
    if type(error).__name__ == "NoArgsIsHelpError" and ctx is not None:
        sys.stderr.write(ctx.get_help() + "\n")
        return int(getattr(error, "exit_code", EXIT_USAGE))
    words = USAGE_FRAME[lang]
    lines = []
    if ctx is not None:
        lines.append(ctx.get_usage())
        lines.append(words["help"].format(command=ctx.command_path) + "\n")
    lines.append(words["error"].format(message=usage_error(error.format_message(), lang)))
    sys.stderr.write("\n".join(lines) + "\n")
    return int(getattr(error, "exit_code", EXIT_USAGE))
