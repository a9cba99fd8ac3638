"""Plans of other bodies: a Ban Quản lý and a Sở Tư pháp (tests/plans/), and the 2021
plan where the rule is general, through every command, format and kind of report.

Expectations are worked out from each plan's YAML, read here on its own (ruamel's safe
loader, the methods inherited down the tree, decimals), not from the views under test.
"""

from __future__ import annotations

import calendar
import csv
import functools
import io
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML
from typer.testing import CliRunner, Result

from cchc_plan.cli import app
from cchc_plan.vietnamese import cause_and_ask, fold
from cchc_plan.vietnamese import count as vn_count
from tests.conftest import PLAN_2021

PLANS = Path(__file__).resolve().parent / "plans"
RUNNER = CliRunner()
OPEN = ("not_started", "in_progress")
STALE_DAYS = 30


@dataclass(frozen=True)
class Case:
    """A plan, a date inside its horizon after its last entry, and an earlier date."""

    name: str
    path: Path
    as_of: str
    past: str  # before some progress entries, difficulties and resolutions


CLERK_BLANK = "\u00a0" * 6  # "Số:      /BC-VP": the number is the clerk's to write
BAN = Case("ban-quan-ly", PLANS / "ban-quan-ly.yaml", "2021-10-05", "2021-08-06")
STP = Case("so-tu-phap", PLANS / "so-tu-phap.yaml", "2023-10-06", "2023-07-20")
SKHDT = Case("2021", PLAN_2021, "2021-09-30", "2021-07-01")
OTHERS = [BAN, STP]
EVERY = [BAN, STP, SKHDT]


def _ids(case: Case) -> str:
    return case.name


# ---------------------------------------------------------------------------------------
# The plan as its YAML says, read independently of the code under test.


@functools.cache
def _data(path: Path) -> dict[str, Any]:
    data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _leaves(data: dict[str, Any]) -> Iterator[tuple[dict[str, Any], str | None, list[str]]]:
    """Every leaf criterion, with its method (own or the nearest above) and the codes
    of its ancestors (field first)."""

    def walk(
        node: dict[str, Any], method: str | None, above: list[str]
    ) -> Iterator[tuple[dict[str, Any], str | None, list[str]]]:
        method = node.get("method") or method
        if node.get("children"):
            for child in node["children"]:
                yield from walk(child, method, [*above, node["code"]])
        else:
            yield node, method, above

    for field in data["criteria"]:
        yield from walk(field, None, [])


def _nodes(data: dict[str, Any]) -> Iterator[dict[str, Any]]:
    stack = list(reversed(data["criteria"]))
    while stack:
        node = stack.pop()
        yield node
        stack.extend(reversed(node.get("children", [])))


def _dec(value: object) -> Decimal:
    return Decimal(str(value))


def _lost(leaf: dict[str, Any]) -> Decimal:
    return _dec(leaf["maximum"]) - _dec(leaf["appraised"])


def _survey_lost(data: dict[str, Any], under: str | None = None) -> Decimal:
    """Points lost by survey-scored leaves (under a code, or anywhere)."""
    return sum(
        (
            _lost(leaf)
            for leaf, method, above in _leaves(data)
            if method == "survey" and (under is None or under in [*above, leaf["code"]])
        ),
        Decimal(0),
    )


def _tree_lost(data: dict[str, Any]) -> Decimal:
    return sum((_lost(leaf) for leaf, _, _ in _leaves(data)), Decimal(0))


def _vi(value: Decimal) -> str:
    """A figure as Vietnamese writes it: 5.63 → "5,63", 1250 → "1.250"."""
    text = format(value.normalize(), "f")
    whole, _, fraction = text.partition(".")
    whole = f"{int(whole):,}".replace(",", ".")
    return f"{whole},{fraction}" if fraction else whole


def _due(deadline: object, horizon_end: date) -> date:
    if isinstance(deadline, date):
        return deadline
    text = str(deadline)
    if text == "ongoing":
        return horizon_end
    if match := re.fullmatch(r"(\d{4})-Q([1-4])", text):
        year, month = int(match[1]), 3 * int(match[2])
        return date(year, month, calendar.monthrange(year, month)[1])
    return date(int(text), 12, 31)


def _late(data: dict[str, Any], task: dict[str, Any], as_of: date) -> bool:
    """Late on a day after every entry: open, and past its due date."""
    due = _due(task["deadline"], data["horizon"]["end"])
    return task["status"] in OPEN and due < as_of


