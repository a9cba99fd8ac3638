"""The documents as Markdown, rendered from Jinja templates: the only module that
knows jinja2.

A template receives the report's content (`views/report.py`, documented in the
README) and the words for the codes; every template, the shipped ones and a user's
own, renders in a sandbox with undefined names as errors. Plan text is only ever
data: no string of the plan is rendered as a template.
"""

from __future__ import annotations

import contextlib
import os
import re
import traceback
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import (
    Environment,
    FileSystemLoader,
    StrictUndefined,
    TemplateError,
    TemplateNotFound,
    TemplateSyntaxError,
    UndefinedError,
)
from jinja2.bccache import Bucket, FileSystemBytecodeCache
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

from cchc_plan import cache
from cchc_plan import vietnamese as vn
from cchc_plan.controls import visible
from cchc_plan.documents import bounded
from cchc_plan.documents.data import plain
from cchc_plan.documents.kinds import ReportKind
from cchc_plan.errors import TemplateProblem, TemplateTrouble
from cchc_plan.messages.views import HEALTH_WORDS, METHOD_WORDS, ROLE_WORDS, STATUS_WORDS
from cchc_plan.models import Deadline
from cchc_plan.views.report import ReportContent

SUFFIX = ".md.j2"
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]#+!|~>])")
_LIST_START = re.compile(r"^(\d*)([.)-])(?=\s|$)")


def template_folder() -> Path:
    """Where the shipped templates are: inside the installed package, else the repo's."""
    package = Path(__file__).resolve().parent.parent
    for candidate in (package / "templates", package.parent.parent / "templates"):
        if (candidate / f"{ReportKind.bao_cao}{SUFFIX}").is_file():
            return candidate
    raise TemplateProblem("templates", None, "the shipped templates are missing")


# --- filters ----------------------------------------------------------------------------


def cell(value: object) -> str:
    """Plan text made safe inside a Markdown table cell: one line, nothing special."""
    text = " ".join(str(value if value is not None else "").split())
    text = text.replace("&", "&amp;").replace("<", "&lt;")
    text = _MARKDOWN_SPECIALS.sub(r"\\\1", text)
    # At the start of a line, "1. " or "- " would open a list.
    return _LIST_START.sub(r"\1\\\2", text)


def phrase(value: object) -> str:
    """Plan text set inside a sentence: escaped, without its own closing punctuation."""
    return cell(value).rstrip(" .;:")


def mermaid_label(value: object) -> str:
    """Text for a label inside a Mermaid chart: no quotes, no line breaks."""
    return " ".join(str(value).replace('"', "'").split())


def _deadline(value: Deadline | str, *, inline: bool = False) -> str:
    return vn.deadline(Deadline.parse(value), inline=inline)


FILTERS: dict[str, Callable[..., object]] = {
    "number": vn.number,
    "percent": vn.percent,
    "date": vn.short_date,
    "long_date": vn.long_date,
    "deadline": _deadline,
    "quarter": vn.quarter,
    "count": vn.count,
    "continued": vn.continued,
    "has_year": vn.has_year,
    "days_left": vn.days_left,
    "cell": cell,
    "inline": cell,  # the same escapes serve a paragraph or a list item
    "phrase": phrase,
    "mermaid_label": mermaid_label,
}


# --- rendering ----------------------------------------------------------------------------


# A user's template is stopped past these bounds (the shipped ones are trusted).
RENDER_SECONDS = 20.0
MAX_OUTPUT_MB = 50.0
MAX_MEMORY_MB = 2048.0  # above what the process used when the rendering began
MAX_VALUE = 10_000_000  # characters or items one `*`, `+` or `**` may make


class _BoundedSandbox(SandboxedEnvironment):
    """The sandbox, with `*`, `+` and `**` refusing to make values beyond MAX_VALUE."""

    intercepted_binops = frozenset({"*", "+", "**"})

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and _too_big_power(left, right):
            raise SecurityError("a power too large to compute")
        if operator == "*" and _too_long_repeat(left, right):
            raise SecurityError("a repetition too long to make")
        result = super().call_binop(context, operator, left, right)
        if isinstance(result, (str, list)) and len(result) > MAX_VALUE:
            raise SecurityError("a value too long to make")
        return result


