"""The documents as Markdown, rendered from Jinja templates: the only module that
knows jinja2.

A template receives the report's content (`views/report.py`, documented in the
README) and the words for the codes; every template, the shipped ones and a user's
own, renders in a sandbox with undefined names as errors. Plan text is only ever
data: no string of the plan is rendered as a template.
"""

from __future__ import annotations

import re
import traceback
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jinja2 import (
    FileSystemLoader,
    StrictUndefined,
    TemplateError,
    TemplateNotFound,
    TemplateSyntaxError,
)
from jinja2.sandbox import SandboxedEnvironment

from cchc_plan import vietnamese as vn
from cchc_plan.documents.data import plain
from cchc_plan.documents.kinds import ReportKind
from cchc_plan.errors import TemplateProblem
from cchc_plan.messages.views import HEALTH_WORDS, METHOD_WORDS, ROLE_WORDS, STATUS_WORDS
from cchc_plan.models import Deadline
from cchc_plan.views.report import ReportContent

SUFFIX = ".md.j2"
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]#+!|~>])")


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
    return _MARKDOWN_SPECIALS.sub(r"\\\1", text)


def phrase(value: object) -> str:
    """Plan text set inside a sentence: escaped, without its own closing punctuation."""
    return cell(value).rstrip(" .;:")


def mermaid_label(value: object) -> str:
    """Text for a label inside a Mermaid chart: no quotes, no line breaks."""
    return " ".join(str(value).replace('"', "'").split())


def _deadline(value: Deadline | str) -> str:
    return vn.deadline(Deadline.parse(value))


FILTERS: dict[str, Callable[..., str]] = {
    "number": vn.number,
    "percent": vn.percent,
    "date": vn.short_date,
    "long_date": vn.long_date,
    "deadline": _deadline,
    "quarter": vn.quarter,
    "days_left": vn.days_left,
    "cell": cell,
    "inline": cell,  # the same escapes serve a paragraph or a list item
    "phrase": phrase,
    "mermaid_label": mermaid_label,
}


# --- rendering ----------------------------------------------------------------------------


def _environment(folder: Path) -> SandboxedEnvironment:
    env = SandboxedEnvironment(
        loader=FileSystemLoader([str(folder), str(template_folder())]),
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
    content: ReportContent, *, kind: ReportKind = ReportKind.bao_cao, template: str | None = None
) -> str:
    """The document as Markdown: NFC, no trailing spaces, one trailing newline.

    `template` (a user's own file) replaces the kind's shipped template.
    """
    if template is not None:
        path = Path(template)
        folder, name = path.resolve().parent, path.name
    else:
        folder, name = template_folder(), f"{kind}{SUFFIX}"
    env = _environment(folder)
    try:
        text = env.get_template(name).render(template_data(content))
    except TemplateSyntaxError as error:
        raise TemplateProblem(error.filename or name, error.lineno, error.message or "") from None
    except TemplateNotFound as error:
        raise TemplateProblem(str(error.name), None, "template not found") from None
    except TemplateError as error:
        raise TemplateProblem(*_where(error, name), str(error)) from None
    return tidy(text)


def _where(error: BaseException, name: str) -> tuple[str, int | None]:
    """The template and line a rendering error happened at (jinja2 puts template
    frames in the traceback under the template's file name)."""
    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        if frame.filename.endswith(".j2") or frame.filename.endswith(name):
            return frame.filename, frame.lineno
    return name, None


def tidy(text: str) -> str:
    """Deterministic Markdown: NFC, no trailing spaces, at most one blank line in a row,
    exactly one newline at the end."""
    lines = [line.rstrip() for line in unicodedata.normalize("NFC", text).split("\n")]
    tidied: list[str] = []
    for line in lines:
        if line == "" and (not tidied or tidied[-1] == ""):
            continue
        tidied.append(line)
    return "\n".join(tidied).strip("\n") + "\n"
