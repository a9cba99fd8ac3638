"""The leadership report: Markdown rendered from Jinja templates. The only module
that knows jinja2.

The data a template receives is `report_context`'s dictionary (documented in the
README); every template, the shipped ones and a user's own, renders in a sandbox
with undefined names as errors. Plan text is only ever data: no string of the plan is
rendered as a template.
"""

from __future__ import annotations

import re
import traceback
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
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
from cchc_plan.checks import serves, walk_criteria
from cchc_plan.messages.diagnostics import HEALTH_WORDS, METHOD_WORDS, ROLE_WORDS, STATUS_WORDS
from cchc_plan.models import Criterion, Deadline, Difficulty, Plan, Task, Unit
from cchc_plan.output.records import flat_gaps
from cchc_plan.views import tasks as analysis
from cchc_plan.views.tasks import Gap, TaskState

KINDS = {"bao-cao": "bao-cao.md.j2", "phu-luc": "phu-luc.md.j2", "don-vi": "don-vi.md.j2"}
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]#+!|~>])")


class TemplateProblem(Exception):
    """A template that cannot be read or rendered, with where the problem is."""

    def __init__(self, name: str, line: int | None, message: str) -> None:
        super().__init__(f"{name}:{line or 0}: {message}")
        self.name = name
        self.line = line
        self.message = message


def template_folder() -> Path:
    """Where the shipped templates are: inside the installed package, else the repo's."""
    package = Path(__file__).resolve().parent.parent
    for candidate in (package / "templates", package.parent.parent / "templates"):
        if (candidate / KINDS["bao-cao"]).is_file():
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


def _deadline(value: Deadline) -> str:
    return vn.deadline(value)


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


# --- the data -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OpenDifficulty:
    """A difficulty still waiting for the leadership's decision."""

    state: TaskState
    difficulty: Difficulty
    unit: Unit


@dataclass(frozen=True, slots=True)
class Urge:
    """A unit to urge, and on which tasks."""

    unit: Unit
    late: tuple[TaskState, ...]
    at_risk: tuple[TaskState, ...]
    stale: tuple[TaskState, ...]


@dataclass(frozen=True, slots=True)
class AppendixRow:
    """A row of the plan's appendix: a criterion that lost points and its tasks."""

    number: int
    gap: Gap  # its points: maximum, appraised, lost, method, and any reason not served
    criterion: Criterion  # its shortcomings and causes
    tasks: tuple[Task, ...]  # the tasks that serve it (itself, above or below)


def _finished_since(states: list[TaskState], since: date | None, as_of: date) -> list[TaskState]:
    if since is None:
        return []
    finished = []
    for state in states:
        if state.task.status != "done":
            continue
        reached = [e.date for e in state.task.progress if e.percent >= 100 and e.date <= as_of]
        if reached and min(reached) > since:
            finished.append(state)
    return finished


def _appendix(plan: Plan, gap_report: analysis.GapReport) -> list[AppendixRow]:
    criteria = {n.criterion.code: n.criterion for n in walk_criteria(plan)}
    rows = []
    deepest = [g for g in flat_gaps(gap_report.gaps) if not g.children]
    deepest.sort(key=lambda g: [int(part) for part in g.code.split(".")])
    for number, gap in enumerate(deepest, start=1):
        tasks = tuple(t for t in plan.tasks if any(serves(c, gap.code) for c in t.criteria))
        rows.append(AppendixRow(number, gap, criteria[gap.code], tasks))
    return rows


def report_context(
    plan: Plan, *, as_of: date, since: date | None = None, unit: Unit | None = None
) -> dict[str, Any]:
    """Everything a template may use. The README lists each name and what it holds."""
    units = {u.id: u for u in plan.units}
    gap_report = analysis.find_gaps(plan, as_of)
    progress = analysis.measure_progress(plan, as_of)
    states = list(progress.states)
    difficulties = [
        OpenDifficulty(state, difficulty, units[difficulty.raised_by])
        for state in states
        for difficulty in state.open_difficulties
    ]
    urge = []
    for each in plan.units:
        led = [s for s in states if s.task.lead == each.id]
        late = tuple(s for s in led if s.late)
        at_risk = tuple(s for s in led if s.health == "at_risk")
        stale = tuple(s for s in led if s.stale and not s.late and s.health != "at_risk")
        if late or at_risk or stale:
            urge.append(Urge(each, late, at_risk, stale))
    unit_rows = analysis.status_rows(plan, as_of, unit=unit) if unit is not None else []
    return {
        "plan": plan,
        "as_of": as_of,
        "since": since,
        "units": units,
        "gaps": gap_report,
        "progress": progress,
        "score": progress.projection,
        "finished": _finished_since(states, since, as_of),
        "difficulties": difficulties,
        "urge": urge,
        "appendix": _appendix(plan, gap_report),
        "unit": unit,
        "unit_rows": unit_rows,
        "status_words": STATUS_WORDS,
        "health_words": HEALTH_WORDS,
        "role_words": ROLE_WORDS,
        "method_words": METHOD_WORDS,
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


def render_report(
    plan: Plan,
    *,
    kind: str = "bao-cao",
    as_of: date,
    since: date | None = None,
    unit: Unit | None = None,
    template: str | None = None,
) -> str:
    """The report as Markdown: NFC, no trailing spaces, one trailing newline."""
    if template is not None:
        path = Path(template)
        folder, name = path.resolve().parent, path.name
    else:
        folder, name = template_folder(), KINDS[kind]
    env = _environment(folder)
    context = report_context(plan, as_of=as_of, since=since, unit=unit)
    try:
        text = env.get_template(name).render(context)
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