def _too_big_power(base: Any, exponent: Any) -> bool:
    if not isinstance(base, (int, float)) or not isinstance(exponent, (int, float)):
        return False
    return abs(exponent) > 64 and abs(base) > 1


def _too_long_repeat(left: Any, right: Any) -> bool:
    for sequence, count in ((left, right), (right, left)):
        if isinstance(sequence, (str, list)) and isinstance(count, int):
            return len(sequence) * count > MAX_VALUE
    return False


class _KeptLoader(FileSystemLoader):
    """Templates from the search folders, and only from there: a file reached through a
    symbolic link that leads out of them is not found. It notes every file it reads,
    so that `-o` can refuse to write over any of them."""

    def __init__(self, folders: list[Path]) -> None:
        super().__init__([str(f) for f in folders])
        self.roots = [os.path.realpath(f) for f in folders]
        self.read: list[str] = []

    def get_source(
        self, environment: Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        source, filename, uptodate = super().get_source(environment, template)
        real = os.path.realpath(filename)
        if not any(real == root or real.startswith(root + os.sep) for root in self.roots):
            raise TemplateNotFound(template)
        self.read.append(filename)
        return source, filename, uptodate


class _QuietCache(FileSystemBytecodeCache):
    """Jinja's compiled templates kept between runs (compiling the report's templates
    costs more than reading the plan), in cchc's private cache folder (cache.py), or
    else Jinja's own per-user one, which it makes private and checks is the user's. A
    cache that cannot be read or written is no cache: the report is the same, only
    slower. A changed template is compiled again (Jinja compares the source's
    checksum)."""

    def load_bytecode(self, bucket: Bucket) -> None:
        with contextlib.suppress(OSError, ValueError, EOFError):
            super().load_bytecode(bucket)

    def dump_bytecode(self, bucket: Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def _bytecode_cache() -> FileSystemBytecodeCache | None:
    where = cache.folder()
    try:
        return _QuietCache(str(where)) if where is not None else _QuietCache()
    except (OSError, RuntimeError):  # no private temporary folder to be had
        return None


def _environment(folder: Path) -> SandboxedEnvironment:
    env = _BoundedSandbox(
        loader=_KeptLoader([folder, template_folder()]),
        bytecode_cache=_bytecode_cache(),
        undefined=StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(FILTERS)
    return env


def template_data(content: ReportContent) -> dict[str, Any]:
    """What a template receives: the content's fields as plain data (documents/data.py),
    and the words for the codes."""
    data: dict[str, Any] = plain(content)
    data.update(
        status_words=STATUS_WORDS,
        health_words=HEALTH_WORDS,
        role_words=ROLE_WORDS,
        method_words=METHOD_WORDS,
    )
    return data


def render_markdown(
    content: ReportContent,
    *,
    kind: ReportKind = ReportKind.bao_cao,
    template: str | None = None,
    read: list[str] | None = None,
) -> str:
    """The document as Markdown: NFC, no trailing spaces, one trailing newline.

    `template` (a user's own file) replaces the kind's shipped template; it renders
    within bounds of time, memory and size (the shipped ones are trusted). The files
    of the user's templates it read (the template, what it includes or imports) are
    added to `read`.
    """
    if template is not None:
        path = Path(os.path.abspath(template))  # a link keeps its own name
        folder, name = path.parent, path.name
    else:
        folder, name = template_folder(), f"{kind}{SUFFIX}"
    env = _environment(folder)
    source = _Source(env, name, template or name)
    data = template_data(content)
    if template is None:
        return tidy(source.render(data))

    def render() -> dict[str, Any]:
        text = source.render(data, limited=True)
        loader = env.loader
        files = loader.read if isinstance(loader, _KeptLoader) else []
        return {"text": text, "read": [f for f in files if Path(f).parent == folder]}

    answer = bounded.run(render, name, seconds=RENDER_SECONDS, memory_mb=MAX_MEMORY_MB)
    if read is not None:
        read.extend(answer["read"])
    return tidy(str(answer["text"]))


@dataclass(frozen=True, slots=True)
class _Source:
    """A template to render: its environment, its name there, and the name to show
    (the path the user gave)."""

    env: SandboxedEnvironment
    name: str
    shown: str

    def render(self, data: dict[str, Any], *, limited: bool = False) -> str:
        """The template rendered, or TemplateProblem saying where it went wrong."""
        try:
            if not limited:
                return self.env.get_template(self.name).render(data)
            parts: list[str] = []
            size = 0
            for part in self.env.get_template(self.name).generate(data):
                size += len(part)
                if size > MAX_OUTPUT_MB * 1_000_000:
                    raise self.problem(None, trouble="too_large", limit=MAX_OUTPUT_MB)
                parts.append(part)
            return "".join(parts)
        except TemplateSyntaxError as error:
            where = self.named(error.filename or self.name), error.lineno
            raise TemplateProblem(*where, error.message or "", trouble="syntax") from None
        except TemplateNotFound as error:
            raise TemplateProblem(str(error.name), None, "", trouble="not_found") from None
        except UndefinedError as error:
            raise self.problem(error, str(error), trouble="undefined") from None
        except SecurityError as error:
            raise self.problem(error, str(error), trouble="refused") from None
        except TemplateError as error:
            raise self.problem(error, str(error)) from None
        except UnicodeDecodeError as error:
            line = error.object[: error.start].count(b"\n") + 1
            detail = f"byte 0x{error.object[error.start]:02x}"
            raise TemplateProblem(self.shown, line, detail, trouble="not_utf8") from None
        except RecursionError as error:
            raise self.problem(error, trouble="recursion") from None
        except MemoryError as error:
            raise self.problem(error, trouble="memory") from None
        except bounded.Timeout as error:
            raise self.problem(error, trouble="timeout", limit=RENDER_SECONDS) from None
        except Exception as error:
            if not limited:
                raise  # a shipped template's failure is a bug
            # A user's template dividing by zero or giving a filter the wrong value is
            # the template's mistake, named at its line.
            raise self.problem(
                error, f"{type(error).__name__}: {error}", trouble="failed"
            ) from None

    def problem(
        self,
        error: BaseException | None,
        detail: str = "",
        *,
        trouble: TemplateTrouble | None = None,
        limit: float = 0,
    ) -> TemplateProblem:
        """What went wrong, at the template and line of the error's innermost template
        frame (jinja2 puts template frames in the traceback under their file names)."""
        name, line = self.shown, None
        if error is not None:
            for frame in reversed(traceback.extract_tb(error.__traceback__)):
                if frame.filename.endswith(".j2") or frame.filename.endswith(self.name):
                    name, line = self.named(frame.filename), frame.lineno
                    break
        return TemplateProblem(name, line, detail, trouble=trouble, limit=limit)

    def named(self, filename: str) -> str:
        """A template file as the user knows it: the main one by the path given."""
        if filename == self.name or Path(filename).name == self.name:
            return self.shown
        return filename


def tidy(text: str) -> str:
    """Deterministic Markdown: NFC, no trailing spaces, at most one blank line in a row,
    exactly one newline at the end; no byte-order mark, and any control character a
    template wrote shown as an escape (plan text has none: the reader refuses them)."""
    text = visible(unicodedata.normalize("NFC", text).replace("\ufeff", ""))
    lines = [line.rstrip() for line in text.split("\n")]
    tidied: list[str] = []
    for line in lines:
        if line == "" and (not tidied or tidied[-1] == ""):
            continue
        tidied.append(line)
    return "\n".join(tidied).strip("\n") + "\n"
