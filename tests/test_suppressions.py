"""Inline suppressions as a writer uses them, through the real CLI, in Markdown, MDX and HTML."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ci_support import make_workspace, medlint


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return make_workspace(tmp_path, monkeypatch)


def findings(*args: str) -> list[tuple[str, int]]:
    result = medlint("check", *args, "--format", "json")
    assert result.exit_code in (0, 1), result.stderr
    return [(item["rule"], item["line"]) for item in json.loads(result.stdout)["findings"]]


def write(workspace: Path, name: str, text: str) -> str:
    (workspace / name).write_text(text, encoding="utf-8")
    return name


def test_disable_next_line_suppresses_exactly_the_next_line(workspace: Path) -> None:
    assert ("CIA001", 4) not in findings("suppressed.md")
    assert ("CIA001", 5) in findings("suppressed.md")


def test_unused_disable_next_line_is_reported(workspace: Path) -> None:
    result = medlint("check", "suppressed.md")
    assert "suppressed.md:7:1: warning: medlint-disable-next-line CIA002 suppresses nothing; remove it [MED001]" in (
        result.stdout.splitlines()
    )
    assert result.exit_code == 1


def test_disable_next_line_does_not_skip_a_blank_line(workspace: Path) -> None:
    found = findings("suppressed.md")
    assert ("MED001", 10) in found
    assert ("CIA001", 12) in found


def test_directive_inside_a_code_block_is_not_a_directive(workspace: Path) -> None:
    assert ("CIA001", 17) in findings("suppressed.md")
    assert not any(line == 15 for _rule, line in findings("suppressed.md"))


def test_directive_inside_inline_code_is_not_a_directive(workspace: Path) -> None:
    name = write(workspace, "inline.md", "Quote `<!-- medlint-disable-line CIA001 -->` near a miracle cure.\n")
    assert findings(name, "--select", "CIA001") == [("CIA001", 1)]


def test_exact_suppression_snapshot(workspace: Path) -> None:
    assert findings("suppressed.md") == [
        ("CIA001", 5), ("MED001", 7), ("MED001", 10), ("CIA001", 12), ("CIA001", 17),
    ]  # fmt: skip


def test_disable_line_covers_only_its_own_line(workspace: Path) -> None:
    name = write(
        workspace,
        "line.md",
        "A miracle cure here. <!-- medlint-disable-line CIA001 -->\nA miracle cure below.\n\nnot medical advice\n",
    )
    assert findings(name) == [("CIA001", 2)]


def test_disable_enable_block_by_name_and_category(workspace: Path) -> None:
    name = write(
        workspace,
        "block.md",
        "<!-- medlint-disable instant-relief -->\nInstant relief inside.\n<!-- medlint-enable instant-relief -->\n"
        "Instant relief outside.\n\n<!-- medlint-disable efficacy -->\nA miracle cure, then\n\n"
        "guaranteed results to the end. This is not medical advice.\n",
    )
    assert findings(name) == [("CIA002", 4)]


def test_disable_file_covers_page_findings(workspace: Path) -> None:
    name = write(workspace, "file.md", "<!-- medlint-disable-file CIA005 -->\n# Offers\n\nA miracle cure.\n")
    assert findings(name) == [("CIA001", 4)]


def test_unused_disable_file_and_unknown_id_are_reported(workspace: Path) -> None:
    name = write(
        workspace,
        "audit.md",
        "<!-- medlint-disable-file CIA002 -->\n<!-- medlint-disable-next-line NOPE123 -->\nA miracle cure.\n\n"
        "not medical advice\n",
    )
    result = medlint("check", name)
    assert result.stdout.splitlines()[:3] == [
        "audit.md:1:1: warning: medlint-disable-file CIA002 suppresses nothing; remove it [MED001]",
        "audit.md:2:1: warning: medlint-disable-next-line names unknown rule(s) NOPE123; fix or remove them [MED002]",
        "audit.md:3:3: error: 'miracle cure' promises a result no treatment can guarantee. [CIA001]",
    ]


def test_unused_directive_can_be_ignored_like_any_rule(workspace: Path) -> None:
    assert ("MED001", 7) not in findings("suppressed.md", "--ignore", "MED001")


def test_mdx_comment_directive(workspace: Path) -> None:
    name = write(
        workspace,
        "page.mdx",
        "import X from './x'\n\n{/* medlint-disable-next-line CIA001 */}\nA miracle cure here.\n"
        "A miracle cure below.\n\nnot medical advice\n",
    )
    assert findings(name) == [("CIA001", 5)]


def test_html_comment_directive(workspace: Path) -> None:
    name = write(
        workspace,
        "page.html",
        "<html><body>\n<!-- medlint-disable-next-line CIA001 -->\n<p>A miracle cure here.</p>\n"
        "<p>A miracle cure below.</p>\n<p>not medical advice</p>\n</body></html>\n",
    )
    assert findings(name) == [("CIA001", 4)]


def test_multiline_comment_counts_from_its_last_line(workspace: Path) -> None:
    name = write(
        workspace,
        "multi.md",
        "<!--\nmedlint-disable-next-line CIA001\n-- reviewed 2026-05\n-->\nA miracle cure here.\n"
        "A miracle cure below.\n\nnot medical advice\n",
    )
    assert findings(name) == [("CIA001", 6)]
