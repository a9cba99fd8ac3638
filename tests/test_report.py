"""The leadership report: golden outputs, valid Markdown tables, templates, safety."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from ruamel.yaml import YAML
from typer.testing import CliRunner

from cchc_plan import vietnamese
from cchc_plan.cli import app
from cchc_plan.documents import markdown
from cchc_plan.models import Deadline
from tests.conftest import AS_OF, PLAN_2021, ROOT

GOLDEN = Path(__file__).resolve().parent / "golden"
KINDS = {
    "bao-cao": ["--kind", "bao-cao", "--since", "2021-07-01"],
    "phu-luc": ["--kind", "phu-luc"],
    "don-vi": ["--kind", "don-vi", "--unit", "office"],
}
# Plan text that would break a table or change the formatting if it went in raw:
# pipes, a real line break (a literal block), emphasis, headings, HTML, template code.
HOSTILE = [
    ("description: >-\n      Theo dõi, đôn đốc", "description: |-\n      Theo dõi, đôn đốc"),
    (
        "Theo dõi, đôn đốc thực hiện Kế hoạch CCHC năm 2021 của Sở",
        "Theo dõi | đôn đốc *gấp* _ngay_ # <b>x</b> [link](y) {{ 7 * 7 }} `code`",
    ),
    ("Chưa có kinh phí mua sắm bảng hướng dẫn", "Chưa có | kinh phí **mua** sắm <script>"),
    (
        "assignee: Nguyễn Thị M\n    deadline: ongoing",
        'assignee: "Nguyễn | Thị *M*"\n    deadline: ongoing',
    ),
]


def _report(runner: CliRunner, plan: Path, *args: str) -> str:
    result = runner.invoke(
        app, ["report", "--plan", str(plan), "--as-of", AS_OF.isoformat(), *args]
    )
    assert result.exit_code == 0, result.output
    return result.output


def _hostile_plan(folder: Path) -> Path:
    text = PLAN_2021.read_text(encoding="utf-8")
    for old, new in HOSTILE:
        assert old in text
        text = text.replace(old, new, 1)
    plan = folder / "2021.yaml"
    plan.write_text(text, encoding="utf-8")
    return plan


def _table_rows(markdown: str) -> list[tuple[int, int]]:
    """(header cells, row cells) for every row of every table, as a GFM parser sees it."""
    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    rows: list[tuple[int, int]] = []
    header = 0
    cells = 0
    for token in tokens:
        if token.type == "tr_open":
            cells = 0
        elif token.type in {"th_open", "td_open"}:
            cells += 1
        elif token.type == "tr_close":
            if header == 0:
                header = cells
            rows.append((header, cells))
        elif token.type == "table_close":
            header = 0
    return rows


# Every plan's documents, both voices: (plan file, as-of, since, a unit that only supports
# or leads few tasks). Their golden files are read line by line when they change.
PLANS = ROOT / "tests" / "plans"
BODIES = {
    "2021": (PLAN_2021, "2021-09-30", "2021-07-01", "foreign"),
    "ban-quan-ly": (
        ROOT / "tests" / "plans" / "ban-quan-ly.yaml",
        "2021-10-05",
        None,
        "enterprise",
    ),
    "so-tu-phap": (
        ROOT / "tests" / "plans" / "so-tu-phap.yaml",
        "2023-10-06",
        "2023-07-20",
        "legal-aid",
    ),
}
DOCUMENTS = {
    "bao-cao": ["--kind", "bao-cao"],
    "bao-cao-cap-tren": ["--kind", "bao-cao", "--to", "cap-tren"],
    "phu-luc": ["--kind", "phu-luc"],
    "don-vi-office": ["--kind", "don-vi", "--unit", "office"],
    "don-vi-other": ["--kind", "don-vi", "--unit", "{unit}"],
}


@pytest.mark.parametrize("document", list(DOCUMENTS))
@pytest.mark.parametrize("body", list(BODIES))
def test_golden_documents(
    runner: CliRunner, body: str, document: str, update_golden: bool
) -> None:
    """Each plan's documents, in both voices, are exactly their golden files."""
    plan, as_of, since, unit = BODIES[body]
    args = [a.replace("{unit}", unit) for a in DOCUMENTS[document]]
    if since and document.startswith("bao-cao"):
        args += ["--since", since]
    result = runner.invoke(app, ["report", "--plan", str(plan), "--as-of", as_of, *args])
    assert result.exit_code == 0, result.output
    golden = GOLDEN / body / f"{document}.md"
    if update_golden:
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(result.output, encoding="utf-8")
    assert golden.exists(), f"no {body}/{golden.name}: run pytest --update-golden"
    assert result.output == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("kind", list(KINDS))
