"""The report's content: everything a document says, built from the views.

One content model for every document writer: the Markdown templates read it, and so
will the Word writer. No wording here; that is the templates' and the catalogue's.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from cchc_plan import vietnamese as vn
from cchc_plan.criteria import CriteriaTree, Service, code_key
from cchc_plan.models import Criterion, Difficulty, Plan, Signer, Task, Unit
from cchc_plan.views.body import BodyFacts, body_facts
from cchc_plan.views.gaps import Gap, GapReport, find_gaps, flat_gaps
from cchc_plan.views.progress import ProgressReport, measure_progress
from cchc_plan.views.score import Projection
from cchc_plan.views.tasks import StatusRow, TaskState, status_rows


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
    stale: tuple[TaskState, ...]  # stale, neither late nor at risk


@dataclass(frozen=True, slots=True)
class AppendixRow:
    """A row of the plan's appendix: a criterion that lost points and its tasks."""

    number: int  # from 1 across the appendix
    field: str  # the code of its field (the criterion's first level): "8"
    number_in_field: int  # from 1 within its field
    gap: Gap  # its points: maximum, appraised, lost, method, and any reason not served
    criterion: Criterion  # its shortcomings and causes
    tasks: tuple[Task, ...]  # the tasks that serve it (itself, above or below)
    states: tuple[TaskState, ...]  # the same tasks as they stand on the as-of date


TO_HEAD = "lanh-dao"  # the office's report to the body's head
UPWARD = "cap-tren"  # the body's report to the province


@dataclass(frozen=True, slots=True)
class Sender:
    """Who writes a progress report to whom, and what it may name.

    To the head (`lanh-dao`): the office writes, under the body's name and its own,
    to the head, signed by its chief; it names units and officials and proposes the
    head's decisions. To the province (`cap-tren`): the body writes to whom the plan
    names (by default the province's Sở Nội vụ), signed by the plan's signer; it grades
    no unit and names no official.
    """

    audience: str  # "lanh-dao" or "cap-tren"
    header_parent: str  # the header's first line: "Sở Kế hoạch và Đầu tư", "UBND tỉnh …"
    header_body: str  # its second, bold: "Văn phòng", "Sở Kế hoạch và Đầu tư"
    number_mark: str  # after "Số: …/": "BC-VP", "BC-SKHĐT", "BC"
    addressee: str  # "Kính gửi": "Giám đốc Sở Kế hoạch và Đầu tư", "Sở Nội vụ tỉnh …"
    writer: str  # who speaks in the text: "Văn phòng Sở", "Sở Kế hoạch và Đầu tư"
    reader: str  # whom the closing reports to: "Giám đốc Sở", "Sở Nội vụ tỉnh …"
    relay: str | None  # whom the reader reports on to (upward only): "Ủy ban nhân dân …"
    recipients: tuple[str, ...]  # "Nơi nhận" after "Như trên", before "Lưu"
    archive: str  # the "Lưu" line: "VT, VP"
    signer_authority: str | None  # "KT. GIÁM ĐỐC"
    signer_title: str  # "Chánh Văn phòng", "Phó Giám đốc"
    signer_name: str | None
    names_people: bool  # officials may be named
    grades_units: bool  # units may be listed with their results


@dataclass(frozen=True, slots=True)
class Told:
    """A task as the report tells it: where it stands, what its log says last, and the
    documents that show it."""

    state: TaskState
    lead: Unit
    lead_name: str  # as running text names it ("Văn phòng Sở" for a unit named "Văn phòng")
    what: str  # the task's description inside a sentence (vietnamese.continued)
    note: str | None  # the last note on or before the as-of date, as written
    noted_on: date | None  # its date
    note_is_old: bool  # written longer ago than a task may go without an update
    clause: str | None  # the same, to follow a colon (vietnamese.continued)
    evidence: tuple[str, ...]  # the task's evidence and its entries' up to the as-of date
    waits_for: str | None  # per the note: "head" (a signature, a decision) or "province"
    submitted_on: date | None  # the first entry saying it was submitted ("Đã trình …")


@dataclass(frozen=True, slots=True)
class UnitWork:
    """Some tasks a unit leads (due in the next period, or late)."""

    unit: Unit
    name: str  # as running text names it
    tasks: tuple[Told, ...]


