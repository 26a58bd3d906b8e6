"""``--fix`` and ``--diff``: safe rewrites only, atomic writes, idempotent, never over a changed file."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from ci_support import make_workspace, medlint
from medlint.api import Linter
from medlint.config import load_config
from medlint.fixes import plan_file, write_plan

FIXED = (
    "# Stories\n\nHe died by suicide in 2019, and his sister lives with migraines.\n\n"
    "Her father lives with asthma; visit the best clinic.\n"
)


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return make_workspace(tmp_path, monkeypatch)


def test_fix_applies_safe_rewrites_and_reports_the_rest(workspace: Path) -> None:
    page = workspace / "fixable.md"
    page.chmod(0o640)
    result = medlint("check", "fixable.md", "--fix")
    assert page.read_text(encoding="utf-8") == FIXED  # the unsafe 'best clinic' swap is left alone
    assert stat.S_IMODE(page.stat().st_mode) == 0o640
    assert result.stdout.splitlines() == [
        "fixable.md:5:41: info: Consider 'our clinic' instead of 'best clinic'. [CIA004]",
        "Found 1 problem (0 errors, 0 warnings, 1 info) in 1 file. 3 fixes applied.",
    ]
    assert result.exit_code == 0
    assert [path.name for path in workspace.iterdir() if "medlint-fix" in path.name] == []


def test_second_fix_changes_nothing(workspace: Path) -> None:
    medlint("check", "fixable.md", "--fix")
    before = (workspace / "fixable.md").stat().st_mtime_ns
    result = medlint("check", "fixable.md", "--fix", "--format", "json")
    assert json.loads(result.stdout)["summary"]["fixes_applied"] == 0
    assert (workspace / "fixable.md").read_text(encoding="utf-8") == FIXED
    assert (workspace / "fixable.md").stat().st_mtime_ns == before


def test_diff_prints_a_unified_diff_and_writes_nothing(workspace: Path) -> None:
    original = (workspace / "fixable.md").read_bytes()
    result = medlint("check", "fixable.md", "--diff")
    assert (workspace / "fixable.md").read_bytes() == original
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "--- a/fixable.md",
        "+++ b/fixable.md",
        "@@ -1,5 +1,5 @@",
        " # Stories",
        " ",
        "-He committed suicide in 2019, and his sister suffers from migraines.",
        "+He died by suicide in 2019, and his sister lives with migraines.",
        " ",
        "-Her father suffers from asthma; visit the best clinic.",
        "+Her father lives with asthma; visit the best clinic.",
    ]
    assert "3 fixes would be applied" in result.stderr


def test_diff_on_a_clean_page_is_empty(workspace: Path) -> None:
    result = medlint("check", "clean.md", "--diff")
    assert (result.exit_code, result.stdout) == (0, "")


def test_fix_keeps_crlf_and_bom(workspace: Path) -> None:
    page = workspace / "windows.md"
    page.write_bytes(b"\xef\xbb\xbf# Note\r\n\r\nShe suffers from migraines.\r\n")
    medlint("check", "windows.md", "--fix")
    assert page.read_bytes() == b"\xef\xbb\xbf# Note\r\n\r\nShe lives with migraines.\r\n"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_fix_keeps_the_byte_order_of_a_utf16_or_utf32_file(workspace: Path, codec: str) -> None:
    page = workspace / "wide.md"
    page.write_bytes(("\ufeff# Note\n\nShe suffers from migraines.\n").encode(codec))
    medlint("check", "wide.md", "--fix")
    assert page.read_bytes() == ("\ufeff# Note\n\nShe lives with migraines.\n").encode(codec)


def test_fix_skips_suppressed_findings(workspace: Path) -> None:
    page = workspace / "kept.md"
    page.write_text("<!-- medlint-disable-next-line CIA003 -->\nShe suffers from migraines.\n", encoding="utf-8")
    medlint("check", "kept.md", "--fix")
    assert "suffers from" in page.read_text(encoding="utf-8")


def test_file_changed_since_read_is_not_touched(workspace: Path) -> None:
    linter = Linter.create(load_config(workspace / ".medlint.yml"))
    page = workspace / "fixable.md"
    plan = plan_file(linter, page)
    assert plan is not None and plan.applied == 3
    page.write_text("An editor saved this meanwhile.\n", encoding="utf-8")
    error = write_plan(plan)
    assert error is not None and "changed since medlint read it" in error.message
    assert page.read_text(encoding="utf-8") == "An editor saved this meanwhile.\n"


def test_fix_follows_a_symlink_and_keeps_it(workspace: Path) -> None:
    link = workspace / "link.md"
    os.symlink(workspace / "fixable.md", link)
    medlint("check", "link.md", "--fix")
    assert link.is_symlink()
    assert (workspace / "fixable.md").read_text(encoding="utf-8") == FIXED


def test_fix_refuses_stdin(workspace: Path) -> None:
    result = medlint("check", "-", "--fix")
    assert result.exit_code == 2
    assert "cannot be used with '-'" in result.stderr
