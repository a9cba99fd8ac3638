"""The scoring tree, walked once: every criterion with its place, method and points,
and the one rule for which task serves which loss.

Checks, views and documents all ask this module; none walks the tree or compares
codes on its own.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from cchc_plan.diagnostics import Path
from cchc_plan.models import Criterion, Plan, Task

# Points carry three decimals (83.804); sums are compared to half of the last one.
TOLERANCE = 0.0005
_TOLERANCE = Decimal("0.0005")
MIXED = "mixed"  # a part of the tree scored by more than one method


def _decimal(points: float) -> Decimal:
    # A float sum of figures with up to six decimals, rounded back to those decimals,
    # is the decimal the plan wrote: compare decimals, not binary fractions.
    return Decimal(repr(round(points, 6)))


def same_points(a: float, b: float) -> bool:
    """Whether two figures are the same number of points, to the published decimals:
    79.9995 and 80 are, exactly at the tolerance."""
    return abs(_decimal(a) - _decimal(b)) <= _TOLERANCE


def more_points(a: float, b: float) -> bool:
    """Whether `a` is more points than `b` by more than the tolerance."""
    return _decimal(a) - _decimal(b) > _TOLERANCE


def rank_of(score: float, others: Iterable[float]) -> int:
    """A score's rank among others: 1 + how many score more (ties share a rank)."""
    return 1 + sum(1 for other in others if more_points(other, score))


@dataclass(frozen=True, slots=True)
class Node:
    """A criterion with its place in the tree and in the data, and its points."""

    criterion: Criterion
    path: Path
    parent: Node | None
    level: int  # 1 field, 2 criterion, 3 component criterion, and so on down
    method: str | None  # its own, or inherited from the nearest parent that has one
    appraised: float  # a leaf's own figure (0 when missing); above, its children's sum
    lost: float  # maximum less appraised, to six decimals
    excuse: str | None  # why no task serves it: its own no_task_reason, or the nearest above

    @property
    def code(self) -> str:
        return self.criterion.code

    @property
    def losing(self) -> bool:
        """Whether it lost points at all (more than rounding)."""
        return self.lost > TOLERANCE


class CriteriaTree:
    """The plan's criteria, parents before children, each node computed once."""

    def __init__(self, plan: Plan) -> None:
        appraised = _appraised(plan.criteria)
        nodes: list[Node] = []
        children: dict[Path, list[Node]] = {}
        pending: list[tuple[Criterion, Path, Node | None]] = [
            (criterion, ("criteria", i), None) for i, criterion in enumerate(plan.criteria)
        ]
        pending.reverse()
        while pending:
            criterion, path, parent = pending.pop()
            points = appraised[id(criterion)]
            node = Node(
                criterion=criterion,
                path=path,
                parent=parent,
                level=parent.level + 1 if parent else 1,
                method=criterion.method or (parent.method if parent else None),
                appraised=points,
                lost=round(criterion.maximum - points, 6),
                excuse=criterion.no_task_reason or (parent.excuse if parent else None),
            )
            nodes.append(node)
            children[path] = []
            if parent is not None:
                children[parent.path].append(node)
            below: list[tuple[Criterion, Path, Node | None]] = [
                (child, (*path, "children", i), node) for i, child in enumerate(criterion.children)
            ]
            pending.extend(below[::-1])
        self.nodes: tuple[Node, ...] = tuple(nodes)
        self.fields: tuple[Node, ...] = tuple(n for n in nodes if n.parent is None)
        self._children = {path: tuple(kids) for path, kids in children.items()}
        # A code's first node (codes are unique in a valid plan), and its place in tree order.
        self.by_code: dict[str, Node] = {}
        for node in nodes:
            self.by_code.setdefault(node.code, node)
        self.order = {code: i for i, code in enumerate(self.by_code)}
        # Children come after their parents: walking backwards sums leaves first.
        self._survey_lost: dict[Path, float] = {}
        self._methods: dict[Path, frozenset[str | None]] = {}  # of all its leaves
        self._losing_methods: dict[Path, frozenset[str | None]] = {}  # of its losing ones
        for node in reversed(nodes):
            kids = self._children[node.path]
            if kids:
                survey = sum(self._survey_lost[k.path] for k in kids)
                methods = frozenset().union(*(self._methods[k.path] for k in kids))
                losing = frozenset().union(*(self._losing_methods[k.path] for k in kids))
            else:
                survey = node.lost if node.method == "survey" else 0.0
                methods = frozenset({node.method})
                losing = methods if node.losing else frozenset()
            self._survey_lost[node.path] = round(survey, 6)
            self._methods[node.path] = methods
            self._losing_methods[node.path] = losing

    def children(self, node: Node) -> tuple[Node, ...]:
        """The node's children, in plan order."""
        return self._children[node.path]

    def survey_lost(self, node: Node) -> float:
        """The points lost below `node` (itself included) by survey-scored leaves, the
        method inherited down the tree."""
        return self._survey_lost[node.path]

    def method_of(self, node: Node) -> str | None:
        """How the points under `node` were lost: the method of its losing leaves (of
        all its leaves when none lost), each leaf's own or inherited; MIXED when they
        differ. A field marked appraisal with a survey-scored criterion inside, whose
        losses are all in that criterion, lost them by survey."""
        methods = self._losing_methods[node.path] or self._methods[node.path]
        known = methods - {None}
        if len(known) > 1:
            return MIXED
        return next(iter(known), None)

    def deepest_losses(self) -> list[Node]:
        """The criteria that lost points where no child lost any: where a loss is
        remedied. These are the losing leaves, and a parent whose children each lost
        less than TOLERANCE but together more."""
        return [
            node
            for node in self.nodes
            if node.losing and not any(child.losing for child in self.children(node))
        ]

    def served_codes(self, named: Iterable[str]) -> frozenset[str]:
        """The codes a task naming `named` serves (the Served rule): each named
        criterion, its ancestors and everything below it; found through the tree, so
        that a task costs its criteria's lineages and subtrees, not the whole tree."""
        codes: set[str] = set()
        for name in named:
            codes.update(lineage(name))
            node = self.by_code.get(name)
            stack = list(self._children[node.path]) if node is not None else []
            while stack:
                below = stack.pop()
                codes.add(below.code)
                stack.extend(self._children[below.path])
        return frozenset(codes)

    def unserved(self, tasks: Iterable[Task]) -> list[Node]:
        """The deepest losses that no task serves and no reason excuses.

        A cancelled task serves nothing; a `no_task_reason` on the criterion or an
        ancestor excuses it.
        """
        served = Served(
            code for task in tasks if task.status != "cancelled" for code in task.criteria
        )
        return [
            node
            for node in self.deepest_losses()
            if node.excuse is None and node.code not in served
        ]


