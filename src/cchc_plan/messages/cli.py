"""The command line's own words: what each error says, in Vietnamese and English.

The errors (`errors.py`) carry facts; this module turns them into a sentence, in the
language the command was asked for.
"""

from __future__ import annotations

import re

from cchc_plan.controls import visible
from cchc_plan.errors import (
    CchcError,
    EditRefused,
    InputOutputFailed,
    OptionsConflict,
    PathNotFound,
    PlanInvalid,
    PlanUnreadable,
    ReadFailed,
    TemplateProblem,
    UnitRequired,
    UnknownTask,
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
        "unit_needed": "--kind {kind} cần chỉ rõ đơn vị bằng --unit (ví dụ: --unit office)",
        "since_after_as_of": "--since {since} sau --as-of {as_of}: kỳ trước phải kết thúc "
        "trước ngày báo cáo",
        "empty_output": "-o cần một tên tệp, không để trống",
        "raised_by_alone": "--raised-by chỉ dùng cùng --difficulty",
        "resolve_pair": "--resolve và --resolution phải đi cùng nhau",
        "unit_unused": "--unit chỉ dùng cho --kind don-vi (phiếu của một đơn vị), không dùng "
        "cho --kind {kind}; bỏ --kind để lập phiếu của đơn vị",
        "to_unused": "--to chỉ dùng cho báo cáo (bao-cao) và phụ lục kèm theo báo cáo "
        "(phu-luc), không dùng cho --kind {kind}",
        "unknown_unit": "không có đơn vị nào tên “{query}”; các đơn vị: {units}",
        "unknown_task": "không có nhiệm vụ nào mã “{task}”; các nhiệm vụ: {ids}",
        "update_needs_yes": "Chưa ghi: hãy chạy lại với --yes để ghi, hoặc --dry-run để xem.",
        "update_confirm": "Ghi thay đổi này vào tệp?",
        "update_not_written": "Không ghi.",
        "update_unchanged": "{path}: không có gì thay đổi.",
        "update_written": "Đã ghi {file}: nhiệm vụ {task}, ngày {day:%d/%m/%Y}.",
        "update_commit": 'Lưu vào git: git commit -m "{summary}" -- {path}',
        "edit_invalid_before": "{path}: kế hoạch đang có lỗi (xem trên); hãy sửa trước "
        "khi cập nhật, tệp được giữ nguyên",
        "edit_invalid_after": "{path}: cập nhật này làm kế hoạch không hợp lệ (xem trên, "
        "số dòng là của tệp sau khi sửa); tệp được giữ nguyên",
        "edit_empty_flow_log": "{path}: nhật ký tiến độ của nhiệm vụ đang viết dạng "
        "“progress: []”; hãy xóa dòng đó rồi cập nhật lại; tệp được giữ nguyên",
        "edit_no_open_difficulty": "{path}: nhiệm vụ không có khó khăn, vướng mắc số đó "
        "đang chờ giải quyết (--resolve đánh số từ 1 theo thứ tự trong tệp); tệp được giữ "
        "nguyên",
        "edit_cannot_splice": "{path}: phần cần sửa của nhiệm vụ này được viết theo kiểu "
        "mà lệnh update chưa sửa được (trong ngoặc [ ] hoặc {{ }}, hoặc dấu - đứng riêng "
        "một dòng); hãy ghi bằng tay; tệp được giữ nguyên",
        "edit_not_exactly": "{path}: lỗi của chương trình: bản sửa sẽ thay đổi nhiều hơn "
        "yêu cầu; tệp được giữ nguyên, xin báo lỗi kèm tệp và lệnh đã chạy",
        "ambiguous_unit": "“{query}” khớp với nhiều đơn vị: {units}; hãy ghi rõ hơn",
        "template_error": "lỗi mẫu báo cáo {where}: {message}",
        "syntax": "sai cú pháp Jinja ({message})",
        "not_found": "không tìm thấy mẫu",
        "undefined": "mẫu dùng một tên không có trong dữ liệu báo cáo ({message}); "
        "xem bảng dữ liệu của mẫu trong README",
        "refused": "mẫu thực hiện thao tác không được phép ({message})",
        "not_utf8": "mẫu không phải là tệp UTF-8 ({message}); hãy lưu lại với bảng mã UTF-8",
        "recursion": "mẫu tự gọi lại chính nó không dừng (include hoặc macro đệ quy)",
        "timeout": "mẫu chạy quá {limit:g} giây và đã bị dừng; hãy kiểm tra các vòng lặp",
        "too_large": "mẫu tạo ra nội dung quá lớn (hơn {limit:g} MB) và đã bị dừng",
        "memory": "mẫu dùng quá nhiều bộ nhớ và đã bị dừng",
        "failed": "mẫu không tính được giá trị ở đây ({message}); hãy kiểm tra bộ lọc và phép "
        "tính ở dòng này",
        "invalid_plan": "{path}: kế hoạch không hợp lệ; hãy sửa các lỗi nêu trên rồi chạy "
        "lại lệnh",
        "cannot_read": "{path}: không đọc được: {reason}",
        "cannot_write": "{path}: không ghi được: {reason}",
        "output_is_input": "{path}: không ghi đè lên {source}, tệp đầu vào của lệnh này; "
        "hãy chọn tệp khác",
        "input_output": "{where}: lỗi đọc, ghi dữ liệu: {reason}",
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
        "since_after_as_of": "--since {since} is after --as-of {as_of}: the last period "
        "must end before the report's date",
        "empty_output": "-o needs a file name, not an empty one",
        "raised_by_alone": "--raised-by goes with --difficulty",
        "resolve_pair": "--resolve and --resolution go together",
        "unit_unused": "--unit is for --kind don-vi (a unit's sheet), not for --kind {kind}; "
        "leave out --kind for the unit's sheet",
        "to_unused": "--to is for the report (bao-cao) and the appendix that goes with it "
        "(phu-luc), not for --kind {kind}",
        "unknown_unit": "no unit named “{query}”; the units: {units}",
        "unknown_task": "no task with id “{task}”; the tasks: {ids}",
        "update_needs_yes": "Not written: run again with --yes to write, or --dry-run to see.",
        "update_confirm": "Write this change to the file?",
        "update_not_written": "Not written.",
        "update_unchanged": "{path}: nothing to change.",
        "update_written": "Written {file}: task {task}, {day:%Y-%m-%d}.",
        "update_commit": 'To keep it in git: git commit -m "{summary}" -- {path}',
        "edit_invalid_before": "{path}: the plan has errors (above); fix them before "
        "updating; the file is unchanged",
        "edit_invalid_after": "{path}: this update would make the plan invalid (above; "
        "line numbers are the edited file's); the file is unchanged",
        "edit_empty_flow_log": "{path}: the task's log is written “progress: []”; delete "
        "that line and update again; the file is unchanged",
        "edit_no_open_difficulty": "{path}: the task has no open difficulty with that "
        "number (--resolve counts from 1, in the file's order); the file is unchanged",
        "edit_cannot_splice": "{path}: the part of this task to edit is written in a style "
        "update does not edit yet (in [ ] or {{ }}, or a - alone on its line); edit it by "
        "hand; the file is unchanged",
        "edit_not_exactly": "{path}: a bug in cchc: the edit would change more than asked; "
        "the file is unchanged; please report it with the file and the command",
        "ambiguous_unit": "“{query}” fits several units: {units}; say which",
        "template_error": "report template error at {where}: {message}",
        "syntax": "Jinja syntax error ({message})",
        "not_found": "template not found",
        "undefined": "the template uses a name the report's data does not have ({message}); "
        "see the template data in the README",
        "refused": "the template does something not allowed ({message})",
        "not_utf8": "the template is not UTF-8 ({message}); save it as UTF-8",
        "recursion": "the template calls itself without end (a recursive include or macro)",
        "timeout": "the template ran for more than {limit:g} seconds and was stopped; "
        "check its loops",
        "too_large": "the template made too much output (over {limit:g} MB) and was stopped",
        "memory": "the template used too much memory and was stopped",
        "failed": "the template could not compute a value here ({message}); check the "
        "filters and arithmetic on this line",
        "invalid_plan": "{path}: the plan is invalid; fix the errors above and run again",
        "cannot_read": "{path}: cannot read: {reason}",
        "cannot_write": "{path}: cannot write: {reason}",
        "output_is_input": "{path}: will not overwrite {source}, an input of this command; "
        "choose another file",
        "input_output": "{where}: input/output error: {reason}",
        "bug": "cchc: a bug in cchc, not in the plan ({error}); "
        "please report it with the file and the command",
        "unknown_unit_close": "no unit named “{query}”; did you mean {units}?",
        "or": " or ",
        "version": "cchc {version}",
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
        "ENOENT": "không tìm thấy tệp hoặc thư mục này",
        "no_folder": "thư mục chứa tệp không tồn tại",
        "ENOTDIR": "một phần của đường dẫn không phải là thư mục",
        "EISDIR": "đây là một thư mục, không phải tệp",
        "ELOOP": "liên kết tượng trưng bị lặp vòng hoặc lồng nhau quá nhiều tầng",
        "EIO": "lỗi thiết bị khi đọc, ghi",
        "EMFILE": "mở quá nhiều tệp cùng lúc",
        "ENFILE": "hệ thống mở quá nhiều tệp cùng lúc",
        "ENXIO": "thiết bị không tồn tại hoặc chưa sẵn sàng",
        "no_reader": "chưa có chương trình nào đọc từ đường ống (FIFO) này",
        "EBUSY": "tệp hoặc thiết bị đang bận",
        "ETXTBSY": "tệp đang được sử dụng",
        "EINVAL": "thao tác không hợp lệ với tệp này",
        "EAGAIN": "tài nguyên tạm thời không sẵn sàng",
        "ENOMEM": "không đủ bộ nhớ",
        "folder": "đây là một thư mục, không phải tệp",
        "fifo": "đây là một đường ống (FIFO), không phải tệp thông thường",
        "device": "đây là một thiết bị, không phải tệp thông thường",
        "socket": "đây là một socket, không phải tệp thông thường",
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
        "no_reader": "nothing is reading from this pipe (FIFO)",
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
        case UnknownTask(task=task, ids=ids):
            return words["unknown_task"].format(task=task, ids=", ".join(ids))
        case EditRefused(path=path, problem=problem):
            return words[f"edit_{problem}"].format(path=path)
        case OptionsConflict(problem=problem, facts=facts):
            return words[problem].format(**facts)
        case TemplateProblem(name=name, line=line, detail=detail, trouble=trouble, limit=limit):
            where = f"{name}:{line}" if line else name
            message = detail
            if trouble is not None:
                message = words[trouble].format(message=detail, limit=limit)
            return words["template_error"].format(where=where, message=message)
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


# The command line's own frame, as typer and click write it in English, in Vietnamese:
# the help's headings and notes, and the phrases of a usage error. `--lang en` keeps
# the English.
HELP_WORDS_VI: tuple[tuple[str, str], ...] = (
    ("Usage:", "Cách dùng:"),
    ("Options:", "Tùy chọn:"),
    ("Commands:", "Lệnh:"),
    ("Arguments:", "Đối số:"),
    ("Show this message and exit.", "Hiện hướng dẫn này rồi thoát."),
    ("[env var:", "[biến môi trường:"),
    ("[default: ", "[mặc định: "),
    ("[required]", "[bắt buộc]"),
    (" <list[str]>", ""),  # typer's type of a list argument: Python, not words
    ("[x>=1]", "[từ 1 trở lên]"),
)
USAGE_PHRASES_VI: tuple[tuple[str, str], ...] = (
    (r"^No such option: (\S+)", r"không có tùy chọn \1"),
    (r"\(Possible options: ([^)]*)\)", r"(các tùy chọn gần giống: \1)"),
    (r"^No such command '([^']*)'\.", r"không có lệnh “\1”."),
    (r"Did you mean (.+)\?", r"Có phải ý bạn là \1?"),
    (r"^Missing option '([^']*)'\.?", r"thiếu tùy chọn \1"),
    (r"^Missing argument '([^']*)'\.?", r"thiếu đối số \1"),
    (r"^Missing command\.?", "thiếu lệnh; xem các lệnh bằng cchc -h"),
    (r"^Got unexpected extra arguments? \((.*)\)", r"thừa đối số: \1"),
    (r"^Option '([^']*)' requires an argument\.", r"tùy chọn \1 cần một giá trị"),
    (r"^Option '([^']*)' requires (\d+) arguments\.", r"tùy chọn \1 cần \2 giá trị"),
    (r"^Option '([^']*)' does not take a value\.", r"tùy chọn \1 không nhận giá trị"),
    (r"^Invalid value for (.+?): ", r"giá trị không hợp lệ cho \1: "),
    (r"^Invalid value: ", ""),  # only our own messages, already in Vietnamese
    (r"Value error, ", ""),
    (r"'([^']*)' is not one of (.+)\.$", r"“\1” không phải một trong các giá trị \2"),
    (r"Input should be a valid integer.*$", "cần một số nguyên"),
    (r"Input should be a valid number.*$", "cần một số"),
    (r"Input should be greater than or equal to (\S+)$", r"cần một số từ \1 trở lên"),
    (r"Input should be less than or equal to (\S+)$", r"cần một số không quá \1"),
)
USAGE_FRAME = {
    "vi": {"help": "Xem thêm: {command} -h", "error": "Lỗi: {message}"},
    "en": {"help": "Try '{command} -h' for help.", "error": "Error: {message}"},
}


def help_text(text: str, lang: str = "vi") -> str:
    """A help page or usage line as typer writes it, its English frame in Vietnamese."""
    if lang == "en":
        return text
    for english, vietnamese in HELP_WORDS_VI:
        text = text.replace(english, vietnamese)
    return text


def usage_error(message: str, lang: str = "vi") -> str:
    """A usage error's message as click or typer words it, in Vietnamese: the phrases
    it is made of are translated, and what is not known stays as it was."""
    if lang == "en":
        return message
    for pattern, replacement in USAGE_PHRASES_VI:
        message = re.sub(pattern, replacement, message)
    return message