def _strings(value: object) -> Iterator[str]:
    """Every text of the plan's data."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _words(text: str) -> str:
    return " ".join(text.split())


def _kind(data: dict[str, Any]) -> str:
    """The kind of body, as its name begins: "Ban", "Sở"."""
    return str(data["document"]["issuer"]["name"]).split()[0]


# ---------------------------------------------------------------------------------------
# The command line, in process.


@functools.cache
def _invoke(args: tuple[str, ...]) -> Result:
    return RUNNER.invoke(app, list(args))


def _run(case: Case, *args: str, as_of: str | None = None) -> Result:
    return _invoke((*args, "--plan", str(case.path), "--as-of", as_of or case.as_of))


def _ok(result: Result) -> str:
    """The standard output of a run that succeeded, without a traceback."""
    assert result.exit_code == 0, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert "Traceback" not in result.output
    return result.stdout


def _json(case: Case, *args: str, as_of: str | None = None) -> dict[str, Any]:
    document = json.loads(_ok(_run(case, *args, "--format", "json", as_of=as_of)))
    assert isinstance(document, dict)
    return document


def _report(case: Case, *args: str, as_of: str | None = None) -> str:
    return _ok(_run(case, "report", *args, as_of=as_of))


def _validate(path: Path, as_of: str, *args: str) -> Result:
    return _invoke(("validate", str(path), "--as-of", as_of, *args))


def _variant(case: Case, folder: Path, change: Callable[[dict[str, Any]], None]) -> Path:
    """A copy of the plan with `change` made to its data."""
    data = YAML(typ="safe").load(case.path.read_text(encoding="utf-8"))
    change(data)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / case.path.name
    yaml = YAML(typ="safe")
    yaml.allow_unicode = True
    with target.open("w", encoding="utf-8") as stream:
        yaml.dump(data, stream)
    return target


def _codes(result: Result) -> set[str]:
    return set(re.findall(r"\bCCHC\d{3}\b", result.output))


# ---------------------------------------------------------------------------------------
# Every command, format and kind of report runs.


def _commands(case: Case) -> list[list[str]]:
    data = _data(case.path)
    units = [str(u["id"]) for u in data["units"]]
    commands = [
        ["status", "--format", "table"],
        ["status", "--format", "json"],
        ["status", "--format", "csv"],
        ["status", "--late"],
        ["status", "--blocked"],
        ["status", "--late", "--format", "json"],
        ["gaps", "--format", "table"],
        ["gaps", "--format", "json"],
        ["gaps", "--format", "csv"],
        ["report", "--kind", "bao-cao"],
        ["report", "--kind", "bao-cao", "--since", case.past],
        ["report", "--kind", "phu-luc"],
    ]
    for by in ("unit", "field"):
        commands += [["progress", "--by", by, "--format", f] for f in ("table", "json", "csv")]
    for unit in units:
        commands += [
            ["status", "--unit", unit],
            ["status", "--unit", unit, "--format", "json"],
            ["status", "--unit", unit, "--format", "csv"],
            ["report", "--kind", "don-vi", "--unit", unit],
        ]
    return commands


@pytest.mark.parametrize(
    ("case", "args"),
    [(case, args) for case in EVERY for args in _commands(case)],
    ids=lambda v: v.name if isinstance(v, Case) else " ".join(v),
)
def test_every_view_and_report_runs(case: Case, args: list[str]) -> None:
    """Each view in each format, and each kind of report for each unit, exits 0."""
    output = _ok(_run(case, *args))
    assert output.strip()


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["--format", "text"],
        ["--format", "json"],
        ["--format", "github"],
        ["--lang", "en"],
        ["--strict"],
    ],
    ids=lambda a: " ".join(a) or "default",
)
@pytest.mark.parametrize("case", EVERY, ids=_ids)
def test_plan_is_valid_in_every_format(case: Case, args: list[str]) -> None:
    """The plan validates with no error and no warning, whatever the format."""
    output = _ok(_validate(case.path, case.as_of, *args))
    if "json" in args:
        document = json.loads(output)
        assert document["diagnostics"] == []
        assert document["files"][0]["valid"] is True
    else:
        assert "CCHC" not in output
        assert "::error" not in output
        assert "::warning" not in output


def test_schema_prints() -> None:
    """`cchc schema` prints the JSON Schema."""
    document = json.loads(_ok(_invoke(("schema",))))
    assert "assessment" in document["properties"]


# ---------------------------------------------------------------------------------------
# The body's words come from its own plan.


def _all_documents(case: Case) -> str:
    """The report in both voices, its appendix and every unit's sheet, as of the case's
    date."""
    sheets = [
        _report(case, "--kind", "don-vi", "--unit", str(u["id"]))
        for u in _data(case.path)["units"]
    ]
    upward = _report(case, "--to", "cap-tren")
    return "\n".join([_report(case), upward, _report(case, "--kind", "phu-luc"), *sheets])


@pytest.mark.parametrize("case", OTHERS, ids=_ids)
def test_no_word_of_another_kind_of_body(case: Case) -> None:
    """A Ban's documents say Lãnh đạo Ban and TRƯỞNG BAN, never Lãnh đạo Sở, thuộc Sở,
    Văn phòng Sở or GIÁM ĐỐC; a Sở's never the Ban's (words its plan does not hold)."""
    data = _data(case.path)
    kind = _kind(data)
    heads = {"Ban": "TRƯỞNG BAN", "Sở": "GIÁM ĐỐC"}
    other = next(k for k in heads if k != kind)
    foreign = [f"Lãnh đạo {other}", f"thuộc {other}", f"Văn phòng {other}", heads[other]]
    plan_text = case.path.read_text(encoding="utf-8")
    assert not [w for w in foreign if w in plan_text], "the plan itself holds the words"
    text = _all_documents(case) + _ok(_run(case, "status", "--blocked"))
    assert [w for w in foreign if w in text] == []
    # Nor the other kind's name at all, but where the plan's own text holds it (or as a
    # name: the province's Sở Nội vụ, to whom a body reports upward).
    own_text = _words(text).replace("Sở Nội vụ", "")
    for value in _strings(data):
        if re.search(rf"\b{other}\b", value):
            own_text = own_text.replace(_words(value), "")
    assert re.findall(rf".{{0,40}}\b{other}\b.{{0,40}}", own_text) == []
    assert f"Lãnh đạo {kind}" in text
    assert f"**{heads[kind]}**" in text or f"**KT. {heads[kind]}**" in text


def test_the_ban_derives_its_words() -> None:
    """Without kind, head_title or leadership keys, the Ban's report to its head names
    him, his deputies, the Ban's own units and the office's chief; its report to the
    province names the deputy signing for the Trưởng ban."""
    issuer = _data(BAN.path)["document"]["issuer"]
    assert not {"kind", "head_title", "leadership", "abbreviation"} & set(issuer)
    text = _report(BAN)
    assert "Kính gửi: Trưởng Ban Quản lý các khu công nghiệp tỉnh Hưng Yên." in text
    assert "- Như trên;<br>- Các Phó Trưởng ban;<br>- Các phòng, đơn vị thuộc Ban;" in text
    assert "**CHÁNH VĂN PHÒNG**<br><br><br><br>**Đào Thị Hương**" in text
    assert "Văn phòng Ban kính báo cáo Trưởng ban xem xét, chỉ đạo./." in text
    assert "Văn phòng Ban kính đề xuất Trưởng ban:" in text
    upward = _report(BAN, "--to", "cap-tren")
    assert "Kính gửi: Sở Nội vụ tỉnh Hưng Yên." in upward
    assert "- Như trên;<br>- UBND tỉnh Hưng Yên (b/c);<br>- Trưởng ban, các Phó Trưởng ban;" in (
        upward
    )
    assert "| Số:" + CLERK_BLANK + "/BC-BQL |" in upward  # the mark of the plan's own number
    assert "**KT. TRƯỞNG BAN**<br>**PHÓ TRƯỞNG BAN**" in upward


@pytest.mark.parametrize("case", EVERY, ids=_ids)
def test_number_has_no_dangling_dash(case: Case) -> None:
    """The office's report is numbered as the office's ("Số: …/BC-VP"); the body's,
    without an abbreviation, "Số: …/BC", with one, "Số: …/BC-ABBR"."""
    assert f"| Số:{CLERK_BLANK}/BC-VP |" in _report(case)
    document = _data(case.path)["document"]
    mark = document["number"].split("-", 1)[1] if "-" in document["number"] else None
    abbreviation = document["issuer"].get("abbreviation") or mark
    text = _report(case, "--to", "cap-tren")
    number = next(line for line in text.splitlines() if line.startswith("| Số:"))
    if abbreviation:
        assert number.startswith(f"| Số:{CLERK_BLANK}/BC-{abbreviation} |")
    else:
        assert number.startswith(f"| Số:{CLERK_BLANK}/BC |")


@pytest.mark.parametrize("case", EVERY, ids=_ids)
def test_recipients_come_from_the_plan(case: Case) -> None:
    """Nơi nhận: "Như trên" (the addressee), then reporting.recipients when the plan
    gives them, else the head's deputies and the units; the report to the province,
    reporting.upward.recipients, else the province, the leadership and the units."""
    data = _data(case.path)
    kind = _kind(data)
    reporting = data.get("reporting", {})
    head = "Trưởng ban" if kind == "Ban" else "Giám đốc Sở"
    head_title = "Trưởng ban" if kind == "Ban" else "Giám đốc"
    given = reporting.get("recipients") or []
    expected = given or [f"Các Phó {head}", f"Các phòng, đơn vị thuộc {kind}"]
    parent = data["document"]["parent"]["short_name"]
    upward = reporting.get("upward", {}).get("recipients") or []
    deputy_signs = bool(
        (reporting.get("upward", {}).get("signer") or data["document"]["signer"] or {}).get(
            "authority"
        )
    )
    upward_expected = upward or [
        f"{parent} (b/c)",
        (f"{head_title}, các Phó {head}" if deputy_signs else f"Các Phó {head}"),
        f"Các phòng, đơn vị thuộc {kind}",
    ]
    for args, wanted in (((), expected), (("--to", "cap-tren"), upward_expected)):
        text = _report(case, *args)
        block = next(line for line in text.splitlines() if line.startswith("| ***Nơi nhận:***"))
        assert re.findall(r"<br>- ([^<]*?);", block) == ["Như trên", *wanted]


@pytest.mark.parametrize("case", EVERY, ids=_ids)
def test_escalation_rule_is_the_plans_own(case: Case) -> None:
    """A unit's sheet quotes the plan's own rule for raising difficulties (the unit is
    the one to raise them), never another plan's; the report to the head does not."""
    rule = _data(case.path).get("reporting", {}).get("escalation")
    unit = _data(case.path)["units"][0]["id"]
    sheet = _words(_report(case, "--kind", "don-vi", "--unit", str(unit)))
    if rule:
        assert f"Kế hoạch quy định: “{_words(rule).rstrip('.')}.”" in sheet
        assert "Kế hoạch quy định" not in _words(_report(case))
    if case is not SKHDT:
        assert "Lãnh đạo các phòng, Trung tâm kịp thời báo cáo" not in sheet


