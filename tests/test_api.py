"""The public Python API: ``medlint.lint_text``, ``medlint.lint_paths`` and the names in ``medlint.__all__``."""

from __future__ import annotations

from pathlib import Path

import medlint
from medlint import Config, Finding, Linter, Report, Severity

RULES = Path(__file__).resolve().parent / "fixtures" / "documents"
CONFIG = Config(root=RULES, rulesets=("./rules",))


def test_public_names_resolve() -> None:
    for name in medlint.__all__:
        assert getattr(medlint, name) is not None, name
    assert medlint.hookimpl is medlint.plugins.hookspecs.hookimpl


def test_lint_text_returns_sorted_findings_with_positions() -> None:
    findings = medlint.lint_text("A pain-free visit.\nIt burns fat while you sleep.\n", path="page.md", config=CONFIG)
    assert [(item.rule, item.line, item.column, item.end_column) for item in findings] == [
        ("FXD001", 1, 1, 19),
        ("FXS001", 1, 3, 12),
        ("FXE001", 2, 4, 29),
    ]
    assert all(isinstance(item, Finding) for item in findings)
    assert findings[1].fix is not None and findings[1].fix.text == "more comfortable"
    assert findings[2].to_dict()["severity"] == "warning" and findings[2].severity is Severity.WARNING


def test_the_path_chooses_the_document_type() -> None:
    html = "<p>Visit us.</p><script>it melts fat</script>"
    assert medlint.lint_text(html, path="page.html", config=CONFIG) == []
    assert [item.rule for item in medlint.lint_text(html, path="page.txt", config=CONFIG)] == ["FXD001", "FXE001"]


def test_inline_suppressions_apply_to_lint_text() -> None:
    text = "It melts fat. <!-- medlint-disable-line FXE001 -->\n"
    assert "FXE001" not in [item.rule for item in medlint.lint_text(text, path="page.md", config=CONFIG)]


def test_lint_paths_returns_a_report_with_errors_per_path(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("It melts fat. Talk to your doctor.\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("A calm walk.\n", encoding="utf-8")
    report = medlint.lint_paths([str(tmp_path), str(tmp_path / "missing.md")], config=CONFIG)
    assert isinstance(report, Report)
    assert sorted(Path(path).name for path in report.files) == ["a.md", "b.md"]
    assert [(Path(item.path).name, item.rule) for item in report.findings] == [("a.md", "FXE001")]
    assert [Path(error.path).name for error in report.errors] == ["missing.md"]
    assert report.exit_code("warning") == 2


def test_a_linter_is_reused_for_many_texts() -> None:
    linter = Linter.create(CONFIG)
    assert {rule.id for rule in linter.rules} == {"FXC001", "FXD001", "FXE001", "FXS001"}
    assert [item.rule for item in linter.lint_text("Ozone for tumours.", "a.md")] == ["FXC001", "FXD001"]
    assert linter.lint_text("A calm walk.", "b.md") == []
