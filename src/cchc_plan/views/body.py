"""Who the plan's body is, in the words its documents use: its kind, its head, its
leadership, its office, its rule for raising difficulties and whom reports go to.

Every plan is a different body's (a Sở, a Ban, a Chi cục); none of these words is
fixed in the templates. Each comes from the plan, or is derived from what it says.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cchc_plan import vietnamese as vn
from cchc_plan.models import Plan, Signer, Unit

# "KT. GIÁM ĐỐC" (signed for), "TL." (on behalf), "TUQ." (authorised), "Q." (acting).
_AUTHORITY_PREFIX = re.compile(r"^\s*(KT|TL|TUQ|Q)\.\s*", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class BodyFacts:
    """The body as its documents name it."""

    name: str  # "Sở Tư pháp"
    kind: str  # "Sở", "Ban", or "cơ quan"
    head_title: str  # "Giám đốc", "Trưởng ban"
    head: str  # the head as running text names him: "Giám đốc Sở", "Trưởng ban"
    leadership: str  # "Lãnh đạo Sở"
    abbreviation: str | None  # "STP", in a document's number (`issuer.abbreviation`, else
    # the mark in the plan's own number, "35/KH-STP"); None: no number suffix
    office: Unit | None  # the unit that collects progress and reports
    reporter: str  # who writes the office's words: the office's name, else the body's
    escalation: str | None  # the plan's own rule for raising difficulties, if it has one
    recipients: tuple[str, ...]  # a report's "Nơi nhận", without "Lưu"
    archive: str  # the "Lưu" line: "VT, VP" or "VT"


def body_facts(plan: Plan) -> BodyFacts:
    """The body's words: what the plan says, else what follows from it.

    kind: `document.issuer.kind`, else the known kind its name begins with;
    head_title: `issuer.head_title`, else the plan's signer's when the head signs it,
    else the kind's (Sở: Giám đốc, Ban: Trưởng ban), else the title the signer signs
    for ("KT. GIÁM ĐỐC"); leadership: `issuer.leadership`, else "Lãnh đạo" and the
    kind; office: `reporting.office`, else the first unit of kind office; recipients:
    `reporting.recipients`, else the leadership and the units of the body.
    """
    issuer = plan.document.issuer
    kind = issuer.kind or vn.body_kind(issuer.name)
    head_title = issuer.head_title or _head_title(kind, plan.document.signer)
    leadership = issuer.leadership or vn.leadership(kind)
    office = _office(plan)
    reporting = plan.reporting
    recipients = tuple(reporting.recipients) or (leadership, vn.units_of(kind))
    return BodyFacts(
        name=issuer.name,
        kind=kind,
        head_title=head_title,
        head=vn.head_short(head_title, kind),
        leadership=leadership,
        abbreviation=issuer.abbreviation or vn.mark_of(plan.document.number),
        office=office,
        reporter=vn.with_kind(office.name, kind) if office is not None else issuer.name,
        escalation=reporting.escalation,
        recipients=recipients,
        archive=vn.archive(office.name if office is not None else None),
    )


def _head_title(kind: str, signer: Signer | None) -> str:
    if signer is not None and signer.authority is None:
        return signer.title
    if kind in vn.BODY_HEADS:
        return vn.BODY_HEADS[kind]
    if signer is not None and signer.authority is not None:
        return vn.sentence_case(_AUTHORITY_PREFIX.sub("", signer.authority))
    return vn.ANY_HEAD


def _office(plan: Plan) -> Unit | None:
    if plan.reporting.office is not None:
        return next((u for u in plan.units if u.id == plan.reporting.office), None)
    return next((u for u in plan.units if u.kind == "office"), None)
