"""The installed wheel (what pip and pre-commit install) finds the built-in rulesets."""

from __future__ import annotations

import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(out), str(ROOT)],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    return next(out.glob("medlint-*.whl"))


@pytest.mark.slow
def test_wheel_ships_rulesets_and_checks_a_page(wheel: Path, tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    install = subprocess.run([str(python), "-m", "pip", "install", "-q", str(wheel)], capture_output=True, text=True)
    assert install.returncode == 0, install.stderr[-2000:]
    page = tmp_path / "post.md"
    page.write_text("# Our IV drip\n\nThis drip cures hangovers, guaranteed.\n", encoding="utf-8")
    medlint = env_dir / "bin" / "medlint"
    proc = subprocess.run([str(medlint), "check", str(page)], cwd=tmp_path, capture_output=True, text=True)
    assert proc.returncode == 1, proc.stderr
    assert f"{page}:3:" in proc.stdout
    assert (
        "efficacy"
        in subprocess.run([str(medlint), "rules"], cwd=tmp_path, capture_output=True, text=True, check=True).stdout
    )
    rules_root = subprocess.run(
        [str(python), "-c", "from medlint.plugins.builtin import builtin_rulesets_root as r; print(r())"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    assert str(env_dir) in rules_root, "the rulesets must come from the installed wheel, not the source tree"
