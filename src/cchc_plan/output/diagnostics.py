"""Views of diagnostics: text for people, JSON for programs, GitHub annotations for CI.

Every format is a function from verdicts to text; none of them prints.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from cchc_plan.diagnostics import Diagnostic
from cchc_plan.messages.diagnostics import SUMMARY, describe
from cchc_plan.reading.validation import Verdict

JSON_FORMAT_VERSION = 1


_PICTURES = {code: 0x2400 + code for code in range(32) if code != 9} | {127: 0x2421}


def _source_line(text: str, line: int) -> str | None:
    if line <= 0 or not text:
        return None
    lines = text.split("\n", line)
    if line > len(lines):
        return None
    # Control characters are shown as their visible pictures (U+2400…), never sent raw.
    return lines[line - 1].rstrip("\r").translate(_PICTURES)


def _caret_line(source: str, column: int) -> str:
    # Keep tabs as tabs so the caret lines up under the column in any terminal.
    prefix = "".join("\t" if c == "\t" else " " for c in source[: max(column - 1, 0)])
    return prefix + "^"


def _text_diagnostic(diag: Diagnostic, lang: str, source_text: str) -> str:
    place = f"{diag.file}:{diag.line}:{diag.column}" if diag.line else diag.file
    severity = diag.severity.value
    lines = [f"{place}: {severity} {diag.code}: {describe(diag, lang)}"]
    source = _source_line(source_text, diag.line)
    if source is not None:
        gutter = f"{diag.line} | "
        lines.append(gutter + source)
        lines.append(" " * (len(gutter) - 2) + "| " + _caret_line(source, diag.column))
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
    key = "en" if lang == "en" else "vi"
    return SUMMARY[key].format(
        files=tally.files, invalid=tally.invalid, errors=tally.errors, warnings=tally.warnings
    )


def text_lines(verdict: Verdict, lang: str) -> str:
    """One file's diagnostics in the text format, each line ending in a newline."""
    return "".join(
        _text_diagnostic(diag, lang, verdict.text) + "\n" for diag in verdict.diagnostics
    )


def render_text(verdicts: Sequence[Verdict], lang: str) -> str:
    """`path:line:col: error CODE: message`, the line, a caret; then a summary."""
    return "".join(text_lines(v, lang) for v in verdicts) + summary(verdicts, lang) + "\n"


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
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


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
        props = [f"file={_escape_property(d.file)}"]
        if d.line:
            props += [f"line={d.line}", f"col={d.column}"]
        props.append(f"title={d.code}")
        message = _escape_data(describe(d, lang))
        lines.append(f"::{d.severity.value} {','.join(props)}::{message}\n")
    return "".join(lines)


def render_github(verdicts: Sequence[Verdict], lang: str) -> str:
    """GitHub Actions workflow commands, one annotation per diagnostic."""
    return "".join(github_lines(v, lang) for v in verdicts) + summary(verdicts, lang) + "\n"


RENDERERS: dict[str, Callable[[Sequence[Verdict], str], str]] = {
    "text": render_text,
    "json": render_json,
    "github": render_github,
}

# The formats that can be written a file at a time: each file's lines, then the summary.
# (JSON is one document, written once every file is judged.)
STREAMED: dict[str, Callable[[Verdict, str], str]] = {
    "text": text_lines,
    "github": github_lines,
}