# ---------------------------------------------------------------------------------------
# Points: survey, bonus and penalty.


@pytest.mark.parametrize("case", EVERY, ids=_ids)
def test_survey_lost_sums_every_survey_leaf(case: Case) -> None:
    """`gaps` gives as survey_lost the points lost by every survey-scored leaf, wherever
    it sits, and the report states that figure in Vietnamese."""
    data = _data(case.path)
    expected = _survey_lost(data)
    assert expected > 0
    document = _json(case, "gaps")
    assert _dec(document["survey_lost"]) == expected
    assert _dec(document["total_lost"]) == _tree_lost(data)
    text = _report(case)
    assert (
        "trong đó các tiêu chí đánh giá qua điều tra xã hội học (ĐTXHH) bị trừ "
        f"{_vi(expected)} điểm, chiếm "
    ) in text, text
    table = _ok(_run(case, "gaps"))
    assert f"qua điều tra xã hội học (ĐTXHH): {_vi(expected)} (" in table


def test_survey_points_sit_in_several_fields() -> None:
    """The Sở Tư pháp's survey-scored leaves lie in at least three fields, and a
    criterion four levels deep is in its tree."""
    data = _data(STP.path)
    fields = {above[0] if above else leaf["code"] for leaf, m, above in _leaves(data)}
    survey_fields = {
        above[0] if above else leaf["code"] for leaf, m, above in _leaves(data) if m == "survey"
    }
    assert len(survey_fields) >= 3
    assert survey_fields < fields
    assert any(node["code"].count(".") == 3 for node in _nodes(data))
    document = _json(STP, "gaps")
    depths: list[int] = []
    stack = list(document["gaps"])
    while stack:
        gap = stack.pop()
        depths.append(gap["level"])
        stack.extend(gap["children"])
    assert max(depths) == 4


