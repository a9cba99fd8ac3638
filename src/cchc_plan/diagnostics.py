"""Diagnostics are data: a code, a place, and the values its message needs."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Literal

from cchc_plan.messages.diagnostics import CATALOGUE

Path = tuple[str | int, ...]


class Severity(StrEnum):
    """How bad a diagnostic is: errors make a plan invalid, warnings do not."""

    error = "error"
    warning = "warning"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem found in one file.

    `path` locates it in the data (("tasks", 3, "deadline")); the loader turns the
    path into a line and column only when a diagnostic needs one. `related` is a
    second place the message mentions (the first of two duplicate ids).
    """

    code: str
    params: Mapping[str, object] = field(default_factory=dict)
    path: Path = ()
    at: Literal["key", "value"] = "value"
    related: Path | None = None
    file: str = ""
    line: int = 0
    column: int = 0

    @property
    def severity(self) -> Severity:
        return Severity(CATALOGUE[self.code].severity)

    def located(self, file: str, line: int, column: int, **params: object) -> Diagnostic:
        """The same diagnostic at a known place, with any values found there."""
        return replace(self, file=file, line=line, column=column, params={**self.params, **params})

    def message(self, lang: str = "vi") -> str:
        """The message in the given language ("vi" or "en")."""
        return CATALOGUE[self.code].render(lang, self.params)

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.line, self.column, self.code)


def diagnostic(
    code: str,
    path: Path = (),
    /,
    *,
    at: Literal["key", "value"] = "value",
    related: Path | None = None,
    **params: object,
) -> Diagnostic:
    """A diagnostic whose place is still a path in the data."""
    return Diagnostic(code=code, params=params, path=path, at=at, related=related)