@dataclass(frozen=True, slots=True)
class Raised:
    """A difficulty raised on a task, split into what stands in the way and the ask."""

    state: TaskState
    unit: Unit
    unit_name: str  # as running text names it
    raised_on: date
    said: str  # as raised, word for word
    text: str  # as raised, to follow a colon (vietnamese.continued)
    cause: str  # what stands in the way, to follow a colon ("" when it only asks)
    ask: str | None  # what it asks for: "đề nghị Lãnh đạo Sở cho sử dụng …"
    open: bool


@dataclass(frozen=True, slots=True)
class Narrative:
    """The report's story, from the progress log: what was done, what is under way,
    what is late and why, what comes next and what the addressee must decide."""

    done: tuple[Told, ...]
    under_way: tuple[Told, ...]
    not_started: tuple[Told, ...]
    cancelled: tuple[Told, ...]
    late: tuple[Told, ...]
    planned: int  # the tasks the plan set, cancelled ones too
    overdue_not_started: int  # of the tasks not started, those past their deadline
    overdue_under_way: int  # of the tasks under way, those past their deadline
    stale: tuple[Told, ...]
    stale_under_way: tuple[Told, ...]  # under way, stale, waiting on no one, not the
    # office's own (the office reports to the head; it does not chase itself)
    leading_units: int  # units that lead at least one task
    next_until: date  # the end of the next period (the quarter three months on)
    next_work: tuple[UnitWork, ...]  # open tasks due by then, or not started, by lead unit
    ongoing: tuple[Told, ...]  # open tasks with no deadline but "thường xuyên"
    awaiting_head: tuple[Told, ...]  # open work whose last note waits for the head
    awaiting_province: tuple[Told, ...]  # open work whose last note waits for the province
    late_units: tuple[UnitWork, ...]  # late tasks not waiting on anyone, by lead unit
    difficulties: tuple[Raised, ...]  # raised up to the as-of date, on open tasks
    reasons: tuple[str, ...]  # objective causes: late tasks' notes that say why, and
    # the open difficulties' causes, to follow a colon
    later_period: bool  # a report past the year after the assessed one
    in_reach: float  # the points the open tasks due by the end of the next assessed year
    # (the assessed one + 1), and the ongoing ones, may recover


@dataclass(frozen=True, slots=True)
class ReportContent:
    """What a report, its appendix or a unit's sheet says, as of a date.

    The fields are the names a template receives (the README lists each).
    """

    plan: Plan
    body: BodyFacts
    sender: Sender
    story: Narrative
    as_of: date
    dated: date  # the place-and-date line's: the day it is signed, else the as-of date
    since: date | None
    units: dict[str, Unit]
    gaps: GapReport
    progress: ProgressReport
    score: Projection
    finished: tuple[TaskState, ...]  # finished after `since`
    difficulties: tuple[OpenDifficulty, ...]
    urge: tuple[Urge, ...]
    appendix: tuple[AppendixRow, ...]
    unit: Unit | None
    unit_rows: tuple[StatusRow, ...]
    unit_names: dict[str, str]  # units' names as running text writes them, by id
    lost: dict[str, float]  # points lost by criterion code, for every criterion that lost
    with_report: bool  # the appendix goes with a report (`--to` given): it cites the
    # report and shows each task's progress


def report_content(
    plan: Plan,
    *,
    as_of: date,
    since: date | None = None,
    unit: Unit | None = None,
    audience: str = TO_HEAD,
    dated: date | None = None,
    with_report: bool = False,
) -> ReportContent:
    """Everything a document may say about the plan on `as_of`, to `audience`."""
    units = {u.id: u for u in plan.units}
    gap_report = find_gaps(plan, as_of)
    progress = measure_progress(plan, as_of)
    body = body_facts(plan)
    named = {u.id: vn.with_kind(u.name, body.kind) for u in plan.units}
    return ReportContent(
        plan=plan,
        body=body,
        sender=sender(plan, body, audience),
        story=narrative(plan, progress, as_of, body, named),
        as_of=as_of,
        dated=dated or as_of,
        since=since,
        units=units,
        gaps=gap_report,
        progress=progress,
        score=progress.projection,
        finished=_finished_since(progress.states, since, as_of),
        difficulties=tuple(
            OpenDifficulty(state, difficulty, units[difficulty.raised_by])
            for state in progress.states
            for difficulty in state.open_difficulties
        ),
        urge=_urge(plan, progress),
        appendix=_appendix(plan, gap_report, {s.task.id: s for s in progress.states}),
        unit=unit,
        unit_rows=tuple(status_rows(plan, as_of, unit=unit)) if unit is not None else (),
        unit_names=named,
        lost={gap.code: gap.lost for gap in flat_gaps(gap_report.gaps)},
        with_report=with_report,
    )