def _field_method(data: dict[str, Any], code: str) -> str | None:
    """How the points under `code` were lost: the methods of its losing leaves (of all
    its leaves when none lost); "mixed" when they differ."""
    leaves = [(leaf, m) for leaf, m, above in _leaves(data) if code in [*above, leaf["code"]]]
    losing = {m for leaf, m in leaves if _dec(leaf["maximum"]) - _dec(leaf["appraised"]) > 0}
    methods = losing or {m for _, m in leaves}
    return "mixed" if len(methods) > 1 else next(iter(methods), None)


@pytest.mark.parametrize("case", EVERY, ids=_ids)
def test_field_scored_by_both_methods_says_so(case: Case) -> None:
    """A field (or criterion) whose points were lost by appraisal and by survey is
    "mixed" in `gaps`, not the method written on the field; one whose losses were all
    in the survey was lost by survey, whatever the field says."""
    data = _data(case.path)
    document = _json(case, "gaps")
    for field in document["fields"]:
        assert field["method"] == _field_method(data, field["code"]), field["code"]
    stack = list(document["gaps"])
    while stack:
        gap = stack.pop()
        assert gap["method"] == _field_method(data, gap["code"]), gap["code"]
        stack.extend(gap["children"])


@pytest.mark.parametrize("case", EVERY, ids=_ids)
def test_each_field_says_what_the_survey_lost(case: Case) -> None:
    """Each field of the gaps JSON carries survey_lost, as the README documents."""
    data = _data(case.path)
    for field in _json(case, "gaps")["fields"]:
        assert _dec(field["survey_lost"]) == _survey_lost(data, field["code"])