def _appraised(fields: Sequence[Criterion]) -> dict[int, float]:
    """Every criterion's appraised points, by identity: children are summed before
    their parents, in plan order, without recursion."""
    order: list[Criterion] = []
    pending = list(fields)
    while pending:
        criterion = pending.pop()
        order.append(criterion)
        pending.extend(criterion.children)
    points: dict[int, float] = {}
    for criterion in reversed(order):
        if criterion.children:
            points[id(criterion)] = sum(points[id(child)] for child in criterion.children)
        else:
            points[id(criterion)] = criterion.appraised or 0.0
    return points


def lineage(code: str) -> list[str]:
    """A code with its ancestors' codes, root first: "1.1.2" → ["1", "1.1", "1.1.2"]."""
    parts = code.split(".")
    return [".".join(parts[: i + 1]) for i in range(len(parts))]


def parent_code(code: str) -> str | None:
    """The code of a criterion's parent: "1.1.2" → "1.1"; a field's is None."""
    return code.rsplit(".", 1)[0] if "." in code else None


def code_key(code: str) -> tuple[int, ...]:
    """A code's place in code order: "1.2" before "1.10", "2" before "10"."""
    return tuple(int(part) for part in code.split("."))


def within(code: str, ancestor: str) -> bool:
    """Whether criterion `code` is `ancestor` or lies below it in the tree."""
    return ancestor in lineage(code)


class Service:
    """Which tasks serve which criteria, for a whole plan at once: each task's served
    codes (CriteriaTree.served_codes) and, for each code, the tasks serving it, in plan
    order. Views ask this instead of testing every task against every criterion."""

    __slots__ = ("_serving", "serves")

    def __init__(self, tree: CriteriaTree, tasks: Sequence[Task]) -> None:
        self.serves: tuple[frozenset[str], ...] = tuple(
            tree.served_codes(task.criteria) for task in tasks
        )
        self._serving: dict[str, list[int]] = {}
        for index, codes in enumerate(self.serves):
            for code in codes:
                self._serving.setdefault(code, []).append(index)

    def serving(self, code: str) -> list[int]:
        """The indexes of the tasks that serve `code`, in plan order."""
        return self._serving.get(code, [])


class Served:
    """The criteria that tasks naming `named` serve: each named criterion, its
    ancestors and its descendants. The one rule for "does this task serve this loss"."""

    __slots__ = ("_lineages", "_named")

    def __init__(self, named: Iterable[str]) -> None:
        self._named = frozenset(named)
        self._lineages = frozenset(code for name in self._named for code in lineage(name))

    def __contains__(self, code: object) -> bool:
        if not isinstance(code, str):
            return False
        # Named at or below `code` (code is in a named lineage), or at or above it.
        return code in self._lineages or not self._named.isdisjoint(lineage(code))
