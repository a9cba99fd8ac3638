"""The invariants a valid plan keeps beyond its types, one small check each.

Each check is a function `(plan, context) -> Iterator[Diagnostic]` whose docstring
says what it enforces; diagnostics carry a path into the data, not a position.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from cchc_plan.diagnostics import Diagnostic, Path, diagnostic
from cchc_plan.models import Criterion, Plan

# Points carry three decimals (83.804); sums are compared to half of the last one.
TOLERANCE = 0.0005


@dataclass(frozen=True, slots=True)
class Context:
    """What the checks know besides the plan: the date taken as today."""

    as_of: date


@dataclass(frozen=True, slots=True)
class Node:
    """A criterion with its place in the tree and in the data."""

    criterion: Criterion
    path: Path
    parent: Node | None
    method: str | None


def walk_criteria(plan: Plan) -> list[Node]:
    """Every criterion of the tree, parents before children, with inherited method."""
    nodes: list[Node] = []
    pending: list[tuple[Criterion, Path, Node | None]] = [
        (criterion, ("criteria", i), None) for i, criterion in enumerate(plan.criteria)
    ]
    pending.reverse()
    while pending:
        criterion, path, parent = pending.pop()
        method = criterion.method or (parent.method if parent else None)
        node = Node(criterion, path, parent, method)
        nodes.append(node)
        children: list[tuple[Criterion, Path, Node | None]] = [
            (child, (*path, "children", i), node) for i, child in enumerate(criterion.children)
        ]
        pending.extend(children[::-1])
    return nodes


def appraised_points(criterion: Criterion) -> float:
    """A node's appraised points: its own figure on a leaf, its children's sum above."""
    if not criterion.children:
        return criterion.appraised or 0.0
    return sum(appraised_points(child) for child in criterion.children)


def _fmt(value: float) -> float:
    return round(value, 6)


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= TOLERANCE


def suggest(ref: str, known: Iterable[str]) -> str | None:
    """The known name closest to a misspelt one, for "did you mean"."""
    import difflib  # noqa: PLC0415 (only a misspelling needs it)

    close = difflib.get_close_matches(ref, list(known), n=1, cutoff=0.6)
    return close[0] if close else None


def check_maxima(plan: Plan, context: Context) -> Iterator[Diagnostic]:
    """Children's maxima sum to their parent's; the fields' to the assessment's."""
    for node in walk_criteria(plan):
        children = node.criterion.children
        if children:
            total = sum(child.maximum for child in children)
            if not _close(total, node.criterion.maximum):
                yield diagnostic(
                    "CCHC201",
                    (*node.path, "maximum"),
                    total=_fmt(total),
                    maximum=node.criterion.maximum,
                    code=node.criterion.code,
                )
    total = sum(field.maximum for field in plan.criteria)
    if not _close(total, plan.assessment.maximum):
        yield diagnostic(
            "CCHC202",
            ("assessment", "maximum"),
            total=_fmt(total),
            maximum=plan.assessment.maximum,
        )


def check_tree_shape(plan: Plan, context: Context) -> Iterator[Diagnostic]:
    """Codes nest (1 → 1.1 → 1.1.2), at most three levels; leaves have points and a method."""
    for node in walk_criteria(plan):
        criterion = node.criterion
        if node.parent is not None:
            parent_code = node.parent.criterion.code
            if criterion.code.rsplit(".", 1)[0] != parent_code or "." not in criterion.code:
                yield diagnostic(
                    "CCHC215", (*node.path, "code"), code=criterion.code, parent=parent_code
                )
        elif "." in criterion.code:
            yield diagnostic("CCHC215", (*node.path, "code"), code=criterion.code, parent="")
        if criterion.children:
            continue
        if criterion.appraised is None:
            yield diagnostic("CCHC216", node.path, code=criterion.code)
        if node.method is None:
            yield diagnostic("CCHC218", node.path, code=criterion.code)


def check_points(plan: Plan, context: Context) -> Iterator[Diagnostic]:
    """Points never exceed the maximum; a parent's appraised points match its children."""
    for node in walk_criteria(plan):
        criterion = node.criterion
        for which in ("self_assessed", "appraised"):
            points = getattr(criterion, which)
            if points is not None and points > criterion.maximum + TOLERANCE:
                yield diagnostic(
                    "CCHC203",
                    (*node.path, which),
                    which=which,
                    points=points,
                    maximum=criterion.maximum,
                    code=criterion.code,
                )
        if criterion.children and criterion.appraised is not None:
            total = appraised_points(criterion)
            if not _close(total, criterion.appraised):
                yield diagnostic(
                    "CCHC217",
                    (*node.path, "appraised"),
                    appraised=criterion.appraised,
                    total=_fmt(total),
                    code=criterion.code,
                )
        if (
            criterion.self_assessed is not None
            and criterion.appraised is not None
            and criterion.appraised > criterion.self_assessed + TOLERANCE
        ):
            yield diagnostic(
                "CCHC219",
                (*node.path, "appraised"),
                appraised=criterion.appraised,
                self_assessed=criterion.self_assessed,
                code=criterion.code,
            )


