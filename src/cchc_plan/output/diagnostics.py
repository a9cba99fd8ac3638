"""Views of diagnostics: text for people, JSON for programs, GitHub annotations for CI.

Text and GitHub annotations are written a file at a time (`STREAMED`), then the
summary; JSON is one document of all the verdicts. None of them prints.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from cchc_plan.controls import json_visible, visible
from cchc_plan.diagnostics import Diagnostic
from cchc_plan.messages.diagnostics import SEVERITY_WORDS, describe, summary_line
from cchc_plan.reading.validation import Verdict

JSON_FORMAT_VERSION = 1
# An excerpt shows at most this many columns of its line ("…" included), of which at
# most EXCERPT_BEFORE before the caret: a plan written on one line is not quoted whole.
EXCERPT_WIDTH = 100
EXCERPT_BEFORE = 40


def _source_line(text: str, line: int) -> str | None:
    if line <= 0 or not text:
        return None
    lines = text.split("\n", line)
    if line > len(lines):
        return None
    return lines[line - 1].rstrip("\r")


def _shown(char: str) -> str:
    """A character of the source as the excerpt shows it: control and invisible
    characters as a visible escape (\\x1b), never raw; a tab stays a tab."""
    return visible(char)


def _width(shown: str) -> int:
    """Columns a shown character takes: none for a combining mark, two for a wide one."""
    if len(shown) != 1:
        return len(shown)
    if unicodedata.combining(shown) or unicodedata.category(shown) in {"Mn", "Me"}:
        return 0
    return 2 if unicodedata.east_asian_width(shown) in {"W", "F"} else 1


def _excerpt(source: str, column: int) -> tuple[str, str]:
    """The source line as shown, and a caret line with the caret under `column`.

    A long line is cut to a window around the column, with "…" on each cut side;
    only the window's characters are looked at, however long the line.
    """
    caret = min(max(column - 1, 0), len(source))
    start, end = 0, len(source)
    if len(source) > EXCERPT_WIDTH:
        start, end = _window(source, caret)
    shown = [_shown(char) for char in source[start:end]]
    # Tabs stay tabs under tabs, so the caret lines up in any terminal.
    prefix = "".join(
        "\t" if piece == "\t" else " " * _width(piece) for piece in shown[: caret - start]
    )
    before, after = ("…" if start else ""), ("…" if end < len(source) else "")
    return before + "".join(shown) + after, " " * len(before) + prefix + "^"


def _window(source: str, caret: int) -> tuple[int, int]:
    """The slice of a long line an excerpt shows: up to EXCERPT_BEFORE columns before
    the caret, then as many as fit, keeping a column for each "…"."""

    def width(index: int) -> int:
        return _width(_shown(source[index]))

    start, used = caret, 0
    while start > 0 and used + width(start - 1) <= EXCERPT_BEFORE - 1:
        start -= 1
        used += width(start)
    room = EXCERPT_WIDTH - used - (1 if start else 0)
    end = caret
    while end < len(source):
        last = end + 1 == len(source)
        if width(end) > room - (0 if last else 1):
            break
        room -= width(end)
        end += 1
    return start, end


def _text_diagnostic(diag: Diagnostic, lang: str, source_text: str) -> str:
    place = f"{diag.file}:{diag.line}:{diag.column}" if diag.line else diag.file
    severity = SEVERITY_WORDS["en" if lang == "en" else "vi"][diag.severity.value]
    message = f"{place}: {severity} {diag.code}: {describe(diag, lang)}"
    lines = [visible(message, breaks=True)]
    source = _source_line(source_text, diag.line)
    if source is not None:
        shown, caret = _excerpt(source, diag.column)
        gutter = f"{diag.line} | "
        lines.append(gutter + shown)
        lines.append(" " * (len(gutter) - 2) + "| " + caret)
    return "\n".join(lines)


@dataclass
class Tally:
    """What the summary counts, added up one verdict at a time."""

    files: int = 0
    invalid: int = 0
    errors: int = 0
    warnings: int = 0

    def add(self, verdict: Verdict) -> None:
        self.files += 1
        self.invalid += 1 if verdict.errors else 0
        self.errors += verdict.errors
        self.warnings += verdict.warnings

    @classmethod
    def of(cls, verdicts: Sequence[Verdict]) -> Tally:
        tally = cls()
        for verdict in verdicts:
            tally.add(verdict)
        return tally


def summary(verdicts: Sequence[Verdict] | Tally, lang: str) -> str:
    """One line: how many files, how many invalid, errors and warnings (of the verdicts,
    or as a tally kept while they were written)."""
    tally = verdicts if isinstance(verdicts, Tally) else Tally.of(verdicts)
    return summary_line(
        lang,
        files=tally.files,
        invalid=tally.invalid,
        errors=tally.errors,
        warnings=tally.warnings,
    )


def text_lines(verdict: Verdict, lang: str) -> str:
    """One file's diagnostics in the text format, each line ending in a newline."""
    return "".join(
        _text_diagnostic(diag, lang, verdict.text) + "\n" for diag in verdict.diagnostics
    )


def render_json(verdicts: Sequence[Verdict], lang: str) -> str:
    """A stable document: {"version", "files": [...], "diagnostics": [...]}."""
    import json  # noqa: PLC0415 (only this format needs it)

    document = {
        "version": JSON_FORMAT_VERSION,
        "files": [
            {
                "file": v.name,
                "valid": v.errors == 0,
                "errors": v.errors,
                "warnings": v.warnings,
            }
            for v in verdicts
        ],
        "diagnostics": [
            {
                "file": d.file,
                "line": d.line,
                "column": d.column,
                "code": d.code,
                "severity": d.severity.value,
                "message": describe(d, lang),
            }
            for v in verdicts
            for d in v.diagnostics
        ],
    }
    return json_visible(json.dumps(document, ensure_ascii=False, indent=2)) + "\n"


def _escape_property(value: str) -> str:
    return (
        value.replace("%", "%25")
        .replace("\r", "%0D")
        .replace("\n", "%0A")
        .replace(":", "%3A")
        .replace(",", "%2C")
    )


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def github_lines(verdict: Verdict, lang: str) -> str:
    """One file's diagnostics as GitHub Actions workflow commands, one a line."""
    lines = []
    for d in verdict.diagnostics:
        props = [f"file={_escape_property(visible(d.file, breaks=True))}"]
        if d.line:
            props += [f"line={d.line}", f"col={d.column}"]
        props.append(f"title={d.code}")
        message = _escape_data(visible(describe(d, lang), breaks=True))
        lines.append(f"::{d.severity.value} {','.join(props)}::{message}\n")
    return "".join(lines)


# The formats that can be written a file at a time: each file's lines, then the summary.
# (JSON is one document, written once every file is judged.)
STREAMED: dict[str, Callable[[Verdict, str], str]] = {
    "text": text_lines,
    "github": github_lines,
}