def test_bonus_and_penalty_are_stated_and_kept_out_of_the_losses() -> None:
    """The score is said with its bonus and penalty; the points lost are the tree's
    (maximum less appraised), not the maximum less the score."""
    data = _data(STP.path)
    assessment = data["assessment"]
    bonus, penalty = _dec(assessment["bonus"]), _dec(assessment["penalty"])
    score, maximum = _dec(assessment["score"]), _dec(assessment["maximum"])
    tree_lost = _tree_lost(data)
    assert abs(maximum - tree_lost + bonus - penalty - score) <= Decimal("0.0005")
    assert tree_lost != maximum - score
    document = _json(STP, "gaps")
    assert _dec(document["total_lost"]) == tree_lost
    text = _report(STP)
    assert (
        f"đạt {_vi(score)}/{_vi(maximum)} điểm (đã cộng {_vi(bonus)} điểm thưởng và "
        f"trừ {_vi(penalty)} điểm phạt)"
    ) in text
    assert (
        f"tổng số điểm bị trừ ở các tiêu chí là {_vi(tree_lost)} điểm (chưa tính điểm "
        "thưởng, điểm phạt)"
    ) in text
    appendix = _report(STP, "--kind", "phu-luc")
    assert f"Tổng số điểm bị trừ ở các tiêu chí: {_vi(tree_lost)}/{_vi(maximum)} điểm" in appendix


def _set_score(value: float) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        data["assessment"]["score"] = value
        for peer in data["assessment"]["peers"]:
            if peer.get("own"):
                peer["score"] = value

    return change


@pytest.mark.parametrize(
    ("score", "code"),
    [(100.6, "CCHC231"), (89.9, "CCHC230")],
    ids=["above-maximum-and-bonus", "not-tree-plus-bonus-less-penalty"],
)
def test_score_must_agree_with_bonus_and_penalty(tmp_path: Path, score: float, code: str) -> None:
    """A score above the maximum plus the bonus fails with CCHC231; a score other than
    the tree plus the bonus less the penalty fails with CCHC230."""
    unchanged = _variant(STP, tmp_path / "same", lambda data: None)
    assert _codes(_validate(unchanged, STP.as_of)) == set()
    plan = _variant(STP, tmp_path, _set_score(score))
    result = _validate(plan, STP.as_of)
    assert result.exit_code == 1, result.output
    assert code in _codes(result)
    assert "Traceback" not in result.output


# ---------------------------------------------------------------------------------------
# Ranks and ties.


def _rank_of(score: Decimal, others: list[Decimal]) -> int:
    return 1 + sum(1 for other in others if other > score)


def test_tied_peer_shares_the_rank() -> None:
    """Another Sở with the same score shares rank 7; one more place needs the points of
    the nearest score strictly above."""
    assessment = _data(STP.path)["assessment"]
    own = _dec(assessment["score"])
    others = [_dec(p["score"]) for p in assessment["peers"] if not p.get("own")]
    assert own in others  # the tie
    rank = _json(STP, "progress")["score"]["rank"]
    assert rank["now"] == assessment["rank"] == _rank_of(own, others)
    assert _dec(rank["points_to_next_place"]) == min(o for o in others if o > own) - own
    target = min(t["rank"] for t in assessment["targets"])
    assert _dec(rank["points_to_target"]) == sorted(others, reverse=True)[target - 1] - own


@pytest.mark.parametrize("offset", [-1, 0, 1, 13])
def test_no_points_asked_for_a_rank_already_held(tmp_path: Path, offset: int) -> None:
    """With the tie, `progress` never asks for points to reach a rank the Sở already
    holds (its own, tied, or any below), and asks for some to climb."""
    rank_now = _data(STP.path)["assessment"]["rank"]
    target = rank_now + offset

    def change(data: dict[str, Any]) -> None:
        data["assessment"]["targets"] = [{"year": 2023, "rank": target}]

    plan = _variant(STP, tmp_path, change)
    args = ("progress", "--plan", str(plan), "--as-of", STP.as_of, "--format", "json")
    rank = json.loads(_ok(_invoke(args)))["score"]["rank"]
    assert rank["now"] == rank_now
    assert rank["target_rank"] == target
    if target >= rank_now:
        assert rank["points_to_target"] == 0
    else:
        assert rank["points_to_target"] > 0


