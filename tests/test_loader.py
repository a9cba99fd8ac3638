"""Reading files: both readers agree, positions are right, limits hold."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from cchc_plan.loader import MAX_BYTES, _careful_read, _fast_read, load_bytes, read_file
from tests.conftest import CASES, PLAN_2021


def test_fast_and_careful_readers_agree() -> None:
    """The C loader and the position-keeping reader build the same data."""
    for path in [PLAN_2021, *sorted((CASES / "valid").glob("*.yaml"))]:
        text = path.read_text(encoding="utf-8-sig")
        careful, diagnostics, _ = _careful_read(text)
        assert diagnostics == []
        assert careful is not None
        if "&" not in text:
            assert _fast_read(text) == careful


def test_valid_plan_takes_the_fast_path() -> None:
    """A clean plan is read without building positions."""
    loaded = read_file(str(PLAN_2021))
    assert loaded.diagnostics == []
    assert loaded.index is None


def test_positions_point_at_keys_and_values() -> None:
    """Keys and values keep their line and column, 1-based."""
    _, _, index = _careful_read("a:\n  b: [x, 'y']\n  c: 3\n")
    assert index.keys[("a", "b")].line == 2
    assert (index.values[("a", "b", 1)].line, index.values[("a", "b", 1)].column) == (2, 10)
    assert index.locate(("a", "missing")).line == 2  # falls back to the parent


def test_nfd_text_is_normalised() -> None:
    """Decomposed Vietnamese is read as NFC, with one warning."""
    raw = unicodedata.normalize("NFD", "tên: Văn phòng Sở\n").encode()
    loaded = load_bytes(raw, name="x.yaml")
    assert loaded.data == {"tên": "Văn phòng Sở"}
    assert unicodedata.is_normalized("NFC", next(iter(loaded.data)))
    assert [d.code for d in loaded.diagnostics] == ["CCHC018"]


def test_file_over_the_size_cap_is_refused(tmp_path: Path) -> None:
    """A file over 5 MiB is refused without being parsed."""
    big = tmp_path / "big.yaml"
    big.write_bytes(b"a: " + b"x" * MAX_BYTES + b"\n")
    loaded = read_file(str(big))
    assert loaded.data is None
    assert [(d.code, d.line, d.column) for d in loaded.diagnostics] == [("CCHC017", 1, 1)]


def test_unreadable_file_is_reported(tmp_path: Path) -> None:
    """A folder given as a file, or a missing file, is a diagnostic, not an exception."""
    loaded = read_file(str(tmp_path))
    assert loaded.unreadable
    assert [d.code for d in loaded.diagnostics] == ["CCHC020"]
