"""Every diagnostic's wording, in Vietnamese and English, and the validate summary.

The one place the validator's user-facing words live. A code never changes meaning
once released; the README lists every code. How bad a diagnostic is belongs to the
diagnostic (`diagnostics.py`), not to its wording.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from string import Formatter

from cchc_plan import vietnamese as vn
from cchc_plan.diagnostics import Diagnostic
from cchc_plan.messages.cli import reason_words
from cchc_plan.messages.views import STATUS_WORDS
from cchc_plan.models import Deadline
from cchc_plan.vietnamese import number


@dataclass(frozen=True, slots=True)
class Message:
    """A diagnostic's wording: a template per language."""

    vi: str
    en: str

    def render(self, lang: str, params: Mapping[str, object]) -> str:
        template = self.en if lang == "en" else self.vi
        text = _MessageFormatter(lang).vformat(template, (), params)
        suggestion = params.get("suggestion")
        if suggestion is not None:
            hint = HINT_EN if lang == "en" else HINT_VI
            text += hint.format(suggestion=suggestion)
        hint_key = params.get("hint")
        if hint_key is not None:
            text += _MessageFormatter(lang).vformat(HINTS[lang][str(hint_key)], (), params)
        return text


def describe(diag: Diagnostic, lang: str = "vi") -> str:
    """The diagnostic's message in the given language ("vi" or "en")."""
    return CATALOGUE[diag.code].render(lang, diag.params)


SUMMARY = {
    "vi": "Đã kiểm tra {files} tệp: {invalid} tệp không hợp lệ, {errors} lỗi, "
    "{warnings} cảnh báo.",
    "en": "Checked {files} file{files_s}: {invalid} invalid, {errors} error{errors_s}, "
    "{warnings} warning{warnings_s}.",
}


def summary_line(lang: str, *, files: int, invalid: int, errors: int, warnings: int) -> str:
    """The validate summary in the language asked for (English counts in the plural
    only when they are not one)."""
    counts = {"files": files, "invalid": invalid, "errors": errors, "warnings": warnings}
    plurals = {f"{name}_s": "" if count == 1 else "s" for name, count in counts.items()}
    return SUMMARY["en" if lang == "en" else "vi"].format(**counts, **plurals)


MAX_QUOTED = 120  # characters of a value a message quotes

# What a diagnostic adds when the file shows how the problem most likely came about.
HINTS: dict[str, dict[str, str]] = {
    "vi": {
        "flow_comma": "; trong {{…}}, dấu phẩy ngăn cách các cặp khóa: giá trị, nên phần sau "
        "dấu phẩy bị đọc thành một khóa; nếu dấu phẩy thuộc giá trị, hãy đặt cả giá trị "
        'trong dấu nháy: "{joined}"',
        "decimal_comma_flow": "; trong {{…}}, dấu phẩy ngăn cách các cặp khóa: giá trị, nên "
        "{written} bị tách làm hai; YAML không hiểu dấu phẩy thập phân, hãy dùng dấu chấm "
        "thập phân: {decimal}",
        "decimal_comma": "; YAML không hiểu dấu phẩy thập phân, hãy dùng dấu chấm thập phân: "
        "{decimal}",
        "flow_comma_key": "; trong {{…}}, dấu phẩy ngăn cách các cặp khóa: giá trị, nên phần "
        "sau dấu phẩy bị đọc thành một khóa; nếu dấu phẩy thuộc giá trị, hãy đặt cả giá trị "
        "trong dấu nháy",
    },
    "en": {
        "flow_comma": "; inside {{…}} a comma separates key: value pairs, so what follows the "
        "comma was read as a key; if the comma belongs to the value, quote the whole value: "
        '"{joined}"',
        "decimal_comma_flow": "; inside {{…}} a comma separates key: value pairs, so {written} "
        "was split in two; YAML has no decimal comma: use a decimal point: {decimal}",
        "decimal_comma": "; YAML has no decimal comma: use a decimal point: {decimal}",
        "flow_comma_key": "; inside {{…}} a comma separates key: value pairs, so what follows "
        "the comma was read as a key; if the comma belongs to the value, quote the whole value",
    },
}

