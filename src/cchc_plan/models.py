"""The plan file's schema: one strict pydantic model per part of the plan.

These models are the single description of the file. The JSON Schema that editors
and check-jsonschema use is generated from them (`cchc schema`); the descriptions
are Vietnamese because they are an editor's hover text for the office.
"""

import calendar
import re
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
)
from pydantic_core import PydanticCustomError, core_schema

SCHEMA_ID = "https://cchc.example/schema/plan.schema.json"

CODE_PATTERN = r"^[1-9][0-9]*(\.[1-9][0-9]*)*$"
ID_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"
QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
YEAR = re.compile(r"^\d{4}$")
ONGOING = "ongoing"
MIN_YEAR = 2000
MAX_YEAR = 2100


def _iso_date(value: Any) -> Any:
    """Accept a quoted ISO date ("2021-04-15") as well as YAML's own date."""
    if isinstance(value, str):
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise PydanticCustomError("cchc_date", "not an ISO date", {"value": value})
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise PydanticCustomError(
                "cchc_impossible_date", "impossible date", {"value": value}
            ) from None
    return value


IsoDate = Annotated[date, BeforeValidator(_iso_date)]
Text = Annotated[str, Field(min_length=1)]
Points = Annotated[float, Field(ge=0)]
Percent = Annotated[float, Field(ge=0, le=100)]
UnitId = Annotated[str, Field(pattern=ID_PATTERN, max_length=64)]
Code = Annotated[str, Field(pattern=CODE_PATTERN, max_length=64)]


