"""Right for every department and every date: the arithmetic and the words that must
not be fitted to one plan. Each test builds the plan it needs from the minimal case."""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

import pytest
from ruamel.yaml import YAML
from typer.testing import CliRunner

from cchc_plan.checks import run_checks
from cchc_plan.cli import app
from cchc_plan.criteria import CriteriaTree, same_points
from cchc_plan.models import Plan
from cchc_plan.views.body import body_facts
from cchc_plan.views.gaps import find_gaps
from cchc_plan.views.history import plan_as_of
from cchc_plan.views.report import report_content
from cchc_plan.views.tasks import task_states
from cchc_plan.views.units import unit_summaries
from tests.conftest import AS_OF, CASES

MINIMAL = CASES / "valid" / "minimal.yaml"


@pytest.fixture
def raw() -> dict[str, Any]:
    data: dict[str, Any] = YAML(typ="safe").load(MINIMAL.read_text(encoding="utf-8"))
    return copy.deepcopy(data)


def _plan(raw: dict[str, Any]) -> Plan:
    return Plan.model_validate(raw, strict=False)


def _codes(raw: dict[str, Any], as_of: date = AS_OF) -> list[str]:
    return [d.code for d in run_checks(_plan(raw), as_of=as_of)]


# --- survey points, wherever they are ---------------------------------------------------


def test_survey_losses_are_summed_over_every_survey_leaf(raw: dict[str, Any]) -> None:
    """2022-2030: survey criteria sit inside several fields, the method set on a leaf or
    a sub-tree and inherited below it; a field without a method of its own counts."""
    raw["criteria"][0]["method"] = None
    raw["criteria"][0]["children"][1]["method"] = "survey"  # 1.2 lost 0.5 by survey
    raw["criteria"][1]["method"] = None
    raw["criteria"][1]["children"][0]["method"] = "survey"  # 2.1 lost 1 by survey
    report = find_gaps(_plan(raw), AS_OF)
    assert report.survey_lost == pytest.approx(1.5)
    assert [f.survey_lost for f in report.fields] == [pytest.approx(0.5), pytest.approx(1)]
    assert [f.method for f in report.fields] == ["survey", "survey"]


def test_a_field_says_how_its_points_were_lost(raw: dict[str, Any]) -> None:
    """A field marked appraisal whose only loss is in a surveyed criterion lost it by
    survey; when it loses both ways, it is mixed. Only the survey's count as such."""
    raw["criteria"][0]["children"][1]["method"] = "survey"
    tree = CriteriaTree(_plan(raw))
    assert tree.method_of(tree.fields[0]) == "survey"
    raw["criteria"][0]["children"][0].update(self_assessed=1.5, appraised=1.5)
    raw["assessment"]["score"] = 8.0
    plan = _plan(raw)
    tree = CriteriaTree(plan)
    assert tree.method_of(tree.fields[0]) == "mixed"
    assert find_gaps(plan, AS_OF).survey_lost == pytest.approx(1.5)
    assert _codes(raw) == ["CCHC209"]  # 1.1's new loss has no task: only a warning


# --- codes of any depth, sums to the tolerance ------------------------------------------


def test_codes_four_levels_deep(raw: dict[str, Any]) -> None:
    """A criterion 2.1.1.1 is read, checked and served like any other."""
    raw["criteria"][1]["children"][0] = {
        "code": "2.1",
        "name": "Sự hài lòng",
        "maximum": 6,
        "children": [
            {
                "code": "2.1.1",
                "name": "Tiếp cận dịch vụ",
                "maximum": 6,
                "children": [
                    {"code": "2.1.1.1", "name": "Nơi tiếp nhận", "maximum": 3, "appraised": 2},
                    {"code": "2.1.1.2", "name": "Hướng dẫn", "maximum": 3, "appraised": 3},
                ],
            }
        ],
    }
    raw["tasks"][1]["criteria"] = ["2.1.1.1"]
    assert _codes(raw) == []
    gaps = find_gaps(_plan(raw), AS_OF)
    assert [g.code for g in gaps.unserved] == []
    assert gaps.total_lost == pytest.approx(1.5)


