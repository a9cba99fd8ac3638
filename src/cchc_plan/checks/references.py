"""Ids are unique and every reference (unit, criterion, cited document) resolves."""

from __future__ import annotations

from collections.abc import Iterator

from cchc_plan.checks.context import Context
from cchc_plan.diagnostics import Diagnostic, Path, diagnostic, suggest
from cchc_plan.models import Plan
from cchc_plan.vietnamese import fold


def check_unique_ids(plan: Plan, context: Context) -> Iterator[Diagnostic]:
    """Unit ids, criterion codes, task ids and cited-document ids are unique."""
    groups: list[tuple[str, list[tuple[str, Path]]]] = [
        ("unit", [(u.id, ("units", i, "id")) for i, u in enumerate(plan.units)]),
        ("criterion", [(n.code, (*n.path, "code")) for n in context.tree.nodes]),
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


def check_unit_aliases(plan: Plan, context: Context) -> Iterator[Diagnostic]:
    """No name or alias of a unit is another unit's id, name or alias, compared as
    --unit compares them (without case or diacritics): it would fit two units, and two
    rows of a report would read alike."""
    owners: dict[str, tuple[int, str, str]] = {}  # folded name → unit, kind, as written
    for i, unit in enumerate(plan.units):
        owners.setdefault(fold(unit.id), (i, "unit_id", unit.id))
    for i, unit in enumerate(plan.units):
        owner = owners.setdefault(fold(unit.name), (i, "unit_name", unit.name))
        if owner[0] != i:
            yield diagnostic(
                "CCHC229",
                ("units", i, "name"),
                unit_name=unit.name,
                unit=unit.id,
                what=owner[1],
                name=None if owner[1] == "unit_id" else owner[2],
                other=plan.units[owner[0]].id,
            )
    for i, unit in enumerate(plan.units):
        for j, alias in enumerate(unit.aliases):
            owner = owners.setdefault(fold(alias), (i, "unit_alias", alias))
            if owner[0] != i:
                yield diagnostic(
                    "CCHC228",
                    ("units", i, "aliases", j),
                    alias=alias,
                    unit=unit.id,
                    what=owner[1],
                    name=None if owner[1] == "unit_id" else owner[2],
                    other=plan.units[owner[0]].id,
                )


def check_references(plan: Plan, context: Context) -> Iterator[Diagnostic]:
    """Every unit, criterion and cited-document reference resolves."""
    units = {unit.id for unit in plan.units}
    codes = {node.code for node in context.tree.nodes}
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
    if plan.reporting.office is not None:
        yield from unit_ref(plan.reporting.office, ("reporting", "office"))