def sender(plan: Plan, body: BodyFacts, audience: str) -> Sender:
    """Who writes to whom (`TO_HEAD` or `UPWARD`): from the plan's `reporting`, else
    from what the plan says."""
    if audience == UPWARD or body.office is None:
        return _upward(plan, body, audience)
    office = body.office
    chief = office.head
    return Sender(
        audience=audience,
        header_parent=body.name,
        header_body=vn.without_kind(office.name, body.kind),
        number_mark="BC-VP" if vn.is_van_phong(office.name) else "BC",
        addressee=vn.head_of(body.head_title, body.name),
        writer=body.reporter,
        reader=body.head,
        relay=None,
        recipients=tuple(plan.reporting.recipients)
        or (vn.deputies(body.head_title, body.kind), vn.units_of(body.kind)),
        archive=body.archive,
        signer_authority=None,
        signer_title=(chief.title if chief and chief.title else vn.chief_title(office.name)),
        signer_name=chief.name if chief else None,
        names_people=True,
        grades_units=True,
    )


def _upward(plan: Plan, body: BodyFacts, audience: str) -> Sender:
    """The body's own report: to the province, or to its head when it has no office."""
    upward = plan.reporting.upward
    parent = plan.document.parent
    signer = upward.signer or plan.document.signer or Signer(title=body.head_title)
    mark = f"BC-{body.abbreviation}" if body.abbreviation else "BC"
    if audience == TO_HEAD:  # no office: the body writes to its own head
        to, reader, relay = vn.head_of(body.head_title, body.name), body.head_title, None
        recipients = tuple(plan.reporting.recipients) or (vn.units_of(body.kind),)
    else:
        to = upward.to or vn.home_affairs(parent.name)
        reader = to
        is_parent = vn.fold(to) in {vn.fold(parent.name), vn.fold(parent.short_name)}
        relay = None if is_parent else parent.name
        heads = (
            vn.head_and_deputies(body.head_title, body.kind)
            if signer.authority  # a deputy signs for the head
            else vn.deputies(body.head_title, body.kind)
        )
        recipients = tuple(upward.recipients) or (
            *((vn.for_information(parent.short_name),) if relay else ()),
            heads,
            vn.units_of(body.kind),
        )
    return Sender(
        audience=audience,
        header_parent=parent.short_name,
        header_body=body.name,
        number_mark=mark,
        addressee=to,
        writer=body.name,
        reader=reader,
        relay=relay,
        recipients=recipients,
        archive=body.archive,
        signer_authority=signer.authority,
        signer_title=signer.title,
        signer_name=signer.name,
        names_people=audience == TO_HEAD,
        grades_units=audience == TO_HEAD,
    )