# How bad a diagnostic is, in the text format's words (GitHub's and JSON's stay English:
# they are read by programs).
SEVERITY_WORDS = {
    "vi": {"error": "lỗi", "warning": "cảnh báo"},
    "en": {"error": "error", "warning": "warning"},
}

HINT_VI = '; có phải ý bạn là "{suggestion}"?'
HINT_EN = '; did you mean "{suggestion}"?'

# Words a message may name (a YAML type, a kind of reference), per language.
WORDS: dict[str, dict[str, str]] = {
    "vi": {
        "text": "chuỗi",  # a YAML string; "văn bản" is an official document
        "number": "số",
        "integer": "số nguyên",
        "≥": "không nhỏ hơn",
        ">": "lớn hơn",
        "≤": "không lớn hơn",
        "<": "nhỏ hơn",
        "boolean": "true/false",
        "date": "ngày",
        "list": "danh sách",
        "mapping": "nhóm mục dạng tên: giá trị",
        "null": "giá trị rỗng",
        "unit": "đơn vị",
        "criterion": "tiêu chí",
        "task": "nhiệm vụ",
        "document": "văn bản căn cứ",
        "self_assessed": "điểm tự chấm",
        "appraised": "điểm thẩm định",
        "code": "mã tiêu chí (ví dụ: 2.1)",
        "id": "mã (chữ thường không dấu, số, - hoặc _)",
        "letter": "chữ cái (a, b, c…)",
        "escape_unknown": "YAML không có chuỗi thoát này",
        "escape_digits": "thiếu chữ số thập lục phân (\\x cần 2, \\u cần 4, \\U cần 8)",
        "escape_beyond": "vượt quá U+10FFFF, mã lớn nhất của Unicode",
        "char_control": "ký tự điều khiển",
        "char_bidi": "ký tự đổi hướng chữ",
        "char_separator": "ký tự phân cách dòng hoặc đoạn",
        "char_invisible": "ký tự vô hình",
        "char_noncharacter": "mã không phải ký tự",
        "written": " (viết là {})",
        "nbsp_indent": "ở phần thụt lề",
        "nbsp_after_dash": "sau dấu gạch đầu dòng (-)",
        "nbsp_before_colon": "giữa khóa và dấu hai chấm",
        "nbsp_after_colon": "sau dấu hai chấm",
        "unit_id": "mã",
        "unit_name": "tên",
        "unit_alias": "tên gọi khác",
    },
    "en": {
        "≥": "at least",
        ">": "greater than",
        "≤": "at most",
        "<": "less than",
        "text": "text",
        "number": "a number",
        "integer": "a whole number",
        "boolean": "true/false",
        "date": "a date",
        "list": "a list",
        "mapping": "a mapping (key: value)",
        "null": "an empty value",
        "unit": "unit",
        "criterion": "criterion",
        "task": "task",
        "document": "cited document",
        "self_assessed": "self-assessed points",
        "appraised": "appraised points",
        "code": "a criterion code (e.g. 2.1)",
        "id": "an id (lower-case ASCII letters, digits, - or _)",
        "letter": "a letter (a, b, c…)",
        "escape_unknown": "YAML has no such escape",
        "escape_digits": "hexadecimal digits missing (\\x takes 2, \\u 4, \\U 8)",
        "escape_beyond": "beyond U+10FFFF, the last Unicode character",
        "char_control": "a control character",
        "char_bidi": "a bidirectional control",
        "char_separator": "a line or paragraph separator",
        "char_invisible": "an invisible character",
        "char_noncharacter": "a noncharacter",
        "written": " (written {})",
        "nbsp_indent": "in the indentation",
        "nbsp_after_dash": "after a list's dash (-)",
        "nbsp_before_colon": "between a key and its colon",
        "nbsp_after_colon": "after a colon",
        "unit_id": "the id",
        "unit_name": "the name",
        "unit_alias": "the alias",
    },
}


