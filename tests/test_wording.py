"""The Vietnamese words of the diagnostics: a YAML string is a "chuỗi"."""

from __future__ import annotations

from cchc_plan.messages.diagnostics import CATALOGUE, HINTS, WORDS


def test_a_yaml_string_is_never_called_van_ban() -> None:
    """A YAML string is "chuỗi" (or "nội dung"); "văn bản" is an official document:
    only the cited documents (văn bản căn cứ) are called văn bản."""
    texts = [m.vi for m in CATALOGUE.values()]
    texts += list(WORDS["vi"].values()) + list(HINTS["vi"].values())
    for text in texts:
        assert "văn bản" not in text.replace("văn bản căn cứ", ""), text
    assert WORDS["vi"]["text"] == "chuỗi"
