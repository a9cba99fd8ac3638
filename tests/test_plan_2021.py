"""plans/2021.yaml carries the whole source document and a realistic appendix."""

from __future__ import annotations

from datetime import date

import pytest

from cchc_plan.criteria import CriteriaTree
from cchc_plan.models import Plan
from cchc_plan.reading.validation import validate_file
from tests.conftest import AS_OF, PLAN_2021


@pytest.fixture(scope="module")
def plan() -> Plan:
    verdict = validate_file(str(PLAN_2021), as_of=AS_OF)
    assert verdict.diagnostics == []
    assert verdict.plan is not None
    return verdict.plan


def test_plan_is_valid_today() -> None:
    """The plan validates without a diagnostic as of today too, not only 2021-09-30."""
    assert validate_file(str(PLAN_2021), as_of=date.today()).diagnostics == []


def test_document_facts(plan: Plan) -> None:
    """Issuer, number, place, date, title and legal basis are the source's."""
    doc = plan.document
    assert doc.issuer.name == "Sở Kế hoạch và Đầu tư"
    assert doc.issuer.abbreviation == "SKHĐT"
    assert doc.parent.short_name == "UBND tỉnh Trà Vinh"
    assert doc.number == "10/KH-SKHĐT"
    assert (doc.place, doc.date) == ("Trà Vinh", date(2021, 4, 15))
    assert doc.title == "Khắc phục những hạn chế sau kết quả chấm điểm cải cách hành chính"
    [basis] = doc.legal_basis
    assert (basis.number, basis.date) == ("684/QĐ-UBND", date(2021, 4, 8))
    assert "năm 2020" in basis.subject
    assert doc.preamble is not None
    assert "83,804/100" in doc.preamble


def test_assessment_facts(plan: Plan) -> None:
    """Score 83.804/100, rank 8 of 16, up 4 places from rank 12 in 2019."""
    a = plan.assessment
    assert (a.year, a.score, a.maximum) == (2020, 83.804, 100)
    assert (a.rank, a.ranked, a.previous_rank, a.rank_change) == (8, 16, 12, 4)
    assert a.source == "qd-684"
    assert a.cause is not None
    assert "điều tra, khảo sát" in a.cause


def test_prose_sections(plan: Plan) -> None:
    """Objectives a-c, requirements a-b and who does what are all there."""
    assert [o.id for o in plan.objectives] == ["a", "b", "c"]
    assert [r.id for r in plan.requirements] == ["a", "b"]
    assert "PCI" in plan.requirements[0].text
    assert "PAPI" in plan.requirements[0].text
    office_duties = [d for d in plan.responsibilities if d.units == ["office"]]
    assert office_duties
    assert "theo dõi, đôn đốc, tổng hợp" in office_duties[0].text
    assert any("khó khăn, vướng mắc" in d.text for d in plan.responsibilities)


def test_criteria_tree(plan: Plan) -> None:
    """8 fields summing to 100, at least 25 nodes, 83.804 appraised, most loss surveyed."""
    assert len(plan.criteria) == 8
    assert sum(f.maximum for f in plan.criteria) == pytest.approx(100)
    tree = CriteriaTree(plan)
    assert len(tree.nodes) >= 25
    total = sum(f.appraised for f in tree.fields)
    assert total == pytest.approx(83.804, abs=1e-9)
    survey_loss = sum(f.lost for f in tree.fields if f.method == "survey")
    assert survey_loss > (100 - total) / 2


def test_tasks(plan: Plan) -> None:
    """At least 15 tasks over 6 units with the office, in every state as of 2021-09-30."""
    assert len(plan.tasks) >= 15
    leads = {t.lead for t in plan.tasks}
    assert len(leads) >= 6
    assert "office" in leads
    statuses = {t.status for t in plan.tasks}
    assert {"done", "in_progress", "not_started"} <= statuses
    late = [
        t for t in plan.tasks if t.status != "done" and t.deadline.due(plan.horizon.end) < AS_OF
    ]
    assert len(late) >= 2
    assert sum(len(t.progress) for t in plan.tasks) >= 15
    assert any(d.resolved_on is None for t in plan.tasks for d in t.difficulties)


def test_plan_names_its_schema_and_its_sources() -> None:
    """The plan starts with the schema line and says what is transcribed or illustrative."""
    text = PLAN_2021.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schema/plan.schema.json\n")
    assert "illustrative" in text
    assert "Transcribed" in text
    assert "illegible" in text
