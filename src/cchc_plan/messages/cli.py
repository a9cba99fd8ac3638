"""The command line's own words: what each error says, in Vietnamese and English.

The errors (`errors.py`) carry facts; this module turns them into a sentence, in the
language the command was asked for.
"""

from __future__ import annotations

from cchc_plan.errors import (
    CchcError,
    InputOutputFailed,
    PathNotFound,
    PlanInvalid,
    PlanUnreadable,
    ReadFailed,
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
        "cannot_read": "{path}: không đọc được: {reason}",
        "cannot_write": "{path}: không ghi được: {reason}",
        "output_is_input": "{path}: không ghi đè lên {source}, tệp đầu vào của lệnh này; "
        "hãy chọn tệp khác",
        "input_output": "{where}: lỗi đọc, ghi dữ liệu: {reason}",
        "bug": "cchc: lỗi của chương trình, không phải của tệp kế hoạch ({error}); "
        "xin báo lỗi kèm tệp và lệnh đã chạy",
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
        "cannot_read": "{path}: cannot read: {reason}",
        "cannot_write": "{path}: cannot write: {reason}",
        "output_is_input": "{path}: will not overwrite {source}, an input of this command; "
        "choose another file",
        "input_output": "{where}: input/output error: {reason}",
        "bug": "cchc: a bug in cchc, not in the plan ({error}); "
        "please report it with the file and the command",
    },
}


# Why the system refused to read or write, by the error's name (errors.reason_of) or the
# kind of path it is (errors.file_kind): in words, never in the system's English strerror.
REASONS: dict[str, dict[str, str]] = {
    "vi": {
        "ENOSPC": "không đủ chỗ trống trên đĩa",
        "EDQUOT": "đã hết hạn mức dung lượng đĩa",
        "EFBIG": "tệp vượt quá kích thước cho phép",
        "EACCES": "không có quyền truy cập",
        "EPERM": "không được phép thực hiện",
        "EROFS": "hệ thống tệp chỉ cho phép đọc",
        "ENAMETOOLONG": "tên tệp quá dài",
        "ENOENT": "không có tệp hoặc thư mục này",
        "no_folder": "thư mục chứa tệp không tồn tại",
        "ENOTDIR": "một phần của đường dẫn không phải là thư mục",
        "EISDIR": "là một thư mục",
        "ELOOP": "liên kết tượng trưng bị lặp vòng hoặc lồng nhau quá nhiều tầng",
        "EIO": "lỗi thiết bị khi đọc, ghi",
        "EMFILE": "mở quá nhiều tệp cùng lúc",
        "ENFILE": "hệ thống mở quá nhiều tệp cùng lúc",
        "ENXIO": "thiết bị không tồn tại hoặc chưa sẵn sàng",
        "EBUSY": "tệp hoặc thiết bị đang bận",
        "ETXTBSY": "tệp đang được sử dụng",
        "EINVAL": "thao tác không hợp lệ với tệp này",
        "EAGAIN": "tài nguyên tạm thời không sẵn sàng",
        "ENOMEM": "không đủ bộ nhớ",
        "folder": "là một thư mục",
        "fifo": "là một đường ống (FIFO), không phải tệp thông thường",
        "device": "là một thiết bị, không phải tệp thông thường",
        "socket": "là một socket, không phải tệp thông thường",
        "special": "không phải tệp thông thường",
        "other": "lỗi của hệ điều hành ({reason})",
    },
    "en": {
        "ENOSPC": "no space left on the disk",
        "EDQUOT": "disk quota exceeded",
        "EFBIG": "file too large",
        "EACCES": "permission denied",
        "EPERM": "operation not permitted",
        "EROFS": "read-only file system",
        "ENAMETOOLONG": "file name too long",
        "ENOENT": "no such file or folder",
        "no_folder": "the folder for the file does not exist",
        "ENOTDIR": "a part of the path is not a folder",
        "EISDIR": "is a folder",
        "ELOOP": "symbolic links loop or nest too deep",
        "EIO": "input/output error on the device",
        "EMFILE": "too many open files",
        "ENFILE": "too many open files in the system",
        "ENXIO": "no such device, or it is not ready",
        "EBUSY": "file or device busy",
        "ETXTBSY": "file in use",
        "EINVAL": "invalid operation on this file",
        "EAGAIN": "resource temporarily unavailable",
        "ENOMEM": "out of memory",
        "folder": "is a folder",
        "fifo": "is a pipe (FIFO), not a regular file",
        "device": "is a device, not a regular file",
        "socket": "is a socket, not a regular file",
        "special": "is not a regular file",
        "other": "operating system error ({reason})",
    },
}


def reason_words(reason: str, lang: str = "vi") -> str:
    """Why the system refused, in words: "ENOSPC" → "không đủ chỗ trống trên đĩa"."""
    words = REASONS["en" if lang == "en" else "vi"]
    return words[reason] if reason in words else words["other"].format(reason=reason)


def explain(error: CchcError, lang: str = "vi") -> str | None:
    """What the error says to the user; None when the output has said it already
    (the diagnostics of an unreadable or invalid plan, validate's summary)."""
    words = CLI["en" if lang == "en" else "vi"]
    match error:
        case PathNotFound(path=path, reason=reason):
            return f"{path}: {words[reason]}"
        case PlanInvalid(path=path):
            return words["invalid_plan"].format(path=path)
        case UnknownUnit(query=query, candidates=candidates, units=units):
            listed = ", ".join(f"{u.id} ({u.name})" for u in candidates or units)
            key = "ambiguous_unit" if candidates else "unknown_unit"
            return words[key].format(query=query, units=listed)
        case UnitRequired(kind=kind):
            return words["unit_needed"].format(kind=kind)
        case TemplateProblem(name=name, line=line, detail=detail):
            where = f"{name}:{line}" if line else name
            return words["template_error"].format(where=where, message=detail)
        case WriteFailed(path=path, reason="input", source=source):
            return words["output_is_input"].format(path=path, source=source)
        case WriteFailed(path=path, reason=reason):
            return words["cannot_write"].format(path=path, reason=reason_words(reason, lang))
        case ReadFailed(path=path, reason=reason):
            return words["cannot_read"].format(path=path, reason=reason_words(reason, lang))
        case InputOutputFailed(path=path, reason=reason):
            where = path if path is not None else "cchc"
            return words["input_output"].format(where=where, reason=reason_words(reason, lang))
        case PlanUnreadable() | ValidationFailed():
            return None
    return str(error)