def test_output_is_tidy_and_deterministic(runner: CliRunner, kind: str) -> None:
    """Same plan and date, same bytes: NFC, no trailing spaces, one trailing newline."""
    first = _report(runner, PLAN_2021, *KINDS[kind])
    assert first == _report(runner, PLAN_2021, *KINDS[kind])
    assert unicodedata.is_normalized("NFC", first)
    assert first.endswith("\n")
    assert not first.endswith("\n\n")
    assert all(line == line.rstrip() for line in first.splitlines())


@pytest.mark.parametrize("kind", list(KINDS))
@pytest.mark.parametrize("hostile", [False, True], ids=["plain", "hostile-text"])
def test_every_table_row_has_its_header_cells(
    runner: CliRunner, tmp_path: Path, kind: str, hostile: bool
) -> None:
    """A GFM parser sees every row with the header's number of cells, even when plan
    text holds |, line breaks, * and other Markdown."""
    plan = _hostile_plan(tmp_path) if hostile else PLAN_2021
    text = _report(runner, plan, *KINDS[kind])
    rows = _table_rows(text)
    assert len(rows) >= (2 if kind == "bao-cao" else 4)  # the report: header, signature
    assert all(header == cells for header, cells in rows), rows


def test_plan_text_is_data_not_markup_nor_template(runner: CliRunner, tmp_path: Path) -> None:
    """Plan text is escaped for Markdown and never evaluated as a template."""
    text = _report(runner, _hostile_plan(tmp_path), *KINDS["phu-luc"])
    row = next(line for line in text.splitlines() if "t01. " in line)
    assert "t01. Theo dõi \\| đôn đốc \\*gấp\\* \\_ngay\\_ \\# &lt;b\\>x&lt;/b\\>" in row
    assert "\\{\\{ 7 \\* 7 \\}\\}" in row  # never rendered to 49
    html = MarkdownIt("commonmark").enable("table").render(text)
    assert "<b>x</b>" not in html
    assert "<em>gấp</em>" not in html
    assert "{{ 7 * 7 }}" in html


