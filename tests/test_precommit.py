"""The ``medlint`` pre-commit hook, run by the real pre-commit against a throw-away repository.

``pre-commit try-repo`` pip-installs the hook repository (not editable) into
its own virtualenv, so these tests also prove that the wheel carries the
built-in rulesets. try-repo only picks up *tracked* uncommitted changes, so
the hook repository used here is a snapshot of this working tree (tracked and
untracked files, minus what ``.gitignore`` excludes) committed into a temporary
git repository: it tests exactly the code under review.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ci_support import CI_FIXTURES

ROOT = Path(__file__).resolve().parents[1]
PRE_COMMIT = Path(sys.executable).with_name("pre-commit")
GIT_IDENTITY = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
                "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"}  # fmt: skip

pytestmark = pytest.mark.slow


def git(*args: str, cwd: Path) -> str:
    env = {**os.environ, **GIT_IDENTITY}
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True, env=env).stdout


def working_tree_files() -> list[str]:
    listed = git("ls-files", "--cached", "--others", "--exclude-standard", "-z", cwd=ROOT)
    return [name for name in listed.split("\0") if name and (ROOT / name).is_file()]


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("git") is None or not PRE_COMMIT.exists():
        pytest.skip("git or pre-commit is not installed")
    snapshot = tmp_path_factory.mktemp("hook-repo")
    for name in working_tree_files():
        target = snapshot / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target)
    git("init", "-q", cwd=snapshot)
    git("add", "-A", cwd=snapshot)
    git("commit", "-q", "-m", "snapshot", cwd=snapshot)
    return snapshot


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


def content_repo(root: Path, pages: dict[str, str], *, with_rules: bool) -> Path:
    root.mkdir()
    git("init", "-q", cwd=root)
    if with_rules:
        shutil.copytree(CI_FIXTURES / "rules", root / "rules")
        (root / ".medlint.yml").write_text("rulesets: [./rules]\n", encoding="utf-8")
    for name, text in pages.items():
        (root / name).write_text(text, encoding="utf-8")
    git("add", "-A", cwd=root)
    return root


def try_repo(repo: Path, hook_repo: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1", "MEDLINT_DISABLE_PLUGIN_AUTOLOAD": "1"}
    env.pop("VIRTUAL_ENV", None)
    return subprocess.run(
        [str(PRE_COMMIT), "try-repo", str(hook_repo), "medlint", "--all-files", "--color", "never"],
        cwd=repo, capture_output=True, text=True, env=env, timeout=900,
    )  # fmt: skip


def test_manifest_is_valid() -> None:
    result = subprocess.run(
        [str(PRE_COMMIT), "validate-manifest", str(ROOT / ".pre-commit-hooks.yaml")], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_risky_page_blocks_the_commit(tmp_path: Path, hook_repo: Path, pre_commit_home: Path) -> None:
    risky = (CI_FIXTURES / "risky.md").read_text(encoding="utf-8")
    repo = content_repo(tmp_path / "site", {"risky.md": risky, "script.py": "print('miracle cure')\n"}, with_rules=True)
    result = try_repo(repo, hook_repo, pre_commit_home)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Failed" in output
    assert "risky.md:3:19: error: 'miracle cure' promises a result no treatment can guarantee. [CIA001]" in output
    assert "script.py" not in output  # not a text type the hook lints


def test_clean_page_passes(tmp_path: Path, hook_repo: Path, pre_commit_home: Path) -> None:
    clean = (CI_FIXTURES / "clean.md").read_text(encoding="utf-8")
    repo = content_repo(tmp_path / "site", {"clean.md": clean, "notes.txt": "Plain notes.\n"}, with_rules=True)
    result = try_repo(repo, hook_repo, pre_commit_home)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert re.search(r"medlint \(health-claim compliance\)\.+Passed", output)


def test_installed_hook_finds_the_builtin_rulesets(tmp_path: Path, hook_repo: Path, pre_commit_home: Path) -> None:
    page = "# Offers\n\nOur infusions are guaranteed to cure depression.\n"
    repo = content_repo(tmp_path / "site", {"page.md": page}, with_rules=False)
    result = try_repo(repo, hook_repo, pre_commit_home)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert re.search(r"^page\.md:3:\d+: (error|warning): .* \[EFF\d{3}\]$", output, re.MULTILINE), output
    assert "ruleset" not in output.lower()
