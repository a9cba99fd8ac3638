"""Vietnamese formatting: numbers, percentages, dates, quarters, deadlines; folding.

Decimal comma and dot thousands ("83,804", "1.250"), dates as "15/4/2021" or
"ngày 15 tháng 4 năm 2021", quarters as "Quý II/2021". Used by the diagnostics, the
terminal views and the report templates alike.
"""

from __future__ import annotations

import unicodedata
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


def fold(text: str) -> str:
    """Text compared without case or diacritics: "Văn phòng Sở" → "van phong so"."""
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