def test_the_tolerance_holds_exactly_at_its_boundary(raw: dict[str, Any]) -> None:
    """Decimal arithmetic: 79.9995 is within 0.0005 of 80; 79.9994 is not."""
    assert same_points(79.9995, 80.0)
    assert same_points(40.0 + 39.9995, 80)
    assert not same_points(79.9994, 80.0)
    raw["assessment"]["score"] = 8.5005
    assert "CCHC204" not in _codes(raw)
    raw["assessment"]["score"] = 8.5006
    assert "CCHC204" in _codes(raw)


# --- bonus and penalty ------------------------------------------------------------------


def test_bonus_and_penalty_are_part_of_the_score_not_of_the_losses(raw: dict[str, Any]) -> None:
    """The score is the tree plus the bonus less the penalty; the losses are the tree's."""
    raw["assessment"].update(score=8.75, bonus=0.5, penalty=0.25)
    assert _codes(raw) == []
    assert find_gaps(_plan(raw), AS_OF).total_lost == pytest.approx(1.5)
    raw["assessment"]["score"] = 8.5
    assert _codes(raw) == ["CCHC230"]


def test_a_score_above_the_maximum_needs_a_bonus(raw: dict[str, Any]) -> None:
    """10.5 of 10 is an error, unless a bonus explains it."""
    for criterion in raw["criteria"]:
        for child in criterion["children"]:
            child["appraised"] = child["maximum"]
            child.pop("self_assessed", None)
    raw["assessment"]["score"] = 10.5
    assert "CCHC231" in _codes(raw)
    raw["assessment"]["bonus"] = 0.5
    assert _codes(raw) == []


# --- the appendix -------------------------------------------------------------------------


def _appendix(raw: dict[str, Any]) -> list[tuple[str, list[str], list[str]]]:
    content = report_content(_plan(raw), as_of=AS_OF)
    return [
        (row.gap.code, list(row.criterion.shortcomings), [t.id for t in row.tasks])
        for row in content.appendix
    ]


def test_a_parents_words_reach_the_appendix(raw: dict[str, Any]) -> None:
    """Shortcomings written on a parent whose children lost the points make one row for
    the parent, with the tasks of its children."""
    raw["criteria"][0]["shortcomings"] = ["Tuyên truyền chưa thường xuyên."]
    raw["criteria"][0]["causes"] = ["Chưa phân công người phụ trách."]
    rows = _appendix(raw)
    assert rows[0] == ("1", ["Tuyên truyền chưa thường xuyên."], ["t01"])
    assert [code for code, _, _ in rows] == ["1", "2.1"]


def test_words_above_and_below_both_reach_the_appendix(raw: dict[str, Any]) -> None:
    """When the children have words of their own, the parent's row comes first."""
    raw["criteria"][0]["shortcomings"] = ["Chung cho lĩnh vực."]
    raw["criteria"][0]["children"][1]["shortcomings"] = ["Riêng tiêu chí 1.2."]
    assert [code for code, _, _ in _appendix(raw)] == ["1", "1.2", "2.1"]


def test_a_cancelled_remedy_says_so(runner: CliRunner, tmp_path: Any, raw: dict[str, Any]) -> None:
    """A cancelled task listed as a remedy is marked cancelled in the appendix."""
    raw["tasks"][1]["status"] = "cancelled"
    raw["criteria"][1]["children"][0]["no_task_reason"] = "Nhiệm vụ đã hủy, chờ kế hoạch sau."
    plan = tmp_path / "plan.yaml"
    YAML().dump(raw, plan)
    result = runner.invoke(
        app, ["report", "--plan", str(plan), "--as-of", "2021-09-30", "--kind", "phu-luc"]
    )
    assert result.exit_code == 0, result.output
    assert "t02. Khảo sát sự hài lòng sau khi trả kết quả (đã hủy)" in result.output


# --- one rule for two entries on one day --------------------------------------------------


def test_of_two_entries_on_one_day_the_later_in_the_file_counts(raw: dict[str, Any]) -> None:
    raw["tasks"][1]["progress"] = [
        {"date": date(2021, 9, 1), "percent": 40, "note": "sáng"},
        {"date": date(2021, 9, 1), "percent": 60, "note": "chiều"},
    ]
    state = task_states(_plan(raw), AS_OF)[1]
    assert (state.percent, state.last_note) == (60, "chiều")
    past = task_states(plan_as_of(_plan(raw), date(2021, 9, 1)), date(2021, 9, 1))[1]
    assert (past.percent, past.last_note) == (60, "chiều")


# --- every date ---------------------------------------------------------------------------