class Deadline:
    """A deadline as a plan writes it: a date, a quarter, a year, or "ongoing".

    Every form resolves to an end date (`due`), the last day that is still on time;
    an ongoing task is due at the end of the plan's horizon.
    """

    __slots__ = ("kind", "quarter", "value", "year")

    def __init__(
        self,
        kind: Literal["date", "quarter", "year", "ongoing"],
        *,
        value: date | None = None,
        year: int | None = None,
        quarter: int | None = None,
    ) -> None:
        self.kind = kind
        self.value = value
        self.year = year
        self.quarter = quarter

    @classmethod
    def parse(cls, raw: object) -> "Deadline":
        """Read a deadline from the YAML value, or raise a pydantic error."""
        if isinstance(raw, Deadline):
            return raw
        if isinstance(raw, date):
            return cls("date", value=raw)
        if isinstance(raw, bool):
            raise PydanticCustomError("cchc_deadline", "bad deadline", {"value": raw})
        if isinstance(raw, int) and MIN_YEAR <= raw <= MAX_YEAR:
            return cls("year", year=raw)
        if isinstance(raw, str):
            text = raw.strip()
            if text == ONGOING:
                return cls("ongoing")
            if YEAR.fullmatch(text) and MIN_YEAR <= int(text) <= MAX_YEAR:
                return cls("year", year=int(text))
            match = QUARTER.fullmatch(text)
            if match and MIN_YEAR <= int(match[1]) <= MAX_YEAR:
                return cls("quarter", year=int(match[1]), quarter=int(match[2]))
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
                return cls("date", value=_iso_date(text))
        raise PydanticCustomError("cchc_deadline", "bad deadline", {"value": raw})

    def due(self, horizon_end: date) -> date:
        """The last day on which the task is still on time."""
        if self.kind == "date":
            assert self.value is not None
            return self.value
        if self.kind == "quarter":
            assert self.year is not None
            assert self.quarter is not None
            month = self.quarter * 3
            return date(self.year, month, calendar.monthrange(self.year, month)[1])
        if self.kind == "year":
            assert self.year is not None
            return date(self.year, 12, 31)
        return horizon_end

    def __str__(self) -> str:
        if self.kind == "date":
            return str(self.value)
        if self.kind == "quarter":
            return f"{self.year}-Q{self.quarter}"
        if self.kind == "year":
            return str(self.year)
        return ONGOING

    def __repr__(self) -> str:
        return f"Deadline({str(self)!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Deadline) and str(self) == str(other)

    def __hash__(self) -> int:
        return hash(str(self))

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(
            cls.parse, serialization=core_schema.to_string_ser_schema()
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> dict[str, Any]:
        return {
            "anyOf": [
                {"type": "string", "format": "date"},
                {"type": "string", "pattern": r"^\d{4}(-Q[1-4])?$"},
                {"type": "integer", "minimum": MIN_YEAR, "maximum": MAX_YEAR},
                {"const": ONGOING},
            ],
            "description": (
                "Thời hạn hoàn thành: một ngày (2021-06-30), một quý (2021-Q2), "
                "một năm (2021) hoặc ongoing (thường xuyên)."
            ),
        }


class Strict(BaseModel):
    """Every part of a plan: unknown keys are errors, values are never coerced."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        strict=True,
        allow_inf_nan=False,
        # Only Plan's validator is ever used: building one per part costs start-up time.
        defer_build=True,
    )


class Body(Strict):
    """An authority: the department or its parent."""

    name: Text = Field(description="Tên đầy đủ, ví dụ: Sở Kế hoạch và Đầu tư.")
    short_name: Text = Field(
        description="Tên viết tắt dùng ở tiêu đề văn bản, ví dụ: UBND tỉnh Trà Vinh."
    )
    abbreviation: Text | None = Field(
        default=None, description="Chữ viết tắt trong số ký hiệu văn bản, ví dụ: SKHĐT."
    )
    kind: Text | None = Field(
        default=None,
        description=(
            "Loại cơ quan, ví dụ: Sở, Ban, Chi cục (mặc định: lấy từ đầu tên cơ quan, "
            "như Sở trong Sở Tư pháp)."
        ),
    )
    head_title: Text | None = Field(
        default=None,
        description=(
            "Chức danh người đứng đầu, ví dụ: Giám đốc, Trưởng ban (mặc định: theo người "
            "ký kế hoạch, nếu không thì theo loại cơ quan)."
        ),
    )
    leadership: Text | None = Field(
        default=None,
        description=(
            "Cách gọi lãnh đạo cơ quan, ví dụ: Lãnh đạo Sở (mặc định: Lãnh đạo và loại cơ quan)."
        ),
    )


class CitedDocument(Strict):
    """A document the plan cites (căn cứ)."""

    id: UnitId = Field(description="Mã để tham chiếu đến văn bản này, ví dụ: qd-684.")
    kind: Text = Field(description="Loại văn bản, ví dụ: Quyết định.")
    number: Text = Field(description="Số, ký hiệu, ví dụ: 684/QĐ-UBND.")
    date: IsoDate = Field(description="Ngày ban hành (YYYY-MM-DD).")
    issuer: Text = Field(description="Cơ quan ban hành.")
    subject: Text = Field(description="Trích yếu nội dung.")


class Signer(Strict):
    """Who signs the plan and its reports."""

    title: Text = Field(description="Chức vụ, ví dụ: Giám đốc.")
    authority: Text | None = Field(
        default=None, description="Thẩm quyền ký, ví dụ: KT. GIÁM ĐỐC (nếu ký thay)."
    )
    name: Text | None = Field(default=None, description="Họ và tên người ký.")


class Document(Strict):
    """The plan as an official document: who issued it, when, and on what basis."""

    parent: Body = Field(description="Cơ quan chủ quản, ví dụ: Ủy ban nhân dân tỉnh Trà Vinh.")
    issuer: Body = Field(description="Cơ quan ban hành kế hoạch.")
    kind: Text = Field(description="Loại văn bản, ví dụ: Kế hoạch.")
    number: Text = Field(description="Số, ký hiệu, ví dụ: 10/KH-SKHĐT.")
    place: Text = Field(description="Địa danh ghi ở đầu văn bản, ví dụ: Trà Vinh.")
    date: IsoDate = Field(description="Ngày ban hành (YYYY-MM-DD).")
    title: Text = Field(description="Trích yếu (tên kế hoạch).")
    legal_basis: list[CitedDocument] = Field(
        min_length=1, description="Các văn bản làm căn cứ ban hành."
    )
    preamble: Text | None = Field(default=None, description="Đoạn mở đầu của kế hoạch.")
    signer: Signer | None = Field(default=None, description="Người ký.")
    recipients: list[Text] = Field(
        default_factory=list, description="Nơi nhận, mỗi dòng một nơi (không gồm dấu ;)."
    )


class Peer(Strict):
    """One line of the published ranking."""

    unit: Text = Field(description="Tên sở, ban, ngành.")
    score: Points = Field(description="Điểm đạt được.")
    own: bool = Field(default=False, description="true nếu là chính cơ quan ban hành kế hoạch.")


class Band(Strict):
    """A result band the province publishes, e.g. Tốt from 90 points."""

    name: Text = Field(description="Tên mức xếp loại, ví dụ: Tốt.")
    minimum: Points = Field(description="Điểm tối thiểu để đạt mức này.")


class Target(Strict):
    """What the plan aims for in the plan year."""

    year: int = Field(ge=MIN_YEAR, le=MAX_YEAR, description="Năm đánh giá đặt mục tiêu.")
    score: Points | None = Field(default=None, description="Điểm phấn đấu đạt.")
    rank: int | None = Field(default=None, ge=1, description="Thứ hạng phấn đấu đạt.")


class Assessment(Strict):
    """The result the plan answers: the year assessed, the score and the rank."""

    year: int = Field(ge=MIN_YEAR, le=MAX_YEAR, description="Năm được đánh giá, ví dụ: 2020.")
    score: Points = Field(
        description=(
            "Tổng điểm đạt được (điểm thẩm định cộng điểm thưởng, trừ điểm phạt), ví dụ: 83.804."
        )
    )
    maximum: Points = Field(gt=0, description="Thang điểm, thường là 100.")
    bonus: Points = Field(
        default=0, description="Điểm thưởng, cộng vào tổng điểm, ngoài cây tiêu chí."
    )
    penalty: Points = Field(
        default=0, description="Điểm phạt, trừ vào tổng điểm (ngoài các tiêu chí)."
    )
    rank: int = Field(ge=1, description="Thứ hạng đạt được.")
    ranked: int = Field(ge=1, description="Số cơ quan được xếp hạng.")
    ranked_among: Text | None = Field(
        default=None,
        description=(
            "Nhóm cơ quan được xếp hạng, như báo cáo ghi sau thứ hạng, ví dụ: sở, ban, ngành "
            "tỉnh (mặc định: không ghi)."
        ),
    )
    previous_rank: int | None = Field(
        default=None, ge=1, description="Thứ hạng năm trước (nếu biết)."
    )
    rank_change: int | None = Field(
        default=None,
        description="Số hạng tăng so với năm trước (số âm nếu giảm), như văn bản ghi.",
    )
    source: UnitId = Field(
        description="Mã của văn bản công bố kết quả, trong document.legal_basis."
    )
    cause: Text | None = Field(
        default=None, description="Nguyên nhân bị trừ điểm, như văn bản nêu."
    )
    peers: list[Peer] = Field(default_factory=list, description="Bảng xếp hạng đã công bố.")
    bands: list[Band] = Field(default_factory=list, description="Các mức xếp loại.")
    targets: list[Target] = Field(default_factory=list, description="Mục tiêu của kế hoạch.")


UnitKind = Literal["office", "division", "inspectorate", "centre", "leadership"]


class Official(Strict):
    """A named official (cán bộ, công chức, viên chức)."""

    name: Text = Field(description="Họ và tên.")
    title: Text | None = Field(default=None, description="Chức vụ.")
    phone: Text | None = Field(
        default=None, description='Số điện thoại; đặt trong dấu nháy, ví dụ: "0912345678".'
    )


class Unit(Strict):
    """A unit of the department (phòng, trung tâm, thanh tra, văn phòng)."""

    id: UnitId = Field(description="Mã đơn vị, chữ thường không dấu, ví dụ: office.")
    name: Text = Field(description="Tên đơn vị, ví dụ: Văn phòng Sở.")
    kind: UnitKind = Field(
        description=(
            "Loại đơn vị: office (văn phòng), division (phòng), inspectorate (thanh tra), "
            "centre (trung tâm), leadership (lãnh đạo)."
        )
    )
    head: Official | None = Field(default=None, description="Lãnh đạo đơn vị.")
    aliases: list[Text] = Field(default_factory=list, description="Tên gọi khác, viết tắt.")


Method = Literal["appraisal", "survey"]


class Criterion(Strict):
    """A node of the scoring tree: lĩnh vực, tiêu chí or tiêu chí thành phần."""

    code: Code = Field(description='Mã tiêu chí dạng số chấm, trong dấu nháy, ví dụ: "2.1".')
    name: Text = Field(description="Tên lĩnh vực hoặc tiêu chí.")
    maximum: Points = Field(description="Điểm tối đa.")
    self_assessed: Points | None = Field(default=None, description="Điểm tự chấm.")
    appraised: Points | None = Field(
        default=None,
        description=(
            "Điểm thẩm định (bắt buộc ở mục không có mục cấp dưới; ở lĩnh vực, tiêu chí có "
            "mục cấp dưới là tổng điểm các mục đó)."
        ),
    )
    method: Method | None = Field(
        default=None,
        description="Phương pháp chấm: appraisal (thẩm định) hoặc survey (điều tra xã hội học).",
    )
    shortcomings: list[Text] = Field(default_factory=list, description="Tồn tại, hạn chế.")
    causes: list[Text] = Field(default_factory=list, description="Nguyên nhân.")
    no_task_reason: Text | None = Field(
        default=None, description="Lý do không giao nhiệm vụ khắc phục cho điểm bị trừ."
    )
    children: list["Criterion"] = Field(default_factory=list, description="Tiêu chí con.")


Status = Literal["not_started", "in_progress", "done", "cancelled"]


class LogEntry(Strict):
    """A dated progress report on a task."""

    date: IsoDate = Field(description="Ngày ghi nhận tiến độ.")
    percent: Percent = Field(description="Phần trăm hoàn thành tại ngày đó (0-100).")
    note: Text | None = Field(default=None, description="Ghi chú.")
    evidence: list[Text] = Field(default_factory=list, description="Tài liệu kiểm chứng.")


class Difficulty(Strict):
    """A difficulty (khó khăn, vướng mắc) raised for the leadership to decide."""

    raised_on: IsoDate = Field(description="Ngày báo cáo khó khăn.")
    raised_by: UnitId = Field(description="Mã đơn vị báo cáo.")
    text: Text = Field(description="Nội dung khó khăn, vướng mắc.")
    resolved_on: IsoDate | None = Field(
        default=None,
        description="Ngày lãnh đạo cơ quan cho ý kiến giải quyết (nếu đã giải quyết).",
    )
    resolution: Text | None = Field(default=None, description="Ý kiến giải quyết.")


class Task(Strict):
    """A task (nhiệm vụ, giải pháp) that recovers lost points."""

    id: UnitId = Field(description="Mã nhiệm vụ, ví dụ: t01.")
    criteria: list[Code] = Field(
        min_length=1, description="Mã các tiêu chí mà nhiệm vụ này khắc phục."
    )
    description: Text = Field(description="Nội dung nhiệm vụ, giải pháp.")
    lead: UnitId = Field(description="Mã đơn vị chủ trì.")
    support: list[UnitId] = Field(default_factory=list, description="Mã các đơn vị phối hợp.")
    assignee: Text = Field(description="Công chức phụ trách.")
    deadline: Deadline = Field(description="Thời hạn hoàn thành.")
    deliverable: Text = Field(description="Sản phẩm (tài liệu kiểm chứng) khi hoàn thành.")
    target_points: Points | None = Field(
        default=None, description="Số điểm nhiệm vụ phấn đấu lấy lại."
    )
    status: Status = Field(description="Trạng thái: not_started, in_progress, done, cancelled.")
    progress: list[LogEntry] = Field(default_factory=list, description="Nhật ký tiến độ.")
    note: Text | None = Field(default=None, description="Ghi chú.")
    evidence: list[Text] = Field(default_factory=list, description="Tài liệu kiểm chứng.")
    difficulties: list[Difficulty] = Field(
        default_factory=list, description="Khó khăn, vướng mắc trình lãnh đạo cơ quan."
    )


class ProseItem(Strict):
    """A lettered point of the plan's prose (a), b), c))."""

    id: Annotated[str, Field(pattern=r"^[a-zđ]$")] = Field(description="Chữ cái: a, b, c…")
    text: Text = Field(description="Nội dung.")


class Responsibility(Strict):
    """Who does what (tổ chức thực hiện)."""

    units: list[UnitId] = Field(
        default_factory=list, description="Mã các đơn vị; để trống nếu áp dụng cho mọi đơn vị."
    )
    text: Text = Field(description="Nội dung trách nhiệm.")


class Upward(Strict):
    """The body's report to the province: to whom, signed by whom, sent to whom."""

    to: Text | None = Field(
        default=None,
        description=(
            "Nơi gửi báo cáo, ví dụ: Sở Nội vụ tỉnh Trà Vinh (mặc định: Sở Nội vụ và địa "
            "danh của cơ quan chủ quản)."
        ),
    )
    signer: Signer | None = Field(
        default=None, description="Người ký báo cáo (mặc định: người ký kế hoạch)."
    )
    recipients: list[Text] = Field(
        default_factory=list,
        description=(
            "Nơi nhận, mỗi dòng một nơi, không gồm “Như trên” và “Lưu” (mặc định: cơ quan "
            "chủ quản, lãnh đạo cơ quan, các đơn vị thuộc cơ quan)."
        ),
    )


class Reporting(Strict):
    """What the plan's reports take from the plan beyond its facts: who reports, the
    plan's own rule for raising difficulties, the default recipients, the units'
    reporting rule, and the body's report to the province."""

    office: UnitId | None = Field(
        default=None,
        description="Mã đơn vị tổng hợp, báo cáo (mặc định: đơn vị có kind: office).",
    )
    escalation: Text | None = Field(
        default=None,
        description=(
            "Quy định của kế hoạch về báo cáo khó khăn, vướng mắc, được trích trong báo cáo "
            "(mặc định: không trích)."
        ),
    )
    recipients: list[Text] = Field(
        default_factory=list,
        description=(
            "Nơi nhận của báo cáo, mỗi dòng một nơi (mặc định: lãnh đạo cơ quan và các "
            "đơn vị thuộc cơ quan)."
        ),
    )
    due: Text | None = Field(
        default=None,
        description=(
            "Quy định về thời hạn các đơn vị báo cáo tiến độ, ví dụ: trước ngày 25 hằng "
            "tháng (mặc định: không nêu)."
        ),
    )
    upward: Upward = Field(
        default_factory=Upward,
        description="Báo cáo của cơ quan gửi cấp trên (cchc report --to cap-tren).",
    )


class Horizon(Strict):
    """The period the plan covers."""

    start: IsoDate = Field(description="Ngày bắt đầu.")
    end: IsoDate = Field(description="Ngày kết thúc; hạn của nhiệm vụ thường xuyên.")


class Plan(Strict):
    """A remediation plan (kế hoạch khắc phục hạn chế, nâng cao Chỉ số CCHC)."""

    model_config = ConfigDict(
        title="Kế hoạch khắc phục hạn chế CCHC",
        json_schema_extra={"$id": SCHEMA_ID},
    )

    document: Document = Field(description="Thông tin văn bản kế hoạch.")
    assessment: Assessment = Field(
        description="Kết quả chấm điểm, xếp hạng mà kế hoạch khắc phục."
    )
    horizon: Horizon = Field(description="Thời gian thực hiện kế hoạch.")
    units: list[Unit] = Field(min_length=1, description="Các đơn vị thuộc cơ quan.")
    criteria: list[Criterion] = Field(
        min_length=1, description="Cây tiêu chí: lĩnh vực → tiêu chí → tiêu chí thành phần."
    )
    tasks: list[Task] = Field(default_factory=list, description="Nhiệm vụ, giải pháp (phụ lục).")
    objectives: list[ProseItem] = Field(default_factory=list, description="Mục đích.")
    requirements: list[ProseItem] = Field(default_factory=list, description="Yêu cầu.")
    responsibilities: list[Responsibility] = Field(
        default_factory=list, description="Tổ chức thực hiện."
    )
    reporting: Reporting = Field(
        default_factory=Reporting,
        description="Những gì báo cáo lấy từ kế hoạch: đơn vị tổng hợp, quy định, nơi nhận.",
    )