def test_first_place_shared_asks_for_nothing(tmp_path: Path) -> None:
    """Tied at rank 1, no positive gap: no points to the next place nor to the target,
    in the JSON, the table and the report."""

    def change(data: dict[str, Any]) -> None:
        assessment = data["assessment"]
        own = assessment["score"]
        for peer in assessment["peers"]:
            if peer["score"] > own:
                peer["score"] = round(own - 1, 3)
        assessment["peers"][0]["score"] = own  # a tie at the top
        assessment["rank"] = 1
        assessment["previous_rank"] = 4
        assessment["rank_change"] = 3

    plan = _variant(STP, tmp_path, change)
    base = ("--plan", str(plan), "--as-of", STP.as_of)
    rank = json.loads(_ok(_invoke(("progress", *base, "--format", "json"))))["score"]["rank"]
    assert rank["now"] == 1
    assert rank["points_to_next_place"] is None
    assert rank["points_to_target"] == 0
    table = _ok(_invoke(("progress", *base)))
    assert re.search(r"Cần thêm \(điểm\) để tăng một hạng\s+đang xếp thứ nhất", table)
    assert re.search(r"Cần thêm \(điểm\) để đạt hạng \d+\s+0\n", table)
    text = _ok(_invoke(("report", *base)))
    assert "xếp thứ 1/" in text
    assert "cần thêm" not in text.lower()


# ---------------------------------------------------------------------------------------
# A past as-of date reads the plan as it stood.


def _finished_later(case: Case) -> list[dict[str, Any]]:
    """Done tasks whose 100 % entry is after the past date but which had begun by it."""
    past = date.fromisoformat(case.past)
    return [
        task
        for task in _data(case.path)["tasks"]
        if task["status"] == "done"
        and task["progress"][-1]["date"] > past
        and task["progress"][0]["date"] <= past
    ]


@pytest.mark.parametrize("case", OTHERS, ids=_ids)
def test_past_as_of_shows_the_plan_as_it_stood(case: Case) -> None:
    """As of a past date, a task whose 100 % entry came later is in progress, with the
    percent it had; validate as of that date still reports the later entries."""
    tasks = _finished_later(case)
    assert tasks
    past = date.fromisoformat(case.past)
    states = {t["id"]: t for t in _json(case, "status", as_of=case.past)["tasks"]}
    for task in tasks:
        kept = [e for e in task["progress"] if e["date"] <= past]
        assert states[task["id"]]["status"] == "in_progress"
        assert states[task["id"]]["percent"] == kept[-1]["percent"]
        sheet = _report(case, "--kind", "don-vi", "--unit", task["lead"], as_of=case.past)
        row = next(x for x in sheet.splitlines() if x.startswith(f"| {task['id']}. "))
        assert "| đang thực hiện |" in row
        now = _report(case, "--kind", "don-vi", "--unit", task["lead"])
        row = next(x for x in now.splitlines() if x.startswith(f"| {task['id']}. "))
        assert "| hoàn thành |" in row
    _report(case, as_of=case.past)
    result = _validate(case.path, case.past)
    assert result.exit_code == 1
    assert "CCHC213" in _codes(result)


@pytest.mark.parametrize("case", OTHERS, ids=_ids)
def test_difficulty_resolved_later_was_open_then(case: Case) -> None:
    """A difficulty resolved after the past date waits for the leadership in the
    report as of that date, and no longer in today's."""
    past = date.fromisoformat(case.past)
    later = [
        (task, d)
        for task in _data(case.path)["tasks"]
        for d in task.get("difficulties", [])
        if d["raised_on"] <= past < d.get("resolved_on", date.max)
        and d.get("resolved_on") is not None
    ]
    assert later
    then = _words(_report(case, as_of=case.past))
    now = _words(_report(case))
    blocked = {t["id"] for t in _json(case, "status", "--blocked", as_of=case.past)["tasks"]}
    for task, difficulty in later:
        # The report says what stands in the way, else what is asked (its own words).
        cause, ask = cause_and_ask(difficulty["text"])
        said = fold(_words(cause or ask or ""))
        assert said
        assert said in fold(then)
        assert said not in fold(now)
        assert task["id"] in blocked


# ---------------------------------------------------------------------------------------
# The appendix, the progress log, the units.


def _rows(appendix: str) -> list[str]:
    """The appendix's criterion rows and their further tasks' rows (not the fields')."""
    return [line for line in appendix.splitlines() if re.match(r"\| (\d+ )?\| ", line)]


@pytest.mark.parametrize("case", OTHERS, ids=_ids)
def test_appendix_keeps_the_parents_words(case: Case) -> None:
    """A criterion that carries shortcomings and causes while its children lost the
    points (without words of their own) is one row of the appendix, with its words."""
    data = _data(case.path)

    def words_below(node: dict[str, Any]) -> bool:
        return any(
            c.get("shortcomings") or c.get("causes") or words_below(c)
            for c in node.get("children", [])
        )

    parents = [
        n
        for n in _nodes(data)
        if n.get("children") and (n.get("shortcomings") or n.get("causes")) and not words_below(n)
    ]
    assert parents
    rows = _rows(_report(case, "--kind", "phu-luc"))
    for parent in parents:
        mine = [r for r in rows if r.split(" | ")[1].startswith(f"{parent['code']}. ")]
        assert len(mine) == 1, parent["code"]
        for text in [*parent.get("shortcomings", []), *parent.get("causes", [])]:
            assert _words(text) in mine[0]
        children = [r for r in rows if r.split(" | ")[1].startswith(f"{parent['code']}.")]
        assert children == mine  # the children have no rows of their own


