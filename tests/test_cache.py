"""The per-user cache: the plan's validator built once and kept; a verdict never
depends on it, whatever state the cache is in."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import CASES, PLAN_2021

# Files whose verdicts cover the shape's complaints, the checks and a valid plan.
FILES = [PLAN_2021, *sorted((CASES / "invalid").glob("*.yaml"))[:40]]


def validate(cache_home: Path) -> subprocess.CompletedProcess[str]:
    """`cchc validate` on FILES, in a fresh process, with `cache_home` as the cache."""
    return subprocess.run(
        [sys.executable, "-m", "cchc_plan", "validate", "--as-of", "2021-09-30", *map(str, FILES)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "XDG_CACHE_HOME": str(cache_home)},
    )


def kept(cache_home: Path) -> list[Path]:
    return sorted((cache_home / "cchc").glob("plan-validator-*.pickle"))


def test_the_validator_is_kept_and_the_verdicts_stay_the_same(tmp_path: Path) -> None:
    first = validate(tmp_path)
    assert first.returncode == 1, first.stderr  # the invalid cases
    (validator,) = kept(tmp_path)
    assert (tmp_path / "cchc").stat().st_mode & 0o777 == 0o700
    assert validator.stat().st_mode & 0o777 == 0o600
    written = validator.stat().st_mtime_ns
    second = validate(tmp_path)  # from the cache
    assert (second.returncode, second.stdout, second.stderr) == (
        first.returncode,
        first.stdout,
        first.stderr,
    )
    assert kept(tmp_path) == [validator]
    assert validator.stat().st_mtime_ns == written  # read, not built again


def test_a_damaged_cache_file_is_built_anew(tmp_path: Path) -> None:
    expected = validate(tmp_path / "clean")
    (validator,) = kept(tmp_path / "clean")
    damaged = tmp_path / "damaged"
    (damaged / "cchc").mkdir(parents=True, mode=0o700)
    for content in (b"", b"not a pickle", validator.read_bytes()[:500], b"\x80\x04N."):
        (damaged / "cchc" / validator.name).write_bytes(content)
        result = validate(damaged)
        assert (result.returncode, result.stdout, result.stderr) == (
            expected.returncode,
            expected.stdout,
            expected.stderr,
        )
        rebuilt = (damaged / "cchc" / validator.name).read_bytes()
        assert rebuilt != content
        assert len(rebuilt) > 1000  # a validator again


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
def test_a_cache_others_may_write_to_is_not_used(tmp_path: Path) -> None:
    expected = validate(tmp_path / "clean")
    (validator,) = kept(tmp_path / "clean")
    shared = tmp_path / "shared"
    (shared / "cchc").mkdir(parents=True)
    planted = shared / "cchc" / validator.name
    planted.write_bytes(b"\x80\x04N.")  # would stand for a validator, if it were read
    (shared / "cchc").chmod(0o777)
    result = validate(shared)
    assert (result.returncode, result.stdout) == (expected.returncode, expected.stdout)
    assert planted.read_bytes() == b"\x80\x04N."  # neither read nor replaced


def test_older_validators_are_removed(tmp_path: Path) -> None:
    (tmp_path / "cchc").mkdir(mode=0o700)
    older = tmp_path / "cchc" / "plan-validator-00000000000000000000.pickle"
    older.write_bytes(b"old")
    validate(tmp_path)
    assert not older.exists()
    assert len(kept(tmp_path)) == 1


def test_no_cache_to_be_had_is_no_failure(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("a file where the cache folder would be")
    result = validate(blocked)
    assert result.returncode == 1
    assert result.stderr == ""
    assert "Đã kiểm tra" in result.stdout