def test_the_plan_as_it_stood(raw: dict[str, Any]) -> None:
    """On 1 September t01 (100 % on 15/9) was in progress at 50 %; on 1 June t02 (first
    entry on 1/9) had not started; a difficulty resolved later was still open."""
    raw["tasks"][1]["difficulties"] = [
        {
            "raised_on": date(2021, 8, 1),
            "raised_by": "registration",
            "text": "Thiếu kinh phí in phiếu.",
            "resolved_on": date(2021, 9, 10),
            "resolution": "Dùng kinh phí tiết kiệm.",
        }
    ]
    plan = _plan(raw)
    then = plan_as_of(plan, date(2021, 9, 1))
    assert [t.status for t in then.tasks] == ["in_progress", "in_progress"]
    states = task_states(then, date(2021, 9, 1))
    assert (states[0].percent, states[0].health) == (50, "at_risk")
    assert len(states[1].open_difficulties) == 1
    assert then.tasks[1].difficulties[0].resolution is None
    earlier = plan_as_of(plan, date(2021, 6, 1))
    assert [t.status for t in earlier.tasks] == ["not_started", "not_started"]
    assert earlier.tasks[1].difficulties == []
    assert plan_as_of(plan, date(2021, 12, 31)) is plan


def test_a_past_report_is_written_and_validate_still_refuses(
    runner: CliRunner, tmp_path: Any, raw: dict[str, Any]
) -> None:
    """`report --as-of` before the last entry reads the plan as it stood; `validate`
    with that date still says the entry is after it (CCHC213)."""
    plan = tmp_path / "plan.yaml"
    YAML().dump(raw, plan)
    args = ["--plan", str(plan), "--as-of", "2021-07-01"]
    result = runner.invoke(app, ["report", *args])
    assert result.exit_code == 0, result.output
    assert "01 nhiệm vụ đang triển khai thực hiện; 01 nhiệm vụ chưa triển khai" in result.output
    status = runner.invoke(app, ["status", *args])
    assert status.exit_code == 0, status.output
    checked = runner.invoke(app, ["validate", str(plan), "--as-of", "2021-07-01"])
    assert checked.exit_code == 1
    assert "CCHC213" in checked.output


def test_a_unit_that_supports_late_tasks_says_so(raw: dict[str, Any]) -> None:
    """The office leads a done task and supports a late one: counted apart."""
    raw["tasks"][1]["deadline"] = date(2021, 9, 15)
    office = unit_summaries(_plan(raw), AS_OF)[0]
    assert (office.led, office.late, office.supported, office.supported_late) == (1, 0, 1, 1)
    registration = unit_summaries(_plan(raw), AS_OF)[1]
    assert (registration.led, registration.late, registration.supported) == (1, 1, 0)


def test_options_that_contradict_are_usage_errors(runner: CliRunner) -> None:
    """`--since` after `--as-of`, and `--unit` with a kind not about a unit: exit 2;
    `--unit` alone writes the unit's sheet."""
    plan = str(MINIMAL)
    late = runner.invoke(
        app, ["report", "--plan", plan, "--as-of", "2021-09-30", "--since", "2021-10-01"]
    )
    assert late.exit_code == 2
    assert "--since 2021-10-01 sau --as-of 2021-09-30" in late.output
    wrong = runner.invoke(
        app,
        ["report", "--plan", plan, "--as-of", "2021-09-30", "--kind", "phu-luc", "--unit", "vp"],
    )
    assert wrong.exit_code == 2
    sheet = runner.invoke(
        app, ["report", "--plan", plan, "--as-of", "2021-09-30", "--unit", "office"]
    )
    assert sheet.exit_code == 0, sheet.output
    assert "PHIẾU THEO DÕI" in sheet.output


