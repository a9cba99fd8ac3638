"""What a template sees: the report's content as plain data.

A template, the shipped ones and a user's own, gets dicts, lists, strings, numbers,
dates and None, never the plan's models or the views' objects: an object's methods
(pydantic's `parse_raw` can unpickle) would be callable from the template. Each
record becomes a dict of its fields and properties; an object met twice (a unit named
by many tasks) becomes one dict, so the data stays as large as the content.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from datetime import date
from typing import Any

from cchc_plan.models import Deadline

SCALARS = (str, int, float, bool, date, type(None))


def plain(value: object) -> Any:
    """`value` as plain data: records as dicts, sequences as lists, a deadline as the
    text the plan wrote ("2021-Q2"). Anything else is refused (a bug, not data)."""
    return _Converter().convert(value)


def record_fields(kind: type) -> list[str]:
    """The names a record of this class shows a template: its fields, then its
    properties."""
    if dataclasses.is_dataclass(kind):
        names = [f.name for f in dataclasses.fields(kind)]
    elif _is_model(kind):
        names = list(kind.model_fields)  # type: ignore[attr-defined]
    else:
        raise TypeError(f"{kind.__name__} is not a record")
    properties = [
        name
        for name in dir(kind)
        if not name.startswith("_") and _own_property(getattr(kind, name, None))
    ]
    return [*names, *(p for p in properties if p not in names)]


def _is_model(kind: type) -> bool:
    """A model of the plan (models.py): its fields are the YAML's keys."""
    return isinstance(getattr(kind, "model_fields", None), dict)


def _own_property(attribute: object) -> bool:
    """A property this project defines (not pydantic's `model_*` ones)."""
    return isinstance(attribute, property) and getattr(
        attribute.fget, "__module__", ""
    ).startswith("cchc_plan.")


class _Converter:
    def __init__(self) -> None:
        self._seen: dict[int, Any] = {}
        self._kept: list[object] = []  # what a property made stays alive: ids stay unique
        self._fields: dict[type, list[str]] = {}

    def convert(self, value: object) -> Any:
        if isinstance(value, str):
            return str(value)  # a StrEnum becomes its text
        if isinstance(value, SCALARS):
            return value
        if isinstance(value, Deadline):
            return str(value)
        if isinstance(value, Mapping):
            return {self.convert(key): self.convert(item) for key, item in value.items()}
        if isinstance(value, (list, tuple, frozenset, set)):
            return [self.convert(item) for item in value]
        if dataclasses.is_dataclass(value) or _is_model(type(value)):
            done = self._seen.get(id(value))
            if done is None:
                kind = type(value)
                if kind not in self._fields:
                    self._fields[kind] = record_fields(kind)
                done = self._seen[id(value)] = {}
                self._kept.append(value)
                for name in self._fields[kind]:
                    done[name] = self.convert(getattr(value, name))
            return done
        raise TypeError(f"not data: {type(value).__name__}")