@pytest.mark.parametrize("case", OTHERS, ids=_ids)
def test_appendix_marks_the_cancelled_task(case: Case) -> None:
    """A cancelled task stays listed as a remedy in the appendix, marked (đã hủy)."""
    cancelled = [t for t in _data(case.path)["tasks"] if t["status"] == "cancelled"]
    assert cancelled
    rows = _rows(_report(case, "--kind", "phu-luc"))
    for task in cancelled:
        mine = [r for r in rows if f"{task['id']}. " in r]
        assert mine, task["id"]
        for row in mine:
            entry = re.search(rf"\b{re.escape(task['id'])}\. (.*?) \|", row)
            assert entry, row
            assert entry[1].endswith("(đã hủy)"), entry[1]
    for row in rows:
        if "(đã hủy)" in row:
            assert any(f"{t['id']}. " in row for t in cancelled), row


@pytest.mark.parametrize("case", OTHERS, ids=_ids)
def test_later_entry_of_a_day_is_the_last_update(case: Case) -> None:
    """Of two entries on one date, the later in the file is the task's last update."""
    tasks = [
        t
        for t in _data(case.path)["tasks"]
        if len(t.get("progress", [])) > 1
        and t["progress"][-1]["date"] == t["progress"][-2]["date"]
    ]
    assert tasks
    states = {t["id"]: t for t in _json(case, "status")["tasks"]}
    for task in tasks:
        last = task["progress"][-1]
        state = states[task["id"]]
        assert state["last_update"] == last["date"].isoformat()
        assert _words(state["last_note"]) == _words(last["note"])
        assert state["percent"] == last["percent"]
        sheet = _words(_report(case, "--kind", "don-vi", "--unit", task["lead"]))
        assert _words(last["note"]) in sheet
        assert _words(task["progress"][-2]["note"]) not in sheet


@pytest.mark.parametrize("case", EVERY, ids=_ids)
def test_units_count_led_and_supported_apart(case: Case) -> None:
    """Each unit's line counts the tasks it leads and those it supports apart, late
    ones too."""
    data = _data(case.path)
    as_of = date.fromisoformat(case.as_of)
    tasks = data["tasks"]
    summaries = {u["unit"]: u for u in _json(case, "status")["units"]}
    for unit in data["units"]:
        uid = unit["id"]
        led = [t for t in tasks if t["lead"] == uid]
        supported = [t for t in tasks if uid in t.get("support", [])]
        if not led and not supported:
            assert uid not in summaries
            continue
        summary = summaries[uid]
        assert summary["led"] == len(led)
        assert summary["supported"] == len(supported)
        assert summary["late"] == sum(_late(data, t, as_of) for t in led)
        assert summary["supported_late"] == sum(_late(data, t, as_of) for t in supported)
        assert summary["done"] == sum(t["status"] == "done" for t in led)
    if case is not SKHDT:
        assert any(u["late"] == 0 and u["supported_late"] > 0 for u in summaries.values())


@pytest.mark.parametrize("case", EVERY, ids=_ids)
def test_late_and_blocked_filters(case: Case) -> None:
    """--late lists the open tasks past their due date; --blocked those with a
    difficulty raised and not yet resolved."""
    data = _data(case.path)
    as_of = date.fromisoformat(case.as_of)
    late = {t["id"] for t in data["tasks"] if _late(data, t, as_of)}
    blocked = {
        t["id"]
        for t in data["tasks"]
        if any(
            d["raised_on"] <= as_of and (d.get("resolved_on") is None or d["resolved_on"] > as_of)
            for d in t.get("difficulties", [])
        )
    }
    assert late
    assert blocked
    assert {t["id"] for t in _json(case, "status", "--late")["tasks"]} == late
    assert {t["id"] for t in _json(case, "status", "--blocked")["tasks"]} == blocked
    rows = list(
        csv.DictReader(
            io.StringIO(_ok(_run(case, "status", "--late", "--format", "csv")).lstrip("\ufeff"))
        )
    )
    assert {r["id"] for r in rows} == late


