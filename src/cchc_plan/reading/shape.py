"""The plan's shape: the schema's complaints about the data, as diagnostics.

Pydantic validates the data against the models; each of its errors becomes a
diagnostic with a code, at the path of the offending value.
"""

from __future__ import annotations

import re
import types
import typing
from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from cchc_plan.diagnostics import Diagnostic, Path, diagnostic, suggest
from cchc_plan.models import CODE_PATTERN, ID_PATTERN, Plan
from cchc_plan.reading.compiled import plan_validator
from cchc_plan.reading.loader import kind_of


def parse_plan(data: dict[str, Any]) -> tuple[Plan | None, list[Diagnostic]]:
    """The plan, or the schema's complaints about the data as diagnostics."""
    try:
        return plan_validator()(data), []
    except ValidationError as error:
        return None, [_schema_diagnostic(e) for e in error.errors(include_url=False)]


_OPERATORS = {
    "greater_than_equal": ("≥", "ge"),
    "greater_than": (">", "gt"),
    "less_than_equal": ("≤", "le"),
    "less_than": ("<", "lt"),
}
_EXPECTED = {
    "float_type": "number",
    "int_type": "integer",
    "int_from_float": "integer",
    "model_type": "mapping",
    "model_attributes_type": "mapping",
    "dict_type": "mapping",
    "list_type": "list",
}


def _schema_diagnostic(error: ErrorDetails) -> Diagnostic:
    kind = error["type"]
    path: Path = tuple(error["loc"])
    value = error.get("input")
    ctx = error.get("ctx") or {}
    if kind == "extra_forbidden":
        key = str(path[-1])
        suggestion = suggest(key, fields_at(path[:-1]))
        return diagnostic("CCHC101", path, at="key", key=key, suggestion=suggestion)
    if kind == "missing":
        return diagnostic("CCHC102", path[:-1], key=str(path[-1]))
    if kind == "string_type":
        if isinstance(value, int | float) and not isinstance(value, bool):
            return diagnostic("CCHC104", path, raw=str(value), actual=kind_of(value))
        if value is None:
            return diagnostic("CCHC112", path)
        return diagnostic("CCHC103", path, expected="text", actual=kind_of(value))
    if kind in {"string_too_short", "too_short"}:
        return diagnostic("CCHC112", path)
    if kind == "string_too_long":
        return diagnostic("CCHC113", path, length=len(str(value)), limit=ctx.get("max_length"))
    if kind == "finite_number":
        return diagnostic("CCHC110", path)
    if kind == "bool_type":
        return diagnostic("CCHC111", path, value=_shown(value))
    if kind in {"date_type", "cchc_date"}:
        if isinstance(value, str | datetime):
            return diagnostic("CCHC109", path, value=_shown(value))
        return diagnostic("CCHC103", path, expected="date", actual=kind_of(value))
    if kind == "cchc_impossible_date":
        return diagnostic("CCHC014", path, value=_shown(value))
    if kind == "cchc_deadline":
        return diagnostic("CCHC108", path, value=_shown(value))
    if kind == "literal_error":
        choices = str(ctx.get("expected", "")).replace(" or ", ", ")
        return diagnostic("CCHC105", path, value=_shown(value), choices=choices)
    if kind == "string_pattern_mismatch":
        pattern = ctx.get("pattern")
        what = {CODE_PATTERN: "code", ID_PATTERN: "id"}.get(str(pattern), "letter")
        return diagnostic("CCHC106", path, value=_shown(value), what=what)
    if kind in _OPERATORS:
        symbol, name = _OPERATORS[kind]
        return diagnostic("CCHC107", path, value=_shown(value), op=symbol, limit=ctx.get(name))
    if kind in _EXPECTED:
        expected = _EXPECTED[kind]
        if expected == "number" and isinstance(value, str) and _DECIMAL_COMMA.fullmatch(value):
            # 83,804 as Vietnamese writes it: YAML read a text.
            decimal = value.strip().replace(",", ".")
            return diagnostic(
                "CCHC103",
                path,
                expected=expected,
                actual="text",
                hint="decimal_comma",
                decimal=decimal,
            )
        return diagnostic("CCHC103", path, expected=expected, actual=kind_of(value))
    return diagnostic("CCHC119", path, detail=error["msg"])


_DECIMAL_COMMA = re.compile(r"\s*[-+]?[0-9]+,[0-9]+\s*")


def _shown(value: object) -> str:
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    return text if len(text) <= 60 else text[:59] + "…"


def fields_at(path: Path) -> list[str]:
    """The keys a plan allows at `path` (for "did you mean")."""
    model: Any = Plan
    for step in path:
        if isinstance(step, int):
            continue
        if not (isinstance(model, type) and issubclass(model, BaseModel)):
            return []
        info = model.model_fields.get(str(step))
        if info is None:
            return []
        model = _model_in(info.annotation)
    if isinstance(model, type) and issubclass(model, BaseModel):
        return list(model.model_fields)
    return []


def _model_in(annotation: Any) -> Any:
    """The model class inside `list[X]`, `X | None` and the like."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin is None and not isinstance(annotation, types.UnionType):
        return None
    for arg in typing.get_args(annotation):
        found = _model_in(arg)
        if found is not None:
            return found
    return None