def test_report_names_the_essentials(runner: CliRunner) -> None:
    """The office's report to the head carries the department's and the office's names,
    the addressee, the place and date, the result, the completion rate, the closing to
    the head, and the office chief's signature."""
    text = _report(runner, PLAN_2021, *KINDS["bao-cao"])
    for expected in [
        "| SỞ KẾ HOẠCH VÀ ĐẦU TƯ<br>**VĂN PHÒNG** |",
        "**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**",
        "Số:\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0/BC-VP",
        "*Trà Vinh, ngày 30 tháng 9 năm 2021*",
        "**BÁO CÁO**",
        "Kính gửi: Giám đốc Sở Kế hoạch và Đầu tư.",
        "Kế hoạch số 10/KH-SKHĐT ngày 15/4/2021",
        "đạt 83,804/100 điểm, xếp thứ 8/16 sở, ban, ngành tỉnh (tăng 4 hạng so với năm 2019)",
        "điều tra xã hội học (ĐTXHH) bị trừ 10,946 điểm, chiếm 67,6%",
        "đã hoàn thành 04/18 nhiệm vụ (đạt 22,2%; tăng 02 nhiệm vụ so với kỳ báo cáo ngày "
        "01/7/2021)",
        "(Thanh tra Sở chủ trì): đã công bố danh mục; tài liệu kiểm chứng: Báo cáo số "
        "52/BC-SKHĐT ngày 25/6/2021;",
        "tỷ lệ hồ sơ trực tuyến quý III đạt 62 %",
        "## IV. ĐỀ XUẤT, KIẾN NGHỊ",
        "Văn phòng Sở kính đề xuất Giám đốc Sở:",
        "Văn phòng Sở kính báo cáo Giám đốc Sở xem xét, chỉ đạo./.",
        "**Nơi nhận:**",
        "- Như trên;",
        "- Lưu: VT, VP.",
        "**CHÁNH VĂN PHÒNG**<br><br><br><br>**Trần Văn A**",
    ]:
        assert expected in text, expected
    assert "Kế hoạch số 10/KH-SKHĐT ngày 15/4/2021" not in text.split("như sau:", 1)[1]
    for id_or_name in ("t11", "Nguyễn Thị M", "**83,804"):
        assert id_or_name not in text  # no task id, no official, no bold figure


def test_the_report_upward_is_the_departments(runner: CliRunner) -> None:
    """`--to cap-tren`: the department writes to the province's Sở Nội vụ, under its
    parent's name, signed by the plan's signer; it names no official and grades no
    unit, and its closing passes the report on to the province."""
    text = _report(runner, PLAN_2021, *KINDS["bao-cao"], "--to", "cap-tren")
    for expected in [
        "| UBND TỈNH TRÀ VINH<br>**SỞ KẾ HOẠCH VÀ ĐẦU TƯ** |",
        "Số:\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0/BC-SKHĐT",
        "Kính gửi: Sở Nội vụ tỉnh Trà Vinh.",
        "Sở Kế hoạch và Đầu tư báo cáo Sở Nội vụ tỉnh Trà Vinh tổng hợp, báo cáo Ủy ban "
        "nhân dân tỉnh Trà Vinh./.",
        "- Như trên;<br>- UBND tỉnh Trà Vinh (b/c);",
        "**GIÁM ĐỐC**",
    ]:
        assert expected in text, expected
    assert "chủ trì)" not in text  # no unit named for its tasks
    assert "Trần Văn A" not in text
    assert "kính đề xuất" not in text
    assert "## IV. ĐỀ XUẤT, KIẾN NGHỊ\n\n…\n" in text  # the department's to write


def test_to_is_for_the_report_and_its_appendix(runner: CliRunner) -> None:
    """`--to` with the appendix makes it the report's: it cites the report, and each
    task shows its progress; a unit's sheet has no addressee to choose."""
    args = ["report", "--plan", str(PLAN_2021), "--as-of", AS_OF.isoformat(), "--kind"]
    plain = runner.invoke(app, [*args, "phu-luc"]).output
    attached = runner.invoke(app, [*args, "phu-luc", "--to", "lanh-dao"]).output
    assert "*(Kèm theo Kế hoạch số 10/KH-SKHĐT ngày 15/4/2021 của Sở Kế hoạch và Đầu tư)*" in plain
    assert "Tiến độ đến" not in plain
    blank = "\u00a0" * 6
    assert f"*(Kèm theo Báo cáo số{blank}/BC-VP ngày 30/9/2021 của Văn phòng Sở)*" in (attached)
    assert "| Tiến độ đến 30/9/2021 | Tình trạng |" in attached
    assert "| 60% | đang thực hiện (trễ hạn) |" in attached
    result = runner.invoke(app, [*args, "don-vi", "--unit", "office", "--to", "cap-tren"])
    assert result.exit_code == 2
    assert "--to" in result.output


