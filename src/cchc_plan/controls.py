"""Characters that take over what a screen, a sheet or a report shows, and how every
output shows one instead: as a visible escape, such as `\\x1b`.

A plan's text may hold none of them (the reader refuses them: CCHC023); the outputs
escape them all the same, since a file name or a diagnostic's excerpt comes from
elsewhere. Tab and newline are ordinary text.
"""

from __future__ import annotations

import re

# Controls (Unicode category Cc) but tab and newline; the bidirectional controls
# (marks, embeddings, overrides, isolates); the line and paragraph separators; the
# zero-width no-break space (a byte-order mark inside the text); the noncharacters
# U+FFFE and U+FFFF.
UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
    "\ufeff\ufffe\uffff]"
)
_SHOWN = re.compile(UNSAFE.pattern[:-1] + "\ud800-\udfff]")
_SHOWN_WITH_BREAKS = re.compile(UNSAFE.pattern[:-1] + "\t\n\ud800-\udfff]")
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_ESCAPES = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def kind(char: str) -> str:
    """What sort of unsafe character this is, as the messages name it."""
    if char in _BIDI:
        return "char_bidi"
    if char in "\u2028\u2029":
        return "char_separator"
    if char == "\ufeff":
        return "char_invisible"
    if char in "\ufffe\uffff":
        return "char_noncharacter"
    return "char_control"


def escape(char: str) -> str:
    """One character as a visible escape: `\\x1b`, `\\u202e`, `\\t`.

    A lone surrogate from a name that was not UTF-8 (Python keeps such a byte as
    U+DC80…U+DCFF) is shown as that byte: `\\xff`.
    """
    if char in _ESCAPES:
        return _ESCAPES[char]
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:
        code -= 0xDC00
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str, *, breaks: bool = False) -> str:
    """The text with every unsafe character (and lone surrogate) escaped; with
    `breaks`, tabs and newlines too, for what must stay on one line."""
    pattern = _SHOWN_WITH_BREAKS if breaks else _SHOWN
    return pattern.sub(lambda match: escape(match.group()), text)


def json_visible(document: str) -> str:
    """A JSON document with every unsafe character inside its strings written as a
    `\\uXXXX` escape: the same data, nothing raw (json.dumps escapes only U+0000…U+001F)."""
    return _SHOWN.sub(lambda match: f"\\u{ord(match.group()):04x}", document)
