"""Vietnamese formatting: numbers, percentages, dates, quarters, deadlines; folding.

Decimal comma and dot thousands ("83,804", "1.250"), dates as "15/4/2021" or
"ngày 15 tháng 4 năm 2021", quarters as "Quý II/2021". Used by the diagnostics, the
terminal views and the report templates alike.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, localcontext

from cchc_plan.models import Deadline

ROMAN = ("I", "II", "III", "IV")


def number(value: float, decimals: int | None = None, *, lang: str = "vi") -> str:
    """83.804 → "83,804"; 1250 → "1.250"; with `decimals`, that many digits always.

    Without `decimals`, as many as the figure has, up to six: scores carry three, and a
    diagnostic must never round away the difference it reports. Halves round up, as
    people round (72,25 → 72,3), from the decimal the figure is, not its binary
    approximation. `lang="en"` writes the English separators (1,250.5), for the
    English diagnostics.
    """
    exact = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if not exact.is_finite():
        text = str(value)
    else:
        places = 6 if decimals is None else decimals
        with localcontext() as context:  # enough digits for any figure a file may hold
            context.prec = max(28, exact.adjusted() + places + 2)
            rounded = exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
        text = f"{rounded:,.{places}f}"
        if decimals is None:
            text = text.rstrip("0").rstrip(".")
    if text.startswith("-") and not text.strip("-0.,"):
        text = text[1:]
    if lang == "en":
        return text
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def percent(value: float, decimals: int = 1) -> str:
    """52.8 → "52,8%" (no space before the sign, as official documents write it); a
    whole number without its decimals: 100 → "100%"."""
    text = number(value, decimals)
    if "," in text and not text.split(",")[1].strip("0"):
        text = text.split(",")[0]
    return f"{text}%"


def _day_month(day: date) -> tuple[str, str]:
    # Nghị định 30: a day below 10, and the months 1 and 2, take a leading zero.
    return f"{day.day:02d}", f"{day.month:02d}" if day.month < 3 else str(day.month)


def short_date(day: date) -> str:
    """2021-04-08 → "08/4/2021"; 2021-01-05 → "05/01/2021"."""
    dd, mm = _day_month(day)
    return f"{dd}/{mm}/{day.year}"


def long_date(day: date) -> str:
    """2021-04-15 → "ngày 15 tháng 4 năm 2021"; 2021-01-05 → "ngày 05 tháng 01 năm 2021"."""
    dd, mm = _day_month(day)
    return f"ngày {dd} tháng {mm} năm {day.year}"


def quarter(year: int, number_: int, *, inline: bool = False) -> str:
    """(2021, 2) → "Quý II/2021"; inside a sentence, "quý II/2021"."""
    return f"{'quý' if inline else 'Quý'} {ROMAN[number_ - 1]}/{year}"


def deadline(value: Deadline, *, inline: bool = False) -> str:
    """A deadline as the plan's appendix writes it: a date, a quarter, a year, ongoing
    ("Quý II/2021", "Thường xuyên"); inside a sentence in lower case ("hạn quý II/2021",
    "thường xuyên")."""
    if value.kind == "date" and value.value is not None:
        return short_date(value.value)
    if value.kind == "quarter" and value.year is not None and value.quarter is not None:
        return quarter(value.year, value.quarter, inline=inline)
    if value.kind == "year":
        return f"{'năm' if inline else 'Năm'} {value.year}"
    return "thường xuyên" if inline else "Thường xuyên"


def days_left(days: int) -> str:
    """12 → "còn 12 ngày"; 0 → "đến hạn hôm nay"; -3 → "quá hạn 3 ngày"."""
    if days > 0:
        return f"còn {days} ngày"
    if days < 0:
        return f"quá hạn {-days} ngày"
    return "đến hạn hôm nay"


@functools.lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """Text compared without case or diacritics: "Văn phòng Sở" → "van phong so".
    (Kept for the names a report compares every task's text against.)"""
    text = text.replace("đ", "d").replace("Đ", "D")
    stripped = "".join(
        c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn"
    )
    return " ".join(stripped.casefold().split())


# The kinds of body a plan's issuer may be, as its name begins, with the title of the
# body's head; longer names first ("Chi cục" before "Cục"). A body of another kind is
# "cơ quan", headed by its "Thủ trưởng cơ quan".
BODY_HEADS: dict[str, str] = {
    "Bảo hiểm xã hội": "Giám đốc",
    "Bệnh viện": "Giám đốc",
    "Ủy ban nhân dân": "Chủ tịch",
    "Văn phòng": "Chánh Văn phòng",
    "Thanh tra": "Chánh Thanh tra",
    "Tổng cục": "Tổng cục trưởng",
    "Trung tâm": "Giám đốc",
    "Chi cục": "Chi cục trưởng",
    "Kho bạc": "Giám đốc",
    "Trường": "Hiệu trưởng",
    "Viện": "Viện trưởng",
    "Cục": "Cục trưởng",
    "Ban": "Trưởng ban",
    "Đài": "Giám đốc",
    "Sở": "Giám đốc",
    "Bộ": "Bộ trưởng",
    "Vụ": "Vụ trưởng",
}
ANY_BODY = "cơ quan"
ANY_HEAD = "Thủ trưởng cơ quan"


def body_kind(name: str) -> str:
    """The kind of body a name begins with: "Sở Tư pháp" → "Sở", "Ban Quản lý các khu
    công nghiệp" → "Ban"; "cơ quan" when no known kind begins it."""
    words = unicodedata.normalize("NFC", name).split()
    for kind in sorted(BODY_HEADS, key=len, reverse=True):
        size = len(kind.split())
        if [w.casefold() for w in words[:size]] == [w.casefold() for w in kind.split()]:
            return kind
    return ANY_BODY


def sentence_case(text: str) -> str:
    """A title written in capitals, as on a signature, as running text writes it:
    "GIÁM ĐỐC" → "Giám đốc", "TRƯỞNG BAN" → "Trưởng ban"."""
    lowered = text.lower()
    return lowered[:1].upper() + lowered[1:]


def leadership(kind: str) -> str:
    """How a body of this kind names its leadership: "Lãnh đạo Sở", "Lãnh đạo Ban"."""
    return f"Lãnh đạo {kind}"


def units_of(kind: str) -> str:
    """The units of a body of this kind, as a report's recipients name them."""
    return f"Các phòng, đơn vị thuộc {kind}"


def archive(office_name: str | None) -> str:
    """The "Lưu" line: the records office (VT), and the office when it is a Văn phòng."""
    return (
        "VT, VP" if office_name is not None and fold(office_name).startswith("van phong") else "VT"
    )


def is_van_phong(unit_name: str | None) -> bool:
    """Whether a unit is a Văn phòng (its chief is a Chánh Văn phòng, its mark VP)."""
    return unit_name is not None and fold(unit_name).startswith("van phong")


def head_of(head_title: str, body_name: str) -> str:
    """The head of a body by title and name: "Giám đốc" and "Sở Tư pháp" → "Giám đốc
    Sở Tư pháp"; "Trưởng ban" and "Ban Quản lý Khu kinh tế" → "Trưởng Ban Quản lý Khu
    kinh tế" (the kind is said once)."""
    title, name = head_title.split(), body_name.split()
    if title and name and fold(title[-1]) == fold(name[0]):
        title = title[:-1]
    return " ".join([*title, *name])


def head_short(head_title: str, kind: str) -> str:
    """The head as running text names it: "Giám đốc Sở", "Trưởng ban"."""
    if kind == ANY_BODY or fold(head_title).endswith(fold(kind)):
        return head_title
    return f"{head_title} {kind}"


def deputies(head_title: str, kind: str) -> str:
    """The head's deputies, as recipients: "Các Phó Giám đốc Sở", "Các Phó Trưởng ban"."""
    return f"Các Phó {head_short(head_title, kind)}"


def without_kind(unit_name: str, kind: str) -> str:
    """A unit's name as its body's own header writes it, without the body's kind:
    "Văn phòng Sở" → "Văn phòng"."""
    words = unit_name.split()
    if len(words) > 1 and fold(words[-1]) == fold(kind):
        return " ".join(words[:-1])
    return unit_name


def locality(parent_name: str) -> str | None:
    """Where a provincial body is: "Ủy ban nhân dân tỉnh Trà Vinh" → "tỉnh Trà Vinh"."""
    prefix = "uy ban nhan dan "
    if not fold(parent_name).startswith(prefix):
        return None
    words = parent_name.split()
    return " ".join(words[len(prefix.split()) :]) or None


def home_affairs(parent_name: str) -> str:
    """Whom a provincial body reports its reform to, by default: "Sở Nội vụ tỉnh Trà
    Vinh" (the Department of Home Affairs of its province)."""
    where = locality(parent_name)
    return f"Sở Nội vụ {where}" if where else "Sở Nội vụ"


def for_information(name: str) -> str:
    """A recipient sent a copy to report to: "UBND tỉnh Trà Vinh (b/c)"."""
    return f"{name} (b/c)"


def chief_title(office_name: str) -> str:
    """The title of an office's chief, when the plan names none: "Chánh Văn phòng" for
    a Văn phòng, else "Trưởng phòng" for a Phòng, else "Thủ trưởng đơn vị"."""
    if is_van_phong(office_name):
        return "Chánh Văn phòng"
    if fold(office_name).startswith("phong "):
        return "Trưởng phòng"
    return "Thủ trưởng đơn vị"


def with_kind(unit_name: str, kind: str) -> str:
    """A unit named without its body, as running text names it: "Văn phòng" →
    "Văn phòng Sở"; any other name as it is."""
    return (
        f"{unit_name} {kind}" if fold(unit_name) == "van phong" and kind != ANY_BODY else unit_name
    )


def continued(text: str, names: Iterable[str] = ()) -> str:
    """Text set after a colon, inside a sentence: its first letter in lower case, unless
    it begins a name (one of `names`, a kind of body, an abbreviation), and without its
    closing stop: "Đã gửi báo cáo quý III." → "đã gửi báo cáo quý III"."""
    text = " ".join(text.split()).rstrip(" .;")
    if not text:
        return text
    first = text.split()[0]
    folded = fold(text)
    keeps = (
        first.isupper()  # UBND, CCHC, COVID-19
        or not first[:1].isalpha()
        or any(c.isupper() for c in first[1:])
        or body_kind(text) != ANY_BODY
        or any(folded.startswith(fold(name)) for name in names if name.strip())
    )
    return text if keeps else text[:1].lower() + text[1:]


_ASK = re.compile(r"(?:^|[;.,]\s*)(?=đề nghị|kính đề nghị|kiến nghị)", re.IGNORECASE)
_REASON = re.compile(r"\b(do|vi|boi)\b")


def cause_and_ask(text: str) -> tuple[str, str | None]:
    """A difficulty split into what stands in the way and what it asks for: "Chưa có
    kinh phí …; đề nghị Lãnh đạo Sở cho sử dụng …" → ("Chưa có kinh phí …", "đề nghị
    Lãnh đạo Sở cho sử dụng …"); a difficulty that only asks has no cause ("")."""
    text = " ".join(text.split())
    match = _ASK.search(text)
    if match is None:
        return text.rstrip(" .;"), None
    return text[: match.start()].rstrip(" .;"), text[match.end() :].rstrip(" .;")


def gives_reason(note: str | None) -> bool:
    """Whether a note says why ("Lùi lớp tập huấn do dịch COVID-19")."""
    return note is not None and _REASON.search(fold(note)) is not None


def count(value: int) -> str:
    """A count in running text, as official documents write it: two digits below ten
    ("03 nhiệm vụ", "08 phòng"), else as it is ("18 nhiệm vụ")."""
    return f"{value:02d}" if 0 < value < 10 else str(value)


# How a note names the province's people's committee, besides the plan's own words.
PROVINCE_WORDS = ("Ủy ban nhân dân", "UBND")

# Read with their accents: "trình" as a verb, submitted ("đã trình", "trình ký"), never
# the noun of "quy trình", "chương trình"; "chờ" (waits), never "cho" (for); "ký" (sign),
# never "kỹ" (skill) or "kỳ" (period).
_SUBMIT = re.compile(
    r"\b(đã|đang|chờ|để|chưa|được) trình\b"
    r"|\btrình (ký|lãnh đạo|giám đốc|trưởng|chủ tịch|ủy ban|ubnd|cấp có thẩm quyền)\b"
)
_AWAIT_SIGNATURE = re.compile(r"\bchờ\b.*\bký\b")


def _accented(note: str) -> str:
    return " ".join(unicodedata.normalize("NFC", note).lower().split())


def says_submitted(note: str | None) -> bool:
    """Whether a progress note says the work was submitted for a decision ("Đã trình
    quy trình sửa đổi", "trình ký"), not merely that it names a procedure or programme."""
    return note is not None and _SUBMIT.search(_accented(note)) is not None


def waits_for(note: str | None, *, head: Iterable[str], province: Iterable[str]) -> str | None:
    """Whom a progress note says the work waits for: "province" when it was submitted
    to, or waits for, the province ("Đã trình Ủy ban nhân dân tỉnh dự thảo …"); "head"
    when it waits for the body's head or a signature ("Chờ Lãnh đạo Sở ký ban hành",
    "Đã trình Trưởng ban dự thảo …"); else None. `head` and `province` are the words
    that name them."""
    if note is None:
        return None
    text = _accented(note)
    signature = _AWAIT_SIGNATURE.search(text) is not None
    if not signature and _SUBMIT.search(text) is None:
        return None
    folded = fold(note)
    if any(fold(word) in folded for word in province if word.strip()):
        return "province"
    if signature or any(fold(word) in folded for word in head if word.strip()):
        return "head"
    return None


def head_and_deputies(head_title: str, kind: str) -> str:
    """The head and the deputies, as one recipient: "Giám đốc, các Phó Giám đốc Sở"."""
    return f"{head_title}, các Phó {head_short(head_title, kind)}"


_MARK = re.compile(r"^[^/]+/[^-/\s]+-(\S+)$")


def mark_of(number: str) -> str | None:
    """The body's mark in a document's number: "10/KH-SKHĐT" → "SKHĐT"; None when the
    number has none ("18/KH")."""
    match = _MARK.match(" ".join(number.split()))
    return match.group(1) if match else None


_YEAR = re.compile(r"\b(19|20)\d{2}\b")


def has_year(text: str) -> bool:
    """Whether a title names its year ("… năm 2021")."""
    return _YEAR.search(text) is not None