def test_user_template_gets_the_same_data(runner: CliRunner, tmp_path: Path) -> None:
    """--template renders a user's own template with the documented data."""
    mine = tmp_path / "mine.md.j2"
    mine.write_text(
        "{{ plan.document.number }}: {{ gaps.total_lost | number }} điểm; "
        "{{ progress.total }} nhiệm vụ; {{ as_of | long_date }}\n",
        encoding="utf-8",
    )
    text = _report(runner, PLAN_2021, "--template", str(mine))
    assert text == "10/KH-SKHĐT: 16,196 điểm; 18 nhiệm vụ; ngày 30 tháng 9 năm 2021\n"


@pytest.mark.parametrize(
    ("source", "where", "why"),
    [
        ("dòng một\n{{ plan.document.number }}\n{{ no_such_thing }}\n", ":3", "no_such_thing"),
        ("{{ plan.__class__.__init__.__globals__ }}\n", "", "unsafe"),
        ("ok\n{% for x in %}\n", ":2", ""),
    ],
    ids=["undefined-name", "sandbox", "syntax-error"],
)
def test_broken_template_names_itself(
    runner: CliRunner, tmp_path: Path, source: str, where: str, why: str
) -> None:
    """An undefined name, an unsafe access or bad syntax: exit 1, naming template and line."""
    mine = tmp_path / "mine.md.j2"
    mine.write_text(source, encoding="utf-8")
    result = runner.invoke(
        app, ["report", "--plan", str(PLAN_2021), "--as-of", "2021-09-30", "--template", str(mine)]
    )
    assert result.exit_code == 1
    assert f"mine.md.j2{where}" in result.output
    assert why in result.output


def test_output_file_is_written_whole(runner: CliRunner, tmp_path: Path) -> None:
    """-o writes the report to a file (atomically), and nothing to the terminal."""
    target = tmp_path / "bao-cao.md"
    target.write_text("old report\n", encoding="utf-8")
    result = runner.invoke(
        app, ["report", "--plan", str(PLAN_2021), "--as-of", "2021-09-30", "-o", str(target)]
    )
    assert result.exit_code == 0, result.output
    assert result.output == ""
    assert target.read_text(encoding="utf-8").startswith(
        "| SỞ KẾ HOẠCH VÀ ĐẦU TƯ<br>**VĂN PHÒNG**"
    )
    assert [p.name for p in tmp_path.iterdir()] == ["bao-cao.md"]


def test_unit_sheet_needs_a_unit(runner: CliRunner) -> None:
    """--kind don-vi without --unit is a usage error."""
    result = runner.invoke(
        app, ["report", "--plan", str(PLAN_2021), "--as-of", "2021-09-30", "--kind", "don-vi"]
    )
    assert result.exit_code == 2


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (83.804, "83,804"),
        (1250, "1.250"),
        (0.25, "0,25"),
        (100, "100"),
        (1234567.5, "1.234.567,5"),
        (2.5004, "2,5004"),
        (95.35400000000001, "95,354"),
    ],
)
def test_number_filter(value: float, expected: str) -> None:
    """Numbers have a decimal comma and dot thousands."""
    assert vietnamese.number(value) == expected


def test_date_and_deadline_filters() -> None:
    """Dates short and long, quarters, years and ongoing, as Vietnamese documents write them."""
    from datetime import date  # noqa: PLC0415

    assert vietnamese.short_date(date(2021, 4, 15)) == "15/4/2021"
    assert vietnamese.long_date(date(2021, 4, 15)) == "ngày 15 tháng 4 năm 2021"
    # Nghị định 30: a day below 10 and the months 1 and 2 take a leading zero.
    assert vietnamese.short_date(date(2021, 4, 8)) == "08/4/2021"
    assert vietnamese.long_date(date(2021, 1, 5)) == "ngày 05 tháng 01 năm 2021"
    assert vietnamese.short_date(date(2021, 12, 1)) == "01/12/2021"
    assert vietnamese.deadline(Deadline.parse("2021-Q2")) == "Quý II/2021"
    assert vietnamese.deadline(Deadline.parse(2021)) == "Năm 2021"
    assert vietnamese.deadline(Deadline.parse("ongoing")) == "Thường xuyên"
    # Inside a sentence, in lower case.
    assert vietnamese.deadline(Deadline.parse("2021-Q2"), inline=True) == "quý II/2021"
    assert vietnamese.deadline(Deadline.parse("ongoing"), inline=True) == "thường xuyên"
    assert vietnamese.percent(52.8) == "52,8%"