def narrative(
    plan: Plan, progress: ProgressReport, as_of: date, body: BodyFacts, named: dict[str, str]
) -> Narrative:
    """The report's story on `as_of`, told from the plan's log (`named`: the units'
    names as running text writes them, by id)."""
    units = {u.id: u for u in plan.units}
    parent = plan.document.parent
    names = [plan.document.issuer.name, parent.name, parent.short_name]
    names += [n for u in plan.units for n in (u.name, *u.aliases)]
    waits = {
        "head": (body.head_title, body.leadership, body.head),
        "province": (parent.name, parent.short_name, *vn.PROVINCE_WORDS),
    }
    told = {
        s.task.id: _told(
            s,
            units[s.task.lead],
            named[s.task.lead],
            as_of=as_of,
            old_after=progress.stale_days,
            names=names,
            waits=waits,
        )
        for s in progress.states
    }
    by_status: dict[str, list[Told]] = {}
    for state in progress.states:
        by_status.setdefault(state.task.status, []).append(told[state.task.id])
    until = _quarter_end(_months_on(as_of, 3))
    open_ = [t for t in told.values() if t.state.task.status in ("not_started", "in_progress")]
    ongoing = [t for t in open_ if t.state.task.deadline.kind == "ongoing"]
    coming = [
        t
        for t in open_
        if t.state.task.deadline.kind != "ongoing"
        and (t.state.due <= until or t.state.task.status == "not_started")
    ]
    late = [told[s.task.id] for s in progress.late]
    raised = tuple(
        _raised(state, units[d.raised_by], named[d.raised_by], d, names)
        for state in progress.states
        if state.task.status in ("not_started", "in_progress")
        for d in state.task.difficulties
        if d.raised_on <= as_of
    )
    held = {r.state.task.id for r in raised if r.open}  # waiting for a decision
    return Narrative(
        done=tuple(by_status.get("done", ())),
        under_way=tuple(by_status.get("in_progress", ())),
        not_started=tuple(by_status.get("not_started", ())),
        cancelled=tuple(by_status.get("cancelled", ())),
        late=tuple(late),
        planned=len(plan.tasks),
        overdue_not_started=sum(1 for t in by_status.get("not_started", ()) if t.state.late),
        overdue_under_way=sum(1 for t in by_status.get("in_progress", ()) if t.state.late),
        stale=tuple(told[s.task.id] for s in progress.stale),
        stale_under_way=tuple(
            told[s.task.id]
            for s in progress.stale
            if s.task.status == "in_progress"
            and told[s.task.id].waits_for is None
            and not s.open_difficulties
            and (body.office is None or s.task.lead != body.office.id)
        ),
        leading_units=len({t.lead for t in plan.tasks if t.status != "cancelled"}),
        next_until=until,
        next_work=_by_unit(plan, coming, named),
        ongoing=tuple(ongoing),
        awaiting_head=tuple(t for t in open_ if t.waits_for == "head"),
        awaiting_province=tuple(t for t in open_ if t.waits_for == "province"),
        late_units=_by_unit(
            plan,
            [t for t in late if t.waits_for is None and t.state.task.id not in held],
            named,
        ),
        difficulties=raised,
        reasons=tuple(
            dict.fromkeys(
                [
                    *(t.clause for t in late if t.clause and vn.gives_reason(t.note)),
                    *(r.cause for r in raised if r.open and r.cause),
                ]
            )
        ),
        later_period=as_of.year > plan.assessment.year + 1,
        in_reach=round(
            sum(
                r.recoverable
                for r in progress.projection.recoveries
                if not r.banked
                and r.task_id in told
                and told[r.task_id].state.task.status != "cancelled"
                and (
                    told[r.task_id].state.task.deadline.kind == "ongoing"
                    or told[r.task_id].state.due <= date(plan.assessment.year + 1, 12, 31)
                )
            ),
            6,
        ),
    )


def _by_unit(plan: Plan, told: Sequence[Told], named: dict[str, str]) -> tuple[UnitWork, ...]:
    """`told` by lead unit, in the plan's unit order, each unit's by due date."""
    return tuple(
        UnitWork(unit, named[unit.id], tuple(sorted(work, key=lambda t: t.state.due)))
        for unit in plan.units
        if (work := [t for t in told if t.lead.id == unit.id])
    )


def _raised(
    state: TaskState, unit: Unit, name: str, difficulty: Difficulty, names: Sequence[str]
) -> Raised:
    cause, ask = vn.cause_and_ask(difficulty.text)
    return Raised(
        state=state,
        unit=unit,
        unit_name=name,
        raised_on=difficulty.raised_on,
        said=" ".join(difficulty.text.split()),
        text=vn.continued(difficulty.text, names),
        cause=vn.continued(cause, names) if cause else "",
        ask=ask,
        open=difficulty.resolved_on is None,
    )


