"""Fixture documents with inline ``expect`` markers, checked through ``medlint.testing``.

Each file in ``tests/fixtures/documents`` marks the findings it must produce.
They run against the frozen ruleset in ``documents/rules`` (so the built-in
rulesets can change freely), except ``core-*`` files, which check the
built-in EFF001 on its most stable words ("cures", "guaranteed").
"""

from __future__ import annotations

from pathlib import Path

import pytest

from medlint import Config, Linter
from medlint.testing import assert_document, check_document, parse_expectations

DOCUMENTS = Path(__file__).resolve().parent / "fixtures" / "documents"
FIXTURES = sorted(path for path in DOCUMENTS.iterdir() if path.suffix in {".md", ".mdx", ".html", ".txt"})


@pytest.fixture(scope="module")
def fixture_linter() -> Linter:
    return Linter.create(Config(root=DOCUMENTS, rulesets=("./rules",)))


@pytest.fixture(scope="module")
def core_linter() -> Linter:
    return Linter.create(Config(root=DOCUMENTS, rulesets=("core",), select=("EFF001",)))


def test_every_document_type_has_a_fixture() -> None:
    assert {path.suffix for path in FIXTURES} == {".md", ".mdx", ".html", ".txt"}


@pytest.mark.parametrize("path", FIXTURES, ids=lambda path: path.name)
def test_fixture_document(path: Path, fixture_linter: Linter, core_linter: Linter) -> None:
    linter = core_linter if path.name.startswith("core-") else fixture_linter
    assert_document(path, linter=linter)


def test_markers_are_blanked_to_the_same_length() -> None:
    text = "Wraps melt fat. <!-- expect: FXE001 -->\nSecond line.\n<!-- expect-document: FXD001 -->\n"
    expectations = parse_expectations(text)
    assert len(expectations.text) == len(text)
    assert expectations.text.splitlines()[0] == "Wraps melt fat." + " " * 24
    assert "expect" not in expectations.text
    assert expectations.spans == ((1, "FXE001"),)
    assert expectations.document == ("FXD001",)


def test_a_marker_cannot_change_a_result(tmp_path: Path, fixture_linter: Linter) -> None:
    # The marker sits inside the sentence; left in a .txt it would split or extend it.
    page = tmp_path / "page.txt"
    page.write_text("It burns fat <!-- expect: FXE001 --> while you sleep. Talk to your doctor.\n", encoding="utf-8")
    assert check_document(page, linter=fixture_linter) == []


def test_mismatch_is_reported_as_a_diff(tmp_path: Path, fixture_linter: Linter) -> None:
    page = tmp_path / "page.md"
    page.write_text(
        "A calm walk helps. <!-- expect: FXE001 -->\nIt is pain-free.\n<!-- expect-document: FXD001 -->\n",
        encoding="utf-8",
    )
    assert check_document(page, linter=fixture_linter) == [
        "-document FXD001 missing",
        "-L1 FXE001 missing",
        "+L2 FXS001 unexpected: Say 'more comfortable' instead of 'pain-free'.",
    ]
    with pytest.raises(AssertionError, match=r"(?s)findings differ.*-L1 FXE001 missing"):
        assert_document(page, linter=fixture_linter)


def test_a_rule_expected_twice_on_a_line_must_fire_twice(tmp_path: Path, fixture_linter: Linter) -> None:
    page = tmp_path / "page.md"
    page.write_text("Painless and pain-free. <!-- expect: FXS001, FXS001 -->\n", encoding="utf-8")
    assert check_document(page, linter=fixture_linter) == []
    page.write_text("Painless and calm. <!-- expect: FXS001, FXS001 -->\n", encoding="utf-8")
    assert check_document(page, linter=fixture_linter) == ["-L1 FXS001 missing"]
