"""The words of the tracking views and documents: Vietnamese, as the office reads them.

The views themselves hold no wording; the terminal tables and the report templates
take their words from here.
"""

STATUS_WORDS = {
    "not_started": "chưa thực hiện",
    "in_progress": "đang thực hiện",
    "done": "hoàn thành",
    "cancelled": "đã hủy",
}
ROLE_WORDS = {"lead": "chủ trì", "support": "phối hợp"}
HEALTH_WORDS = {
    "done": "hoàn thành",
    "on_track": "đúng tiến độ",
    "at_risk": "có nguy cơ chậm",
    "late": "trễ hạn",
    "cancelled": "đã hủy",
}
METHOD_WORDS = {
    "appraisal": "thẩm định",
    "survey": "điều tra xã hội học",
    "mixed": "thẩm định, điều tra xã hội học",
    None: "",
}
# Shorter forms for narrow table columns (ĐTXHH: the usual abbreviation of "điều tra
# xã hội học" in CCHC documents).
METHOD_SHORT = {
    "appraisal": "thẩm định",
    "survey": "ĐTXHH",
    "mixed": "thẩm định, ĐTXHH",
    None: "",
}
HEALTH_SHORT = {
    "done": "hoàn thành",
    "on_track": "đúng tiến độ",
    "at_risk": "nguy cơ chậm",
    "late": "trễ hạn",
    "cancelled": "đã hủy",
}
VIEW_WORDS = {
    # status
    "status_title": "Tình hình thực hiện nhiệm vụ đến ngày {as_of}",
    "status_title_unit": "Nhiệm vụ của {unit} đến ngày {as_of}",
    "id": "Mã",
    "task": "Nhiệm vụ",
    "role": "Vai trò",
    "deadline": "Thời hạn",
    "status": "Trạng thái",
    "percent": "Tiến\nđộ",
    "last_update": "cập nhật {date}: {note}",
    "never_updated": "chưa cập nhật",
    "difficulty": "Khó khăn chờ {leadership}: {text} ({unit}, {date})",
    "no_tasks": "Không có nhiệm vụ nào phù hợp.",
    "units_title": "Theo đơn vị",
    "unit": "Đơn vị",
    "led": "Chủ\ntrì",
    "supported": "Phối\nhợp",
    "supported_late": "Phối hợp\ntrễ hạn",
    "done": "Hoàn\nthành",
    "late": "Trễ\nhạn",
    "blocked": "Khó\nkhăn",
    "health": "Tình trạng",
    # gaps
    "gaps_title": "Điểm bị trừ theo tiêu chí, kết quả năm {assessment_year}",
    "code": "Mã",
    "criterion": "Tiêu chí",
    "maximum": "Tối đa",
    "appraised": "Đạt",
    "lost": "Bị trừ",
    "method": "Phương pháp",
    "method_short": "Phương pháp",
    "tasks": "Nhiệm vụ",
    "unserved": "chưa có nhiệm vụ",
    "excused": "không giao nhiệm vụ: {reason}",
    "fields_title": "Điểm bị trừ theo lĩnh vực",
    "field": "Lĩnh vực",
    "total_lost": "Tổng điểm bị trừ: {lost}/{maximum}; qua điều tra xã hội học (ĐTXHH): {survey} "
    "({share})",
    "unserved_line": "Điểm bị trừ chưa có nhiệm vụ khắc phục: {codes}",
    "idle_line": "Nhiệm vụ không gắn với điểm bị trừ nào: {ids}",
    # progress
    "progress_title": "Tiến độ thực hiện kế hoạch đến ngày {as_of}",
    "counts": "{total} nhiệm vụ: {not_started} chưa thực hiện, {in_progress} đang thực hiện, "
    "{done} hoàn thành, {cancelled} đã hủy",
    "overall": "Đã hoàn thành {done}/{counted} nhiệm vụ, đạt {done_share}; tiến độ bình quân "
    "{percent} (trung bình cộng tiến độ các nhiệm vụ, không tính nhiệm vụ đã hủy)",
    "late_line": "Trễ hạn ({count}): {ids}",
    "at_risk_line": "Có nguy cơ chậm ({count}): {ids}",
    "stale_line": "Quá {days} ngày chưa cập nhật tiến độ ({count}): {ids}",
    "by_field_title": "Theo lĩnh vực",
    "score_title": "Điểm có thể đạt",
    "score_now": "Điểm năm {year}",
    "banked": "Có thể lấy lại (nhiệm vụ đã hoàn thành)",
    "in_play": "Có thể lấy lại (nhiệm vụ chưa hoàn thành)",
    "projected": "Dự kiến nếu mọi nhiệm vụ đạt yêu cầu",
    "rank_now": "Thứ hạng năm {year}",
    "rank_projected": "Thứ hạng dự kiến",
    "to_next": "Cần thêm (điểm) để tăng một hạng",
    "to_target": "Cần thêm (điểm) để đạt hạng {rank}",
    "first": "đang xếp thứ nhất",
    "none": "—",
}
