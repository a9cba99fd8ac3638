"""The JSON Schema of a plan file, generated from the models, never written by hand."""

from __future__ import annotations

import json

from cchc_plan.models import Plan

DRAFT = "https://json-schema.org/draft/2020-12/schema"

# An editor shows each part's title and description as hover text: in the office's
# words, not the models' English docstrings (which document the code).
PARTS_VI: dict[str, tuple[str, str]] = {
    "Assessment": ("Kết quả đánh giá", "Kết quả chấm điểm, xếp hạng mà kế hoạch khắc phục."),
    "Band": ("Mức xếp loại", "Một mức xếp loại tỉnh công bố, ví dụ: Tốt từ 90 điểm."),
    "Body": ("Cơ quan", "Cơ quan ban hành kế hoạch hoặc cơ quan chủ quản."),
    "CitedDocument": ("Văn bản căn cứ", "Một văn bản kế hoạch dẫn làm căn cứ."),
    "Criterion": (
        "Tiêu chí",
        "Một mục của cây tiêu chí: lĩnh vực, tiêu chí hoặc tiêu chí thành phần.",
    ),
    "Difficulty": ("Khó khăn, vướng mắc", "Khó khăn, vướng mắc báo cáo lãnh đạo cho ý kiến."),
    "Document": ("Văn bản kế hoạch", "Kế hoạch như một văn bản: ai ban hành, khi nào, căn cứ."),
    "Horizon": ("Thời gian thực hiện", "Thời gian thực hiện kế hoạch."),
    "LogEntry": ("Mục nhật ký tiến độ", "Tiến độ của nhiệm vụ tại một ngày."),
    "Official": ("Cán bộ, công chức", "Một cán bộ, công chức, viên chức có họ tên."),
    "Peer": ("Dòng xếp hạng", "Một dòng của bảng xếp hạng đã công bố."),
    "ProseItem": ("Điểm", "Một điểm a), b), c) của phần lời văn kế hoạch."),
    "Reporting": (
        "Báo cáo",
        "Những gì báo cáo lấy từ kế hoạch: đơn vị tổng hợp, quy định báo cáo khó khăn, nơi "
        "nhận, thời hạn các đơn vị báo cáo, báo cáo gửi cấp trên.",
    ),
    "Responsibility": ("Trách nhiệm", "Một nội dung tổ chức thực hiện."),
    "Signer": ("Người ký", "Người ký kế hoạch hoặc báo cáo."),
    "Upward": (
        "Báo cáo cấp trên",
        "Báo cáo của cơ quan gửi cấp trên: nơi gửi, người ký, nơi nhận.",
    ),
    "Target": ("Mục tiêu", "Điểm, thứ hạng phấn đấu đạt trong năm đánh giá."),
    "Task": ("Nhiệm vụ", "Một nhiệm vụ, giải pháp nhằm lấy lại điểm bị trừ."),
    "Unit": ("Đơn vị", "Một đơn vị thuộc cơ quan (văn phòng, phòng, thanh tra, trung tâm)."),
}


def plan_json_schema() -> str:
    """The schema as the text committed in `schema/plan.schema.json`."""
    document = {"$schema": DRAFT, **Plan.model_json_schema()}
    parts = [document, *document.get("$defs", {}).values()]
    for name, part in document.get("$defs", {}).items():
        part["title"], part["description"] = PARTS_VI[name]
    for part in parts:
        for spec in part.get("properties", {}).values():
            spec.pop("title", None)  # the field's name in English ("Year"): the key says it
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