def test_cell_escapes_what_breaks_tables() -> None:
    """A cell keeps |, *, _, #, < and line breaks from changing the table."""
    assert markdown.cell("a | b\nc *d* _e_ #f <g>") == "a \\| b c \\*d\\* \\_e\\_ \\#f &lt;g\\>"


def test_a_later_period_reads_as_one(runner: CliRunner) -> None:
    """A report past the year after the assessed one names its own period and recalls
    the index in a clause, rather than opening with it as news."""
    later = _report(runner, PLAN_2021, "--as-of", "2022-06-30")
    assert "(tính đến ngày 30/6/2022)**" in later
    assert "Kế hoạch số 10/KH-SKHĐT được ban hành nhằm khắc phục 16,196 điểm bị trừ" in later
    assert "Theo Quyết định số 684/QĐ-UBND" not in later
    first = _report(runner, PLAN_2021)
    assert "Theo Quyết định số 684/QĐ-UBND ngày 08/4/2021" in first


def test_the_date_line_is_the_signing_day(runner: CliRunner) -> None:
    """`--date` sets the date line (the day it is signed); the report still counts to
    --as-of."""
    text = _report(runner, PLAN_2021, "--date", "2021-10-05")
    assert "*Trà Vinh, ngày 05 tháng 10 năm 2021* |" in text
    assert "(tính đến ngày 30/9/2021)**" in text


def test_a_units_sheet_shows_what_waits_for_the_heads_signature(runner: CliRunner) -> None:
    """Work whose last note waits for the head's signature is listed on its unit's sheet,
    dated from its submission; a unit with none has no such list."""
    sheet = _report(runner, PLAN_2021, "--kind", "don-vi", "--unit", "registration")
    assert "**Đang chờ Giám đốc Sở ký ban hành:**" in sheet
    assert "- t05: Rà soát quy trình nội bộ" in sheet
    assert "(đã trình ngày 05/7/2021)." in sheet
    other = _report(runner, PLAN_2021, "--kind", "don-vi", "--unit", "foreign")
    assert "ký ban hành:" not in other


def test_plan_text_in_a_stated_cause_is_escaped_once(runner: CliRunner, tmp_path: Path) -> None:
    """A draft waiting on the province is a stated cause, built from the task's
    deliverable: its Markdown is escaped once (shown as written), never twice."""
    data = YAML(typ="safe").load((PLANS / "so-tu-phap.yaml").read_text(encoding="utf-8"))
    task = next(t for t in data["tasks"] if t["id"] == "s03")
    task["deliverable"] = "Quyết định *công bố* <b>x</b>; bảng tổng hợp"
    plan = tmp_path / "plan.yaml"
    writer = YAML()
    writer.allow_unicode = True
    with plan.open("w", encoding="utf-8") as stream:
        writer.dump(data, stream)
    result = runner.invoke(
        app, ["report", "--plan", str(plan), "--as-of", "2023-10-06", "--to", "cap-tren"]
    )
    assert result.exit_code == 0, result.output
    cause = next(x for x in result.output.splitlines() if x.startswith("- Khách quan:"))
    assert "dự thảo Quyết định \\*công bố\\* &lt;b\\>x&lt;/b\\> đã trình" in cause
    html = MarkdownIt("commonmark").render(cause)
    assert "*công bố* &lt;b&gt;x&lt;/b&gt;" in html