# ruamel.yaml's syntax errors, phrase by phrase, for `{problem!y}` in Vietnamese.
YAML_PHRASES_VI = (
    (
        "mapping values are not allowed here",
        "không được đặt dấu hai chấm (:) ở đây; giá trị có dấu hai chấm cần đặt trong dấu nháy",
    ),
    ("could not find expected ':'", "thiếu dấu hai chấm (:) sau khóa"),
    ("did not find expected key", "không gặp khóa ở chỗ cần có (thụt lề sai?)"),
    ("did not find expected '-' indicator", "thiếu dấu '-' của mục danh sách"),
    ("expected <block end>, but found", "thụt lề không khớp với các dòng trước; gặp"),
    ("expected ',' or ']', but got", "thiếu dấu ',' hoặc ']'; gặp"),
    ("expected ',' or '}', but got", "thiếu dấu ',' hoặc '}'; gặp"),
    ("expected the node content, but found", "thiếu giá trị; gặp"),
    (
        "expected a comment or a line break, but found",
        "sau giá trị chỉ được có chú thích (#) hoặc xuống dòng; gặp",
    ),
    ("found unexpected end of stream", "tệp kết thúc khi chuỗi chưa đóng dấu nháy"),
    (
        "found unexpected ':'",
        "dấu hai chấm (:) không hợp lệ ở đây; hãy đặt giá trị trong dấu nháy",
    ),
    ("found character that cannot start any token", "gặp ký tự không thể mở đầu một giá trị"),
    ("while parsing a flow sequence at", "trong danh sách [...] mở ở"),
    ("while parsing a flow mapping at", "trong nhóm mục {...} mở ở"),
    ("while parsing a block mapping at", "trong nhóm mục mở ở"),
    ("while parsing a block collection at", "trong danh sách mở ở"),
    ("while scanning a quoted scalar at", "trong chuỗi có dấu nháy mở ở"),
    ("while scanning a simple key at", "trong khóa mở ở"),
    ("while scanning a plain scalar at", "trong giá trị mở ở"),
    ("'<stream end>'", "cuối tệp"),
)
# Phrases with a part that varies (a character, a token), as patterns; then the
# parser's token names as words, and its "at line:column" as a place.
YAML_PATTERNS_VI = (
    (
        r"found character '(.+?)' that cannot start any token",
        r"gặp ký tự '\1', không thể mở đầu một giá trị (hãy đặt giá trị trong dấu nháy)",
    ),
    (
        r"expected alphabetic or numeric character, but found '(.+?)'",
        r"cần một chữ cái hoặc chữ số, nhưng gặp '\1'",
    ),
    (
        r"expected chomping or indentation indicators, but found '(.+?)'",
        r"sau | hoặc > chỉ được có dấu +, - hoặc số thụt lề, nhưng gặp '\1'",
    ),
    (r"'<block mapping start>'", "đầu một nhóm mục mới"),
    (r"'<block sequence start>'", "đầu một danh sách mới"),
    (r"'<block end>'", "cuối một nhóm mục"),
    (r"'<scalar>'", "một giá trị"),
    (r"'<alias>'", "một bí danh (alias)"),
    (r"'<anchor>'", "một điểm neo (anchor)"),
    (r" ở (\d+):(\d+)", r" ở dòng \1, cột \2"),
)


