"""Diagnostics are data: a code, its severity, a place, and the values its message needs.

Their wording is `messages/diagnostics.py`'s; nothing here says anything to a user.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Literal

Path = tuple[str | int, ...]

# The codes whose problems leave a plan valid; every other code is an error.
WARNINGS = frozenset({"CCHC018", "CCHC025", "CCHC209", "CCHC219", "CCHC221", "CCHC222"})


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
        return Severity.warning if self.code in WARNINGS else Severity.error

    def located(self, file: str, line: int, column: int, **params: object) -> Diagnostic:
        """The same diagnostic at a known place, with any values found there."""
        return replace(self, file=file, line=line, column=column, params={**self.params, **params})

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


def suggest(ref: str, known: Iterable[str]) -> str | None:
    """The known name closest to a misspelt one, for "did you mean"."""
    import difflib  # noqa: PLC0415 (only a misspelling needs it)

    close = difflib.get_close_matches(ref, list(known), n=1, cutoff=0.6)
    return close[0] if close else None
