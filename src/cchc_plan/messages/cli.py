"""The command line's own words: what each error says, in Vietnamese and English.

The errors (`errors.py`) carry facts; this module turns them into a sentence, in the
language the command was asked for.
"""

from __future__ import annotations

from cchc_plan.controls import visible
from cchc_plan.errors import (
    CchcError,
    PathNotFound,
    PlanInvalid,
    PlanUnreadable,
    TemplateProblem,
    UnitRequired,
    UnknownUnit,
    ValidationFailed,
    WriteFailed,
)

CLI = {
    "vi": {
        "missing": "không tìm thấy tệp hoặc thư mục này",
        "no_plans": "thư mục không chứa tệp kế hoạch nào (.yaml, .yml)",
        "bad_as_of": "ngày không hợp lệ: {value} (cần dạng YYYY-MM-DD)",
        "no_plan_year": "không có tệp kế hoạch dạng <năm>.yaml; hãy chỉ rõ bằng --plan",
        "unit_needed": "--kind {kind} cần --unit: đơn vị nào?",
        "unknown_unit": "không có đơn vị nào tên “{query}”; các đơn vị: {units}",
        "ambiguous_unit": "“{query}” khớp với nhiều đơn vị: {units}; hãy ghi rõ hơn",
        "template_error": "lỗi mẫu báo cáo {where}: {message}",
        "invalid_plan": "{path}: kế hoạch không hợp lệ; sửa các lỗi trên rồi chạy lại",
        "bug": "cchc: lỗi của chương trình, không phải của tệp kế hoạch ({error}); "
        "xin báo lỗi kèm tệp và lệnh đã chạy",
        "unknown_unit_close": "không có đơn vị nào tên “{query}”; có phải ý bạn là {units}?",
        "or": " hoặc ",
        "version": "cchc {version}",
    },
    "en": {
        "missing": "no such file or folder",
        "no_plans": "the folder holds no plan file (.yaml, .yml)",
        "bad_as_of": "invalid date: {value} (expected YYYY-MM-DD)",
        "no_plan_year": "no plan file named <year>.yaml; name one with --plan",
        "unit_needed": "--kind {kind} needs --unit: which unit?",
        "unknown_unit": "no unit named “{query}”; the units: {units}",
        "ambiguous_unit": "“{query}” fits several units: {units}; say which",
        "template_error": "report template error at {where}: {message}",
        "invalid_plan": "{path}: the plan is invalid; fix the errors above and run again",
        "bug": "cchc: a bug in cchc, not in the plan ({error}); "
        "please report it with the file and the command",
        "unknown_unit_close": "no unit named “{query}”; did you mean {units}?",
        "or": " or ",
        "version": "cchc {version}",
    },
}


def explain(error: CchcError, lang: str = "vi") -> str | None:
    """What the error says to the user, with any control character in a name shown as
    an escape; None when the output has said it already (the diagnostics of an
    unreadable or invalid plan, validate's summary)."""
    message = _explain(error, lang)
    return None if message is None else visible(message)


def _explain(error: CchcError, lang: str) -> str | None:
    words = CLI["en" if lang == "en" else "vi"]
    match error:
        case PathNotFound(path=path, reason=reason):
            return f"{path}: {words[reason]}"
        case PlanInvalid(path=path):
            return words["invalid_plan"].format(path=path)
        case UnknownUnit(query=query, candidates=candidates, units=units, close=close):
            if close and not candidates:
                named = words["or"].join(f"{u.id} ({u.name})" for u in close)
                return words["unknown_unit_close"].format(query=query, units=named)
            listed = ", ".join(f"{u.id} ({u.name})" for u in candidates or units)
            key = "ambiguous_unit" if candidates else "unknown_unit"
            return words[key].format(query=query, units=listed)
        case UnitRequired(kind=kind):
            return words["unit_needed"].format(kind=kind)
        case TemplateProblem(name=name, line=line, detail=detail):
            where = f"{name}:{line}" if line else name
            return words["template_error"].format(where=where, message=detail)
        case WriteFailed(path=path, reason=reason):
            return f"{path}: {reason}"
        case PlanUnreadable() | ValidationFailed():
            return None
    return str(error)
