"""Reading files: both readers agree, positions are right, limits hold."""

from __future__ import annotations

import unicodedata
from pathlib import Path
from unittest.mock import patch

import pytest
from ruamel.yaml import YAML

from cchc_plan.reading import loader
from cchc_plan.reading.loader import MAX_BYTES, PositionIndex, _Reader, load_bytes, read_file
from tests.conftest import CASES, PLAN_2021


def _read(text: str, *, pure: bool) -> tuple[object, list[object], PositionIndex]:
    reader = _Reader(text, pure=pure)
    return reader.run(), reader.diagnostics, reader.index


def test_c_and_pure_parsers_agree() -> None:
    """Events from the C parser and from the pure parser build the same data and positions."""
    for path in [PLAN_2021, *sorted((CASES / "valid").glob("*.yaml"))]:
        text = path.read_text(encoding="utf-8-sig")
        fast = _read(text, pure=False)
        pure = _read(text, pure=True)
        assert fast[1] == []
        assert fast == pure


def test_reader_matches_ruamel_safe_load() -> None:
    """The reader's scalars are what ruamel.yaml's own safe loader makes of them."""
    text = PLAN_2021.read_text(encoding="utf-8") + (
        "extra: [1_000, 0x1F, 0o17, -2.5e3, .inf, ~, null, true, False, yes, 2021-02-01,"
        " '2.10', 2.10, 0912345678]\n"
    )
    assert _read(text, pure=False)[0] == YAML(typ="safe").load(text)


def test_valid_plan_uses_the_c_parser_alone() -> None:
    """A clean plan never needs the slow pure-Python parser."""
    with patch.object(_Reader, "__init__", autospec=True, side_effect=_Reader.__init__) as made:
        loaded = read_file(str(PLAN_2021))
    assert loaded.diagnostics == []
    assert [call.kwargs["pure"] for call in made.call_args_list] == [False]


def test_positions_point_at_keys_and_values() -> None:
    """Keys and values keep their line and column, 1-based."""
    _, _, index = _read("a:\n  b: [x, 'y']\n  c: 3\n", pure=False)
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


def test_pure_parser_alone_gives_the_same_verdicts(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without ruamel.yaml.clib every file still reads, through the pure parser."""
    monkeypatch.setattr(loader, "CParser", None)
    plan = read_file(str(PLAN_2021))
    assert plan.diagnostics == []
    broken = read_file(str(CASES / "invalid" / "duplicate-key.yaml"))
    assert [(d.code, d.line) for d in broken.diagnostics] == [("CCHC002", 8)]