def check_score(plan: Plan, context: Context) -> Iterator[Diagnostic]:
    """The appraised points of the tree sum to the declared score."""
    total = sum(appraised_points(field) for field in plan.criteria)
    if not _close(total, plan.assessment.score):
        yield diagnostic(
            "CCHC204", ("assessment", "score"), total=_fmt(total), score=plan.assessment.score
        )


def check_rank(plan: Plan, context: Context) -> Iterator[Diagnostic]:
    """Rank lies in 1..ranked; the previous rank agrees with the stated change."""
    assessment = plan.assessment
    if assessment.rank > assessment.ranked:
        yield diagnostic(
            "CCHC205", ("assessment", "rank"), rank=assessment.rank, ranked=assessment.ranked
        )
    if assessment.previous_rank is not None and assessment.rank_change is not None:
        actual = assessment.previous_rank - assessment.rank
        if actual != assessment.rank_change:
            yield diagnostic(
                "CCHC206",
                ("assessment", "rank_change"),
                previous=assessment.previous_rank,
                rank=assessment.rank,
                actual=actual,
                change=assessment.rank_change,
            )
    for i, target in enumerate(assessment.targets):
        if target.rank is not None and target.rank > assessment.ranked:
            yield diagnostic(
                "CCHC205",
                ("assessment", "targets", i, "rank"),
                rank=target.rank,
                ranked=assessment.ranked,
            )


def check_peers(plan: Plan, context: Context) -> Iterator[Diagnostic]:
    """A published peer table lists everyone ranked and agrees with the score and rank."""
    assessment = plan.assessment
    peers = assessment.peers
    if not peers:
        return
    if len(peers) != assessment.ranked:
        yield diagnostic(
            "CCHC223", ("assessment", "peers"), count=len(peers), ranked=assessment.ranked
        )
    own = [i for i, peer in enumerate(peers) if peer.own]
    if len(own) != 1:
        yield diagnostic("CCHC225", ("assessment", "peers"), count=len(own))
        return
    score = peers[own[0]].score
    computed = 1 + sum(1 for peer in peers if peer.score > score + TOLERANCE)
    if not _close(score, assessment.score) or computed != assessment.rank:
        yield diagnostic(
            "CCHC224",
            ("assessment", "peers", own[0]),
            score=score,
            computed=computed,
            expected_score=assessment.score,
            rank=assessment.rank,
        )


def check_unique_ids(plan: Plan, context: Context) -> Iterator[Diagnostic]:
    """Unit ids, criterion codes, task ids and cited-document ids are unique."""
    groups: list[tuple[str, list[tuple[str, Path]]]] = [
        ("unit", [(u.id, ("units", i, "id")) for i, u in enumerate(plan.units)]),
        ("criterion", [(n.criterion.code, (*n.path, "code")) for n in walk_criteria(plan)]),
        ("task", [(t.id, ("tasks", i, "id")) for i, t in enumerate(plan.tasks)]),
        (
            "document",
            [
                (d.id, ("document", "legal_basis", i, "id"))
                for i, d in enumerate(plan.document.legal_basis)
            ],
        ),
    ]
    for kind, items in groups:
        first: dict[str, Path] = {}
        for ident, path in items:
            if ident in first:
                yield diagnostic("CCHC207", path, related=first[ident], kind=kind, id=ident)
            else:
                first[ident] = path


def check_references(plan: Plan, context: Context) -> Iterator[Diagnostic]:
    """Every unit, criterion and cited-document reference resolves."""
    units = {unit.id for unit in plan.units}
    codes = {node.criterion.code for node in walk_criteria(plan)}
    documents = {doc.id for doc in plan.document.legal_basis}

    def unit_ref(ref: str, path: Path) -> Iterator[Diagnostic]:
        if ref not in units:
            yield diagnostic("CCHC208", path, kind="unit", ref=ref, suggestion=suggest(ref, units))

    if plan.assessment.source not in documents:
        ref = plan.assessment.source
        yield diagnostic(
            "CCHC208",
            ("assessment", "source"),
            kind="document",
            ref=ref,
            suggestion=suggest(ref, documents),
        )
    for i, task in enumerate(plan.tasks):
        for j, code in enumerate(task.criteria):
            if code not in codes:
                yield diagnostic(
                    "CCHC208",
                    ("tasks", i, "criteria", j),
                    kind="criterion",
                    ref=code,
                    suggestion=suggest(code, codes),
                )
        yield from unit_ref(task.lead, ("tasks", i, "lead"))
        for j, unit in enumerate(task.support):
            yield from unit_ref(unit, ("tasks", i, "support", j))
            if unit == task.lead:
                yield diagnostic("CCHC222", ("tasks", i, "support", j), unit=unit, id=task.id)
        for j, difficulty in enumerate(task.difficulties):
            yield from unit_ref(difficulty.raised_by, ("tasks", i, "difficulties", j, "raised_by"))
    for i, duty in enumerate(plan.responsibilities):
        for j, unit in enumerate(duty.units):
            yield from unit_ref(unit, ("responsibilities", i, "units", j))


