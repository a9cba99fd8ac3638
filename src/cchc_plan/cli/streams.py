"""Standard output and error that never fail: on any encoding, for any file name, and
after the reader has gone.

A character the output's encoding lacks is written as near as it can be: Vietnamese in
the Windows code page 1258 as its letter and a combining tone mark, elsewhere without
its diacritics ("Nhiệm vụ" as "Nhiem vu" in ASCII), a dash or a quote as its ASCII
look-alike, anything else as "?"; one character for one, so that tables keep their
columns. A file name's undecodable bytes (Python's surrogate escapes) are written as
U+FFFD, or "?".
"""

from __future__ import annotations

import codecs
import contextlib
import functools
import os
import sys

_HANDLER = "cchc-nearest"
_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")  # huyền, sắc, ngã, hỏi, nặng
_LOOK_ALIKES = str.maketrans(
    {
        "đ": "d",
        "Đ": "D",
        "─": "-",
        "━": "-",
        "│": "|",
        "–": "-",
        "—": "-",
        "“": '"',
        "”": '"',
        "‘": "'",
        "’": "'",
        "…": ".",
        "→": ">",
        "↳": ">",
        "·": ".",
    }
)


def tolerate_any_encoding() -> None:
    """Let standard output and error write any text, on any encoding."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        encoding = getattr(stream, "encoding", None)
        if reconfigure is not None and isinstance(encoding, str):
            # One handler per encoding: a codec's error names "charmap", not itself.
            name = f"{_HANDLER}-{encoding}"
            codecs.register_error(name, functools.partial(_nearest, encoding=encoding))
            with contextlib.suppress(ValueError, OSError):
                reconfigure(errors=name)


def discard_stdout() -> None:
    """Send whatever standard output still holds, and will be given, nowhere: its
    reader has gone, or its disk is full, and exiting must not try again."""
    with contextlib.suppress(AttributeError, ValueError, OSError):
        target = sys.stdout.fileno()
        nowhere = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(nowhere, target)
        finally:
            os.close(nowhere)


def _nearest(error: UnicodeError, *, encoding: str) -> tuple[bytes, int]:
    # Bytes, already encoded: the UTF-8 encoder takes nothing else but ASCII text.
    if not isinstance(error, UnicodeEncodeError):
        raise error
    chars = error.object[error.start : error.end]
    return b"".join(_nearest_bytes(c, encoding) for c in chars), error.end


def _nearest_bytes(char: str, encoding: str) -> bytes:
    import unicodedata  # only a character the encoding lacks needs it

    if "\ud800" <= char <= "\udfff":
        candidates = ["\ufffd"]
    else:
        parts = unicodedata.normalize("NFD", char)
        tones = "".join(c for c in parts if c in _TONES)
        letter = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES))
        bare = "".join(c for c in parts if not unicodedata.combining(c))
        candidates = [letter + tones, bare.translate(_LOOK_ALIKES)]
    for candidate in candidates:
        with contextlib.suppress(UnicodeEncodeError, LookupError):
            if candidate:
                return candidate.encode(encoding)
    return b"?"
