"""The options' plain values, taken without typer's adapters, are typer's own values."""

from __future__ import annotations

from typing import Any

import pytest
from typer._click import Context
from typer._coercion import build_runtime_param

from cchc_plan.cli import COMMANDS, build, coercion

TEXTS = [
    *("", "x", "đơn-vị", "a b", "vi", "en", "VI", "text", "json", "Json", "github"),
    *("markdown", "bao-cao", "don-vi", "phu-luc", "lanh-dao"),
    *("0", "1", "2", "16", "007", "-1", "+2", " 2", "2 ", "2.5", "1e3", "1_000", "١٢"),
    *("9" * 18, "9" * 19, "2021-09-30", "plans/2021.yaml", "a\udcff"),
]
LISTS: list[tuple[str, ...]] = [(), ("a",), ("a", "b c"), ("plans/",), ("a\udcff",)]


def outcome(param: Any, ctx: Context, value: object) -> tuple[str, object]:
    """What typer's own coercion makes of `value`: ("value", v) or ("refused", message)."""
    runtime = build_runtime_param(param.type_descriptor)
    try:
        return "value", runtime._coerce_value(value, param, ctx)
    except Exception as error:
        return "refused", str(error)


def handled_params(name: str) -> tuple[Context, list[Any]]:
    command = build(name)
    params = [p for p in command.params if coercion._handled(getattr(p, "type_descriptor", None))]
    return Context(command), params


@pytest.mark.parametrize("name", list(COMMANDS))
def test_a_plain_value_is_the_value_typer_makes(name: str) -> None:
    ctx, params = handled_params(name)
    for param in params:
        descriptor = param.type_descriptor
        multiple = param.multiple or param.nargs == -1
        values: list[object] = [*LISTS] if multiple else [*TEXTS]
        if isinstance(param.default, object) and param.default is not None and not multiple:
            values.append(param.default)  # a default (an enum's member) comes as it is
        for value in values:
            ours = coercion.plain_value(
                descriptor.annotation, descriptor.parameter_info, value, ctx
            )
            if ours is coercion._NOT_PLAIN:
                continue  # typer's own coercion decides
            kind, theirs = outcome(param, ctx, value)
            assert (kind, ours, type(ours)) == ("value", theirs, type(theirs)), (
                name,
                param.name,
                value,
            )


def test_the_usual_values_take_the_plain_way() -> None:
    """What `cchc validate` is usually given never needs typer's adapters (with a
    typer that lets them be skipped)."""
    ctx, params = handled_params("validate")
    by_name = {p.name: p for p in params}
    assert {"paths", "output_format", "lang", "as_of", "jobs"} <= set(by_name)
    usual = {
        "paths": ("plans/2021.yaml", "tests/"),
        "output_format": "json",
        "lang": "en",
        "as_of": "2021-09-30",
        "jobs": "2",
    }
    for name, value in usual.items():
        descriptor = by_name[name].type_descriptor
        plain = coercion.plain_value(descriptor.annotation, descriptor.parameter_info, value, ctx)
        assert plain is not coercion._NOT_PLAIN, name
        assert outcome(by_name[name], ctx, value) == ("value", plain)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--jobs", "0"], "Invalid value for '--jobs' / '-j': Input should be greater"),
        (["--jobs", "x"], "Invalid value for '--jobs' / '-j': Input should be a valid integer"),
        (["--format", "jsn"], "'jsn' is not one of 'text', 'json', 'github'"),
        (["--lang", "fr"], "'fr' is not one of 'vi', 'en'"),
    ],
)
def test_a_value_refused_is_refused_in_typers_words(args: list[str], message: str) -> None:
    """(In English: the app alone, without `main`, which words usage errors.)"""
    from typer.testing import CliRunner  # noqa: PLC0415

    from cchc_plan.cli import app  # noqa: PLC0415

    result = CliRunner().invoke(app, ["validate", *args, "plans/2021.yaml"])
    assert result.exit_code == 2
    assert message in result.output
