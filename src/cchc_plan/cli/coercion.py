"""Plain option values without typer's pydantic adapters.

typer (from 0.29) turns every option's text into its value through a pydantic
TypeAdapter, made for each option on every run. Importing typer's adapter module and
making the adapters cost about 7 ms of the 150 a `cchc validate` takes. Our options are
plain: a text, a whole number, one of an enum's values, a list of texts. For those,
the usual value is taken here directly; anything else, a value to refuse above all,
goes to typer's own coercion, so that each message stays typer's.

This leans on typer's internals (a parameter's `_runtime_param`, `RuntimeParam`).
With a typer that lacks them, `install` changes nothing; a test holds the values
equal to typer's own for every option of every command.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from typing import Any, get_args, get_origin

try:
    from typer._coercion import RuntimeParam, build_runtime_param
except ImportError:  # another typer: its own coercion for every value
    RuntimeParam = None  # type: ignore[assignment,misc]

_NOT_PLAIN = object()
_ABSENT = object()
_WHOLE = re.compile(r"[0-9]{1,18}")


def install(params: list[Any]) -> None:
    """Let the plain values of `params` skip typer's adapters (not yet made)."""
    if RuntimeParam is None:
        return
    for param in params:
        descriptor: Any = getattr(param, "type_descriptor", None)
        if getattr(param, "_runtime_param", _ABSENT) is None and _handled(descriptor):
            param._runtime_param = _Plain(
                parameter_info=descriptor.parameter_info, annotation=descriptor.annotation
            )


def _handled(descriptor: Any) -> bool:
    """A text, whole number, enum or list of texts, with no parser, file or path."""
    if descriptor is None or getattr(descriptor, "file_annotation", None) is not None:
        return False
    info = descriptor.parameter_info
    if getattr(info, "parser", None) is not None or getattr(info, "clamp", False):
        return False
    if getattr(descriptor, "is_path", True):
        return False
    annotation = descriptor.annotation
    if annotation in (str, int) or _is_enum(annotation):
        return True
    return get_origin(annotation) is list and get_args(annotation) == (str,)


def _is_enum(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, Enum)


def plain_value(annotation: Any, info: Any, value: Any, ctx: Any) -> Any:
    """The value typer would make of `value`, when it is plain; else `_NOT_PLAIN`."""
    if annotation is str:
        return value if _is_text(value) else _NOT_PLAIN
    if annotation is int:
        return _whole(value, info)
    if _is_enum(annotation):
        return _member(annotation, info, value, ctx)
    if isinstance(value, list | tuple) and all(_is_text(item) for item in value):
        return list(value)
    return _NOT_PLAIN


def _is_text(value: Any) -> bool:
    """Text pydantic takes as it is (not a name with undecodable bytes, which Python
    keeps as lone surrogates)."""
    if type(value) is not str:
        return False
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _whole(value: Any, info: Any) -> Any:
    if type(value) is not str or not _WHOLE.fullmatch(value):
        return _NOT_PLAIN
    number = int(value)
    low, high = getattr(info, "min", None), getattr(info, "max", None)
    if (low is not None and number < low) or (high is not None and number > high):
        return _NOT_PLAIN  # typer says why
    return number


def _member(annotation: type[Enum], info: Any, value: Any, ctx: Any) -> Any:
    if isinstance(value, annotation):
        return value
    if not getattr(info, "case_sensitive", False) or getattr(ctx, "token_normalize_func", None):
        return _NOT_PLAIN
    for member in annotation:
        if type(value) is str and member.value == value:
            return member
    return _NOT_PLAIN


if RuntimeParam is not None:

    @dataclass(frozen=True)
    class _Plain(RuntimeParam):
        """A parameter's coercion: the plain value here, any other by typer."""

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            plain = plain_value(self.annotation, self.parameter_info, value, ctx)
            if plain is not _NOT_PLAIN:
                return plain
            return build_runtime_param(param.type_descriptor)._coerce_value(value, param, ctx)
