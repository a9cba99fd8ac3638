"""The Vietnamese words of the diagnostics: a YAML string is a "chuỗi"."""

from __future__ import annotations

import pytest

from cchc_plan import vietnamese as vn
from cchc_plan.messages.diagnostics import CATALOGUE, HINTS, WORDS


def test_a_yaml_string_is_never_called_van_ban() -> None:
    """A YAML string is "chuỗi" (or "nội dung"); "văn bản" is an official document:
    only the cited documents (văn bản căn cứ) are called văn bản."""
    texts = [m.vi for m in CATALOGUE.values()]
    texts += list(WORDS["vi"].values()) + list(HINTS["vi"].values())
    for text in texts:
        assert "văn bản" not in text.replace("văn bản căn cứ", ""), text
    assert WORDS["vi"]["text"] == "chuỗi"


@pytest.mark.parametrize(
    ("note", "submitted", "waits"),
    [
        ("Đã trình quy trình sửa đổi.", True, None),
        ("Đã rà soát quy trình hiện hành.", False, None),
        ("Đã xây dựng chương trình tập huấn của UBND tỉnh.", False, None),
        ("Đã cử 6/12 công chức học lớp kỹ năng cho công chức.", False, None),
        ("Đã gửi báo cáo định kỳ cho Văn phòng Sở.", False, None),
        ("Chờ Lãnh đạo Sở ký ban hành.", False, "head"),
        ("Đã trình Trưởng ban dự thảo quy trình.", True, "head"),
        ("Đã trình Ủy ban nhân dân tỉnh dự thảo Quyết định.", True, "province"),
        ("Chờ kinh phí.", False, None),
    ],
)
def test_a_note_waits_only_when_it_says_so(note: str, submitted: bool, waits: str | None) -> None:
    """A progress note is read with its accents: "trình" submitted, not "quy trình";
    "chờ … ký", not "cho" nor "kỹ năng", "định kỳ"."""

    assert vn.says_submitted(note) is submitted
    head, province = ("Giám đốc", "Lãnh đạo Sở", "Trưởng ban"), ("Ủy ban nhân dân", "UBND")
    assert vn.waits_for(note, head=head, province=province) == waits