class _MessageFormatter(Formatter):
    """str.format, where `{name!w}` translates a word through WORDS, `{name!y}` a YAML
    parser's problem through YAML_PHRASES_VI, `{name!o}` says how the file writes a
    character (" (viết là \\e)"), or nothing when the file does not escape it,
    `{name!q}` is a name in quotes after a space, or nothing when there is none,
    `{name!d}` writes an ISO date as Vietnamese does (30/9/2021), `{name!t}` a deadline
    (quý I/2022), and `{name!e}` why the system refused (errors.reason_of) through the
    command line's REASONS."""

    def __init__(self, lang: str) -> None:
        self.lang = "en" if lang == "en" else "vi"
        self.words = WORDS[self.lang]

    def get_value(self, key: int | str, args: object, kwargs: Mapping[str, object]) -> object:
        return kwargs.get(str(key), "?")

    def convert_field(self, value: object, conversion: str | None) -> object:
        if conversion == "w":
            return self.words.get(str(value), str(value))
        if conversion in ("d", "t") and self.lang == "vi":
            try:
                if conversion == "d":
                    return vn.short_date(date.fromisoformat(str(value)))
                return vn.deadline(Deadline.parse(str(value)), inline=True)
            except (ValueError, TypeError):
                return str(value)
        if conversion in ("d", "t"):
            return str(value)
        if conversion == "q":
            return f' "{value}"' if value else ""
        if conversion == "v":  # a code of the file (not_started) in the office's words
            return STATUS_WORDS.get(str(value), str(value)) if self.lang == "vi" else str(value)
        if conversion == "o":
            return self.words["written"].format(value) if value else ""
        if conversion == "e":
            return reason_words(str(value), self.lang)
        if conversion == "y":
            text = str(value)
            if self.lang == "vi":
                for english, vietnamese in YAML_PHRASES_VI:
                    text = text.replace(english, vietnamese)
                for pattern, replacement in YAML_PATTERNS_VI:
                    text = re.sub(pattern, replacement, text)
            return text
        return super().convert_field(value, conversion)

    def format_field(self, value: object, format_spec: str) -> str:
        if format_spec == "n" and isinstance(value, int):
            # A count as Vietnamese groups it: 100.000 (100,000 in English).
            return number(value, lang=self.lang)
        if isinstance(value, float) and not format_spec:
            # Points as every view writes them: 83,804 and 1.250,5 (83.804, 1,250.5 in English).
            return number(value, lang=self.lang)
        text = str(super().format_field(value, format_spec))
        # A value quoted from the file (a key, a name) is cut, however long it is.
        return text if len(text) <= MAX_QUOTED else text[: MAX_QUOTED - 1] + "…"