# --- the body's words ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "signer", "expected"),
    [
        ("Sở Tư pháp", {"title": "Giám đốc"}, ("Sở", "Giám đốc", "Lãnh đạo Sở")),
        (
            "Ban Quản lý các khu công nghiệp tỉnh",
            {"title": "Phó Trưởng ban", "authority": "KT. TRƯỞNG BAN"},
            ("Ban", "Trưởng ban", "Lãnh đạo Ban"),
        ),
        ("Chi cục Thủy lợi", None, ("Chi cục", "Chi cục trưởng", "Lãnh đạo Chi cục")),
        (
            "Hội đồng quản lý quỹ",
            {"title": "Phó Chủ tịch", "authority": "KT. CHỦ TỊCH HỘI ĐỒNG"},
            ("cơ quan", "Chủ tịch hội đồng", "Lãnh đạo cơ quan"),
        ),
    ],
)
def test_the_bodys_words_follow_from_the_plan(
    raw: dict[str, Any], name: str, signer: dict[str, str] | None, expected: tuple[str, ...]
) -> None:
    raw["document"]["issuer"] = {"name": name, "short_name": name}
    raw["document"]["signer"] = signer
    facts = body_facts(_plan(raw))
    assert (facts.kind, facts.head_title, facts.leadership) == expected
    # Without issuer.abbreviation, the mark of the plan's own number ("…/KH-SKHĐT").
    assert facts.abbreviation == raw["document"]["number"].split("-", 1)[1]
    raw["document"]["number"] = "12/KH"
    assert body_facts(_plan(raw)).abbreviation is None
    assert facts.recipients == (expected[2], f"Các phòng, đơn vị thuộc {expected[0]}")


def test_what_the_plan_says_wins(raw: dict[str, Any]) -> None:
    raw["document"]["issuer"].update(
        kind="Ban", head_title="Trưởng ban", leadership="Ban Giám đốc"
    )
    raw["reporting"] = {"office": "registration", "recipients": ["Như trên"]}
    facts = body_facts(_plan(raw))
    assert (facts.kind, facts.head_title, facts.leadership) == (
        "Ban",
        "Trưởng ban",
        "Ban Giám đốc",
    )
    assert facts.office is not None
    assert facts.office.id == "registration"
    assert facts.reporter == "Phòng Đăng ký kinh doanh"
    assert (facts.recipients, facts.archive) == (("Như trên",), "VT")


def test_an_unknown_office_is_an_unresolved_reference(raw: dict[str, Any]) -> None:
    raw["reporting"] = {"office": "van-phong"}
    assert _codes(raw) == ["CCHC208"]


@pytest.mark.parametrize("name", ["Văn phòng Sở", "VAN PHONG SO", "office"])
def test_two_units_may_not_share_a_name(raw: dict[str, Any], name: str) -> None:
    """A unit named like another unit (or like its id) cannot be told apart: CCHC229."""
    raw["units"][1]["name"] = name
    assert _codes(raw) == ["CCHC229"]


def test_a_code_too_long_says_so_in_vietnamese(runner: CliRunner, tmp_path: Any) -> None:
    """A criterion code past its limit is named with its length, not pydantic's English."""
    text = MINIMAL.read_text(encoding="utf-8")
    deep = "2." + ".".join(["1"] * 40)
    line = '      - { code: "2.1", name: Sự hài lòng, maximum: 6, appraised: 5 }'
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        text.replace(
            line, f'{line}\n      - {{ code: "{deep}", name: Dài, maximum: 0, appraised: 0 }}'
        ),
        encoding="utf-8",
    )
    result = runner.invoke(app, ["validate", str(plan), "--as-of", "2021-09-30"])
    assert result.exit_code == 1
    assert "CCHC113: chuỗi dài 81 ký tự, quá giới hạn 64 ký tự" in result.output


def test_plan_text_never_opens_a_markdown_list(
    runner: CliRunner, tmp_path: Any, raw: dict[str, Any]
) -> None:
    """A unit named "1. Văn phòng" at the start of a line stays text, not a list item."""
    raw["units"][0]["name"] = "1. Văn phòng Sở"
    plan = tmp_path / "plan.yaml"
    YAML().dump(raw, plan)
    result = runner.invoke(
        app, ["report", "--plan", str(plan), "--as-of", "2021-09-30", "--unit", "office"]
    )
    assert result.exit_code == 0, result.output
    assert "\n1\\. Văn phòng Sở chủ trì" in result.output


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["report", "-o", ""], "-o cần một tên tệp"),
        (["status", "--unit", ""], "không có đơn vị nào tên “”"),
        (["status", "--as-of", "20211005"], "ngày không hợp lệ: 20211005"),
        (["status", "--as-of", "2021-W40-2"], "ngày không hợp lệ: 2021-W40-2"),
    ],
)
def test_empty_or_odd_option_values_are_usage_errors(
    runner: CliRunner, args: list[str], says: str
) -> None:
    result = runner.invoke(app, [*args, "--plan", str(MINIMAL)])
    assert result.exit_code == 2
    assert says in result.output
