"""The built wheel, installed in a fresh environment, works outside the repository."""

from __future__ import annotations

import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from tests.conftest import CASES, PLAN_2021, ROOT


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new virtual environment with only the wheel (and its dependencies) installed."""
    work = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(work), str(ROOT)],
        check=True,
    )
    [wheel] = work.glob("cchc_plan-*.whl")
    env_dir = work / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [
            str(python),
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            str(wheel),
        ],
        check=True,
    )
    return env_dir / "bin"


def test_installed_cchc_validates_from_elsewhere(installed: Path, tmp_path: Path) -> None:
    """`cchc validate` from the wheel, run in a folder outside the repository."""
    shutil.copy(PLAN_2021, tmp_path / "2021.yaml")
    shutil.copy(CASES / "invalid" / "duplicate-key.yaml", tmp_path / "broken.yaml")
    ok = subprocess.run(
        [str(installed / "cchc"), "validate", "2021.yaml"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert ok.returncode == 0, ok.stdout + ok.stderr
    bad = subprocess.run(
        [str(installed / "cchc"), "validate", "broken.yaml", "--lang", "en"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert bad.returncode == 1
    assert "broken.yaml:8:3: error CCHC002: duplicate key" in bad.stdout


def test_installed_package_has_the_c_parser(installed: Path) -> None:
    """The wheel's dependencies bring ruamel.yaml's C parser, so the fast path is fast."""
    probe = "from ruamel.yaml import YAML; print(YAML(typ='safe').Parser.__module__)"
    result = subprocess.run(
        [str(installed / "python"), "-c", probe], capture_output=True, text=True, check=True
    )
    assert "_ruamel_yaml" in result.stdout


@pytest.mark.parametrize(
    "kind",
    [["--kind", "bao-cao"], ["--kind", "phu-luc"], ["--kind", "don-vi", "--unit", "office"]],
)
def test_installed_cchc_renders_every_report(
    installed: Path, tmp_path: Path, kind: list[str]
) -> None:
    """The wheel carries the templates: every kind of report renders outside the repository."""
    shutil.copy(PLAN_2021, tmp_path / "2021.yaml")
    result = subprocess.run(
        [str(installed / "cchc"), "report", "--plan", "2021.yaml", "--as-of", "2021-09-30", *kind],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Kế hoạch số 10/KH-SKHĐT" in result.stdout


def test_installed_views_run(installed: Path, tmp_path: Path) -> None:
    """status, gaps and progress run from the wheel, finding plans/<year>.yaml."""
    (tmp_path / "plans").mkdir()
    shutil.copy(PLAN_2021, tmp_path / "plans" / "2021.yaml")
    for view in (["status", "--unit", "van phong"], ["gaps"], ["progress"]):
        result = subprocess.run(
            [str(installed / "cchc"), *view, "--as-of", "2021-09-30"],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stdout + result.stderr