def _told(
    state: TaskState,
    lead: Unit,
    name: str,
    *,
    as_of: date,
    old_after: int,
    names: Sequence[str],
    waits: Mapping[str, Sequence[str]],
) -> Told:
    entries = [e for e in state.task.progress if e.date <= as_of]
    noted = [e for e in entries if e.note]
    note = noted[-1].note if noted else None
    submitted = [e.date for e in noted if vn.says_submitted(e.note)]
    evidence = [*state.task.evidence, *(doc for e in entries for doc in e.evidence)]
    return Told(
        state=state,
        lead=lead,
        lead_name=name,
        what=vn.continued(state.task.description, names),
        note=note,
        noted_on=noted[-1].date if noted else None,
        note_is_old=bool(noted) and (as_of - noted[-1].date).days > old_after,
        clause=vn.continued(note, names) if note else None,
        evidence=tuple(dict.fromkeys(evidence)),
        waits_for=vn.waits_for(note, head=waits["head"], province=waits["province"]),
        submitted_on=submitted[0] if submitted else None,
    )


def _months_on(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, 1)


def _quarter_end(day: date) -> date:
    last_month = (day.month - 1) // 3 * 3 + 3
    return date(day.year + last_month // 12, last_month % 12 + 1, 1) - timedelta(days=1)


def _finished_since(
    states: Sequence[TaskState], since: date | None, as_of: date
) -> tuple[TaskState, ...]:
    if since is None:
        return ()
    finished = []
    for state in states:
        if state.task.status != "done":
            continue
        reached = [e.date for e in state.task.progress if e.percent >= 100 and e.date <= as_of]
        if reached and min(reached) > since:
            finished.append(state)
    return tuple(finished)


def _urge(plan: Plan, progress: ProgressReport) -> tuple[Urge, ...]:
    """The units with late, at-risk or stale tasks they lead, in the plan's unit order."""
    quiet = [s for s in progress.stale if not s.late and s.health != "at_risk"]
    by_lead = [_by_lead(states) for states in (progress.late, progress.at_risk, quiet)]
    urge = []
    for unit in plan.units:
        late, at_risk, stale = (tuple(group.get(unit.id, ())) for group in by_lead)
        if late or at_risk or stale:
            urge.append(Urge(unit, late, at_risk, stale))
    return tuple(urge)


def _by_lead(states: Sequence[TaskState]) -> dict[str, list[TaskState]]:
    grouped: dict[str, list[TaskState]] = {}
    for state in states:
        grouped.setdefault(state.task.lead, []).append(state)
    return grouped


def _appendix(
    plan: Plan, gap_report: GapReport, states: dict[str, TaskState]
) -> tuple[AppendixRow, ...]:
    """The losses in code order, each with every task that serves it (cancelled ones
    too: the row says so).

    A row is a deepest loss, or a criterion whose shortcomings or causes the plan
    writes above its losing children: when none of those children has words of its
    own, the criterion's row stands for them; when some have, it comes first and
    they follow. The plan's words thus always reach the appendix.
    """
    service = Service(CriteriaTree(plan), plan.tasks)
    chosen: list[Gap] = []
    stack = sorted(gap_report.gaps, key=lambda g: code_key(g.code), reverse=True)
    while stack:
        gap = stack.pop()
        if not gap.children or (_has_words(gap) and not _words_below(gap)):
            chosen.append(gap)
            continue
        if _has_words(gap):
            chosen.append(gap)
        stack.extend(sorted(gap.children, key=lambda g: code_key(g.code), reverse=True))
    rows = []
    within: dict[str, int] = {}
    for number, gap in enumerate(chosen, start=1):
        field = gap.code.split(".")[0]
        within[field] = within.get(field, 0) + 1
        tasks = tuple(plan.tasks[i] for i in service.serving(gap.code))
        rows.append(
            AppendixRow(
                number=number,
                field=field,
                number_in_field=within[field],
                gap=gap,
                criterion=gap.criterion,
                tasks=tasks,
                states=tuple(states[t.id] for t in tasks),
            )
        )
    return tuple(rows)


def _has_words(gap: Gap) -> bool:
    return bool(gap.criterion.shortcomings or gap.criterion.causes)


def _words_below(gap: Gap) -> bool:
    stack = list(gap.children)
    while stack:
        child = stack.pop()
        if _has_words(child):
            return True
        stack.extend(child.children)
    return False