@pytest.mark.parametrize("as_of", ["now", "past"])
@pytest.mark.parametrize("case", EVERY, ids=_ids)
def test_stale_count_is_the_same_in_progress_and_report(case: Case, as_of: str) -> None:
    """The count of tasks not updated for 30 days is the same in `progress` and in the
    status JSON; the report to the head counts, of those, the tasks under way that wait
    on no one (no open difficulty, no note saying it was submitted) and that the office
    does not lead itself: the ones to chase."""
    day = case.as_of if as_of == "now" else case.past
    table = _ok(_run(case, "progress", as_of=day))
    printed = re.search(rf"Quá {STALE_DAYS} ngày chưa cập nhật tiến độ \((\d+)\)", table)
    assert printed, table
    count = int(printed[1])
    assert count == len(_json(case, "progress", as_of=day)["stale"])
    tasks = _json(case, "status", as_of=day)["tasks"]
    assert count == sum(1 for t in tasks if t["stale"])
    office = next(u["id"] for u in _data(case.path)["units"] if u["kind"] == "office")
    chased = [
        t
        for t in tasks
        if t["stale"]
        and t["status"] == "in_progress"
        and not t["open_difficulties"]
        and not re.search(r"\b(chờ|đã trình)\b", t["last_note"] or "", re.IGNORECASE)
        and t["lead"] != office
    ]
    text = _report(case, as_of=day)
    sentence = f"nhiệm vụ đang triển khai đã quá {STALE_DAYS} ngày chưa báo cáo tiến độ"
    if chased:
        assert f"Có {vn_count(len(chased))} {sentence}" in text
    else:
        assert sentence not in text
    if as_of == "now":
        assert count > 0


# ---------------------------------------------------------------------------------------
# Options of `report`.


@pytest.mark.parametrize("case", EVERY, ids=_ids)
def test_unit_alone_writes_the_units_sheet(case: Case) -> None:
    """`report --unit X` without --kind is X's sheet, the same as --kind don-vi."""
    for unit in _data(case.path)["units"]:
        alone = _report(case, "--unit", unit["id"])
        assert alone == _report(case, "--kind", "don-vi", "--unit", unit["id"])
        assert alone.startswith("**PHIẾU THEO DÕI NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH**")
        # The office's own sheet is headed as running text names it ("Văn phòng Sở").
        heading = unit["name"] if unit["kind"] != "office" else _words(unit["name"])
        assert f"**{heading}" in alone


@pytest.mark.parametrize(
    "args",
    [
        ["--kind", "phu-luc", "--unit", "office"],
        ["--kind", "bao-cao", "--unit", "office"],
        ["--kind", "don-vi"],
        ["--since", "2100-01-01"],
    ],
    ids=["appendix-with-unit", "report-with-unit", "sheet-without-unit", "since-after-as-of"],
)
@pytest.mark.parametrize("case", EVERY, ids=_ids)
def test_report_usage_errors_exit_2(case: Case, args: list[str]) -> None:
    """A unit with a kind that takes none, a sheet without a unit, or a previous
    report dated after --as-of: exit 2, a message, no traceback."""
    result = _run(case, "report", *args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert result.output.strip()


def test_the_units_reporting_rule_is_the_plans_own() -> None:
    """reporting.due closes the office's next tasks, and each unit's sheet: the units
    report by the plan's rule; a plan without one reminds them only when some are
    stale ("đúng định kỳ"), and its unit sheets say nothing of it."""
    rule = "báo cáo tiến độ thực hiện về Văn phòng Sở trước ngày 20 hằng tháng."
    assert f"Các phòng, đơn vị {rule}" in _words(_report(STP))
    sheet = _words(_report(STP, "--kind", "don-vi", "--unit", "legal-aid"))
    assert f"Đề nghị Trung tâm Trợ giúp pháp lý nhà nước {rule}" in sheet
    assert rule not in _words(_report(STP, "--kind", "don-vi", "--unit", "office"))
    assert "báo cáo tiến độ thực hiện về Văn phòng Ban đúng định kỳ." in _words(_report(BAN))
    assert "báo cáo tiến độ thực hiện về" not in _report(
        BAN, "--kind", "don-vi", "--unit", "enterprise"
    )


@pytest.mark.parametrize("case", EVERY, ids=_ids)
def test_a_units_sheet_is_the_office_writing_to_it(case: Case) -> None:
    """Each unit's sheet: the office writes to the unit (never to itself), says what it
    leads and supports without a zero count, names the lead of each task it supports,
    and the points each task's criteria lost."""
    data = _data(case.path)
    kind = _kind(data)
    names = {u["id"]: u["name"] for u in data["units"]}
    names = {k: f"{v} {kind}" if v == "Văn phòng" else v for k, v in names.items()}
    for unit in data["units"]:
        sheet = _report(case, "--kind", "don-vi", "--unit", str(unit["id"]))
        addressed = f"gửi {unit['name']} tình hình thực hiện các nhiệm vụ được giao"
        assert (addressed in sheet) is (unit["kind"] != "office"), unit["id"]
        assert " 0 nhiệm vụ" not in sheet
        assert "00 nhiệm vụ" not in sheet
        for task in data["tasks"]:
            if unit["id"] in task.get("support", []):
                row = next(x for x in sheet.splitlines() if x.startswith(f"| {task['id']}. "))
                assert f"| phối hợp ({names[task['lead']]} chủ trì) |" in row
                assert all(str(code) in row for code in task["criteria"])