def lost_points(criterion: Criterion) -> float:
    """What a criterion lost: its maximum less its appraised points."""
    return round(criterion.maximum - appraised_points(criterion), 6)


def serves(named: str, code: str) -> bool:
    """Whether a task naming criterion `named` serves criterion `code`: the same one,
    an ancestor or a descendant."""
    return named == code or code.startswith(named + ".") or named.startswith(code + ".")


def unserved_losses(plan: Plan) -> list[tuple[Node, float]]:
    """The deepest criteria that lost points, that no task serves and no reason excuses.

    A task serves a loss when it names the criterion, one of its ancestors or one of
    its descendants; a cancelled task serves nothing. A `no_task_reason` on the
    criterion or an ancestor excuses it.
    """
    served = {code for task in plan.tasks if task.status != "cancelled" for code in task.criteria}
    found = []
    for node in walk_criteria(plan):
        criterion = node.criterion
        lost = lost_points(criterion)
        if lost <= TOLERANCE or any(lost_points(c) > TOLERANCE for c in criterion.children):
            continue  # no loss here, or a losing child is the deeper one
        here: Node | None = node
        while here is not None and not here.criterion.no_task_reason:
            here = here.parent
        if here is not None:
            continue  # excused, here or above
        if any(serves(code, criterion.code) for code in served):
            continue
        found.append((node, lost))
    return found


def check_coverage(plan: Plan, context: Context) -> Iterator[Diagnostic]:
    """Every criterion that lost points is served by a task, or says why not."""
    for node, lost in unserved_losses(plan):
        yield diagnostic("CCHC209", node.path, code=node.criterion.code, lost=lost)


def check_progress(plan: Plan, context: Context) -> Iterator[Diagnostic]:
    """Logs run in date order, percents never go down, none is dated after as-of;
    a done task reaches 100 %."""
    for i, task in enumerate(plan.tasks):
        previous = None
        for j, entry in enumerate(task.progress):
            path = ("tasks", i, "progress", j)
            if previous is not None:
                if entry.date < previous.date:
                    yield diagnostic(
                        "CCHC211",
                        (*path, "date"),
                        date=entry.date.isoformat(),
                        previous=previous.date.isoformat(),
                    )
                if entry.percent < previous.percent:
                    yield diagnostic(
                        "CCHC212",
                        (*path, "percent"),
                        previous=previous.percent,
                        percent=entry.percent,
                    )
            if entry.date > context.as_of:
                yield diagnostic(
                    "CCHC213",
                    (*path, "date"),
                    date=entry.date.isoformat(),
                    as_of=context.as_of.isoformat(),
                )
            previous = entry
        top = max((entry.percent for entry in task.progress), default=0.0)
        if task.status == "done" and top < 100:
            yield diagnostic("CCHC210", ("tasks", i, "status"), id=task.id)
        if task.status == "not_started" and top > 0:
            yield diagnostic(
                "CCHC221", ("tasks", i, "status"), id=task.id, status=task.status, percent=top
            )


def check_dates(plan: Plan, context: Context) -> Iterator[Diagnostic]:
    """The horizon runs forward; deadlines fall inside it; difficulties resolve after raised."""
    horizon = plan.horizon
    if horizon.end < horizon.start:
        yield diagnostic(
            "CCHC227",
            ("horizon", "end"),
            end=horizon.end.isoformat(),
            start=horizon.start.isoformat(),
        )
    for i, task in enumerate(plan.tasks):
        due = task.deadline.due(horizon.end)
        if not horizon.start <= due <= horizon.end:
            yield diagnostic(
                "CCHC214",
                ("tasks", i, "deadline"),
                deadline=str(task.deadline),
                due=due.isoformat(),
                start=horizon.start.isoformat(),
                end=horizon.end.isoformat(),
            )
        for j, difficulty in enumerate(task.difficulties):
            if (
                difficulty.resolved_on is not None
                and difficulty.resolved_on < difficulty.raised_on
            ):
                yield diagnostic(
                    "CCHC220",
                    ("tasks", i, "difficulties", j, "resolved_on"),
                    resolved=difficulty.resolved_on.isoformat(),
                    raised=difficulty.raised_on.isoformat(),
                )


Check = Callable[[Plan, Context], Iterator[Diagnostic]]

CHECKS: tuple[Check, ...] = (
    check_tree_shape,
    check_maxima,
    check_points,
    check_score,
    check_rank,
    check_peers,
    check_unique_ids,
    check_references,
    check_coverage,
    check_progress,
    check_dates,
)


def run_checks(plan: Plan, *, as_of: date) -> list[Diagnostic]:
    """Every check's diagnostics for the plan."""
    context = Context(as_of=as_of)
    return [diag for check in CHECKS for diag in check(plan, context)]