CATALOGUE: dict[str, Message] = {
    # Reading the file and its YAML.
    "CCHC001": Message("lỗi cú pháp YAML: {problem!y}", "YAML syntax error: {problem}"),
    "CCHC002": Message(
        'khóa "{key}" bị lặp lại; lần đầu ở dòng {first_line}',
        'duplicate key "{key}"; first defined on line {first_line}',
    ),
    "CCHC003": Message(
        "thụt lề bằng ký tự tab; YAML chỉ cho phép thụt lề bằng dấu cách",
        "tab used for indentation; YAML allows only spaces",
    ),
    "CCHC004": Message(
        "tệp không được mã hóa UTF-8 ({detail}); hãy lưu lại tệp dưới dạng UTF-8 "
        "(bảng mã cũ như TCVN3, VNI, Windows-1258 hay UTF-16 đều cần chuyển sang UTF-8)",
        "the file is not UTF-8 ({detail}); save it as UTF-8 "
        "(legacy encodings such as TCVN3, VNI, Windows-1258, and UTF-16, need converting)",
    ),
    "CCHC005": Message(
        "ký tự không được phép {char} trong tệp",
        "forbidden character {char} in the file",
    ),
    "CCHC006": Message(
        "tệp có nhiều hơn một tài liệu YAML (---); mỗi tệp chỉ chứa một kế hoạch",
        "more than one YAML document (---); a file holds one plan",
    ),
    "CCHC007": Message(
        "tệp rỗng: chưa có nội dung kế hoạch", "the file is empty: it holds no plan"
    ),
    "CCHC008": Message(
        "cấp ngoài cùng của kế hoạch phải là {expected!w}, không phải {actual!w}",
        "the top level of a plan must be {expected!w}, not {actual!w}",
    ),
    "CCHC009": Message(
        "không dùng thẻ YAML tường minh ({tag}); hãy bỏ thẻ và viết giá trị bình thường",
        "explicit YAML tags ({tag}) are not allowed; remove the tag",
    ),
    "CCHC010": Message(
        "khóa phải là chuỗi, không phải {actual!w}",
        "a key must be text, not {actual!w}",
    ),
    "CCHC011": Message(
        "bí danh *{name} tham chiếu đến chính nút chứa nó (đệ quy)",
        "alias *{name} refers to a node that contains it (recursive)",
    ),
    "CCHC012": Message(
        "mở rộng bí danh (anchor, alias) tạo ra hơn {limit:n} nút; tệp bị từ chối",
        "expanding aliases makes more than {limit} nodes; the file is refused",
    ),
    "CCHC013": Message(
        "dữ liệu lồng nhau sâu quá {limit} cấp",
        "data nested deeper than {limit} levels",
    ),
    "CCHC014": Message('ngày không tồn tại: "{value}"', 'impossible date: "{value}"'),
    "CCHC015": Message(
        "số nguyên quá dài ({digits:n} chữ số)",
        "integer too long ({digits} digits)",
    ),
    "CCHC016": Message(
        'không dùng chỉ thị "{directive}"; hãy xóa dòng này, vì tệp kế hoạch luôn được đọc '
        "theo YAML 1.2",
        'the directive "{directive}" is not allowed; delete the line: plans are always read '
        "as YAML 1.2",
    ),
    "CCHC017": Message(
        "tệp có dung lượng {size:n} byte, vượt giới hạn {limit:n} byte",
        "the file is {size} bytes, over the {limit}-byte limit",
    ),
    "CCHC018": Message(
        "từ dòng này có {count} chuỗi viết ở dạng Unicode tổ hợp (NFD), chương trình đã tự "
        "chuyển về dạng dựng sẵn (NFC); hãy lưu tệp ở dạng NFC để các tên giống nhau được "
        "nhận là một",
        "{count} texts in decomposed Unicode (NFD), from here on, were normalised to NFC; "
        "save the file as NFC so that names that look alike compare equal",
    ),
    "CCHC019": Message(
        "chuỗi chứa {char}, một nửa cặp mã thay thế của UTF-16, không phải ký tự Unicode; "
        "hãy xóa chuỗi thoát tạo ra nó",
        "the string holds {char}, half of a UTF-16 surrogate pair and not a Unicode "
        "character; remove the escape that makes it",
    ),
    "CCHC020": Message("không đọc được: {reason!e}", "cannot read: {reason!e}"),
    "CCHC021": Message(
        "chuỗi thoát {escape} không hợp lệ: {reason!w}; muốn ghi chính dấu \\ trong dấu "
        "nháy kép, hãy viết \\\\ hoặc dùng dấu nháy đơn",
        "invalid escape sequence {escape}: {reason!w}; to write a backslash itself inside "
        "double quotes, write \\\\ or use single quotes",
    ),
    "CCHC022": Message(
        "bí danh *{name} chưa được định nghĩa",
        "alias *{name} is not defined",
    ),
    "CCHC023": Message(
        "chuỗi chứa {what!w} {char}{written!o}; hãy xóa ký tự này, vì nó có thể làm sai lệch "
        "những gì màn hình, bảng tính hoặc báo cáo hiển thị",
        "the string holds {what!w} {char}{written!o}; remove it: it can change what a "
        "screen, a spreadsheet or a report shows",
    ),
    "CCHC024": Message(
        "dấu cách không ngắt dòng (U+00A0, thường có khi chép từ Word hoặc trang web) "
        "{where!w}: YAML không coi đó là dấu cách; hãy thay bằng dấu cách thường",
        "a no-break space (U+00A0, often pasted from Word or a web page) {where!w}: YAML "
        "does not read it as a space; replace it with an ordinary space",
    ),
    "CCHC025": Message(
        'YAML đọc "{comment}" là chú thích vì trước dấu # có dấu cách, nên giá trị chỉ còn '
        '"{value}"; nếu # thuộc giá trị, hãy đặt cả giá trị trong dấu nháy: {quoted}; nếu '
        "đó là chú thích, hãy để một dấu cách sau dấu #",
        'YAML reads "{comment}" as a comment, since a space comes before the #, so the value '
        'is only "{value}"; if the # belongs to the value, quote the whole value: {quoted}; '
        "if it is a comment, put a space after the #",
    ),
    # The plan's shape (the schema).
    "CCHC026": Message(
        "không dùng khóa gộp << (chép các mục của một điểm neo vào đây); hãy viết đủ các "
        "mục ở từng chỗ",
        "merge keys (<<) are not allowed; write the keys out in each place",
    ),
    "CCHC101": Message('khóa không hợp lệ "{key}"', 'unknown key "{key}"'),
    "CCHC102": Message('thiếu khóa bắt buộc "{key}"', 'missing required key "{key}"'),
    "CCHC103": Message(
        "cần {expected!w}, nhưng giá trị là {actual!w}",
        "expected {expected!w}, got {actual!w}",
    ),
    "CCHC104": Message(
        "{raw} bị YAML đọc thành {actual!w}, có thể khác với điều đã viết (2.10 thành 2,1; "
        "0912345678 mất số 0 ở đầu); mã tiêu chí, mã nhiệm vụ và số điện thoại là chuỗi, "
        'hãy đặt trong dấu nháy: "{raw}"',
        "{raw} is read by YAML as {actual!w}, which may differ from what was written (2.10 "
        "becomes 2.1; 0912345678 loses its leading 0); criterion codes, task ids and phone "
        'numbers are text: quote it: "{raw}"',
    ),
    "CCHC105": Message(
        'giá trị "{value}" không hợp lệ; chọn một trong: {choices}',
        'invalid value "{value}"; choose one of: {choices}',
    ),
    "CCHC106": Message(
        '"{value}" không đúng dạng {what!w}',
        '"{value}" is not {what!w}',
    ),
    "CCHC107": Message("giá trị {value} phải {op!w} {limit}", "{value} must be {op!w} {limit}"),
    "CCHC108": Message(
        'thời hạn "{value}" không hợp lệ; dùng một ngày (2021-06-30), một quý '
        "(2021-Q2), một năm (2021) hoặc ongoing (thường xuyên)",
        'invalid deadline "{value}"; use a date (2021-06-30), a quarter (2021-Q2), '
        "a year (2021) or ongoing",
    ),
    "CCHC109": Message(
        '"{value}" không phải ngày dạng YYYY-MM-DD',
        '"{value}" is not a date written YYYY-MM-DD',
    ),
    "CCHC110": Message(
        "số phải hữu hạn (không dùng .nan hay .inf)",
        "numbers must be finite (no .nan or .inf)",
    ),
    "CCHC111": Message(
        "chỉ dùng true hoặc false, không phải {value}",
        "use true or false, not {value}",
    ),
    "CCHC112": Message("mục này không được để trống", "must not be empty"),
    "CCHC113": Message(
        "chuỗi dài {length:n} ký tự, quá giới hạn {limit:n} ký tự của mục này",
        "{length:n} characters, over this key's limit of {limit:n}",
    ),
    "CCHC119": Message("giá trị không hợp lệ: {detail}", "invalid value: {detail}"),
    # The plan's consistency (the checks).
    "CCHC201": Message(
        "tổng điểm tối đa của các mục cấp dưới là {total}, khác điểm tối đa {maximum} "
        "của mục {code}",
        "the children's maxima sum to {total}, not to the maximum {maximum} of {code}",
    ),
    "CCHC202": Message(
        "tổng điểm tối đa của các lĩnh vực là {total}, khác thang điểm {maximum}",
        "the fields' maxima sum to {total}, not to the assessment's maximum {maximum}",
    ),
    "CCHC203": Message(
        "{which!w} {points} vượt điểm tối đa {maximum} của tiêu chí {code}",
        "{which!w} {points} exceed the maximum {maximum} of {code}",
    ),
    "CCHC204": Message(
        "tổng điểm thẩm định của cây tiêu chí là {total}, khác tổng điểm đã công bố {score}",
        "the criteria tree's appraised points sum to {total}, not to the score {score}",
    ),
    "CCHC205": Message(
        "thứ hạng {rank} phải nằm trong khoảng 1 đến {ranked}",
        "rank {rank} must be between 1 and {ranked}",
    ),
    "CCHC206": Message(
        "từ hạng {previous} năm trước đến hạng {rank} là thay đổi {actual} hạng, không phải "
        "{change} hạng như ghi ở rank_change",
        "previous rank {previous} and rank {rank} make a change of {actual}, "
        "not the {change} stated",
    ),
    "CCHC207": Message(
        '{kind!w} "{id}" bị trùng; đã có ở dòng {first_line}',
        'duplicate {kind!w} "{id}"; first defined on line {first_line}',
    ),
    "CCHC208": Message(
        '{kind!w} "{ref}" không tồn tại',
        'no {kind!w} "{ref}"',
    ),
    "CCHC209": Message(
        "tiêu chí {code} bị trừ {lost} điểm nhưng không có nhiệm vụ nào khắc phục; "
        "hãy thêm nhiệm vụ hoặc ghi lý do vào no_task_reason",
        "criterion {code} lost {lost} points and no task serves it; "
        "add a task or give the reason in no_task_reason",
    ),
    "CCHC210": Message(
        'nhiệm vụ "{id}" có trạng thái done (hoàn thành) nhưng nhật ký tiến độ chưa có mục '
        "đạt 100%",
        'task "{id}" is done but no progress entry reaches 100%',
    ),
    "CCHC211": Message(
        "mục nhật ký ngày {date!d} đứng sau mục ngày {previous!d}; hãy xếp theo thứ tự ngày",
        "the entry dated {date} follows one dated {previous}; keep entries in date order",
    ),
    "CCHC212": Message(
        "tiến độ giảm từ {previous}% xuống {percent}%",
        "progress goes down from {previous}% to {percent}%",
    ),
    "CCHC213": Message(
        "mục nhật ký ghi ngày {date!d}, sau ngày kiểm tra {as_of!d} "
        "(--as-of, mặc định là hôm nay)",
        "the entry is dated {date}, after the date checked {as_of} (--as-of, by default today)",
    ),
    "CCHC214": Message(
        "thời hạn {deadline!t} (hết ngày {due!d}) nằm ngoài thời gian thực hiện kế hoạch "
        "từ {start!d} đến {end!d}",
        "deadline {deadline} (due {due}) falls outside the plan's horizon {start} to {end}",
    ),
    "CCHC215": Message(
        'mã "{code}" không phải mã con của "{parent}"',
        'code "{code}" is not a child of "{parent}"',
    ),
    "CCHC216": Message(
        "mục {code} không có mục cấp dưới nên cần điểm thẩm định (appraised)",
        "criterion {code} has no children, so it needs its appraised points",
    ),
    "CCHC217": Message(
        "điểm thẩm định {appraised} của mục {code} khác tổng điểm các mục cấp dưới {total}",
        "the appraised points {appraised} of {code} differ from its children's sum {total}",
    ),
    "CCHC218": Message(
        "mục {code} chưa có phương pháp chấm (method: appraisal - thẩm định, hoặc survey - "
        "điều tra xã hội học), kể cả ở các mục cấp trên",
        "criterion {code} has no method (appraisal or survey), nor has any parent",
    ),
    "CCHC219": Message(
        "điểm thẩm định {appraised} cao hơn điểm tự chấm {self_assessed} của tiêu chí {code}",
        "the appraised points {appraised} exceed the self-assessed {self_assessed} of {code}",
    ),
    "CCHC220": Message(
        "ngày giải quyết {resolved!d} trước ngày báo cáo khó khăn {raised!d}",
        "resolved on {resolved}, before it was raised on {raised}",
    ),
    "CCHC221": Message(
        'nhiệm vụ "{id}" có trạng thái {status} ({status!v}) nhưng nhật ký ghi {percent}%',
        'task "{id}" is {status} but its log says {percent}%',
    ),
    "CCHC222": Message(
        'đơn vị "{unit}" vừa chủ trì vừa phối hợp nhiệm vụ "{id}"',
        'unit "{unit}" both leads and supports task "{id}"',
    ),
    "CCHC223": Message(
        "bảng xếp hạng có {count} cơ quan, khác số cơ quan được xếp hạng {ranked}",
        "the peer table lists {count} units, not the {ranked} ranked",
    ),
    "CCHC224": Message(
        "theo bảng xếp hạng, cơ quan đạt {score} điểm, xếp hạng {computed}; khác với "
        "{expected_score} điểm, hạng {rank} ghi ở assessment",
        "the peer table gives this department {score} points and rank {computed}, "
        "not the {expected_score} points and rank {rank} stated",
    ),
    "CCHC225": Message(
        "bảng xếp hạng phải đánh dấu đúng một dòng own: true (cơ quan ban hành), có {count}",
        "the peer table must mark exactly one line own: true, it marks {count}",
    ),
    "CCHC227": Message(
        "ngày kết thúc {end!d} trước ngày bắt đầu {start!d}",
        "the end {end} comes before the start {start}",
    ),
    "CCHC228": Message(
        'tên gọi khác "{alias}" của đơn vị "{unit}" trùng với {what!w}{name!q} của đơn vị '
        '"{other}" (không phân biệt dấu, hoa thường), nên --unit "{alias}" không biết chỉ '
        "đơn vị nào; hãy bỏ hoặc đổi tên gọi khác này",
        'the alias "{alias}" of unit "{unit}" is also {what!w}{name!q} of unit "{other}" '
        '(ignoring case and diacritics), so --unit "{alias}" cannot tell which unit; drop '
        "or change the alias",
    ),
    "CCHC229": Message(
        'tên "{unit_name}" của đơn vị "{unit}" trùng với {what!w}{name!q} của đơn vị '
        '"{other}" (không phân biệt dấu, hoa thường): hai đơn vị không phân biệt được '
        "trong báo cáo và khi chọn bằng --unit; hãy đặt tên khác",
        'the name "{unit_name}" of unit "{unit}" is also {what!w}{name!q} of unit "{other}" '
        "(ignoring case and diacritics): the two units read alike in reports and --unit "
        "cannot tell them apart; rename one",
    ),
    "CCHC230": Message(
        "tổng điểm thẩm định các lĩnh vực ({total}) cộng điểm thưởng ({bonus}), trừ điểm phạt "
        "({penalty}) là {expected}, khác tổng điểm đã công bố ({score})",
        "the criteria tree's appraised points sum to {total}; plus the bonus {bonus} and "
        "less the penalty {penalty} that is {expected}, not the score {score}",
    ),
    "CCHC231": Message(
        "tổng điểm {score} vượt thang điểm {maximum} cộng điểm thưởng {bonus}",
        "the score {score} exceeds the maximum {maximum} and the bonus {bonus}",
    ),
}
